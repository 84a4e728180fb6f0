//! WebAssembly bindings for `canceranmalan` (browsers and Node): type conversion and error
//! mapping only. Every rule, table and behaviour lives in the core crate.
//!
//! A report goes in as a JavaScript object (serialised with `JSON.stringify`, so `undefined`
//! is "not given" and `NaN` becomes `null`) or as JSON text; one call validates a whole form.

use canceranmalan as core;
use js_sys::{Array, Date as JsDate, Error as JsError, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
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
  /** Reference date: a Date (its local calendar day) or "YYYY-MM-DD". Default: today. */
  today?: Date | string;
  /** Message language. Default "sv". */
  lang?: "sv" | "en";
  /** Accept INCA's test persons (century 13). Default false. */
  allowTestPersons?: boolean;
}

export interface ParseOptions {
  /** Reference date for the century of ten-digit numbers. Default: today. */
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
  /** Shown only while another field holds one of these wire keys; null: always shown. */
  visibleWhen: { field: string; oneOf: string[] } | null;
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
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Report | string")]
    pub type ReportInput;
    #[wasm_bindgen(typescript_type = "ValidateOptions")]
    pub type ValidateOptions;
    #[wasm_bindgen(typescript_type = "ParseOptions")]
    pub type ParseOptionsJs;
    #[wasm_bindgen(typescript_type = "Issue[]")]
    pub type IssueArray;
    #[wasm_bindgen(typescript_type = "RuleInfo[]")]
    pub type RuleArray;
    #[wasm_bindgen(typescript_type = "FieldInfo[]")]
    pub type FieldArray;
    #[wasm_bindgen(typescript_type = "PatientRecord")]
    pub type PatientRecordJs;
    #[wasm_bindgen(typescript_type = "Date | string")]
    pub type DateInput;
}

fn named_error(name: &str, message: &str) -> JsValue {
    let e = JsError::new(message);
    e.set_name(name);
    e.into()
}

