//! Time per rule on one complete, coded report (a diagnostic aid for benchmarks).
use canceranmalan::{parse_json, RuleSet, ValidationContext, RULES};
use std::time::Instant;

fn main() {
    let json = r#"{"personal_id":"19640823-3234","diagnosis_date":"2025-03-14","primary_site":"Bröst","icd10":"C50.4","morphology":"Duktal cancer","icdo3_morphology":"8500/3","icdo3_topography":"C50.4","side":"left","t":"T2","n":"N1","m":"M0","tnm_basis":"pathological","basis_of_diagnosis":3,"pathology_lab":"011","specimen_number":"ÅÄÖåäö1234567890","specimen_year":2025}"#;
    let parsed = parse_json(json).unwrap();
    let base =
        ValidationContext::new("2025-06-01".parse().unwrap()).with_rule_set(RuleSet::Register);
    let n = 200_000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(parsed.validate(&base));
    }
    let all = t.elapsed().as_nanos() as f64 / n as f64;
    println!("every rule: {all:.0} ns; marginal cost of each (all minus all-but-one):");
    let mut rows = Vec::new();
    for rule in RULES {
        let ctx = base.clone().with_exclude(vec![rule.id.to_string()]);
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(parsed.validate(&ctx));
        }
        rows.push((all - t.elapsed().as_nanos() as f64 / n as f64, rule.id));
    }
    let empty = base.clone().with_include(Some(vec![]));
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(parsed.validate(&empty));
    }
    let floor = t.elapsed().as_nanos() as f64 / n as f64;
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    println!("no rule: {floor:.0} ns");
    for (ns, id) in rows.iter().take(15) {
        println!("{:>6.0} ns  {id}", ns);
    }
}
