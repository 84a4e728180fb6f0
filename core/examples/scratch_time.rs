use canceranmalan::{parse_json, ValidationContext};
use std::time::Instant;
fn main() {
    let json = r#"{"diagnosis_date":"2025-05-12","primary_site":"Bröst, övre yttre kvadranten","icd10":"C50.4","side":"left","morphology":"Duktal cancer","basis_of_diagnosis":3,"t":"T2","n":"N1a","m":"M0","tnm_basis":"pathological","personal_id":"19640823-3234","pathology_lab":"011","specimen_number":"T-1234/25","specimen_year":2025,"contact_person":"Anna"}"#;
    let n = 1_000_000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(parse_json(std::hint::black_box(json)).unwrap());
    }
    println!("parse {:.0} ns", t.elapsed().as_nanos() as f64 / n as f64);
    let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
    let p = parse_json(json).unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(p.validate(&ctx));
    }
    println!(
        "validate {:.0} ns",
        t.elapsed().as_nanos() as f64 / n as f64
    );
}
