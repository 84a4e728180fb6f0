//! A report read straight from its JSON text (RFC 8259), entry by entry, without a JSON
//! library in between.
//!
//! It reads what `serde_json` reads and refuses what it refuses, with the same kind of error
//! at the same line and column; the wire format's other readers (patient records, case
//! events) keep `serde_json`. Reading here keeps the common report (a flat object of strings,
//! small integers and booleans) free of intermediate values, and keeps a JSON library out of
//! the web form's download (its budget is 150 kB). A property test and a fuzz target hold it
//! to `serde_json`.

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use super::error::ReportErrorKind;
use crate::model::field::Field;
use crate::vocab::json::next_escaped;

/// What the reader hands its entries to, in input order.
pub(super) trait Entries {
    /// An entry whose key names a field.
    fn field(&mut self, field: Field, value: Value);
    /// An entry whose key names a field and whose value is a JSON string (borrowed from the
    /// text where it has no escapes).
    fn field_text(&mut self, field: Field, text: Cow<'_, str>);
    /// An entry whose key names a field and whose value is a JSON integer from 0 to
    /// 10^18 − 1 written as digits alone (a code, a year): the value [`Entries::field`]
    /// would have been given as a number.
    fn field_int(&mut self, field: Field, value: i64);
    /// An entry whose key names no field (its value is read and dropped).
    fn unknown(&mut self, key: &str);
}

/// Why a text is not a report: the kind, how many bytes were read up to and including the
/// one at fault (the error's position), and what was expected.
#[derive(Debug)]
pub(super) struct ReadError {
    pub kind: ReportErrorKind,
    pub at: usize,
    pub detail: &'static str,
}

/// How deeply arrays and objects may nest (as in `serde_json`).
const MAX_DEPTH: usize = 128;

/// Reads the object in `json` into `d`, entry by entry.
pub(super) fn read_report<E: Entries>(json: &str, mut d: E) -> Result<E, ReadError> {
    let mut r = Reader {
        text: json,
        at: 0,
        depth: MAX_DEPTH,
    };
    match r.peek_value()? {
        b'{' => {}
        _ => {
            // Well-formed JSON that is not an object is refused where it has been read, as
            // serde_json does: a list after its opening bracket and what closes it at once
            // (`]`, or `,` and white space).
            if r.peek_value()? != b'[' {
                r.value()?;
            } else {
                r.at += 1;
                r.blank();
                match r.peek() {
                    Some(b']') => r.at += 1,
                    Some(b',') => {
                        r.at += 1;
                        r.blank();
                    }
                    _ => {}
                }
            }
            return Err(ReadError {
                kind: ReportErrorKind::NotAnObject,
                at: r.at,
                detail: NOT_OBJECT,
            });
        }
    }
    r.at += 1;
    r.object(&mut |r, key| {
        match Field::from_key(&key) {
            Some(field) => {
                // Most values are strings, the rest mostly small integers: both are read
                // without a `Value` made of them.
                if r.peek_value()? == b'"' {
                    r.at += 1;
                    let text = r.string()?;
                    d.field_text(field, text);
                } else if let Some(n) = r.small_int() {
                    d.field_int(field, n);
                } else {
                    let value = r.value()?;
                    d.field(field, value);
                }
            }
            None => {
                r.value()?;
                d.unknown(&key);
            }
        }
        Ok(())
    })?;
    r.blank();
    if r.at < json.len() {
        return Err(r.fault(TRAILING));
    }
    Ok(d)
}

/// Reads `json` as one JSON value, whatever its type, with nothing after it but white space.
pub(super) fn read_value(json: &str) -> Result<Value, ReadError> {
    let mut r = Reader {
        text: json,
        at: 0,
        depth: MAX_DEPTH,
    };
    let value = r.value()?;
    r.blank();
    if r.at < json.len() {
        return Err(r.fault(TRAILING));
    }
    Ok(value)
}

/// Why a text that is well-formed JSON is not a report (every reader of the wire format says
/// it so).
pub(crate) const NOT_OBJECT: &str = "expected a JSON object";
const KEY_MUST_BE_STRING: &str = "key must be a string";
const TRAILING: &str = "trailing characters";
const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_STRING: &str = "EOF while parsing a string";

/// What reads an object's value once its key is read.
type KeyReader<'r, 'a> = dyn FnMut(&mut Reader<'a>, Cow<'a, str>) -> Result<(), ReadError> + 'r;

struct Reader<'a> {
    text: &'a str,
    at: usize,
    /// How many more levels of arrays and objects may open.
    depth: usize,
}

