// Validates the form on every keystroke with one call into WebAssembly, and shows or hides
// fields as the core's visibility logic says. No rule lives here.
import init, { validate, visibleFields } from "../../bindings-wasm/pkg/canceranmalan_wasm.js";

await init();
const form = document.getElementById("report");
const list = document.getElementById("issues");
const lang = document.getElementById("lang");

/** The form as a wire-format report: empty inputs are left out. */
function report() {
  const r = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") {
      if (el.checked) r[el.name] = true;
    } else if (el.value !== "") {
      if (el.name === "basis_of_diagnosis" || el.name === "specimen_year") {
        r[el.name] = /^-?\d+$/.test(el.value) ? Number(el.value) : el.value;
      } else if (el.name === "autopsy_finding") {
        r[el.name] = el.value === "true";
      } else {
        r[el.name] = el.value;
      }
    }
  }
  return r;
}

function refresh() {
  const r = report();
  const shown = new Set(visibleFields(r));
  for (const label of form.querySelectorAll("label[data-field]")) {
    label.hidden = !shown.has(label.dataset.field);
    // A hidden field is not sent (as on the INCA form).
    if (label.hidden) label.querySelector("select, input").value = "";
  }
  const issues = validate(report(), { lang: lang.value });
  for (const el of form.elements) el.parentElement.classList.remove("field-error", "field-warning");
  list.replaceChildren(
    ...issues.map((i) => {
      for (const f of i.fields) form.elements[f]?.parentElement.classList.add(`field-${i.severity}`);
      const li = document.createElement("li");
      li.className = i.severity;
      li.dataset.rule = i.ruleId;
      li.textContent = `${i.message} (${i.ruleId})`;
      return li;
    }),
  );
  document.body.dataset.issueCount = String(issues.length);
}

form.addEventListener("input", refresh);
form.addEventListener("change", refresh);
lang.addEventListener("change", refresh);
refresh();
document.body.dataset.ready = "true";
