//! Preparatnummer and preparatår.

use crate::model::field::Field;
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{Check, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::lang::Text;

/// Preparatnummer longer than the field table allows (16 characters).
pub static SPECIMEN_NUMBER_LENGTH: Rule = Rule {
    id: "SPECIMEN-NUMBER-LENGTH",
    severity: Severity::Error,
    reads: &[Field::SpecimenNumber],
    reports: Reports::Fields(&[Field::SpecimenNumber]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual(
        "Variablerna i canceranmälan (Preparatnummer)",
    )],
    message: Text::new(
        "Preparatnummer får vara högst {limit} tecken (nu {count}).",
        "Specimen number may have at most {limit} characters (has {count}).",
    ),
    check: Check::Report(|input, out| {
        let (Some(n), Some(limit)) = (
            input.report().specimen_number.as_deref(),
            Field::SpecimenNumber.spec().max_length,
        ) else {
            return;
        };
        let count = n.chars().count();
        if count > usize::from(limit) {
            out.push(
                Hit::on(&[Field::SpecimenNumber])
                    .arg("limit", Arg::Int(limit.into()))
                    .arg("count", Arg::Int(count.try_into().unwrap_or(i64::MAX))),
            );
        }
    }),
};

fn four_digits(year: i64) -> bool {
    (1000..=9999).contains(&year)
}

/// Preparatår without four digits.
pub static SPECIMEN_YEAR_FORMAT: Rule = Rule {
    id: "SPECIMEN-YEAR-FORMAT",
    severity: Severity::Error,
    reads: &[Field::SpecimenYear],
    reports: Reports::Fields(&[Field::SpecimenYear]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual("Variablerna i canceranmälan (Preparatår)")],
    message: Text::new(
        "Preparatår ska anges med fyra siffror.",
        "Specimen year must have four digits.",
    ),
    check: Check::Report(|input, out| {
        if input
            .report()
            .specimen_year
            .is_some_and(|y| !four_digits(y))
        {
            out.push(Hit::on(&[Field::SpecimenYear]));
        }
    }),
};

/// Preparatår after the reference year.
pub static SPECIMEN_YEAR_FUTURE: Rule = Rule {
    id: "SPECIMEN-YEAR-FUTURE",
    severity: Severity::Error,
    reads: &[Field::SpecimenYear],
    reports: Reports::Fields(&[Field::SpecimenYear]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual("Variablerna i canceranmälan (Preparatår)")],
    message: Text::new(
        "Preparatår {year} är senare än innevarande år {this_year}.",
        "Specimen year {year} is after the current year {this_year}.",
    ),
    check: Check::Report(|input, out| {
        let Some(year) = input.report().specimen_year.filter(|y| four_digits(*y)) else {
            return;
        };
        let this_year = i64::from(input.ctx.today.year());
        if year > this_year {
            out.push(
                Hit::on(&[Field::SpecimenYear])
                    .arg("year", Arg::Int(year))
                    .arg("this_year", Arg::Int(this_year)),
            );
        }
    }),
};
