// Measures one validation in the browser, for both entries of the npm package: the lean
// "canceranmalan/form" build that forms load and the main one. A benchmark, not a test: it
// reports what it measures (window.__bench) and asserts nothing about time.
import initForm, * as form from "../../bindings-wasm/pkg-form/index.js";
import initFull, * as full from "../../bindings-wasm/pkg/index.js";

await initForm();
await initFull();

const report = {
  personal_id: "19640823-3234", diagnosis_date: "2025-05-12", primary_site: "Bröst, övre yttre kvadranten",
  icd10: "C50.4", side: "left", morphology: "Duktal cancer", basis_of_diagnosis: 3, t: "T2", n: "N1a", m: "M0",
  tnm_basis: "pathological", pathology_lab: "011", specimen_number: "T-1234/25", specimen_year: 2025, contact_person: "Anna",
};
const text = JSON.stringify(report);
const options = { today: "2025-06-01" };

/** Microseconds per call: the best of five rounds after a warm-up. */
function time(f, n = 5000) {
  for (let i = 0; i < 1000; i += 1) f();
  let best = Infinity;
  for (let round = 0; round < 5; round += 1) {
    const t0 = performance.now();
    for (let i = 0; i < n; i += 1) f();
    best = Math.min(best, ((performance.now() - t0) * 1000) / n);
  }
  return best;
}

const rows = [
  ["form entry: validate(object)", () => form.validate(report, options)],
  ["form entry: validate(JSON text)", () => form.validate(text, options)],
  ["form entry: validateField(object, \"t\")", () => form.validateField(report, "t", options)],
  ["main entry: validate(object)", () => full.validate(report, options)],
  ["main entry: validate(JSON text)", () => full.validate(text, options)],
  ["JSON.parse of the same report", () => JSON.parse(text)],
].map(([name, f]) => ({ name, micros: time(f) }));

document.getElementById("results").replaceChildren(
  ...rows.map((r) => {
    const tr = document.createElement("tr");
    tr.append(Object.assign(document.createElement("td"), { textContent: r.name }), Object.assign(document.createElement("td"), { textContent: r.micros.toFixed(2) }));
    return tr;
  }),
);
window.__bench = { rows, issues: form.validate(report, options).length + full.validate(report, options).length };
