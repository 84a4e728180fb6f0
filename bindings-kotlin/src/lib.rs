//! Kotlin/JVM bindings for `canceranmalan` through UniFFI: type conversion and error mapping
//! only. Every rule, table and behaviour lives in the core crate, and so do the UniFFI
//! derivations of its types (`Report`, `PatientRecord`, `Side`, `Sex`, `Lang`, `Severity`, …,
//! behind the core's `uniffi` feature): nothing here copies a core type.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use canceranmalan as core;

/// mimalloc for the library's own memory (the JVM's heap is the JVM's): fewer instructions per
/// allocation than glibc's malloc for the many small texts of reports and issues (8 %
/// fewer instructions per report read from JSON and validated, counted with callgrind over the
/// first 20 000 reports of the synthetic extract).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

uniffi::setup_scaffolding!();

/// A calendar date; in Kotlin a `java.time.LocalDate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsoDate(core::Date);

uniffi::custom_type!(IsoDate, String, {
    lower: |d| d.0.to_string(),
    try_lift: |s| s.parse().map(IsoDate).map_err(|e| uniffi::deps::anyhow::anyhow!("date: {e}")),
});

/// The reference date: the one given, or the host's local calendar day (the policy of every
/// binding; see `ValidationContext` in the core).
fn reference_date(given: Option<IsoDate>) -> core::Date {
    given.map_or_else(local_today, |d| d.0)
}

/// Today in the local time zone of the process (TZ, else /etc/localtime), as the JVM's
/// `LocalDate.now()` reads it with the system's zone.
fn local_today() -> core::Date {
    let (year, month, day) = local_ymd();
    u16::try_from(year)
        .ok()
        .and_then(|y| core::Date::from_ymd(y, month, day))
        .unwrap_or(core::Date::from_ymd_const(2000, 1, 1))
}

#[cfg(not(target_os = "macos"))]
fn local_ymd() -> (i32, u8, u8) {
    use chrono::Datelike;
    let d = chrono::Local::now().date_naive();
    (d.year(), d.month() as u8, d.day() as u8)
}

#[cfg(target_os = "macos")]
fn local_ymd() -> (i32, u8, u8) {
    // SAFETY: time(NULL) only reads the clock; localtime_r writes into the `tm` we own and
    // returns null on failure, which we check.
    unsafe {
        let now = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&now, &mut tm).is_null() {
            return (2000, 1, 1);
        }
        (tm.tm_year + 1900, (tm.tm_mon + 1) as u8, tm.tm_mday as u8)
    }
}

/// Masks a personal identity number (or any text that may hold one) for display: only a
/// leading birth date stays readable.
#[uniffi::export]
pub fn mask(text: String) -> String {
    core::mask(&text)
}

/// The circumstances of a validation.
#[derive(uniffi::Record, Clone, Debug)]
pub struct ValidationOptions {
    /// The reference date: no date in the report may be after it. Null means the local
    /// calendar day of the host.
    #[uniffi(default = None)]
    pub today: Option<IsoDate>,
    /// Message language; null means Swedish.
    #[uniffi(default = None)]
    pub lang: Option<core::Lang>,
    /// Accept INCA's test persons (century 13).
    #[uniffi(default = false)]
    pub allow_test_persons: bool,
    /// Which rules run; null means the form's rules.
    #[uniffi(default = None)]
    pub rule_set: Option<core::RuleSet>,
    /// Run exactly the rules with these IDs (of any set); null: the rule set decides.
    #[uniffi(default = None)]
    pub include: Option<Vec<String>>,
    /// Leave out the rules with these IDs (exclusion wins).
    #[uniffi(default = [])]
    pub exclude: Vec<String>,
}

impl ValidationOptions {
    fn context(self) -> Result<core::ValidationContext, CanceranmalanError> {
        let ids = self.include.iter().flatten().chain(&self.exclude);
        if let Some(unknown) = core::registry::unknown_rule_id(ids) {
            return Err(CanceranmalanError::Options {
                detail: format!(
                    "no rule has the ID {}",
                    core::wire::decode::quoted(&unknown)
                ),
            });
        }
        Ok(core::ValidationContext::new(reference_date(self.today))
            .with_lang(self.lang.unwrap_or_default())
            .with_test_persons(self.allow_test_persons)
            .with_rule_set(self.rule_set.unwrap_or_default())
            .with_include(self.include)
            .with_exclude(self.exclude))
    }
}

/// A structured parameter of an issue.
#[derive(uniffi::Enum, Clone, PartialEq, Eq, Debug)]
pub enum IssueParam {
    /// A text or a language-neutral code.
    Text { value: String },
    /// A number.
    Number { value: i64 },
    /// A list of texts.
    TextList { values: Vec<String> },
}

/// One finding of validation.
#[derive(uniffi::Record, Clone, PartialEq, Eq, Debug)]
pub struct Issue {
    /// The rule's stable ID.
    pub rule_id: String,
    /// How serious it is.
    pub severity: core::Severity,
    /// Wire-format keys of the fields concerned.
    pub fields: Vec<String>,
    /// The message in the requested language.
    pub message: String,
    /// The values the message was made from, by name.
    pub params: HashMap<String, IssueParam>,
}

impl From<core::Issue> for Issue {
    fn from(i: core::Issue) -> Issue {
        let params = i
            .params
            .into_iter()
            .map(|(name, p)| {
                let v = match p {
                    core::Param::Text(value) => IssueParam::Text { value },
                    core::Param::Int(value) => IssueParam::Number { value },
                    core::Param::List(values) => IssueParam::TextList { values },
                };
                (name.to_string(), v)
            })
            .collect();
        Issue {
            rule_id: i.rule_id.to_string(),
            severity: i.severity,
            fields: i.fields,
            message: i.message,
            params,
        }
    }
}

fn issues(list: Vec<core::Issue>) -> Vec<Issue> {
    list.into_iter().map(Issue::from).collect()
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
        kind: core::PersonalIdError,
        detail: String,
    },
    /// An option that cannot be used (a rule ID that names no rule, a TNM edition other than
    /// 8 or 9, a PSA below 0); the detail names it.
    Options { detail: String },
    /// A text that holds no TNM at all; `code` is "no_tnm", "too_long" or "edition".
    Tnm { code: String, detail: String },
    /// A text that is not a FIGO stage, or a FIGO edition the site lacks; `code` is
    /// "not_figo" or "edition".
    Figo { code: String, detail: String },
    /// An action the case's rules refuse (the case is unchanged), or events that do not
    /// replay: `reason` is the stable code; for a refused send, `issues` holds the errors.
    Transition {
        reason: String,
        detail: String,
        message_sv: String,
        message_en: String,
        issues: Vec<Issue>,
    },
    /// JSON that is not an event or a case of the schema; `at` names the key.
    EventFormat { at: String, detail: String },
}

