// The time of one validation in Node, for both entries (a benchmark: `node scripts/bench-node.mjs`).
// The same report and rounds as examples/web/bench.html measures in a browser.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const require = createRequire(import.meta.url);
const form = require("../pkg-form-node/index.js");
const full = require("../pkg-node/index.js");
const report = {
  personal_id: "19640823-3234", diagnosis_date: "2025-05-12", primary_site: "Bröst, övre yttre kvadranten",
  icd10: "C50.4", side: "left", morphology: "Duktal cancer", basis_of_diagnosis: 3, t: "T2", n: "N1a", m: "M0",
  tnm_basis: "pathological", pathology_lab: "011", specimen_number: "T-1234/25", specimen_year: 2025, contact_person: "Anna",
};
const text = JSON.stringify(report);
const options = { today: "2025-06-01" };

function time(f, n = 20000) {
  for (let i = 0; i < 2000; i += 1) f();
  let best = Infinity;
  for (let round = 0; round < 5; round += 1) {
    const t0 = performance.now();
    for (let i = 0; i < n; i += 1) f();
    best = Math.min(best, ((performance.now() - t0) * 1000) / n);
  }
  return best;
}

for (const [name, f] of [
  ["form entry: validate(object)", () => form.validate(report, options)],
  ["form entry: validate(JSON text)", () => form.validate(text, options)],
  ["form entry: validateField(object, \"t\")", () => form.validateField(report, "t", options)],
  ["main entry: validate(object)", () => full.validate(report, options)],
  ["main entry: validate(JSON text)", () => full.validate(text, options)],
  ["JSON.parse of the same report", () => JSON.parse(text)],
]) {
  console.log(`node ${process.version}: ${name}: ${time(f).toFixed(2)} µs`);
}
