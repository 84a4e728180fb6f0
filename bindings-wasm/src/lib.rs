//! WebAssembly bindings for `canceranmalan` (browsers and Node): type conversion and error
//! mapping only. Every rule, table and behaviour lives in the core crate.
//!
//! The module's own exports take only strings, numbers and booleans and return JSON text;
//! the package's JavaScript layer (`js/api.js`) reads the caller's objects, options and dates
//! in JavaScript, calls these, and builds the results and errors. So no caller value is ever
//! touched from inside WebAssembly: a throwing getter, a Proxy or a nearly full JavaScript
//! stack can fail a call, but never leave the module's memory in a broken state.

use canceranmalan as core;
use wasm_bindgen::prelude::*;

// The case lifecycle and the library API beyond the form (TNM and FIGO, stage groups, identity
// numbers, reportability, rules and sources, ICD-10 titles, protected identity) only in the
// full build; the "canceranmalan/form" build a web form loads has the form alone.
#[cfg(feature = "full")]
mod lifecycle;

/// Talc instead of dlmalloc: smaller in the module and faster (the module is single-threaded).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The replies are written with the core's JSON text writer (no serde_json serializer, no
/// float formatting in the module).
type Json = core::vocab::json::JsonWriter;

/// An error the JavaScript layer throws: `name` is `ReportError`, `PersonalIdError` or
/// `TypeError`.
struct ErrorInfo {
    name: &'static str,
    message: String,
    position: Option<(usize, usize)>,
    kind: Option<&'static str>,
    /// More keys of the error object, as JSON text that starts with a comma (or empty).
    extra: String,
}

impl ErrorInfo {
    fn type_error(message: String) -> ErrorInfo {
        ErrorInfo {
            name: "TypeError",
            message,
            position: None,
            kind: None,
            extra: String::new(),
        }
    }

    fn report(e: &core::ReportError) -> ErrorInfo {
        ErrorInfo {
            name: "ReportError",
            message: e.to_string(),
            position: Some((e.line, e.column)),
            kind: None,
            extra: String::new(),
        }
    }

    #[cfg(feature = "full")]
    fn personal_id(e: core::PersonalIdError) -> ErrorInfo {
        ErrorInfo {
            name: "PersonalIdError",
            message: e.to_string(),
            position: None,
            kind: Some(e.key()),
            extra: String::new(),
        }
    }
}

/// The JSON reply of every export: `{"ok": value}` or `{"error": {name, message, …}}`.
fn reply(result: Result<Json, ErrorInfo>) -> String {
    let room = result
        .as_ref()
        .map_or(256, |value| value.as_str().len() + 16);
    let mut j = Json::with_capacity(room);
    j.raw("{");
    match result {
        Ok(value) => {
            j.key("ok").raw(value.as_str());
        }
        Err(e) => {
            j.key("error").raw("{");
            j.key("name").str(e.name).key("message").str(&e.message);
            if let Some((line, column)) = e.position {
                j.key("line")
                    .int(line as i64)
                    .key("column")
                    .int(column as i64);
            }
            if let Some(kind) = e.kind {
                j.key("kind").str(kind);
            }
            j.raw(&e.extra).raw("}");
        }
    }
    j.raw("}");
    // ASCII: JavaScript decodes it from the module's memory several times faster than UTF-8.
    j.into_ascii_string()
}

/// The reply of a validation: nothing where it found no issues (the usual answer, which then
/// costs JavaScript no text to decode), else [`reply`] of the issues or of the error.
fn issues_reply(result: Result<Vec<core::Issue>, ErrorInfo>) -> Option<String> {
    match result {
        Ok(issues) if issues.is_empty() => None,
        result => Some(reply(result.map(|issues| {
            // About what an issue takes in Swedish or English, so that the text rarely grows.
            let mut j = Json::with_capacity(2 + issues.len() * 320);
            j.list(issues, issue);
            j
        }))),
    }
}

