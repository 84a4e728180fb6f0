//! Decoding: JSON text, a JSON value or key–value entries into a [`Report`] and the list of
//! what was wrong with them.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde_json::Value;

use super::error::{ReportError, ReportErrorKind};
use super::reader::Entries as _;
use crate::model::field::{Field, Report, FIELD_COUNT};
use crate::model::value::{JsonType, SpareTexts, ValueProblem};
use crate::vocab::sensitive::mask;

/// What decoding found wrong with one key of the input.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum WireProblem {
    /// A key that names no field; its value was not read.
    UnknownKey,
    /// A key given again; the first value was kept.
    RepeatedKey,
    /// A value the field cannot hold; the field is left not given.
    Value(ValueProblem),
    /// More unknown or repeated keys than [`MAX_KEY_FINDINGS`]: this many more were not
    /// listed (the finding's key is the first of them).
    Omitted(usize),
}

/// At most this many unknown or repeated keys are listed one by one; the rest are counted in
/// one [`WireProblem::Omitted`] finding, so that a hostile or broken input (a million unknown
/// keys) gives a bounded number of issues.
pub const MAX_KEY_FINDINGS: usize = 50;

/// One finding of decoding: the key as issues may show it, its field where it names one, and
/// the problem.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct WireFinding {
    /// The key, masked where it could hold a personal identity number (see [`shown_key`]).
    pub key: String,
    /// The field the key names, or `None` for an unknown key.
    pub field: Option<Field>,
    /// What is wrong.
    pub problem: WireProblem,
}

/// A report decoded from its wire format, with what decoding found wrong.
#[derive(Clone, Debug)]
pub struct ParsedReport {
    report: Report,
    findings: Vec<WireFinding>,
    /// Bit `i` set: field `i` was given a value it cannot hold.
    undecoded: u64,
    /// Bit `i` set: field `i` was named with `null`.
    nulled: u64,
    /// The fields that may hold a value (bit `i` clear: field `i` is `None`), so that a report
    /// read again clears only those (see [`ParsedReport::keep_fields`]). Every bit is set
    /// where that is not known.
    held: u64,
    /// The buffers of texts cleared between reads, for the next (see [`SpareTexts`]).
    spare: SpareTexts,
}

impl PartialEq for ParsedReport {
    /// The same report and the same findings (`held` is bookkeeping, not part of the value).
    fn eq(&self, other: &ParsedReport) -> bool {
        self.report == other.report
            && self.findings == other.findings
            && self.undecoded == other.undecoded
            && self.nulled == other.nulled
    }
}

// One bit per field.
const _: () = assert!(FIELD_COUNT <= 64);

impl ParsedReport {
    /// A report that did not come from the wire (nothing to report about decoding).
    pub fn from_report(report: Report) -> ParsedReport {
        ParsedReport {
            report,
            findings: Vec::new(),
            undecoded: 0,
            nulled: 0,
            held: u64::MAX,
            spare: SpareTexts::default(),
        }
    }

    /// The report; fields that could not be decoded are `None` (and reported by validation).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The report, owned.
    pub fn into_report(self) -> Report {
        self.report
    }

    /// What decoding found wrong, in input order.
    pub fn findings(&self) -> &[WireFinding] {
        &self.findings
    }

    /// True when some field was given a value of the wrong type or outside its code list.
    pub fn has_undecoded(&self) -> bool {
        self.undecoded != 0
    }

    /// True when `field` was given a value of the wrong type or outside its code list.
    pub fn is_undecoded(&self, field: Field) -> bool {
        self.undecoded & (1 << field as u32) != 0
    }

