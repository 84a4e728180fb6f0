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

/** Loads the WebAssembly module (browsers and bundlers); a no-op need in Node. */
export default function init(input?: unknown): Promise<unknown>;
/** Loads the WebAssembly module synchronously from bytes or a WebAssembly.Module. */
export function initSync(module: unknown): unknown;
