//! The fields of Canceranmälan, their wire-format keys and their labels on the form.

use std::fmt;

/// A field of the report, named by its wire-format key (snake_case JSON key).
///
/// The Swedish label is the text the INCA form shows (manual v3.0, "Variablerna i
/// canceranmälan"); `personal_id` and `death_date` come from the patient record that the
/// form is attached to.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    /// Personnummer / samordningsnummer / reservnummer of the patient.
    PersonalId,
    /// Juridiskt kön (legal sex), to override the value derived from `personal_id`.
    Sex,
    /// Dödsdatum.
    DeathDate,
    /// Diagnosdatum.
    DiagnosisDate,
    /// Primärtumörens lokalisation (free text).
    PrimarySite,
    /// ICD10-kod.
    Icd10,
    /// Morfologisk diagnos (free text).
    Morphology,
    /// ICD-O-3 morphology code, e.g. `8500/3` (not on the clinic form; coded by RCC).
    Icdo3Morphology,
    /// Sida.
    Side,
    /// FIGO.
    Figo,
    /// T-kategori.
    T,
    /// N-kategori.
    N,
    /// M-kategori.
    M,
    /// Grund för TNM.
    TnmBasis,
    /// Diagnosgrund.
    BasisOfDiagnosis,
    /// Obduktionsfynd.
    AutopsyFinding,
    /// Sjukhus/klinik som patienten remitterats till.
    ReferredTo,
    /// Patologi-/cytologiavdelning.
    PathologyLab,
    /// Preparatnummer.
    SpecimenNumber,
    /// Preparatår.
    SpecimenYear,
    /// Kontaktperson för anmälan.
    ContactPerson,
    /// "Markera endast när enstaka uppgifter och/eller enbart en text i kommentarrutan skickas".
    Partial,
    /// Kommentar.
    Comment,
}

impl Field {
    /// Every field, in the order of the wire format.
    pub const ALL: [Field; 23] = [
        Field::PersonalId,
        Field::Sex,
        Field::DeathDate,
        Field::DiagnosisDate,
        Field::PrimarySite,
        Field::Icd10,
        Field::Morphology,
        Field::Icdo3Morphology,
        Field::Side,
        Field::Figo,
        Field::T,
        Field::N,
        Field::M,
        Field::TnmBasis,
        Field::BasisOfDiagnosis,
        Field::AutopsyFinding,
        Field::ReferredTo,
        Field::PathologyLab,
        Field::SpecimenNumber,
        Field::SpecimenYear,
        Field::ContactPerson,
        Field::Partial,
        Field::Comment,
    ];

