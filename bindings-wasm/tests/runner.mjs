// The conformance-vector runner shared by the Node tests and the Chromium page.
// `lib` is the loaded package (web or nodejs target); each check returns a list of failures.

const key = (ruleId, severity, fields) => JSON.stringify([ruleId, severity, fields]);

function secretsOf(c) {
  const out = c.secret ? [c.secret] : [];
  const pid = c.report && typeof c.report.personal_id === "string" ? c.report.personal_id : null;
  if (pid && pid.length >= 10) out.push(pid);
  // The number without its separator too: a leak need not keep the input's form.
  return [...out, ...out.map((s) => s.replace(/[-+]/g, ""))];
}

/** Params compared as the vectors write them (key order aside). */
function sameParams(got, want) {
  const keys = Object.keys(want).sort();
  return (
    JSON.stringify(Object.keys(got).sort()) === JSON.stringify(keys) &&
    keys.every((k) => JSON.stringify(got[k]) === JSON.stringify(want[k]))
  );
}

function validateCase(lib, c) {
  const failures = [];
  const inputs = "report" in c ? [c.report, JSON.stringify(c.report)] : [c.report_json];
  const secrets = secretsOf(c);
  for (const report of inputs) {
    const [y, m, d] = c.today.split("-").map(Number);
    for (const today of [c.today, new Date(y, m - 1, d)]) {
      const options = {
        today,
        lang: c.lang ?? "sv",
        allowTestPersons: c.allow_test_persons ?? false,
        ruleSet: c.rule_set,
        include: c.include,
        exclude: c.exclude,
      };
      let issues;
      try {
        issues = lib.validate(report, options);
      } catch (e) {
        if (!c.expect_error) {
          failures.push(`unexpected ${e.name}: ${e.message}`);
        } else if (c.expect_error !== "report_error") {
          failures.push(`a validate case can only expect report_error, not ${c.expect_error}`);
        } else if (e.name !== "ReportError" || !(e instanceof Error)) {
          failures.push(`expected ReportError, got ${e.name}`);
        } else if (secrets.some((s) => e.message.includes(s))) {
          failures.push("error message shows the personal identity number");
        }
        continue;
      }
      if (c.expect_error) {
        failures.push(`expected ReportError, got ${JSON.stringify(issues)}`);
        continue;
      }
      const got = issues.map((i) => key(i.ruleId, i.severity, i.fields)).sort();
      const want = c.expect.map((e) => key(e.rule_id, e.severity, e.fields)).sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        failures.push(`want ${want.join(" ")}\n got ${got.join(" ")}`);
        continue;
      }
      for (const e of c.expect.filter((e) => "message" in e || "params" in e)) {
        const actual = issues.find(
          (i) => i.ruleId === e.rule_id && JSON.stringify(i.fields) === JSON.stringify(e.fields),
        );
        if ("message" in e && actual.message !== e.message) failures.push(`message: want ${e.message}\n got ${actual.message}`);
        if ("params" in e && !sameParams(actual.params, e.params)) {
          failures.push(`params: want ${JSON.stringify(e.params)}\n got ${JSON.stringify(actual.params)}`);
        }
      }
      if (issues.some((i) => secrets.some((s) => `${i.message} ${i.fields.join(" ")}`.includes(s)))) {
        failures.push("a message shows the personal identity number");
      }
    }
  }
  return failures;
}

function personalIdCase(lib, c) {
  const options = { referenceDate: c.reference_date, allowTestPersons: c.allow_test_persons };
  let id;
  try {
    id = lib.PersonalId.parse(c.input, options);
  } catch (e) {
    if (!c.expect_error) return [`unexpected ${e.name} ${e.kind}`];
    const failures = [];
    if (e.name !== "PersonalIdError" || e.kind !== c.expect_error) {
      failures.push(`want PersonalIdError ${c.expect_error}, got ${e.name} ${e.kind}`);
    }
    const text = c.input.trim();
    if (text.length >= 4 && (e.message.includes(text) || String(e).includes(text))) {
      failures.push("error shows the input");
    }
    return failures;
  }
  try {
    if (c.expect_error) return [`want error ${c.expect_error}, got ${id.kind}`];
    const got = {
      kind: id.kind,
      canonical: id.reveal(),
      birth_date: id.birthDate ?? null,
      sex: id.sex ?? null,
      masked: String(id),
      age: id.ageAt(c.reference_date) ?? null,
    };
    if ("birth_parts" in c.expect) {
      const p = id.birthDateParts;
      got.birth_parts = p === undefined ? null : [p.year, p.month, p.day];
    }
    const failures = [];
    if (JSON.stringify(got) !== JSON.stringify(c.expect)) {
      failures.push(`want ${JSON.stringify(c.expect)}\n got ${JSON.stringify(got)}`);
    }
    if (`${id}`.includes(id.reveal()) || JSON.stringify({ id }).includes(id.reveal())) {
      failures.push("the number is shown unmasked");
    }
    return failures;
  } finally {
    id.free();
  }
}

