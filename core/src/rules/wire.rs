//! The wire format's own rules: what decoding found wrong, reported as issues.

use crate::model::field::{Field, FieldSpec, CODED_FIELDS};
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{Check, Input, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::lang::Text;
use crate::wire::decode::WireProblem;

/// Hits for each finding whose problem `pick` accepts.
fn findings(
    input: &Input<'_>,
    out: &mut Vec<Hit>,
    pick: impl Fn(&WireProblem, Option<&'static FieldSpec>) -> Option<Hit>,
) {
    for f in input.findings() {
        if let Some(hit) = pick(&f.problem, f.field.map(Field::spec)) {
            out.push(hit);
        }
    }
}

/// A key the wire format does not know.
pub static UNKNOWN_FIELD: Rule = Rule {
    id: "WIRE-UNKNOWN-FIELD",
    severity: Severity::Error,
    reads: &[],
    reports: Reports::UnknownKeys,
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::WireFormat],
    message: Text::new(
        "Okänt fält \"{key}\": formatet har inget sådant fält och värdet har inte lästs.",
        "Unknown field \"{key}\": the format has no such field and its value was not read.",
    ),
    check: Check::Findings(|input, out| {
        for f in input.findings() {
            if f.problem == WireProblem::UnknownKey {
                out.push(Hit::on_key(f.key.clone()).arg("key", Arg::text(f.key.clone())));
            }
        }
    }),
};

/// A key given more than once.
pub static DUPLICATE_FIELD: Rule = Rule {
    id: "WIRE-DUPLICATE-FIELD",
    severity: Severity::Error,
    reads: &[],
    reports: Reports::Fields(&Field::ALL),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::WireFormat],
    message: Text::new(
        "Fältet \"{key}\" förekommer mer än en gång; bara det första värdet har lästs.",
        "Field \"{key}\" occurs more than once; only the first value was read.",
    ),
    check: Check::Findings(|input, out| {
        findings(input, out, |problem, spec| match (problem, spec) {
            (WireProblem::RepeatedKey, Some(spec)) => {
                Some(Hit::on(&[spec.field]).arg("key", Arg::text(spec.key)))
            }
            _ => None,
        })
    }),
};

/// A value of the wrong JSON type.
pub static WRONG_TYPE: Rule = Rule {
    id: "WIRE-TYPE",
    severity: Severity::Error,
    reads: &[],
    reports: Reports::Fields(&Field::ALL),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::WireFormat],
    message: Text::new(
        "{label}: värdet ska vara {expected}, men är {got}.",
        "{label}: expected {expected}, got {got}.",
    ),
    check: Check::Findings(|input, out| {
        findings(input, out, |problem, spec| match (problem, spec) {
            (
                WireProblem::Value(crate::model::value::ValueProblem::WrongType {
                    expected,
                    found,
                }),
                Some(spec),
            ) => Some(
                Hit::on(&[spec.field])
                    .arg("label", Arg::Field(spec.field))
                    .arg("expected", Arg::Code(expected.key(), expected.describe()))
                    .arg("got", Arg::Code(found.key(), found.describe())),
            ),
            _ => None,
        })
    }),
};

/// A value outside the field's code list.
pub static INVALID_VALUE: Rule = Rule {
    id: "WIRE-VALUE",
    severity: Severity::Error,
    reads: &[],
    reports: Reports::Fields(&CODED_FIELDS),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual("Variablerna i canceranmälan")],
    message: Text::new(
        "{label}: värdet finns inte i kodlistan (tillåtna värden: {allowed}).",
        "{label}: the value is not in the code list (allowed: {allowed}).",
    ),
    check: Check::Findings(|input, out| {
        findings(input, out, |problem, spec| match (problem, spec) {
            (WireProblem::Value(crate::model::value::ValueProblem::NotInCodeList), Some(spec)) => {
                Some(
                    Hit::on(&[spec.field])
                        .arg("label", Arg::Field(spec.field))
                        .arg(
                            "allowed",
                            Arg::List(spec.codes.iter().map(|c| c.key.into()).collect()),
                        ),
                )
            }
            _ => None,
        })
    }),
};

/// More unknown or repeated keys than are listed one by one.
pub static KEYS_OMITTED: Rule = Rule {
    id: "WIRE-KEYS-OMITTED",
    severity: Severity::Error,
    reads: &[],
    reports: Reports::UnknownKeys,
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::WireFormat],
    message: Text::new(
        "Ytterligare {count} okända eller upprepade fält (från \"{key}\") har inte listats.",
        "{count} more unknown or repeated keys (from \"{key}\") were not listed.",
    ),
    check: Check::Findings(|input, out| {
        for f in input.findings() {
            if let WireProblem::Omitted(count) = f.problem {
                out.push(
                    Hit::on_key(f.key.clone())
                        .arg("key", Arg::text(f.key.clone()))
                        .arg("count", Arg::Int(count.try_into().unwrap_or(i64::MAX))),
                );
            }
        }
    }),
};