    /// The wire-format (JSON) key.
    pub fn key(self) -> &'static str {
        match self {
            Field::PersonalId => "personal_id",
            Field::Sex => "sex",
            Field::DeathDate => "death_date",
            Field::DiagnosisDate => "diagnosis_date",
            Field::PrimarySite => "primary_site",
            Field::Icd10 => "icd10",
            Field::Morphology => "morphology",
            Field::Icdo3Morphology => "icdo3_morphology",
            Field::Side => "side",
            Field::Figo => "figo",
            Field::T => "t",
            Field::N => "n",
            Field::M => "m",
            Field::TnmBasis => "tnm_basis",
            Field::BasisOfDiagnosis => "basis_of_diagnosis",
            Field::AutopsyFinding => "autopsy_finding",
            Field::ReferredTo => "referred_to",
            Field::PathologyLab => "pathology_lab",
            Field::SpecimenNumber => "specimen_number",
            Field::SpecimenYear => "specimen_year",
            Field::ContactPerson => "contact_person",
            Field::Partial => "partial",
            Field::Comment => "comment",
        }
    }

    /// The field for a wire-format key.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The label in the given language (Swedish: the form's own text).
    pub fn label(self, lang: crate::Lang) -> &'static str {
        let (sv, en) = match self {
            Field::PersonalId => ("Personnummer", "Personal identity number"),
            Field::Sex => ("Kön", "Sex"),
            Field::DeathDate => ("Dödsdatum", "Date of death"),
            Field::DiagnosisDate => ("Diagnosdatum", "Date of diagnosis"),
            Field::PrimarySite => ("Primärtumörens lokalisation", "Primary site"),
            Field::Icd10 => ("ICD10-kod", "ICD-10 code"),
            Field::Morphology => ("Morfologisk diagnos", "Morphology"),
            Field::Icdo3Morphology => ("ICD-O-3-morfologi", "ICD-O-3 morphology"),
            Field::Side => ("Sida", "Side"),
            Field::Figo => ("FIGO", "FIGO stage"),
            Field::T => ("T-kategori", "T category"),
            Field::N => ("N-kategori", "N category"),
            Field::M => ("M-kategori", "M category"),
            Field::TnmBasis => ("Grund för TNM", "Basis for TNM"),
            Field::BasisOfDiagnosis => ("Diagnosgrund", "Basis of diagnosis"),
            Field::AutopsyFinding => ("Obduktionsfynd", "Autopsy finding"),
            Field::ReferredTo => (
                "Sjukhus/klinik som patienten remitterats till",
                "Hospital/clinic the patient was referred to",
            ),
            Field::PathologyLab => (
                "Patologi-/cytologiavdelning",
                "Pathology/cytology laboratory",
            ),
            Field::SpecimenNumber => ("Preparatnummer", "Specimen number"),
            Field::SpecimenYear => ("Preparatår", "Specimen year"),
            Field::ContactPerson => ("Kontaktperson för anmälan", "Contact person"),
            Field::Partial => ("Enstaka uppgifter", "Partial submission"),
            Field::Comment => ("Kommentar", "Comment"),
        };
        match lang {
            crate::Lang::Sv => sv,
            crate::Lang::En => en,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.key())
    }
}

/// The fields of the form itself, in the order the INCA form shows them (manual v3.0,
/// "Variablerna i canceranmälan"): the "enstaka uppgifter" box and the comment at the top.
/// `personal_id`, `sex` and `death_date` belong to the patient, and `icdo3_morphology` is
/// coded by RCC, so they are not on the form.
pub const FORM_FIELDS: [Field; 19] = [
    Field::Partial,
    Field::Comment,
    Field::DiagnosisDate,
    Field::PrimarySite,
    Field::Icd10,
    Field::Morphology,
    Field::Side,
    Field::Figo,
    Field::T,
    Field::N,
    Field::M,
    Field::TnmBasis,
    Field::BasisOfDiagnosis,
    Field::AutopsyFinding,
    Field::ReferredTo,
    Field::PathologyLab,
    Field::SpecimenNumber,
    Field::SpecimenYear,
    Field::ContactPerson,
];

/// The form fields shown for a report as it stands: *Obduktionsfynd* is only visible with
/// diagnosgrund 4 or 7 (manual v3.0, "Variablerna i canceranmälan"); all others always are.
///
/// ```
/// use canceranmalan::{visible_fields, BasisOfDiagnosis, Field, Report};
/// let mut r = Report::default();
/// assert!(!visible_fields(&r).contains(&Field::AutopsyFinding));
/// r.basis_of_diagnosis = Some(BasisOfDiagnosis::AutopsyWithoutHistopathology);
/// assert!(visible_fields(&r).contains(&Field::AutopsyFinding));
/// ```
pub fn visible_fields(report: &crate::Report) -> Vec<Field> {
    let autopsy = report.basis_of_diagnosis.is_some_and(|b| b.is_autopsy());
    FORM_FIELDS
        .into_iter()
        .filter(|f| *f != Field::AutopsyFinding || autopsy)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_key(f.key()), Some(f));
        }
        assert_eq!(Field::from_key("Icd10"), None);
    }
}
