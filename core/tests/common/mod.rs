//! What the integration tests share: pools of field values, contexts and the conformance
//! vectors' reports.
#![allow(dead_code)] // each test file uses part of it

use canceranmalan::{Lang, RuleSet, ValidationContext};
use serde_json::Value;

/// Contexts both test files run in: the form's default, the register's rules in English, and
/// INCA's test persons accepted.
pub fn contexts() -> Vec<ValidationContext> {
    let base = ValidationContext::new("2026-06-01".parse().unwrap());
    vec![
        base.clone(),
        base.clone()
            .with_rule_set(RuleSet::Register)
            .with_lang(Lang::En),
        base.with_test_persons(true),
    ]
}

/// The values each field is drawn from: ordinary ones, near misses, and values on either
/// side of the dates where editions and reporting rules change.
pub fn pools() -> Vec<(&'static str, Vec<Value>)> {
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
        (
            "side",
            s(&["left", "right", "bilateral", "unknown", "vänster"]),
        ),
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
                Value::from(6),
            ],
        ),
        (
            "autopsy_finding",
            vec![Value::from(true), Value::from(false), Value::from("ja")],
        ),
        ("death_date", s(&["2025-04-01", "2024-01-01", "2025-02-01"])),
        (
            "pathology_lab",
            s(&["011", "111", "999", "051", "Karolinska"]),
        ),
        ("specimen_number", s(&["G20-85406", "12345678901234567"])),
        (
            "specimen_year",
            vec![
                Value::from(2025),
                Value::from(2031),
                Value::from(25),
                Value::from("2025"),
            ],
        ),
        ("partial", vec![Value::from(true), Value::from(false)]),
        ("morphology", s(&["Duktal cancer", "Adenocarcinom"])),
        ("primary_site", s(&["Bröst", "Lunga"])),
        ("referred_to", s(&["Onkologen, Akademiska", "  "])),
        ("contact_person", s(&["Eva Ek, 018-611 00 00", ""])),
        ("comment", s(&["Recidiv?", "Anna Andersson, 19640823-3234"])),
        (
            "confirmed_rules",
            vec![
                serde_json::json!(["TNM-SYNONYM", "SIDE-UNPAIRED"]),
                serde_json::json!(["FIGO-TNM"]),
            ],
        ),
    ]
}

/// Every report of the conformance vectors (as JSON text), in the order the directory lists
/// the files.
pub fn conformance_reports() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/conformance");
    let mut reports = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension() != Some(std::ffi::OsStr::new("json")) {
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
    reports
}
