//! The case lifecycle across the boundary: cases and events travel as their JSON (schema
//! version 1, the core's); every call reads the case from its JSON (a replay) and returns
//! the new case's JSON. Conversion only; the rules are the core's.

use canceranmalan as core;
use wasm_bindgen::prelude::*;

use super::{date, issue, lang, reply, ErrorInfo, Json};

fn transition(e: core::TransitionError) -> ErrorInfo {
    let mut extra = Json::default();
    extra
        .raw(",")
        .str("reason")
        .raw(":")
        .str(e.reason.key())
        .raw(",")
        .str("detail")
        .raw(":")
        .str(&e.detail)
        .raw(",")
        .str("messageSv")
        .raw(":")
        .str(&e.message(core::Lang::Sv))
        .raw(",")
        .str("messageEn")
        .raw(":")
        .str(&e.message(core::Lang::En))
        .raw(",")
        .str("issues")
        .raw(":")
        .list(e.issues.clone(), issue);
    ErrorInfo {
        name: "TransitionError",
        message: format!("{}: {}", e.reason, e.message(core::Lang::En)),
        position: None,
        kind: None,
        extra: extra.into_string(),
    }
}

fn format_error(e: core::EventFormatError) -> ErrorInfo {
    let mut extra = Json::default();
    extra.raw(",").str("at").raw(":").str(&e.at);
    ErrorInfo {
        name: "EventFormatError",
        message: e.to_string(),
        position: None,
        kind: None,
        extra: extra.into_string(),
    }
}

fn read_error(e: core::lifecycle::json::CaseReadError) -> ErrorInfo {
    match e {
        core::lifecycle::json::CaseReadError::Format(e) => format_error(e),
        core::lifecycle::json::CaseReadError::Replay(e) => transition(e),
    }
}

fn read_case(json: &str) -> Result<core::Case, ErrorInfo> {
    core::Case::from_json(json).map_err(read_error)
}

fn actor(user: &str, unit: &str, role: &str) -> Result<core::Actor, ErrorInfo> {
    let role = core::Role::from_key(role)
        .ok_or_else(|| ErrorInfo::type_error("by.role: expected \"reporter\" or \"rcc\"".into()))?;
    Ok(core::Actor::new(user, unit, role))
}

fn at(text: &str) -> Result<core::Timestamp, ErrorInfo> {
    text.parse()
        .map_err(|e: core::TimestampError| ErrorInfo::type_error(format!("at: {e}")))
}

fn report(json: &str) -> Result<core::ParsedReport, ErrorInfo> {
    core::parse_json(json).map_err(|e| ErrorInfo::report(&e))
}

/// The items of a JSON array given as text, or a TypeError naming `what`.
fn json_list(text: &str, what: &str) -> Result<Vec<serde_json::Value>, ErrorInfo> {
    match serde_json::from_str(text) {
        Ok(serde_json::Value::Array(items)) => Ok(items),
        _ => Err(ErrorInfo::type_error(format!("{what}: expected a list"))),
    }
}

fn case_reply(result: Result<core::Case, core::TransitionError>) -> Result<Json, ErrorInfo> {
    let case = result.map_err(transition)?;
    Ok(raw_json(&case.to_json()))
}

/// Opens a case (a reporter) with a report given as JSON text.
#[wasm_bindgen(js_name = rawCaseOpen)]
pub fn raw_case_open(
    report_json: &str,
    user: &str,
    unit: &str,
    role: &str,
    at_text: &str,
    id: Option<String>,
) -> String {
    reply((|| {
        let r = report(report_json)?;
        case_reply(core::Case::open(
            r,
            &actor(user, unit, role)?,
            at(at_text)?,
            id,
        ))
    })())
}

/// Opens a reminder case (RCC) for a patient in a unit's inbox.
#[wasm_bindgen(js_name = rawCaseReminder)]
#[allow(clippy::too_many_arguments)]
pub fn raw_case_reminder(
    personal_id: &str,
    for_unit: &str,
    user: &str,
    unit: &str,
    role: &str,
    at_text: &str,
    id: Option<String>,
) -> String {
    reply((|| {
        let by = actor(user, unit, role)?;
        case_reply(core::Case::reminder(
            personal_id,
            for_unit,
            &by,
            at(at_text)?,
            id,
        ))
    })())
}

/// Takes an action on the case given as JSON; returns the new case's JSON.
#[wasm_bindgen(js_name = rawCasePerform)]
#[allow(clippy::too_many_arguments)]
pub fn raw_case_perform(
    case_json: &str,
    action: &str,
    user: &str,
    unit: &str,
    role: &str,
    at_text: &str,
    comment: Option<String>,
    report_json: Option<String>,
    value: Option<String>,
    lang_code: &str,
) -> String {
    reply((|| {
        let case = read_case(case_json)?;
        let Some(action) = core::Action::from_key(action) else {
            return Err(transition(core::TransitionError {
                reason: core::Reason::UnknownAction,
                detail: core::mask(action).chars().take(40).collect(),
                issues: Vec::new(),
            }));
        };
        let mut args = core::Args::new().lang(lang(lang_code)?);
        args.comment = comment;
        args.value = value;
        args.report = report_json.as_deref().map(report).transpose()?;
        let by = actor(user, unit, role)?;
        case_reply(case.perform(action, &by, at(at_text)?, args))
    })())
}