fn date(text: &str, what: &str) -> Result<core::Date, ErrorInfo> {
    text.parse()
        .map_err(|e| ErrorInfo::type_error(format!("{what}: {e}")))
}

fn lang(code: &str) -> Result<core::Lang, ErrorInfo> {
    core::Lang::from_code(code)
        .ok_or_else(|| ErrorInfo::type_error("lang: expected \"sv\" or \"en\"".into()))
}

fn issue(j: &mut Json, i: core::Issue) {
    j.raw("{")
        .key("ruleId")
        .str(i.rule_id)
        .key("severity")
        .str(i.severity.as_str());
    j.key("fields").strs(i.fields.iter().map(String::as_str));
    j.key("message").str(&i.message).key("params").raw("{");
    for (name, p) in &i.params {
        j.key(name);
        match p {
            core::Param::Text(s) => j.str(s),
            core::Param::Int(n) => j.int(*n),
            core::Param::List(items) => j.strs(items.iter().map(String::as_str)),
        };
    }
    j.raw("}}");
}

/// Rule IDs given as one text, separated by commas (`None` where not given).
fn rule_ids(list: Option<String>, what: &str) -> Result<Option<Vec<String>>, ErrorInfo> {
    let Some(list) = list else { return Ok(None) };
    let ids: Vec<String> = list
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(unknown) = core::registry::unknown_rule_id(&ids) {
        return Err(ErrorInfo::type_error(format!(
            "{what}: no rule has the ID {}",
            core::wire::decode::quoted(&unknown)
        )));
    }
    Ok(Some(ids))
}

fn rule_set(key: &str) -> Result<core::RuleSet, ErrorInfo> {
    core::RuleSet::from_key(key)
        .ok_or_else(|| ErrorInfo::type_error("ruleSet: expected \"form\" or \"register\"".into()))
}

/// A report as the JavaScript layer hands it over: JSON text, or, where `entries` counts
/// them, the entries of a flat object whose keys all name fields, one after another: NUL,
/// the field's place in the field table as one character (`@` the first, `A` the second,
/// …), then `s` and a string's text or `j` and any other value as JSON text, up to the next
/// NUL or the end. Writing that costs half of what JSON.stringify does in Node. `None` where
/// the text is not that many entries and nothing more (a string held a NUL of its own): the
/// layer then sends JSON text.
fn read_report(text: &str, entries: Option<u32>) -> Option<Result<core::ParsedReport, ErrorInfo>> {
    let Some(count) = entries else {
        return Some(core::parse_json(text).map_err(|e| ErrorInfo::report(&e)));
    };
    let (mut rest, mut broken) = (text, false);
    let parsed = core::wire::decode::parse_entry_texts((0..count).map_while(|_| {
        let entry = next_entry(&mut rest);
        broken |= entry.is_none();
        entry
    }));
    // Each entry starts at a NUL and holds no other: one in a string leaves text over.
    if broken || !rest.is_empty() {
        return None;
    }
    Some(parsed.map_err(|e| ErrorInfo::report(&e)))
}

/// The next entry of `rest` (see [`read_report`]), `rest` moved past it.
fn next_entry<'a>(rest: &mut &'a str) -> Option<(&'static str, core::wire::decode::EntryText<'a>)> {
    use core::wire::decode::EntryText;
    let &[0, place, kind, ..] = rest.as_bytes() else {
        return None;
    };
    let field = core::FIELDS.get(usize::from(place.checked_sub(b'@')?))?;
    let text = match kind {
        b's' => true,
        b'j' => false,
        _ => return None,
    };
    // The three bytes are ASCII: the value starts at a character.
    let tail = &rest[3..];
    let (value, after) = tail.split_at(tail.find('\0').unwrap_or(tail.len()));
    let value = if text {
        EntryText::Text(value)
    } else {
        EntryText::Json(value)
    };
    *rest = after;
    Some((field.key, value))
}