impl<'a> Reader<'a> {
    #[inline(always)]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    /// A syntax error at the byte being read (its position counts it).
    fn fault(&self, detail: &'static str) -> ReadError {
        ReadError {
            kind: ReportErrorKind::Syntax,
            at: (self.at + 1).min(self.text.len()),
            detail,
        }
    }

    /// A syntax error at the end of the text.
    fn eof(&self, detail: &'static str) -> ReadError {
        ReadError {
            kind: ReportErrorKind::Syntax,
            at: self.text.len(),
            detail,
        }
    }

    /// Skips JSON white space (space, tab, line feed, carriage return).
    #[inline(always)]
    fn blank(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The next byte after white space, not read; an error at the end of the text.
    #[inline(always)]
    fn blank_then(&mut self) -> Result<u8, ReadError> {
        self.blank();
        self.peek().ok_or_else(|| self.eof(EOF_OBJECT))
    }

    /// The first byte of a value after white space, not read.
    fn peek_value(&mut self) -> Result<u8, ReadError> {
        self.blank();
        self.peek().ok_or_else(|| self.eof(EOF_VALUE))
    }

    fn enter(&mut self) -> Result<(), ReadError> {
        self.depth -= 1;
        if self.depth == 0 {
            return Err(ReadError {
                kind: ReportErrorKind::Syntax,
                at: self.at,
                detail: "recursion limit exceeded",
            });
        }
        Ok(())
    }

    fn colon(&mut self) -> Result<(), ReadError> {
        match self.blank_then()? {
            b':' => {
                self.at += 1;
                Ok(())
            }
            _ => Err(self.fault("expected `:`")),
        }
    }

    /// An object after its `{`, to its `}`: `entry` is given each key and reads its value.
    fn object(&mut self, entry: &mut KeyReader<'_, 'a>) -> Result<(), ReadError> {
        self.enter()?;
        if self.blank_then()? == b'}' {
            self.at += 1;
        } else {
            loop {
                if self.blank_then()? != b'"' {
                    return Err(self.fault(KEY_MUST_BE_STRING));
                }
                self.at += 1;
                let key = self.string()?;
                self.colon()?;
                entry(self, key)?;
                if self.object_next()? {
                    break;
                }
            }
        }
        self.depth += 1;
        Ok(())
    }

    /// After an object's value: `true` at its end (`}` read), `false` before the next key.
    fn object_next(&mut self) -> Result<bool, ReadError> {
        match self.blank_then()? {
            b',' => {
                self.at += 1;
                if self.peek_value()? == b'}' {
                    return Err(self.fault("trailing comma"));
                }
                Ok(false)
            }
            b'}' => {
                self.at += 1;
                Ok(true)
            }
            _ => Err(self.fault("expected `,` or `}`")),
        }
    }

    /// Moves to the next quote, backslash or control character (or the end).
    #[inline(always)]
    fn run(&mut self) {
        self.at = next_escaped(self.bytes(), self.at);
    }

    /// A string after its opening quote, with its escapes resolved.
    ///
    /// Natively the common string (no escape) is read inline and the rest is a cold call; in
    /// WebAssembly, where the form's download has a budget, it stays one function as it was.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn string(&mut self) -> Result<Cow<'a, str>, ReadError> {
        let start = self.at;
        self.run();
        if self.peek() == Some(b'"') {
            self.at += 1;
            return Ok(Cow::Borrowed(&self.text[start..self.at - 1]));
        }
        self.string_escaped(start)
    }