    /// True when the input named `field` with `null` (for a report, the same as leaving it
    /// out; for an edit of a case's report, "clear this field").
    pub fn is_nulled(&self, field: Field) -> bool {
        self.nulled & (1 << field as u32) != 0
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

pub(crate) use super::reader::NOT_OBJECT;

/// The visits of everything that is not an object: all give the same error, which never
/// echoes the input (a string at the top level could be a personal identity number).
macro_rules! not_an_object {
    ($out:ty) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$out, E> {
            Err(E::custom(NOT_OBJECT))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$out, E> {
            Err(E::custom(NOT_OBJECT))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$out, E> {
            Err(E::custom(NOT_OBJECT))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$out, E> {
            Err(E::custom(NOT_OBJECT))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<$out, E> {
            Err(E::custom(NOT_OBJECT))
        }
        fn visit_unit<E: de::Error>(self) -> Result<$out, E> {
            Err(E::custom(NOT_OBJECT))
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<$out, A::Error> {
            Err(de::Error::custom(NOT_OBJECT))
        }
    };
}

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
    not_an_object!(Entries);
}

/// The entries of a JSON object given as text, or why the text is not one.
pub(crate) fn entries_from_json(json: &str) -> Result<Vec<(String, Value)>, ReportError> {
    serde_json::from_str::<Entries>(json)
        .map(|Entries(e)| e)
        .map_err(|e| report_error(&e))
}

/// What serde_json found wrong with text that should be a JSON object.
fn report_error(e: &serde_json::Error) -> ReportError {
    let kind = match e.classify() {
        serde_json::error::Category::Data => ReportErrorKind::NotAnObject,
        _ => ReportErrorKind::Syntax,
    };
    // serde_json appends " at line L column C"; keep the message without it.
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let detail = full.strip_suffix(&position).unwrap_or(&full).to_string();
    ReportError {
        kind,
        line: e.line(),
        column: e.column(),
        detail,
    }
}

/// Decodes a report from JSON text.
///
/// Only text that is not a JSON object is an error; everything else wrong with it becomes
/// a finding that validation reports.
///
/// ```
/// let parsed = canceranmalan::parse_json(r#"{"icd10": "C50.9", "colour": "blue"}"#).unwrap();
/// assert_eq!(parsed.report().icd10.as_deref(), Some("C50.9"));
/// assert_eq!(parsed.findings().len(), 1);
/// assert!(canceranmalan::parse_json("[1, 2]").is_err());
/// ```
pub fn parse_json(json: &str) -> Result<ParsedReport, ReportError> {
    let mut parsed = ParsedReport::default();
    match super::reader::read_report(json, Decoder::new(&mut parsed)) {
        Ok(d) => d.finish(),
        Err(e) => return Err(read_error(json, e)),
    }
    Ok(parsed)
}

/// A reader's error as a [`ReportError`], placed as serde_json places it: the line, and the
/// bytes since the line's start.
fn read_error(json: &str, e: super::reader::ReadError) -> ReportError {
    let read = &json.as_bytes()[..e.at];
    let line_start = read.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    ReportError {
        kind: e.kind,
        line: 1 + read[..line_start].iter().filter(|b| **b == b'\n').count(),
        column: e.at - line_start,
        detail: e.detail.to_string(),
    }
}

impl ParsedReport {
    /// Reads `json` into this report: afterwards it is what [`parse_json`] makes of `json`
    /// (on an error, an empty report), whatever it held before. The text of a field given
    /// again is written into the buffer it had, so that a loop over many reports (a batch, a
    /// form validated as the user types) allocates little per report.
    ///
    /// ```
    /// use canceranmalan::{parse_json, ParsedReport};
    ///
    /// let mut parsed = ParsedReport::default();
    /// for json in [r#"{"icd10": "C50.4", "t": "T2"}"#, r#"{"icd10": "C18.7", "side": "x"}"#] {
    ///     parsed.read_json(json).unwrap();
    ///     assert_eq!(parsed, parse_json(json).unwrap());
    /// }
    /// assert!(parsed.read_json("[1]").is_err());
    /// assert_eq!(parsed, ParsedReport::default());
    /// ```
    pub fn read_json(&mut self, json: &str) -> Result<(), ReportError> {
        self.findings.clear();
        self.undecoded = 0;
        self.nulled = 0;
        match super::reader::read_report(json, Decoder::new(self)) {
            Ok(d) => {
                d.finish_reused();
                Ok(())
            }
            Err(e) => {
                *self = ParsedReport::default();
                Err(read_error(json, e))
            }
        }
    }
}

impl Default for ParsedReport {
    /// An empty report, decoded from nothing.
    fn default() -> ParsedReport {
        ParsedReport::from_report(Report::default())
    }
}

/// [`parse_json`] by `serde_json` alone, for the fuzz target that holds the reader to it
/// (only in fuzzing builds).
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn parse_json_by_serde_json(json: &str) -> Result<ParsedReport, ReportError> {
    parse_json_with_serde(json)
}

/// [`parse_json`] by `serde_json` alone: the reference the reader is held to.
#[cfg(any(test, fuzzing))]
pub(super) fn parse_json_with_serde(json: &str) -> Result<ParsedReport, ReportError> {
    serde_json::from_str::<Decoded>(json)
        .map(|Decoded(p)| p)
        .map_err(|e| report_error(&e))
}

/// Decodes a report from an already parsed JSON value (for hosts that hold objects).
pub fn parse_value(value: Value) -> Result<ParsedReport, ReportError> {
    match value {
        Value::Object(map) => Ok(parse_entries(map.into_iter().collect())),
        other => Err(ReportError::new(
            ReportErrorKind::NotAnObject,
            format!("{NOT_OBJECT}, found {}", JsonType::of(&other).key()),
        )),
    }
}

/// Decodes entries one by one, in input order: unknown and repeated keys become findings (at
/// most [`MAX_KEY_FINDINGS`] listed, the rest counted).
pub(super) struct Decoder<'p> {
    /// The report being decoded into (new, or one whose buffers are reused).
    parsed: &'p mut ParsedReport,
    seen: u64,
    key_findings: usize,
    omitted: Option<WireFinding>,
}

impl<'p> Decoder<'p> {
    /// A decoder into `parsed`, which holds no findings yet.
    pub(super) fn new(parsed: &'p mut ParsedReport) -> Decoder<'p> {
        Decoder {
            parsed,
            seen: 0,
            key_findings: 0,
            omitted: None,
        }
    }

    fn key_finding(&mut self, finding: WireFinding) {
        self.key_findings += 1;
        if self.key_findings <= MAX_KEY_FINDINGS {
            self.parsed.findings.push(finding);
        } else if let Some(WireFinding {
            problem: WireProblem::Omitted(n),
            ..
        }) = &mut self.omitted
        {
            *n += 1;
        } else {
            self.omitted = Some(WireFinding {
                problem: WireProblem::Omitted(1),
                ..finding
            });
        }
    }

    /// True the first time a field is named; a repeated key is a finding.
    fn first_time(&mut self, field: Field) -> bool {
        let bit = 1u64 << field as u32;
        if self.seen & bit != 0 {
            self.repeated(field);
            return false;
        }
        self.seen |= bit;
        true
    }

    #[cold]
    fn repeated(&mut self, field: Field) {
        self.key_finding(WireFinding {
            key: field.key().to_string(),
            field: Some(field),
            problem: WireProblem::RepeatedKey,
        });
    }

    fn entry(&mut self, key: &str, value: Value) {
        match Field::from_key(key) {
            Some(field) => self.field(field, value),
            None => self.unknown(key),
        }
    }

    /// Adds the count of findings left out, if any.
    pub(super) fn finish(self) {
        self.parsed.findings.extend(self.omitted);
    }

    /// [`Decoder::finish`] for a report read into one that held another: the fields this
    /// text did not set (not given, `null`, or a value they cannot hold) are cleared, as a
    /// new report would have them.
    fn finish_reused(self) {
        let set = self.seen & !self.parsed.undecoded & !self.parsed.nulled;
        self.parsed.findings.extend(self.omitted);
        self.parsed.keep_fields(set, self.seen);
    }
}

impl super::reader::Entries for Decoder<'_> {
    /// One entry whose key names no field.
    fn unknown(&mut self, key: &str) {
        self.key_finding(WireFinding {
            key: shown_key(key),
            field: None,
            problem: WireProblem::UnknownKey,
        });
    }

    /// One entry of a field.
    fn field(&mut self, field: Field, value: Value) {
        if self.first_time(field) {
            self.parsed.decode(field, value);
        }
    }

    fn field_text(&mut self, field: Field, text: Cow<'_, str>) {
        if self.first_time(field) {
            self.parsed.decode_text(field, text);
        }
    }

    fn field_int(&mut self, field: Field, value: i64) {
        if self.first_time(field) {
            // Through `set_json`, which the JSON reader has anyway: `set_int` would add its
            // own match over the field table to the web form's download (about 1.2 kB).
            self.parsed.decode(field, Value::from(value));
        }
    }
}

/// Decodes a report from key–value entries in input order (repeated keys are findings).
pub fn parse_entries(entries: Vec<(String, Value)>) -> ParsedReport {
    let mut parsed = ParsedReport::default();
    let mut d = Decoder::new(&mut parsed);
    for (key, value) in entries {
        d.entry(&key, value);
    }
    d.finish();
    parsed
}

/// The value of one entry of an object, as a host that holds the object (a JavaScript
/// object in a web form) hands it over without writing the object as JSON text: a string's
/// text as it is (no quotes, no escapes), or any other value written as JSON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryText<'a> {
    /// The text a JSON string holds.
    Text(&'a str),
    /// Any value written as JSON text (`2025`, `true`, `null`, `[1]`, …).
    Json(&'a str),
}

/// Decodes a report from the entries of an object, in input order (keys as they are, not
/// quoted): what [`parse_json`] makes of the object they write. A value given as JSON text
/// that is not one JSON value is the error that reading it gives (its position within that
/// value).
///
/// ```
/// use canceranmalan::wire::decode::{parse_entry_texts, EntryText};
/// use canceranmalan::parse_json;
///
/// let entries = [("icd10", EntryText::Text("C50.4")), ("specimen_year", EntryText::Json("2025")), ("colour", EntryText::Text("blue"))];
/// let parsed = parse_entry_texts(entries).unwrap();
/// assert_eq!(parsed, parse_json(r#"{"icd10": "C50.4", "specimen_year": 2025, "colour": "blue"}"#).unwrap());
/// assert!(parse_entry_texts([("t", EntryText::Json("T2"))]).is_err());
/// ```
pub fn parse_entry_texts<'a>(
    entries: impl IntoIterator<Item = (&'a str, EntryText<'a>)>,
) -> Result<ParsedReport, ReportError> {
    let mut parsed = ParsedReport::default();
    let mut d = Decoder::new(&mut parsed);
    for (key, value) in entries {
        match (Field::from_key(key), value) {
            (Some(field), EntryText::Text(text)) => d.field_text(field, Cow::Borrowed(text)),
            (field, EntryText::Json(json)) => {
                let value = super::reader::read_value(json).map_err(|e| read_error(json, e))?;
                match field {
                    Some(field) => d.field(field, value),
                    None => d.unknown(key),
                }
            }
            (None, EntryText::Text(_)) => d.unknown(key),
        }
    }
    d.finish();
    Ok(parsed)
}

/// A top-level key as read: a field, or a key that names none (borrowed from the text where
/// it has no escapes, so that known keys cost no allocation).
#[cfg(any(test, fuzzing))]
enum Key {
    Field(Field),
    Unknown(String),
}

#[cfg(any(test, fuzzing))]
impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                Ok(Field::from_key(s).map_or_else(|| Key::Unknown(s.to_string()), Key::Field))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// The whole report decoded by serde_json while the text is read (the reference that
/// `reader` is tested against).
#[cfg(any(test, fuzzing))]
struct Decoded(ParsedReport);

#[cfg(any(test, fuzzing))]
impl<'de> de::Deserialize<'de> for Decoded {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DecodedVisitor;
        impl<'de> Visitor<'de> for DecodedVisitor {
            type Value = Decoded;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(NOT_OBJECT)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decoded, A::Error> {
                let mut parsed = ParsedReport::default();
                let mut d = Decoder::new(&mut parsed);
                while let Some(key) = map.next_key::<Key>()? {
                    let value = map.next_value::<Value>()?;
                    match key {
                        Key::Field(field) => d.field(field, value),
                        Key::Unknown(key) => d.unknown(&key),
                    }
                }
                d.finish();
                Ok(Decoded(parsed))
            }
            not_an_object!(Decoded);
        }
        d.deserialize_any(DecodedVisitor)
    }
}

/// One value for [`parse_cells`]: a text (what a JSON string holds, borrowed) or any JSON
/// value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// A text: copied once where the field keeps text, not at all where it is a code.
    Text(&'a str),
    /// An integer: what a JSON number without a fraction holds, without a [`Value`] made of it.
    Int(i64),
    /// Any JSON value (`null`: not given).
    Json(Value),
}

/// A column of texts for one field, for [`ParsedReport::read_text`]: the field's way of
/// taking a text is looked up once for the column (see [`Report::text_writer`]).
#[derive(Clone, Copy)]
pub struct TextColumn {
    field: Field,
    write: fn(&mut Report, &str, &mut SpareTexts) -> Result<(), ValueProblem>,
}

impl TextColumn {
    /// The column of texts for `field`.
    pub fn new(field: Field) -> TextColumn {
        TextColumn {
            field,
            write: Report::text_writer(field),
        }
    }

    /// The column's field.
    pub fn field(&self) -> Field {
        self.field
    }
}

impl fmt::Debug for TextColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TextColumn").field(&self.field).finish()
    }
}

/// A row being read cell by cell into a [`ParsedReport`] (see
/// [`ParsedReport::begin_cells`]): which fields its cells set so far, and which they tried
/// to set and could not.
#[derive(Clone, Copy, Debug, Default)]
pub struct CellRead {
    set: u64,
    tried: u64,
}

impl CellRead {
    #[inline]
    fn settle(
        &mut self,
        parsed: &mut ParsedReport,
        field: Field,
        bit: u64,
        result: Result<(), ValueProblem>,
    ) {
        match result {
            Ok(()) => self.set |= bit,
            Err(problem) => {
                self.tried |= bit;
                parsed.settle(field, Err(problem));
            }
        }
    }
}

/// [`parse_fields`] for hosts that hold text cells (an Arrow column of strings): a text is
/// decoded as the JSON string it would be, without a [`Value`] made of it.
///
/// ```
/// use canceranmalan::wire::decode::{parse_cells, Cell};
/// use canceranmalan::{Field, Side};
///
/// let r = parse_cells([(Field::Side, Cell::Text("left")), (Field::SpecimenYear, Cell::Json(2025.into()))]);
/// assert_eq!(r.report().side, Some(Side::Left));
/// assert_eq!(r.report().specimen_year, Some(2025));
/// ```
pub fn parse_cells<'a>(cells: impl IntoIterator<Item = (Field, Cell<'a>)>) -> ParsedReport {
    let mut parsed = ParsedReport::from_report(Report::default());
    for (field, cell) in cells {
        match cell {
            Cell::Text(text) => parsed.decode_text(field, Cow::Borrowed(text)),
            Cell::Int(value) => parsed.decode_int(field, value),
            Cell::Json(value) => parsed.decode(field, value),
        }
    }
    parsed
}

