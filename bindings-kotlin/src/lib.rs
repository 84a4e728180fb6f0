//! Kotlin/JVM bindings for `canceranmalan` through UniFFI: type conversion and error mapping
//! only. Every rule, table and behaviour lives in the core crate.
//!
//! A typed [`Report`] is converted to the wire format and decoded by the core exactly as JSON
//! is, so the typed and the JSON entry points give the same issues.

use std::fmt;
use std::sync::Arc;

use canceranmalan as core;
use serde_json::Value;

uniffi::setup_scaffolding!();

/// Text holding a personal identity number; in Kotlin a `SensitiveText` that masks itself.
pub struct SensitiveText(String);

uniffi::custom_type!(SensitiveText, String, {
    lower: |p| p.0,
    try_lift: |s| Ok(SensitiveText(s)),
});

/// A calendar date; in Kotlin a `java.time.LocalDate`.
pub struct IsoDate(core::Date);

uniffi::custom_type!(IsoDate, String, {
    lower: |d| d.0.to_string(),
    try_lift: |s| s.parse().map(IsoDate).map_err(|e| uniffi::deps::anyhow::anyhow!("date {s:?}: {e}")),
});

/// Masks the last four characters of a text that may hold a personal identity number.
#[uniffi::export]
pub fn mask(text: String) -> String {
    core::mask(&text)
}

/// Sida.
#[derive(uniffi::Enum, Clone, Copy)]
pub enum Side {
    Right,
    Left,
    Bilateral,
    Unknown,
}

/// Grund för TNM.
#[derive(uniffi::Enum, Clone, Copy)]
pub enum TnmBasis {
    Clinical,
    Pathological,
}

/// Legal sex.
#[derive(uniffi::Enum, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Female,
    Male,
}

/// Severity of an issue.
#[derive(uniffi::Enum, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl From<core::Severity> for Severity {
    fn from(s: core::Severity) -> Self {
        match s {
            core::Severity::Error => Severity::Error,
            core::Severity::Warning => Severity::Warning,
            core::Severity::Info => Severity::Info,
        }
    }
}

/// Message language.
#[derive(uniffi::Enum, Clone, Copy)]
pub enum Lang {
    Sv,
    En,
}

/// A Canceranmälan. Every field is optional; `basisOfDiagnosis` is the Swedish code 1–8.
#[derive(uniffi::Record)]
pub struct Report {
    #[uniffi(default = None)]
    pub personal_id: Option<SensitiveText>,
    #[uniffi(default = None)]
    pub sex: Option<Sex>,
    #[uniffi(default = None)]
    pub death_date: Option<String>,
    #[uniffi(default = None)]
    pub diagnosis_date: Option<String>,
    #[uniffi(default = None)]
    pub primary_site: Option<String>,
    #[uniffi(default = None)]
    pub icd10: Option<String>,
    #[uniffi(default = None)]
    pub morphology: Option<String>,
    #[uniffi(default = None)]
    pub icdo3_morphology: Option<String>,
    #[uniffi(default = None)]
    pub side: Option<Side>,
    #[uniffi(default = None)]
    pub figo: Option<String>,
    #[uniffi(default = None)]
    pub t: Option<String>,
    #[uniffi(default = None)]
    pub n: Option<String>,
    #[uniffi(default = None)]
    pub m: Option<String>,
    #[uniffi(default = None)]
    pub tnm_basis: Option<TnmBasis>,
    #[uniffi(default = None)]
    pub basis_of_diagnosis: Option<i32>,
    #[uniffi(default = None)]
    pub autopsy_finding: Option<bool>,
    #[uniffi(default = None)]
    pub referred_to: Option<String>,
    #[uniffi(default = None)]
    pub pathology_lab: Option<String>,
    #[uniffi(default = None)]
    pub specimen_number: Option<String>,
    #[uniffi(default = None)]
    pub specimen_year: Option<i32>,
    #[uniffi(default = None)]
    pub contact_person: Option<String>,
    #[uniffi(default = None)]
    pub partial: Option<bool>,
    #[uniffi(default = None)]
    pub comment: Option<String>,
}

