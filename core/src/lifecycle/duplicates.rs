//! Possible duplicates: the earlier reports of the same patient that may describe the same
//! tumour as a new one, by the IARC/IACR 2004 rules for multiple primary cancers
//! (topography groups, morphology groups, systemic cancers) and the side of paired organs.
//!
//! The Swedish register is tumour-based: each primary is notified on its own, so this is a
//! help for a reporter or coder ("this may already be notified"), not a rejection.

use crate::model::field::{Field, Report};
use crate::model::personal_id::{ParseOptions, PersonalId};
use crate::rules::codes::morphology;
use crate::rules::consistency::topography;
use crate::rules::site::paired;
use crate::validation::context::ValidationContext;
use crate::validation::rule::Input;
use crate::vocab::codes::Side;
use crate::vocab::date::Date;
use crate::vocab::lang::{Lang, Text};
use crate::vocab::tables::{
    IARC_MORPHOLOGY_GROUPS, IARC_MORPHOLOGY_GROUP_NAMES, IARC_TOPOGRAPHY_GROUPS,
};
use crate::wire::decode::ParsedReport;

/// Which rule found a possible duplicate.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum DuplicateRule {
    /// Rule 4.1: haematopoietic and lymphoid cancers (groups 8–14) and Kaposi sarcoma (15)
    /// count once per person whatever the site: both are of the same group, or one is
    /// unspecified haematopoietic (14).
    Systemic,
    /// Rule 3: the same site (topography group) and the same morphology group.
    SameSiteSameMorphology,
    /// Rule 4.2: the same site, and one morphology is the unspecified form of the other's
    /// group (cancer NOS 17, carcinoma NOS 5).
    SameSiteUnspecifiedMorphology,
    /// The same site, and at least one report has no ICD-O-3 morphology code (clinic reports
    /// rarely have one) or one outside Table 2's groups: by site alone, it may be the same
    /// tumour.
    SameSiteMorphologyUnknown,
    /// Unknown primary site (C80) in one or both, with morphologies that may be the same:
    /// both C80 count as one tumour; one C80 may be a metastasis of the other.
    UnknownPrimary,
}

impl DuplicateRule {
    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            DuplicateRule::Systemic => "systemic",
            DuplicateRule::SameSiteSameMorphology => "same_site_same_morphology",
            DuplicateRule::SameSiteUnspecifiedMorphology => "same_site_unspecified_morphology",
            DuplicateRule::SameSiteMorphologyUnknown => "same_site_morphology_unknown",
            DuplicateRule::UnknownPrimary => "unknown_primary",
        }
    }

    /// What the rule says, in the given language.
    pub fn message(self, lang: Lang) -> &'static str {
        let t = match self {
            DuplicateRule::Systemic => Text::new(
                "Systemisk sjukdom (blod- och lymfsystemet eller Kaposis sarkom) i samma morfologigrupp räknas en gång per person (IARC 2004, regel 4.1)",
                "A systemic cancer (haematopoietic, lymphoid or Kaposi sarcoma) of the same morphology group counts once per person (IARC 2004, rule 4.1)",
            ),
            DuplicateRule::SameSiteSameMorphology => Text::new(
                "Samma lokal och samma morfologigrupp: en tumör per organ (IARC 2004, regel 3)",
                "The same site and the same morphology group: one tumour per organ (IARC 2004, rule 3)",
            ),
            DuplicateRule::SameSiteUnspecifiedMorphology => Text::new(
                "Samma lokal, och den ena morfologin är ospecificerad för den andras grupp (IARC 2004, regel 4.2)",
                "The same site, and one morphology is the unspecified form of the other's group (IARC 2004, rule 4.2)",
            ),
            DuplicateRule::SameSiteMorphologyUnknown => Text::new(
                "Samma lokal; morfologikod saknas eller hör inte till någon grupp, så det kan vara samma tumör",
                "The same site; a morphology code is missing or in no group, so it may be the same tumour",
            ),
            DuplicateRule::UnknownPrimary => Text::new(
                "Okänd primärtumör (C80) med morfologi som kan vara densamma",
                "Unknown primary site (C80) with a morphology that may be the same",
            ),
        };
        t.get(lang)
    }
}