impl ParsedReport {
    /// Reads `cells` into this report: afterwards it is what [`parse_cells`] makes of them,
    /// whatever it held before. The text of a field given again is written into the buffer it
    /// had, so that a loop over the rows of a table allocates little per row.
    ///
    /// ```
    /// use canceranmalan::wire::decode::{parse_cells, Cell};
    /// use canceranmalan::{Field, ParsedReport};
    ///
    /// let mut parsed = ParsedReport::default();
    /// let rows = [
    ///     [(Field::Icd10, Cell::Text("C50.4")), (Field::Side, Cell::Text("left"))],
    ///     [(Field::Icd10, Cell::Text("C18.7")), (Field::Side, Cell::Json(serde_json::Value::Null))],
    /// ];
    /// for row in rows {
    ///     parsed.read_cells(row.clone());
    ///     assert_eq!(parsed, parse_cells(row));
    /// }
    /// ```
    pub fn read_cells<'a>(&mut self, cells: impl IntoIterator<Item = (Field, Cell<'a>)>) {
        let mut read = self.begin_cells();
        for (field, cell) in cells {
            self.read_cell(&mut read, field, cell);
        }
        self.end_cells(read);
    }

    /// Starts a read of one row cell by cell: [`ParsedReport::read_cells`] in three steps,
    /// for a host that reads a table a column at a time over a few rows, each row into a
    /// report of its own (the column's type is then settled once for many rows). Give each
    /// cell with [`ParsedReport::read_cell`] or [`ParsedReport::read_text`], then finish
    /// with [`ParsedReport::end_cells`]; the report is then what `read_cells` makes of the
    /// same cells.
    ///
    /// ```
    /// use canceranmalan::wire::decode::{parse_cells, Cell, TextColumn};
    /// use canceranmalan::{Field, ParsedReport};
    ///
    /// let mut reports = vec![ParsedReport::default(), ParsedReport::default()];
    /// let mut reads: Vec<_> = reports.iter_mut().map(ParsedReport::begin_cells).collect();
    /// // A column of codes, then a column of years, each over both rows.
    /// let codes = TextColumn::new(Field::Icd10);
    /// for (i, icd10) in ["C50.4", "C18.7"].into_iter().enumerate() {
    ///     reports[i].read_text(&mut reads[i], codes, icd10);
    /// }
    /// for (i, year) in [Cell::Int(2025), Cell::Json(serde_json::Value::Null)].into_iter().enumerate() {
    ///     reports[i].read_cell(&mut reads[i], Field::SpecimenYear, year);
    /// }
    /// for (report, read) in reports.iter_mut().zip(reads) {
    ///     report.end_cells(read);
    /// }
    /// assert_eq!(reports[0], parse_cells([(Field::Icd10, Cell::Text("C50.4")), (Field::SpecimenYear, Cell::Int(2025))]));
    /// assert_eq!(reports[1].report().specimen_year, None);
    /// ```
    pub fn begin_cells(&mut self) -> CellRead {
        self.findings.clear();
        self.undecoded = 0;
        self.nulled = 0;
        CellRead::default()
    }

    /// Reads one cell of the row `read` began (see [`ParsedReport::begin_cells`]).
    #[inline]
    pub fn read_cell(&mut self, read: &mut CellRead, field: Field, cell: Cell<'_>) {
        let bit = 1u64 << field as u32;
        let result = match cell {
            // A text cell the one way a column of texts is read.
            Cell::Text(text) => return self.read_text(read, TextColumn::new(field), text),
            Cell::Int(value) => self.report.set_int(field, value),
            Cell::Json(value) if value.is_null() => {
                // Null holds nothing to free: no call to drop it.
                std::mem::forget(value);
                self.nulled |= bit;
                return;
            }
            Cell::Json(value) => self.report.set_json(field, value),
        };
        read.settle(self, field, bit, result);
    }

    /// [`ParsedReport::read_cell`] of a text cell of a column of texts (see [`TextColumn`]).
    #[inline]
    pub fn read_text(&mut self, read: &mut CellRead, column: TextColumn, text: &str) {
        let result = (column.write)(&mut self.report, text, &mut self.spare);
        read.settle(self, column.field, 1u64 << column.field as u32, result);
    }

    /// Ends the read `read` began: a field none of whose cells set it (null, or a value it
    /// cannot hold) holds what the report held before, as a field not given does: a new
    /// report would hold nothing.
    pub fn end_cells(&mut self, read: CellRead) {
        self.keep_fields(read.set, read.set | read.tried);
    }

    /// Clears the fields whose bits `keep` does not set, after a read that wrote to no
    /// fields but those of `touched`. Only fields that may hold a value are looked at: a
    /// table read row by row has the same columns in every row, and a batch of JSON texts
    /// mostly the same keys, so there is seldom one to clear.
    fn keep_fields(&mut self, keep: u64, touched: u64) {
        let mut clear = (self.held | touched) & !keep;
        while clear != 0 {
            let i = clear.trailing_zeros() as usize;
            clear &= clear - 1;
            if let Some(field) = Field::ALL.get(i) {
                self.report.clear_into(*field, &mut self.spare);
            }
        }
        self.held = keep;
    }
}

