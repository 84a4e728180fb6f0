//! A batch reuses the hits of keyed rules (`registry::KEYED_RULES`) for reports whose key
//! agrees (`validation::reuse`). These tests hold a batch to validating each report anew: over
//! sequences of reports drawn from small pools of values (so that keys repeat and reports
//! differ in one field at a time), in several contexts, and over the conformance vectors.

mod common;

use canceranmalan::batch::Validator;
use canceranmalan::registry::{KEYED_RULES, RULES};
use canceranmalan::validation::issue::{IssueDraft, IssueSink};
use canceranmalan::validation::messages::MessageMemo;
use canceranmalan::{parse_json, Severity, ValidationContext};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// A sequence of reports: a first one (for each field, left out or one value of its pool),
/// then each report the one before with one field changed (given another value or left
/// out). Keys then repeat, and two reports often differ in one value alone: a key
/// that leaves out a value a check reads gives such a pair the same hits, which the test
/// catches.
fn reports() -> impl Strategy<Value = Vec<String>> {
    let pools = common::pools();
    let first: Vec<_> = pools
        .iter()
        .map(|(_, pool)| proptest::option::weighted(0.6, proptest::sample::select(pool.clone())))
        .collect();
    let n = pools.len();
    let change = (
        0..n,
        any::<prop::sample::Index>(),
        proptest::bool::weighted(0.8),
    );
    (first, proptest::collection::vec(change, 0..80)).prop_map(move |(first, changes)| {
        let keys: Vec<&str> = pools.iter().map(|(k, _)| *k).collect();
        let text = |values: &[Option<Value>]| {
            let map: Map<String, Value> = keys
                .iter()
                .zip(values)
                .filter_map(|(k, v)| Some((k.to_string(), v.clone()?)))
                .collect();
            Value::Object(map).to_string()
        };
        let mut values = first;
        let mut out = vec![text(&values)];
        for (field, pick, given) in changes {
            values[field] = given.then(|| pick.get(&pools[field].1).clone());
            out.push(text(&values));
        }
        out
    })
}

/// The shared contexts, and two that choose rules by ID.
fn contexts() -> Vec<ValidationContext> {
    let base = ValidationContext::new("2026-06-01".parse().unwrap());
    let mut out = common::contexts();
    out.push(
        base.clone()
            .with_exclude(vec!["TNM-CATEGORY".into(), "SIDE-REQUIRED".into()]),
    );
    out.push(base.with_include(Some(vec![
        "FIGO-TNM".into(),
        "REPORT-NOT-REPORTABLE".into(),
        "BEHAVIOUR-ICD10".into(),
    ])));
    out
}

