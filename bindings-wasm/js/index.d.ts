// Types of the public API (js/api.js). The `Report` interface at the end is generated from
// the core's field table by scripts/build.mjs.

/** One finding of validation. */
export interface Issue {
  /** The rule's stable ID, e.g. "AUTOPSY-DATE". */
  ruleId: string;
  severity: "error" | "warning" | "info";
  /** Wire-format keys of the fields concerned. */
  fields: string[];
  /** Message in the requested language. */
  message: string;
  /** The values the message was made from, by name (language-neutral). */
  params: Record<string, string | number | string[]>;
}

export interface ValidateOptions {
  /** Reference date: a Date (its local calendar day) or "YYYY-MM-DD". Default: the local day today. */
  today?: Date | string;
  /** Message language. Default "sv". */
  lang?: "sv" | "en";
  /** Accept INCA's test persons (century 13). Default false. */
  allowTestPersons?: boolean;
  /** "form" (the clinic form's rules; the default) or "register" (every rule). */
  ruleSet?: "form" | "register";
  /** Run exactly the rules with these IDs (of any set). */
  include?: string[];
  /** Leave out the rules with these IDs (exclusion wins). */
  exclude?: string[];
}

/** Must a tumour be reported (HSLF-FS 2016:7 as amended by HSLF-FS 2023:36)? */
export interface Reportability {
  /** true, false, or null where it cannot be told. */
  reportable: boolean | null;
  /** Must the clinic send an A-anmälan: true, false or null. */
  clinicMustReport: boolean | null;
  route: "rcc" | "socialstyrelsen" | "none" | "unknown";
  /** A stable category ID, e.g. "in_situ_other". */
  category: string;
  message: string;
  source: string;
}

/** A reference table the rules use. */
export interface TableSource {
  name: string;
  source: string;
  version: string;
}

export interface ParseOptions {
  /** Reference date for the century of ten-digit numbers. Default: the local day today. */
  referenceDate?: Date | string;
  allowTestPersons?: boolean;
}

/** A rule of the registry. */
export interface RuleInfo {
  id: string;
  severity: "error" | "warning" | "info";
  fields: string[];
  messageSv: string;
  messageEn: string;
  source: string;
  ruleSets: ("form" | "register")[];
}

/** A field of the report, as the core's field table declares it. */
export interface FieldInfo {
  /** The wire key. */
  key: string;
  label: string;
  help: string;
  kind: "text" | "date" | "code" | "integer" | "boolean" | "personal_id";
  /** The JSON type of its value. */
  json: "string" | "integer" | "boolean";
  /** The code list, for coded fields. */
  codes: { key: string; label: string }[];
  /** Position on the form (1 = first), or null for fields not on the form. */
  formPosition: number | null;
  /** Required in a complete report. */
  required: boolean;
  maxLength: number | null;
  /**
   * Shown only while another field holds one of these wire keys, or (FIGO) while the form
   * definition's condition holds; null: always shown.
   */
  visibleWhen: { field: string; oneOf: string[] } | { any_of: FormCondition[] } | null;
}

/** A condition of the form definition on another field's value. */
export type FormCondition =
  /** The field holds one of these wire values. */
  | { field: string; one_of: (string | number)[] }
  /** The field's text, without white space and in upper case, starts with one of these. */
  | { field: string; starts_with: string[] }
  /** The field is given (text of only white space is not) or not. */
  | { field: string; given: boolean };

/** A value of a field, with its label. */
export interface FormOption {
  /** The wire value (a number for diagnosgrund). */
  value: string | number;
  label: string;
}

/** The T, N, M or FIGO values of one site (TNM scheme) and edition. */
export interface SiteValues {
  scheme: string;
  /** The UICC edition (8, 9), or for FIGO the FIGO edition (year). */
  edition: number;
  /** The tnm_basis the list is for where clinical and pathological lists differ; else null. */
  tnm_basis: "clinical" | "pathological" | null;
  values: string[];
}

/** A field of the form definition. */
export interface FormField {
  /** The wire key. */
  key: string;
  label: string;
  help: string;
  type: "text" | "date" | "code" | "integer" | "boolean";
  /** Required in a complete report (one without "enstaka uppgifter"). */
  required: boolean;
  max_length: number | null;
  /** The code list: the only values allowed. */
  options: FormOption[];
  /** Known values of a free-text field (the pathology laboratories). */
  suggestions: FormOption[];
  /** For t, n, m and figo: the values of each site and edition. */
  values_by_site: SiteValues[];
  /** When the form shows the field; null: always. */
  visible_when: FormCondition | { any_of: FormCondition[] } | null;
}

