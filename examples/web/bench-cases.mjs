// What the validation benchmarks measure, shared by the browser page (bench.mjs) and Node
// (bindings-wasm/scripts/bench-node.mjs): one typical complete report, one being filled in,
// the calls, and the best of five rounds in microseconds per call.

export const report = {
  personal_id: "19640823-3234", diagnosis_date: "2025-05-12", primary_site: "Bröst, övre yttre kvadranten",
  icd10: "C50.4", side: "left", morphology: "Duktal cancer", basis_of_diagnosis: 3, t: "T2", n: "N1a", m: "M0",
  tnm_basis: "pathological", pathology_lab: "011", specimen_number: "T-1234/25", specimen_year: 2025, contact_person: "Anna",
};

/** A report as the user types: three fields given, so four issues of required fields. */
export const partial = { personal_id: "19640823-3234", diagnosis_date: "2025-05-12", icd10: "C50.4" };

const text = JSON.stringify(report);
const options = { today: "2025-06-01" };

/** Microseconds per call of `f`: the best of five rounds of `n` calls, after a warm-up. */
export function time(f, n, now) {
  for (let i = 0; i < n / 5; i += 1) f();
  let best = Infinity;
  for (let round = 0; round < 5; round += 1) {
    const t0 = now();
    for (let i = 0; i < n; i += 1) f();
    best = Math.min(best, ((now() - t0) * 1000) / n);
  }
  return best;
}

/** The calls, for the form entry's module and the main entry's: [name, call]. */
export const calls = (form, full) => [
  ["form entry: validate(object)", () => form.validate(report, options)],
  ["form entry: validate(JSON text)", () => form.validate(text, options)],
  ["form entry: validateField(object, \"t\")", () => form.validateField(report, "t", options)],
  ["form entry: validate(object) being filled in (4 issues)", () => form.validate(partial, options)],
  ["main entry: validate(object)", () => full.validate(report, options)],
  ["main entry: validate(JSON text)", () => full.validate(text, options)],
  ["JSON.parse of the same report", () => JSON.parse(text)],
];

/** Issues of the benchmark report in both entries (it is complete and valid: none). */
export const issueCount = (form, full) => form.validate(report, options).length + full.validate(report, options).length;
