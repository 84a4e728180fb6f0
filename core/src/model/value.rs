//! How a field's value is held in the JSON data model: its JSON shape, how it is read from a
//! JSON value and written back, and when it counts as given. The field table
//! ([`super::field`]) names a Rust type per field; this trait is what that type brings.

use std::borrow::Cow;

use serde_json::Value;

use crate::vocab::codes::{BasisOfDiagnosis, Code, CodeEntry, Sex, Side, TnmBasis};
use crate::vocab::lang::Text;
use crate::vocab::sensitive::SensitiveText;

/// The JSON shape of a field's value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum JsonShape {
    /// A JSON string.
    String,
    /// A JSON number without a fraction (`3.0`, as spreadsheets write, counts).
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A list of strings.
    StringList,
}

impl JsonShape {
    /// A language-neutral name: `"string"`, `"integer"` or `"boolean"`.
    pub fn key(self) -> &'static str {
        match self {
            JsonShape::String => "string",
            JsonShape::Integer => "integer",
            JsonShape::Boolean => "boolean",
            JsonShape::StringList => "string_list",
        }
    }

    /// How messages describe a value of this shape.
    pub fn describe(self) -> Text {
        match self {
            JsonShape::String => Text::new("text", "text"),
            JsonShape::Boolean => Text::new("sant/falskt", "true/false"),
            JsonShape::Integer => Text::new("ett heltal", "an integer"),
            JsonShape::StringList => Text::new("en lista med text", "a list of strings"),
        }
    }
}

/// The JSON type of a value that was found.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonType {
    /// The type of a value.
    pub fn of(v: &Value) -> JsonType {
        match v {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    /// JSON's own name of the type (`"number"`).
    pub fn key(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Array => "array",
            JsonType::Object => "object",
        }
    }

    /// How messages name the type.
    pub fn describe(self) -> Text {
        match self {
            JsonType::Null => Text::new("null", "null"),
            JsonType::Boolean => Text::new("sant/falskt", "boolean"),
            JsonType::Number => Text::new("ett tal", "number"),
            JsonType::String => Text::new("text", "string"),
            JsonType::Array => Text::new("en lista", "array"),
            JsonType::Object => Text::new("ett objekt", "object"),
        }
    }
}

/// Why a JSON value cannot be a field's value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ValueProblem {
    /// The value has the wrong JSON type.
    WrongType {
        /// What the field holds.
        expected: JsonShape,
        /// What was found.
        found: JsonType,
    },
    /// The value has the right type but is not in the field's code list.
    NotInCodeList,
}

/// A Rust type that a field of the report holds.
pub trait FieldValue: Sized {
    /// The JSON shape of the value.
    const SHAPE: JsonShape;
    /// The code list, for coded values (empty otherwise).
    const CODES: &'static [CodeEntry] = &[];
    /// Reads the value from JSON (never `null`: that means "not given" and is handled before).
    fn from_json(v: Value) -> Result<Self, ValueProblem>;
    /// [`FieldValue::from_json`] of a JSON string, without the [`Value`] made first: a text
    /// value copies it once, a code reads its key without a copy.
    fn from_text(text: Cow<'_, str>) -> Result<Self, ValueProblem> {
        Self::from_json(Value::String(text.into_owned()))
    }
    /// [`FieldValue::from_json`] of a JSON integer, without the [`Value`] made first.
    fn from_int(v: i64) -> Result<Self, ValueProblem> {
        Self::from_json(Value::from(v))
    }
    /// Sets `slot` to [`FieldValue::from_text`] of `text` (on a problem `slot` is left as it
    /// was). A text value writes into the text already in the slot, so that a report read
    /// again and again (the wire layer's `ParsedReport::read_json`) keeps its buffers.
    fn text_into(slot: &mut Option<Self>, text: Cow<'_, str>) -> Result<(), ValueProblem> {
        *slot = Some(Self::from_text(text)?);
        Ok(())
    }
    /// [`FieldValue::text_into`], taking a spare buffer where the value is text and the slot
    /// holds none (see [`SpareTexts`]).
    #[inline]
    fn text_into_spare(
        slot: &mut Option<Self>,
        text: &str,
        _spare: &mut SpareTexts,
    ) -> Result<(), ValueProblem> {
        Self::text_into(slot, Cow::Borrowed(text))
    }
    /// Empties the slot, keeping its buffer in `spare` where the value is text.
    #[inline]
    fn clear_into(slot: &mut Option<Self>, _spare: &mut SpareTexts) {
        *slot = None;
    }
    /// Writes the value as JSON.
    fn to_json(&self) -> Value;
    /// False for a value that counts as not given (text that is only white space).
    fn is_given(&self) -> bool {
        true
    }
    /// The text of a free-text value (not of a personal identity number).
    fn as_text(&self) -> Option<&str> {
        None
    }
    /// The wire key of a coded value (`"right"`, `"4"`), for visibility conditions.
    fn code_key(&self) -> Option<&'static str> {
        None
    }
}