/// Decodes a report from values by field (a row of a table, whose columns are the fields:
/// no key is unknown or repeated). The same decoding as [`parse_entries`], without a key
/// to read per value.
pub fn parse_fields(fields: impl IntoIterator<Item = (Field, Value)>) -> ParsedReport {
    parse_cells(fields.into_iter().map(|(f, v)| (f, Cell::Json(v))))
}

impl ParsedReport {
    /// Sets `field` from a JSON value, or records why it cannot hold it (`null`: named, not
    /// given).
    fn decode(&mut self, field: Field, value: Value) {
        let bit = 1u64 << field as u32;
        if value.is_null() {
            self.nulled |= bit;
            return;
        }
        let set = self.report.set_json(field, value);
        self.settle(field, set);
    }

    /// [`ParsedReport::decode`] of a JSON integer, without making a [`Value`] of it.
    fn decode_int(&mut self, field: Field, value: i64) {
        let set = self.report.set_int(field, value);
        self.settle(field, set);
    }

    /// [`ParsedReport::decode`] of a JSON string, without making a [`Value`] of it.
    pub(crate) fn decode_text(&mut self, field: Field, text: Cow<'_, str>) {
        let set = self.report.set_text(field, text);
        self.settle(field, set);
    }

    /// Records why a field could not hold its value.
    #[inline]
    fn settle(&mut self, field: Field, set: Result<(), ValueProblem>) {
        if let Err(problem) = set {
            self.unsettled(field, problem);
        }
    }

