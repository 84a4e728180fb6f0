package se.canceranmalan

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.LocalDate

/** Runs the shared conformance vectors (tests/conformance, see its README) on the JVM. */
class ConformanceTest {
    private val repo = File(System.getProperty("canceranmalan.repo") ?: "..")

    private fun cases(kind: String): List<Pair<String, JSONObject>> =
        File(repo, "tests/conformance")
            .listFiles { f -> f.name.endsWith(".json") }!!
            .sortedBy { it.name }
            .map { JSONObject(it.readText()) to it.nameWithoutExtension }
            .filter { (doc, _) -> doc.getString("kind") == kind }
            .flatMap { (doc, file) ->
                val list = doc.getJSONArray("cases")
                (0 until list.length()).map { i -> list.getJSONObject(i) }.map { "$file: ${it.getString("name")}" to it }
            }

    private fun tests(
        kind: String,
        check: (JSONObject) -> Unit,
    ): List<DynamicTest> {
        val all = cases(kind)
        assertTrue(all.isNotEmpty(), "no $kind cases")
        return all.map { (name, case) -> DynamicTest.dynamicTest(name) { check(case) } }
    }

    private fun key(
        ruleId: String,
        severity: String,
        fields: List<String>,
    ) = "$ruleId|$severity|${fields.joinToString(",")}"

    private fun strings(a: JSONArray) = (0 until a.length()).map { a.getString(it) }

    /** An issue's params as the vectors write them: strings, integers and lists of strings. */
    private fun params(o: JSONObject): Map<String, IssueParam> =
        o.keySet().associateWith { k ->
            when (val v = o.get(k)) {
                is String -> IssueParam.Text(v)
                is Number -> IssueParam.Number(v.toLong())
                is JSONArray -> IssueParam.TextList(strings(v))
                else -> error("param $k: $v")
            }
        }

    @TestFactory
    fun validate() =
        tests("validate") { case ->
            val options =
                ValidationOptions(
                    today = LocalDate.parse(case.getString("today")),
                    lang = if (case.optString("lang", "sv") == "en") Lang.EN else Lang.SV,
                    allowTestPersons = case.optBoolean("allow_test_persons", false),
                    ruleSet = if (case.optString("rule_set", "form") == "register") RuleSet.REGISTER else RuleSet.FORM,
                    include = case.optJSONArray("include")?.let(::strings),
                    exclude = case.optJSONArray("exclude")?.let(::strings) ?: emptyList(),
                )
            val report = case.optJSONObject("report")
            val text = report?.toString() ?: case.getString("report_json")
            val secrets =
                listOfNotNull(
                    case.optString("secret").ifEmpty { null },
                    report?.optString("personal_id")?.takeIf { it.length >= 10 },
                )
            // The number without its separator too: a leak need not keep the input's form.
            val allSecrets = secrets + secrets.map { it.replace("-", "").replace("+", "") }
            if (case.has("expect_error")) {
                assertEquals("report_error", case.getString("expect_error"))
                val e = assertThrows<CanceranmalanException.Report> { validateJson(text, options) }
                assertFalse(allSecrets.any { e.message!!.contains(it) || e.detail.contains(it) })
                return@tests
            }
            val issues = validateJson(text, options)
            val expect = case.getJSONArray("expect")
            val want = (0 until expect.length()).map { expect.getJSONObject(it) }
            assertEquals(
                want.map { key(it.getString("rule_id"), it.getString("severity"), strings(it.getJSONArray("fields"))) }.sorted(),
                issues.map { key(it.ruleId, it.severity.name.lowercase(), it.fields) }.sorted(),
            )
            for (w in want.filter { it.has("message") || it.has("params") }) {
                val actual = issues.first { it.ruleId == w.getString("rule_id") && it.fields == strings(w.getJSONArray("fields")) }
                if (w.has("message")) assertEquals(w.getString("message"), actual.message)
                if (w.has("params")) assertEquals(params(w.getJSONObject("params")), actual.params)
            }
            assertFalse(issues.any { i -> allSecrets.any { i.message.contains(it) || i.toString().contains(it) } })
            // The typed entry point gives the same issues wherever the report fits the typed record.
            report?.let(::typedReport)?.let { typed ->
                assertEquals(issues, validate(typed, options))
                assertFalse(allSecrets.any { typed.toString().contains(it) }, "Report.toString shows the number")
            }
        }

