//! Runs the shared conformance vectors in `tests/conformance/` (see its README).

use std::path::PathBuf;

use canceranmalan::{
    parse_json, validate_value, Lang, Param, ParseOptions, PatientRecord, PersonalId, RuleSet, Sex,
    ValidationContext,
};
use serde_json::{json, Value};

fn vector_files() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect()
}

fn issue_key(v: &Value) -> (String, String, Vec<String>) {
    let s = |k: &str| v[k].as_str().unwrap().to_string();
    let fields = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    (s("rule_id"), s("severity"), fields)
}

fn run_validate(case: &Value) -> Result<(), String> {
    let today = case["today"].as_str().unwrap().parse().unwrap();
    let lang = Lang::from_code(case["lang"].as_str().unwrap_or("sv")).unwrap();
    let allow = case["allow_test_persons"].as_bool().unwrap_or(false);
    let ids = |key: &str| {
        case[key].as_array().map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
    };
    let rule_set = RuleSet::from_key(case["rule_set"].as_str().unwrap_or("form")).unwrap();
    let ctx = ValidationContext::new(today)
        .with_lang(lang)
        .with_test_persons(allow)
        .with_rule_set(rule_set)
        .with_include(ids("include"))
        .with_exclude(ids("exclude").unwrap_or_default());
    let mut secrets: Vec<String> = case["secret"]
        .as_str()
        .map(str::to_string)
        .into_iter()
        .collect();
    if let Some(p) = case["report"]["personal_id"]
        .as_str()
        .filter(|p| p.len() >= 10)
    {
        secrets.push(p.to_string());
    }
    // The object path and the text path must agree.
    let results = match (&case["report"], case["report_json"].as_str()) {
        (Value::Object(_), _) => vec![
            validate_value(case["report"].clone(), &ctx),
            parse_json(&case["report"].to_string()).map(|p| p.validate(&ctx)),
        ],
        (_, Some(text)) => vec![parse_json(text).map(|p| p.validate(&ctx))],
        _ => return Err("case has neither report nor report_json".into()),
    };
    for result in results {
        match (&result, case.get("expect_error")) {
            (Err(_), Some(want)) if want != "report_error" => {
                return Err(format!(
                    "a validate case can only expect report_error, not {want}"
                ))
            }
            (Err(e), Some(_)) => {
                if let Some(s) = secrets.iter().find(|s| e.to_string().contains(s.as_str())) {
                    return Err(format!("error message shows {s}"));
                }
            }
            (Err(e), None) => return Err(format!("unexpected error: {e}")),
            (Ok(issues), Some(_)) => return Err(format!("expected an error, got {issues:?}")),
            (Ok(issues), None) => {
                let mut want: Vec<_> = case["expect"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(issue_key)
                    .collect();
                let mut got: Vec<_> = issues
                    .iter()
                    .map(|i| {
                        (
                            i.rule_id.to_string(),
                            i.severity.to_string(),
                            i.fields.clone(),
                        )
                    })
                    .collect();
                want.sort();
                got.sort();
                if want != got {
                    return Err(format!("want {want:?}\n got {got:?}"));
                }
                for e in case["expect"].as_array().unwrap() {
                    if let Some(msg) = e["message"].as_str() {
                        let (rule, _, fields) = issue_key(e);
                        let actual = issues
                            .iter()
                            .find(|i| i.rule_id == rule && i.fields == fields)
                            .unwrap();
                        if actual.message != msg {
                            return Err(format!("message\n want {msg}\n got {}", actual.message));
                        }
                    }
                    if let Some(want) = e.get("params") {
                        let (rule, _, fields) = issue_key(e);
                        let actual = issues
                            .iter()
                            .find(|i| i.rule_id == rule && i.fields == fields)
                            .unwrap();
                        let got = params_json(&actual.params);
                        if &got != want {
                            return Err(format!("params\n want {want}\n got {got}"));
                        }
                    }
                }
                for i in issues {
                    let shown = format!("{} {}", i.message, i.fields.join(" "));
                    if let Some(s) = secrets.iter().find(|s| shown.contains(s.as_str())) {
                        return Err(format!("issue shows {s}"));
                    }
                }
            }
        }
    }
    Ok(())
}

/// An issue's params as the vectors write them: an object of strings, integers and lists.
fn params_json(params: &[(&str, Param)]) -> Value {
    let map = params
        .iter()
        .map(|(name, p)| {
            let v = match p {
                Param::Text(s) => json!(s),
                Param::Int(i) => json!(i),
                Param::List(items) => json!(items),
            };
            (name.to_string(), v)
        })
        .collect();
    Value::Object(map)
}

fn run_personal_id(case: &Value) -> Result<(), String> {
    let input = case["input"].as_str().unwrap();
    let opts = ParseOptions::new(case["reference_date"].as_str().unwrap().parse().unwrap())
        .with_test_persons(case["allow_test_persons"].as_bool().unwrap_or(false));
    match (PersonalId::parse(input, &opts), case.get("expect_error")) {
        (Ok(id), None) => {
            let sex = id.sex().map(|s| match s {
                Sex::Female => "female",
                Sex::Male => "male",
            });
            let mut got = json!({
                "kind": id.kind().key(),
                "canonical": id.reveal(),
                "birth_date": id.birth_date().map(|d| d.to_string()),
                "sex": sex,
                "masked": id.to_string(),
                "age": id.age_at(opts.reference_date),
            });
            if case["expect"].get("birth_parts").is_some() {
                got["birth_parts"] = id
                    .birth_date_parts()
                    .map_or(Value::Null, |p| json!([p.year, p.month, p.day]));
            }
            if got != case["expect"] {
                return Err(format!("want {}\n got {got}", case["expect"]));
            }
            if format!("{id:?}").contains(&id.reveal()) {
                return Err("Debug shows the number".into());
            }
            Ok(())
        }
        (Err(e), Some(want)) => {
            if e.key() != want.as_str().unwrap() {
                return Err(format!("want error {want}, got {}", e.key()));
            }
            let t = input.trim();
            if t.len() >= 4 && (e.to_string().contains(t) || format!("{e:?}").contains(t)) {
                return Err("error shows the input".into());
            }
            Ok(())
        }
        (Ok(id), Some(want)) => Err(format!("want error {want}, got {:?}", id.kind())),
        (Err(e), None) => Err(format!("unexpected error {}", e.key())),
    }
}

fn run_protect(case: &Value) -> Result<(), String> {
    match (
        PatientRecord::from_value(case["input"].clone()),
        case.get("expect_error"),
    ) {
        (Ok(p), None) => {
            let got = p.protect().to_value();
            if got != case["expect"] {
                return Err(format!("want {}\n got {got}", case["expect"]));
            }
            Ok(())
        }
        (Err(_), Some(want)) if want == "report_error" => Ok(()),
        (Err(_), Some(want)) => Err(format!(
            "a protect case can only expect report_error, not {want}"
        )),
        (Ok(_), Some(_)) => Err("expected an error".into()),
        (Err(e), None) => Err(format!("unexpected error {e}")),
    }
}

#[test]
fn conformance_vectors() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, doc) in vector_files() {
        let kind = doc["kind"].as_str().unwrap();
        for case in doc["cases"].as_array().unwrap() {
            count += 1;
            let result = match kind {
                "validate" => run_validate(case),
                "personal_id" => run_personal_id(case),
                "protect" => run_protect(case),
                "visible_fields" => run_visible_fields(case),
                "mask" => run_mask(case),
                "reportability" => run_reportability(case),
                "icd10_title" => {
                    let got = canceranmalan::icd10_title(case["input"].as_str().unwrap());
                    if got == case["expect"].as_str() {
                        Ok(())
                    } else {
                        Err(format!("want {}, got {got:?}", case["expect"]))
                    }
                }
                "parse_tnm" => run_parse_tnm(case),
                "stage" => run_stage(case),
                "parse_figo" => run_parse_figo(case),
                "case_script" => run_case_script(case),
                "inbox" => run_inbox(case),
                "duplicates" => run_duplicates(case),
                "case_json" => run_case_json(case),
                "validate_field" => run_validate_field(case),
                "form_definition" => run_form_definition(case),
                "json_schema" => run_json_schema(case),
                other => Err(format!("unknown kind {other}")),
            };
            if let Err(e) = result {
                failures.push(format!("{file}: {}: {e}", case["name"]));
            }
        }
    }
    assert!(count >= 100, "only {count} cases found");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn run_visible_fields(case: &Value) -> Result<(), String> {
    let parsed = parse_json(&case["report"].to_string()).map_err(|e| e.to_string())?;
    let got: Vec<&str> = canceranmalan::visible_fields(parsed.report())
        .iter()
        .map(|f| f.key())
        .collect();
    let want: Vec<&str> = case["expect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    if got != want {
        return Err(format!("want {want:?}\n got {got:?}"));
    }
    Ok(())
}

