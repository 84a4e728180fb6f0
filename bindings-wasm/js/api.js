// The package's public API, written once and wrapped by scripts/build.mjs into an ES module
// (pkg/index.js, browsers and bundlers) and a CommonJS module (pkg-node/index.js, Node).
// `raw` is the wasm-bindgen module. Every rule and behaviour lives in the Rust core; this
// file only reads the caller's values in JavaScript, passes strings to WebAssembly and turns
// its JSON replies into results and errors. No caller value is touched from inside
// WebAssembly, so a throwing getter, a Proxy or a full stack can fail one call but never
// break the module for the next.

/** An Error with a name and extra properties, as the API throws them. */
function namedError(name, message, extra) {
  const builtIn = { TypeError, RangeError }[name];
  const e = builtIn ? new builtIn(message) : new Error(message);
  if (!builtIn) e.name = name;
  return Object.assign(e, extra);
}

const reportError = (message, line = 0, column = 0) => namedError("ReportError", message, { line, column });

/**
 * The value of a JSON reply from the module, or the error it describes, thrown. A validation
 * replies nothing where it found no issues.
 */
function unwrap(replyText) {
  if (replyText === undefined) return [];
  const reply = JSON.parse(replyText);
  if ("ok" in reply) return reply.ok;
  const { name, message, ...extra } = reply.error;
  // TnmError and FigoError carry a `code`, a RangeError the option at fault as `field`.
  if (name === "TnmError" || name === "FigoError") {
    extra.code = extra.kind;
    delete extra.kind;
  } else if (name === "RangeError") {
    extra.field = extra.kind;
    delete extra.kind;
  }
  throw namedError(name, message, extra);
}

