use super::*;

fn canon(text: &str) -> String {
    read(text).unwrap().tnm.canonical()
}

fn notes(text: &str) -> Vec<Note> {
    read(text).unwrap().notes
}

#[test]
fn reads_the_spec_vectors() {
    assert_eq!(canon("pT2N1aM0"), "pT2 N1a M0");
    let r = read("pT2N1aM0").unwrap().tnm;
    assert_eq!(r.n.as_ref().unwrap().prefixes, "p");
    assert_eq!(r.basis(), Some(Basis::Pathological));
    assert_eq!(canon("cT3 cN1 cM0"), "cT3 cN1 cM0");
    assert_eq!(
        read("T1b N0 M0").unwrap().tnm.basis(),
        Some(Basis::Clinical)
    );
    let r = read("ypT0N0").unwrap();
    assert_eq!(r.tnm.canonical(), "ypT0 N0");
    assert_eq!(r.tnm.n.as_ref().unwrap().prefixes, "yp");
    assert_eq!(r.notes, [Note::AfterTreatment(Axis::T, "yp".into())]);
    assert_eq!(canon("pT1c(m) pN1a(sn) cM0"), "pT1c(m) pN1a(sn) cM0");
    assert_eq!(canon("pT1mi pN0(i+)(sn)"), "pT1mi pN0(i+)(sn)");
    assert_eq!(canon("pN1(mi)"), "pN1(mi)");
    let r = read("pT2 pN1b(2/11) cM0 G2 L1 V0 Pn0 R0").unwrap().tnm;
    assert_eq!(r.n.as_ref().unwrap().nodes, Some((2, 11)));
    assert_eq!(r.canonical(), "pT2 pN1b(2/11) cM0 G2 L1 V0 Pn0 R0");
    let r = read("pT3, pN2(4/21), pMX - G2, L1, V1, Pn1, R1").unwrap();
    assert!(r.notes.contains(&Note::PmX("pMX".into())));
    assert_eq!(r.tnm.canonical(), "pT3 pN2(4/21) pMX G2 L1 V1 Pn1 R1");
    assert!(notes("pT2 pN0 pM0").contains(&Note::Pm0("pM0".into())));
    assert!(notes("cT2 cN0 MX").contains(&Note::MxObsolete("MX".into())));
    let r = read("pT4b pN2b (18/25) cM0 G3 pL1 pV1 Pn0").unwrap().tnm;
    assert_eq!(r.canonical(), "pT4b pN2b(18/25) cM0 G3 pL1 pV1 Pn0");
    let r = read("TONOMO").unwrap();
    assert_eq!(r.tnm.canonical(), "T0 N0 M0");
    assert_eq!(r.notes.len(), 3);
    let r = read("Tumorstadium: T 2, pN X, pM X - G-II.").unwrap();
    assert_eq!(r.tnm.canonical(), "T2 pNX pMX G2");
    assert!(r.notes.contains(&Note::PmX("pMX".into())));
    assert!(r
        .notes
        .iter()
        .any(|n| matches!(n, Note::Synonym(None, w, g) if w == "G-II" && g == "G2")));
    assert_eq!(canon("pt2n1m0"), "pT2 N1 M0");
    assert_eq!(canon("pT2/N1/M0"), "pT2 N1 M0");
    assert_eq!(canon("pT2, N1, M0"), "pT2 N1 M0");
    assert_eq!(canon("pT2\nN1\nM0"), "pT2 N1 M0");
    let r = read("rpT2pN1M0").unwrap().tnm;
    assert_eq!(
        (
            r.t.as_ref().unwrap().prefixes.as_str(),
            r.n.as_ref().unwrap().inherited
        ),
        ("rp", false)
    );
    assert_eq!(canon("rpT2pN1M0"), "rpT2 pN1 M0");
    assert_eq!(canon("aTxN1M0"), "aTX N1 M0");
    let r = read("cT2 cN1 cM1 (HEP, PUL)").unwrap().tnm;
    assert_eq!(r.m.as_ref().unwrap().sites, ["HEP", "PUL"]);
    assert_eq!(canon("pT1(3) pN0"), "pT1(3) pN0");
    assert_eq!(canon("pTis (DCIS) pN0(sn)"), "pTis(DCIS) pN0(sn)");
    assert_eq!(canon("pTis(LCIS)"), "pTis(LCIS)");
    assert_eq!(canon("pT1(m)(is) cN0 cM0"), "pT1(m)(is) cN0 cM0");
    assert_eq!(canon("pTa"), "pTa");
    assert_eq!(canon("pT1b(m) pN1a cM0"), "pT1b(m) pN1a cM0");
    assert_eq!(canon("pT5 N0 M0"), "pT5 N0 M0");
    assert_eq!(canon("cT2 N4"), "cT2 N4");
    assert_eq!(
        read("T1cN0M0 (UICC 2017)").unwrap().tnm.edition_tag,
        Some(8)
    );
    assert_eq!(canon("cT2 cN2a cM1c1"), "cT2 cN2a cM1c1");
    assert_eq!(canon("pT1 N0 M0 S1"), "pT1 N0 M0 S1");
    for (text, written) in [("cT2-4", "cT2-4"), ("pNX/0", "pNX/0"), ("N+", "N+")] {
        let r = read(&format!("{text} M0")).unwrap();
        assert!(
            r.notes
                .iter()
                .any(|n| matches!(n, Note::Ambiguous(_, w) if w == written)),
            "{text}: {:?}",
            r.notes
        );
    }
    let r = read("uT2 uN1").unwrap();
    assert_eq!(
        r.notes
            .iter()
            .filter(|n| matches!(n, Note::PrefixU(..)))
            .count(),
        2
    );
    assert_eq!(r.tnm.basis(), Some(Basis::Clinical));
    let r = read("T1a(mi)").unwrap();
    assert_eq!(r.tnm.canonical(), "T1mi");
    assert!(matches!(&r.notes[0], Note::Synonym(Some(Axis::T), _, g) if g == "T1mi"));
    let r = read("T1mic").unwrap();
    assert_eq!(r.tnm.canonical(), "T1mi");
    assert_eq!(
        r.notes,
        [Note::Synonym(Some(Axis::T), "T1mic".into(), "T1mi".into())]
    );
    assert_eq!(canon("M1a(1)"), "M1a(1)");
    let r = read("T3 C2 N1").unwrap();
    assert_eq!(r.tnm.canonical(), "T3 N1");
    assert_eq!(r.notes, [Note::CFactor("C2".into())]);
}

