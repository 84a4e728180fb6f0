//! TNM on the form: a basis (clinical or pathological) wherever T, N or M is given.

use crate::model::field::Field;
use crate::validation::issue::{Hit, Severity};
use crate::validation::rule::{Check, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::lang::Text;

/// T, N or M given without grund för TNM.
pub static TNM_BASIS_REQUIRED: Rule = Rule {
    id: "TNM-BASIS-REQUIRED",
    severity: Severity::Error,
    reads: &[Field::T, Field::N, Field::M, Field::TnmBasis],
    reports: Reports::Fields(&[Field::TnmBasis]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual(
        "Variablerna i canceranmälan (Grund för TNM)",
    )],
    message: Text::new(
        "Grund för TNM (kliniskt eller patologiskt) ska anges när T, N eller M anges.",
        "Basis for TNM (clinical or pathological) is required when T, N or M is given.",
    ),
    check: Check::Report(|input, out| {
        let r = input.report();
        let any_tnm = [Field::T, Field::N, Field::M]
            .into_iter()
            .any(|f| r.is_given(f));
        if any_tnm && r.tnm_basis.is_none() {
            out.push(Hit::on(&[Field::TnmBasis]));
        }
    }),
};
