//! The report (Canceranmälan) and its wire format.
//!
//! The wire format is a JSON object with snake_case keys (see [`Field`]); absent and `null`
//! mean "not given". Decoding never drops anything silently: an unknown key, a repeated key,
//! a value of the wrong JSON type or a value outside a code list becomes a finding that
//! validation reports as an [`crate::Issue`] naming the field.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::engine::{Arg, Hit};
use crate::field::Field;
use crate::personal_id::mask;
use crate::rules::ids;

/// Sida (laterality). Mandatory on the form for paired organs and body parts.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Side {
    /// Höger.
    Right,
    /// Vänster.
    Left,
    /// Bilateral (both sides).
    Bilateral,
    /// Okänd.
    Unknown,
}

/// Grund för TNM: whether T, N and M are clinical or pathological.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum TnmBasis {
    /// Klinisk.
    Clinical,
    /// Patologisk.
    Pathological,
}

/// Juridiskt kön (legal sex), as the ninth digit of a personnummer gives it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Sex {
    /// Kvinna (even ninth digit).
    Female,
    /// Man (odd ninth digit).
    Male,
}

/// Diagnosgrund (basis of diagnosis), the Swedish codes 1–8.
///
/// Source: RCC's Rockan/INCA code list as published in the R package *decoder* (variable
/// `digr`, by RCC Väst staff); the two autopsy codes match the form manual v3.0, which shows
/// *Obduktionsfynd* only for diagnosgrund 4 or 7.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum BasisOfDiagnosis {
    /// 1 – klinisk undersökning.
    ClinicalExamination = 1,
    /// 2 – röntgen och annan bilddiagnostik.
    Imaging = 2,
    /// 3 – provexcision eller operation med PAD (histopathology).
    Histopathology = 3,
    /// 4 – obduktion med PAD.
    AutopsyWithHistopathology = 4,
    /// 5 – cytologisk undersökning.
    Cytology = 5,
    /// 6 – operation utan PAD.
    SurgeryWithoutHistopathology = 6,
    /// 7 – obduktion utan PAD.
    AutopsyWithoutHistopathology = 7,
    /// 8 – annan laboratorieundersökning (markers, flow cytometry, genetics).
    OtherLaboratory = 8,
}

impl BasisOfDiagnosis {
    /// The Swedish code (1–8).
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The basis for a Swedish code, or `None` outside 1–8.
    pub fn from_code(code: i64) -> Option<BasisOfDiagnosis> {
        use BasisOfDiagnosis::*;
        Some(match code {
            1 => ClinicalExamination,
            2 => Imaging,
            3 => Histopathology,
            4 => AutopsyWithHistopathology,
            5 => Cytology,
            6 => SurgeryWithoutHistopathology,
            7 => AutopsyWithoutHistopathology,
            8 => OtherLaboratory,
            _ => return None,
        })
    }

    /// True for the two autopsy codes (4 and 7), where the form shows *Obduktionsfynd*.
    pub fn is_autopsy(self) -> bool {
        matches!(
            self,
            BasisOfDiagnosis::AutopsyWithHistopathology
                | BasisOfDiagnosis::AutopsyWithoutHistopathology
        )
    }
}

/// Text that holds a personal identity number: compared and stored in full, but shown only
/// masked (`19121212-****`) by `Debug` and `Display`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct SensitiveText(String);

impl SensitiveText {
    /// Wraps a text.
    pub fn new(text: impl Into<String>) -> SensitiveText {
        SensitiveText(text.into())
    }

    /// The full text. Call this only where the number is meant to leave the library.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SensitiveText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SensitiveText({:?})", mask(&self.0))
    }
}

impl fmt::Display for SensitiveText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask(&self.0))
    }
}

impl From<&str> for SensitiveText {
    fn from(s: &str) -> Self {
        SensitiveText::new(s)
    }
}

