//! Obduktionsfynd: shown and required only with diagnosgrund 4 or 7, and then the date of
//! diagnosis is the date of death.

use crate::model::field::{is_visible, Field};
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{Check, Reports, Rule, Source, Validity, FORM_AND_REGISTER};
use crate::vocab::lang::Text;

const SECTION: &str = "Variablerna i canceranmälan (Obduktionsfynd)";

/// Obduktionsfynd given although diagnosgrund is not 4 or 7.
pub static AUTOPSY_NOT_ALLOWED: Rule = Rule {
    id: "AUTOPSY-NOT-ALLOWED",
    severity: Severity::Error,
    reads: &[Field::AutopsyFinding, Field::BasisOfDiagnosis],
    reports: Reports::Fields(&[Field::AutopsyFinding, Field::BasisOfDiagnosis]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual(SECTION)],
    message: Text::new(
        "Obduktionsfynd anges bara vid diagnosgrund 4 eller 7 (obduktion).",
        "Autopsy finding is only given with basis of diagnosis 4 or 7 (autopsy).",
    ),
    check: Check::Report(|input, out| {
        let r = input.report();
        if r.autopsy_finding.is_some() && !is_visible(r, Field::AutopsyFinding) {
            out.push(Hit::on(&[Field::AutopsyFinding, Field::BasisOfDiagnosis]));
        }
    }),
};

/// Obduktionsfynd missing although diagnosgrund is 4 or 7.
pub static AUTOPSY_REQUIRED: Rule = Rule {
    id: "AUTOPSY-REQUIRED",
    severity: Severity::Error,
    reads: &[Field::AutopsyFinding, Field::BasisOfDiagnosis],
    reports: Reports::Fields(&[Field::AutopsyFinding, Field::BasisOfDiagnosis]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual(SECTION)],
    message: Text::new(
        "Obduktionsfynd ska anges vid diagnosgrund {code}.",
        "Autopsy finding is required with basis of diagnosis {code}.",
    ),
    check: Check::Report(|input, out| {
        let r = input.report();
        if let Some(b) = r.basis_of_diagnosis {
            if is_visible(r, Field::AutopsyFinding) && r.autopsy_finding.is_none() {
                out.push(
                    Hit::on(&[Field::AutopsyFinding, Field::BasisOfDiagnosis])
                        .arg("code", Arg::Int(b.code().into())),
                );
            }
        }
    }),
};

/// Obduktionsfynd, but diagnosdatum is not dödsdatum.
pub static AUTOPSY_DATE: Rule = Rule {
    id: "AUTOPSY-DATE",
    severity: Severity::Error,
    reads: &[
        Field::AutopsyFinding,
        Field::BasisOfDiagnosis,
        Field::DiagnosisDate,
        Field::DeathDate,
    ],
    reports: Reports::Fields(&[Field::DiagnosisDate, Field::DeathDate]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual(SECTION)],
    message: Text::new(
        "Är cancern ett obduktionsfynd ska diagnosdatum vara detsamma som dödsdatum ({problem}).",
        "When the cancer is an autopsy finding, the date of diagnosis must equal the date of death ({problem}).",
    ),
    check: Check::Report(|input, out| {
        let r = input.report();
        // Only where the form shows the finding (diagnosgrund 4 or 7); elsewhere the finding
        // is reported as not allowed and has no further consequence.
        if r.autopsy_finding != Some(true) || !is_visible(r, Field::AutopsyFinding) {
            return;
        }
        let diagnosis = input.date(Field::DiagnosisDate);
        let death = input.date(Field::DeathDate);
        let problem = match (diagnosis, death) {
            (Some(a), Some(b)) if a == b => return,
            (Some(_), Some(_)) => Arg::Code(
                "dates_differ",
                Text::new("datumen skiljer sig", "the dates differ"),
            ),
            // A date that is given but malformed is reported by DATE-FORMAT.
            (_, None) if r.text(Field::DeathDate).is_some() => return,
            (_, None) => Arg::Code(
                "death_date_missing",
                Text::new("dödsdatum saknas", "the date of death is missing"),
            ),
            (None, Some(_)) => return,
        };
        out.push(Hit::on(&[Field::DiagnosisDate, Field::DeathDate]).arg("problem", problem));
    }),
};

/// Diagnosgrund 4 or 7 (autopsy) without a date of death.
pub static AUTOPSY_WITHOUT_DEATH: Rule = Rule {
    id: "AUTOPSY-WITHOUT-DEATH-DATE",
    severity: Severity::Error,
    reads: &[
        Field::BasisOfDiagnosis,
        Field::DeathDate,
        Field::AutopsyFinding,
    ],
    reports: Reports::Fields(&[Field::DeathDate, Field::BasisOfDiagnosis]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Manual(SECTION)],
    message: Text::new(
        "Diagnosgrund {code} (obduktion) kräver ett dödsdatum.",
        "Basis of diagnosis {code} (autopsy) requires a date of death.",
    ),
    check: Check::Report(|input, out| {
        let r = input.report();
        // With an autopsy finding, AUTOPSY-DATE already says that the date of death is missing.
        if let Some(b) = r.basis_of_diagnosis.filter(|b| b.is_autopsy()) {
            if !r.is_given(Field::DeathDate) && r.autopsy_finding != Some(true) {
                out.push(
                    Hit::on(&[Field::DeathDate, Field::BasisOfDiagnosis])
                        .arg("code", Arg::Int(b.code().into())),
                );
            }
        }
    }),
};