impl Report {
    /// The report's wire-format entries (keys from the core's field table), for the core
    /// decoder.
    fn entries(self) -> Vec<(String, Value)> {
        use core::Field as F;
        let text = |s: Option<String>| s.map(Value::String);
        let side = self.side.map(|s| match s {
            Side::Right => core::Side::Right,
            Side::Left => core::Side::Left,
            Side::Bilateral => core::Side::Bilateral,
            Side::Unknown => core::Side::Unknown,
        });
        let tnm_basis = self.tnm_basis.map(|b| match b {
            TnmBasis::Clinical => core::TnmBasis::Clinical,
            TnmBasis::Pathological => core::TnmBasis::Pathological,
        });
        let fields: [(F, Option<Value>); 23] = [
            (F::PersonalId, self.personal_id.map(|p| Value::String(p.0))),
            (F::Sex, self.sex.map(|s| Value::from(sex_core(s).key()))),
            (F::DeathDate, text(self.death_date)),
            (F::DiagnosisDate, text(self.diagnosis_date)),
            (F::PrimarySite, text(self.primary_site)),
            (F::Icd10, text(self.icd10)),
            (F::Morphology, text(self.morphology)),
            (F::Icdo3Morphology, text(self.icdo3_morphology)),
            (F::Side, side.map(|s| Value::from(s.key()))),
            (F::Figo, text(self.figo)),
            (F::T, text(self.t)),
            (F::N, text(self.n)),
            (F::M, text(self.m)),
            (F::TnmBasis, tnm_basis.map(|b| Value::from(b.key()))),
            (
                F::BasisOfDiagnosis,
                self.basis_of_diagnosis.map(Value::from),
            ),
            (F::AutopsyFinding, self.autopsy_finding.map(Value::from)),
            (F::ReferredTo, text(self.referred_to)),
            (F::PathologyLab, text(self.pathology_lab)),
            (F::SpecimenNumber, text(self.specimen_number)),
            (F::SpecimenYear, self.specimen_year.map(Value::from)),
            (F::ContactPerson, text(self.contact_person)),
            (F::Partial, self.partial.map(Value::from)),
            (F::Comment, text(self.comment)),
        ];
        fields
            .into_iter()
            .filter_map(|(f, v)| Some((f.key().to_string(), v?)))
            .collect()
    }
}

fn sex_core(s: Sex) -> core::Sex {
    match s {
        Sex::Female => core::Sex::Female,
        Sex::Male => core::Sex::Male,
    }
}

fn sex_kotlin(s: core::Sex) -> Sex {
    match s {
        core::Sex::Female => Sex::Female,
        core::Sex::Male => Sex::Male,
    }
}

/// The circumstances of a validation.
#[derive(uniffi::Record)]
pub struct ValidationOptions {
    /// The reference date: no date in the report may be after it.
    pub today: IsoDate,
    /// Message language; null means Swedish.
    #[uniffi(default = None)]
    pub lang: Option<Lang>,
    /// Accept INCA's test persons (century 13).
    #[uniffi(default = false)]
    pub allow_test_persons: bool,
}

impl ValidationOptions {
    fn context(&self) -> core::ValidationContext {
        let lang = match self.lang {
            None | Some(Lang::Sv) => core::Lang::Sv,
            Some(Lang::En) => core::Lang::En,
        };
        core::ValidationContext::new(self.today.0)
            .with_lang(lang)
            .with_test_persons(self.allow_test_persons)
    }
}

/// One finding of validation.
#[derive(uniffi::Record, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The rule's stable ID.
    pub rule_id: String,
    pub severity: Severity,
    /// Wire-format keys of the fields concerned.
    pub fields: Vec<String>,
    /// The message in the requested language.
    pub message: String,
}

fn issues(list: Vec<core::Issue>) -> Vec<Issue> {
    list.into_iter()
        .map(|i| Issue {
            rule_id: i.rule_id.to_string(),
            severity: i.severity.into(),
            fields: i.fields,
            message: i.message,
        })
        .collect()
}

/// Why a personal identity number is not valid.
#[derive(uniffi::Enum, Clone, Copy, Debug)]
pub enum PersonalIdErrorKind {
    Empty,
    Length,
    Characters,
    Separator,
    Date,
    Serial,
    CheckDigit,
    UnknownKind,
    TestPersonNotAllowed,
}

/// Errors of the Kotlin API. No variant ever holds a personal identity number.
#[derive(uniffi::Error, Debug)]
pub enum CanceranmalanError {
    /// The input is not a report (or patient record) at all; line and column are 0 where the
    /// input was not text.
    Report {
        detail: String,
        line: u32,
        column: u32,
    },
    /// Not a valid personal identity number.
    PersonalId {
        kind: PersonalIdErrorKind,
        detail: String,
    },
}