impl fmt::Display for CanceranmalanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CanceranmalanError::Report { detail, .. }
            | CanceranmalanError::PersonalId { detail, .. }
            | CanceranmalanError::Tnm { detail, .. }
            | CanceranmalanError::Figo { detail, .. }
            | CanceranmalanError::EventFormat { detail, .. }
            | CanceranmalanError::Options { detail } => f.write_str(detail),
            CanceranmalanError::Transition {
                reason, message_en, ..
            } => write!(f, "{reason}: {message_en}"),
        }
    }
}

impl std::error::Error for CanceranmalanError {}

impl From<core::ReportError> for CanceranmalanError {
    fn from(e: core::ReportError) -> Self {
        CanceranmalanError::Report {
            detail: e.to_string(),
            line: u32::try_from(e.line).unwrap_or(u32::MAX),
            column: u32::try_from(e.column).unwrap_or(u32::MAX),
        }
    }
}

impl From<core::PersonalIdError> for CanceranmalanError {
    fn from(kind: core::PersonalIdError) -> Self {
        CanceranmalanError::PersonalId {
            kind,
            detail: kind.to_string(),
        }
    }
}

/// Validates a typed report.
#[uniffi::export]
pub fn validate(
    report: core::Report,
    options: ValidationOptions,
) -> Result<Vec<Issue>, CanceranmalanError> {
    Ok(issues(core::validate(&report, &options.context()?)))
}

/// Validates a report given as wire-format JSON text.
#[uniffi::export]
pub fn validate_json(
    json: String,
    options: ValidationOptions,
) -> Result<Vec<Issue>, CanceranmalanError> {
    Ok(issues(core::validate_json(&json, &options.context()?)?))
}

/// The result for one report of a batch: its issues, or why it is not a report at all (not a
/// JSON object); the batch goes on either way.
#[derive(uniffi::Record, Clone, PartialEq, Debug)]
pub struct ReportIssues {
    /// The issues (empty where `error` is set or nothing is wrong).
    pub issues: Vec<Issue>,
    /// Set where the text is not a JSON object (the same error `validateJson` raises).
    pub error: Option<String>,
}

/// The native half of `validateMany` (Kotlin, `Batch.kt`): many reports given as wire-format
/// JSON texts, validated in one call with one context; the results in input order.
///
/// The texts come as one byte array, each text in UTF-8 after its length in bytes (four
/// bytes, big-endian): one copy across the FFI for the batch instead of one string each, and
/// the JVM's own UTF-8 encoder instead of a character loop. A text that is not UTF-8 is that
/// report's error; an array that does not end where its last text does is an Options error.
///
/// A call goes on with the batch validator of the same thread's last call where the options
/// give the same context (see [`LAST_VALIDATOR`]).
#[uniffi::export]
pub fn validate_many_utf8(
    packed: PackedTexts,
    options: ValidationOptions,
) -> Result<Vec<ReportIssues>, CanceranmalanError> {
    let ctx = options.context()?;
    // Taken out while it works: a call that fails or panics leaves no validator behind.
    let mut v = LAST_VALIDATOR
        .take()
        .filter(|v| *v.context() == ctx)
        .unwrap_or_else(|| core::batch::Validator::owning(ctx));
    let result = validate_packed(&mut v, packed.texts());
    LAST_VALIDATOR.set(Some(v));
    result
}

thread_local! {
    /// The batch validator of this thread's last `validateMany` call. A batch job calls
    /// `validateMany` once per batch from the same thread with the same options (a Spark or
    /// Flink task); the next call then goes on with what the validator learnt of the keyed
    /// rules' hits instead of learning them anew, as a kept `BatchValidator` does. The
    /// issues are those of a new validator either way (`core/tests/reuse.rs`), and what a
    /// validator keeps is bounded (`validation::reuse`). Other options replace it.
    static LAST_VALIDATOR: std::cell::Cell<Option<core::batch::Validator<'static>>> =
        const { std::cell::Cell::new(None) };
}

/// The byte array of a packed batch (see [`validate_many_utf8`]), taken over as it crosses.
///
/// It crosses as uniffi's `bytes` (a `ByteArray` in Kotlin), but uniffi lifts a `Vec<u8>` one
/// byte at a time, each with a call that checks what is left: on the JVM that was about a
/// quarter of `validateMany`'s time (0.7 µs of 2.6 µs a report, measured with perf on the
/// benchmark). This type takes the buffer the bytes arrived in instead, and checks its length
/// once.
pub struct PackedTexts {
    /// The buffer as uniffi hands it over: the count of bytes (four bytes, big-endian), then
    /// the bytes.
    buffer: Vec<u8>,
}

impl PackedTexts {
    fn texts(&self) -> &[u8] {
        &self.buffer[4..]
    }
}

// SAFETY: the FFI type and the layout are those of uniffi's own `Vec<u8>` (a `RustBuffer`
// holding a signed 32-bit big-endian count and then the bytes), which the metadata below
// names, so the generated Kotlin writes exactly what `try_lift` reads; `try_lift` checks the
// count against the buffer's length before anything reads the bytes.
unsafe impl uniffi::Lift<crate::UniFfiTag> for PackedTexts {
    type FfiType = uniffi::RustBuffer;

    fn try_lift(v: uniffi::RustBuffer) -> uniffi::Result<PackedTexts> {
        let buffer = v.destroy_into_vec();
        let count = buffer
            .first_chunk::<4>()
            .and_then(|c| usize::try_from(i32::from_be_bytes(*c)).ok());
        match count {
            Some(n) if n == buffer.len() - 4 => Ok(PackedTexts { buffer }),
            _ => Err(uniffi::deps::anyhow::anyhow!(
                "packed reports: the byte count does not match the buffer"
            )),
        }
    }

    fn try_read(buf: &mut &[u8]) -> uniffi::Result<PackedTexts> {
        let bytes = <Vec<u8> as uniffi::Lift<crate::UniFfiTag>>::try_read(buf)?;
        let mut buffer = Vec::with_capacity(4 + bytes.len());
        buffer.extend_from_slice(&i32::try_from(bytes.len())?.to_be_bytes());
        buffer.extend_from_slice(&bytes);
        Ok(PackedTexts { buffer })
    }
}

impl uniffi::TypeId<crate::UniFfiTag> for PackedTexts {
    const TYPE_ID_META: uniffi::MetadataBuffer =
        <Vec<u8> as uniffi::TypeId<crate::UniFfiTag>>::TYPE_ID_META;
}

