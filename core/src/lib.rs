//! # canceranmalan
//!
//! The Swedish cancer notification (*Canceranmälan*, the electronic A-anmälan that clinics send
//! to the Regional Cancer Centres for the national Cancer Register), modelled once:
//!
//! - [`Report`]: every field of the form, declared once in the field table
//!   ([`model::field::FIELDS`]), with its wire format (JSON, snake_case keys);
//! - validation: rules as data ([`registry::RULES`]), each declared once with a stable ID, a
//!   severity, the fields it reads and reports, its rule sets, validity period, sources and a
//!   message in Swedish and English;
//! - [`PersonalId`]: personnummer, samordningsnummer, reserve numbers and INCA's test persons;
//! - [`PatientRecord::protect`]: INCA's handling of protected identity.
//!
//! The crate does no I/O, keeps no global state and reads no clock: "today" comes from the
//! caller in a [`ValidationContext`].
//!
//! ## Layers
//!
//! The modules are layered, and each imports only from the layers below it (a test,
//! `tests/layers.rs`, holds the tree to that):
//!
//! 0. [`vocab`]: languages and texts, dates, code lists, the ICD-10 shape, masking;
//! 1. [`model`]: the field table and the report, the patient record, personal identity numbers;
//! 2. [`wire`]: decoding and encoding the wire format;
//! 3. [`validation`]: rules as a type, issues, the context and the engine;
//! 4. [`rules`]: the rule families of the form and the register;
//! 5. [`staging`]: TNM and FIGO: reading, site tables, stage grouping and their rules;
//! 6. [`form`]: the form definition a UI draws the form from;
//! 7. [`reportability`]: what must be reported, and by whom;
//! 8. [`registry`]: every rule of the layers below, and validation with them (and with the
//!    rules of one field, for checks as the user types);
//! 9. [`lifecycle`]: the report as a case in INCA (states, actions, permissions, events and
//!    their replay, the inbox, possible duplicates);
//! 10. [`batch`]: many reports with one context, and the quality indicators per report.
//!
//! This file only re-exports.
//!
//! ```
//! use canceranmalan::{validate_json, Lang, ValidationContext};
//!
//! let ctx = ValidationContext::new("2025-06-01".parse().unwrap()).with_lang(Lang::En);
//! let issues = validate_json(
//!     r#"{"diagnosis_date": "2025-05-12", "primary_site": "Bröst, övre yttre kvadranten",
//!         "icd10": "C50.4", "side": "left", "morphology": "Duktal cancer", "basis_of_diagnosis": 3,
//!         "t": "T2"}"#,
//!     &ctx,
//! ).unwrap();
//! assert_eq!(issues.len(), 1);
//! assert_eq!(issues[0].rule_id, "TNM-BASIS-REQUIRED");
//! assert_eq!(issues[0].fields, ["tnm_basis"]);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("canceranmalan");

pub mod batch;
pub mod form;
pub mod lifecycle;
pub mod model;
pub mod registry;
pub mod reportability;
pub mod rules;
pub mod staging;
pub mod validation;
pub mod vocab;
pub mod wire;

pub use form::{form_definition, FormDefinition, FormField, FormOption, SchemeSites, SiteValues};
pub use lifecycle::{
    inbox, possible_duplicates, Action, Actor, Args, Case, Colour, Duplicate, DuplicateRule, Event,
    EventFormatError, InboxEntry, Reason, Role, State, TransitionError,
};
pub use model::field::{
    is_visible, visible_fields, Condition, Field, FieldKind, FieldSpec, Report, Visibility, FIELDS,
    FORM_FIELDS,
};
pub use model::patient::{PatientRecord, PROTECTED_STREET_ADDRESS, PROTECTED_SURNAME};
pub use model::personal_id::{ParseOptions, PersonalId, PersonalIdError, PersonalIdKind};
pub use registry::RULES;
pub use reportability::{reportability, Reportability, Route};
pub use rules::codes::icd10_title;
pub use staging::figo::{Figo, FigoError};
pub use staging::rules::{parse_figo, parse_tnm, FigoResult, TnmResult};
pub use staging::stage::{stage, Extras, Stage, StageError};
pub use staging::tnm::{Axis, Basis, Category, Descriptor, Tnm, TnmError, TnmErrorKind};
pub use validation::context::ValidationContext;
pub use validation::issue::{Issue, Param, Severity};
pub use validation::rule::{Rule, RuleSet, Source};
pub use vocab::codes::{BasisOfDiagnosis, Code, CodeEntry, Sex, Side, TnmBasis};
pub use vocab::date::{Date, DateError, PartialDate};
pub use vocab::icd10::Icd10;
pub use vocab::lang::{Lang, Text};
pub use vocab::sensitive::{mask, SensitiveText};
pub use vocab::tables::{TableSource, TABLE_SOURCES};
pub use vocab::timestamp::{Timestamp, TimestampError};
pub use wire::{
    json_schema, parse_entries, parse_fields, parse_json, parse_value, ParsedReport, ReportError,
    ReportErrorKind,
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
    ParsedReport::from_report(report.clone()).validate(ctx)
}
