// The library API beyond the form: in the main entry, not in "canceranmalan/form".

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
