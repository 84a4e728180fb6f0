//! Kotlin/JVM bindings for `canceranmalan` through UniFFI: type conversion and error mapping
//! only. Every rule, table and behaviour lives in the core crate, and so do the UniFFI
//! derivations of its types (`Report`, `PatientRecord`, `Side`, `Sex`, `Lang`, `Severity`, …,
//! behind the core's `uniffi` feature): nothing here copies a core type.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use canceranmalan as core;

uniffi::setup_scaffolding!();

/// A calendar date; in Kotlin a `java.time.LocalDate`.
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
    use chrono::Datelike;
    let d = chrono::Local::now().date_naive();
    u16::try_from(d.year())
        .ok()
        .and_then(|y| core::Date::from_ymd(y, d.month() as u8, d.day() as u8))
        .unwrap_or(core::Date::from_ymd_const(2000, 1, 1))
}

/// Masks a personal identity number (or any text that may hold one) for display: only a
/// leading birth date stays readable.
#[uniffi::export]
pub fn mask(text: String) -> String {
    core::mask(&text)
}

/// The circumstances of a validation.
#[derive(uniffi::Record)]
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
                detail: format!("no rule has the ID {unknown:?}"),
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
}

impl fmt::Display for CanceranmalanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CanceranmalanError::Report { detail, .. }
            | CanceranmalanError::PersonalId { detail, .. }
            | CanceranmalanError::Tnm { detail, .. }
            | CanceranmalanError::Figo { detail, .. }
            | CanceranmalanError::Options { detail } => f.write_str(detail),
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
    /// Null: always shown.
    pub visible_when: Option<VisibleWhen>,
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
                core::Visibility::Always => None,
                core::Visibility::When { field, one_of } => Some(VisibleWhen {
                    field: field.key().to_string(),
                    one_of: one_of.iter().map(|s| s.to_string()).collect(),
                }),
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