/// What a sink sees of each issue: its rule, severity, fields and message.
#[derive(Default)]
struct Drafts(Vec<(&'static str, Severity, Vec<String>, String)>);

impl IssueSink for Drafts {
    fn accept(&mut self, issue: IssueDraft) {
        let mut message = String::new();
        issue.write_message(&mut message).unwrap();
        let fields = issue.fields().map(str::to_string).collect();
        self.0
            .push((issue.rule_id(), issue.severity(), fields, message));
    }
}

/// The messages of the issues, written through a memo kept from report to report (as the
/// Python binding's columns write them).
#[derive(Default)]
struct Memoed(Vec<String>, MessageMemo);

impl IssueSink for Memoed {
    fn accept(&mut self, issue: IssueDraft) {
        let mut message = String::new();
        self.1.write(&issue, &mut message).unwrap();
        self.0.push(message);
    }
}

/// Validates the reports one after the other with one batch validator per context and
/// compares each report's issues with those of validating it anew.
fn batch_agrees(reports: &[String]) -> Result<(), String> {
    for ctx in contexts() {
        let mut v = Validator::new(&ctx);
        let mut memoed = Memoed::default();
        for (i, json) in reports.iter().enumerate() {
            // Text that is no report at all has nothing to validate.
            let Ok(parsed) = parse_json(json) else {
                continue;
            };
            let anew = parsed.validate(&ctx);
            let batch = v.validate(&parsed).to_vec();
            if batch != anew {
                return Err(format!(
                    "report {i} ({json}) in {ctx:?}:\nbatch {batch:#?}\nanew {anew:#?}"
                ));
            }
            // The same report read as JSON text by the validator.
            let from_text: Vec<_> = v.validate_json(json).map_err(|e| e.to_string())?.collect();
            if from_text != anew {
                return Err(format!("report {i} ({json}) as text in {ctx:?}"));
            }
            // The same issues as drafts handed to a sink, read through their accessors.
            let mut drafts = Drafts::default();
            v.validate_each(&parsed, &mut drafts);
            let want: Vec<_> = anew
                .iter()
                .map(|x| (x.rule_id, x.severity, x.fields.clone(), x.message.clone()))
                .collect();
            if drafts.0 != want {
                return Err(format!("report {i} ({json}) through a sink in {ctx:?}"));
            }
            // The messages written through a memo of the messages before.
            memoed.0.clear();
            v.validate_each(&parsed, &mut memoed);
            let messages: Vec<_> = anew.iter().map(|x| x.message.clone()).collect();
            if memoed.0 != messages {
                return Err(format!(
                    "report {i} ({json}) through a memo of messages in {ctx:?}:\n{:#?}\n{messages:#?}",
                    memoed.0
                ));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_batch_gives_each_report_the_issues_of_validating_it_anew(
        reports in reports()
    ) {
        prop_assert_eq!(batch_agrees(&reports), Ok(()));
    }
}

/// Every report of the conformance vectors, validated in one batch after the other.
#[test]
fn the_conformance_reports_in_one_batch_give_the_issues_of_each_alone() {
    let reports = common::conformance_reports();
    assert!(reports.len() > 100, "found {} reports", reports.len());
    // Twice over, so that every report also meets its own keys again.
    let twice: Vec<String> = reports.iter().chain(&reports).cloned().collect();
    batch_agrees(&twice).unwrap();
}

/// Each keyed rule is a registered rule, in one group only.
#[test]
fn each_keyed_rule_is_registered_and_in_one_group() {
    let groups: Vec<_> = KEYED_RULES
        .iter()
        .flat_map(|lookup| lookup.iter())
        .collect();
    for (i, group) in groups.iter().enumerate() {
        assert!(!group.rules.is_empty(), "{} has no rules", group.name);
        for rule in group.rules {
            assert!(
                RULES.iter().any(|r| std::ptr::eq(*r, *rule)),
                "{} is not registered",
                rule.id
            );
            let others = groups[i + 1..]
                .iter()
                .filter(|g| g.rules.iter().any(|r| std::ptr::eq(*r, *rule)));
            assert_eq!(others.count(), 0, "{} is in two groups", rule.id);
        }
    }
}

/// An extract whose TNM values are all unique (free text) makes the batch stop looking the
/// TNM rules' keys up after a window of lookups; the issues stay those of validating anew,
/// before and after, for those rules and the others.
#[test]
fn a_group_whose_keys_never_repeat_gives_the_same_issues() {
    let mut reports: Vec<String> = (0..5000)
        .map(|i| {
            serde_json::json!({
                "icd10": "C50.4", "t": format!("T{} ({i})", i % 5), "n": "N0", "m": "M0",
                "side": "left", "diagnosis_date": "2025-03-14", "tnm_basis": "clinical",
            })
            .to_string()
        })
        .collect();
    reports.extend((0..200).map(|i| {
        let t = ["T2", "T9", "pT1c"][i % 3];
        serde_json::json!({ "icd10": "C50.4", "t": t, "n": "N1", "m": "M0" }).to_string()
    }));
    let ctx = ValidationContext::new("2026-06-01".parse().unwrap());
    let mut v = Validator::new(&ctx);
    for json in &reports {
        let parsed = parse_json(json).unwrap();
        assert_eq!(v.validate(&parsed), parsed.validate(&ctx), "{json}");
    }
}
