package se.canceranmalan

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.LocalDate

class ApiTest {
    private val options = ValidationOptions(today = LocalDate.of(2025, 6, 1), lang = Lang.EN)

    @Test
    fun `a typed report validates like its JSON`() {
        val report =
            Report(
                personalId = PersonalIdText("19640823-3234"),
                diagnosisDate = "2025-03-14",
                primarySite = "Cervix uteri",
                icd10 = "C53.9",
                morphology = "Skivepitelcancer",
                basisOfDiagnosis = BasisOfDiagnosis.HISTOPATHOLOGY,
                t = "T1b",
            )
        val issues = validate(report, options)
        assertEquals(
            listOf("SEX-SITE" to Severity.WARNING, "TNM-BASIS-REQUIRED" to Severity.ERROR),
            issues.map { it.ruleId to it.severity },
        )
        assertEquals(
            issues,
            validateJson(
                """{"personal_id":"19640823-3234","diagnosis_date":"2025-03-14","primary_site":"Cervix uteri",
                   "icd10":"C53.9","morphology":"Skivepitelcancer","basis_of_diagnosis":3,"t":"T1b"}""",
                options,
            ),
        )
    }

    @Test
    fun `a code outside the list is an issue, not an exception`() {
        val issues = validateJson("{\"partial\": true, \"basis_of_diagnosis\": 9}", options)
        assertEquals(listOf("WIRE-VALUE"), issues.map { it.ruleId })
        val allowed = issues.single().params["allowed"] as IssueParam.TextList
        assertEquals((1..8).map { it.toString() }, allowed.values)
    }

    @Test
    fun `records and ids never show a personal identity number`() {
        val report = Report(personalId = PersonalIdText("19640823-3234"), partial = true)
        assertFalse(report.toString().contains("3234"), report.toString())
        assertTrue(report.toString().contains("19640823-****"))
        PersonalId.parse("640823-3234", ParseOptions(LocalDate.of(2025, 1, 1))).use { id ->
            assertEquals("19640823-****", id.toString())
            assertEquals("19640823-3234", id.reveal())
            assertEquals(LocalDate.of(1964, 8, 23), id.birthDate())
            assertEquals(Sex.MALE, id.sex())
        }
        val protected = protectPatient(PatientRecord(personalId = PersonalIdText("19640823-3234"), firstName = "Åsa", town = "Umeå"))
        assertFalse(protected.toString().contains("3234"))
        assertEquals("PERSONUPPGIFT SKYDDAD", protected.surname)
        assertEquals(protected, protectPatient(protected))
    }

    @Test
    fun `errors are typed exceptions that name the problem`() {
        val e = assertThrows<CanceranmalanException.Report> { validateJson("{\n  \"t\": }", options) }
        assertEquals(2u, e.line)
        val p =
            assertThrows<CanceranmalanException.PersonalId> {
                PersonalId.parse("19640823-3235", ParseOptions(LocalDate.of(2025, 1, 1)))
            }
        assertEquals(PersonalIdError.CHECK_DIGIT, p.kind)
        assertFalse(p.message!!.contains("3235"))
    }

    @Test
    fun `without a reference date the host's local day is used`() {
        val before = LocalDate.now()
        val future = validateJson("{\"partial\": true, \"diagnosis_date\": \"${before.plusDays(1)}\"}", ValidationOptions())
        val today = validateJson("{\"partial\": true, \"diagnosis_date\": \"$before\"}", ValidationOptions())
        // Only meaningful when the day did not change while the test ran.
        if (LocalDate.now() == before) {
            assertEquals(listOf("DATE-FUTURE"), future.map { it.ruleId })
            assertEquals(emptyList<Issue>(), today)
        }
    }

    @Test
    fun `a typed report round-trips through the wire format`() {
        val json = "{\"icd10\":\"C50.9\",\"side\":\"left\",\"basis_of_diagnosis\":3,\"specimen_year\":2025}"
        val report = reportFromJson(json)
        assertEquals(Side.LEFT, report.side)
        assertEquals(BasisOfDiagnosis.HISTOPATHOLOGY, report.basisOfDiagnosis)
        assertEquals(json, reportToJson(report))
    }