    @TestFactory
    fun personalId() =
        tests("personal_id") { case ->
            val input = case.getString("input")
            val options = ParseOptions(LocalDate.parse(case.getString("reference_date")), case.getBoolean("allow_test_persons"))
            if (case.has("expect_error")) {
                val e = assertThrows<CanceranmalanException.PersonalId> { PersonalId.parse(input, options) }
                assertEquals(case.getString("expect_error"), e.kind.name.lowercase())
                val t = input.trim()
                if (t.length >= 4) assertFalse(e.message!!.contains(t) || e.toString().contains(t))
                return@tests
            }
            PersonalId.parse(input, options).use { id ->
                val expect = case.getJSONObject("expect")
                assertEquals(expect.getString("kind"), id.kind().name.lowercase())
                assertEquals(expect.getString("canonical"), id.reveal())
                assertEquals(expect.opt("birth_date").takeIf { it != JSONObject.NULL }, id.birthDate()?.toString())
                assertEquals(expect.opt("sex").takeIf { it != JSONObject.NULL }, id.sex()?.name?.lowercase())
                assertEquals(expect.getString("masked"), id.toString())
                assertEquals(expect.opt("age").takeIf { it != JSONObject.NULL }, id.ageAt(options.referenceDate!!)?.toInt())
                expect.optJSONArray("birth_parts")?.let { parts ->
                    val p = id.birthDateParts()!!
                    val want = (0 until 3).map { parts.opt(it).takeIf { v -> v != JSONObject.NULL } }
                    assertEquals(want, listOf(p.year.toInt(), p.month?.toInt(), p.day?.toInt()))
                }
            }
        }

    @TestFactory
    fun protect() =
        tests("protect") { case ->
            val input = case.getJSONObject("input").toString()
            if (case.has("expect_error")) {
                assertEquals("report_error", case.getString("expect_error"))
                assertThrows<CanceranmalanException.Report> { protectPatientJson(input) }
            } else {
                val got = JSONObject(protectPatientJson(input))
                assertTrue(case.getJSONObject("expect").similar(got), "got $got")
            }
        }

    @TestFactory
    fun reportability() =
        tests("reportability") { case ->
            val r = reportabilityJson(case.getJSONObject("report").toString(), LocalDate.parse(case.getString("today")))
            val expect = case.getJSONObject("expect")

            fun opt(k: String) = expect.opt(k).takeIf { it != JSONObject.NULL }
            assertEquals(opt("reportable"), r.reportable)
            assertEquals(opt("clinic_must_report"), r.clinicMustReport)
            assertEquals(expect.getString("route"), r.route.name.lowercase())
            assertEquals(expect.getString("category"), r.category)
            assertTrue(r.message.isNotEmpty() && r.source.isNotEmpty())
        }

    @TestFactory
    fun icd10Title() =
        tests("icd10_title") { case ->
            assertEquals(case.opt("expect").takeIf { it != JSONObject.NULL }, icd10Title(case.getString("input")))
        }

    @TestFactory
    fun mask() =
        tests("mask") { case ->
            assertEquals(case.getString("expect"), mask(case.getString("input")))
        }

    @TestFactory
    fun visibleFields() =
        tests("visible_fields") { case ->
            val report = case.getJSONObject("report")
            val want = strings(case.getJSONArray("expect"))
            assertEquals(want, visibleFieldsJson(report.toString()))
            typedReport(report)?.let { assertEquals(want, visibleFields(it)) }
        }

    @TestFactory
    fun validateFieldVectors() =
        tests("validate_field") { case ->
            val options = ValidationOptions(today = LocalDate.parse(case.getString("today")))
            val report = case.getJSONObject("report")
            val field = case.getString("field")
            if (case.has("expect_error")) {
                assertEquals("unknown_field", case.getString("expect_error"))
                assertThrows<CanceranmalanException.Options> { validateFieldJson(report.toString(), field, options) }
                return@tests
            }
            val want =
                (0 until case.getJSONArray("expect").length())
                    .map { case.getJSONArray("expect").getJSONObject(it) }
                    .map { key(it.getString("rule_id"), it.getString("severity"), strings(it.getJSONArray("fields"))) }
                    .sorted()
            val results =
                listOfNotNull(
                    validateFieldJson(report.toString(), field, options),
                    typedReport(report)?.let { validateField(it, field, options) },
                )
            for (issues in results) {
                assertEquals(want, issues.map { key(it.ruleId, it.severity.name.lowercase(), it.fields) }.sorted())
                case.optString("secret").ifEmpty { null }?.let { s -> assertTrue(issues.none { s in it.message }) }
            }
        }

