//! Validates (or only reads) one complete report many times: a steady loop for a profiler or
//! an instruction counter, where a benchmark's statistics are in the way.
//!
//! `cargo build --release -p canceranmalan --example validate_loop`, then e.g.
//! `valgrind --tool=callgrind target/release/examples/validate_loop validate 20000` and
//! `callgrind_annotate --inclusive=yes callgrind.out.*` (instructions per report: the total
//! divided by the count). Modes: `validate` (the decoded report), `read` (JSON text to a
//! decoded report), `both`. With `EMPTY=1` in the environment the report is `{}` (an empty
//! form: every issue of a missing field, the cost of making issues).
use canceranmalan::{parse_json, validate_json, ValidationContext};
use std::hint::black_box;

const COMPLETE: &str = r#"{"personal_id":"19640823-3234","diagnosis_date":"2025-03-14",
 "primary_site":"Bröst, övre yttre kvadranten","icd10":"C50.4","morphology":"Duktal cancer",
 "side":"left","t":"T2","n":"N1","m":"M0","tnm_basis":"pathological","basis_of_diagnosis":3,
 "pathology_lab":"011","specimen_number":"ÅÄÖåäö1234567890","specimen_year":2025}"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "validate".into());
    let count: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let ctx = ValidationContext::new("2025-06-01".parse().expect("a date"));
    let text = if std::env::var_os("EMPTY").is_some() {
        "{}"
    } else {
        COMPLETE
    };
    let parsed = parse_json(text).expect("the report is JSON");
    let start = std::time::Instant::now();
    let mut issues = 0;
    for _ in 0..count {
        issues += match mode.as_str() {
            "read" => usize::from(parse_json(black_box(text)).is_ok()),
            "both" => validate_json(black_box(text), &ctx).map_or(0, |i| i.len()),
            _ => black_box(&parsed).validate(&ctx).len(),
        };
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / count as f64;
    println!("{mode}: {count} times, {per:.3} µs each ({issues} issues in all)");
}