/// The issues of a report read by [`read_report`], or an empty reply where it could not be
/// read that way (the JavaScript layer then sends JSON text).
fn validation_reply(
    report: &str,
    entries: Option<u32>,
    validate: impl FnOnce(core::ParsedReport) -> Vec<core::Issue>,
) -> Option<String> {
    match read_report(report, entries) {
        Some(parsed) => issues_reply(parsed.map(validate)),
        None => Some(String::new()),
    }
}

/// Validates a report (see [`read_report`]): all its issues, or with `key` those about that
/// field (a wire key) alone, for checks as the user types (one export for both keeps the
/// form's download small). `today` is `YYYY-MM-DD`; `include` and `exclude` are rule IDs
/// separated by commas, or undefined.
#[wasm_bindgen(js_name = rawValidate)]
#[allow(clippy::too_many_arguments)]
pub fn raw_validate(
    report: &str,
    entries: Option<u32>,
    key: Option<String>,
    today: &str,
    lang_code: &str,
    allow_test_persons: bool,
    rule_set_key: &str,
    include: Option<String>,
    exclude: Option<String>,
) -> Option<String> {
    let ctx = (|| {
        let field = key.map(|key| field_of_key(&key)).transpose()?;
        let ctx = core::ValidationContext::new(date(today, "today")?)
            .with_lang(lang(lang_code)?)
            .with_test_persons(allow_test_persons)
            .with_rule_set(rule_set(rule_set_key)?)
            .with_include(rule_ids(include, "include")?)
            .with_exclude(rule_ids(exclude, "exclude")?.unwrap_or_default());
        Ok((field, ctx))
    })();
    match ctx {
        Ok((field, ctx)) => validation_reply(report, entries, |parsed| match field {
            Some(field) => parsed.validate_field(field, &ctx),
            None => parsed.validate(&ctx),
        }),
        Err(e) => issues_reply(Err(e)),
    }
}

/// The field a wire key names, or a RangeError about the key.
fn field_of_key(key: &str) -> Result<core::Field, ErrorInfo> {
    core::Field::from_key(key).ok_or_else(|| ErrorInfo {
        name: "RangeError",
        message: format!(
            "key: no field has the key {}",
            core::wire::decode::quoted(&core::wire::decode::shown_key(key))
        ),
        position: None,
        kind: Some("key"),
        extra: String::new(),
    })
}

/// The form definition (version 1) in `lang`, as JSON.
#[wasm_bindgen(js_name = rawFormDefinition)]
pub fn raw_form_definition(lang_code: &str) -> String {
    reply(lang(lang_code).map(|lang| {
        let mut j = Json::default();
        j.raw(&core::form_definition(lang).to_json());
        j
    }))
}

/// The JSON Schema of the wire format (plain JSON, not a reply).
#[wasm_bindgen(js_name = rawJsonSchema)]
pub fn raw_json_schema() -> String {
    core::json_schema()
}

/// The wire keys of the form fields shown for a report given as JSON text.
#[wasm_bindgen(js_name = rawVisibleFields)]
pub fn raw_visible_fields(json: &str) -> String {
    reply(
        core::parse_json(json)
            .map(|p| {
                let mut j = Json::default();
                j.strs(
                    core::visible_fields(p.report())
                        .into_iter()
                        .map(|f| f.key()),
                );
                j
            })
            .map_err(|e| ErrorInfo::report(&e)),
    )
}

/// Parses a personal identity number; `reference` is `YYYY-MM-DD`. The reply holds the kind,
/// the canonical and the masked form, the birth date and the sex.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawParsePersonalId)]
pub fn raw_parse_personal_id(text: &str, reference: &str, allow_test_persons: bool) -> String {
    reply((|| {
        let opts = core::ParseOptions::new(date(reference, "referenceDate")?)
            .with_test_persons(allow_test_persons);
        let id = core::PersonalId::parse(text, &opts).map_err(ErrorInfo::personal_id)?;
        let mut j = Json::default();
        j.raw("{").key("kind").str(id.kind().key());
        j.key("canonical")
            .str(&id.reveal())
            .key("masked")
            .str(&id.to_string());
        j.key("birthDate")
            .opt_str(id.birth_date().map(|d| d.to_string()).as_deref());
        j.key("birthDateParts");
        match id.birth_date_parts() {
            Some(p) => j
                .raw("{")
                .key("year")
                .int(p.year.into())
                .key("month")
                .opt_int(p.month.map(i64::from))
                .key("day")
                .opt_int(p.day.map(i64::from))
                .raw("}"),
            None => j.raw("null"),
        };
        j.key("sex").opt_str(id.sex().map(|s| s.key())).raw("}");
        Ok(j)
    })())
}