fn run_validate_field(case: &Value) -> Result<(), String> {
    let today = case["today"].as_str().unwrap().parse().unwrap();
    let ctx = ValidationContext::new(today);
    let parsed = parse_json(&case["report"].to_string()).map_err(|e| e.to_string())?;
    let Some(field) = canceranmalan::Field::from_key(case["field"].as_str().unwrap()) else {
        return match case["expect_error"].as_str() {
            Some("unknown_field") => Ok(()),
            _ => Err("the field is unknown".into()),
        };
    };
    if case.get("expect_error").is_some() {
        return Err("expected an error".into());
    }
    let issues = parsed.validate_field(field, &ctx);
    let mut got: Vec<_> = issues
        .iter()
        .map(|i| {
            (
                i.rule_id.to_string(),
                i.severity.to_string(),
                i.fields.clone(),
            )
        })
        .collect();
    let mut want: Vec<_> = case["expect"]
        .as_array()
        .unwrap()
        .iter()
        .map(issue_key)
        .collect();
    got.sort();
    want.sort();
    if got != want {
        return Err(format!("want {want:?}\n got {got:?}"));
    }
    if let Some(secret) = case["secret"].as_str() {
        if issues.iter().any(|i| i.message.contains(secret)) {
            return Err(format!("a message shows {secret}"));
        }
    }
    Ok(())
}

