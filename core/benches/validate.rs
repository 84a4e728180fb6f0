//! Speed of the core: one complete report (the web form's keystroke case), a report with many
//! issues, and personal-id parsing. Targets (2-core CI machine, release build): under 5 µs per
//! report and under 200 ns per personal id, i.e. well over 100 000 reports/s per core for
//! register extracts; under 1 µs to read a typical TNM string. Run: cargo bench -p canceranmalan

use canceranmalan::{
    parse_json, validate_json, Extras, Lang, ParseOptions, PersonalId, RuleSet, ValidationContext,
};
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const COMPLETE: &str = r#"{"personal_id":"19640823-3234","diagnosis_date":"2025-03-14",
 "primary_site":"Bröst, övre yttre kvadranten","icd10":"C50.4","morphology":"Duktal cancer",
 "side":"left","t":"T2","n":"N1","m":"M0","tnm_basis":"pathological","basis_of_diagnosis":3,
 "pathology_lab":"011","specimen_number":"ÅÄÖåäö1234567890","specimen_year":2025}"#;

/// The complete report with the codes RCC adds (ICD-O-3), so that every check has input.
const COMPLETE_CODED: &str = r#"{"personal_id":"19640823-3234","diagnosis_date":"2025-03-14",
 "primary_site":"Bröst, övre yttre kvadranten","icd10":"C50.4","morphology":"Duktal cancer",
 "icdo3_morphology":"8500/3","icdo3_topography":"C50.4",
 "side":"left","t":"T2","n":"N1","m":"M0","tnm_basis":"pathological","basis_of_diagnosis":3,
 "pathology_lab":"011","specimen_number":"ÅÄÖåäö1234567890","specimen_year":2025}"#;

const MANY_ISSUES: &str = r#"{"personnummer":"x","diagnosis_date":20250314,"icd10":"c18.7",
 "side":"vänster","basis_of_diagnosis":"3","specimen_year":25,"autopsy_finding":true,"t":"T1",
 "figo":"IIA","specimen_number":"12345678901234567890"}"#;

fn bench(c: &mut Criterion) {
    let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
    let mut g = c.benchmark_group("validate");
    g.throughput(Throughput::Elements(1));
    g.bench_function("complete report (JSON text)", |b| {
        b.iter(|| validate_json(black_box(COMPLETE), &ctx).unwrap())
    });
    // Every rule: the form's and the register's consistency checks and code tables, on the
    // same complete report, and on one that also has the codes RCC adds (every check runs).
    let register = ctx.clone().with_rule_set(RuleSet::Register);
    g.bench_function("complete report, every rule set (JSON text)", |b| {
        b.iter(|| validate_json(black_box(COMPLETE), &register).unwrap())
    });
    g.bench_function("coded report, every rule (JSON text)", |b| {
        b.iter(|| validate_json(black_box(COMPLETE_CODED), &register).unwrap())
    });
    g.bench_function("report with many issues (JSON text)", |b| {
        b.iter(|| validate_json(black_box(MANY_ISSUES), &ctx).unwrap())
    });
    let coded = parse_json(COMPLETE_CODED).unwrap();
    g.bench_function("coded report, every rule (already decoded)", |b| {
        b.iter(|| black_box(&coded).validate(&register))
    });
    let parsed = parse_json(COMPLETE).unwrap();
    g.bench_function("complete report (already decoded)", |b| {
        b.iter(|| black_box(&parsed).validate(&ctx))
    });
    g.finish();

    // TNM as clinicians write it (target: under 1 µs per typical string), read alone and
    // with the site check, and a stage grouping.
    let mut t = c.benchmark_group("tnm");
    t.throughput(Throughput::Elements(1));
    for text in [
        "pT2N1aM0",
        "cT3 cN1 cM0",
        "pT2 pN1b(2/11) cM0 G2 L1 V0 Pn0 R0",
    ] {
        t.bench_function(format!("read {text:?}"), |b| {
            b.iter(|| canceranmalan::staging::tnm::read(black_box(text)).unwrap())
        });
    }
    t.bench_function("parse_tnm \"pT2 pN1b(2/11) cM0\" on C18.7", |b| {
        b.iter(|| {
            canceranmalan::parse_tnm(black_box("pT2 pN1b(2/11) cM0"), Some("C18.7"), 8, Lang::En)
                .unwrap()
        })
    });
    let none = Extras::default();
    t.bench_function("stage pT2 pN1b cM0 on C18.7", |b| {
        b.iter(|| {
            canceranmalan::stage(
                black_box("C18.7"),
                Some("pT2"),
                Some("pN1b"),
                Some("cM0"),
                8,
                &none,
                Lang::En,
            )
            .unwrap()
        })
    });
    t.finish();

    let opts = ParseOptions::new("2026-11-23".parse().unwrap());
    c.bench_function("personal id (ten digits)", |b| {
        b.iter(|| PersonalId::parse(black_box("640823-3234"), &opts))
    });
    c.bench_function("personal id (national reserve)", |b| {
        b.iter(|| PersonalId::parse(black_box("22790814AA01"), &opts))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
