// The notification form, drawn entirely from the library's form definition
// (formDefinition()): fields in form order, labels and help in the chosen language, code
// lists, the pathology laboratories and the T/N/M/FIGO values of the site as suggestions,
// and the visibility conditions, evaluated here from the definition's data. Every keystroke
// validates the report (one call into WebAssembly) and each issue is shown next to the
// fields it names. No field, label, code list or rule is written in this file or the HTML.
// The lean "canceranmalan/form" build: the whole download is within the 150 kB budget.
import init, { fields, formDefinition, validate } from "../../bindings-wasm/pkg-form/index.js";

await init();
const form = document.getElementById("report");
const summary = document.getElementById("issues");
const langSelect = document.getElementById("lang");
let lang = langSelect.value;
let definition = formDefinition(lang);

/** The patient's own fields (from the patient record, not the form): from the field table. */
const patientFields = () =>
  fields(lang)
    .filter((f) => f.key === "personal_id" || f.key === "death_date")
    .map((f) => ({ key: f.key, label: f.label, help: f.help, type: f.kind === "date" ? "date" : "text", options: [], suggestions: [], values_by_site: [], required: false, max_length: null, visible_when: null }));

const YES_NO = { sv: ["Ja", "Nej"], en: ["Yes", "No"] };
const CHOOSE = { sv: "– Välj –", en: "– Choose –" };

/** An input for a field of the definition. */
function control(f) {
  if (f.type === "code" || f.type === "boolean") {
    const select = document.createElement("select");
    select.append(new Option("", ""));
    const values = f.type === "boolean" ? ["true", "false"] : f.options.map((o) => String(o.value));
    for (const v of values) select.append(new Option("", v));
    return select;
  }
  const input = document.createElement("input");
  input.type = "text";
  if (f.type === "integer") input.inputMode = "numeric";
  if (f.max_length) input.maxLength = f.max_length;
  if (f.suggestions.length > 0 || f.values_by_site.length > 0) {
    const list = document.createElement("datalist");
    list.id = `${f.key}-values`;
    input.setAttribute("list", list.id);
    input.after(list);
    return [input, list];
  }
  return input;
}

/** One field: label, control, help and the list its issues go to, tied together for assistive technology. */
function fieldBlock(f) {
  const block = document.createElement("div");
  block.className = "field";
  block.dataset.field = f.key;
  const label = document.createElement("label");
  label.htmlFor = `f-${f.key}`;
  const made = control(f);
  const [input, list] = Array.isArray(made) ? made : [made, null];
  input.id = `f-${f.key}`;
  input.name = f.key;
  input.dataset.type = f.type;
  const help = document.createElement("p");
  help.className = "help";
  help.id = `${f.key}-help`;
  const issues = document.createElement("ul");
  issues.className = "field-issues";
  issues.id = `${f.key}-issues`;
  issues.setAttribute("aria-live", "polite");
  input.setAttribute("aria-describedby", `${help.id} ${issues.id}`);
  block.append(label, input, ...(list ? [list] : []), help, issues);
  return block;
}

for (const f of patientFields()) document.getElementById("patient").append(fieldBlock(f));
for (const f of definition.fields) document.getElementById("form").append(fieldBlock(f));

/** Labels, help and option texts in the current language. */
function relabel() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-sv]")) el.textContent = el.dataset[lang];
  for (const f of [...patientFields(), ...definition.fields]) {
    const block = form.querySelector(`[data-field=${f.key}]`);
    const required = f.required ? (lang === "sv" ? " (obligatorisk)" : " (required)") : "";
    block.querySelector("label").textContent = f.label + required;
    block.querySelector(".help").textContent = f.help;
    if (f.type === "date") block.querySelector("input").placeholder = lang === "sv" ? "ÅÅÅÅ-MM-DD" : "YYYY-MM-DD";
    const select = block.querySelector("select");
    if (!select) continue;
    select.options[0].text = CHOOSE[lang];
    const texts = f.type === "boolean" ? YES_NO[lang] : f.options.map((o) => (typeof o.value === "number" ? `${o.value} – ${o.label}` : o.label));
    texts.forEach((t, i) => (select.options[i + 1].text = t));
  }
  for (const f of definition.fields.filter((f) => f.suggestions.length > 0)) {
    document.getElementById(`${f.key}-values`).replaceChildren(...f.suggestions.map((s) => new Option(s.label, String(s.value))));
  }
}

