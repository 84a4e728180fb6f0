// Node tests of the nodejs-target package: the shared conformance vectors and the JS surface.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FORM_KINDS, runAll } from "./runner.mjs";
import { runHostile } from "./hostile.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const lib = createRequire(import.meta.url)("../pkg-node/index.js");
const formLib = createRequire(import.meta.url)("../pkg-form-node/index.js");
const vectorDir = join(here, "../../tests/conformance");
const files = readdirSync(vectorDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(vectorDir, f), "utf8"))]);

test("conformance vectors: the main entry runs every kind", () => {
  const { count, failures } = runAll(lib, files);
  assert.ok(count >= 300, `only ${count} cases`);
  assert.deepEqual(failures, []);
});

test("conformance vectors: the form entry runs the form's kinds, and has only the form's API", () => {
  const { count, failures } = runAll(formLib, files.filter(([, doc]) => FORM_KINDS.includes(doc.kind)));
  assert.ok(count >= 100, `only ${count} cases`);
  assert.deepEqual(failures, []);
  assert.equal(formLib.Case, undefined);
  assert.equal(formLib.parseTnm, undefined);
});

test("10 000 hostile inputs, then a normal call still gives the right answer", () => {
  assert.deepEqual(runHostile(lib), []);
  assert.deepEqual(runHostile(formLib), []);
});

test("issues are plain objects with the documented keys", () => {
  const [issue] = lib.validate({ partial: true, t: "T2" }, { today: "2025-06-01", lang: "en" });
  assert.deepEqual(Object.keys(issue), ["ruleId", "severity", "fields", "message", "params"]);
  assert.equal(issue.ruleId, "TNM-BASIS-REQUIRED");
  assert.deepEqual(issue.params, {});
});

test("rule sets, include and exclude, sources and reportability", () => {
  const report = { partial: true, icd10: "C50.7", side: "left", specimen_year: 25 };
  const ids = (options) => lib.validate(report, { today: "2025-06-01", ...options }).map((i) => i.ruleId);
  assert.deepEqual(ids({ include: ["SPECIMEN-YEAR-FORMAT"] }), ["SPECIMEN-YEAR-FORMAT"]);
  assert.ok(!ids({ exclude: ["SPECIMEN-YEAR-FORMAT"] }).includes("SPECIMEN-YEAR-FORMAT"));
  assert.throws(() => ids({ include: ["NO-SUCH"] }), TypeError);
  assert.throws(() => ids({ include: "SPECIMEN-YEAR-FORMAT" }), TypeError);
  assert.throws(() => ids({ ruleSet: "all" }), TypeError);
  const form = new Set(lib.rules("form").map((r) => r.id));
  const register = lib.rules("register").map((r) => r.id);
  assert.ok(register.includes("ENCR-SITE-MORPHOLOGY") && !form.has("ENCR-SITE-MORPHOLOGY"));
  assert.ok(lib.sources().some((s) => s.name === "reportability.tsv" && s.version));
  const r = lib.reportability({ icd10: "D05.1", diagnosis_date: "2024-02-01" }, { lang: "en" });
  assert.deepEqual([r.clinicMustReport, r.route, r.category], [false, "rcc", "in_situ_other"]);
});

test("the field table is exposed as data", () => {
  const table = lib.fields("en");
  const autopsy = table.find((f) => f.key === "autopsy_finding");
  assert.deepEqual(autopsy.visibleWhen, { field: "basis_of_diagnosis", oneOf: ["4", "7"] });
  assert.equal(table.find((f) => f.key === "specimen_number").maxLength, 16);
  assert.deepEqual(table.find((f) => f.key === "side").codes.map((c) => c.key), ["right", "left", "bilateral", "unknown"]);
  assert.throws(() => lib.fields("fi"), TypeError);
});

test("options are optional: today defaults to the local date", () => {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const tomorrow = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const ids = lib.validate({ partial: true, diagnosis_date: tomorrow }).map((i) => i.ruleId);
  assert.deepEqual(ids, ["DATE-FUTURE"]);
});

test("bad options are TypeErrors; bad input is a ReportError with a position", () => {
  assert.throws(() => lib.validate({}, { today: "2025-02-30" }), TypeError);
  assert.throws(() => lib.validate({}, { lang: "fi" }), TypeError);
  assert.throws(() => lib.validate({}, { allowTestPersons: "yes" }), TypeError);
  try {
    lib.validate('{\n  "icd10": "C50.9",\n  "t": }', { today: "2025-01-01" });
    assert.fail("no error");
  } catch (e) {
    assert.equal(e.name, "ReportError");
    assert.ok(e instanceof Error);
    assert.deepEqual([e.line, e.column], [3, 8]);
  }
});

test("objects JSON cannot hold are ReportErrors, never crashes", () => {
  const cycle = { partial: true };
  cycle.comment = cycle;
  for (const bad of [cycle, { partial: true, specimen_year: 10n }, undefined, () => 1]) {
    assert.throws(() => lib.validate(bad, { today: "2025-01-01" }), { name: "ReportError" });
  }
  // The module still works afterwards.
  assert.deepEqual(lib.validate({ partial: true }, { today: "2025-01-01" }), []);
});