fn report_error(e: &core::ReportError) -> JsValue {
    let err = named_error("ReportError", &e.to_string());
    let _ = Reflect::set(&err, &"line".into(), &JsValue::from(e.line as u32));
    let _ = Reflect::set(&err, &"column".into(), &JsValue::from(e.column as u32));
    err
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() {
        Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A date from a JS Date (its local calendar day), a "YYYY-MM-DD" string, or today.
fn date_from(value: &JsValue, what: &str) -> Result<core::Date, JsValue> {
    if value.is_undefined() || value.is_null() {
        return date_from(&JsDate::new_0().into(), what);
    }
    if let Some(s) = value.as_string() {
        return s.parse().map_err(|e| type_error(&format!("{what}: {e}")));
    }
    if let Some(d) = value.dyn_ref::<JsDate>() {
        let (y, m, day) = (d.get_full_year(), d.get_month() + 1, d.get_date());
        if (1..=9999).contains(&y) {
            if let Some(date) = core::Date::from_ymd(y as u16, m as u8, day as u8) {
                return Ok(date);
            }
        }
        return Err(type_error(&format!("{what}: not a valid date")));
    }
    Err(type_error(&format!(
        "{what}: expected a Date or a 'YYYY-MM-DD' string"
    )))
}

fn bool_option(options: &JsValue, key: &str) -> Result<bool, JsValue> {
    let v = get(options, key);
    if v.is_undefined() || v.is_null() {
        return Ok(false);
    }
    v.as_bool()
        .ok_or_else(|| type_error(&format!("{key}: expected a boolean")))
}

fn context(options: &JsValue) -> Result<core::ValidationContext, JsValue> {
    let lang = match get(options, "lang") {
        v if v.is_undefined() || v.is_null() => core::Lang::Sv,
        v => v
            .as_string()
            .and_then(|s| core::Lang::from_code(&s))
            .ok_or_else(|| type_error("lang: expected \"sv\" or \"en\""))?,
    };
    Ok(
        core::ValidationContext::new(date_from(&get(options, "today"), "today")?)
            .with_lang(lang)
            .with_test_persons(bool_option(options, "allowTestPersons")?),
    )
}

/// A `Date` as the calendar day it is where the user is (`YYYY-MM-DD`); an invalid `Date`
/// as text that the date rules report.
fn local_day(d: &JsDate) -> String {
    if d.get_time().is_nan() {
        return "Invalid Date".to_string();
    }
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The object with its `Date` values replaced by their local calendar day (a shallow copy, only
/// where there is a `Date`): `JSON.stringify` would write a UTC time stamp, which can even be
/// another day.
fn with_local_days(value: &JsValue) -> JsValue {
    if !value.is_object() || Array::is_array(value) || value.is_instance_of::<JsDate>() {
        return value.clone();
    }
    let obj: &Object = value.unchecked_ref();
    let mut copy: Option<Object> = None;
    for entry in Object::entries(obj).iter() {
        let pair: Array = entry.unchecked_into();
        if let Some(d) = pair.get(1).dyn_ref::<JsDate>() {
            let target = copy.get_or_insert_with(|| Object::assign(&Object::new(), obj));
            let _ = Reflect::set(target, &pair.get(0), &JsValue::from(local_day(d)));
        }
    }
    copy.map_or_else(|| value.clone(), JsValue::from)
}

/// JSON text for a report given as text or as an object.
fn json_text(value: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    let text = JSON::stringify(&with_local_days(value)).map_err(|_| {
        report_error(&core::ReportError::new(
            core::ReportErrorKind::Unrepresentable,
            "the object cannot be written as JSON (a cycle or a BigInt)",
        ))
    })?;
    // `JSON.stringify(undefined)` and of a function give undefined.
    text.as_string().ok_or_else(|| {
        report_error(&core::ReportError::new(
            core::ReportErrorKind::NotAnObject,
            "expected a JSON object",
        ))
    })
}

fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &key.into(), &value.into());
}

fn strings(items: impl IntoIterator<Item = impl AsRef<str>>) -> Array {
    items
        .into_iter()
        .map(|s| JsValue::from_str(s.as_ref()))
        .collect()
}

/// Validates one report (an object or JSON text); returns its issues.
///
/// Throws an `Error` named `ReportError` (with `line` and `column`) when the input is not a
/// JSON object, and a `TypeError` for bad options.
#[wasm_bindgen]
pub fn validate(
    report: ReportInput,
    options: Option<ValidateOptions>,
) -> Result<IssueArray, JsValue> {
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    let ctx = context(&options)?;
    let text = json_text(&report)?;
    let issues = core::validate_json(&text, &ctx).map_err(|e| report_error(&e))?;
    let out = Array::new();
    for issue in issues {
        let o = Object::new();
        set(&o, "ruleId", issue.rule_id);
        set(&o, "severity", issue.severity.as_str());
        set(&o, "fields", strings(&issue.fields));
        set(&o, "message", issue.message);
        let params = Object::new();
        for (name, p) in &issue.params {
            let v: JsValue = match p {
                core::Param::Text(s) => s.into(),
                core::Param::Int(i) => JsValue::from_f64(*i as f64),
                core::Param::List(items) => strings(items).into(),
            };
            set(&params, name, v);
        }
        set(&o, "params", params);
        out.push(&o);
    }
    Ok(out.unchecked_into())
}

/// A valid Swedish personal identity number. `toString()` shows it masked.
#[wasm_bindgen]
pub struct PersonalId {
    inner: core::PersonalId,
}

#[wasm_bindgen]
impl PersonalId {
    /// Parses a number of any known kind. Throws an `Error` named `PersonalIdError` whose
    /// `kind` says why (e.g. "check_digit"); the number is never in the message.
    pub fn parse(text: &str, options: Option<ParseOptionsJs>) -> Result<PersonalId, JsValue> {
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        let reference = date_from(&get(&options, "referenceDate"), "referenceDate")?;
        let opts = core::ParseOptions::new(reference)
            .with_test_persons(bool_option(&options, "allowTestPersons")?);
        core::PersonalId::parse(text, &opts)
            .map(|inner| PersonalId { inner })
            .map_err(|e| {
                let err = named_error("PersonalIdError", &e.to_string());
                let _ = Reflect::set(&err, &"kind".into(), &e.key().into());
                err
            })
    }

    /// The kind, e.g. "personnummer", "samordningsnummer", "reserve_skane".
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        self.inner.kind().key().to_string()
    }

    /// The birth date ("YYYY-MM-DD") the number gives, or undefined.
    #[wasm_bindgen(getter, js_name = birthDate)]
    pub fn birth_date(&self) -> Option<String> {
        self.inner.birth_date().map(|d| d.to_string())
    }

    /// Legal sex derived from the number ("female" or "male"), or undefined.
    #[wasm_bindgen(getter)]
    pub fn sex(&self) -> Option<String> {
        self.inner.sex().map(|s| s.key().to_string())
    }

    /// Age in whole years at `date`, or undefined where the birth date is unknown.
    #[wasm_bindgen(js_name = ageAt)]
    pub fn age_at(&self, date: DateInput) -> Result<Option<u32>, JsValue> {
        Ok(self.inner.age_at(date_from(&date, "date")?))
    }

    /// The number in full, canonical form. Use only where it must leave the program.
    pub fn reveal(&self) -> String {
        self.inner.reveal()
    }

    /// The masked number, e.g. "19640823-****".
    #[allow(clippy::inherent_to_string)]
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string(&self) -> String {
        self.inner.to_string()
    }

    /// JSON shows the masked number too.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.inner.to_string()
    }
}