    @Test
    fun `partial birth dates, interim numbers and bare ten digits`() {
        val opts = ParseOptions(LocalDate.of(2026, 11, 23))
        PersonalId.parse("19580072-2398", opts).use { id ->
            assertEquals(PersonalIdKind.SAMORDNINGSNUMMER, id.kind())
            assertEquals(null, id.birthDate())
            assertEquals(PartialDate(1958u, null, 12u), id.birthDateParts())
            assertEquals(null, id.ageAt(LocalDate.of(2026, 11, 23)))
            assertEquals(68u, id.ageAt(LocalDate.of(2026, 12, 31)))
        }
        PersonalId.parse("580312-T127", opts).use { id ->
            assertEquals(PersonalIdKind.INTERIM, id.kind())
            assertEquals("19580312-****", id.toString())
        }
        PersonalId.parse("5803122489", opts).use { assertEquals("19580312-2489", it.reveal()) }
    }

    @Test
    fun `rule sets, include and exclude, sources and reportability`() {
        val json = "{\"partial\": true, \"icd10\": \"C50.7\", \"side\": \"left\", \"specimen_year\": 25}"
        val only = validateJson(json, ValidationOptions(today = LocalDate.of(2025, 6, 1), include = listOf("SPECIMEN-YEAR-FORMAT")))
        assertEquals(listOf("SPECIMEN-YEAR-FORMAT"), only.map { it.ruleId })
        assertThrows<CanceranmalanException.Options> { validateJson(json, ValidationOptions(include = listOf("NO-SUCH"))) }
        assertTrue(rules(RuleSet.REGISTER).size > rules(RuleSet.FORM).size)
        assertTrue(sources().any { it.name == "reportability.tsv" })
        val r = reportability(Report(icd10 = "D05.1", diagnosisDate = "2024-02-01"), lang = Lang.EN)
        assertEquals(Route.RCC, r.route)
        assertEquals(false, r.clinicMustReport)
    }

    @Test
    fun `the field table is exposed`() {
        val table = fields(Lang.EN).associateBy { it.key }
        assertEquals(VisibleWhen("basis_of_diagnosis", listOf("4", "7")), table.getValue("autopsy_finding").visibleWhen)
        assertEquals(16.toUShort(), table.getValue("specimen_number").maxLength)
        assertEquals(listOf("right", "left", "bilateral", "unknown"), table.getValue("side").codes.map { it.key })
        assertEquals("Date of diagnosis", table.getValue("diagnosis_date").label)
    }

    @Test
    fun `the rule registry is exposed`() {
        val rules = rules()
        assertEquals(rules.size, rules.map { it.id }.toSet().size)
        assertTrue(rules.any { it.id == "AUTOPSY-DATE" && it.source.contains("Manual v3.0") })
    }