/// The native half of Kotlin's `BatchValidator` (`Batch.kt`): one context and one batch
/// validator, kept from one `validateMany` call to the next, so that what the validator learnt
/// of the keyed rules' hits (`batch::Validator`) carries over to the next batch. Calls from
/// several threads take turns.
#[derive(uniffi::Object)]
pub struct NativeBatchValidator {
    validator: std::sync::Mutex<core::batch::Validator<'static>>,
}

impl fmt::Debug for NativeBatchValidator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NativeBatchValidator")
    }
}

#[uniffi::export]
impl NativeBatchValidator {
    /// A validator for these options (an `Options` error for an unknown rule ID).
    #[uniffi::constructor]
    pub fn new(
        options: ValidationOptions,
    ) -> Result<Arc<NativeBatchValidator>, CanceranmalanError> {
        let ctx = options.context()?;
        Ok(Arc::new(NativeBatchValidator {
            validator: std::sync::Mutex::new(core::batch::Validator::owning(ctx)),
        }))
    }

    /// [`validate_many_utf8`] with this validator's options and what it kept.
    pub fn validate_many_utf8(
        &self,
        packed: PackedTexts,
    ) -> Result<Vec<ReportIssues>, CanceranmalanError> {
        // A poisoned lock only means a panic in another call: the validator is still whole.
        let mut v = self
            .validator
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        validate_packed(&mut v, packed.texts())
    }
}

/// The reports of a packed batch (see [`validate_many_utf8`]), each read into the buffers of
/// the one before and validated by `v`.
fn validate_packed(
    v: &mut core::batch::Validator<'_>,
    packed: &[u8],
) -> Result<Vec<ReportIssues>, CanceranmalanError> {
    let mut out = Vec::new();
    let mut rest = packed;
    while !rest.is_empty() {
        let text = rest
            .split_first_chunk::<4>()
            .map(|(len, after)| (u32::from_be_bytes(*len) as usize, after))
            .and_then(|(len, after)| after.split_at_checked(len));
        let Some((text, after)) = text else {
            return Err(CanceranmalanError::Options {
                detail: "packed reports: a length runs past the end of the array".into(),
            });
        };
        rest = after;
        let result = match std::str::from_utf8(text) {
            Ok(json) => v
                .validate_json(json)
                .map(|issues| issues.map(Issue::from).collect())
                .map_err(|e| e.to_string()),
            Err(_) => Err("the text is not UTF-8".to_string()),
        };
        out.push(match result {
            Ok(issues) => ReportIssues {
                issues,
                error: None,
            },
            Err(error) => ReportIssues {
                issues: Vec::new(),
                error: Some(error),
            },
        });
    }
    Ok(out)
}

fn keys(fields: Vec<core::Field>) -> Vec<String> {
    fields.into_iter().map(|f| f.key().to_string()).collect()
}

/// The typed report for wire-format JSON text. Values that do not fit a field (a wrong type,
/// a code outside its list) and unknown keys are left out: `validateJson` reports them.
#[uniffi::export]
pub fn report_from_json(json: String) -> Result<core::Report, CanceranmalanError> {
    Ok(core::parse_json(&json)?.into_report())
}

/// The report as wire-format JSON text (this reveals the personal identity number).
#[uniffi::export]
pub fn report_to_json(report: core::Report) -> String {
    report.to_json()
}

fn field_by_key(key: &str) -> Result<core::Field, CanceranmalanError> {
    core::Field::from_key(key).ok_or_else(|| CanceranmalanError::Options {
        detail: format!(
            "field: no field has the key {}",
            core::wire::decode::quoted(&core::wire::decode::shown_key(key))
        ),
    })
}

/// The issues of `validate` that name one field (a wire key), for checks as the user types:
/// only the rules that may report the field run.
#[uniffi::export]
pub fn validate_field(
    report: core::Report,
    field: String,
    options: ValidationOptions,
) -> Result<Vec<Issue>, CanceranmalanError> {
    let field = field_by_key(&field)?;
    let parsed = core::ParsedReport::from_report(report);
    Ok(issues(parsed.validate_field(field, &options.context()?)))
}

/// [`validate_field`] for a report given as wire-format JSON text.
#[uniffi::export]
pub fn validate_field_json(
    json: String,
    field: String,
    options: ValidationOptions,
) -> Result<Vec<Issue>, CanceranmalanError> {
    let field = field_by_key(&field)?;
    let parsed = core::parse_json(&json)?;
    Ok(issues(parsed.validate_field(field, &options.context()?)))
}

/// The form definition (version 1) in `lang` (Swedish where null), as JSON text: the fields
/// in form order with labels, help, type, required-ness, max length, options, suggestions,
/// T/N/M/FIGO values per site and visibility conditions, and the TNM schemes.
#[uniffi::export]
pub fn form_definition(lang: Option<core::Lang>) -> String {
    core::form_definition(lang.unwrap_or_default()).to_json()
}

/// The JSON Schema (draft 2020-12) of the wire format, as JSON text.
#[uniffi::export]
pub fn json_schema() -> String {
    core::json_schema()
}

/// The wire keys of the form fields shown for a report, in form order.
#[uniffi::export]
pub fn visible_fields(report: core::Report) -> Vec<String> {
    keys(core::visible_fields(&report))
}

/// The wire keys of the form fields shown for a report given as JSON text.
#[uniffi::export]
pub fn visible_fields_json(json: String) -> Result<Vec<String>, CanceranmalanError> {
    Ok(keys(core::visible_fields(
        core::parse_json(&json)?.report(),
    )))
}

/// How to read a personal identity number.
#[derive(uniffi::Record)]
pub struct ParseOptions {
    /// The date a ten-digit number's century is read against; null means the local calendar
    /// day of the host.
    #[uniffi(default = None)]
    pub reference_date: Option<IsoDate>,
    /// Accept INCA's test persons (century 13).
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
        let opts = core::ParseOptions::new(reference_date(options.reference_date))
            .with_test_persons(options.allow_test_persons);
        Ok(Arc::new(PersonalId {
            inner: core::PersonalId::parse(&text, &opts)?,
        }))
    }

    /// The kind of number.
    pub fn kind(&self) -> core::PersonalIdKind {
        self.inner.kind()
    }

    /// The birth date the number gives, or null.
    pub fn birth_date(&self) -> Option<IsoDate> {
        self.inner.birth_date().map(IsoDate)
    }

    /// The known parts of the birth date (a samordningsnummer may lack the month or the
    /// day), or null where the number gives no date.
    pub fn birth_date_parts(&self) -> Option<core::PartialDate> {
        self.inner.birth_date_parts()
    }

    /// Legal sex derived from the number, or null.
    pub fn sex(&self) -> Option<core::Sex> {
        self.inner.sex()
    }

    /// Age in whole years at `date`, or null where it is not certain.
    pub fn age_at(&self, date: IsoDate) -> Option<u32> {
        self.inner.age_at(date.0)
    }

    /// The number in full, canonical form. Use only where it must leave the program.
    pub fn reveal(&self) -> String {
        self.inner.reveal()
    }
}