#[test]
fn variants_of_spelling() {
    assert_eq!(canon("PT2N1M0"), "pT2 N1 M0");
    assert_eq!(canon("p Tx N1M 0"), "pTX N1 M0");
    assert_eq!(canon("cT4b cN2a cM0 G2"), "cT4b cN2a cM0 G2");
    assert_eq!(canon("pN1 (3/13, max. 1,8 cm)"), "pN1(3/13)");
    assert_eq!(canon("N1(1/2 sn)"), "N1(sn)(1/2)");
    assert_eq!(canon("pT3 (5 cm) N0"), "pT3 N0");
    assert_eq!(canon("R1 (dorsal) T2"), "T2 R1(dorsal)");
    assert_eq!(canon("ＰＴ２"), "pT2");
    assert_eq!(canon("Ly1 T2"), "T2 L1");
    assert_eq!(canon("pT2 pN0 G1-2"), "pT2 pN0 G1");
    assert!(read("tomorrow").is_err());
    assert!(read("up to 2 cm").is_err());
    assert!(read("").is_err());
    assert!(read("G2 L1").is_err());
}

#[test]
fn form_fields_hold_one_category() {
    let (c, _) = read_field("pT1c", Axis::T).unwrap();
    assert_eq!(c.unwrap().value, "T1c");
    let (c, _) = read_field("2", Axis::T).unwrap();
    assert_eq!(c.unwrap().value, "T2");
    let (c, _) = read_field("1mi", Axis::N).unwrap();
    assert_eq!(c.unwrap().value, "N1mi");
    assert!(read_field("N1", Axis::T).is_err());
    assert!(read_field("T2N1", Axis::T).is_err());
    assert!(read_field("T2 G3", Axis::T).is_err());
    assert!(read_field("stor", Axis::T).is_err());
    let (c, notes) = read_field("T2-3", Axis::T).unwrap();
    assert!(c.is_none() && matches!(notes[0], Note::Ambiguous(Axis::T, _)));
    let (c, notes) = read_field("T2 T3", Axis::T).unwrap();
    assert_eq!(c.unwrap().value, "T2");
    assert!(matches!(notes[0], Note::Repeated(Axis::T, _)));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

    /// The form value's short path reads every word it takes exactly as the tokenizer does.
    #[test]
    fn a_word_reads_the_same_by_either_path(
        word in "[TNMtnmcpPyrauLlVvGgSsRXxOoi0-9a-d+]{1,8}",
        axis in proptest::sample::select(vec![Axis::T, Axis::N, Axis::M]),
    ) {
        if let Some(short) = read_word(&word, axis) {
            proptest::prop_assert_eq!(short, read_text(&word, axis), "{}", word);
        }
    }
}

#[test]
fn the_short_path_takes_the_usual_values() {
    for (word, axis) in [
        ("T2", Axis::T),
        ("pT1c", Axis::T),
        ("N1mi", Axis::N),
        ("cM0", Axis::M),
        ("pM0", Axis::M),
        ("MX", Axis::M),
        ("ypT2", Axis::T),
        ("TO", Axis::T),
        ("T1mic", Axis::T),
    ] {
        let short = read_word(word, axis).unwrap_or_else(|| panic!("{word}"));
        assert_eq!(short, read_text(word, axis), "{word}");
    }
    assert!(read_word("T2N1", Axis::T).is_none());
    assert!(read_word("pT2 ", Axis::T).is_none());
}

#[test]
fn the_plain_path_reads_every_text_it_takes_as_the_tokenizer_does() {
    // Every text of the plain path's shape (and its near misses): prefix, axis letter in
    // either case, value.
    let mut taken = 0;
    for prefix in ["", "c", "p", "y", "P", "C"] {
        for letter in ["T", "N", "M", "t", "n", "m"] {
            for value in [
                "X", "x", "0", "O", "is", "IS", "1", "2", "3", "4", "5", "9", "1a", "1b", "1c",
                "1d", "1e", "2a", "2b", "2c", "2d", "3a", "3b", "3c", "3d", "4a", "4b", "4c", "4d",
                "4e", "1mi", "1A", "", "+",
            ] {
                let word = format!("{prefix}{letter}{value}");
                for axis in [Axis::T, Axis::N, Axis::M] {
                    if let Some(plain) = read_plain(&word, axis) {
                        taken += 1;
                        assert_eq!(plain, read_text(&word, axis), "{word}");
                    }
                }
            }
        }
    }
    // T: X, 0, is, 1-4 and each with a-d (23 values); N: X, 0, 1-3 and a-d (17); M: X, 0, 1
    // and a-d (7); each bare, with c and with p.
    assert_eq!(taken, 3 * (23 + 17 + 7));
    assert!(read_plain("T2 ", Axis::T).is_none() && read_plain("T2", Axis::N).is_none());
}