    @Test
    fun `random input gives issues or typed exceptions, never a crash`() {
        val rng = java.util.Random(20261123)
        // Lone surrogates, which a Kotlin String can hold and UTF-8 cannot, are in the mix.
        val chars = "{}[]\":,0123456789-+abcåäö \\\uD800\uDC00"
        val opts = ParseOptions(LocalDate.of(2026, 11, 23), allowTestPersons = true)
        val normal = "{\"partial\": true, \"t\": \"T2\"}"
        val expected = validateJson(normal, options)
        repeat(6000) { n ->
            val text = buildString { repeat(rng.nextInt(30)) { append(chars[rng.nextInt(chars.length)]) } }
            try {
                validateJson(text, options)
            } catch (e: CanceranmalanException.Report) {
                assertFalse(e.detail.isEmpty())
            } catch (e: java.nio.charset.CharacterCodingException) {
                // Text that is not well-formed UTF-16 never reaches the library.
                assertTrue(text.any { it.isSurrogate() })
            }
            try {
                PersonalId.parse(text.take(14), opts).close()
            } catch (e: CanceranmalanException.PersonalId) {
                assertFalse(e.message!!.contains(text.take(14)) && text.length >= 4)
            } catch (e: java.nio.charset.CharacterCodingException) {
                assertTrue(text.take(14).any { it.isSurrogate() })
            }
            // After every batch, a normal call still gives the right answer.
            if (n % 500 == 0) assertEquals(expected, validateJson(normal, options))
        }
        val secret = "19580312-2489\uD800"
        for (input in listOf("{\"comment\": \"$secret\"}", "{\"$secret\": 1}")) {
            val e = assertThrows<java.nio.charset.CharacterCodingException> { validateJson(input, options) }
            assertFalse(e.toString().contains("2489"), e.toString())
        }
        val p = assertThrows<java.nio.charset.CharacterCodingException> { PersonalId.parse(secret, opts) }
        assertFalse(p.toString().contains("2489"))
        assertEquals(listOf("TNM-BASIS-REQUIRED"), validateJson(normal, options).map { it.ruleId })
    }

    @Test
    fun `TNM, stage and FIGO with their defaults`() {
        val r = parseTnm("pT2 pN1b(2/11) cM0 G2", TnmOptions(icd10 = "C18.7", lang = Lang.EN))
        assertEquals("T2", r.t?.value)
        assertEquals("p", r.t?.prefixes)
        assertEquals(2u, r.n?.nodesInvolved)
        assertEquals(TnmBasis.PATHOLOGICAL, r.basis)
        assertEquals(listOf("G2"), r.descriptors)
        assertTrue(r.issues.isEmpty())
        val e = assertThrows<CanceranmalanException.Tnm> { parseTnm("no staging here", TnmOptions()) }
        assertEquals("no_tnm", e.code)
        val s = stage(StageInput(icd10 = "C34.1", t = "cT1b", n = "cN2", m = "cM0", edition = 9u, lang = Lang.EN))
        assertEquals(null, s.group)
        assertEquals(listOf("n"), s.missing)
        val f = parseFigo("Stage IIIC1r", FigoOptions(icd10 = "C53.9", edition = 2018u))
        assertEquals("IIIC1", f.stage)
        assertEquals("r", f.modality)
    }

    @Test
    fun `the TNM example runs and prints what the other languages print`() {
        val repo = System.getProperty("canceranmalan.repo")
        val out = java.io.ByteArrayOutputStream()
        val saved = System.out
        System.setOut(java.io.PrintStream(out, true, "UTF-8"))
        try {
            StageTnm.main(arrayOf("$repo/examples/tnm-samples.tsv"))
        } finally {
            System.setOut(saved)
        }
        val text = out.toString("UTF-8")
        // The Rust, Python and JavaScript examples print the same; CI compares those three.
        val expected = File("$repo/target/stage-tnm-expected.txt").takeIf { it.exists() }?.readText()
        if (expected != null) assertEquals(expected, text)
        assertTrue(text.contains("  stage IIIA\n  Stage IIIA by the table colorectum, UICC 8, any, row 6"), text)
        assertTrue(text.contains("  no stage; missing: n\n  No stage: with T1b N2 M0 the table lung, UICC 9"), text)
    }

    @Test
    fun `the example runs`() {
        main(arrayOf(System.getProperty("canceranmalan.repo") + "/examples/reports"))
    }

    @Test
    fun `the case-store example keeps events in H2 and replays them`() {
        val repo = System.getProperty("canceranmalan.repo") ?: ".."
        java.sql.DriverManager.getConnection("jdbc:h2:mem:api-test").use { db ->
            CaseStore.main(arrayOf("jdbc:h2:mem:api-test", "$repo/examples/reports"))
            db.createStatement().use { s ->
                s.executeQuery("SELECT COUNT(*) FROM case_event").use { r ->
                    r.next()
                    assertEquals(9, r.getInt(1))
                }
            }
            val cases = CaseStore.load(db)
            assertEquals(State.REGISTERED, cases.getValue("c1").state())
            assertEquals("c1", cases.getValue("c2").refersTo())
            assertEquals(true, cases.getValue("p1").urgent())
            val rows = inbox(cases.values.toList(), "KIR-1", java.time.LocalDate.parse("2025-04-12"))
            assertEquals(listOf("c2", "p1"), rows.map { it.case.id() })
            assertTrue(rows[0].followUpDue)
        }
    }

