// Measures one validation in the browser, for both entries of the npm package: the lean
// "canceranmalan/form" build that forms load and the main one. A benchmark, not a test: it
// reports what it measures (window.__bench) and asserts nothing about time.
import initForm, * as form from "../../bindings-wasm/pkg-form/index.js";
import initFull, * as full from "../../bindings-wasm/pkg/index.js";
import { calls, issueCount, time } from "./bench-cases.mjs";

await initForm();
await initFull();

// One untimed pass of every call first: the browser compiles wasm with a baseline compiler
// and optimises hot functions in the background, so the first call measured would otherwise
// pay for the tiering (a form validates on every keystroke: the steady state is what counts).
for (const [, f] of calls(form, full)) time(f, 5000, () => performance.now());
const rows = calls(form, full).map(([name, f]) => ({ name, micros: time(f, 5000, () => performance.now()) }));
document.getElementById("results").replaceChildren(
  ...rows.map((r) => {
    const tr = document.createElement("tr");
    tr.append(Object.assign(document.createElement("td"), { textContent: r.name }), Object.assign(document.createElement("td"), { textContent: r.micros.toFixed(2) }));
    return tr;
  }),
);
window.__bench = { rows, issues: issueCount(form, full) };