/** A TNM scheme: its ICD-10 codes and default editions. */
export interface SchemeSites {
  scheme: string;
  /**
   * [from, to], both inclusive, compared as text with the code without white space, in
   * upper case and without a final dot (C50 < C50.1 < C50.9 < C51).
   */
  icd10_ranges: [string, string][];
  /** The last row whose `from` is on or before the date of diagnosis applies. */
  editions: { from: string; tnm_edition: number; figo_edition: number | null }[];
  /** A gynaecological scheme, with FIGO stages. */
  figo: boolean;
}

/** The form definition, version 1. */
export interface FormDefinition {
  version: 1;
  lang: "sv" | "en";
  /** In the order the form shows them. */
  fields: FormField[];
  schemes: SchemeSites[];
}

/** Options of validateField(). */
export interface ValidateFieldOptions {
  today?: Date | string;
  lang?: "sv" | "en";
  allowTestPersons?: boolean;
  ruleSet?: "form" | "register";
}

/** The Standard Schema v1 interface (https://standardschema.dev), as form libraries read it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: Output; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey> }> }
      | Promise<
          | { readonly value: Output; readonly issues?: undefined }
          | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey> }> }
        >;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** Options of standardSchema(): those of validate(), and the least severity that fails. */
export interface StandardSchemaOptions extends ValidateOptions {
  /** "error" (default): warnings and info let the value through; "warning" or "info" do not. */
  failOn?: "error" | "warning" | "info";
}

/** A patient record (population-register data) in the wire format. */
export interface PatientRecord {
  personal_id?: string | null;
  first_name?: string | null;
  surname?: string | null;
  street_address?: string | null;
  postcode?: string | null;
  town?: string | null;
  county_code?: string | null;
  municipality_code?: string | null;
  parish_code?: string | null;
  district_code?: string | null;
  special_postal_address?: string | null;
  registration_history?: string[] | null;
  protected?: boolean | null;
}

/**
 * Validates one report (an object or JSON text) and returns its issues.
 * Throws an Error named "ReportError" (with `line` and `column`) when the input is not a JSON
 * object or holds a value JSON cannot (Infinity, BigInt, a lone surrogate, a cycle, a value
 * whose getter throws), and a TypeError for bad options.
 */
export function validate(report: Report | string, options?: ValidateOptions): Issue[];
/** The wire keys of the form fields shown for a report, in form order. */
export function visibleFields(report: Report | string): string[];
/** Masks a text that may hold a personal identity number: only a leading birth date stays. */
export function mask(text: string): string;
/** INCA's handling of protected identity, applied to a patient record; idempotent. */
export function protectPatient(record: PatientRecord | string): PatientRecord;
/** The validation rules in the order issues are reported: all, or those of a rule set. */
export function rules(ruleSet?: "form" | "register"): RuleInfo[];
/** Every reference table the rules use, with its source and version. */
export function sources(): TableSource[];
/** The English WHO title of an ICD-10 code of the neoplasm chapter (C00–D48), or undefined. */
export function icd10Title(code: string): string | undefined;
/** Must the report's tumour be reported, must the clinic send it, and where it goes. */
export function reportability(report: Report | string, options?: { today?: Date | string; lang?: "sv" | "en" }): Reportability;
/** The fields of the report as the core's field table declares them ("sv" by default). */
export function fields(lang?: "sv" | "en"): FieldInfo[];
/**
 * The issues of validate() that name one field (a wire key), for checks as the user types.
 * Throws a RangeError (with `field: "key"`) for a key that names no field.
 */
export function validateField(report: Report | string, key: keyof Report | string, options?: ValidateFieldOptions): Issue[];
/** The form definition ("sv" by default): every field in form order, with what a UI needs. */
export function formDefinition(lang?: "sv" | "en"): FormDefinition;
/** The JSON Schema (draft 2020-12) of the wire format. */
export function jsonSchema(): Record<string, unknown>;
/** A Standard Schema v1 of a report, for form libraries (TanStack Form, React Hook Form, …). */
export function standardSchema(options?: StandardSchemaOptions): StandardSchemaV1<Report, Report>;

/** One T, N or M category as read (`pN1b(2/11)`: value "N1b", prefixes "p"). */
export interface TnmCategory {
  /** Axis letter and value, no prefix: "T1c", "N1mi", "M1c1", "Tis", "TX". */
  value: string;
  /** "", "c", "p", "yp", "yc", "rp", "rc", "a" or "u". */
  prefixes: string;
  /** True when the prefixes were taken from T (pT2N1M0: N is pathological too). */
  inherited: boolean;
  /** Qualifiers in parentheses, canonical: "m", "3", "is", "DCIS", "sn", "i+", "mi", … */
  qualifiers: string[];
  /** [involved, examined] regional nodes, or null. */
  nodes: [number, number] | null;
  /** Sites of distant metastasis ("PUL", "HEP", …). */
  sites: string[];
}

