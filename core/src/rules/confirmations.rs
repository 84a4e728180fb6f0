//! Confirmations: a register coder marks a warning as checked by naming its rule in
//! `confirmed_rules`; the engine then reports it as info. These rules keep that honest.

use crate::model::field::Field;
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{Check, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::lang::Text;

/// An error named in `confirmed_rules`: errors cannot be confirmed away.
pub static CONFIRM_ERROR: Rule = Rule {
    id: "CONFIRM-ERROR",
    severity: Severity::Error,
    reads: &[Field::ConfirmedRules],
    reports: Reports::Fields(&[Field::ConfirmedRules]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::WireFormat],
    message: Text::new(
        "{rule} är ett fel och kan inte bekräftas bort; bara varningar kan bekräftas.",
        "{rule} is an error and cannot be confirmed away; only warnings can be confirmed.",
    ),
    check: Check::Report(|input, out| {
        for id in input.report().confirmed_rules.iter().flatten() {
            if input
                .rules
                .iter()
                .any(|r| r.id == id && r.severity == Severity::Error)
            {
                out.push(Hit::on(&[Field::ConfirmedRules]).arg("rule", Arg::text(id.clone())));
            }
        }
    }),
};

/// A rule ID in `confirmed_rules` that names no rule.
pub static CONFIRM_UNKNOWN: Rule = Rule {
    id: "CONFIRM-UNKNOWN-RULE",
    severity: Severity::Warning,
    reads: &[Field::ConfirmedRules],
    reports: Reports::Fields(&[Field::ConfirmedRules]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::WireFormat],
    message: Text::new(
        "Bekräftade kontroller: \"{rule}\" är ingen känd kontroll.",
        "Confirmed checks: \"{rule}\" is not a known check.",
    ),
    check: Check::Report(|input, out| {
        for id in input.report().confirmed_rules.iter().flatten() {
            if !input.rules.iter().any(|r| r.id == id) {
                let shown = crate::wire::decode::shown_key(id);
                out.push(Hit::on(&[Field::ConfirmedRules]).arg("rule", Arg::text(shown)));
            }
        }
    }),
};
