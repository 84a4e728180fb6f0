// Type-checked (tsc --noEmit) against the generated .d.ts: the declared API is usable as documented.
import init, { validate, visibleFields, PersonalId, protectPatient, rules, fields, type Issue, type Report } from "../pkg/index.js";

export async function example(): Promise<string[]> {
  await init();
  const report: Report = { partial: true, t: "T2", side: "left", basis_of_diagnosis: 3, diagnosis_date: new Date() };
  const issues: Issue[] = validate(report, { today: new Date(), lang: "en" });
  const limit = issues[0]?.params["limit"];
  const labels = fields("sv").map((f) => `${f.key}:${f.label}:${f.formPosition ?? "-"}`);
  const more: Issue[] = validate('{"partial": true}', { today: "2025-06-01", allowTestPersons: true });
  const id = PersonalId.parse("19640823-3234", { referenceDate: "2025-01-01" });
  const age: number | undefined = id.ageAt(new Date());
  const born: string | undefined = id.birthDate;
  const protectedRecord = protectPatient({ first_name: "Åsa", protected: false });
  const ids = rules().map((r) => `${r.id}:${r.severity}`);
  id.free();
  return [
    ...issues.map((i) => `${i.ruleId} ${i.fields.join(",")} ${i.message}`),
    String(more.length),
    String(age),
    born ?? "",
    protectedRecord.surname ?? "",
    ...ids,
    ...visibleFields({ basis_of_diagnosis: 4 }),
    ...labels,
    String(limit),
  ];
}

import { validateField, formDefinition, jsonSchema, standardSchema, type FormDefinition, type StandardSchemaV1 } from "../pkg/index.js";

/** The form API: a definition drives the UI, one field is checked as the user types. */
export function formExample(report: Report): string[] {
  const form: FormDefinition = formDefinition("en");
  const labels = form.fields.map((f) => `${f.key}:${f.type}:${f.options.map((o) => o.label).join("|")}`);
  const figo = form.fields.find((f) => f.key === "figo")?.visible_when;
  const issues: Issue[] = validateField(report, "figo", { today: "2025-06-01" });
  const schema: StandardSchemaV1<Report, Report> = standardSchema({ lang: "sv", failOn: "warning" });
  const result = schema["~standard"].validate(report);
  const messages = result instanceof Promise ? [] : (result.issues ?? []).map((i) => `${String(i.path?.[0])}: ${i.message}`);
  const properties = Object.keys((jsonSchema()["properties"] ?? {}) as Record<string, unknown>);
  return [...labels, JSON.stringify(figo), ...issues.map((i) => i.ruleId), ...messages, ...properties];
}