/// One Canceranmälan (A-anmälan): one primary tumour of one patient.
///
/// Dates are kept as the text the form holds (`YYYY-MM-DD`); validation checks them.
/// `Debug` masks the personal identity number.
///
/// ```
/// use canceranmalan::{Report, BasisOfDiagnosis};
/// let mut r = Report::default();
/// r.icd10 = Some("C50.9".into());
/// r.basis_of_diagnosis = Some(BasisOfDiagnosis::Histopathology);
/// assert_eq!(r.to_json(), r#"{"icd10":"C50.9","basis_of_diagnosis":3}"#);
/// ```
#[derive(Clone, Default, PartialEq, Debug)]
pub struct Report {
    /// Personnummer, samordningsnummer or reservnummer (see [`crate::PersonalId`]).
    pub personal_id: Option<SensitiveText>,
    /// Legal sex, when it should not be derived from `personal_id`.
    pub sex: Option<Sex>,
    /// Dödsdatum, `YYYY-MM-DD`.
    pub death_date: Option<String>,
    /// Diagnosdatum: date of the first examination or sample the diagnosis rests on.
    pub diagnosis_date: Option<String>,
    /// Primärtumörens lokalisation, free text.
    pub primary_site: Option<String>,
    /// ICD10-kod, e.g. `C50.9`.
    pub icd10: Option<String>,
    /// Morfologisk diagnos, free text.
    pub morphology: Option<String>,
    /// ICD-O-3 morphology code, e.g. `8500/3`.
    pub icdo3_morphology: Option<String>,
    /// Sida.
    pub side: Option<Side>,
    /// FIGO stage (gynaecological tumours).
    pub figo: Option<String>,
    /// T-kategori.
    pub t: Option<String>,
    /// N-kategori.
    pub n: Option<String>,
    /// M-kategori.
    pub m: Option<String>,
    /// Grund för TNM.
    pub tnm_basis: Option<TnmBasis>,
    /// Diagnosgrund.
    pub basis_of_diagnosis: Option<BasisOfDiagnosis>,
    /// Obduktionsfynd: the cancer was first found at autopsy.
    pub autopsy_finding: Option<bool>,
    /// Sjukhus/klinik som patienten remitterats till.
    pub referred_to: Option<String>,
    /// Patologi-/cytologiavdelning.
    pub pathology_lab: Option<String>,
    /// Preparatnummer (at most 16 characters).
    pub specimen_number: Option<String>,
    /// Preparatår (four digits).
    pub specimen_year: Option<i64>,
    /// Kontaktperson för anmälan.
    pub contact_person: Option<String>,
    /// "Enstaka uppgifter": only some details and/or only a comment are sent.
    pub partial: Option<bool>,
    /// Kommentar (not stored in the register; communication with RCC).
    pub comment: Option<String>,
}

/// Why a text is not a report at all (as opposed to a report with issues).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ReportError {
    /// What kind of problem.
    pub kind: ReportErrorKind,
    /// 1-based line of the problem in the JSON text (0 where there is no text).
    pub line: usize,
    /// 1-based column of the problem in the JSON text (0 where there is no text).
    pub column: usize,
    /// What was expected; never contains the input's values.
    pub detail: String,
}

/// The kinds of [`ReportError`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReportErrorKind {
    /// The text is not well-formed JSON.
    Syntax,
    /// Well-formed JSON, but not an object.
    NotAnObject,
    /// A value cannot be represented in JSON (e.g. an infinite number from a host language).
    Unrepresentable,
    /// A record with a fixed format (a patient record) has an unknown, repeated or mistyped
    /// field.
    InvalidField,
}

impl ReportError {
    /// An error without a position, for input that did not come as text.
    pub fn new(kind: ReportErrorKind, detail: impl Into<String>) -> ReportError {
        ReportError {
            kind,
            line: 0,
            column: 0,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ReportErrorKind::Syntax => "malformed JSON",
            ReportErrorKind::NotAnObject => "a report must be a JSON object",
            ReportErrorKind::Unrepresentable => "value cannot be represented in JSON",
            ReportErrorKind::InvalidField => "invalid record",
        };
        if self.line > 0 {
            write!(
                f,
                "{what} at line {}, column {}: {}",
                self.line, self.column, self.detail
            )
        } else {
            write!(f, "{what}: {}", self.detail)
        }
    }
}