/// INCA's handling of protected identity, applied to a patient record; idempotent.
#[uniffi::export]
pub fn protect_patient(record: core::PatientRecord) -> core::PatientRecord {
    record.protect()
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
    pub severity: core::Severity,
    pub fields: Vec<String>,
    pub rule_sets: Vec<core::RuleSet>,
    pub message_sv: String,
    pub message_en: String,
    pub source: String,
}

/// The validation rules, in the order issues are reported: all (`rule_set` null) or those of
/// a rule set.
#[uniffi::export(default(rule_set = None))]
pub fn rules(rule_set: Option<core::RuleSet>) -> Vec<RuleInfo> {
    core::registry::rules_in(rule_set)
        .map(|r| RuleInfo {
            id: r.id.to_string(),
            severity: r.severity,
            fields: keys(r.fields().to_vec()),
            rule_sets: r.rule_sets.to_vec(),
            message_sv: r.message.sv.to_string(),
            message_en: r.message.en.to_string(),
            source: r.source_text(),
        })
        .collect()
}

/// A value of a code list with its label.
#[derive(uniffi::Record)]
pub struct CodeInfo {
    pub key: String,
    pub label: String,
}

/// When the form shows a field: while `field` holds one of `one_of`.
#[derive(uniffi::Record)]
pub struct VisibleWhen {
    pub field: String,
    pub one_of: Vec<String>,
}

/// A row of the core's field table.
#[derive(uniffi::Record)]
pub struct FieldInfo {
    /// The wire key.
    pub key: String,
    pub label: String,
    pub help: String,
    /// "text", "date", "code", "integer", "boolean" or "personal_id".
    pub kind: String,
    /// "string", "integer" or "boolean".
    pub json: String,
    pub codes: Vec<CodeInfo>,
    /// Position on the form (1 = first), or null for fields not on the form.
    pub form_position: Option<u8>,
    pub required: bool,
    pub max_length: Option<u16>,
    /// Null: always shown, or a condition that `visibleWhenJson` gives instead.
    pub visible_when: Option<VisibleWhen>,
    /// When the form shows the field, as the form definition's JSON condition (null:
    /// always shown); the only way to read conditions that `visibleWhen` cannot hold, such
    /// as FIGO's.
    pub visible_when_json: Option<String>,
}

/// The fields of the report as the core's field table declares them, in wire order, with
/// labels and help in `lang` (Swedish where null).
#[uniffi::export]
pub fn fields(lang: Option<core::Lang>) -> Vec<FieldInfo> {
    let lang = lang.unwrap_or_default();
    core::FIELDS
        .iter()
        .map(|f| FieldInfo {
            key: f.key.to_string(),
            label: f.label.get(lang).to_string(),
            help: f.help.get(lang).to_string(),
            kind: f.kind.key().to_string(),
            json: f.json.key().to_string(),
            codes: f
                .codes
                .iter()
                .map(|c| CodeInfo {
                    key: c.key.to_string(),
                    label: c.label.get(lang).to_string(),
                })
                .collect(),
            form_position: f.form_position,
            required: f.required,
            max_length: f.max_length,
            visible_when: match f.visible {
                core::Visibility::When { field, one_of } => Some(VisibleWhen {
                    field: field.key().to_string(),
                    one_of: one_of.iter().map(|s| s.to_string()).collect(),
                }),
                _ => None,
            },
            visible_when_json: match f.visible {
                core::Visibility::Always => None,
                ref v => Some(core::form::visibility_json(v)),
            },
        })
        .collect()
}

/// A reference table the rules use.
#[derive(uniffi::Record)]
pub struct TableSource {
    pub name: String,
    pub source: String,
    pub version: String,
}

/// Every reference table the rules use, with its source and version.
#[uniffi::export]
pub fn sources() -> Vec<TableSource> {
    core::TABLE_SOURCES
        .iter()
        .map(|t| TableSource {
            name: t.name.to_string(),
            source: t.source.to_string(),
            version: t.version.to_string(),
        })
        .collect()
}

/// Must a tumour be reported (HSLF-FS 2016:7 as amended by HSLF-FS 2023:36)?
#[derive(uniffi::Record)]
pub struct Reportability {
    /// True, false, or null where it cannot be told.
    pub reportable: Option<bool>,
    /// Must the clinic send an A-anmälan: true, false or null.
    pub clinic_must_report: Option<bool>,
    pub route: core::Route,
    /// A stable category ID, e.g. "in_situ_other".
    pub category: String,
    pub message: String,
    pub source: String,
}

fn reportability_of(
    report: &core::Report,
    today: Option<IsoDate>,
    lang: Option<core::Lang>,
) -> Reportability {
    let r = core::reportability(report, reference_date(today));
    Reportability {
        reportable: r.reportable,
        clinic_must_report: r.clinic_must_report,
        route: r.route,
        category: r.category.to_string(),
        message: r.message.get(lang.unwrap_or_default()).to_string(),
        source: r.source.to_string(),
    }
}

/// Whether the report's tumour must be reported, whether the clinic must send it and where
/// it goes, for its date of diagnosis (or `today`, the local day where null).
#[uniffi::export(default(today = None, lang = None))]
pub fn reportability(
    report: core::Report,
    today: Option<IsoDate>,
    lang: Option<core::Lang>,
) -> Reportability {
    reportability_of(&report, today, lang)
}

/// The same for a report given as wire-format JSON text.
#[uniffi::export(default(today = None, lang = None))]
pub fn reportability_json(
    json: String,
    today: Option<IsoDate>,
    lang: Option<core::Lang>,
) -> Result<Reportability, CanceranmalanError> {
    Ok(reportability_of(
        core::parse_json(&json)?.report(),
        today,
        lang,
    ))
}

/// The English WHO title of an ICD-10 code of the neoplasm chapter (C00–D48), or null.
#[uniffi::export]
pub fn icd10_title(code: String) -> Option<String> {
    core::icd10_title(&code).map(str::to_string)
}

/// A T, N or M category as read (`pN1b(2/11)`: value "N1b", prefixes "p").
#[derive(uniffi::Record, Clone, PartialEq, Eq, Debug)]
pub struct TnmCategory {
    /// Axis letter and value, no prefix: "T1c", "N1mi", "M1c1", "Tis", "TX".
    pub value: String,
    /// "", "c", "p", "yp", "yc", "rp", "rc", "a" or "u".
    pub prefixes: String,
    /// True when the prefixes were taken from T (pT2N1M0: N is pathological too).
    pub inherited: bool,
    /// Qualifiers in parentheses, canonical: "m", "3", "is", "DCIS", "sn", "i+", "mi", …
    pub qualifiers: Vec<String>,
    /// Involved regional nodes, `(2/11)` gives 2; or null.
    pub nodes_involved: Option<u32>,
    /// Examined regional nodes, or null.
    pub nodes_examined: Option<u32>,
    /// Sites of distant metastasis ("PUL", "HEP", …).
    pub sites: Vec<String>,
}

