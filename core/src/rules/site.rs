//! The site: the ICD-10 code's shape, sex-specific sites, and FIGO only for gynaecological
//! sites.

use super::codes::icd10;
use super::codes::{topography_code, Site};
use crate::model::field::Field;
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::Input;
use crate::validation::rule::{
    Check, Key, KeyedRules, Reports, Rule, Source, Validity, FORM_AND_REGISTER,
};
use crate::vocab::codes::Sex;
use crate::vocab::codes::Side;
use crate::vocab::icd10::Icd10;
use crate::vocab::lang::Text;
use crate::vocab::tables::{
    FIGO_SITES, ICDO3_TOPOGRAPHY_TO_ICD10, PAIRED_SITES, SEX_SPECIFIC_SITES,
};

/// ICD-10 code of the wrong shape.
pub static ICD10_FORMAT: Rule = Rule {
    id: "ICD10-FORMAT",
    severity: Severity::Error,
    reads: &[Field::Icd10],
    reports: Reports::Fields(&[Field::Icd10]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual("Variablerna i canceranmälan (ICD-kod enligt ICD10)")],
    message: Text::new(
        "ICD10-kod ska skrivas som en versal bokstav, två siffror och eventuellt punkt och en siffra (t.ex. C50 eller C50.9).",
        "ICD-10 code must be a capital letter, two digits and optionally a dot and a digit (e.g. C50 or C50.9).",
    ),
    check: Check::Report(|input, out| {
        if input.report().is_given(Field::Icd10) && icd10(input).is_none() {
            out.push(Hit::on(&[Field::Icd10]));
        }
    }),
};