function protectCase(lib, c) {
  try {
    const got = lib.protectPatient(c.input);
    if (c.expect_error) return ["expected ReportError"];
    return JSON.stringify(got) === JSON.stringify(c.expect)
      ? []
      : [`want ${JSON.stringify(c.expect)}\n got ${JSON.stringify(got)}`];
  } catch (e) {
    return c.expect_error === "report_error" && e.name === "ReportError" ? [] : [`unexpected ${e.name}: ${e.message}`];
  }
}

function reportabilityCase(lib, c) {
  const r = lib.reportability(c.report, { today: c.today });
  const got = { reportable: r.reportable, clinic_must_report: r.clinicMustReport, route: r.route, category: r.category };
  return JSON.stringify(got) === JSON.stringify(c.expect) && r.message && r.source
    ? []
    : [`want ${JSON.stringify(c.expect)}\n got ${JSON.stringify(got)}`];
}

function visibleFieldsCase(lib, c) {
  const failures = [];
  for (const report of [c.report, JSON.stringify(c.report)]) {
    const got = lib.visibleFields(report);
    if (JSON.stringify(got) !== JSON.stringify(c.expect)) failures.push(`want ${c.expect}\n got ${got}`);
  }
  return failures;
}

function validateFieldCase(lib, c) {
  if (c.expect_error === "unknown_field") {
    try {
      lib.validateField(c.report, c.field, { today: c.today });
    } catch (e) {
      return e instanceof RangeError && e.field === "key" ? [] : [`want RangeError, got ${e.name}`];
    }
    return ["want RangeError, got issues"];
  }
  const failures = [];
  for (const report of [c.report, JSON.stringify(c.report)]) {
    const issues = lib.validateField(report, c.field, { today: c.today });
    const got = issues.map((i) => key(i.ruleId, i.severity, i.fields)).sort();
    const want = c.expect.map((e) => key(e.rule_id, e.severity, e.fields)).sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`want ${want.join(" ")}\n got ${got.join(" ")}`);
    if (c.secret && issues.some((i) => i.message.includes(c.secret))) failures.push("a message shows the secret");
  }
  return failures;
}

/** `expect`, `expect_some` and `expect_keys` of a form_definition or json_schema case. */
function checkPicked(c, got) {
  const failures = [];
  if ("expect" in c && !subsetEq(c.expect, got)) failures.push(`want ${JSON.stringify(c.expect)}\n got ${JSON.stringify(got)}`);
  for (const [list, items] of Object.entries(c.expect_some ?? {})) {
    for (const item of items) {
      if (!got[list].some((x) => subsetEq(item, x))) failures.push(`${list} has nothing like ${JSON.stringify(item)}`);
    }
  }
  if ("expect_keys" in c) {
    const keys = Array.isArray(got) ? got.map((f) => f.key) : Object.keys(got);
    if (JSON.stringify(keys) !== JSON.stringify(c.expect_keys)) failures.push(`want keys ${c.expect_keys}\n got ${keys}`);
  }
  return failures;
}

function formDefinitionCase(lib, c) {
  if (c.expect_error === "lang") {
    try {
      lib.formDefinition(c.lang);
    } catch (e) {
      return e instanceof TypeError ? [] : [`want TypeError, got ${e.name}`];
    }
    return ["want TypeError, got a definition"];
  }
  const form = lib.formDefinition(c.lang);
  const picked =
    "field" in c ? form.fields.find((f) => f.key === c.field) : "scheme" in c ? form.schemes.find((s) => s.scheme === c.scheme) : form.fields;
  return picked === undefined ? ["nothing picked"] : checkPicked(c, picked);
}