    /** Checks `expect`, `expect_some` and `expect_keys` of a form_definition or json_schema case. */
    private fun checkPicked(
        case: JSONObject,
        got: Any,
    ) {
        case.optJSONObject("expect")?.let { assertTrue(subsetEq(it, got), "want $it\n got $got") }
        case.optJSONArray("expect")?.let { assertTrue(subsetEq(it, got), "want $it\n got $got") }
        case.optJSONObject("expect_some")?.let { some ->
            for (list in some.keySet()) {
                val have = (got as JSONObject).getJSONArray(list)
                val items = some.getJSONArray(list)
                for (i in 0 until items.length()) {
                    val item = items.get(i)
                    assertTrue((0 until have.length()).any { subsetEq(item, have.get(it)) }, "$list has nothing like $item")
                }
            }
        }
        case.optJSONArray("expect_keys")?.let { keys ->
            when (got) {
                is JSONArray -> assertEquals(strings(keys), (0 until got.length()).map { got.getJSONObject(it).getString("key") })
                // org.json keeps no key order: the keys as a set.
                is JSONObject -> assertEquals(strings(keys).toSet(), got.keySet())
                else -> error("expect_keys on $got")
            }
        }
    }

    @TestFactory
    fun formDefinitionVectors() =
        tests("form_definition") { case ->
            val lang =
                when (case.getString("lang")) {
                    "sv" -> Lang.SV
                    "en" -> Lang.EN
                    // Lang is an enum here: another language cannot even be asked for.
                    else -> return@tests assertEquals("lang", case.getString("expect_error"))
                }
            val form = JSONObject(formDefinition(lang))
            val fieldList = form.getJSONArray("fields")
            val schemes = form.getJSONArray("schemes")
            val picked: Any =
                when {
                    case.has("field") ->
                        (0 until fieldList.length()).map { fieldList.getJSONObject(it) }.first {
                            it.getString("key") ==
                                case.getString("field")
                        }
                    case.has("scheme") ->
                        (0 until schemes.length()).map { schemes.getJSONObject(it) }.first {
                            it.getString("scheme") ==
                                case.getString("scheme")
                        }
                    else -> fieldList
                }
            checkPicked(case, picked)
        }

    @TestFactory
    fun jsonSchemaVectors() =
        tests("json_schema") { case ->
            val schema = JSONObject(jsonSchema())
            val pointer = case.getString("pointer")
            val picked = if (pointer.isEmpty()) schema else schema.query(pointer)
            checkPicked(case, picked)
        }

    /** Every key of [want] in [got] with an equal value; objects key by key. */
    private fun subsetEq(
        want: Any?,
        got: Any?,
    ): Boolean =
        when (want) {
            is JSONObject -> got is JSONObject && want.keySet().all { got.has(it) && subsetEq(want.get(it), got.get(it)) }
            is JSONArray -> got is JSONArray && want.similar(got)
            is Number -> got is Number && want.toDouble() == got.toDouble()
            else -> want == got
        }

    private fun compare(
        expect: JSONObject,
        got: JSONObject,
        issues: List<Issue>,
    ) {
        for (k in expect.keySet()) {
            if (k == "issues") {
                val list = expect.getJSONArray("issues")
                val want =
                    (0 until list.length())
                        .map { list.getJSONObject(it) }
                        .map { key(it.getString("rule_id"), it.getString("severity"), strings(it.getJSONArray("fields"))) }
                        .sorted()
                val have = issues.map { key(it.ruleId, it.severity.name.lowercase(), it.fields) }.sorted()
                assertEquals(want, have)
            } else {
                val g = if (got.has(k)) got.get(k) else JSONObject.NULL
                assertTrue(subsetEq(expect.get(k), g), "$k: want ${expect.get(k)}, got $g")
            }
        }
    }

    private fun category(c: TnmCategory?): Any =
        c?.let {
            JSONObject()
                .put("value", it.value)
                .put("prefixes", it.prefixes)
                .put("inherited", it.inherited)
                .put("qualifiers", JSONArray(it.qualifiers))
                .put("nodes", it.nodesInvolved?.let { a -> JSONArray(listOf(a.toLong(), it.nodesExamined?.toLong())) } ?: JSONObject.NULL)
                .put("sites", JSONArray(it.sites))
        } ?: JSONObject.NULL

    private fun tnmObject(r: Tnm): JSONObject =
        JSONObject()
            .put("t", category(r.t))
            .put("n", category(r.n))
            .put("m", category(r.m))
            .put("basis", r.basis?.name?.lowercase() ?: JSONObject.NULL)
            .put("canonical", r.canonical)
            .put("descriptors", JSONArray(r.descriptors))
            .put("edition_tag", r.editionTag?.toInt() ?: JSONObject.NULL)

