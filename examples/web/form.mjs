// Builds the form from the core's field table (fields()), validates it on every keystroke with
// one call into WebAssembly, and shows or hides fields as the core's visibility logic says.
// No field, label, code list or rule is written here.
import init, { fields, validate, visibleFields } from "../../bindings-wasm/pkg/index.js";

await init();
const form = document.getElementById("report");
const list = document.getElementById("issues");
const lang = document.getElementById("lang");
const table = fields(lang.value);

/** An input for a field: a select for code lists and yes/no, a text input otherwise. */
function control(f) {
  if (f.codes.length > 0 || f.kind === "boolean") {
    const select = document.createElement("select");
    select.append(new Option("–", ""));
    if (f.kind === "boolean") select.append(new Option("", "true"), new Option("", "false"));
    for (const c of f.codes) select.append(new Option("", c.key));
    return select;
  }
  const input = document.createElement("input");
  if (f.kind === "date") input.placeholder = "ÅÅÅÅ-MM-DD";
  if (f.maxLength) input.maxLength = f.maxLength;
  return input;
}

// The patient's fields (not on the clinic form) first, then the form in its own order.
const patient = table.filter((f) => f.formPosition === null);
const onForm = table.filter((f) => f.formPosition !== null).sort((a, b) => a.formPosition - b.formPosition);
for (const [section, group] of [["patient", patient], ["form", onForm]]) {
  for (const f of group) {
    const label = document.createElement("label");
    label.dataset.field = f.key;
    const input = control(f);
    input.name = f.key;
    input.dataset.json = f.json;
    label.append(document.createElement("span"), input, document.createElement("small"));
    document.getElementById(section).append(label);
  }
}

/** Labels, help and option texts in the chosen language. */
function relabel() {
  for (const f of fields(lang.value)) {
    const label = form.querySelector(`label[data-field=${f.key}]`);
    label.querySelector("span").textContent = f.label;
    label.querySelector("small").textContent = f.help;
    const options = label.querySelector("select")?.options;
    if (!options) continue;
    const texts = f.kind === "boolean" ? (lang.value === "sv" ? ["Ja", "Nej"] : ["Yes", "No"]) : f.codes.map((c) => `${c.label}`);
    texts.forEach((t, i) => (options[i + 1].text = f.json === "integer" ? `${f.codes[i].key} ${t}` : t));
  }
}

/** The form as a wire-format report: empty inputs are left out. */
function report() {
  const r = {};
  for (const el of form.elements) {
    if (!el.name || el.value === "") continue;
    if (el.dataset.json === "boolean") r[el.name] = el.value === "true";
    else if (el.dataset.json === "integer") r[el.name] = /^-?\d+$/.test(el.value) ? Number(el.value) : el.value;
    else if (el.dataset.json === "string_list") r[el.name] = el.value.split(/[\s,]+/).filter(Boolean);
    else r[el.name] = el.value;
  }
  return r;
}

function refresh() {
  const shown = new Set(visibleFields(report()));
  for (const label of form.querySelectorAll("#form label[data-field]")) {
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
lang.addEventListener("change", () => {
  relabel();
  refresh();
});
relabel();
refresh();
document.body.dataset.ready = "true";
