//! A rule declares the fields it reads (`Rule::reads`), and `engine::fields_needed` adds
//! what the engine itself looks at for a rule (the diagnosis date for its validity period, the
//! confirmed rules for a warning, the reported fields for a check over what decoding found).
//! A host may leave every other field unread: the Python binding reads only those columns of
//! a table. These tests hold every registered rule to that, in several contexts: a rule's
//! issues on a report stay the same when the fields it does not need are left out, or hold
//! another report's values.

mod common;

use canceranmalan::registry::RULES;
use canceranmalan::validation::engine::fields_needed;
use canceranmalan::{parse_json, Field, Issue, ValidationContext};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// The shared contexts, and one on a date before the 2024 reporting changes.
fn contexts() -> Vec<ValidationContext> {
    let mut out = common::contexts();
    out.push(ValidationContext::new("2024-02-01".parse().unwrap()));
    out
}

/// For each rule, the fields it needs (as wire keys) and, for each context, that context
/// narrowed to the rule.
struct PerRule {
    id: &'static str,
    needed: Vec<&'static str>,
    alone: Vec<ValidationContext>,
}

fn per_rule(contexts: &[ValidationContext]) -> Vec<PerRule> {
    RULES
        .iter()
        .map(|rule| PerRule {
            id: rule.id,
            needed: fields_needed(&[*rule])
                .into_iter()
                .map(|f| f.spec().key)
                .collect(),
            alone: contexts
                .iter()
                .map(|c| c.clone().with_include(Some(vec![rule.id.to_string()])))
                .collect(),
        })
        .collect()
}

/// `a` with the fields that are not in `needed` taken from `b` (left out where `b` does not
/// give them). Keys that name no field stay as `a` has them: a host cannot leave them out.
fn mix(a: &Map<String, Value>, b: &Map<String, Value>, needed: &[&str]) -> String {
    let mut out = Map::new();
    for (k, v) in a {
        if Field::from_key(k).is_none() || needed.contains(&k.as_str()) {
            out.insert(k.clone(), v.clone());
        }
    }
    for (k, v) in b {
        if Field::from_key(k).is_some() && !needed.contains(&k.as_str()) {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out).to_string()
}

fn issues(json: &str, ctx: &ValidationContext) -> Vec<Issue> {
    parse_json(json).expect("an object").validate(ctx)
}

/// Every rule gives `a` the same issues with the fields it does not need left out, and with
/// them taken from `b`.
fn agrees(
    a: &Map<String, Value>,
    b: &Map<String, Value>,
    contexts: &[ValidationContext],
    rules: &[PerRule],
) -> Result<(), String> {
    let empty = Map::new();
    let whole = Value::Object(a.clone()).to_string();
    for (c, ctx) in contexts.iter().enumerate() {
        for rule in rules {
            let alone = &rule.alone[c];
            let expected = issues(&whole, alone);
            for other in [&empty, b] {
                let mixed = mix(a, other, &rule.needed);
                let got = issues(&mixed, alone);
                if got != expected {
                    return Err(format!(
                        "{} (needs {:?}) in {ctx:?}\nreport {whole}\nmixed {mixed}\n\
                         expected {expected:#?}\ngot {got:#?}",
                        rule.id, rule.needed
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A report: each field left out or one value of its pool.
fn report() -> impl Strategy<Value = Map<String, Value>> {
    let pools = common::pools();
    let values: Vec<_> = pools
        .iter()
        .map(|(_, pool)| proptest::option::weighted(0.7, proptest::sample::select(pool.clone())))
        .collect();
    let keys: Vec<&str> = pools.iter().map(|(k, _)| *k).collect();
    values.prop_map(move |values| {
        keys.iter()
            .zip(values)
            .filter_map(|(k, v)| Some((k.to_string(), v?)))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_rule_gives_the_same_issues_whatever_the_fields_it_does_not_need_hold(
        a in report(),
        b in report(),
    ) {
        let contexts = contexts();
        let rules = per_rule(&contexts);
        prop_assert_eq!(agrees(&a, &b, &contexts, &rules), Ok(()));
    }
}

/// The conformance vectors' reports, each with the next one's values in the fields a rule
/// does not need.
#[test]
fn the_conformance_reports_hold_each_rule_to_the_fields_it_needs() {
    let reports: Vec<Map<String, Value>> = common::conformance_reports()
        .iter()
        .filter_map(|text| match serde_json::from_str(text) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        })
        .collect();
    assert!(reports.len() > 100, "found {} reports", reports.len());
    let contexts = contexts();
    let rules = per_rule(&contexts);
    for (i, a) in reports.iter().enumerate() {
        let b = &reports[(i + 1) % reports.len()];
        agrees(a, b, &contexts, &rules).unwrap();
    }
}

/// The engine's own inputs are needed: a warning's confirmation, a dated rule's diagnosis
/// date, and the fields a check over decoding findings may report.
#[test]
fn the_engine_adds_what_it_looks_at_itself() {
    let needs = |id: &str| {
        let rule = RULES.iter().find(|r| r.id == id).unwrap();
        fields_needed(&[*rule])
    };
    let side = needs("SIDE-UNPAIRED");
    assert!(side.contains(&Field::ConfirmedRules), "{side:?}");
    let value = needs("WIRE-VALUE");
    assert!(value.contains(&Field::Side) && value.contains(&Field::BasisOfDiagnosis));
    assert!(!value.contains(&Field::Comment), "{value:?}");
    assert_eq!(needs("WIRE-TYPE"), Field::ALL.to_vec());
    // Needed fields come in the order of `Field::ALL`, each once.
    assert_eq!(fields_needed(RULES), Field::ALL.to_vec());
}