/// The age at `at` (`YYYY-MM-DD`) of a number already parsed (given in canonical form).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawAgeAt)]
pub fn raw_age_at(canonical: &str, at: &str) -> String {
    reply((|| {
        let at = date(at, "date")?;
        // The canonical form names its century; the reference date only bounds the birth date.
        let opts = core::ParseOptions::new(core::Date::from_ymd_const(9999, 12, 31))
            .with_test_persons(true);
        let id = core::PersonalId::parse(canonical, &opts).map_err(ErrorInfo::personal_id)?;
        let mut j = Json::default();
        j.opt_int(id.age_at(at).map(i64::from));
        Ok(j)
    })())
}

/// Masks a text that may hold a personal identity number (plain text in, plain text out).
#[wasm_bindgen(js_name = rawMask)]
pub fn raw_mask(text: &str) -> String {
    core::mask(text)
}

/// The patient record after INCA's handling of protected identity (every key present).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawProtectPatient)]
pub fn raw_protect_patient(json: &str) -> String {
    reply(
        core::PatientRecord::from_json(json)
            .map(|p| {
                let p = p.protect();
                let mut j = Json::default();
                j.raw("{")
                    .key("personal_id")
                    .opt_str(p.personal_id.as_ref().map(|s| s.reveal()));
                for (key, value) in core::PatientRecord::TEXT_KEYS.iter().zip(p.texts()) {
                    j.key(key).opt_str(value.as_deref());
                }
                j.key("registration_history")
                    .strs(p.registration_history.iter().map(String::as_str));
                j.key("protected").bool(p.protected).raw("}");
                j
            })
            .map_err(|e| ErrorInfo::report(&e)),
    )
}

/// The validation rules, in the order issues are reported: all (`rule_set_key` empty) or
/// those of a rule set.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawRules)]
pub fn raw_rules(rule_set_key: &str) -> String {
    let set = if rule_set_key.is_empty() {
        None
    } else {
        match rule_set(rule_set_key) {
            Ok(s) => Some(s),
            Err(e) => return reply(Err(e)),
        }
    };
    let mut j = Json::default();
    j.list(core::registry::rules_in(set), |j, r| {
        j.raw("{")
            .key("id")
            .str(r.id)
            .key("severity")
            .str(r.severity.as_str());
        j.key("fields").strs(r.fields().iter().map(|f| f.key()));
        j.key("messageSv")
            .str(r.message.sv)
            .key("messageEn")
            .str(r.message.en);
        j.key("source").str(&r.source_text());
        j.key("ruleSets")
            .strs(r.rule_sets.iter().map(|s| s.key()))
            .raw("}");
    });
    reply(Ok(j))
}

/// The fields of the report as the core's field table declares them, in `lang`.
#[wasm_bindgen(js_name = rawFields)]
pub fn raw_fields(lang_code: &str) -> String {
    reply(lang(lang_code).map(|lang| {
        let mut j = Json::default();
        j.list(&core::FIELDS, |j, f| {
            j.raw("{")
                .key("key")
                .str(f.key)
                .key("label")
                .str(f.label.get(lang));
            j.key("help")
                .str(f.help.get(lang))
                .key("kind")
                .str(f.kind.key());
            j.key("json")
                .str(f.json.key())
                .key("codes")
                .list(f.codes, |j, c| {
                    j.raw("{")
                        .key("key")
                        .str(c.key)
                        .key("label")
                        .str(c.label.get(lang))
                        .raw("}");
                });
            j.key("formPosition")
                .opt_int(f.form_position.map(i64::from));
            j.key("required").bool(f.required);
            j.key("maxLength").opt_int(f.max_length.map(i64::from));
            j.key("visibleWhen");
            match f.visible {
                core::Visibility::When { field, one_of } => {
                    j.raw("{")
                        .key("field")
                        .str(field.key())
                        .key("oneOf")
                        .strs(one_of.iter().copied())
                        .raw("}");
                }
                ref other => core::form::write_visibility(j, other),
            }
            j.raw("}");
        });
        j
    }))
}