/// An earlier report that may be the same tumour: its position in the list given, and the
/// rule that matched.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Duplicate {
    /// The 0-based position in `others`.
    pub index: usize,
    /// The rule.
    pub rule: DuplicateRule,
}

/// What the rules read of one report.
struct Tumour {
    patient: Option<String>,
    /// The topography group (Table 1) or the three-character site; `unknown` for C80; where
    /// no topography follows from the codes, the ICD-10 category (`ICD-10 D05`).
    site: Option<String>,
    morphology_group: Option<u8>,
    /// The ICD-O-3 behaviour digit, where a morphology code is given.
    behaviour: Option<u8>,
    side: Option<Side>,
    paired: Option<bool>,
}

fn morphology_group(code: &str) -> Option<u8> {
    IARC_MORPHOLOGY_GROUPS
        .range_containing(code)
        .and_then(|row| row[2].parse().ok())
}

/// True when group `a` is the unspecified form of group `b` (Table 2 and rule 4.2).
fn unspecified_for(a: u8, b: u8) -> bool {
    IARC_MORPHOLOGY_GROUP_NAMES
        .get(&a.to_string())
        .is_some_and(|row| row[4].split_whitespace().any(|g| g == b.to_string()))
}

fn systemic(g: u8) -> bool {
    IARC_MORPHOLOGY_GROUP_NAMES
        .get(&g.to_string())
        .is_some_and(|row| row[3] == "yes")
}

/// What the rules read of a report; `reference` places a ten-digit personal identity
/// number in its century.
fn tumour(report: &Report, reference: Date) -> Tumour {
    let parsed = ParsedReport::from_report(report.clone());
    let ctx = ValidationContext::new(reference).with_test_persons(true);
    let input = Input::new(&parsed, &ctx, &[]);
    let patient = report.personal_id.as_ref().map(|p| {
        PersonalId::parse(
            p.reveal(),
            &ParseOptions::new(reference).with_test_persons(true),
        )
        .map(|id| id.reveal())
        .unwrap_or_else(|_| {
            p.reveal()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect()
        })
    });
    let site = match topography(&input) {
        Some((site, field)) => {
            let category = site.as_str().get(..3).unwrap_or(site.as_str());
            // ICD-10 C43 (melanoma of skin) is skin, C44, in ICD-O-3's topography; C45 and
            // C46 name tumours, not sites, so they are compared as ICD-10 categories.
            let category = match (field, category) {
                (Field::Icd10, "C43") => "C44",
                (Field::Icd10, "C45" | "C46") => "",
                _ => category,
            };
            (!category.is_empty()).then(|| {
                IARC_TOPOGRAPHY_GROUPS
                    .range_containing(category)
                    .map_or_else(|| category.to_string(), |row| row[2].to_string())
            })
        }
        None => None,
    };
    // Without a topography (in situ and benign D codes, C45, C46, C81–C96 without a
    // morphology code), the ICD-10 category stands for the site.
    let site = site.or_else(|| {
        let code = report.text(Field::Icd10)?.trim();
        let category = code.get(..3).filter(|c| c.is_ascii())?;
        Some(format!("ICD-10 {}", category.to_ascii_uppercase()))
    });
    let morph = morphology(&input);
    Tumour {
        patient: patient.filter(|p| !p.is_empty()),
        site,
        morphology_group: morph.and_then(|m| morphology_group(m.digits())),
        behaviour: morph.map(|m| m.behaviour),
        side: report.side,
        paired: paired(&input),
    }
}