/// Checks `expect`, `expect_some` and `expect_keys` of a form_definition or json_schema case
/// against the value it picked.
fn check_picked(case: &Value, got: &Value) -> Result<(), String> {
    if let Some(want) = case.get("expect") {
        if !subset_eq(want, got) {
            return Err(format!("want {want}\n got {got}"));
        }
    }
    if let Some(Value::Object(lists)) = case.get("expect_some") {
        for (list, items) in lists {
            for item in items.as_array().unwrap() {
                let found = got[list]
                    .as_array()
                    .is_some_and(|have| have.iter().any(|x| subset_eq(item, x)));
                if !found {
                    return Err(format!("{list} has no item like {item}"));
                }
            }
        }
    }
    if let Some(keys) = case.get("expect_keys") {
        let have: Vec<Value> = match got {
            Value::Object(o) => o.keys().map(|k| Value::from(k.as_str())).collect(),
            Value::Array(a) => a.iter().map(|f| f["key"].clone()).collect(),
            _ => Vec::new(),
        };
        if &Value::Array(have.clone()) != keys {
            return Err(format!("want keys {keys}\n got {have:?}"));
        }
    }
    Ok(())
}

fn run_form_definition(case: &Value) -> Result<(), String> {
    let Some(lang) = Lang::from_code(case["lang"].as_str().unwrap()) else {
        return match case["expect_error"].as_str() {
            Some("lang") => Ok(()),
            _ => Err("unknown language".into()),
        };
    };
    let form: Value =
        serde_json::from_str(&canceranmalan::form_definition(lang).to_json()).unwrap();
    let picked = if let Some(key) = case["field"].as_str() {
        form["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == key)
            .cloned()
    } else if let Some(scheme) = case["scheme"].as_str() {
        form["schemes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["scheme"] == scheme)
            .cloned()
    } else {
        Some(form["fields"].clone())
    };
    check_picked(case, &picked.ok_or("nothing picked")?)
}

fn run_json_schema(case: &Value) -> Result<(), String> {
    let schema: Value = serde_json::from_str(&canceranmalan::json_schema()).unwrap();
    let picked = schema
        .pointer(case["pointer"].as_str().unwrap())
        .ok_or("no such pointer")?;
    check_picked(case, picked)
}

fn run_reportability(case: &Value) -> Result<(), String> {
    let parsed = parse_json(&case["report"].to_string()).map_err(|e| e.to_string())?;
    let today = case["today"].as_str().unwrap().parse().unwrap();
    let r = canceranmalan::reportability(parsed.report(), today);
    let got = json!({
        "reportable": r.reportable,
        "clinic_must_report": r.clinic_must_report,
        "route": r.route.key(),
        "category": r.category,
    });
    if got != case["expect"] {
        return Err(format!("want {}\n got {got}", case["expect"]));
    }
    Ok(())
}

fn run_mask(case: &Value) -> Result<(), String> {
    let got = canceranmalan::mask(case["input"].as_str().unwrap());
    if got != case["expect"].as_str().unwrap() {
        return Err(format!("want {}\n got {got}", case["expect"]));
    }
    Ok(())
}

/// True when `got` has every key of `want` with an equal value (objects compared the same
/// way, key by key; everything else exactly).
fn subset_eq(want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w
            .iter()
            .all(|(k, v)| g.get(k).is_some_and(|x| subset_eq(v, x))),
        _ => want == got,
    }
}

/// Compares `expect` with the actual result as the README says: every key but `issues` by
/// [`subset_eq`], `issues` as a multiset of (rule_id, severity, fields).
fn compare(expect: &Value, got: &Value, issues: &[canceranmalan::Issue]) -> Result<(), String> {
    for (k, v) in expect.as_object().unwrap() {
        if k == "issues" {
            let mut want: Vec<_> = v.as_array().unwrap().iter().map(issue_key).collect();
            let mut got: Vec<_> = issues
                .iter()
                .map(|i| {
                    (
                        i.rule_id.to_string(),
                        i.severity.to_string(),
                        i.fields.clone(),
                    )
                })
                .collect();
            want.sort();
            got.sort();
            if want != got {
                return Err(format!("issues\n want {want:?}\n got {got:?}"));
            }
        } else if !subset_eq(v, &got[k]) {
            return Err(format!("{k}: want {v}, got {}", got[k]));
        }
    }
    Ok(())
}

fn category_json(c: Option<&canceranmalan::Category>) -> Value {
    c.map_or(Value::Null, |c| {
        json!({
            "value": c.value,
            "prefixes": c.prefixes,
            "inherited": c.inherited,
            "qualifiers": c.qualifiers,
            "nodes": c.nodes.map(|(a, b)| vec![a, b]),
            "sites": c.sites,
        })
    })
}

fn run_parse_tnm(case: &Value) -> Result<(), String> {
    let edition = case["edition"].as_u64().unwrap_or(8) as u8;
    let result = canceranmalan::parse_tnm(
        case["input"].as_str().unwrap(),
        case["icd10"].as_str(),
        edition,
        Lang::En,
    );
    match (result, case["expect_error"].as_str()) {
        (Err(e), Some(want)) if e.code() == want => Ok(()),
        (Err(e), want) => Err(format!("error {} ({e}), want {want:?}", e.code())),
        (Ok(r), Some(want)) => Err(format!("want error {want}, got {}", r.canonical)),
        (Ok(r), None) => {
            let got = json!({
                "t": category_json(r.tnm.t.as_ref()),
                "n": category_json(r.tnm.n.as_ref()),
                "m": category_json(r.tnm.m.as_ref()),
                "basis": r.basis.map(|b| b.key()),
                "canonical": r.canonical,
                "descriptors": r.tnm.descriptors.iter().map(|d| d.text.clone()).collect::<Vec<_>>(),
                "edition_tag": r.tnm.edition_tag,
            });
            compare(&case["expect"], &got, &r.issues)?;
            // The canonical form reads back to the same value (where something was read).
            if r.canonical.is_empty() {
                return Ok(());
            }
            let again =
                canceranmalan::parse_tnm(&r.canonical, case["icd10"].as_str(), edition, Lang::En)
                    .map_err(|e| format!("canonical {} does not read: {e}", r.canonical))?;
            if again.tnm != r.tnm {
                return Err(format!(
                    "canonical {} reads as {:?}",
                    r.canonical, again.tnm
                ));
            }
            Ok(())
        }
    }
}

fn run_stage(case: &Value) -> Result<(), String> {
    let text = |k: &str| case[k].as_str();
    let extras = canceranmalan::Extras {
        morphology: text("morphology").map(str::to_string),
        age: case["age"].as_u64().map(|a| a as u32),
        psa: case["psa"].as_f64(),
        grade_group: case["grade_group"].as_u64().map(|g| g as u8),
        s: text("s").map(str::to_string),
    };
    let edition = case["edition"].as_u64().unwrap_or(8) as u8;
    let result = canceranmalan::stage(
        text("icd10").unwrap(),
        text("t"),
        text("n"),
        text("m"),
        edition,
        &extras,
        Lang::En,
    );
    match (result, case["expect_error"].as_str()) {
        (Err(e), Some(want)) if e.field == want => Ok(()),
        (Err(e), want) => Err(format!("error {e}, want {want:?}")),
        (Ok(s), Some(want)) => Err(format!("want error {want}, got {:?}", s.group)),
        (Ok(s), None) => {
            if s.explanation.is_empty() {
                return Err("no explanation".into());
            }
            if s.group.is_some() && (s.table.is_none() || s.row.is_none() || s.source.is_none()) {
                return Err(format!("a group without its table and row: {s:?}"));
            }
            let got = json!({
                "group": s.group,
                "missing": s.missing,
                "table": s.table,
                "row": s.row,
            });
            compare(&case["expect"], &got, &[]).map_err(|e| format!("{e} ({})", s.explanation))
        }
    }
}

fn run_parse_figo(case: &Value) -> Result<(), String> {
    let result = canceranmalan::parse_figo(
        case["input"].as_str().unwrap(),
        case["icd10"].as_str().unwrap(),
        case["edition"].as_u64().map(|e| e as u16),
        Lang::En,
    );
    match (result, case["expect_error"].as_str()) {
        (Err(e), Some(want)) if e.code == want => Ok(()),
        (Err(e), want) => Err(format!("error {} ({e}), want {want:?}", e.code)),
        (Ok(r), Some(want)) => Err(format!("want error {want}, got {}", r.figo.label)),
        (Ok(r), None) => {
            let got = json!({
                "label": r.figo.label,
                "stage": r.figo.stage,
                "modality": r.figo.modality.map(String::from),
                "molecular": r.figo.molecular,
                "edition": r.edition,
            });
            compare(&case["expect"], &got, &r.issues)
        }
    }
}

// ---- Case lifecycle ----

fn actor(v: &Value) -> canceranmalan::Actor {
    let s = |k: &str| v[k].as_str().unwrap().to_string();
    canceranmalan::Actor::new(
        s("user"),
        s("unit"),
        canceranmalan::Role::from_key(v["role"].as_str().unwrap()).unwrap(),
    )
}

fn report_arg(v: &Value) -> Option<canceranmalan::ParsedReport> {
    v.get("report").map(|r| parse_json(&r.to_string()).unwrap())
}

fn opt_str(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// One step of a script: a new case, or the reason it was refused.
fn case_step(
    current: Option<&canceranmalan::Case>,
    step: &Value,
) -> Result<canceranmalan::Case, canceranmalan::TransitionError> {
    use canceranmalan::{Action, Args, Case};
    let by = actor(&step["by"]);
    let at: canceranmalan::Timestamp = step["at"].as_str().unwrap().parse().unwrap();
    let action = step["action"].as_str().unwrap();
    let id = opt_str(step, "id");
    let comment = opt_str(step, "comment");
    match (action, current) {
        ("open", None) => Case::open(report_arg(step).unwrap(), &by, at, id),
        ("remind", None) => Case::reminder(
            step["personal_id"].as_str().unwrap(),
            step["unit"].as_str().unwrap(),
            &by,
            at,
            id,
        ),
        ("correct", Some(c)) => c.correct(
            report_arg(step).unwrap(),
            &by,
            at,
            &comment.unwrap_or_default(),
            id,
        ),
        ("withdraw", Some(c)) => c.withdraw(&by, at, &comment.unwrap_or_default(), id),
        (_, Some(c)) => {
            let mut args = Args::new();
            args.comment = comment;
            args.value = opt_str(step, "value");
            args.report = report_arg(step);
            c.perform(Action::from_key(action).unwrap(), &by, at, args)
        }
        (_, None) => panic!("a script starts with open or remind"),
    }
}

/// Replay and JSON round trips of a case and its events.
fn check_case_round_trips(case: &canceranmalan::Case) -> Result<(), String> {
    use canceranmalan::{Case, Event};
    if Case::replay(case.events()).map_err(|e| e.to_string())? != *case {
        return Err("replay gives another case".into());
    }
    if Case::from_json(&case.to_json()).map_err(|e| e.to_string())? != *case {
        return Err("the case's JSON reads back as another case".into());
    }
    for e in case.events() {
        if Event::from_json(&e.to_json()).map_err(|e| e.to_string())? != *e {
            return Err(format!("event {} reads back as another", e.seq));
        }
    }
    let debug = format!("{case:?}");
    if let Some(pid) = case.report().personal_id.as_ref() {
        if pid.reveal().len() >= 10 && debug.contains(pid.reveal()) {
            return Err("Debug shows the personal identity number".into());
        }
    }
    Ok(())
}

fn run_case_script(case: &Value) -> Result<(), String> {
    let mut current: Option<canceranmalan::Case> = None;
    let mut made = Vec::new();
    for (i, step) in case["steps"].as_array().unwrap().iter().enumerate() {
        let before = current.as_ref().map(|c| c.to_json());
        let result = case_step(current.as_ref(), step);
        if current.as_ref().map(|c| c.to_json()) != before {
            return Err(format!("step {i}: the case acted on changed"));
        }
        match (result, step.get("expect_error").and_then(Value::as_str)) {
            (Ok(next), None) => {
                let got: Value = serde_json::from_str(&next.to_json()).unwrap();
                if let Some(want) = step.get("expect") {
                    if !subset_eq(want, &got) {
                        return Err(format!("step {i}: want {want}\n got {got}"));
                    }
                }
                made.push(next.clone());
                current = Some(next);
            }
            (Err(e), Some(want)) if e.reason.key() == want => {
                if e.message(Lang::Sv).is_empty() || e.message(Lang::En).is_empty() {
                    return Err(format!("step {i}: no message"));
                }
            }
            (Err(e), want) => return Err(format!("step {i}: want {want:?}, refused: {e}")),
            (Ok(_), Some(want)) => return Err(format!("step {i}: want {want}, accepted")),
        }
    }
    made.iter().try_for_each(check_case_round_trips)
}

fn run_inbox(case: &Value) -> Result<(), String> {
    let mut cases = Vec::new();
    for script in case["scripts"].as_array().unwrap() {
        let mut current = None;
        for step in script.as_array().unwrap() {
            current = Some(case_step(current.as_ref(), step).map_err(|e| e.to_string())?);
        }
        cases.extend(current);
    }
    let today = case["today"].as_str().unwrap().parse().unwrap();
    let rows = canceranmalan::inbox(&cases, case["unit"].as_str().unwrap(), today);
    let got: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.case.id(),
                "arrival": r.arrival.to_string(),
                "status": r.status.key(),
                "colour": r.colour.key(),
                "responsible": r.responsible,
                "follow_up": r.follow_up.map(|d| d.to_string()),
                "follow_up_due": r.follow_up_due,
                "note": r.note,
                "urgent": r.urgent,
                "diagnosis_date": r.diagnosis_date,
                "death_date": r.death_date,
            })
        })
        .collect();
    let want = case["expect"].as_array().unwrap();
    if want.len() != got.len() || !want.iter().zip(&got).all(|(w, g)| subset_eq(w, g)) {
        return Err(format!("want {want:?}\n got {got:?}"));
    }
    Ok(())
}