fn wrong(expected: JsonShape, v: &Value) -> ValueProblem {
    ValueProblem::WrongType {
        expected,
        found: JsonType::of(v),
    }
}

fn string(v: Value) -> Result<String, ValueProblem> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(wrong(JsonShape::String, &other)),
    }
}

/// An integer; see [`json_integer`].
fn integer(v: &Value) -> Result<i64, ValueProblem> {
    match v {
        Value::Number(n) => json_integer(n),
        _ => None,
    }
    .ok_or_else(|| wrong(JsonShape::Integer, v))
}

/// The integer a JSON number gives an integer field, or `None` where it gives none (a
/// fraction: a wrong type). A number with a zero fraction (`3.0`, as spreadsheets write)
/// counts as one; integers beyond the 64-bit range saturate (they are out of every field's
/// range, not a wrong type). Hosts that hold numbers of other kinds (an Arrow column of
/// `uint64` or `float64`) read them through this, as the wire format would.
///
/// ```
/// use canceranmalan::model::value::json_integer;
/// use serde_json::Number;
///
/// assert_eq!(json_integer(&Number::from(u64::MAX)), Some(i64::MAX));
/// assert_eq!(json_integer(&Number::from_f64(3.0).unwrap()), Some(3));
/// assert_eq!(json_integer(&Number::from_f64(-1e300).unwrap()), Some(i64::MIN));
/// assert_eq!(json_integer(&Number::from_f64(2.5).unwrap()), None);
/// ```
pub fn json_integer(n: &serde_json::Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    if n.as_u64().is_some() {
        return Some(i64::MAX);
    }
    // `as` saturates at the i64 bounds.
    n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)
}

/// Buffers of texts a report no longer holds, kept to hold the next texts: a reader of a
/// table's rows, where a field is given in one row and not in the next, would otherwise free
/// its text and allocate it again. Its `Debug` shows how many it keeps, never their bytes.
#[derive(Clone, Default)]
pub struct SpareTexts(Vec<String>);

impl SpareTexts {
    /// At most this many buffers are kept (a report has fewer text fields).
    const MAX: usize = 32;

    /// A kept buffer (empty), or a new one.
    #[inline]
    pub fn take(&mut self) -> String {
        self.0.pop().unwrap_or_default()
    }

    /// Keeps `text`'s buffer (emptied) for a later text.
    #[inline]
    pub fn keep(&mut self, mut text: String) {
        if self.0.len() < Self::MAX && text.capacity() > 0 {
            text.clear();
            self.0.push(text);
        }
    }
}

impl std::fmt::Debug for SpareTexts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SpareTexts({})", self.0.len())
    }
}

/// Puts `text` in `slot`: into the string already there where there is one (no allocation
/// where it has room), else as a new string (a text that had escapes is moved, not copied).
#[inline]
fn write_text(slot: &mut Option<String>, text: Cow<'_, str>) {
    match (slot.as_mut(), text) {
        (Some(kept), Cow::Borrowed(t)) => {
            kept.clear();
            kept.push_str(t);
        }
        (_, text) => *slot = Some(text.into_owned()),
    }
}

