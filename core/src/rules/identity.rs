//! The patient's identity: a valid personal identity number, and a diagnosis after birth.

use crate::model::field::Field;
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{Check, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::lang::{Lang, Text};

/// A personal identity number that is not valid.
pub static PERSONAL_ID: Rule = Rule {
    id: "PERSONAL-ID",
    severity: Severity::Error,
    reads: &[Field::PersonalId],
    reports: Reports::Fields(&[Field::PersonalId]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::TaxAgency(
        "personnummer (18 § folkbokföringslagen) and Inera's reserve formats",
    )],
    message: Text::new(
        "Personnumret är ogiltigt: {reason}.",
        "The personal identity number is not valid: {reason}.",
    ),
    check: Check::Report(|input, out| {
        if let Some(Err(e)) = input.personal_id() {
            let text = Text::new(e.message(Lang::Sv), e.message(Lang::En));
            out.push(Hit::on(&[Field::PersonalId]).arg("reason", Arg::Code(e.key(), text)));
        }
    }),
};

/// Diagnosdatum before the birth date.
pub static DIAGNOSIS_BEFORE_BIRTH: Rule = Rule {
    id: "DIAGNOSIS-BEFORE-BIRTH",
    severity: Severity::Error,
    reads: &[Field::DiagnosisDate, Field::PersonalId],
    reports: Reports::Fields(&[Field::DiagnosisDate, Field::PersonalId]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::TaxAgency(
        "birth date in the personal identity number",
    )],
    message: Text::new(
        "Diagnosdatum {date} är före patientens födelsedatum.",
        "Date of diagnosis {date} is before the patient's birth date.",
    ),
    check: Check::Report(|input, out| {
        let Some(diagnosis) = input.date(Field::DiagnosisDate) else {
            return;
        };
        // Where the number gives only part of the birth date (a samordningsnummer with an
        // unknown month or day), only a diagnosis before every day it allows is certain.
        let Some(birth) = input.valid_personal_id().and_then(|p| p.birth_date_parts()) else {
            return;
        };
        if diagnosis < birth.earliest() {
            out.push(
                Hit::on(&[Field::DiagnosisDate, Field::PersonalId])
                    .arg("date", Arg::Date(diagnosis)),
            );
        }
    }),
};