/** TNM read from free text. */
export interface Tnm {
  t: TnmCategory | null;
  n: TnmCategory | null;
  m: TnmCategory | null;
  basis: "clinical" | "pathological" | null;
  /** The canonical notation; parsing it gives the same value. */
  canonical: string;
  /** G, L, V, Pn, R and S in canonical notation ("G2", "pL1", "S1"). */
  descriptors: string[];
  /** The UICC edition the text names ("(UICC 2017)" gives 8), or null. */
  editionTag: number | null;
  /** The same issues as `validate` gives, with fields "t", "n" or "m". */
  issues: Issue[];
  /** Words that were not read as TNM. */
  ignored: string[];
}

/** Options of `parseTnm`. */
export interface ParseTnmOptions {
  /** The ICD-10 code whose site the categories are checked against. */
  icd10?: string;
  /** The UICC TNM edition, 8 (default) or 9. */
  edition?: number;
  lang?: "sv" | "en";
}

/** A stage group with the table and row that gave it, or why there is none. */
export interface Stage {
  /** "IIIA", "0is", "IS", a FIGO stage such as "IB3"; null when not derivable. */
  group: string | null;
  /** The inputs that would make it derivable ("t", "n", "m", "s", "age", "morphology", "psa", "grade_group"). */
  missing: string[];
  explanation: string;
  table: string | null;
  row: number | null;
  source: string | null;
}

/** The inputs of `stage`. */
export interface StageOptions {
  icd10: string;
  t?: string;
  n?: string;
  m?: string;
  /** The UICC TNM edition, 8 (default) or 9. */
  edition?: number;
  /** ICD-O-3 morphology code ("8260/3"), for thyroid. */
  morphology?: string;
  /** Age at diagnosis in years, for thyroid. */
  age?: number;
  /** PSA in ng/mL, for the prostate's prognostic groups. */
  psa?: number;
  /** ISUP grade group 1–5, for the prostate's prognostic groups. */
  gradeGroup?: number;
  /** Serum markers S0–S3, for testis. */
  s?: string;
  lang?: "sv" | "en";
}

/** A FIGO stage as read and checked. */
export interface Figo {
  /** Canonical: "IB1", "IIIC1r", "IIIA1(ii)", "IAmPOLEmut". */
  label: string;
  /** Without r/p and the molecular part: "IIIC1", "IA". */
  stage: string;
  modality: "r" | "p" | null;
  molecular: string | null;
  /** The FIGO edition it was checked by. */
  edition: number | null;
  issues: Issue[];
}

/** Reads TNM as clinicians write it; throws an Error named "TnmError" (with `code`) when the text holds none. */
export function parseTnm(text: string, options?: ParseTnmOptions): Tnm;
/** The UICC stage group (the FIGO stage for gynaecological sites), never a guess. */
export function stage(options: StageOptions): Stage;
/** Reads a FIGO stage and checks it; throws an Error named "FigoError" (with `code`). */
export function parseFigo(text: string, options: { icd10: string; edition?: number; lang?: "sv" | "en" }): Figo;

/** A valid Swedish personal identity number. toString(), toJSON() and inspection mask it. */
export class PersonalId {
  private constructor();
  /** Parses a number of any known kind; throws an Error named "PersonalIdError" with `kind`. */
  static parse(text: string, options?: ParseOptions): PersonalId;
  readonly kind: string;
  /** The birth date ("YYYY-MM-DD") the number gives, or undefined. */
  readonly birthDate: string | undefined;
  /** The known parts of the birth date (a samordningsnummer may lack the month or day), or undefined. */
  readonly birthDateParts: { year: number; month: number | null; day: number | null } | undefined;
  /** Legal sex derived from the number, or undefined. */
  readonly sex: "female" | "male" | undefined;
  /** Age in whole years at `date`, or undefined where it is not certain. */
  ageAt(date: Date | string): number | undefined;
  /** The number in full, canonical form. Use only where it must leave the program. */
  reveal(): string;
  toString(): string;
  toJSON(): string;
  /** Nothing to free (kept for code written for earlier versions). */
  free(): void;
}

/** Loads the WebAssembly module (browsers and bundlers); a no-op need in Node. */
export default function init(input?: unknown): Promise<unknown>;
/** Loads the WebAssembly module synchronously from bytes or a WebAssembly.Module. */
export function initSync(module: unknown): unknown;
