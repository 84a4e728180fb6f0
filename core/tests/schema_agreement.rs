//! The JSON Schema and `validate` agree: a report satisfies the schema exactly when none of
//! the rules the schema expresses (`wire::schema::SCHEMA_RULES`: every WIRE-* rule but the
//! repeated key, which JSON Schema cannot see, plus the specimen number's length and the
//! specimen year's four digits) finds anything. Run over every report of the conformance
//! vectors and over a random corpus. The same reports check that `validate_field` gives
//! exactly the issues of `validate` that name the field.

use std::path::PathBuf;

use canceranmalan::wire::schema::SCHEMA_RULES;
use canceranmalan::{json_schema, parse_value, Field, ValidationContext, FIELDS, FORM_FIELDS};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn validator() -> &'static jsonschema::Validator {
    static V: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let schema: Value = serde_json::from_str(&json_schema()).unwrap();
        jsonschema::draft202012::new(&schema).expect("the schema is valid 2020-12")
    })
}

fn ctx() -> ValidationContext {
    ValidationContext::new("2025-06-01".parse().unwrap())
}

/// Checks one report; `Err` says how the two disagree.
fn agree(v: &jsonschema::Validator, report: &Value) -> Result<(), String> {
    let parsed = parse_value(report.clone()).map_err(|e| e.to_string())?;
    let issues = parsed.validate(&ctx());
    let fired: Vec<&str> = issues
        .iter()
        .map(|i| i.rule_id)
        .filter(|id| SCHEMA_RULES.contains(id))
        .collect();
    let schema_errors: Vec<String> = v.iter_errors(report).map(|e| e.to_string()).collect();
    if fired.is_empty() != schema_errors.is_empty() {
        return Err(format!(
            "{report}\n rules: {fired:?}\n schema: {schema_errors:?}"
        ));
    }
    // validate_field: the issues of validate that name the field, in the same order.
    for field in FORM_FIELDS
        .iter()
        .chain([Field::PersonalId, Field::DeathDate].iter())
    {
        let key = field.key();
        let want: Vec<_> = issues
            .iter()
            .filter(|i| i.fields.iter().any(|f| f == key))
            .map(|i| (i.rule_id, i.fields.clone(), i.message.clone()))
            .collect();
        let got: Vec<_> = parsed
            .validate_field(*field, &ctx())
            .into_iter()
            .map(|i| (i.rule_id, i.fields, i.message))
            .collect();
        if want != got {
            return Err(format!(
                "{report}\n validate_field({key}): {got:?}\n validate: {want:?}"
            ));
        }
    }
    Ok(())
}

fn conformance_reports() -> Vec<Value> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.extension().is_some_and(|e| e == "json") {
            continue;
        }
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in doc["cases"].as_array().into_iter().flatten() {
            if case["expect_error"].is_string() {
                continue;
            }
            let report = match (&case["report"], case["report_json"].as_str()) {
                (Value::Object(_), _) => case["report"].clone(),
                (_, Some(text)) => match serde_json::from_str::<Value>(text) {
                    Ok(v @ Value::Object(_)) => v,
                    _ => continue,
                },
                _ => continue,
            };
            // A key given twice is outside JSON Schema's data model (the parsed value keeps
            // one of them).
            let repeated = case["report_json"]
                .as_str()
                .and_then(|t| canceranmalan::parse_json(t).ok())
                .is_some_and(|p| {
                    p.findings()
                        .iter()
                        .any(|f| f.problem == canceranmalan::wire::WireProblem::RepeatedKey)
                });
            if !repeated {
                out.push(report);
            }
        }
    }
    out
}

#[test]
fn schema_and_validate_agree_on_every_conformance_report() {
    let v = validator();
    let reports = conformance_reports();
    assert!(reports.len() > 250, "{} reports", reports.len());
    let mut with_wire_issue = 0;
    for r in &reports {
        agree(v, r).unwrap();
        if !v.is_valid(r) {
            with_wire_issue += 1;
        }
    }
    assert!(with_wire_issue > 20, "{with_wire_issue}");
}

#[test]
fn every_schema_rule_is_a_registered_rule() {
    for id in SCHEMA_RULES {
        assert!(canceranmalan::registry::rule(id).is_some(), "{id}");
    }
    // Every wire rule but the repeated key is expressed.
    for r in canceranmalan::RULES {
        if r.id.starts_with("WIRE-") && r.id != "WIRE-DUPLICATE-FIELD" {
            assert!(SCHEMA_RULES.contains(&r.id), "{}", r.id);
        }
    }
}

fn any_value() -> impl Strategy<Value = Value> {
    let codes: Vec<Value> = FIELDS
        .iter()
        .flat_map(|f| f.codes.iter())
        .flat_map(|c| {
            [
                Value::from(c.key),
                c.key.parse::<i64>().map_or(Value::Null, Value::from),
            ]
        })
        .collect();
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0i64..12).prop_map(Value::from),
        (990i64..10_010).prop_map(Value::from),
        prop_oneof![Just(3.0), Just(2.5), Just(1e30), Just(-0.0), Just(2024.0)]
            .prop_map(Value::from),
        "[ a-zA-Z0-9åäö.,/-]{0,20}".prop_map(Value::from),
        (14usize..19).prop_map(|n| Value::from("x".repeat(n))),
        (14usize..19).prop_map(|n| Value::from("é".repeat(n))),
        prop::sample::select(codes),
        prop::sample::select(vec!["RIGHT", "Right", " right", "clinical", "x", ""])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec("[a-z]{1,4}", 0..3).prop_map(|v| json!(v)),
            inner.prop_map(|v| json!({ "v": v })),
        ]
    })
}

fn any_key() -> impl Strategy<Value = String> {
    let keys: Vec<String> = FIELDS.iter().map(|f| f.key.to_string()).collect();
    prop_oneof![
        8 => prop::sample::select(keys),
        1 => prop::sample::select(vec!["Icd10", "icd_10", "foo", "", "side "]).prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn schema_and_validate_agree_on_random_reports(
        entries in prop::collection::vec((any_key(), any_value()), 0..12)
    ) {
        let report = Value::Object(entries.into_iter().collect::<Map<_, _>>());
        let v = validator();
        if let Err(e) = agree(v, &report) {
            prop_assert!(false, "{}", e);
        }
    }
}