impl FieldValue for String {
    const SHAPE: JsonShape = JsonShape::String;
    fn from_json(v: Value) -> Result<Self, ValueProblem> {
        string(v)
    }
    fn from_text(text: Cow<'_, str>) -> Result<Self, ValueProblem> {
        Ok(text.into_owned())
    }
    #[inline]
    fn text_into(slot: &mut Option<Self>, text: Cow<'_, str>) -> Result<(), ValueProblem> {
        write_text(slot, text);
        Ok(())
    }
    #[inline]
    fn text_into_spare(
        slot: &mut Option<Self>,
        text: &str,
        spare: &mut SpareTexts,
    ) -> Result<(), ValueProblem> {
        let kept = slot.get_or_insert_with(|| spare.take());
        kept.clear();
        kept.push_str(text);
        Ok(())
    }
    #[inline]
    fn clear_into(slot: &mut Option<Self>, spare: &mut SpareTexts) {
        if let Some(text) = slot.take() {
            spare.keep(text);
        }
    }
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
    fn is_given(&self) -> bool {
        !crate::vocab::is_blank(self)
    }
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl FieldValue for SensitiveText {
    const SHAPE: JsonShape = JsonShape::String;
    fn from_json(v: Value) -> Result<Self, ValueProblem> {
        string(v).map(SensitiveText::new)
    }
    fn from_text(text: Cow<'_, str>) -> Result<Self, ValueProblem> {
        Ok(SensitiveText::new(text.into_owned()))
    }
    fn text_into(slot: &mut Option<Self>, text: Cow<'_, str>) -> Result<(), ValueProblem> {
        match slot {
            Some(kept) => kept.replace_with(&text),
            None => *slot = Some(SensitiveText::new(text.into_owned())),
        }
        Ok(())
    }
    fn to_json(&self) -> Value {
        Value::String(self.reveal().to_string())
    }
    fn is_given(&self) -> bool {
        !crate::vocab::is_blank(self.reveal())
    }
}

impl FieldValue for bool {
    const SHAPE: JsonShape = JsonShape::Boolean;
    fn from_json(v: Value) -> Result<Self, ValueProblem> {
        v.as_bool().ok_or_else(|| wrong(JsonShape::Boolean, &v))
    }
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl FieldValue for i64 {
    const SHAPE: JsonShape = JsonShape::Integer;
    fn from_json(v: Value) -> Result<Self, ValueProblem> {
        integer(&v)
    }
    fn from_int(v: i64) -> Result<Self, ValueProblem> {
        Ok(v)
    }
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

/// Code lists whose wire value is a string key.
macro_rules! text_code {
    ($($t:ty),+) => {$(
        impl FieldValue for $t {
            const SHAPE: JsonShape = JsonShape::String;
            const CODES: &'static [CodeEntry] = <$t as Code>::ENTRIES;
            fn from_json(v: Value) -> Result<Self, ValueProblem> {
                <$t as Code>::from_key(&string(v)?).ok_or(ValueProblem::NotInCodeList)
            }
            fn from_text(text: Cow<'_, str>) -> Result<Self, ValueProblem> {
                <$t as Code>::from_key(&text).ok_or(ValueProblem::NotInCodeList)
            }
            fn to_json(&self) -> Value {
                Value::from(Code::key(*self))
            }
            fn code_key(&self) -> Option<&'static str> {
                Some(Code::key(*self))
            }
        }
    )+};
}

text_code!(Side, TnmBasis, Sex);

impl FieldValue for BasisOfDiagnosis {
    const SHAPE: JsonShape = JsonShape::Integer;
    const CODES: &'static [CodeEntry] = <BasisOfDiagnosis as Code>::ENTRIES;
    fn from_json(v: Value) -> Result<Self, ValueProblem> {
        Self::from_int(integer(&v)?)
    }
    fn from_int(v: i64) -> Result<Self, ValueProblem> {
        BasisOfDiagnosis::from_code(v).ok_or(ValueProblem::NotInCodeList)
    }
    fn to_json(&self) -> Value {
        Value::from(self.code())
    }
    fn code_key(&self) -> Option<&'static str> {
        Some(Code::key(*self))
    }
}

impl FieldValue for Vec<String> {
    const SHAPE: JsonShape = JsonShape::StringList;
    fn from_json(v: Value) -> Result<Self, ValueProblem> {
        let found = JsonType::of(&v);
        let wrong = ValueProblem::WrongType {
            expected: JsonShape::StringList,
            found,
        };
        match v {
            Value::Array(items) => items
                .into_iter()
                .map(|i| match i {
                    Value::String(s) => Ok(s),
                    _ => Err(wrong),
                })
                .collect(),
            _ => Err(wrong),
        }
    }
    fn to_json(&self) -> Value {
        self.iter().cloned().map(Value::String).collect()
    }
    fn is_given(&self) -> bool {
        !self.is_empty()
    }
}