/// The ICD-10 category (`"C53"`) of a code, for the site tables.
fn category(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// A sex-specific site that contradicts the patient's legal sex.
pub static SEX_SITE: Rule = Rule {
    id: "SEX-SITE",
    severity: Severity::Warning,
    reads: &[Field::Icd10, Field::Sex, Field::PersonalId],
    reports: Reports::Fields(&[Field::Icd10, Field::Sex, Field::PersonalId]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Registry("ENCR/JRC data validation: sex/site check"),
        Source::Table("sex_specific_sites.tsv"),
    ],
    message: Text::new(
        "{code} är en {site_sex} lokalisation, men patientens juridiska kön är {sex}. Kontrollera.",
        "{code} is a {site_sex} site, but the patient's legal sex is {sex}. Please check.",
    ),
    check: Check::Report(|input, out| {
        let Some((_, text)) = icd10(input) else {
            return;
        };
        let Some(site_sex) = SEX_SPECIFIC_SITES
            .range_containing(category(text))
            .and_then(|row| Sex::from_key(row[2]))
        else {
            return;
        };
        // An explicit `sex` overrides the value derived from the number.
        let Some((sex, source)) = input.sex() else {
            return;
        };
        if sex != site_sex {
            let site_word = match site_sex {
                Sex::Female => Text::new("kvinnlig", "female"),
                Sex::Male => Text::new("manlig", "male"),
            };
            let sex_word = super::sex_word(sex);
            out.push(
                Hit::on(&[Field::Icd10, source])
                    .arg("code", Arg::text(text))
                    .arg("site_sex", Arg::Code(site_sex.key(), site_word))
                    .arg("sex", Arg::Code(sex.key(), sex_word)),
            );
        }
    }),
};

/// Whether the tumour's site is a paired organ or body part: `Some(true)` or `Some(false)`
/// where the site is known, `None` where it is not (or its candidates disagree).
///
/// The site is the ICD-O-3 topography where given. Else a malignant ICD-10 code of C00–C76
/// or C80 is read as the same topography (a three-character code as its `.9`, "not
/// otherwise specified"); any other ICD-10 code (in situ, benign) as the topographies that
/// the IARC conversion table turns into that code [inference: the conversion read backwards].
pub(crate) fn paired(input: &Input<'_>) -> Option<bool> {
    *input.memo(derive_paired)
}

/// True when the paired-sites table holds the topography.
fn is_paired(site: Site) -> bool {
    PAIRED_SITES.range_containing(site.as_str()).is_some()
}

fn derive_paired(input: &Input<'_>) -> Option<bool> {
    if let Some(t) = topography_code(input) {
        return Some(is_paired(Site::new(t)?));
    }
    let (code, text) = icd10(input)?;
    paired_by_icd10(code, text)
}

/// [`paired`] for an ICD-10 code (of the right shape) without an ICD-O-3 topography.
fn paired_by_icd10(code: Icd10, text: &str) -> Option<bool> {
    if code.in_range(b'C', 0, 76) || code.in_range(b'C', 80, 80) {
        // A three-character code is read as its ".9", not otherwise specified.
        let site = if text.len() == 3 {
            Site::new(&format!("{text}9"))?
        } else {
            Site::new(text)?
        };
        return Some(is_paired(site));
    }
    // The conversion table gives codes of C00–C80 and D00–D48 only (a test holds it to
    // that): no topography gives any other code (C81–C97 depend on the morphology).
    if !(code.in_range(b'C', 0, 80) || code.in_range(b'D', 0, 48)) {
        return None;
    }
    // The topographies whose conversion gives this code; where none gives the whole code
    // (D05.1 depends on the morphology, the table gives D05.9), those that give its category.
    // The table writes its codes as the report must (`Cnn` or `Cnn.n`; a test holds it to
    // that), so the text is looked up as it is.
    let mut whole = ICDO3_TOPOGRAPHY_TO_ICD10
        .rows_with_cell(text, false)
        .peekable();
    let candidates = if text.len() > 3 && whole.peek().is_some() {
        whole
    } else {
        ICDO3_TOPOGRAPHY_TO_ICD10
            .rows_with_cell(text.get(..3)?, true)
            .peekable()
    };
    let mut answer = None;
    for row in candidates {
        let p = is_paired(Site::new(row[0])?);
        if answer.is_some_and(|a| a != p) {
            return None;
        }
        answer = Some(p);
    }
    answer
}

/// FIGO-SITE and the side rules: their checks read the ICD-10 code, the ICD-O-3
/// topography, the side, whether the report is partial and whether FIGO is given, and
/// nothing else of the report.
pub static SITE_RULES: KeyedRules = KeyedRules {
    name: "site",
    rules: &[&FIGO_SITE, &SIDE_REQUIRED, &SIDE_UNPAIRED],
    key: |input, key: &mut Key| {
        let r = input.report();
        key.field_text(Field::Icd10, r.icd10.as_deref());
        key.field_text(Field::Icdo3Topography, r.icdo3_topography.as_deref());
        key.int(r.side.map(|s| s as i64));
        key.int(Some(i64::from(r.is_partial())));
        key.int(Some(i64::from(r.is_given(Field::Figo))));
    },
};

/// Sida missing for a paired organ or body part in a complete report.
pub static SIDE_REQUIRED: Rule = Rule {
    id: "SIDE-REQUIRED",
    severity: Severity::Error,
    reads: &[
        Field::Side,
        Field::Icd10,
        Field::Icdo3Topography,
        Field::Partial,
    ],
    reports: Reports::Fields(&[Field::Side]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Manual(
            "Variablerna i canceranmälan (Sida: obligatoriskt vid pariga organ och kroppsdelar)",
        ),
        Source::Table("paired_sites.tsv"),
    ],
    message: Text::new(
        "Sida ska anges för pariga organ och kroppsdelar ({code}).",
        "The side is required for paired organs and body parts ({code}).",
    ),
    check: Check::Report(|input, out| {
        let r = input.report();
        if r.is_partial() || r.side.is_some() || paired(input) != Some(true) {
            return;
        }
        // The code the answer came from: a valid ICD-O-3 topography, else the ICD-10 code.
        let code = topography_code(input)
            .or(r.text(Field::Icd10))
            .unwrap_or("");
        out.push(Hit::on(&[Field::Side]).arg("code", Arg::text(code)));
    }),
};

/// A side given for a site that is not paired.
pub static SIDE_UNPAIRED: Rule = Rule {
    id: "SIDE-UNPAIRED",
    severity: Severity::Warning,
    reads: &[Field::Side, Field::Icd10, Field::Icdo3Topography],
    reports: Reports::Fields(&[Field::Side, Field::Icd10, Field::Icdo3Topography]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Manual("Variablerna i canceranmälan (Sida)"),
        Source::Table("paired_sites.tsv"),
    ],
    message: Text::new(
        "Sida är angiven, men {code} är inget parigt organ eller kroppsdel. Kontrollera.",
        "A side is given, but {code} is not a paired organ or body part. Please check.",
    ),
    check: Check::Report(|input, out| {
        let r = input.report();
        if matches!(r.side, None | Some(Side::Unknown)) || paired(input) != Some(false) {
            return;
        }
        let (code, from) = match topography_code(input) {
            Some(t) => (t, Field::Icdo3Topography),
            None => (r.text(Field::Icd10).unwrap_or(""), Field::Icd10),
        };
        out.push(Hit::on(&[Field::Side, from]).arg("code", Arg::text(code)));
    }),
};

/// FIGO given for a site outside C51–C58.
pub static FIGO_SITE: Rule = Rule {
    id: "FIGO-SITE",
    severity: Severity::Warning,
    reads: &[Field::Figo, Field::Icd10],
    reports: Reports::Fields(&[Field::Figo, Field::Icd10]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Manual(
            "Variablerna i canceranmälan (FIGO: stadieindelning för gynekologiska tumörer)",
        ),
        Source::Table("figo_sites.tsv"),
    ],
    message: Text::new(
        "FIGO anges för gynekologiska tumörer (C51–C58), men ICD10-koden är {code}.",
        "FIGO applies to gynaecological tumours (C51–C58), but the ICD-10 code is {code}.",
    ),
    check: Check::Report(|input, out| {
        if !input.report().is_given(Field::Figo) {
            return;
        }
        if let Some((_, text)) = icd10(input) {
            if FIGO_SITES.range_containing(category(text)).is_none() {
                out.push(Hit::on(&[Field::Figo, Field::Icd10]).arg("code", Arg::text(text)));
            }
        }
    }),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_sex_table_names_a_sex() {
        for row in SEX_SPECIFIC_SITES.rows() {
            assert!(Sex::from_key(row[2]).is_some(), "{row:?}");
            assert!(crate::vocab::icd10::Icd10::parse(row[0]).is_some());
        }
    }

    /// The conversion table writes every ICD-10 code as a report must (`Cnn` or `Cnn.n`),
    /// within C00–C80 and D00–D48, or as `-` or `?`, and every topography as `Cnn.n`: so the
    /// reverse lookup by text finds what a comparison without dots would, and other codes
    /// need no lookup.
    #[test]
    fn the_conversion_table_spells_codes_as_reports_do() {
        for row in ICDO3_TOPOGRAPHY_TO_ICD10.rows() {
            assert!(Site::new(row[0]).is_some_and(|s| s.len() == 4), "{row:?}");
            for cell in &row[1..] {
                let ok = matches!(*cell, "-" | "?")
                    || Icd10::parse(cell).is_some_and(|c| {
                        (c.in_range(b'C', 0, 80) || c.in_range(b'D', 0, 48))
                            && !cell.contains(char::is_whitespace)
                    });
                assert!(ok, "{row:?}: {cell}");
            }
        }
    }

    /// The earlier reading of the table, row by row without dots, kept to check the reverse
    /// lookup against.
    fn paired_by_scan(text: &str) -> Option<bool> {
        let is_paired = |topo: &str| PAIRED_SITES.range_containing(topo).is_some();
        let compact = text.replace('.', "");
        let candidates = |whole: bool| {
            let code = compact.clone();
            ICDO3_TOPOGRAPHY_TO_ICD10.rows().filter(move |row| {
                row[1..].iter().any(|cell| {
                    let c = cell.bytes().filter(|b| *b != b'.');
                    if whole {
                        c.eq(code.bytes())
                    } else {
                        code.len() >= 3 && c.take(3).eq(code.bytes().take(3)) && cell.len() >= 3
                    }
                })
            })
        };
        let whole = compact.len() > 3 && candidates(true).next().is_some();
        let mut answer = None;
        for row in candidates(whole) {
            let p = is_paired(&row[0].replace('.', ""));
            if answer.is_some_and(|a| a != p) {
                return None;
            }
            answer = Some(p);
        }
        answer
    }

    #[test]
    fn every_code_outside_the_malignant_sites_pairs_as_the_row_by_row_reading_did() {
        let mut codes = Vec::new();
        // The table holds C and D codes only; a few others show that they find nothing.
        for letter in [b'C', b'D', b'A', b'Z'] {
            for n in 0..100 {
                codes.push(format!("{}{n:02}", char::from(letter)));
                for d in 0..10 {
                    codes.push(format!("{}{n:02}.{d}", char::from(letter)));
                }
            }
        }
        let mut checked = 0;
        for text in &codes {
            let Some(code) = Icd10::parse(text) else {
                continue;
            };
            if code.in_range(b'C', 0, 76) || code.in_range(b'C', 80, 80) {
                continue;
            }
            assert_eq!(paired_by_icd10(code, text), paired_by_scan(text), "{text}");
            checked += 1;
        }
        assert!(checked > 3_000, "{checked}");
    }
}
