//! Any text, site and edition: reading TNM never panics; what it reads has a canonical form
//! that reads back to the same value; stage grouping of what it read never panics, and a
//! group always comes with its table and row.
#![no_main]

use canceranmalan::staging::tnm::{read, read_field, Axis};
use canceranmalan::{parse_tnm, stage, Extras, Lang};
use libfuzzer_sys::fuzz_target;

const SITES: [&str; 12] = [
    "C50.9", "C34.1", "C18.7", "C61.9", "C67.9", "C43.5", "C16.2", "C73.9", "C62.9", "C53.9",
    "C56.9", "C83.3",
];

fuzz_target!(|input: (u8, bool, &str)| {
    let (site, nine, text) = input;
    let icd10 = SITES[usize::from(site) % SITES.len()];
    let edition = if nine { 9 } else { 8 };
    if let Ok(r) = read(text) {
        let canonical = r.tnm.canonical();
        if !canonical.is_empty() {
            let again = read(&canonical).expect("the canonical form reads");
            assert_eq!(again.tnm, r.tnm, "{canonical}");
            assert_eq!(again.tnm.canonical(), canonical);
        }
        let cat = |c: Option<&canceranmalan::Category>| c.map(|c| c.canonical());
        let extras = Extras {
            age: Some(u32::from(site)),
            psa: Some(f64::from(site) / 7.0),
            grade_group: Some(site % 6),
            s: Some(format!("S{}", site % 4)),
            morphology: Some("8260/3".into()),
        };
        let (t, n, m) = (cat(r.tnm.t.as_ref()), cat(r.tnm.n.as_ref()), cat(r.tnm.m.as_ref()));
        if let Ok(s) = stage(icd10, t.as_deref(), n.as_deref(), m.as_deref(), edition, &extras, Lang::En) {
            assert!(s.group.is_none() || (s.table.is_some() && s.row.is_some()));
            assert!(!s.explanation.is_empty());
        }
    }
    let _ = parse_tnm(text, Some(icd10), edition, Lang::Sv);
    for axis in [Axis::T, Axis::N, Axis::M] {
        let _ = read_field(text, axis);
    }
});