impl From<&core::Category> for TnmCategory {
    fn from(c: &core::Category) -> TnmCategory {
        TnmCategory {
            value: c.value.clone(),
            prefixes: c.prefixes.clone(),
            inherited: c.inherited,
            qualifiers: c.qualifiers.clone(),
            nodes_involved: c.nodes.map(|n| n.0),
            nodes_examined: c.nodes.map(|n| n.1),
            sites: c.sites.clone(),
        }
    }
}

/// TNM read from free text.
#[derive(uniffi::Record, Clone, PartialEq, Eq, Debug)]
pub struct Tnm {
    pub t: Option<TnmCategory>,
    pub n: Option<TnmCategory>,
    pub m: Option<TnmCategory>,
    /// The basis the prefixes give, or null where neither T nor N is given.
    pub basis: Option<core::TnmBasis>,
    /// The canonical notation; parsing it gives the same value.
    pub canonical: String,
    /// G, L, V, Pn, R and S in canonical notation ("G2", "pL1", "S1").
    pub descriptors: Vec<String>,
    /// The UICC edition the text names ("(UICC 2017)" gives 8), or null.
    pub edition_tag: Option<u8>,
    /// The same issues as `validate` gives, with fields "t", "n" or "m".
    pub issues: Vec<Issue>,
    /// Words that were not read as TNM.
    pub ignored: Vec<String>,
}

/// Options of `parseTnm`.
#[derive(uniffi::Record)]
pub struct TnmOptions {
    /// The ICD-10 code whose site the categories are checked against; null: none.
    #[uniffi(default = None)]
    pub icd10: Option<String>,
    /// The UICC TNM edition, 8 or 9.
    #[uniffi(default = 8)]
    pub edition: u8,
    /// Message language; null means Swedish.
    #[uniffi(default = None)]
    pub lang: Option<core::Lang>,
}

/// Reads TNM as clinicians write it ("pT2N1aM0", "cT4b cN2a cM0 G2") and checks it against the
/// site of `options.icd10`. Throws `CanceranmalanException.Tnm` when the text holds no TNM.
#[uniffi::export]
pub fn parse_tnm(text: String, options: TnmOptions) -> Result<Tnm, CanceranmalanError> {
    let lang = options.lang.unwrap_or_default();
    let r =
        core::parse_tnm(&text, options.icd10.as_deref(), options.edition, lang).map_err(|e| {
            CanceranmalanError::Tnm {
                code: e.code().to_string(),
                detail: e.to_string(),
            }
        })?;
    Ok(Tnm {
        t: r.tnm.t.as_ref().map(TnmCategory::from),
        n: r.tnm.n.as_ref().map(TnmCategory::from),
        m: r.tnm.m.as_ref().map(TnmCategory::from),
        basis: r.basis.map(|b| match b {
            core::Basis::Clinical => core::TnmBasis::Clinical,
            core::Basis::Pathological => core::TnmBasis::Pathological,
        }),
        canonical: r.canonical,
        descriptors: r.tnm.descriptors.iter().map(|d| d.text.clone()).collect(),
        edition_tag: r.tnm.edition_tag,
        issues: issues(r.issues),
        ignored: r.ignored,
    })
}

/// The inputs of `stage`.
#[derive(uniffi::Record)]
pub struct StageInput {
    pub icd10: String,
    #[uniffi(default = None)]
    pub t: Option<String>,
    #[uniffi(default = None)]
    pub n: Option<String>,
    #[uniffi(default = None)]
    pub m: Option<String>,
    /// The UICC TNM edition, 8 or 9.
    #[uniffi(default = 8)]
    pub edition: u8,
    /// ICD-O-3 morphology code ("8260/3"), for thyroid.
    #[uniffi(default = None)]
    pub morphology: Option<String>,
    /// Age at diagnosis in years, for thyroid.
    #[uniffi(default = None)]
    pub age: Option<u32>,
    /// PSA in ng/mL, for the prostate's prognostic groups.
    #[uniffi(default = None)]
    pub psa: Option<f64>,
    /// ISUP grade group 1–5, for the prostate's prognostic groups.
    #[uniffi(default = None)]
    pub grade_group: Option<u8>,
    /// Serum markers S0–S3, for testis.
    #[uniffi(default = None)]
    pub s: Option<String>,
    /// Language of the explanation; null means Swedish.
    #[uniffi(default = None)]
    pub lang: Option<core::Lang>,
}

/// A stage group with the table and row that gave it, or why there is none.
#[derive(uniffi::Record, Clone, PartialEq, Debug)]
pub struct Stage {
    /// "IIIA", "0is", "IS", a FIGO stage such as "IB3"; null when not derivable.
    pub group: Option<String>,
    /// The inputs that would make it derivable ("t", "n", "m", "s", "age", "morphology",
    /// "psa", "grade_group").
    pub missing: Vec<String>,
    pub explanation: String,
    pub table: Option<String>,
    pub row: Option<u32>,
    pub source: Option<String>,
}

/// The UICC stage group (for gynaecological sites the FIGO stage that TNM corresponds to),
/// never a guess. Throws `CanceranmalanException.Options` for an edition, PSA or grade group
/// out of range.
#[uniffi::export]
pub fn stage(input: StageInput) -> Result<Stage, CanceranmalanError> {
    let extras = core::Extras {
        morphology: input.morphology,
        age: input.age,
        psa: input.psa,
        grade_group: input.grade_group,
        s: input.s,
    };
    let r = core::stage(
        &input.icd10,
        input.t.as_deref(),
        input.n.as_deref(),
        input.m.as_deref(),
        input.edition,
        &extras,
        input.lang.unwrap_or_default(),
    )
    .map_err(|e| CanceranmalanError::Options {
        detail: e.to_string(),
    })?;
    Ok(Stage {
        group: r.group,
        missing: r.missing.iter().map(|s| s.to_string()).collect(),
        explanation: r.explanation,
        table: r.table,
        row: r.row.map(|x| u32::try_from(x).unwrap_or(u32::MAX)),
        source: r.source.map(str::to_string),
    })
}