/** True for a string without lone surrogates (which UTF-8 cannot carry). */
function wellFormed(s) {
  return typeof s.isWellFormed === "function"
    ? s.isWellFormed()
    : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

const pad = (n, width) => String(n).padStart(width, "0");

/** A Date as the calendar day it is where the user is (`YYYY-MM-DD`), or null if invalid. */
function localDay(d) {
  const time = Date.prototype.getTime.call(d);
  if (Number.isNaN(time)) return null;
  const y = Date.prototype.getFullYear.call(d);
  if (y < 1 || y > 9999) return null;
  return `${pad(y, 4)}-${pad(Date.prototype.getMonth.call(d) + 1, 2)}-${pad(Date.prototype.getDate.call(d), 2)}`;
}

const isDate = (v) => {
  try {
    Date.prototype.getTime.call(v);
    return true;
  } catch {
    return false;
  }
};

/** Reads `options[name]`, turning a throwing getter or Proxy into a TypeError. */
function option(options, name) {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object") throw new TypeError("options: expected an object");
  try {
    return options[name];
  } catch {
    throw new TypeError(`options.${name}: the value could not be read`);
  }
}

/** A reference date option as `YYYY-MM-DD`: a Date (its local day), a string, or today. */
function dateOption(value, what) {
  if (value === undefined || value === null) return localDay(new Date());
  if (typeof value === "string") {
    if (!wellFormed(value)) throw new TypeError(`${what}: expected a Date or a 'YYYY-MM-DD' string`);
    return value;
  }
  if (isDate(value)) {
    const day = localDay(value);
    if (day === null) throw new TypeError(`${what}: not a valid date`);
    return day;
  }
  throw new TypeError(`${what}: expected a Date or a 'YYYY-MM-DD' string`);
}

function boolOption(options, name) {
  const v = option(options, name);
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") throw new TypeError(`${name}: expected a boolean`);
  return v;
}

function langOption(options) {
  const v = option(options, "lang");
  if (v === undefined || v === null) return "sv";
  if (typeof v !== "string" || !wellFormed(v)) throw new TypeError('lang: expected "sv" or "en"');
  return v;
}

/** Why JSON cannot carry a value found while reading an object (thrown inside stringify). */
class Unrepresentable {
  constructor(what) {
    this.what = what;
  }
}

/** How many entries the text that flatText(value, true) last returned holds. */
let entryCount = 0;

/**
 * What starts an entry of each field's key for the module (see read_report in src/lib.rs):
 * NUL, the field's place in the module's field table as one character, and "s" before a
 * string or "j" before another value as JSON. Made from the table at the first use.
 */
let textEntry;
let jsonEntry;

function entryStarts() {
  const keys = unwrap(raw.rawFields("sv")).map((f) => f.key);
  const start = (kind) => new Map(keys.map((k, i) => [k, `\0${String.fromCharCode(0x40 + i)}${kind}`]));
  textEntry = start("s");
  jsonEntry = start("j");
}

/**
 * A flat plain object of strings, numbers, booleans and nulls (the usual report) as text for
 * the module, once a look at each value shows that it needs nothing of jsonText's full path:
 * its JSON text (JSON.stringify without a replacer), or with `asEntries` its entries, where
 * every key names a field (half the time of JSON.stringify in Node). Values are read in
 * JSON.stringify's order (its own enumerable keys) and written as it writes them: a finite
 * number as ToString (-0 as 0), NaN as null (not given). Undefined where the object needs
 * the full path (a Date, a nested value, Infinity, a lone surrogate, a Proxy that throws, …)
 * or, for entries, has a key that names no field.
 */
function flatText(value, asEntries) {
  try {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return undefined;
    if (asEntries && textEntry === undefined) entryStarts();
    const keys = Object.keys(value);
    let text = "";
    let count = 0;
    for (let i = 0; i < keys.length; i += 1) {
      const k = keys[i];
      const v = value[k];
      const t = typeof v;
      if (t === "undefined") continue;
      if (t === "number" ? v === Infinity || v === -Infinity : t !== "string" && t !== "boolean" && v !== null) {
        return undefined;
      }
      if (asEntries) {
        const start = (t === "string" ? textEntry : jsonEntry).get(k);
        if (start === undefined) return undefined;
        text += start + (Number.isNaN(v) ? "null" : v);
        count += 1;
      }
    }
    if (asEntries) {
      entryCount = count;
      return wellFormed(text) ? text : undefined;
    }
    text = JSON.stringify(value);
    // JSON.stringify writes a lone surrogate, in a key or a value, as an escape \udXXX and
    // nothing else as \ud: where the text may hold one, the full path says which it is.
    return text.includes("\\ud") ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * The module's reply about a report: `call(text, entries)` with the report's entries where
 * flatText() writes them, else (or where the module cannot split them: a string holds a
 * NUL) with its JSON text and no count.
 */
function withReport(report, call) {
  const entries = typeof report === "object" && report !== null ? flatText(report, true) : undefined;
  if (entries !== undefined) {
    const reply = call(entries, entryCount);
    if (reply !== "") return reply;
  }
  return call(jsonText(report), undefined);
}

/**
 * JSON text for a report or record given as text or as a plain object. Dates become their
 * local calendar day; NaN and undefined mean not given; Infinity, BigInt, lone surrogates,
 * cycles, Maps and anything that throws while being read are a ReportError that never echoes
 * the value.
 */
function jsonText(value) {
  if (typeof value === "string") {
    if (!wellFormed(value)) throw reportError("the text is not well-formed Unicode (it holds a lone surrogate)");
    return value;
  }
  if (value === null || typeof value !== "object") {
    throw reportError("a report must be a JSON object or JSON text");
  }
  // Array.isArray and instanceof run a Proxy's traps, which may throw.
  let kind;
  try {
    kind = Array.isArray(value) ? "array" : value instanceof Map ? "map" : "object";
  } catch {
    throw reportError("value cannot be represented in JSON: a value that could not be read (a throwing Proxy)");
  }
  if (kind === "array") throw reportError("a report must be a JSON object or JSON text");
  if (kind === "map") {
    throw reportError("a Map is not a report: pass a plain object (Object.fromEntries(map))");
  }
  const flat = flatText(value, false);
  if (flat !== undefined) return flat;
  let text;
  try {
    text = JSON.stringify(value, function replacer(key, v) {
      const original = key === "" ? v : this[key];
      if (key !== "" && typeof original === "object" && original !== null && isDate(original)) {
        return localDay(original) ?? "Invalid Date";
      }
      if (typeof v === "number" && !Number.isFinite(v) && !Number.isNaN(v)) {
        throw new Unrepresentable("an infinite number");
      }
      if (typeof v === "bigint") throw new Unrepresentable("a BigInt");
      if (typeof v === "string" && !wellFormed(v)) throw new Unrepresentable("text with a lone surrogate");
      if (typeof key === "string" && !wellFormed(key)) throw new Unrepresentable("a key with a lone surrogate");
      return v;
    });
  } catch (e) {
    const what = e instanceof Unrepresentable ? e.what : "a value that could not be read (a cycle, a throwing getter or a Proxy)";
    throw namedError("ReportError", `value cannot be represented in JSON: ${what}`, { line: 0, column: 0 });
  }
  if (typeof text !== "string") throw reportError("a report must be a JSON object or JSON text");
  return text;
}

/** A list of rule IDs option as one text for the module (undefined where not given). */
function ruleIdsOption(options, name) {
  const v = option(options, name);
  if (v === undefined || v === null) return undefined;
  const ids = [];
  try {
    if (!Array.isArray(v)) throw new Error();
    for (let i = 0; i < v.length; i += 1) {
      const id = v[i];
      if (typeof id !== "string" || !wellFormed(id) || id.includes(",")) throw new Error();
      ids.push(id);
    }
  } catch {
    // Not an array of strings, or one whose reading threw (a getter, a Proxy).
    throw new TypeError(`${name}: expected an array of rule IDs`);
  }
  return ids.join(",");
}

function ruleSetOption(value) {
  if (value === undefined || value === null) return "form";
  if (value !== "form" && value !== "register") throw new TypeError('ruleSet: expected "form" or "register"');
  return value;
}

/** Validates one report (an object or JSON text); returns its issues. */
function validate(report, options) {
  const today = dateOption(option(options, "today"), "today");
  const lang = langOption(options);
  const allow = boolOption(options, "allowTestPersons");
  const ruleSet = ruleSetOption(option(options, "ruleSet"));
  const include = ruleIdsOption(options, "include");
  const exclude = ruleIdsOption(options, "exclude");
  return unwrap(withReport(report, (text, entries) => raw.rawValidate(text, entries, undefined, today, lang, allow, ruleSet, include, exclude)));
}

function textArg(value, what) {
  if (typeof value !== "string") throw new TypeError(`${what}: expected a string`);
  if (!wellFormed(value)) throw new TypeError(`${what}: expected well-formed Unicode (no lone surrogates)`);
  return value;
}

/** The wire keys of the form fields shown for a report, in form order. */
function visibleFields(report) {
  return unwrap(raw.rawVisibleFields(jsonText(report)));
}

/** Masks a text that may hold a personal identity number: only a leading birth date stays. */
function mask(text) {
  if (typeof text !== "string") throw new TypeError("text: expected a string");
  if (!wellFormed(text)) throw new TypeError("text: expected well-formed Unicode (no lone surrogates)");
  return raw.rawMask(text);
}

/** The fields of the report as the core's field table declares them. */
function fields(lang) {
  const code = lang === undefined || lang === null ? "sv" : lang;
  if (typeof code !== "string" || !wellFormed(code)) throw new TypeError('lang: expected "sv" or "en"');
  return unwrap(raw.rawFields(code));
}

/**
 * The issues of validate() that name one field (a wire key), for checks as the user types:
 * the field's own rules and the cross-field rules that involve it. Throws a RangeError (with
 * `field: "key"`) for a key that names no field.
 */
function validateField(report, key, options) {
  const today = dateOption(option(options, "today"), "today");
  const lang = langOption(options);
  const allow = boolOption(options, "allowTestPersons");
  const ruleSet = ruleSetOption(option(options, "ruleSet"));
  return unwrap(withReport(report, (text, entries) => raw.rawValidate(text, entries, textArg(key, "key"), today, lang, allow, ruleSet)));
}

/**
 * The form definition (version 1): the fields in form order with labels and help in `lang`,
 * type, required-ness, max length, options, suggestions, T/N/M/FIGO values per site and the
 * conditions that show them, and the TNM schemes with their ICD-10 codes. Keys are
 * snake_case, as in every language.
 */
function formDefinition(lang) {
  const code = lang === undefined || lang === null ? "sv" : lang;
  if (typeof code !== "string" || !wellFormed(code)) throw new TypeError('lang: expected "sv" or "en"');
  return unwrap(raw.rawFormDefinition(code));
}

/** The JSON Schema (draft 2020-12) of the wire format. */
function jsonSchema() {
  return JSON.parse(raw.rawJsonSchema());
}

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };

/**
 * A Standard Schema v1 of a report (`~standard`, vendor "canceranmalan"), for form libraries
 * that accept one (TanStack Form, React Hook Form's standardSchemaResolver, …). validate()
 * returns `{ value }` (the input itself) when no issue is at least as severe as
 * `options.failOn` ("error" by default; "warning" or "info" fail on more), else `{ issues }`
 * with one `{ message, path: [key] }` per field an issue names (an issue about no known
 * field, such as an unknown key or a value that is not a report, has no path). The other
 * options are those of validate(); `today` is read at each validation when not given.
 */
function standardSchema(options) {
  const failOn = option(options, "failOn") ?? "error";
  if (!(failOn in SEVERITY_RANK)) throw new TypeError('failOn: expected "error", "warning" or "info"');
  const settings = {
    today: option(options, "today"),
    lang: langOption(options),
    allowTestPersons: boolOption(options, "allowTestPersons"),
    ruleSet: ruleSetOption(option(options, "ruleSet")),
    include: option(options, "include"),
    exclude: option(options, "exclude"),
  };
  // Check the options now, not at the first keystroke.
  validate("{}", settings);
  const floor = SEVERITY_RANK[failOn];
  return {
    "~standard": {
      version: 1,
      vendor: "canceranmalan",
      validate(value) {
        let issues;
        try {
          issues = validate(value, settings);
        } catch (e) {
          if (e && e.name === "ReportError") return { issues: [{ message: e.message }] };
          throw e;
        }
        const failing = issues.filter((i) => SEVERITY_RANK[i.severity] >= floor);
        if (failing.length === 0) return { value };
        return {
          issues: failing.flatMap((i) =>
            i.fields.length === 0 ? [{ message: i.message }] : i.fields.map((f) => ({ message: i.message, path: [f] })),
          ),
        };
      },
    },
  };
}