fn run_duplicates(case: &Value) -> Result<(), String> {
    let report = |v: &Value| parse_json(&v.to_string()).unwrap().into_report();
    let new = report(&case["report"]);
    let others: Vec<_> = case["others"]
        .as_array()
        .unwrap()
        .iter()
        .map(report)
        .collect();
    let got: Vec<Value> = canceranmalan::possible_duplicates(&new, &others)
        .iter()
        .map(|d| json!({"index": d.index, "rule": d.rule.key()}))
        .collect();
    if Value::Array(got.clone()) != case["expect"] {
        return Err(format!("want {}\n got {got:?}", case["expect"]));
    }
    Ok(())
}

fn run_case_json(case: &Value) -> Result<(), String> {
    let input = case["input"].as_str().unwrap();
    let want = &case["expect_error"];
    match canceranmalan::Case::from_json(input) {
        Ok(c) => match want {
            Value::Null => check_case_round_trips(&c),
            _ => Err(format!("want {want}, read a case")),
        },
        Err(canceranmalan::lifecycle::json::CaseReadError::Format(e)) => {
            let got = json!({"kind": "format", "at": e.at});
            subset_eq(want, &got)
                .then_some(())
                .ok_or(format!("want {want}, got {got} ({e})"))
        }
        Err(canceranmalan::lifecycle::json::CaseReadError::Replay(e)) => {
            let got = json!({"kind": "replay", "reason": e.reason.key()});
            subset_eq(want, &got)
                .then_some(())
                .ok_or(format!("want {want}, got {got} ({e})"))
        }
    }
}

/// Every row of the permission table is a successful step of some script.
#[test]
fn case_scripts_cover_every_row_of_the_permission_table() {
    let doc = vector_files()
        .into_iter()
        .find(|(f, _)| f == "case_scripts.json")
        .unwrap()
        .1;
    let mut covered = std::collections::HashSet::new();
    for case in doc["cases"].as_array().unwrap() {
        let mut current: Option<canceranmalan::Case> = None;
        for step in case["steps"].as_array().unwrap() {
            let from = current.as_ref().map(|c| c.state().key().to_string());
            if let Ok(next) = case_step(current.as_ref(), step) {
                let role = step["by"]["role"].as_str().unwrap().to_string();
                let action = step["action"].as_str().unwrap().to_string();
                let from = if action == "open" || action == "remind" {
                    "-".to_string()
                } else {
                    from.unwrap()
                };
                covered.insert((action, from, role));
                current = Some(next);
            }
        }
    }
    for row in canceranmalan::lifecycle::case::permission_rows() {
        let key = (row[0].to_string(), row[1].to_string(), row[2].to_string());
        assert!(covered.contains(&key), "no script covers {key:?}");
    }
}