/// A FIGO stage as read and checked.
#[derive(uniffi::Record, Clone, PartialEq, Eq, Debug)]
pub struct Figo {
    /// Canonical: "IB1", "IIIC1r", "IIIA1(ii)", "IAmPOLEmut".
    pub label: String,
    /// Without r/p and the molecular part: "IIIC1", "IA".
    pub stage: String,
    /// "r" (imaging) or "p" (pathology), or null.
    pub modality: Option<String>,
    /// "POLEmut", "p53abn", "MMRd" or "NSMP", or null.
    pub molecular: Option<String>,
    /// The FIGO edition it was checked by.
    pub edition: Option<u16>,
    pub issues: Vec<Issue>,
}

/// Options of `parseFigo`.
#[derive(uniffi::Record)]
pub struct FigoOptions {
    /// The ICD-10 code of the site.
    pub icd10: String,
    /// The FIGO edition (year); null: the site's default.
    #[uniffi(default = None)]
    pub edition: Option<u16>,
    #[uniffi(default = None)]
    pub lang: Option<core::Lang>,
}

/// Reads a FIGO stage ("FIGO 1b1" is IB1) and checks it against the site and edition. Throws
/// `CanceranmalanException.Figo` for text that is no FIGO stage or an edition the site lacks.
#[uniffi::export]
pub fn parse_figo(text: String, options: FigoOptions) -> Result<Figo, CanceranmalanError> {
    let lang = options.lang.unwrap_or_default();
    let r = core::parse_figo(&text, &options.icd10, options.edition, lang).map_err(|e| {
        CanceranmalanError::Figo {
            code: e.code.to_string(),
            detail: e.to_string(),
        }
    })?;
    Ok(Figo {
        label: r.figo.label,
        stage: r.figo.stage,
        modality: r.figo.modality.map(String::from),
        molecular: r.figo.molecular,
        edition: r.edition,
        issues: issues(r.issues),
    })
}

// ---- The case lifecycle ----

/// One action taken on a case (the core's event; JSON schema version 1 through
/// [`event_to_json`]). `toString()` of the report masks the personal identity number.
#[derive(uniffi::Record, Clone, PartialEq, Debug)]
pub struct CaseEvent {
    /// The case's id.
    pub case_id: String,
    /// The position in the case's events, from 1.
    pub seq: u32,
    /// When, as ISO 8601 text.
    pub at: String,
    /// Who.
    pub by: core::Actor,
    /// What.
    pub action: core::Action,
    /// The state before (null for the first event).
    pub from: Option<core::State>,
    /// The state after.
    pub to: core::State,
    /// The comment the action carried.
    pub comment: Option<String>,
    /// The value it set.
    pub value: Option<String>,
    /// For a correction or withdrawal: the case it names.
    pub refers_to: Option<String>,
    /// The report after the action.
    pub report: core::Report,
}

impl From<&core::Event> for CaseEvent {
    fn from(e: &core::Event) -> CaseEvent {
        CaseEvent {
            case_id: e.case_id.clone(),
            seq: e.seq,
            at: e.at.to_string(),
            by: e.actor.clone(),
            action: e.action,
            from: e.from,
            to: e.to,
            comment: e.comment.clone(),
            value: e.value.clone(),
            refers_to: e.refers_to.clone(),
            report: e.report.clone(),
        }
    }
}

fn transition(e: core::TransitionError) -> CanceranmalanError {
    CanceranmalanError::Transition {
        reason: e.reason.key().to_string(),
        detail: e.detail.clone(),
        message_sv: e.message(core::Lang::Sv),
        message_en: e.message(core::Lang::En),
        issues: issues(e.issues),
    }
}

fn event_format(e: core::EventFormatError) -> CanceranmalanError {
    CanceranmalanError::EventFormat {
        at: e.at.clone(),
        detail: e.to_string(),
    }
}

fn timestamp(at: &str) -> Result<core::Timestamp, CanceranmalanError> {
    at.parse()
        .map_err(|e: core::TimestampError| CanceranmalanError::Options {
            detail: format!("at: {e}"),
        })
}

impl TryFrom<CaseEvent> for core::Event {
    type Error = CanceranmalanError;
    fn try_from(e: CaseEvent) -> Result<core::Event, CanceranmalanError> {
        Ok(core::Event {
            case_id: e.case_id,
            seq: e.seq,
            at: timestamp(&e.at)?,
            actor: e.by,
            action: e.action,
            from: e.from,
            to: e.to,
            comment: e.comment,
            value: e.value,
            refers_to: e.refers_to,
            report: e.report,
        })
    }
}

/// The event as JSON text (schema version 1), for a host's database.
#[uniffi::export]
pub fn event_to_json(event: CaseEvent) -> Result<String, CanceranmalanError> {
    Ok(core::Event::try_from(event)?.to_json())
}

/// An event from JSON text (schema version 1).
#[uniffi::export]
pub fn event_from_json(json: String) -> Result<CaseEvent, CanceranmalanError> {
    core::Event::from_json(&json)
        .map(|e| CaseEvent::from(&e))
        .map_err(event_format)
}

/// A case (ärende) in INCA: state, report, inbox data and events. Immutable: `perform`
/// returns a new case. `toString()` shows no personal identity number.
#[derive(uniffi::Object, PartialEq)]
#[uniffi::export(Display, Eq)]
pub struct Case {
    inner: core::Case,
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Case(id={}, unit={}, state={}, events={})",
            self.inner.id(),
            self.inner.unit(),
            self.inner.state(),
            self.inner.events().len()
        )
    }
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

fn perform_args(
    comment: Option<String>,
    value: Option<String>,
    report: Option<core::ParsedReport>,
    lang: Option<core::Lang>,
) -> core::Args {
    let mut args = core::Args::new().lang(lang.unwrap_or(core::Lang::Sv));
    args.comment = comment;
    args.value = value;
    args.report = report;
    args
}

fn case(
    result: Result<core::Case, core::TransitionError>,
) -> Result<Arc<Case>, CanceranmalanError> {
    result
        .map(|inner| Arc::new(Case { inner }))
        .map_err(transition)
}

#[uniffi::export]
impl Case {
    /// A reporter opens a case with a report, at a time (ISO 8601 text, e.g.
    /// `OffsetDateTime.now().toString()`); `id` defaults to "{unit}/{at}".
    #[uniffi::constructor(default(id = None))]
    pub fn open(
        report: core::Report,
        by: core::Actor,
        at: String,
        id: Option<String>,
    ) -> Result<Arc<Case>, CanceranmalanError> {
        let parsed = core::ParsedReport::from_report(report);
        case(core::Case::open(parsed, &by, timestamp(&at)?, id))
    }

    /// A reporter opens a case with a report given as wire-format JSON.
    #[uniffi::constructor(default(id = None))]
    pub fn open_json(
        report_json: String,
        by: core::Actor,
        at: String,
        id: Option<String>,
    ) -> Result<Arc<Case>, CanceranmalanError> {
        let parsed = core::parse_json(&report_json)?;
        case(core::Case::open(parsed, &by, timestamp(&at)?, id))
    }