    private fun JSONObject.optText(k: String): String? = if (has(k) && !isNull(k)) getString(k) else null

    @TestFactory
    fun parseTnm() =
        tests("parse_tnm") { case ->
            val options = TnmOptions(icd10 = case.optText("icd10"), edition = case.optInt("edition", 8).toUByte())
            if (case.has("expect_error")) {
                val e = assertThrows<CanceranmalanException.Tnm> { parseTnm(case.getString("input"), options) }
                assertEquals(case.getString("expect_error"), e.code)
                return@tests
            }
            val r = parseTnm(case.getString("input"), options)
            compare(case.getJSONObject("expect"), tnmObject(r), r.issues)
            if (r.canonical.isNotEmpty()) {
                assertTrue(tnmObject(parseTnm(r.canonical, options)).similar(tnmObject(r)), "canonical ${r.canonical}")
            }
        }

    @TestFactory
    fun stage() =
        tests("stage") { case ->
            val input =
                StageInput(
                    icd10 = case.getString("icd10"),
                    t = case.optText("t"),
                    n = case.optText("n"),
                    m = case.optText("m"),
                    edition = case.optInt("edition", 8).toUByte(),
                    morphology = case.optText("morphology"),
                    age = if (case.has("age")) case.getInt("age").toUInt() else null,
                    psa = if (case.has("psa")) case.getDouble("psa") else null,
                    gradeGroup = if (case.has("grade_group")) case.getInt("grade_group").toUByte() else null,
                    s = case.optText("s"),
                )
            if (case.has("expect_error")) {
                val e = assertThrows<CanceranmalanException.Options> { stage(input) }
                assertTrue(e.detail.startsWith(case.getString("expect_error") + ":"), e.detail)
                return@tests
            }
            val s = stage(input)
            assertTrue(s.explanation.isNotEmpty())
            if (s.group != null) assertTrue(s.table != null && s.row != null && s.source != null)
            val got =
                JSONObject()
                    .put("group", s.group ?: JSONObject.NULL)
                    .put("missing", JSONArray(s.missing))
                    .put("table", s.table ?: JSONObject.NULL)
                    .put("row", s.row?.toInt() ?: JSONObject.NULL)
            compare(case.getJSONObject("expect"), got, emptyList())
        }

    @TestFactory
    fun parseFigo() =
        tests("parse_figo") { case ->
            val options =
                FigoOptions(
                    icd10 = case.getString("icd10"),
                    edition = if (case.has("edition")) case.getInt("edition").toUShort() else null,
                )
            if (case.has("expect_error")) {
                val e = assertThrows<CanceranmalanException.Figo> { parseFigo(case.getString("input"), options) }
                assertEquals(case.getString("expect_error"), e.code)
                return@tests
            }
            val r = parseFigo(case.getString("input"), options)
            val got =
                JSONObject()
                    .put("label", r.label)
                    .put("stage", r.stage)
                    .put("modality", r.modality ?: JSONObject.NULL)
                    .put("molecular", r.molecular ?: JSONObject.NULL)
                    .put("edition", r.edition?.toInt() ?: JSONObject.NULL)
            compare(case.getJSONObject("expect"), got, r.issues)
        }

    // ---- Case lifecycle ----

    private fun actor(o: JSONObject) = Actor(o.getString("user"), o.getString("unit"), Role.valueOf(o.getString("role").uppercase()))

    private fun action(key: String) = Action.valueOf(key.uppercase())

    private fun step(
        current: Case?,
        s: JSONObject,
    ): Case {
        val by = actor(s.getJSONObject("by"))
        val at = s.getString("at")
        val id = s.optText("id")
        val comment = s.optText("comment")
        return when {
            s.getString("action") == "open" && current == null -> Case.openJson(s.getJSONObject("report").toString(), by, at, id)
            s.getString(
                "action",
            ) == "remind" &&
                current == null -> Case.reminder(s.getString("personal_id"), s.getString("unit"), by, at, id)
            current == null -> error("a script starts with open or remind")
            s.getString("action") == "correct" ->
                current.correct(reportFromJson(s.getJSONObject("report").toString()), by, at, comment ?: "", id)
            s.getString("action") == "withdraw" -> current.withdraw(by, at, comment ?: "", id)
            s.has("report") ->
                current.performJson(
                    action(s.getString("action")),
                    by,
                    at,
                    s.getJSONObject("report").toString(),
                    comment,
                    s.optText("value"),
                )
            else -> current.perform(action(s.getString("action")), by, at, comment = comment, value = s.optText("value"))
        }
    }