    @Test
    fun `validateMany gives what validateJson gives, report by report, in one call`() {
        val repo = System.getProperty("canceranmalan.repo") ?: ".."
        val texts =
            File("$repo/examples/reports").listFiles()!!.sortedBy { it.name }.map { it.readText() } +
                listOf("[1, 2]", "{\"partial\": true, \"t\": \"T2\"}")
        val options = ValidationOptions(today = LocalDate.parse("2025-06-01"), lang = Lang.EN)
        val results = validateMany(texts, options)
        assertEquals(texts.size, results.size)
        texts.zip(results).forEach { (text, result) ->
            if (text.trimStart().startsWith("{")) {
                assertEquals(validateJson(text, options), result.issues)
                assertEquals(null, result.error)
            } else {
                assertTrue(result.issues.isEmpty())
                assertTrue(result.error!!.isNotEmpty())
            }
        }
        assertEquals(emptyList<ReportIssues>(), validateMany(emptyList(), options))
        // A text with a pair of surrogates (an emoji) is UTF-8 like any other; a lone one is
        // refused before the batch crosses, as validateJson refuses it.
        val emoji = "{\"comment\": \"\uD83D\uDE00\", \"t\": \"T9\"}"
        assertEquals(listOf(validateJson(emoji, options)), validateMany(listOf(emoji), options).map { it.issues })
        assertThrows<java.nio.charset.CharacterCodingException> {
            validateMany(listOf(emoji, "{\"comment\": \"\uD800\"}"), options)
        }
    }

    @Test
    fun `a kept BatchValidator gives what validateMany gives, batch after batch`() {
        val repo = System.getProperty("canceranmalan.repo") ?: ".."
        val reports = File("$repo/examples/reports").listFiles()!!.sortedBy { it.name }.map { it.readText() }
        // The same values again and again (kept results are used), and a text that is no report.
        val texts = reports + reports.reversed() + listOf("[1, 2]", "{\"partial\": true, \"t\": \"T2\"}")
        for (options in listOf(
            ValidationOptions(today = LocalDate.parse("2025-06-01"), lang = Lang.EN),
            ValidationOptions(today = LocalDate.parse("2023-06-01"), exclude = listOf("REQUIRED")),
        )) {
            BatchValidator(options).use { validator ->
                repeat(3) { assertEquals(validateMany(texts, options), validator.validateMany(texts)) }
                assertEquals(emptyList<ReportIssues>(), validator.validateMany(emptyList()))
            }
        }
        assertThrows<CanceranmalanException.Options> { BatchValidator(ValidationOptions(include = listOf("NO-SUCH"))) }
    }

    @Test
    fun `a packed batch that does not end with its last text is refused, not read past`() {
        val options = ValidationOptions(today = LocalDate.parse("2025-06-01"))
        val text = "{}".toByteArray()
        val good =
            java.nio.ByteBuffer
                .allocate(4 + text.size)
                .putInt(text.size)
                .put(text)
                .array()
        assertEquals(1, validateManyUtf8(good, options).size)
        for (bad in listOf(good.copyOf(good.size - 1), byteArrayOf(0, 0, 0), byteArrayOf(0x7f, 0, 0, 0, 1))) {
            assertThrows<CanceranmalanException.Options> { validateManyUtf8(bad, options) }
        }
        val notUtf8 = byteArrayOf(0, 0, 0, 2, 0xC3.toByte(), 0x28)
        assertTrue(validateManyUtf8(notUtf8, options).single().error!!.contains("UTF-8"))
    }
}
