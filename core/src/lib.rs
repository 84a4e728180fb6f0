//! # canceranmalan
//!
//! The Swedish cancer notification (*Canceranmälan*, the electronic A-anmälan that clinics send
//! to the Regional Cancer Centres for the national Cancer Register), modelled once:
//!
//! - [`Report`]: every field of the form, with its wire format (JSON, snake_case keys);
//! - validation: rules as data in one registry ([`rules::RULES`]), each with a stable ID, a
//!   severity, the fields it concerns, a message in Swedish and English and its source;
//! - [`PersonalId`]: personnummer, samordningsnummer, reserve numbers and INCA's test persons;
//! - [`PatientRecord::protect`]: INCA's handling of protected identity.
//!
//! The crate does no I/O, keeps no global state and reads no clock: "today" comes from the
//! caller in a [`ValidationContext`].
//!
//! ```
//! use canceranmalan::{validate_json, Lang, ValidationContext};
//!
//! let ctx = ValidationContext::new("2025-06-01".parse().unwrap()).with_lang(Lang::En);
//! let issues = validate_json(
//!     r#"{"diagnosis_date": "2025-05-12", "primary_site": "Bröst, övre yttre kvadranten",
//!         "icd10": "C50.4", "morphology": "Duktal cancer", "basis_of_diagnosis": 3,
//!         "t": "T2"}"#,
//!     &ctx,
//! ).unwrap();
//! assert_eq!(issues.len(), 1);
//! assert_eq!(issues[0].rule_id, "TNM-BASIS-REQUIRED");
//! assert_eq!(issues[0].fields, ["tnm_basis"]);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod date;
mod engine;
mod field;
mod patient;
mod personal_id;
mod report;
pub mod rules;

pub use date::{Date, DateError};
pub use engine::{Issue, Lang, Rule, Severity, Source, ValidationContext};
pub use field::{visible_fields, Field, FORM_FIELDS};
pub use patient::{PatientRecord, PROTECTED_STREET_ADDRESS, PROTECTED_SURNAME};
pub use personal_id::{mask, ParseOptions, PersonalId, PersonalIdError, PersonalIdKind};
pub use report::{
    parse_entries, parse_json, parse_value, BasisOfDiagnosis, ParsedReport, Report, ReportError,
    ReportErrorKind, SensitiveText, Sex, Side, TnmBasis,
};

/// Validates a report given as wire-format JSON text.
///
/// Fails only when the text is not a JSON object; everything else is an [`Issue`].
pub fn validate_json(json: &str, ctx: &ValidationContext) -> Result<Vec<Issue>, ReportError> {
    Ok(parse_json(json)?.validate(ctx))
}

/// Validates a report given as a parsed JSON value.
pub fn validate_value(
    value: serde_json::Value,
    ctx: &ValidationContext,
) -> Result<Vec<Issue>, ReportError> {
    Ok(parse_value(value)?.validate(ctx))
}

/// Validates a typed report.
pub fn validate(report: &Report, ctx: &ValidationContext) -> Vec<Issue> {
    engine::run(report, &[], ctx)
}
