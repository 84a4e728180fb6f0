//! A batch reuses the hits of keyed rules (`registry::KEYED_RULES`) for reports whose key
//! agrees (`validation::reuse`). These tests hold a batch to validating each report anew: over
//! sequences of reports drawn from small pools of values (so that keys repeat and reports
//! differ in one field at a time), in several contexts, and over the conformance vectors.

use canceranmalan::batch::Validator;
use canceranmalan::registry::{KEYED_RULES, RULES};
use canceranmalan::{parse_json, Lang, RuleSet, ValidationContext};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// The values each field is drawn from: ordinary ones, near misses, and values on either
/// side of the dates where editions and reporting rules change.
fn pools() -> Vec<(&'static str, Vec<Value>)> {
    let s = |v: &[&str]| v.iter().map(|x| Value::from(*x)).collect::<Vec<_>>();
    vec![
        (
            "personal_id",
            s(&[
                "19640823-3234",
                "19121212-1212",
                "19800101-0008",
                "20011222-7848",
                "1964082",
                "13851118-9329",
            ]),
        ),
        ("sex", s(&["female", "male"])),
        (
            "diagnosis_date",
            s(&[
                "2025-03-14",
                "2023-12-31",
                "2024-01-01",
                "1950-01-01",
                "2025-13-01",
                "2026-11-30",
            ]),
        ),
        (
            "icd10",
            s(&[
                "C50.4", "C50", "C53.9", "C54.1", "C56.9", "C61.9", "C34.1", "C44.3", "D05.1",
                "D06.9", "C80.9", "C77.2", "C18.7", "C43.5", "C62.1", "C91.0", "D35.0", "D35",
                "X99", "C50.X", "C99.9",
            ]),
        ),
        (
            "icdo3_morphology",
            s(&[
                "8500/3", "8140/3", "8720/3", "8500/2", "8070/6", "9999/3", "850/3",
            ]),
        ),
        (
            "icdo3_topography",
            s(&["C50.4", "C34.1", "C44.3", "C62.9", "C99.9", "C509"]),
        ),
        ("side", s(&["left", "right", "bilateral", "unknown"])),
        (
            "t",
            s(&[
                "T2", "pT1c", "T5", "TX", "T1a", "cT2 N1", "T0", "ypT2", "T1", "pTis", "uT3", "TO",
                "cT1mi",
            ]),
        ),
        (
            "n",
            s(&["N0", "pN1a", "N4", "NX", "N1", "N2b", "pN0(sn)", "N3c"]),
        ),
        (
            "m",
            s(&["M0", "M1", "MX", "pMX", "pM0", "cM0", "M1c", "M2"]),
        ),
        (
            "figo",
            s(&[
                "IB1",
                "IIIC1",
                "IIIC1r",
                "IA",
                "IVB",
                "Z",
                "IIA2",
                "IC2",
                "IA POLEmut",
                "IC NSMP",
            ]),
        ),
        ("tnm_basis", s(&["clinical", "pathological"])),
        (
            "tnm_edition",
            vec![Value::from(8), Value::from(9), Value::from(7)],
        ),
        (
            "figo_edition",
            vec![
                Value::from(2009),
                Value::from(2018),
                Value::from(2023),
                Value::from(2014),
                Value::from(2021),
                Value::from(1999),
            ],
        ),
        (
            "basis_of_diagnosis",
            vec![
                Value::from(1),
                Value::from(3),
                Value::from(4),
                Value::from(7),
                Value::from(8),
            ],
        ),
        (
            "autopsy_finding",
            vec![Value::from(true), Value::from(false)],
        ),
        ("death_date", s(&["2025-04-01", "2024-01-01", "2025-02-01"])),
        (
            "pathology_lab",
            s(&["011", "111", "999", "051", "Karolinska"]),
        ),
        ("specimen_number", s(&["G20-85406", "12345678901234567"])),
        (
            "specimen_year",
            vec![Value::from(2025), Value::from(2031), Value::from(25)],
        ),
        ("partial", vec![Value::from(true), Value::from(false)]),
        ("morphology", s(&["Duktal cancer", "Adenocarcinom"])),
        ("primary_site", s(&["Bröst", "Lunga"])),
        (
            "confirmed_rules",
            vec![
                serde_json::json!(["TNM-SYNONYM", "SIDE-UNPAIRED"]),
                serde_json::json!(["FIGO-TNM"]),
            ],
        ),
    ]
}

/// A sequence of reports: a first one (for each field, left out or one value of its pool),
/// then each report the one before with one field changed (given another value or left
/// out). Keys then repeat, and two reports often differ in one value alone: a key
/// that leaves out a value a check reads gives such a pair the same hits, which the test
/// catches.
fn reports() -> impl Strategy<Value = Vec<String>> {
    let pools = pools();
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

fn contexts() -> Vec<ValidationContext> {
    let base = ValidationContext::new("2026-06-01".parse().unwrap());
    vec![
        base.clone(),
        base.clone()
            .with_rule_set(RuleSet::Register)
            .with_lang(Lang::En),
        base.clone().with_test_persons(true),
        base.clone()
            .with_exclude(vec!["TNM-CATEGORY".into(), "SIDE-REQUIRED".into()]),
        base.clone().with_include(Some(vec![
            "FIGO-TNM".into(),
            "REPORT-NOT-REPORTABLE".into(),
            "BEHAVIOUR-ICD10".into(),
        ])),
    ]
}

/// Validates the reports one after the other with one batch validator per context and
/// compares each report's issues with those of validating it anew.
fn batch_agrees(reports: &[String]) -> Result<(), String> {
    for ctx in contexts() {
        let mut v = Validator::new(&ctx);
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
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/conformance");
    let mut reports = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in file["cases"].as_array().into_iter().flatten() {
            match case.get("report") {
                Some(Value::String(text)) => reports.push(text.clone()),
                Some(report @ Value::Object(_)) => reports.push(report.to_string()),
                _ => {}
            }
        }
    }
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