    #[cold]
    fn unsettled(&mut self, field: Field, problem: ValueProblem) {
        self.undecoded |= 1u64 << field as u32;
        self.findings.push(WireFinding {
            key: field.key().to_string(),
            field: Some(field),
            problem: WireProblem::Value(problem),
        });
    }
}

/// The longest key, in characters, that messages show; longer keys are cut.
pub const SHOWN_KEY_CHARS: usize = 32;

/// A key as messages show it: masked (see [`mask`]) where it could hold a personal identity
/// number (six or more digits of any script, as in an extract keyed by personnummer), and cut
/// to [`SHOWN_KEY_CHARS`] characters and `…` where it is longer.
pub fn shown_key(key: &str) -> String {
    let digits = key.chars().filter(|c| c.is_numeric()).count();
    let long = key.chars().nth(SHOWN_KEY_CHARS).is_some();
    if digits < 6 && !long {
        return key.to_string();
    }
    let head: String = key.chars().take(SHOWN_KEY_CHARS).collect();
    let mut shown = if digits >= 6 { mask(&head) } else { head };
    if long {
        shown.push('…');
    }
    shown
}

/// A text in double quotes as error messages show a key or an ID: `"` and `\` escaped; tab,
/// carriage return, line feed and NUL as `\t`, `\r`, `\n`, `\0`; other control characters as
/// `\u{..}`, so that a message stays on one line whatever the text holds. The same as Rust's
/// `{:?}` for such texts, without its Unicode tables (the web form's download counts them).
///
/// ```
/// use canceranmalan::wire::decode::quoted;
/// assert_eq!(quoted("diagnos"), r#""diagnos""#);
/// assert_eq!(quoted("a\"b\n\u{1}"), r#""a\"b\n\u{1}""#);
/// ```
pub fn quoted(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text a report no longer holds is kept only as a buffer: the report's `Debug` never
    /// shows it, and the next text written into the buffer is all the field holds.
    #[test]
    fn spare_texts_are_reused_and_never_shown() {
        let mut parsed = ParsedReport::default();
        let comment = TextColumn::new(Field::Comment);
        let mut read = parsed.begin_cells();
        parsed.read_text(&mut read, comment, "19121212-1212 ringer tillbaka");
        parsed.end_cells(read);
        // The next row has no comment: its buffer is kept, not freed.
        let read = parsed.begin_cells();
        parsed.end_cells(read);
        assert_eq!(parsed.report().comment, None);
        let shown = format!("{parsed:?}");
        assert!(
            !shown.contains("1212") && shown.contains("SpareTexts(1)"),
            "{shown}"
        );
        // The row after takes the kept buffer.
        let mut read = parsed.begin_cells();
        parsed.read_text(&mut read, comment, "kort");
        parsed.end_cells(read);
        assert_eq!(parsed.report().comment.as_deref(), Some("kort"));
        assert!(format!("{parsed:?}").contains("SpareTexts(0)"));
    }

    proptest::proptest! {
        /// A text cell decodes as the JSON string it stands for, in every field (text, code,
        /// number, list), problems included.
        #[test]
        fn a_text_cell_is_its_json_string(i in 0..FIELD_COUNT, text in "(left|right|pathological|clinical|female|3|T2|C50\\.9|[a-zåö0-9 -]{0,12})") {
            let field = Field::ALL[i];
            let by_cell = parse_cells([(field, Cell::Text(&text))]);
            let by_value = parse_fields([(field, Value::String(text.clone()))]);
            proptest::prop_assert_eq!(by_cell, by_value);
        }

        /// An integer cell decodes as the JSON number it stands for, in every field (codes,
        /// numbers, and the problems of a number where text, a boolean or a list belongs), read
        /// alone and into a report that held another row.
        #[test]
        fn an_int_cell_is_its_json_number(i in 0..FIELD_COUNT, n in proptest::prop_oneof![-3i64..12, proptest::num::i64::ANY]) {
            let field = Field::ALL[i];
            let by_cell = parse_cells([(field, Cell::Int(n))]);
            let by_value = parse_fields([(field, Value::from(n))]);
            proptest::prop_assert_eq!(&by_cell, &by_value);
            let mut read = parse_cells([(Field::Icd10, Cell::Text("C50.9")), (field, Cell::Text("x"))]);
            read.read_cells([(field, Cell::Int(n))]);
            proptest::prop_assert_eq!(read, by_value);
        }

        /// `quoted` writes what `{:?}` writes, for texts of controls, quotes, backslashes and
        /// ordinary letters (it differs only where Debug consults its Unicode tables).
        #[test]
        fn quoted_is_debug_for_ordinary_text(text in "[\\x00-\\x7f\\u{80}-\\u{9f}åäöÅÄÖé€\"\\\\]{0,24}") {
            proptest::prop_assert_eq!(quoted(&text), format!("{text:?}"));
        }
    }

    #[test]
    fn round_trip_through_wire_format() {
        let json = r#"{"personal_id":"19121212-1212","diagnosis_date":"2024-01-05","icd10":"C50.9","side":"left","basis_of_diagnosis":3,"autopsy_finding":false,"specimen_year":2024,"partial":true,"comment":"Åäö"}"#;
        let parsed = parse_json(json).unwrap();
        assert!(parsed.findings().is_empty());
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
        assert!(p.findings().is_empty());
        assert_eq!(p.report().specimen_year, Some(2024));
    }

    #[test]
    fn key_findings_are_bounded() {
        let entries = (0..10_000)
            .map(|i| (format!("k{i}"), Value::Null))
            .collect();
        let p = parse_entries(entries);
        assert_eq!(p.findings().len(), MAX_KEY_FINDINGS + 1);
        let last = p.findings().last().unwrap();
        assert_eq!(
            last.problem,
            WireProblem::Omitted(10_000 - MAX_KEY_FINDINGS)
        );
        assert_eq!(last.key, format!("k{MAX_KEY_FINDINGS}"));
    }

    #[test]
    fn shown_keys_are_short_and_masked() {
        assert_eq!(shown_key("diagnosdatum"), "diagnosdatum");
        assert_eq!(shown_key("5803122489"), "580312****");
        assert_eq!(shown_key("１９５８０３１２-２４８９"), "*************");
        let long = "x".repeat(1_000_000);
        assert_eq!(
            shown_key(&long),
            format!("{}…", "x".repeat(SHOWN_KEY_CHARS))
        );
        let long_id = format!("19640823-3234{}", "y".repeat(100));
        assert_eq!(shown_key(&long_id), format!("19640823-{}…", "*".repeat(23)));
    }

    #[test]
    fn undecoded_fields_are_marked() {
        let p = parse_json(r#"{"side": "vänster", "partial": "ja", "icd10": "C50"}"#).unwrap();
        assert!(p.is_undecoded(Field::Side) && p.is_undecoded(Field::Partial));
        assert!(!p.is_undecoded(Field::Icd10));
        assert_eq!(p.report().side, None);
    }
}