/// Every reference table the rules use, with its source and version.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawSources)]
pub fn raw_sources() -> String {
    let mut j = Json::default();
    j.list(core::TABLE_SOURCES, |j, t| {
        j.raw("{")
            .key("name")
            .str(t.name)
            .key("source")
            .str(t.source);
        j.key("version").str(t.version).raw("}");
    });
    reply(Ok(j))
}

#[cfg(feature = "full")]
fn opt_bool(j: &mut Json, b: Option<bool>) {
    match b {
        Some(b) => j.bool(b),
        None => j.raw("null"),
    };
}

/// Whether a report's tumour must be reported, whether the clinic must send it and where it
/// goes; `today` is `YYYY-MM-DD`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawReportability)]
pub fn raw_reportability(json: &str, today: &str, lang_code: &str) -> String {
    reply((|| {
        let today = date(today, "today")?;
        let lang = lang(lang_code)?;
        let parsed = core::parse_json(json).map_err(|e| ErrorInfo::report(&e))?;
        let r = core::reportability(parsed.report(), today);
        let mut j = Json::default();
        j.raw("{").key("reportable");
        opt_bool(&mut j, r.reportable);
        j.key("clinicMustReport");
        opt_bool(&mut j, r.clinic_must_report);
        j.key("route")
            .str(r.route.key())
            .key("category")
            .str(r.category);
        j.key("message")
            .str(r.message.get(lang))
            .key("source")
            .str(r.source)
            .raw("}");
        Ok(j)
    })())
}

/// The English WHO title of an ICD-10 code of the neoplasm chapter, or an empty text.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawIcd10Title)]
pub fn raw_icd10_title(code: &str) -> String {
    core::icd10_title(code).unwrap_or("").to_string()
}

#[cfg(feature = "full")]
fn category(j: &mut Json, c: Option<&core::Category>) {
    let Some(c) = c else {
        j.raw("null");
        return;
    };
    j.raw("{")
        .key("value")
        .str(&c.value)
        .key("prefixes")
        .str(&c.prefixes)
        .key("inherited")
        .bool(c.inherited);
    j.key("qualifiers")
        .strs(c.qualifiers.iter().map(String::as_str));
    j.key("nodes");
    match c.nodes {
        Some((a, b)) => {
            j.raw("[").int(a.into()).raw(",").int(b.into()).raw("]");
        }
        None => {
            j.raw("null");
        }
    }
    j.key("sites").strs(c.sites.iter().map(String::as_str));
    j.raw("}");
}

/// Reads TNM from free text; `icd10` empty for none.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawParseTnm)]
pub fn raw_parse_tnm(text: &str, icd10: &str, edition: u32, lang_code: &str) -> String {
    reply((|| {
        let lang = lang(lang_code)?;
        let icd10 = (!icd10.is_empty()).then_some(icd10);
        let edition = u8::try_from(edition).unwrap_or(0);
        let r = core::parse_tnm(text, icd10, edition, lang).map_err(|e| ErrorInfo {
            name: "TnmError",
            message: e.to_string(),
            position: None,
            kind: Some(e.code()),
            extra: String::new(),
        })?;
        let mut j = Json::default();
        j.raw("{").key("t");
        category(&mut j, r.tnm.t.as_ref());
        j.key("n");
        category(&mut j, r.tnm.n.as_ref());
        j.key("m");
        category(&mut j, r.tnm.m.as_ref());
        j.key("basis")
            .opt_str(r.basis.map(|b| b.key()))
            .key("canonical")
            .str(&r.canonical);
        j.key("descriptors")
            .strs(r.tnm.descriptors.iter().map(|d| d.text.as_str()));
        j.key("editionTag")
            .opt_int(r.tnm.edition_tag.map(i64::from))
            .key("issues")
            .list(r.issues, issue);
        j.key("ignored")
            .strs(r.ignored.iter().map(String::as_str))
            .raw("}");
        Ok(j)
    })())
}