/// A correction of the case given as JSON; returns the new case's JSON.
#[wasm_bindgen(js_name = rawCaseCorrect)]
#[allow(clippy::too_many_arguments)]
pub fn raw_case_correct(
    case_json: &str,
    report_json: &str,
    user: &str,
    unit: &str,
    role: &str,
    at_text: &str,
    comment: &str,
    id: Option<String>,
) -> String {
    reply((|| {
        let case = read_case(case_json)?;
        let r = report(report_json)?;
        let by = actor(user, unit, role)?;
        case_reply(case.correct(r, &by, at(at_text)?, comment, id))
    })())
}

/// A withdrawal request for the case given as JSON; returns the new case's JSON.
#[wasm_bindgen(js_name = rawCaseWithdraw)]
pub fn raw_case_withdraw(
    case_json: &str,
    user: &str,
    unit: &str,
    role: &str,
    at_text: &str,
    reason: &str,
    id: Option<String>,
) -> String {
    reply((|| {
        let case = read_case(case_json)?;
        let by = actor(user, unit, role)?;
        case_reply(case.withdraw(&by, at(at_text)?, reason, id))
    })())
}

/// Replays events given as a JSON array of event objects; returns the case's JSON.
#[wasm_bindgen(js_name = rawCaseReplay)]
pub fn raw_case_replay(events_json: &str) -> String {
    reply((|| {
        let not_list = || {
            format_error(core::EventFormatError {
                at: String::new(),
                expected: "a list of events".into(),
            })
        };
        let value: serde_json::Value = serde_json::from_str(events_json).map_err(|_| not_list())?;
        let serde_json::Value::Array(items) = value else {
            return Err(not_list());
        };
        let events = items
            .into_iter()
            .enumerate()
            .map(|(i, v)| core::Event::from_value(v, &format!("events[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .map_err(format_error)?;
        case_reply(core::Case::replay(&events))
    })())
}

/// Reads a case's JSON (its events replayed and checked); returns it as written by the core.
#[wasm_bindgen(js_name = rawCaseFromJson)]
pub fn raw_case_from_json(json: &str) -> String {
    reply(read_case(json).map(|c| raw_json(&c.to_json())))
}

/// The inbox of a unit: cases as a JSON array of case objects; rows name the case by index.
#[wasm_bindgen(js_name = rawInbox)]
pub fn raw_inbox(cases_json: &str, unit: &str, today: &str) -> String {
    reply((|| {
        let today = date(today, "today")?;
        let items = json_list(cases_json, "cases")?;
        let cases = items
            .iter()
            .enumerate()
            .map(|(i, v)| core::Case::from_value(v, &format!("cases[{i}]")).map_err(read_error))
            .collect::<Result<Vec<_>, _>>()?;
        let rows = core::inbox(&cases, unit, today);
        let mut j = Json::default();
        j.list(rows, |j, r| {
            let index = cases.iter().position(|c| std::ptr::eq(c, r.case));
            j.raw("{")
                .key("index")
                .int(index.unwrap_or_default() as i64)
                .key("arrival")
                .str(&r.arrival.to_string())
                .key("status")
                .str(r.status.key())
                .key("colour")
                .str(r.colour.key())
                .key("responsible")
                .opt_str(r.responsible)
                .key("followUp")
                .opt_str(r.follow_up.map(|d| d.to_string()).as_deref())
                .key("followUpDue")
                .bool(r.follow_up_due)
                .key("note")
                .opt_str(r.note)
                .key("urgent")
                .bool(r.urgent)
                .key("diagnosisDate")
                .opt_str(r.diagnosis_date)
                .key("deathDate")
                .opt_str(r.death_date)
                .raw("}");
        });
        Ok(j)
    })())
}

/// Possible duplicates of a report (JSON text) among others (a JSON array of reports).
#[wasm_bindgen(js_name = rawPossibleDuplicates)]
pub fn raw_possible_duplicates(report_json: &str, others_json: &str, lang_code: &str) -> String {
    reply((|| {
        let lang = lang(lang_code)?;
        let new = report(report_json)?.into_report();
        let items = json_list(others_json, "others")?;
        let others = items
            .into_iter()
            .map(|v| core::parse_value(v).map(core::ParsedReport::into_report))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| ErrorInfo::report(&e))?;
        let mut j = Json::default();
        j.list(core::possible_duplicates(&new, &others), |j, d| {
            j.raw("{")
                .key("index")
                .int(d.index as i64)
                .key("rule")
                .str(d.rule.key())
                .key("message")
                .str(d.rule.message(lang))
                .raw("}");
        });
        Ok(j)
    })())
}

/// JSON text that is already written, as a reply value.
fn raw_json(text: &str) -> Json {
    let mut j = Json::default();
    j.raw(text);
    j
}