    private fun roundTrips(c: Case) {
        assertEquals(c, Case.replay(c.events()))
        assertEquals(c, Case.replay(c.events().map { eventFromJson(eventToJson(it)) }))
        assertEquals(c, Case.fromJson(c.toJson()))
        val pid = c.report().personalId?.value
        if (pid != null && pid.length >= 10) {
            assertFalse(c.toString().contains(pid))
            assertFalse(c.events().toString().contains(pid), "an event's toString shows the personal identity number")
        }
    }

    @TestFactory
    fun caseScript() =
        tests("case_script") { case ->
            var current: Case? = null
            val made = mutableListOf<Case>()
            val steps = case.getJSONArray("steps")
            for (i in 0 until steps.length()) {
                val s = steps.getJSONObject(i)
                val before = current?.toJson()
                if (s.has("expect_error")) {
                    val e = assertThrows<CanceranmalanException.Transition>("step $i") { step(current, s) }
                    assertEquals(s.getString("expect_error"), e.reason, "step $i: ${e.messageEn}")
                    assertTrue(e.messageSv.isNotEmpty() && e.messageEn.isNotEmpty())
                } else {
                    val next = step(current, s)
                    val got = JSONObject(next.toJson())
                    if (s.has("expect")) assertTrue(subsetEq(s.getJSONObject("expect"), got), "step $i: want ${s.get("expect")}, got $got")
                    assertEquals(before, current?.toJson(), "step $i: the case acted on changed")
                    made += next
                    current = next
                    continue
                }
                assertEquals(before, current?.toJson(), "step $i: a refusal changed the case")
            }
            made.forEach(::roundTrips)
        }

    @TestFactory
    fun inbox() =
        tests("inbox") { case ->
            val scripts = case.getJSONArray("scripts")
            val cases =
                (0 until scripts.length()).map { i ->
                    val steps = scripts.getJSONArray(i)
                    (0 until steps.length()).fold(null as Case?) { cur, j -> step(cur, steps.getJSONObject(j)) }!!
                }
            val rows = inbox(cases, case.getString("unit"), LocalDate.parse(case.getString("today")))
            val want = case.getJSONArray("expect")
            assertEquals(want.length(), rows.size)
            rows.forEachIndexed { i, r ->
                val got =
                    JSONObject()
                        .put("id", r.case.id())
                        .put("arrival", r.arrival)
                        .put("status", r.status.name.lowercase())
                        .put("colour", r.colour.name.lowercase())
                        .put("responsible", r.responsible ?: JSONObject.NULL)
                        .put("follow_up", r.followUp?.toString() ?: JSONObject.NULL)
                        .put("follow_up_due", r.followUpDue)
                        .put("note", r.note ?: JSONObject.NULL)
                        .put("urgent", r.urgent)
                        .put("diagnosis_date", r.diagnosisDate ?: JSONObject.NULL)
                        .put("death_date", r.deathDate ?: JSONObject.NULL)
                assertTrue(subsetEq(want.getJSONObject(i), got), "row $i: want ${want.get(i)}, got $got")
            }
        }

    @TestFactory
    fun duplicates() =
        tests("duplicates") { case ->
            val others = case.getJSONArray("others")
            val found =
                possibleDuplicates(
                    reportFromJson(case.getJSONObject("report").toString()),
                    (0 until others.length()).map { reportFromJson(others.getJSONObject(it).toString()) },
                    Lang.EN,
                )
            val got = JSONArray(found.map { JSONObject().put("index", it.index.toInt()).put("rule", it.rule) })
            assertTrue(case.getJSONArray("expect").similar(got), "want ${case.get("expect")}, got $got")
            assertTrue(found.all { it.message.isNotEmpty() })
        }

    @TestFactory
    fun caseJson() =
        tests("case_json") { case ->
            val input = case.getString("input")
            val want = case.optJSONObject("expect_error")
            when (want?.getString("kind")) {
                null -> roundTrips(Case.fromJson(input))
                "format" -> {
                    val e = assertThrows<CanceranmalanException.EventFormat> { Case.fromJson(input) }
                    assertEquals(want.getString("at"), e.at)
                }
                else -> {
                    val e = assertThrows<CanceranmalanException.Transition> { Case.fromJson(input) }
                    assertEquals(want.getString("reason"), e.reason)
                }
            }
        }
}

/** The typed record for a wire-format object, or null where the object does not fit it. */
fun typedReport(o: JSONObject): Report? {
    val text = o.toString()
    // An object that decodes without a wire-format issue fits the typed record exactly.
    val fits = validateJson(text, ValidationOptions()).none { it.ruleId.startsWith("WIRE-") }
    return if (fits) reportFromJson(text) else null
}