/// Stage grouping; empty texts, a negative age or grade group and a NaN PSA mean not given.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawStage)]
#[allow(clippy::too_many_arguments)]
pub fn raw_stage(
    icd10: &str,
    t: &str,
    n: &str,
    m: &str,
    edition: u32,
    morphology: &str,
    age: f64,
    psa: f64,
    grade_group: f64,
    s: &str,
    lang_code: &str,
) -> String {
    reply((|| {
        let lang = lang(lang_code)?;
        let text = |x: &str| (!x.is_empty()).then(|| x.to_string());
        let whole = |x: f64, what: &'static str| -> Result<Option<f64>, ErrorInfo> {
            if x.is_nan() {
                return Ok(None);
            }
            if x < 0.0 || x.fract() != 0.0 || x > 1e9 {
                return Err(ErrorInfo {
                    name: "RangeError",
                    message: format!("{what}: expected a whole number, 0 or more"),
                    position: None,
                    kind: None,
                    extra: String::new(),
                });
            }
            Ok(Some(x))
        };
        let extras = core::Extras {
            morphology: text(morphology),
            age: whole(age, "age")?.map(|a| a as u32),
            psa: (!psa.is_nan()).then_some(psa),
            grade_group: whole(grade_group, "gradeGroup")?.map(|g| g.min(255.0) as u8),
            s: text(s),
        };
        fn opt(x: &str) -> Option<&str> {
            (!x.is_empty()).then_some(x)
        }
        let edition = u8::try_from(edition).unwrap_or(0);
        let r =
            core::stage(icd10, opt(t), opt(n), opt(m), edition, &extras, lang).map_err(|e| {
                ErrorInfo {
                    name: "RangeError",
                    message: e.to_string(),
                    position: None,
                    kind: Some(e.field),
                    extra: String::new(),
                }
            })?;
        let mut j = Json::default();
        j.raw("{").key("group").opt_str(r.group.as_deref());
        j.key("missing").strs(r.missing.iter().copied());
        j.key("explanation")
            .str(&r.explanation)
            .key("table")
            .opt_str(r.table.as_deref())
            .key("row")
            .opt_int(r.row.map(|x| x as i64))
            .key("source")
            .opt_str(r.source)
            .raw("}");
        Ok(j)
    })())
}

/// Reads a FIGO stage and checks it against the site; `edition` 0 for the site's default.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = rawParseFigo)]
pub fn raw_parse_figo(text: &str, icd10: &str, edition: u32, lang_code: &str) -> String {
    reply((|| {
        let lang = lang(lang_code)?;
        let edition = (edition != 0).then(|| u16::try_from(edition).unwrap_or(0));
        let r = core::parse_figo(text, icd10, edition, lang).map_err(|e| ErrorInfo {
            name: "FigoError",
            message: e.to_string(),
            position: None,
            kind: Some(e.code),
            extra: String::new(),
        })?;
        let mut j = Json::default();
        let modality = r.figo.modality.map(String::from);
        j.raw("{")
            .key("label")
            .str(&r.figo.label)
            .key("stage")
            .str(&r.figo.stage)
            .key("modality")
            .opt_str(modality.as_deref())
            .key("molecular")
            .opt_str(r.figo.molecular.as_deref())
            .key("edition")
            .opt_int(r.edition.map(i64::from))
            .key("issues")
            .list(r.issues, issue);
        j.raw("}");
        Ok(j)
    })())
}
