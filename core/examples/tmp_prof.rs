use canceranmalan::{parse_json, ValidationContext};
fn main() {
    let json = r#"{"personal_id":"19640823-3234","diagnosis_date":"2025-03-14",
 "primary_site":"Bröst, övre yttre kvadranten","icd10":"C50.4","morphology":"Duktal cancer",
 "side":"left","t":"T2","n":"N1","m":"M0","tnm_basis":"pathological","basis_of_diagnosis":3,
 "pathology_lab":"011","specimen_number":"ÅÄÖåäö1234567890","specimen_year":2025}"#;
    let parsed = parse_json(json).unwrap();
    let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
    let mut n = 0;
    let start = std::time::Instant::now();
    for _ in 0..300_000 {
        n += parsed.validate(&ctx).len();
    }
    eprintln!("{n} {:?} per report", start.elapsed() / 300_000);
}