test("a Date in a report counts as its local calendar day", () => {
  const report = { partial: true, diagnosis_date: new Date(2025, 2, 14, 23, 59) };
  assert.deepEqual(lib.validate(report, { today: "2025-06-01" }), []);
  const later = lib.validate({ partial: true, diagnosis_date: new Date(2025, 5, 2) }, { today: "2025-06-01" });
  assert.deepEqual(later.map((i) => i.ruleId), ["DATE-FUTURE"]);
  const invalid = lib.validate({ partial: true, death_date: new Date("x") }, { today: "2025-06-01" });
  assert.deepEqual(invalid.map((i) => i.ruleId), ["DATE-FORMAT"]);
  assert.ok(report.diagnosis_date instanceof Date, "the caller's object is not changed");
});

test("NaN and undefined count as not given", () => {
  const issues = lib.validate({ partial: true, specimen_year: NaN, icd10: undefined }, { today: "2025-01-01" });
  assert.deepEqual(issues, []);
});

test("a personal identity number is masked in every display", () => {
  const id = lib.PersonalId.parse("640823-3234", { referenceDate: new Date(2025, 0, 1) });
  for (const shown of [String(id), `${id}`, JSON.stringify(id), JSON.stringify({ id })]) {
    assert.ok(!shown.includes("3234"), shown);
  }
  assert.equal(id.reveal(), "19640823-3234");
  assert.equal(id.ageAt("2025-01-01"), 60);
  id.free();
  for (const text of ["19640823-3235", "19121212-0008", "6408233235", "13851118-9329"]) {
    assert.throws(
      () => lib.PersonalId.parse(text, { referenceDate: "2025-01-01" }),
      (e) => e.name === "PersonalIdError" && !e.message.includes(text) && !e.message.includes(text.slice(-4)),
    );
  }
});

test("the rule registry is exposed", () => {
  const rules = lib.rules();
  assert.ok(rules.length >= 20);
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  assert.ok(rules.every((r) => r.messageSv && r.messageEn && r.source));
});

test("a plain object gives what its JSON text gives (entries as the module reads them, and their fallbacks)", () => {
  let seed = 20261206;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const keys = [...formLib.fields().map((f) => f.key), "colour", "", "t\0", "1"];
  // Pieces that look like the module's entry marks (NUL, a field's place, s or j), and text
  // JSON escapes or that UTF-8 writes in several bytes.
  const pieces = ["", "a", "\0", "\u0001", "\0@s", "\0Aj1", "\0Bs\0", "ö", "\uFFFD", "😀", '"', "\\", "\n", "C50.4", "T2", "2025-05-12", "19640823-3234", "left", "3"];
  const scalars = [0, -0, 3, 2025, 1e21, 0.1, NaN, -5, 1.5, true, false, null, undefined];
  const opts = { today: "2025-06-01" };
  for (let n = 0; n < 1500; n += 1) {
    const report = {};
    for (let k = Math.floor(rand() * 10); k > 0; k -= 1) {
      let v = pick(scalars);
      if (rand() < 0.6) v = pick(pieces) + pick(pieces) + (rand() < 0.3 ? pick(pieces) : "");
      report[pick(keys)] = v;
    }
    const text = JSON.stringify(report);
    for (const m of [lib, formLib]) {
      assert.deepEqual(m.validate(report, opts), m.validate(text, opts), text);
      const key = pick(keys.slice(0, -4));
      assert.deepEqual(m.validateField(report, key, opts), m.validateField(text, key, opts), text);
      assert.deepEqual(m.visibleFields(report), m.visibleFields(text), text);
    }
  }
  // A lone surrogate anywhere takes the full path, which names it.
  assert.throws(() => formLib.validate({ icd10: "C50\uD800" }, opts), /lone surrogate/);
  assert.throws(() => formLib.validate({ ["t\uDC00"]: "T2" }, opts), /lone surrogate/);
});

test("random input gives issues or the documented errors, never a crash", () => {
  let seed = 20261123;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const keys = ["personal_id", "diagnosis_date", "icd10", "basis_of_diagnosis", "partial", "side", "t", "x"];
  const values = [null, true, 3, 3.5, -1, 1e300, "", "C50.9", "2025-02-29", "19640823-3234", "höger", [1], { a: 1 }];
  const chars = '{}[]":,0123456789-+abcåäö \\';
  for (let n = 0; n < 3000; n += 1) {
    const report = {};
    for (let k = Math.floor(rand() * 8); k > 0; k -= 1) report[pick(keys)] = pick(values);
    const issues = lib.validate(report, { today: "2025-06-01", lang: pick(["sv", "en"]) });
    assert.ok(Array.isArray(issues));
    let text = "";
    for (let k = Math.floor(rand() * 30); k > 0; k -= 1) text += pick([...chars]);
    try {
      lib.validate(text, { today: "2025-06-01" });
    } catch (e) {
      assert.equal(e.name, "ReportError");
    }
    try {
      lib.PersonalId.parse(text.slice(0, 14), { referenceDate: "2026-11-23", allowTestPersons: true }).free();
    } catch (e) {
      assert.equal(e.name, "PersonalIdError");
    }
  }
});
