//! Dates: their format, that none is after the reference date, and their order.

use crate::model::field::{Field, DATE_FIELDS};
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{Check, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::date::{Date, DateError};
use crate::vocab::lang::Text;

/// A date that is not a real date in `YYYY-MM-DD`.
pub static DATE_FORMAT: Rule = Rule {
    id: "DATE-FORMAT",
    severity: Severity::Error,
    reads: &DATE_FIELDS,
    reports: Reports::Fields(&DATE_FIELDS),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual(
        "Variablerna i canceranmälan (Diagnosdatum ÅÅÅÅ-MM-DD)",
    )],
    message: Text::new("{label}: {reason}.", "{label}: {reason}."),
    check: Check::EachField(|field, input, out| {
        // A date that reads needs no second reading: the one every rule shares will do.
        if input.date(field).is_some() {
            return;
        }
        let Some(text) = input.report().text(field) else {
            return;
        };
        let reason = match text.parse::<Date>() {
            Ok(_) => return,
            Err(DateError::Format) => Arg::Code(
                "format",
                Text::new("ska skrivas ÅÅÅÅ-MM-DD", "must be written YYYY-MM-DD"),
            ),
            Err(DateError::NoSuchDay) => Arg::Code(
                "no_such_day",
                Text::new(
                    "dagen finns inte i kalendern",
                    "no such day in the calendar",
                ),
            ),
        };
        out.push(
            Hit::on(&[field])
                .arg("label", Arg::Field(field))
                .arg("reason", reason),
        );
    }),
};

/// A date after the reference date.
pub static DATE_FUTURE: Rule = Rule {
    id: "DATE-FUTURE",
    severity: Severity::Error,
    reads: &DATE_FIELDS,
    reports: Reports::Fields(&DATE_FIELDS),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual("Variablerna i canceranmälan")],
    message: Text::new(
        "{label} {date} är senare än dagens datum {today}.",
        "{label} {date} is after today's date {today}.",
    ),
    check: Check::EachField(|field, input, out| {
        let today = input.ctx.today;
        if let Some(d) = input.date(field).filter(|d| *d > today) {
            out.push(
                Hit::on(&[field])
                    .arg("label", Arg::Field(field))
                    .arg("date", Arg::Date(d))
                    .arg("today", Arg::Date(today)),
            );
        }
    }),
};

/// Dödsdatum before diagnosdatum.
pub static DEATH_BEFORE_DIAGNOSIS: Rule = Rule {
    id: "DEATH-BEFORE-DIAGNOSIS",
    severity: Severity::Error,
    reads: &[Field::DeathDate, Field::DiagnosisDate],
    reports: Reports::Fields(&[Field::DeathDate, Field::DiagnosisDate]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual("Variablerna i canceranmälan")],
    message: Text::new(
        "Dödsdatum {death} är före diagnosdatum {diagnosis}.",
        "Date of death {death} is before the date of diagnosis {diagnosis}.",
    ),
    check: Check::Report(|input, out| {
        let (Some(death), Some(diagnosis)) = (
            input.date(Field::DeathDate),
            input.date(Field::DiagnosisDate),
        ) else {
            return;
        };
        if death < diagnosis {
            out.push(
                Hit::on(&[Field::DeathDate, Field::DiagnosisDate])
                    .arg("death", Arg::Date(death))
                    .arg("diagnosis", Arg::Date(diagnosis)),
            );
        }
    }),
};