impl std::error::Error for ReportError {}

/// A report decoded from its wire format, with what decoding found wrong.
#[derive(Clone, Debug)]
pub struct ParsedReport {
    report: Report,
    pub(crate) findings: Vec<Hit>,
}

impl ParsedReport {
    /// The report; fields that could not be decoded are `None` (and reported by validation).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Validates the report, including what decoding found (unknown keys, wrong types).
    pub fn validate(&self, ctx: &crate::ValidationContext) -> Vec<crate::Issue> {
        crate::engine::run(&self.report, &self.findings, ctx)
    }
}

/// The entries of the top-level JSON object, in order, repeated keys kept.
pub(crate) struct Entries(pub(crate) Vec<(String, Value)>);

impl<'de> de::Deserialize<'de> for Entries {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntriesVisitor)
    }
}

struct EntriesVisitor;

const NOT_OBJECT: &str = "expected a JSON object";

// Every non-object visit gives the same error, which never echoes the input (a string at the
// top level could be a personal identity number).
impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(NOT_OBJECT)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
        let mut out = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            out.push((k, v));
        }
        Ok(Entries(out))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Entries, E> {
        Err(E::custom(NOT_OBJECT))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Entries, E> {
        Err(E::custom(NOT_OBJECT))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Entries, E> {
        Err(E::custom(NOT_OBJECT))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Entries, E> {
        Err(E::custom(NOT_OBJECT))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Entries, E> {
        Err(E::custom(NOT_OBJECT))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Entries, E> {
        Err(E::custom(NOT_OBJECT))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Entries, A::Error> {
        Err(de::Error::custom(NOT_OBJECT))
    }
}

/// Decodes a report from JSON text.
///
/// Only text that is not a JSON object is an error; everything else wrong with it becomes
/// a finding that [`ParsedReport::validate`] reports.
///
/// ```
/// let parsed = canceranmalan::parse_json(r#"{"icd10": "C50.9", "colour": "blue"}"#).unwrap();
/// assert_eq!(parsed.report().icd10.as_deref(), Some("C50.9"));
/// assert!(canceranmalan::parse_json("[1, 2]").is_err());
/// ```
pub fn parse_json(json: &str) -> Result<ParsedReport, ReportError> {
    match serde_json::from_str::<Entries>(json) {
        Ok(Entries(entries)) => Ok(parse_entries(entries)),
        Err(e) => {
            let kind = match e.classify() {
                serde_json::error::Category::Data => ReportErrorKind::NotAnObject,
                _ => ReportErrorKind::Syntax,
            };
            // serde_json appends " at line L column C"; keep the message without it.
            let full = e.to_string();
            let detail = full
                .rsplit_once(" at line ")
                .map_or(full.as_str(), |(head, _)| head)
                .to_string();
            Err(ReportError {
                kind,
                line: e.line(),
                column: e.column(),
                detail,
            })
        }
    }
}

/// Decodes a report from an already parsed JSON value (for hosts that hold objects).
pub fn parse_value(value: Value) -> Result<ParsedReport, ReportError> {
    match value {
        Value::Object(map) => Ok(parse_entries(map.into_iter().collect())),
        other => Err(ReportError::new(
            ReportErrorKind::NotAnObject,
            format!("{NOT_OBJECT}, found {}", json_type(&other)),
        )),
    }
}

/// Decodes a report from key–value entries in input order (repeated keys are findings).
pub fn parse_entries(entries: Vec<(String, Value)>) -> ParsedReport {
    let mut report = Report::default();
    let mut findings = Vec::new();
    let mut seen: Vec<Field> = Vec::new();
    for (key, value) in entries {
        let Some(field) = Field::from_key(&key) else {
            let shown = shown_key(&key);
            findings.push(
                Hit::new(ids::UNKNOWN_FIELD, vec![shown.clone()]).arg("key", Arg::text(shown)),
            );
            continue;
        };
        if seen.contains(&field) {
            findings
                .push(Hit::new(ids::DUPLICATE_FIELD, vec![key.clone()]).arg("key", Arg::text(key)));
            continue;
        }
        seen.push(field);
        if value.is_null() {
            continue;
        }
        if let Err(hit) = set_field(&mut report, field, value) {
            findings.push(hit);
        }
    }
    ParsedReport { report, findings }
}

/// An unknown key as issues show it: masked where it could be a personal identity number
/// (six or more digits, as in an extract keyed by personnummer) or is unreasonably long.
pub(crate) fn shown_key(key: &str) -> String {
    let digits = key.bytes().filter(u8::is_ascii_digit).count();
    if digits >= 6 || key.chars().count() > 64 {
        mask(key)
    } else {
        key.to_string()
    }
}

/// The JSON type of a value, as messages name it.
pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The JSON type of a value in message language (English messages use JSON's own names).
fn json_type_name(v: &Value) -> Arg {
    match v {
        Value::Null => Arg::lang("null", "null"),
        Value::Bool(_) => Arg::lang("sant/falskt", "boolean"),
        Value::Number(_) => Arg::lang("ett tal", "number"),
        Value::String(_) => Arg::lang("text", "string"),
        Value::Array(_) => Arg::lang("en lista", "array"),
        Value::Object(_) => Arg::lang("ett objekt", "object"),
    }
}

/// What a field holds on the wire.
#[derive(Clone, Copy)]
enum WireType {
    Text,
    Boolean,
    Integer,
}

impl WireType {
    fn describe(self) -> Arg {
        match self {
            WireType::Text => Arg::lang("text", "text"),
            WireType::Boolean => Arg::lang("sant/falskt", "true/false"),
            WireType::Integer => Arg::lang("ett heltal", "an integer"),
        }
    }
}

fn wrong_type(field: Field, expected: WireType, got: &Value) -> Hit {
    Hit::new(ids::WRONG_TYPE, vec![field.key().to_string()])
        .arg("label", Arg::Field(field))
        .arg("expected", expected.describe())
        .arg("got", json_type_name(got))
}

fn bad_value(field: Field, allowed: &'static str) -> Hit {
    Hit::new(ids::INVALID_VALUE, vec![field.key().to_string()])
        .arg("label", Arg::Field(field))
        .arg("allowed", Arg::text(allowed))
}

fn text(field: Field, v: Value) -> Result<String, Hit> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(wrong_type(field, WireType::Text, &other)),
    }
}

fn boolean(field: Field, v: Value) -> Result<bool, Hit> {
    v.as_bool()
        .ok_or_else(|| wrong_type(field, WireType::Boolean, &v))
}

/// An integer; a number with a zero fraction (`3.0`, as spreadsheets write) counts as one.
/// Integers beyond the 64-bit range saturate: they are out of every field's range, not a
/// wrong type.
fn integer(field: Field, v: Value) -> Result<i64, Hit> {
    if let Some(i) = v.as_i64() {
        return Ok(i);
    }
    if v.as_u64().is_some() {
        return Ok(i64::MAX);
    }
    match v.as_f64() {
        // `as` saturates at the i64 bounds.
        Some(f) if f.fract() == 0.0 => Ok(f as i64),
        _ => Err(wrong_type(field, WireType::Integer, &v)),
    }
}

fn code<T>(
    field: Field,
    v: Value,
    allowed: &'static str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, Hit> {
    let s = text(field, v)?;
    parse(&s).ok_or_else(|| bad_value(field, allowed))
}

impl Side {
    /// The wire-format value.
    pub fn key(self) -> &'static str {
        match self {
            Side::Right => "right",
            Side::Left => "left",
            Side::Bilateral => "bilateral",
            Side::Unknown => "unknown",
        }
    }
    /// The side for a wire-format value.
    pub fn from_key(s: &str) -> Option<Side> {
        [Side::Right, Side::Left, Side::Bilateral, Side::Unknown]
            .into_iter()
            .find(|x| x.key() == s)
    }
}

impl TnmBasis {
    /// The wire-format value.
    pub fn key(self) -> &'static str {
        match self {
            TnmBasis::Clinical => "clinical",
            TnmBasis::Pathological => "pathological",
        }
    }
    /// The basis for a wire-format value.
    pub fn from_key(s: &str) -> Option<TnmBasis> {
        [TnmBasis::Clinical, TnmBasis::Pathological]
            .into_iter()
            .find(|x| x.key() == s)
    }
}

impl Sex {
    /// The wire-format value.
    pub fn key(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }
    /// The sex for a wire-format value.
    pub fn from_key(s: &str) -> Option<Sex> {
        [Sex::Female, Sex::Male].into_iter().find(|x| x.key() == s)
    }
}

fn set_field(r: &mut Report, field: Field, v: Value) -> Result<(), Hit> {
    use Field as F;
    match field {
        F::PersonalId => r.personal_id = Some(SensitiveText(text(field, v)?)),
        F::Sex => r.sex = Some(code(field, v, "female, male", Sex::from_key)?),
        F::DeathDate => r.death_date = Some(text(field, v)?),
        F::DiagnosisDate => r.diagnosis_date = Some(text(field, v)?),
        F::PrimarySite => r.primary_site = Some(text(field, v)?),
        F::Icd10 => r.icd10 = Some(text(field, v)?),
        F::Morphology => r.morphology = Some(text(field, v)?),
        F::Icdo3Morphology => r.icdo3_morphology = Some(text(field, v)?),
        F::Side => {
            r.side = Some(code(
                field,
                v,
                "right, left, bilateral, unknown",
                Side::from_key,
            )?)
        }
        F::Figo => r.figo = Some(text(field, v)?),
        F::T => r.t = Some(text(field, v)?),
        F::N => r.n = Some(text(field, v)?),
        F::M => r.m = Some(text(field, v)?),
        F::TnmBasis => {
            r.tnm_basis = Some(code(
                field,
                v,
                "clinical, pathological",
                TnmBasis::from_key,
            )?)
        }
        F::BasisOfDiagnosis => {
            let n = integer(field, v)?;
            r.basis_of_diagnosis =
                Some(BasisOfDiagnosis::from_code(n).ok_or_else(|| bad_value(field, "1–8"))?);
        }
        F::AutopsyFinding => r.autopsy_finding = Some(boolean(field, v)?),
        F::ReferredTo => r.referred_to = Some(text(field, v)?),
        F::PathologyLab => r.pathology_lab = Some(text(field, v)?),
        F::SpecimenNumber => r.specimen_number = Some(text(field, v)?),
        F::SpecimenYear => r.specimen_year = Some(integer(field, v)?),
        F::ContactPerson => r.contact_person = Some(text(field, v)?),
        F::Partial => r.partial = Some(boolean(field, v)?),
        F::Comment => r.comment = Some(text(field, v)?),
    }
    Ok(())
}

impl Report {
    /// The report in its wire format (absent fields left out), as a JSON value.
    ///
    /// This is the one place that reveals the personal identity number: the wire format is
    /// how a report leaves the library.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        let mut put = |f: Field, v: Option<Value>| {
            if let Some(v) = v {
                m.insert(f.key().to_string(), v);
            }
        };
        let s = |x: &Option<String>| x.clone().map(Value::String);
        put(
            Field::PersonalId,
            self.personal_id
                .as_ref()
                .map(|p| Value::String(p.0.clone())),
        );
        put(Field::Sex, self.sex.map(|x| Value::from(x.key())));
        put(Field::DeathDate, s(&self.death_date));
        put(Field::DiagnosisDate, s(&self.diagnosis_date));
        put(Field::PrimarySite, s(&self.primary_site));
        put(Field::Icd10, s(&self.icd10));
        put(Field::Morphology, s(&self.morphology));
        put(Field::Icdo3Morphology, s(&self.icdo3_morphology));
        put(Field::Side, self.side.map(|x| Value::from(x.key())));
        put(Field::Figo, s(&self.figo));
        put(Field::T, s(&self.t));
        put(Field::N, s(&self.n));
        put(Field::M, s(&self.m));
        put(
            Field::TnmBasis,
            self.tnm_basis.map(|x| Value::from(x.key())),
        );
        put(
            Field::BasisOfDiagnosis,
            self.basis_of_diagnosis.map(|x| Value::from(x.code())),
        );
        put(Field::AutopsyFinding, self.autopsy_finding.map(Value::from));
        put(Field::ReferredTo, s(&self.referred_to));
        put(Field::PathologyLab, s(&self.pathology_lab));
        put(Field::SpecimenNumber, s(&self.specimen_number));
        put(Field::SpecimenYear, self.specimen_year.map(Value::from));
        put(Field::ContactPerson, s(&self.contact_person));
        put(Field::Partial, self.partial.map(Value::from));
        put(Field::Comment, s(&self.comment));
        Value::Object(m)
    }

    /// The report as wire-format JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// True when the field holds a value (a text that is not only white space counts as not
    /// given).
    pub fn is_given(&self, field: Field) -> bool {
        let text = |s: &Option<String>| given(s).is_some();
        match field {
            Field::PersonalId => self
                .personal_id
                .as_ref()
                .is_some_and(|p| !p.0.trim().is_empty()),
            Field::Sex => self.sex.is_some(),
            Field::DeathDate => text(&self.death_date),
            Field::DiagnosisDate => text(&self.diagnosis_date),
            Field::PrimarySite => text(&self.primary_site),
            Field::Icd10 => text(&self.icd10),
            Field::Morphology => text(&self.morphology),
            Field::Icdo3Morphology => text(&self.icdo3_morphology),
            Field::Side => self.side.is_some(),
            Field::Figo => text(&self.figo),
            Field::T => text(&self.t),
            Field::N => text(&self.n),
            Field::M => text(&self.m),
            Field::TnmBasis => self.tnm_basis.is_some(),
            Field::BasisOfDiagnosis => self.basis_of_diagnosis.is_some(),
            Field::AutopsyFinding => self.autopsy_finding.is_some(),
            Field::ReferredTo => text(&self.referred_to),
            Field::PathologyLab => text(&self.pathology_lab),
            Field::SpecimenNumber => text(&self.specimen_number),
            Field::SpecimenYear => self.specimen_year.is_some(),
            Field::ContactPerson => text(&self.contact_person),
            Field::Partial => self.partial.is_some(),
            Field::Comment => text(&self.comment),
        }
    }

    /// True when the "enstaka uppgifter" box is ticked.
    pub fn is_partial(&self) -> bool {
        self.partial == Some(true)
    }
}

