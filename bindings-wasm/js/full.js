// The library API beyond the form, appended to api.js for the main entry (and not in the
// lean "canceranmalan/form" build): reportability, ICD-10 titles, TNM, stage groups, FIGO,
// sources, rules, protected identity and personal identity numbers.

/** Must the report's tumour be reported, must the clinic send it, and where it goes. */
function reportability(report, options) {
  const today = dateOption(option(options, "today"), "today");
  return unwrap(raw.rawReportability(jsonText(report), today, langOption(options)));
}

/** The English WHO title of an ICD-10 code of the neoplasm chapter, or undefined. */
function icd10Title(code) {
  if (typeof code !== "string") throw new TypeError("code: expected a string");
  if (!wellFormed(code)) return undefined;
  return raw.rawIcd10Title(code) || undefined;
}

/** A string option (or undefined): `""` where not given. */
function textOption(options, name) {
  const v = option(options, name);
  if (v === undefined || v === null) return "";
  if (typeof v !== "string" || !wellFormed(v)) throw new TypeError(`${name}: expected a string`);
  return v;
}

/** A whole-number option: `fallback` where not given. */
function intOption(options, name, fallback) {
  const v = option(options, name);
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v)) throw new TypeError(`${name}: expected an integer`);
  if (v < 0 || v > 0xffffffff) throw new RangeError(`${name}: out of range`);
  return v;
}

/** A number option: NaN where not given. */
function numberOption(options, name) {
  const v = option(options, name);
  if (v === undefined || v === null) return NaN;
  if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`${name}: expected a number`);
  return v;
}

/**
 * Reads TNM as clinicians write it ("pT2N1aM0", "cT4b cN2a cM0 G2") and checks it against the
 * site of `icd10` in UICC `edition` (8 or 9). Throws an Error named "TnmError" with a `code`
 * when the text holds no TNM at all.
 */
function parseTnm(text, options) {
  return unwrap(raw.rawParseTnm(textArg(text, "text"), textOption(options, "icd10"), intOption(options, "edition", 8), langOption(options)));
}

/**
 * The UICC stage group (for gynaecological sites the FIGO stage TNM corresponds to), with the
 * table and row that gave it; `group` is null and `missing` names the inputs when it cannot be
 * derived. Throws a RangeError (with `field`) for an edition, PSA or grade group out of range.
 */
function stage(options) {
  const icd10 = textOption(options, "icd10");
  if (icd10 === "") throw new TypeError("icd10: expected a string");
  const whole = (name) => {
    const v = numberOption(options, name);
    if (!Number.isNaN(v) && !Number.isInteger(v)) throw new TypeError(`${name}: expected an integer`);
    return v;
  };
  return unwrap(
    raw.rawStage(
      icd10,
      textOption(options, "t"),
      textOption(options, "n"),
      textOption(options, "m"),
      intOption(options, "edition", 8),
      textOption(options, "morphology"),
      whole("age"),
      numberOption(options, "psa"),
      whole("gradeGroup"),
      textOption(options, "s"),
      langOption(options),
    ),
  );
}

/**
 * Reads a FIGO stage ("FIGO 1b1" is IB1) and checks it against the site of `icd10` and the FIGO
 * `edition` (the year; the site's default where not given). Throws an Error named "FigoError"
 * with a `code` for text that is no FIGO stage or an edition the site lacks.
 */
function parseFigo(text, options) {
  const icd10 = textOption(options, "icd10");
  if (icd10 === "") throw new TypeError("icd10: expected a string");
  return unwrap(raw.rawParseFigo(textArg(text, "text"), icd10, intOption(options, "edition", 0), langOption(options)));
}

/** Every reference table the rules use, with its source and version. */
function sources() {
  return unwrap(raw.rawSources());
}

/** INCA's handling of protected identity, applied to a patient record; idempotent. */
function protectPatient(record) {
  return unwrap(raw.rawProtectPatient(jsonText(record)));
}

/** The validation rules in the order issues are reported: all, or those of a rule set. */
function rules(ruleSet) {
  const key = ruleSet === undefined || ruleSet === null ? "" : ruleSetOption(ruleSet);
  return unwrap(raw.rawRules(key));
}

const inspect = Symbol.for("nodejs.util.inspect.custom");

/** A valid Swedish personal identity number; toString(), toJSON() and inspection mask it. */
class PersonalId {
  #info;

  constructor(info) {
    this.#info = info;
    Object.freeze(this);
  }

  /** Parses a number of any known kind; throws an Error named PersonalIdError with a `kind`. */
  static parse(text, options) {
    if (typeof text !== "string") throw new TypeError("text: expected a string");
    if (!wellFormed(text)) {
      throw namedError("PersonalIdError", "invalid personal identity number: characters that no format allows", { kind: "characters" });
    }
    const reference = dateOption(option(options, "referenceDate"), "referenceDate");
    const allow = boolOption(options, "allowTestPersons");
    return new PersonalId(unwrap(raw.rawParsePersonalId(text, reference, allow)));
  }

  get kind() {
    return this.#info.kind;
  }

  get birthDate() {
    return this.#info.birthDate ?? undefined;
  }

  /** The known parts of the birth date ({year, month, day}, null for an unknown part), or undefined. */
  get birthDateParts() {
    return this.#info.birthDateParts ?? undefined;
  }

  get sex() {
    return this.#info.sex ?? undefined;
  }

  /** Age in whole years at `date` (a Date or 'YYYY-MM-DD'), or undefined where not certain. */
  ageAt(date) {
    return unwrap(raw.rawAgeAt(this.#info.canonical, dateOption(date, "date"))) ?? undefined;
  }

  /** The number in full, canonical form. Use only where it must leave the program. */
  reveal() {
    return this.#info.canonical;
  }

  toString() {
    return this.#info.masked;
  }

  toJSON() {
    return this.#info.masked;
  }

  [inspect]() {
    return `PersonalId(${this.#info.masked}, ${this.#info.kind})`;
  }

  /** Nothing to free: kept so that code written for earlier versions still runs. */
  free() {}
}
