//! The site: the ICD-10 code's shape, sex-specific sites, and FIGO only for gynaecological
//! sites.

use crate::model::field::Field;
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{Check, Input, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::codes::Sex;
use crate::vocab::icd10::Icd10;
use crate::vocab::lang::Text;
use crate::vocab::tables::{FIGO_SITES, SEX_SPECIFIC_SITES};

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
        let (sex, source) = match input.report().sex {
            Some(s) => (s, Field::Sex),
            None => match input.valid_personal_id().and_then(|p| p.sex()) {
                Some(s) => (s, Field::PersonalId),
                None => return,
            },
        };
        if sex != site_sex {
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
        for row in SEX_SPECIFIC_SITES.rows {
            assert!(Sex::from_key(row[2]).is_some(), "{row:?}");
            assert!(Icd10::parse(row[0]).is_some() && Icd10::parse(row[1]).is_some());
        }
    }
}