    /// RCC opens a reminder case for a missing notification, in `unit`'s inbox.
    #[uniffi::constructor(default(id = None))]
    pub fn reminder(
        personal_id: String,
        unit: String,
        by: core::Actor,
        at: String,
        id: Option<String>,
    ) -> Result<Arc<Case>, CanceranmalanError> {
        case(core::Case::reminder(
            &personal_id,
            &unit,
            &by,
            timestamp(&at)?,
            id,
        ))
    }

    /// The case its events give.
    #[uniffi::constructor]
    pub fn replay(events: Vec<CaseEvent>) -> Result<Arc<Case>, CanceranmalanError> {
        let events = events
            .into_iter()
            .map(core::Event::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        case(core::Case::replay(&events))
    }

    /// A case from its JSON text (the events replayed and checked against the data).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Case>, CanceranmalanError> {
        core::Case::from_json(&json)
            .map(|inner| Arc::new(Case { inner }))
            .map_err(|e| match e {
                core::lifecycle::json::CaseReadError::Format(e) => event_format(e),
                core::lifecycle::json::CaseReadError::Replay(e) => transition(e),
            })
    }

    /// Takes an action; a new case, or `CanceranmalanException.Transition` (this case
    /// unchanged). `value` is a user, a date `YYYY-MM-DD`, a text or "true"/"false".
    #[uniffi::method(default(comment = None, report = None, value = None, lang = None))]
    #[allow(clippy::too_many_arguments)]
    pub fn perform(
        &self,
        action: core::Action,
        by: core::Actor,
        at: String,
        comment: Option<String>,
        report: Option<core::Report>,
        value: Option<String>,
        lang: Option<core::Lang>,
    ) -> Result<Arc<Case>, CanceranmalanError> {
        let report = report.map(core::ParsedReport::from_report);
        let args = perform_args(comment, value, report, lang);
        case(self.inner.perform(action, &by, timestamp(&at)?, args))
    }

    /// `perform` with an edited report given as wire-format JSON.
    #[uniffi::method(default(comment = None, value = None, lang = None))]
    #[allow(clippy::too_many_arguments)]
    pub fn perform_json(
        &self,
        action: core::Action,
        by: core::Actor,
        at: String,
        report_json: String,
        comment: Option<String>,
        value: Option<String>,
        lang: Option<core::Lang>,
    ) -> Result<Arc<Case>, CanceranmalanError> {
        let report = Some(core::parse_json(&report_json)?);
        let args = perform_args(comment, value, report, lang);
        case(self.inner.perform(action, &by, timestamp(&at)?, args))
    }

    /// A new case that corrects this one (sent or registered), with a comment that says so.
    #[uniffi::method(default(id = None))]
    pub fn correct(
        &self,
        report: core::Report,
        by: core::Actor,
        at: String,
        comment: String,
        id: Option<String>,
    ) -> Result<Arc<Case>, CanceranmalanError> {
        let parsed = core::ParsedReport::from_report(report);
        case(
            self.inner
                .correct(parsed, &by, timestamp(&at)?, &comment, id),
        )
    }

    /// A request to withdraw this registered case, with the reason: a new case to send.
    #[uniffi::method(default(id = None))]
    pub fn withdraw(
        &self,
        by: core::Actor,
        at: String,
        reason: String,
        id: Option<String>,
    ) -> Result<Arc<Case>, CanceranmalanError> {
        case(self.inner.withdraw(&by, timestamp(&at)?, &reason, id))
    }

    /// The case as JSON text (its data and events, schema version 1).
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The case's id.
    pub fn id(&self) -> String {
        self.inner.id().to_string()
    }
    /// The unit that owns the case.
    pub fn unit(&self) -> String {
        self.inner.unit().to_string()
    }
    /// The state.
    pub fn state(&self) -> core::State {
        self.inner.state()
    }
    /// The colour of the patient view (null for a deleted case).
    pub fn colour(&self) -> Option<core::Colour> {
        self.inner.colour()
    }
    /// What started the case: OPEN, REMIND, CORRECT or WITHDRAW.
    pub fn kind(&self) -> core::Action {
        self.inner.kind()
    }
    /// For a correction or withdrawal: the id of the case it names.
    pub fn refers_to(&self) -> Option<String> {
        self.inner.refers_to().map(str::to_string)
    }
    /// True when RCC created the case or sent it back (it cannot be deleted).
    pub fn is_from_rcc(&self) -> bool {
        self.inner.from_rcc()
    }
    /// The report as it stands.
    pub fn report(&self) -> core::Report {
        self.inner.report().clone()
    }
    /// Every event, in order.
    pub fn events(&self) -> Vec<CaseEvent> {
        self.inner.events().iter().map(CaseEvent::from).collect()
    }
    /// When the case came to the clinic's inbox (ISO 8601 text).
    pub fn arrival(&self) -> String {
        self.inner.arrival().to_string()
    }
    /// The responsible reporter.
    pub fn responsible(&self) -> Option<String> {
        self.inner.responsible().map(str::to_string)
    }
    /// The follow-up date.
    pub fn follow_up(&self) -> Option<IsoDate> {
        self.inner.follow_up().map(IsoDate)
    }
    /// The note for the unit's reporters (not for RCC's eyes).
    pub fn note(&self) -> Option<String> {
        self.inner.note().map(str::to_string)
    }
    /// RCC marked the case urgent.
    pub fn urgent(&self) -> bool {
        self.inner.urgent()
    }
}

/// One row of a unit's inbox.
#[derive(uniffi::Record)]
pub struct InboxEntry {
    /// The case.
    pub case: Arc<Case>,
    /// When it came to the inbox (ISO 8601 text).
    pub arrival: String,
    /// Ärendestatus.
    pub status: core::State,
    /// Green (for action) or pink (sent).
    pub colour: core::Colour,
    /// The responsible reporter.
    pub responsible: Option<String>,
    /// The follow-up date.
    pub follow_up: Option<IsoDate>,
    /// The follow-up date is today or past.
    pub follow_up_due: bool,
    /// The note for reporters.
    pub note: Option<String>,
    /// Marked urgent by RCC.
    pub urgent: bool,
    /// The date of diagnosis, as the report holds it.
    pub diagnosis_date: Option<String>,
    /// The date of death, as the report holds it.
    pub death_date: Option<String>,
}