impl fmt::Display for CanceranmalanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CanceranmalanError::Report { detail, .. }
            | CanceranmalanError::PersonalId { detail, .. } => f.write_str(detail),
        }
    }
}

impl std::error::Error for CanceranmalanError {}

impl From<core::ReportError> for CanceranmalanError {
    fn from(e: core::ReportError) -> Self {
        CanceranmalanError::Report {
            detail: e.to_string(),
            line: e.line as u32,
            column: e.column as u32,
        }
    }
}

impl From<core::PersonalIdError> for CanceranmalanError {
    fn from(e: core::PersonalIdError) -> Self {
        use core::PersonalIdError as E;
        let kind = match e {
            E::Empty => PersonalIdErrorKind::Empty,
            E::Length => PersonalIdErrorKind::Length,
            E::Characters => PersonalIdErrorKind::Characters,
            E::Separator => PersonalIdErrorKind::Separator,
            E::Date => PersonalIdErrorKind::Date,
            E::Serial => PersonalIdErrorKind::Serial,
            E::CheckDigit => PersonalIdErrorKind::CheckDigit,
            E::UnknownKind => PersonalIdErrorKind::UnknownKind,
            E::TestPersonNotAllowed => PersonalIdErrorKind::TestPersonNotAllowed,
        };
        CanceranmalanError::PersonalId {
            kind,
            detail: e.to_string(),
        }
    }
}

/// Validates a typed report.
#[uniffi::export]
pub fn validate(report: Report, options: ValidationOptions) -> Vec<Issue> {
    issues(core::parse_entries(report.entries()).validate(&options.context()))
}

/// Validates a report given as wire-format JSON text.
#[uniffi::export]
pub fn validate_json(
    json: String,
    options: ValidationOptions,
) -> Result<Vec<Issue>, CanceranmalanError> {
    Ok(issues(core::validate_json(&json, &options.context())?))
}

/// The wire keys of the form fields shown for a report, in form order.
#[uniffi::export]
pub fn visible_fields(report: Report) -> Vec<String> {
    let parsed = core::parse_entries(report.entries());
    core::visible_fields(parsed.report())
        .iter()
        .map(|f| f.key().to_string())
        .collect()
}

/// The wire keys of the form fields shown for a report given as JSON text.
#[uniffi::export]
pub fn visible_fields_json(json: String) -> Result<Vec<String>, CanceranmalanError> {
    let parsed = core::parse_json(&json)?;
    Ok(core::visible_fields(parsed.report())
        .iter()
        .map(|f| f.key().to_string())
        .collect())
}

/// The kind of a personal identity number.
#[derive(uniffi::Enum, Clone, Copy)]
pub enum PersonalIdKind {
    Personnummer,
    Samordningsnummer,
    NationalReserve,
    ReserveStockholm,
    ReserveVastraGotaland,
    ReserveVarmland,
    ReserveCarelink,
    ReserveSkane,
    TestPerson,
}

/// How to read a personal identity number.
#[derive(uniffi::Record)]
pub struct ParseOptions {
    /// The date a ten-digit number's century is read against.
    pub reference_date: IsoDate,
    #[uniffi(default = false)]
    pub allow_test_persons: bool,
}

/// A valid Swedish personal identity number; `toString()` masks it.
#[derive(uniffi::Object, PartialEq, Eq, Hash)]
#[uniffi::export(Display, Eq, Hash)]
pub struct PersonalId {
    inner: core::PersonalId,
}

impl fmt::Display for PersonalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl fmt::Debug for PersonalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

#[uniffi::export]
impl PersonalId {
    /// Parses a number of any known kind.
    #[uniffi::constructor]
    pub fn parse(
        text: String,
        options: ParseOptions,
    ) -> Result<Arc<PersonalId>, CanceranmalanError> {
        let opts = core::ParseOptions::new(options.reference_date.0)
            .with_test_persons(options.allow_test_persons);
        Ok(Arc::new(PersonalId {
            inner: core::PersonalId::parse(&text, &opts)?,
        }))
    }

    /// The kind of number.
    pub fn kind(&self) -> PersonalIdKind {
        use core::PersonalIdKind as K;
        match self.inner.kind() {
            K::Personnummer => PersonalIdKind::Personnummer,
            K::Samordningsnummer => PersonalIdKind::Samordningsnummer,
            K::NationalReserve => PersonalIdKind::NationalReserve,
            K::ReserveStockholm => PersonalIdKind::ReserveStockholm,
            K::ReserveVastraGotaland => PersonalIdKind::ReserveVastraGotaland,
            K::ReserveVarmland => PersonalIdKind::ReserveVarmland,
            K::ReserveCarelink => PersonalIdKind::ReserveCarelink,
            K::ReserveSkane => PersonalIdKind::ReserveSkane,
            K::TestPerson => PersonalIdKind::TestPerson,
        }
    }

