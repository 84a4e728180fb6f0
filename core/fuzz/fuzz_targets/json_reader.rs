//! Any text as a report: `parse_json` (which reads the common shape itself) gives exactly what
//! `serde_json` alone gives, the report and its findings or the same error; and reading it
//! into a report that held another (`ParsedReport::read_json`) gives what reading it anew does.
#![no_main]

use canceranmalan::wire::decode::{parse_json, parse_json_by_serde_json};
use canceranmalan::ParsedReport;
use libfuzzer_sys::fuzz_target;

/// A report with every kind of field set, which the text is read into.
const BEFORE: &str = r#"{"personal_id": "19640823-3234", "diagnosis_date": "2025-05-12", "primary_site": "Bröst",
 "icd10": "C50.4", "side": "left", "morphology": "Duktal cancer", "basis_of_diagnosis": 3, "t": "T2", "n": "N1a",
 "m": "M0", "tnm_basis": "pathological", "pathology_lab": "011", "specimen_number": "T-1/25", "specimen_year": 2025,
 "partial": true, "confirmed_rules": ["SEX-SITE"], "comment": "x", "colour": 1}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let fresh = parse_json(text);
    assert_eq!(fresh, parse_json_by_serde_json(text));
    let mut used: ParsedReport = parse_json(BEFORE).unwrap();
    match (used.read_json(text), &fresh) {
        (Ok(()), Ok(fresh)) => assert_eq!(&used, fresh),
        (Err(again), Err(fresh)) => {
            assert_eq!(&again, fresh);
            assert_eq!(used, ParsedReport::default());
        }
        (again, fresh) => panic!("{again:?} against {fresh:?}"),
    }
});
