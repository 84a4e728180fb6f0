//! The site: the ICD-10 code's shape, sex-specific sites, and FIGO only for gynaecological
//! sites.

use crate::model::field::Field;
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{Check, Input, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::codes::Sex;
use crate::vocab::icd10::Icd10;
use crate::vocab::lang::Text;

/// The report's ICD-10 code where it is given and of the right shape, with its text.
fn icd10<'a>(input: &Input<'a>) -> Option<(Icd10, &'a str)> {
    let text = input.report().text(Field::Icd10)?;
    Icd10::parse(text).map(|c| (c, text))
}

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

/// A row of a site table: ICD-10 categories `letter` + `from`..=`to`.
pub struct SiteRange {
    /// Chapter letter.
    pub letter: u8,
    /// First category.
    pub from: u8,
    /// Last category.
    pub to: u8,
}

/// Sites that occur in one sex only (ICD-10 chapter II: female genital organs C51–C58, male
/// genital organs C60–C63), as the ENCR/JRC sex/site check uses them.
pub static SEX_SPECIFIC_SITES: &[(SiteRange, Sex)] = &[
    (
        SiteRange {
            letter: b'C',
            from: 51,
            to: 58,
        },
        Sex::Female,
    ),
    (
        SiteRange {
            letter: b'C',
            from: 60,
            to: 63,
        },
        Sex::Male,
    ),
];

/// The gynaecological sites that FIGO stages (C51–C58).
pub static FIGO_SITES: &[SiteRange] = &[SiteRange {
    letter: b'C',
    from: 51,
    to: 58,
}];

impl SiteRange {
    /// True when the code falls in the range.
    pub fn contains(&self, code: Icd10) -> bool {
        code.in_range(self.letter, self.from, self.to)
    }
}

/// A sex-specific site that contradicts the patient's legal sex.
pub static SEX_SITE: Rule = Rule {
    id: "SEX-SITE",
    severity: Severity::Warning,
    reads: &[Field::Icd10, Field::Sex, Field::PersonalId],
    reports: Reports::Fields(&[Field::Icd10, Field::Sex, Field::PersonalId]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Registry("ENCR/JRC data validation: sex/site check")],
    message: Text::new(
        "{code} är en {site_sex} lokalisation, men patientens juridiska kön är {sex}. Kontrollera.",
        "{code} is a {site_sex} site, but the patient's legal sex is {sex}. Please check.",
    ),
    check: Check::Report(|input, out| {
        let Some((code, text)) = icd10(input) else {
            return;
        };
        let Some((_, site_sex)) = SEX_SPECIFIC_SITES.iter().find(|(r, _)| r.contains(code)) else {
            return;
        };
        // An explicit `sex` overrides the value derived from the number.
        let (sex, source) = match input.report().sex {
            Some(s) => (s, Field::Sex),
            None => match input.valid_personal_id().and_then(|p| p.sex()) {
                Some(s) => (s, Field::PersonalId),
                None => return,
            },
        };
        if sex != *site_sex {
            let site_word = match site_sex {
                Sex::Female => Text::new("kvinnlig", "female"),
                Sex::Male => Text::new("manlig", "male"),
            };
            let sex_word = match sex {
                Sex::Female => Text::new("kvinna", "female"),
                Sex::Male => Text::new("man", "male"),
            };
            out.push(
                Hit::on(&[Field::Icd10, source])
                    .arg("code", Arg::text(text))
                    .arg("site_sex", Arg::Code(site_sex.key(), site_word))
                    .arg("sex", Arg::Code(sex.key(), sex_word)),
            );
        }
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
    sources: &[Source::Manual(
        "Variablerna i canceranmälan (FIGO: stadieindelning för gynekologiska tumörer)",
    )],
    message: Text::new(
        "FIGO anges för gynekologiska tumörer (C51–C58), men ICD10-koden är {code}.",
        "FIGO applies to gynaecological tumours (C51–C58), but the ICD-10 code is {code}.",
    ),
    check: Check::Report(|input, out| {
        if !input.report().is_given(Field::Figo) {
            return;
        }
        if let Some((code, text)) = icd10(input) {
            if !FIGO_SITES.iter().any(|r| r.contains(code)) {
                out.push(Hit::on(&[Field::Figo, Field::Icd10]).arg("code", Arg::text(text)));
            }
        }
    }),
};