/// The rule under which two reports of one patient may be the same tumour, if any.
fn same_tumour(a: &Tumour, b: &Tumour) -> Option<DuplicateRule> {
    // An in situ tumour and an invasive one are registered separately.
    if let (Some(x), Some(y)) = (a.behaviour, b.behaviour) {
        if (x == 2) != (y == 2) {
            return None;
        }
    }
    let morphology = match (a.morphology_group, b.morphology_group) {
        (Some(x), Some(y)) => {
            if systemic(x)
                && systemic(y)
                && (x == y || unspecified_for(x, y) || unspecified_for(y, x))
            {
                return Some(DuplicateRule::Systemic);
            }
            if x == y {
                DuplicateRule::SameSiteSameMorphology
            } else if unspecified_for(x, y) || unspecified_for(y, x) {
                DuplicateRule::SameSiteUnspecifiedMorphology
            } else {
                return None;
            }
        }
        _ => DuplicateRule::SameSiteMorphologyUnknown,
    };
    let (sa, sb) = (a.site.as_deref()?, b.site.as_deref()?);
    let unknown = "unknown";
    if sa == unknown || sb == unknown {
        return Some(DuplicateRule::UnknownPrimary);
    }
    if sa != sb {
        return None;
    }
    // A paired organ on the other side is another tumour in the Swedish register.
    let sides = (a.side, b.side);
    let other_side = matches!(
        sides,
        (Some(Side::Left), Some(Side::Right)) | (Some(Side::Right), Some(Side::Left))
    );
    if other_side && a.paired != Some(false) && b.paired != Some(false) {
        return None;
    }
    Some(morphology)
}

/// The reports in `others` of the same patient as `report` that may be the same tumour, each
/// with the rule that matched, in the order of `others`.
///
/// The patient is the personal identity number (compared in its canonical form where it is
/// valid; a ten-digit number is placed in its century by its report's date of diagnosis).
/// The site is the ICD-O-3 topography, or the ICD-10 code of C00–C76 and C80 where none is
/// given (C43, melanoma of skin, as skin C44), grouped by Table 1; where no topography
/// follows, the ICD-10 category. The morphology is the ICD-O-3 code, grouped by Table 2.
/// Not duplicates: a paired organ with the other side given (the Swedish register counts
/// each side's tumour), and an in situ tumour against an invasive one (registered
/// separately; the IARC rules count invasive tumours). Pure: usable over a whole register
/// extract.
///
/// ```
/// use canceranmalan::lifecycle::{possible_duplicates, DuplicateRule};
/// use canceranmalan::parse_json;
///
/// let report = |json: &str| parse_json(json).unwrap().into_report();
/// let new = report(r#"{"personal_id": "19121212-1212", "icd10": "C50.4", "side": "left", "icdo3_morphology": "8500/3"}"#);
/// let earlier = [
///     report(r#"{"personal_id": "191212121212", "icd10": "C50.9", "side": "left", "icdo3_morphology": "8520/3"}"#),
///     report(r#"{"personal_id": "19121212-1212", "icd10": "C50.9", "side": "right", "icdo3_morphology": "8500/3"}"#),
///     report(r#"{"personal_id": "19121212-1212", "icd10": "C18.7"}"#),
/// ];
/// let found = possible_duplicates(&new, &earlier);
/// assert_eq!(found.len(), 1);
/// assert_eq!((found[0].index, found[0].rule), (0, DuplicateRule::SameSiteSameMorphology));
/// ```
pub fn possible_duplicates<'a>(
    report: &Report,
    others: impl IntoIterator<Item = &'a Report>,
) -> Vec<Duplicate> {
    // Each report's date of diagnosis places its ten-digit number in its century; without
    // one, the new report's date, else the last day there is.
    let diagnosed = |r: &Report| r.diagnosis_date.as_deref().and_then(|d| d.parse().ok());
    let reference = diagnosed(report).unwrap_or(Date::MAX);
    let new = tumour(report, reference);
    let Some(patient) = new.patient.as_deref() else {
        return Vec::new();
    };
    others
        .into_iter()
        .enumerate()
        .filter_map(|(index, other)| {
            let old = tumour(other, diagnosed(other).unwrap_or(reference));
            if old.patient.as_deref() != Some(patient) {
                return None;
            }
            same_tumour(&new, &old).map(|rule| Duplicate { index, rule })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_unspecified_forms_follow_table_2() {
        assert_eq!(morphology_group("8500"), Some(3));
        assert_eq!(morphology_group("8070"), Some(1));
        assert_eq!(morphology_group("9712"), Some(9));
        assert_eq!(morphology_group("9714"), Some(10));
        assert_eq!(morphology_group("8999"), None);
        assert!(unspecified_for(17, 3) && unspecified_for(5, 1) && unspecified_for(14, 9));
        assert!(!unspecified_for(5, 6) && !unspecified_for(3, 17) && !unspecified_for(17, 9));
        assert!(systemic(9) && systemic(15) && !systemic(7));
    }
}
