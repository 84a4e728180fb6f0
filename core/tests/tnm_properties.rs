//! Properties of the TNM and FIGO readers over generated notation (runs in every `cargo test`;
//! the coverage-guided fuzzers are `core/fuzz` targets `tnm` and `figo`):
//!
//! - reading never panics, whatever the text;
//! - the canonical form of what was read reads back to the same value, and is its own
//!   canonical form;
//! - a stage grouping of what was read never panics, and a group comes with its table and row;
//! - a FIGO stage's label reads back to the same stage.

use canceranmalan::staging::figo::read_figo;
use canceranmalan::staging::tnm::read;
use canceranmalan::{parse_tnm, stage, Extras, Lang};
use proptest::prelude::*;

/// One category as clinicians write it, with the spellings the reader knows and some it
/// does not.
fn category() -> impl Strategy<Value = String> {
    let prefix = proptest::sample::select(vec![
        "", "c", "p", "yp", "yc", "rp", "a", "u", "P", "YP", "p ",
    ]);
    let axis = proptest::sample::select(vec!["T", "N", "M", "t", "n", "m", "T ", "N "]);
    let value = proptest::sample::select(vec![
        "X", "x", "0", "O", "is", "a", "1", "1mi", "1mic", "1a", "1b", "1c", "1b3", "2", "2a",
        "2b", "3", "3a", "3b", "4", "4a", "4b", "5", "1c1", "1d", "+", "",
    ]);
    let suffix = proptest::sample::select(vec![
        "",
        "(m)",
        "(3)",
        "(is)",
        "(sn)",
        "(i+)",
        "(mol-)",
        "(mi)",
        "(2/11)",
        " (18/25)",
        "(HEP, PUL)",
        "(DCIS)",
        "(5 cm)",
        "(1)",
        "-4",
        "/0",
        "(",
        ")",
    ]);
    (prefix, axis, value, suffix).prop_map(|(p, a, v, s)| format!("{p}{a}{v}{s}"))
}

fn descriptor() -> impl Strategy<Value = String> {
    proptest::sample::select(vec![
        "G2",
        "G-II",
        "GX",
        "L1",
        "Ly1",
        "pL1",
        "V0",
        "pV1",
        "Pn0",
        "PNI 1",
        "R0",
        "R1 (dorsal)",
        "R1(is)",
        "S1",
        "C2",
        "(UICC 2017)",
        "TNM (8. Aufl.)",
        "Stage IIIA",
        "Tumorstadium:",
        "tomorrow",
    ])
    .prop_map(str::to_string)
}

fn statement() -> impl Strategy<Value = String> {
    let part = prop_oneof![3 => category(), 1 => descriptor()];
    let sep = proptest::sample::select(vec!["", " ", ", ", "/", ";", "\n", " - ", "  "]);
    proptest::collection::vec((part, sep), 1..7).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(p, s)| format!("{p}{s}"))
            .collect::<String>()
    })
}

const SITES: [&str; 10] = [
    "C50.9", "C34.1", "C18.7", "C61.9", "C67.9", "C43.5", "C16.2", "C73.9", "C53.9", "C83.3",
];

fn check_round_trip(text: &str) -> Result<(), TestCaseError> {
    if let Ok(r) = read(text) {
        let canonical = r.tnm.canonical();
        if !canonical.is_empty() {
            let again = read(&canonical).map_err(|e| {
                TestCaseError::fail(format!(
                    "{text:?}: canonical {canonical:?} does not read: {e}"
                ))
            })?;
            prop_assert_eq!(&again.tnm, &r.tnm, "{:?} -> {:?}", text, canonical);
            prop_assert_eq!(again.tnm.canonical(), canonical);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn notation_reads_back_from_its_canonical_form(text in statement()) {
        check_round_trip(&text)?;
    }

    #[test]
    fn any_text_reads_without_panic(text in "\\PC{0,60}") {
        check_round_trip(&text)?;
        let _ = parse_tnm(&text, Some("C50.9"), 8, Lang::Sv);
        let _ = read_figo(&text);
    }

    #[test]
    fn stage_grouping_never_guesses_silently(
        text in statement(),
        site in proptest::sample::select(SITES.to_vec()),
        nine in any::<bool>(),
        age in 0u32..100,
        psa in 0.0f64..100.0,
        grade_group in 1u8..=5,
    ) {
        let edition = if nine { 9 } else { 8 };
        if let Ok(r) = parse_tnm(&text, Some(site), edition, Lang::En) {
            let cat = |c: Option<&canceranmalan::Category>| c.map(|c| c.canonical());
            let extras = Extras {
                age: Some(age),
                psa: Some(psa),
                grade_group: Some(grade_group),
                s: Some("S1".into()),
                morphology: Some("8260/3".into()),
            };
            let (t, n, m) = (cat(r.tnm.t.as_ref()), cat(r.tnm.n.as_ref()), cat(r.tnm.m.as_ref()));
            let s = stage(site, t.as_deref(), n.as_deref(), m.as_deref(), edition, &extras, Lang::En)
                .expect("edition, PSA and grade group are valid");
            prop_assert!(!s.explanation.is_empty());
            prop_assert!(s.group.is_none() || (s.table.is_some() && s.row.is_some() && s.source.is_some()));
            prop_assert!(s.group.is_some() || s.row.is_none());
        }
    }

    #[test]
    fn figo_labels_read_back(
        roman in proptest::sample::select(vec!["I", "II", "III", "IV", "1", "3", "iii"]),
        letter in proptest::sample::select(vec!["", "A", "b", "C"]),
        digit in proptest::sample::select(vec!["", "1", "2", "3"]),
        sub in proptest::sample::select(vec!["", "i", "(ii)"]),
        tail in proptest::sample::select(vec!["", "r", "p", "mPOLEmut", "mp53abn", "mMMRd", "x"]),
        word in proptest::sample::select(vec!["", "FIGO ", "Stage ", "stadium "]),
    ) {
        let text = format!("{word}{roman}{letter}{digit}{sub}{tail}");
        if let Ok(f) = read_figo(&text) {
            let again = read_figo(&f.label).expect("a label reads");
            prop_assert_eq!(again, f);
        }
    }
}