/// The wire keys of the form fields shown for a report (object or JSON text), in form order:
/// the form's own visibility logic (the autopsy finding only with basis of diagnosis 4 or 7).
#[wasm_bindgen(js_name = visibleFields, unchecked_return_type = "string[]")]
pub fn visible_fields(report: ReportInput) -> Result<Array, JsValue> {
    let parsed = core::parse_json(&json_text(&report)?).map_err(|e| report_error(&e))?;
    Ok(strings(
        core::visible_fields(parsed.report())
            .iter()
            .map(|f| f.key()),
    ))
}

/// Masks a text that may hold a personal identity number: only a leading birth date stays
/// readable, every other character becomes `*`.
#[wasm_bindgen]
pub fn mask(text: &str) -> String {
    core::mask(text)
}

/// INCA's handling of protected identity, applied to a patient record; idempotent.
#[wasm_bindgen(js_name = protectPatient)]
pub fn protect_patient(record: PatientRecordJs) -> Result<PatientRecordJs, JsValue> {
    let text = json_text(&record)?;
    let p = core::PatientRecord::from_json(&text)
        .map_err(|e| report_error(&e))?
        .protect();
    // Every key present, blanks as null: the record's wire format, built as a JS object.
    let text_or_null = |t: Option<&str>| t.map_or(JsValue::NULL, JsValue::from_str);
    let o = Object::new();
    set(
        &o,
        "personal_id",
        text_or_null(p.personal_id.as_ref().map(|s| s.reveal())),
    );
    for (key, value) in core::PatientRecord::TEXT_KEYS.iter().zip(p.texts()) {
        set(&o, key, text_or_null(value.as_deref()));
    }
    set(&o, "registration_history", strings(&p.registration_history));
    set(&o, "protected", p.protected);
    Ok(o.unchecked_into())
}

/// Every validation rule, in the order issues are reported.
#[wasm_bindgen]
pub fn rules() -> RuleArray {
    let out = Array::new();
    for r in core::rules::RULES {
        let o = Object::new();
        set(&o, "id", r.id);
        set(&o, "severity", r.severity.as_str());
        set(&o, "fields", strings(r.fields().iter().map(|f| f.key())));
        set(&o, "messageSv", r.message.sv);
        set(&o, "messageEn", r.message.en);
        set(&o, "source", r.source_text());
        set(&o, "ruleSets", strings(r.rule_sets.iter().map(|s| s.key())));
        out.push(&o);
    }
    out.unchecked_into()
}

/// The fields of the report as the core's field table declares them, in wire order, with
/// labels and help in `lang` ("sv" by default).
#[wasm_bindgen]
pub fn fields(lang: Option<String>) -> Result<FieldArray, JsValue> {
    let lang = match lang {
        None => core::Lang::Sv,
        Some(l) => core::Lang::from_code(&l)
            .ok_or_else(|| type_error("lang: expected \"sv\" or \"en\""))?,
    };
    let out = Array::new();
    for f in &core::FIELDS {
        let o = Object::new();
        set(&o, "key", f.key);
        set(&o, "label", f.label.get(lang));
        set(&o, "help", f.help.get(lang));
        set(&o, "kind", f.kind.key());
        set(&o, "json", f.json.key());
        let codes = Array::new();
        for c in f.codes {
            let e = Object::new();
            set(&e, "key", c.key);
            set(&e, "label", c.label.get(lang));
            codes.push(&e);
        }
        set(&o, "codes", codes);
        set(
            &o,
            "formPosition",
            f.form_position.map_or(JsValue::NULL, JsValue::from),
        );
        set(&o, "required", f.required);
        set(
            &o,
            "maxLength",
            f.max_length.map_or(JsValue::NULL, JsValue::from),
        );
        let visible = match f.visible {
            core::Visibility::Always => JsValue::NULL,
            core::Visibility::When { field, one_of } => {
                let v = Object::new();
                set(&v, "field", field.key());
                set(&v, "oneOf", strings(one_of));
                v.into()
            }
        };
        set(&o, "visibleWhen", visible);
        out.push(&o);
    }
    Ok(out.unchecked_into())
}