function jsonSchemaCase(lib, c) {
  let got = lib.jsonSchema();
  for (const part of c.pointer.split("/").slice(1)) got = got?.[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  return got === undefined ? ["no such pointer"] : checkPicked(c, got);
}

function maskCase(lib, c) {
  const got = lib.mask(c.input);
  return got === c.expect ? [] : [`want ${c.expect}, got ${got}`];
}

/** Every key of `want` in `got` with an equal value; objects key by key. */
function subsetEq(want, got) {
  if (want !== null && typeof want === "object" && !Array.isArray(want)) {
    return got !== null && typeof got === "object" && Object.entries(want).every(([k, v]) => k in got && subsetEq(v, got[k]));
  }
  return JSON.stringify(want) === JSON.stringify(got);
}

const issueKey = (i) => JSON.stringify([i.rule_id ?? i.ruleId, i.severity, i.fields]);

function compare(expect, got, issues) {
  const failures = [];
  for (const [k, v] of Object.entries(expect)) {
    if (k === "issues") {
      const want = v.map(issueKey).sort();
      const have = issues.map(issueKey).sort();
      if (JSON.stringify(want) !== JSON.stringify(have)) failures.push(`issues\n want ${want}\n got ${have}`);
    } else if (!subsetEq(v, got[k])) {
      failures.push(`${k}: want ${JSON.stringify(v)}, got ${JSON.stringify(got[k])}`);
    }
  }
  return failures;
}

const tnmObject = (r) => ({
  t: r.t,
  n: r.n,
  m: r.m,
  basis: r.basis,
  canonical: r.canonical,
  descriptors: r.descriptors,
  edition_tag: r.editionTag,
});

function parseTnmCase(lib, c) {
  const options = { icd10: c.icd10, edition: c.edition };
  let r;
  try {
    r = lib.parseTnm(c.input, options);
  } catch (e) {
    return c.expect_error && e.name === "TnmError" && e.code === c.expect_error ? [] : [`unexpected ${e.name} ${e.code}: ${e.message}`];
  }
  if (c.expect_error) return [`want TnmError ${c.expect_error}, got ${r.canonical}`];
  const failures = compare(c.expect, tnmObject(r), r.issues);
  if (r.canonical) {
    const again = lib.parseTnm(r.canonical, options);
    if (JSON.stringify(tnmObject(again)) !== JSON.stringify(tnmObject(r))) failures.push(`canonical ${r.canonical} reads differently`);
  }
  return failures;
}

function stageCase(lib, c) {
  const options = {
    icd10: c.icd10,
    t: c.t,
    n: c.n,
    m: c.m,
    edition: c.edition,
    morphology: c.morphology,
    age: c.age,
    psa: c.psa,
    gradeGroup: c.grade_group,
    s: c.s,
  };
  let s;
  try {
    s = lib.stage(options);
  } catch (e) {
    return c.expect_error && e instanceof RangeError && e.field === c.expect_error ? [] : [`unexpected ${e.name} ${e.field}: ${e.message}`];
  }
  if (c.expect_error) return [`want RangeError ${c.expect_error}, got ${s.group}`];
  const failures = compare(c.expect, s, []);
  if (!s.explanation) failures.push("no explanation");
  if (s.group !== null && !(s.table && s.row && s.source)) failures.push("a group without its table, row and source");
  return failures;
}

function parseFigoCase(lib, c) {
  let r;
  try {
    r = lib.parseFigo(c.input, { icd10: c.icd10, edition: c.edition });
  } catch (e) {
    return c.expect_error && e.name === "FigoError" && e.code === c.expect_error ? [] : [`unexpected ${e.name} ${e.code}: ${e.message}`];
  }
  if (c.expect_error) return [`want FigoError ${c.expect_error}, got ${r.label}`];
  return compare(c.expect, r, r.issues);
}

// ---- Case lifecycle ----

function caseStep(lib, current, s) {
  const o = { by: s.by, at: s.at, id: s.id };
  if (s.action === "open" && !current) return lib.Case.open(s.report, o);
  if (s.action === "remind" && !current) return lib.Case.reminder(s.personal_id, { ...o, unit: s.unit });
  if (!current) throw new Error("a script starts with open or remind");
  if (s.action === "correct") return current.correct(s.report, { ...o, comment: s.comment ?? "" });
  if (s.action === "withdraw") return current.withdraw({ ...o, reason: s.comment ?? "" });
  return current.perform(s.action, { by: s.by, at: s.at, comment: s.comment, report: s.report, value: s.value });
}

function caseRoundTrips(lib, c) {
  const failures = [];
  if (!lib.Case.replay(c.events).equals(c)) failures.push("replay gives another case");
  if (!lib.Case.replay(c.events.map((e) => JSON.stringify(e))).equals(c)) failures.push("replay of JSON texts differs");
  if (!lib.Case.fromJson(c.toJson()).equals(c)) failures.push("fromJson(toJson()) differs");
  const pid = c.report.personal_id;
  if (pid && JSON.stringify(c).includes(pid)) failures.push("JSON.stringify(case) shows the personal identity number");
  return failures;
}

function caseScriptCase(lib, c) {
  let current = null;
  const made = [];
  for (const [i, s] of c.steps.entries()) {
    const before = current ? current.toJson() : null;
    let next;
    try {
      next = caseStep(lib, current, s);
    } catch (e) {
      if (!s.expect_error) return [`step ${i}: refused: ${e.name} ${e.reason} ${e.message}`];
      if (e.name !== "TransitionError" || e.reason !== s.expect_error) return [`step ${i}: want ${s.expect_error}, got ${e.name} ${e.reason} ${e.message}`];
      if (!e.messageSv || !e.messageEn) return [`step ${i}: no message`];
      if ((current ? current.toJson() : null) !== before) return [`step ${i}: the case changed`];
      continue;
    }
    if (s.expect_error) return [`step ${i}: want ${s.expect_error}, accepted`];
    const got = JSON.parse(next.toJson());
    if (s.expect && !subsetEq(s.expect, got)) return [`step ${i}: want ${JSON.stringify(s.expect)}, got ${JSON.stringify(got)}`];
    if ((current ? current.toJson() : null) !== before) return [`step ${i}: the case acted on changed`];
    made.push(next);
    current = next;
  }
  return made.flatMap((m) => caseRoundTrips(lib, m));
}

function inboxCase(lib, c) {
  const cases = c.scripts.map((script) => script.reduce((cur, s) => caseStep(lib, cur, s), null));
  const rows = lib.inbox(cases, { unit: c.unit, today: c.today });
  const got = rows.map((r) => ({
    id: r.case.id,
    arrival: r.arrival,
    status: r.status,
    colour: r.colour,
    responsible: r.responsible,
    follow_up: r.followUp,
    follow_up_due: r.followUpDue,
    note: r.note,
    urgent: r.urgent,
    diagnosis_date: r.diagnosisDate,
    death_date: r.deathDate,
  }));
  if (got.length !== c.expect.length || !c.expect.every((w, i) => subsetEq(w, got[i]))) {
    return [`want ${JSON.stringify(c.expect)}, got ${JSON.stringify(got)}`];
  }
  return [];
}

function duplicatesCase(lib, c) {
  const got = lib.possibleDuplicates(c.report, c.others, { lang: "en" });
  const slim = got.map(({ index, rule }) => ({ index, rule }));
  if (JSON.stringify(slim) !== JSON.stringify(c.expect)) return [`want ${JSON.stringify(c.expect)}, got ${JSON.stringify(slim)}`];
  return got.every((d) => d.message) ? [] : ["a duplicate without a message"];
}

function caseJsonCase(lib, c) {
  let read;
  try {
    read = lib.Case.fromJson(c.input);
  } catch (e) {
    const want = c.expect_error;
    if (!want) return [`unexpected ${e.name}: ${e.message}`];
    if (want.kind === "format") return e.name === "EventFormatError" && e.at === want.at ? [] : [`want format at ${want.at}, got ${e.name} ${e.at} ${e.message}`];
    return e.name === "TransitionError" && e.reason === want.reason ? [] : [`want ${want.reason}, got ${e.name} ${e.reason}`];
  }
  return c.expect_error ? [`want ${JSON.stringify(c.expect_error)}, read a case`] : caseRoundTrips(lib, read);
}

/** The vector kinds the lean "canceranmalan/form" entry runs (the main entry runs all). */
export const FORM_KINDS = ["validate", "visible_fields", "mask", "validate_field", "form_definition", "json_schema"];

/** Runs every case of every vector file; returns {count, failures}. */
export function runAll(lib, files) {
  let count = 0;
  const failures = [];
  for (const [name, doc] of files) {
    const check = {
      validate: validateCase,
      personal_id: personalIdCase,
      protect: protectCase,
      reportability: reportabilityCase,
      icd10_title: (lib, c) => ((lib.icd10Title(c.input) ?? null) === c.expect ? [] : [`want ${c.expect}, got ${lib.icd10Title(c.input)}`]),
      visible_fields: visibleFieldsCase,
      validate_field: validateFieldCase,
      form_definition: formDefinitionCase,
      json_schema: jsonSchemaCase,
      mask: maskCase,
      parse_tnm: parseTnmCase,
      stage: stageCase,
      parse_figo: parseFigoCase,
      case_script: caseScriptCase,
      inbox: inboxCase,
      duplicates: duplicatesCase,
      case_json: caseJsonCase,
    }[doc.kind];
    for (const c of doc.cases) {
      count += 1;
      const f = check ? check(lib, c) : [`unknown kind ${doc.kind}`];
      failures.push(...f.map((x) => `${name}: ${c.name}: ${x}`));
    }
  }
  return { count, failures };
}