    /// The birth date the number gives, or null.
    pub fn birth_date(&self) -> Option<IsoDate> {
        self.inner.birth_date().map(IsoDate)
    }

    /// Legal sex derived from the number, or null.
    pub fn sex(&self) -> Option<Sex> {
        self.inner.sex().map(sex_kotlin)
    }

    /// Age in whole years at `date`, or null where the birth date is unknown.
    pub fn age_at(&self, date: IsoDate) -> Option<u32> {
        self.inner.age_at(date.0)
    }

    /// The number in full, canonical form. Use only where it must leave the program.
    pub fn reveal(&self) -> String {
        self.inner.reveal()
    }
}

/// A patient as the population register describes them.
#[derive(uniffi::Record)]
pub struct PatientRecord {
    #[uniffi(default = None)]
    pub personal_id: Option<SensitiveText>,
    #[uniffi(default = None)]
    pub first_name: Option<String>,
    #[uniffi(default = None)]
    pub surname: Option<String>,
    #[uniffi(default = None)]
    pub street_address: Option<String>,
    #[uniffi(default = None)]
    pub postcode: Option<String>,
    #[uniffi(default = None)]
    pub town: Option<String>,
    #[uniffi(default = None)]
    pub county_code: Option<String>,
    #[uniffi(default = None)]
    pub municipality_code: Option<String>,
    #[uniffi(default = None)]
    pub parish_code: Option<String>,
    #[uniffi(default = None)]
    pub district_code: Option<String>,
    #[uniffi(default = None)]
    pub special_postal_address: Option<String>,
    #[uniffi(default = [])]
    pub registration_history: Vec<String>,
    #[uniffi(default = false)]
    pub protected: bool,
}

impl From<PatientRecord> for core::PatientRecord {
    fn from(p: PatientRecord) -> Self {
        core::PatientRecord {
            personal_id: p.personal_id.map(|t| core::SensitiveText::new(t.0)),
            first_name: p.first_name,
            surname: p.surname,
            street_address: p.street_address,
            postcode: p.postcode,
            town: p.town,
            county_code: p.county_code,
            municipality_code: p.municipality_code,
            parish_code: p.parish_code,
            district_code: p.district_code,
            special_postal_address: p.special_postal_address,
            registration_history: p.registration_history,
            protected: p.protected,
        }
    }
}

impl From<core::PatientRecord> for PatientRecord {
    fn from(p: core::PatientRecord) -> Self {
        PatientRecord {
            personal_id: p.personal_id.map(|t| SensitiveText(t.reveal().to_string())),
            first_name: p.first_name,
            surname: p.surname,
            street_address: p.street_address,
            postcode: p.postcode,
            town: p.town,
            county_code: p.county_code,
            municipality_code: p.municipality_code,
            parish_code: p.parish_code,
            district_code: p.district_code,
            special_postal_address: p.special_postal_address,
            registration_history: p.registration_history,
            protected: p.protected,
        }
    }
}

/// INCA's handling of protected identity, applied to a patient record; idempotent.
#[uniffi::export]
pub fn protect_patient(record: PatientRecord) -> PatientRecord {
    core::PatientRecord::from(record).protect().into()
}

/// INCA's handling of protected identity for a record given as JSON text; returns JSON text.
#[uniffi::export]
pub fn protect_patient_json(json: String) -> Result<String, CanceranmalanError> {
    Ok(core::PatientRecord::from_json(&json)?.protect().to_json())
}

/// A rule of the registry.
#[derive(uniffi::Record)]
pub struct RuleInfo {
    pub id: String,
    pub severity: Severity,
    pub fields: Vec<String>,
    pub message_sv: String,
    pub message_en: String,
    pub source: String,
}

/// Every validation rule, in the order issues are reported.
#[uniffi::export]
pub fn rules() -> Vec<RuleInfo> {
    core::rules::RULES
        .iter()
        .map(|r| RuleInfo {
            id: r.id.to_string(),
            severity: r.severity.into(),
            fields: r.fields.iter().map(|f| f.key().to_string()).collect(),
            message_sv: r.message_sv.to_string(),
            message_en: r.message_en.to_string(),
            source: r.source.to_string(),
        })
        .collect()
}