    /// [`Reader::string`] from where its first run of plain text (from `start`) ends: at an
    /// escape, a control character or the end of the text. Apart, so that the common string
    /// (no escape) pays nothing for this part.
    #[cfg_attr(not(target_arch = "wasm32"), cold, inline(never))]
    #[cfg_attr(target_arch = "wasm32", inline(always))]
    fn string_escaped(&mut self, start: usize) -> Result<Cow<'a, str>, ReadError> {
        let mut out = match self.peek() {
            Some(b'\\') => self.text[start..self.at].to_string(),
            Some(_) => return Err(self.fault(CONTROL)),
            None => return Err(self.eof(EOF_STRING)),
        };
        loop {
            // At a backslash.
            self.at += 1;
            let Some(e) = self.peek() else {
                return Err(self.eof(EOF_STRING));
            };
            let c = match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    self.at += 1;
                    self.unicode_escape()?
                }
                _ => return Err(self.fault("invalid escape")),
            };
            if e != b'u' {
                self.at += 1;
            }
            out.push(c);
            let run = self.at;
            self.run();
            out.push_str(&self.text[run..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {}
                Some(_) => return Err(self.fault(CONTROL)),
                None => return Err(self.eof(EOF_STRING)),
            }
        }
    }

    /// Four hex digits (after `\u`), read; `at` moves past them (an error about them is
    /// placed after all four, as serde_json places it).
    fn hex4(&mut self) -> Result<u16, ReadError> {
        let Some(hex) = self.bytes().get(self.at..self.at + 4) else {
            return Err(self.eof(EOF_STRING));
        };
        self.at += 4;
        let mut n: u16 = 0;
        for &b in hex {
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.after("invalid escape")),
            };
            n = n * 16 + u16::from(d);
        }
        Ok(n)
    }

    /// A syntax error placed after the bytes read so far.
    fn after(&self, detail: &'static str) -> ReadError {
        ReadError {
            kind: ReportErrorKind::Syntax,
            at: self.at,
            detail,
        }
    }

    /// The character of a `\u` escape (a surrogate pair is two escapes), after the `u`.
    fn unicode_escape(&mut self) -> Result<char, ReadError> {
        const LONE: &str = "lone leading surrogate in hex escape";
        const END: &str = "unexpected end of hex escape";
        let n = self.hex4()?;
        if !(0xD800..=0xDFFF).contains(&n) {
            return char::from_u32(u32::from(n)).ok_or_else(|| self.after(LONE));
        }
        if n >= 0xDC00 {
            return Err(self.after(LONE));
        }
        for expected in [b'\\', b'u'] {
            match self.peek() {
                None => return Err(self.eof(EOF_STRING)),
                Some(b) if b == expected => self.at += 1,
                Some(_) => return Err(self.fault(END)),
            }
        }
        let low = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&low) {
            return Err(self.after(LONE));
        }
        let c = 0x10000 + ((u32::from(n) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
        char::from_u32(c).ok_or_else(|| self.after(LONE))
    }

    /// A value, whole (after white space).
    fn value(&mut self) -> Result<Value, ReadError> {
        match self.peek_value()? {
            b'"' => {
                self.at += 1;
                Ok(Value::String(self.string()?.into_owned()))
            }
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Null),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' => {
                self.at += 1;
                self.enter()?;
                let mut items = Vec::new();
                if self.list_then()? == b']' {
                    self.at += 1;
                } else {
                    loop {
                        items.push(self.value()?);
                        match self.list_then()? {
                            b',' => {
                                self.at += 1;
                                if self.peek_value()? == b']' {
                                    return Err(self.fault("trailing comma"));
                                }
                            }
                            b']' => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(self.fault("expected `,` or `]`")),
                        }
                    }
                }
                self.depth += 1;
                Ok(Value::Array(items))
            }
            b'{' => {
                self.at += 1;
                let mut map = Map::new();
                self.object(&mut |r, key| {
                    let value = r.value()?;
                    map.insert(key.into_owned(), value);
                    Ok(())
                })?;
                Ok(Value::Object(map))
            }
            _ => Err(self.fault("expected value")),
        }
    }

    fn list_then(&mut self) -> Result<u8, ReadError> {
        self.blank();
        self.peek().ok_or_else(|| self.eof(EOF_LIST))
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, ReadError> {
        // The first byte is known; the others are compared one by one, as serde_json reads.
        self.at += 1;
        for &b in &word.as_bytes()[1..] {
            match self.peek() {
                None => return Err(self.eof(EOF_VALUE)),
                Some(c) if c == b => self.at += 1,
                Some(_) => return Err(self.fault("expected ident")),
            }
        }
        Ok(value)
    }

    /// A number (RFC 8259 grammar): an integer as `serde_json` keeps it (u64, i64, or f64
    /// where it does not fit or is `-0`), else the f64 serde_json reads.
    fn number(&mut self) -> Result<Value, ReadError> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.fault(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            Some(_) => return Err(self.fault(INVALID_NUMBER)),
            None => return Err(self.eof(EOF_VALUE)),
        }
        let integral = self.at;
        if self.peek() == Some(b'.') {
            self.at += 1;
            match self.peek() {
                Some(b'0'..=b'9') => self.digits(),
                Some(_) => return Err(self.fault(INVALID_NUMBER)),
                None => return Err(self.eof(EOF_VALUE)),
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            // serde_json refuses a positive exponent past i32's range at the digit that takes
            // it there (unless every digit before it is 0, which is 0).
            let zero = self.text[start..self.at]
                .bytes()
                .all(|b| !b.is_ascii_digit() || b == b'0');
            self.at += 1;
            let positive = match self.peek() {
                Some(b'-') => {
                    self.at += 1;
                    false
                }
                Some(b'+') => {
                    self.at += 1;
                    true
                }
                _ => true,
            };
            match self.peek() {
                Some(b'0'..=b'9') => {}
                Some(_) => return Err(self.fault(INVALID_NUMBER)),
                None => return Err(self.eof(EOF_VALUE)),
            }
            let mut exponent: i32 = 0;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                self.at += 1;
                match exponent
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(i32::from(d - b'0')))
                {
                    Some(e) => exponent = e,
                    None if positive && !zero => return Err(self.after(OUT_OF_RANGE)),
                    None => {
                        self.digits();
                        break;
                    }
                }
            }
        }
        let text = &self.text[start..self.at];
        if self.at == integral {
            let digits = &self.text[start + usize::from(negative)..integral];
            if let Ok(n) = digits.parse::<u64>() {
                if !negative {
                    return Ok(Value::from(n));
                }
                let neg = (n as i64).wrapping_neg();
                // -0 and integers below i64's range are floats, as in serde_json.
                return Ok(if neg >= 0 {
                    float(-(n as f64))
                } else {
                    Value::from(neg)
                });
            }
        }
        // A fraction, an exponent or a long integer: read by serde_json's own number reader
        // (the grammar is checked above), which keeps its rounding and its range.
        match text.parse::<Number>() {
            Ok(n) => Ok(Value::Number(n)),
            Err(_) => Err(self.after(OUT_OF_RANGE)),
        }
    }

    /// A whole number of 1 to 18 digits, without a leading zero, a fraction or an exponent,
    /// at the reading position: read, and its value. `None`, with nothing read, for
    /// anything else, which [`Reader::value`] then reads (and refuses where it is no value).
    #[inline]
    fn small_int(&mut self) -> Option<i64> {
        let b = self.bytes();
        let start = self.at;
        let mut at = start;
        let mut n: i64 = 0;
        while let Some(d @ b'0'..=b'9') = b.get(at).copied() {
            if at - start == 18 {
                return None;
            }
            n = n * 10 + i64::from(d - b'0');
            at += 1;
        }
        let leading_zero = at - start > 1 && b[start] == b'0';
        if at == start || leading_zero || matches!(b.get(at), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.at = at;
        Some(n)
    }

    #[inline(always)]
    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }
}

const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";

/// A finite float as a JSON number.
fn float(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}