/// A text that is given: present and not only white space.
pub(crate) fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_through_wire_format() {
        let json = r#"{"personal_id":"19121212-1212","diagnosis_date":"2024-01-05","icd10":"C50.9","side":"left","basis_of_diagnosis":3,"autopsy_finding":false,"specimen_year":2024,"partial":true,"comment":"Åäö"}"#;
        let parsed = parse_json(json).unwrap();
        assert!(parsed.findings.is_empty());
        assert_eq!(parsed.report().to_json(), json);
    }

    #[test]
    fn debug_masks_personal_id() {
        let parsed = parse_json(r#"{"personal_id":"19121212-1212"}"#).unwrap();
        let dbg = format!("{:?}", parsed);
        assert!(!dbg.contains("1212-1212"), "{dbg}");
        assert!(dbg.contains("19121212-****"), "{dbg}");
    }

    #[test]
    fn errors_never_echo_input() {
        for json in [
            r#""19121212-1212""#,
            "[\"19121212-1212\"]",
            "191212121212",
            "{\"a\": 19121212-1212}",
        ] {
            let e = parse_json(json).unwrap_err();
            assert!(!e.to_string().contains("1212"), "{e}");
        }
    }

    #[test]
    fn integral_floats_are_integers() {
        let p = parse_json(r#"{"basis_of_diagnosis": 3.0, "specimen_year": 2024.0}"#).unwrap();
        assert!(p.findings.is_empty());
        assert_eq!(p.report().specimen_year, Some(2024));
    }
}