/// The inbox of `unit` on `today`: its green cases (for action) and pink ones (sent), for
/// action first, then follow-up due, then urgent, then oldest arrival.
#[uniffi::export]
pub fn inbox(cases: Vec<Arc<Case>>, unit: String, today: IsoDate) -> Vec<InboxEntry> {
    let rows = core::inbox(cases.iter().map(|c| &c.inner), &unit, today.0);
    rows.iter()
        .map(|r| InboxEntry {
            case: cases
                .iter()
                .find(|c| std::ptr::eq(&c.inner, r.case))
                .cloned()
                .unwrap_or_else(|| {
                    Arc::new(Case {
                        inner: r.case.clone(),
                    })
                }),
            arrival: r.arrival.to_string(),
            status: r.status,
            colour: r.colour,
            responsible: r.responsible.map(str::to_string),
            follow_up: r.follow_up.map(IsoDate),
            follow_up_due: r.follow_up_due,
            note: r.note.map(str::to_string),
            urgent: r.urgent,
            diagnosis_date: r.diagnosis_date.map(str::to_string),
            death_date: r.death_date.map(str::to_string),
        })
        .collect()
}

/// An earlier report that may be the same tumour.
#[derive(uniffi::Record, Clone, PartialEq, Eq, Debug)]
pub struct Duplicate {
    /// The 0-based position in `others`.
    pub index: u32,
    /// The rule's key, e.g. "same_site_same_morphology".
    pub rule: String,
    /// What the rule says.
    pub message: String,
}

/// The reports in `others` of the same patient as `report` that may be the same tumour
/// (IARC/IACR 2004 multiple-primary rules, paired organs by side).
#[uniffi::export(default(lang = None))]
pub fn possible_duplicates(
    report: core::Report,
    others: Vec<core::Report>,
    lang: Option<core::Lang>,
) -> Vec<Duplicate> {
    let lang = lang.unwrap_or(core::Lang::Sv);
    core::possible_duplicates(&report, &others)
        .into_iter()
        .map(|d| Duplicate {
            index: u32::try_from(d.index).unwrap_or(u32::MAX),
            rule: d.rule.key().to_string(),
            message: d.rule.message(lang).to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uniffi::{Lift, RustBuffer};

    fn lift(buffer: Vec<u8>) -> uniffi::Result<PackedTexts> {
        <PackedTexts as Lift<crate::UniFfiTag>>::try_lift(RustBuffer::from_vec(buffer))
    }

    /// What Kotlin's `FfiConverterByteArray` writes for `bytes`: the count, then the bytes.
    fn as_kotlin_writes(bytes: &[u8]) -> Vec<u8> {
        let mut out = (bytes.len() as i32).to_be_bytes().to_vec();
        out.extend_from_slice(bytes);
        out
    }

    #[test]
    fn packed_texts_are_the_bytes_after_their_count() {
        let bytes = b"\0\0\0\x02{}";
        let packed = lift(as_kotlin_writes(bytes)).unwrap();
        assert_eq!(packed.texts(), bytes);
        assert_eq!(lift(as_kotlin_writes(b"")).unwrap().texts(), b"");
        // Read from inside a larger buffer, as uniffi would read a field of a record.
        let mut buf = &as_kotlin_writes(bytes)[..];
        let read = <PackedTexts as Lift<crate::UniFfiTag>>::try_read(&mut buf).unwrap();
        assert_eq!(read.texts(), bytes);
        assert!(buf.is_empty());
    }

    #[test]
    fn a_count_that_does_not_match_the_buffer_is_refused() {
        let mut long = as_kotlin_writes(b"abc");
        long.push(b'd');
        let mut short = as_kotlin_writes(b"abc");
        short.pop();
        for bad in [
            long,
            short,
            vec![0, 0, 0],
            vec![],
            vec![0xff, 0xff, 0xff, 0xff],
        ] {
            assert!(lift(bad).is_err());
        }
    }

    #[test]
    fn a_lifted_batch_validates_as_validate_many_does() {
        let texts = [r#"{"partial": true, "t": "T2"}"#, "[]"];
        let mut packed = Vec::new();
        for t in texts {
            packed.extend_from_slice(&(t.len() as u32).to_be_bytes());
            packed.extend_from_slice(t.as_bytes());
        }
        let options = ValidationOptions {
            today: Some(IsoDate("2025-06-01".parse().unwrap())),
            lang: None,
            allow_test_persons: false,
            rule_set: None,
            include: None,
            exclude: Vec::new(),
        };
        let results =
            validate_many_utf8(lift(as_kotlin_writes(&packed)).unwrap(), options).unwrap();
        assert_eq!(results.len(), 2);
        assert_eq!(results[0].issues[0].rule_id, "TNM-BASIS-REQUIRED");
        assert!(results[1].error.is_some());
    }

    /// Calls on one thread with options that change from call to call: each result is that
    /// of validating each text anew, whatever the validator kept from an earlier call.
    #[test]
    fn calls_with_other_options_give_what_validating_anew_gives() {
        let texts = [
            r#"{"icd10": "C50.4", "t": "T2", "n": "N1", "m": "M0", "tnm_basis": "clinical", "side": "left", "diagnosis_date": "2025-03-14"}"#,
            r#"{"icd10": "C50.4", "t": "T9", "n": "N1", "m": "M0", "diagnosis_date": "2025-03-14"}"#,
            r#"{"icd10": "C61.9", "t": "pT1c", "n": "N0", "m": "M0", "side": "left", "figo": "IB1"}"#,
            r#"{"partial": true, "specimen_year": 2031, "confirmed_rules": ["SIDE-UNPAIRED"]}"#,
        ];
        let mut packed = Vec::new();
        for t in texts {
            packed.extend_from_slice(&(t.len() as u32).to_be_bytes());
            packed.extend_from_slice(t.as_bytes());
        }
        let options = |lang: Option<core::Lang>, include: Option<Vec<String>>| ValidationOptions {
            today: Some(IsoDate("2025-06-01".parse().unwrap())),
            lang,
            allow_test_persons: false,
            rule_set: None,
            include,
            exclude: Vec::new(),
        };
        let sets = [
            options(None, None),
            options(Some(core::Lang::En), None),
            options(
                None,
                Some(vec!["SIDE-UNPAIRED".into(), "TNM-CATEGORY".into()]),
            ),
        ];
        for round in 0..3 {
            for o in sets.iter().chain(&sets[..1]) {
                let ctx = o.clone().context().unwrap();
                let got = validate_many_utf8(lift(as_kotlin_writes(&packed)).unwrap(), o.clone())
                    .unwrap();
                let anew: Vec<Vec<Issue>> = texts
                    .iter()
                    .map(|t| issues(core::validate_json(t, &ctx).unwrap()))
                    .collect();
                let got: Vec<Vec<Issue>> = got.into_iter().map(|r| r.issues).collect();
                assert_eq!(got, anew, "round {round}, {o:?}");
                // The thread keeps the validator of the call, for its context.
                let kept = LAST_VALIDATOR.take().expect("a validator kept");
                assert_eq!(*kept.context(), ctx);
                LAST_VALIDATOR.set(Some(kept));
            }
        }
    }
}
