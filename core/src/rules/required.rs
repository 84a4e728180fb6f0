//! Fields that a complete report requires: one rule fed by the field table's required column.

use crate::model::field::{Field, REQUIRED_FIELDS};
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{Check, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::lang::Text;

/// What [`REQUIRED`] reads: the required fields, and the "enstaka uppgifter" box (a partial
/// report requires none of them).
const READS: [Field; REQUIRED_FIELDS.len() + 1] = {
    let mut out = [Field::Partial; REQUIRED_FIELDS.len() + 1];
    let mut i = 0;
    while i < REQUIRED_FIELDS.len() {
        out[i] = REQUIRED_FIELDS[i];
        i += 1;
    }
    out
};

/// A field that a complete report requires is missing.
pub static REQUIRED: Rule = Rule {
    id: "REQUIRED",
    severity: Severity::Error,
    reads: &READS,
    reports: Reports::Fields(&REQUIRED_FIELDS),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual("Variablerna i canceranmälan")],
    message: Text::new(
        "{label} saknas. Uppgiften krävs i en fullständig anmälan (markera \"enstaka uppgifter\" om bara vissa uppgifter skickas).",
        "{label} is missing. A complete report requires it (tick \"partial submission\" when only some details are sent).",
    ),
    check: Check::EachField(|field, input, out| {
        let r = input.report();
        if !r.is_partial() && !r.is_given(field) {
            out.push(Hit::on(&[field]).arg("label", Arg::Field(field)));
        }
    }),
};