/** What every input holds, as wire values (empty inputs left out). */
function values() {
  const r = {};
  for (const el of form.elements) {
    if (!el.name || el.value === "") continue;
    const type = el.dataset.type;
    if (type === "boolean") r[el.name] = el.value === "true";
    else if (type === "integer" || (el.tagName === "SELECT" && /^\d+$/.test(el.value))) r[el.name] = /^-?\d+$/.test(el.value) ? Number(el.value) : el.value;
    else r[el.name] = el.value;
  }
  return r;
}

// The definition's conditions, evaluated without the library.
const given = (v) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");
function holds(c, r) {
  if ("any_of" in c) return c.any_of.some((x) => holds(x, r));
  const v = r[c.field];
  if ("one_of" in c) return c.one_of.includes(v);
  if ("starts_with" in c) return typeof v === "string" && c.starts_with.some((p) => v.replace(/\s/g, "").toUpperCase().startsWith(p));
  if ("given" in c) return given(v) === c.given;
  return true;
}

/** The site's scheme for an ICD-10 code, by the definition's ranges. */
function schemeOf(icd10) {
  if (typeof icd10 !== "string") return undefined;
  const code = icd10.replace(/\s/g, "").toUpperCase().replace(/\.$/, "");
  return definition.schemes.find((s) => s.icd10_ranges.some(([from, to]) => from <= code && code <= to));
}

/** T, N, M and FIGO suggestions for the site, edition and basis the report gives. */
function siteValues(r) {
  const scheme = schemeOf(r.icd10);
  for (const f of definition.fields.filter((f) => f.values_by_site.length > 0)) {
    let items = [];
    if (scheme) {
      const date = typeof r.diagnosis_date === "string" ? r.diagnosis_date : "9999-12-31";
      const row = scheme.editions.filter((e) => e.from <= date).at(-1);
      const edition = f.key === "figo" ? (r.figo_edition ?? row?.figo_edition) : (r.tnm_edition ?? row?.tnm_edition);
      const basis = r.tnm_basis ?? null;
      const lists = f.values_by_site.filter((s) => s.scheme === scheme.scheme && s.edition === edition && (s.tnm_basis === null || basis === null || s.tnm_basis === basis));
      items = [...new Set(lists.flatMap((s) => s.values))];
    }
    document.getElementById(`${f.key}-values`).replaceChildren(...items.map((v) => new Option(v, v)));
  }
}

function refresh() {
  const all = values();
  // Visibility from the definition's data; a hidden field keeps what was typed but is not sent.
  const report = {};
  for (const block of form.querySelectorAll("[data-field]")) {
    const f = definition.fields.find((x) => x.key === block.dataset.field);
    block.hidden = f?.visible_when ? !holds(f.visible_when, all) : false;
    const key = block.dataset.field;
    if (!block.hidden && key in all) report[key] = all[key];
    const input = block.querySelector("input, select");
    input.setAttribute("aria-required", String(Boolean(f?.required) && all.partial !== true));
  }
  siteValues(report);
  const issues = validate(report, { lang });
  for (const block of form.querySelectorAll("[data-field]")) {
    block.classList.remove("field-error", "field-warning", "field-info");
    block.querySelector(".field-issues").replaceChildren();
    block.querySelector("input, select").removeAttribute("aria-invalid");
  }
  const item = (i) => {
    const li = document.createElement("li");
    li.className = i.severity;
    li.dataset.rule = i.ruleId;
    li.textContent = i.message;
    return li;
  };
  for (const i of issues) {
    for (const key of i.fields) {
      const block = form.querySelector(`[data-field="${CSS.escape(key)}"]`);
      if (!block || block.hidden) continue;
      block.classList.add(`field-${i.severity}`);
      block.querySelector(".field-issues").append(item(i));
      if (i.severity === "error") block.querySelector("input, select").setAttribute("aria-invalid", "true");
    }
  }
  // The summary: every issue once, with a link to its first field.
  summary.replaceChildren(
    ...issues.map((i) => {
      const li = item(i);
      const target = i.fields.map((k) => document.getElementById(`f-${k}`)).find((el) => el && !el.closest("[data-field]").hidden);
      if (target) {
        const a = document.createElement("a");
        a.href = `#${target.id}`;
        a.textContent = li.textContent;
        li.replaceChildren(a);
      }
      return li;
    }),
  );
  document.body.dataset.issueCount = String(issues.length);
}

form.addEventListener("input", refresh);
form.addEventListener("change", refresh);
langSelect.addEventListener("change", () => {
  lang = langSelect.value;
  definition = formDefinition(lang);
  relabel();
  refresh();
});
relabel();
refresh();
document.body.dataset.ready = "true";
