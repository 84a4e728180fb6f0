//! The common report read straight from its JSON text: a flat object whose values are
//! strings, small integers, booleans, `null` or lists of those.
//!
//! [`parse_json`](super::parse_json) tries this reader first and hands the text to
//! `serde_json` whenever it declines: on anything outside that shape (a nested object, a
//! fraction or exponent, `-0`, more than 18 digits, an escaped surrogate, a key with an
//! escape) and on every error, so that errors and rare inputs keep exactly the `serde_json`
//! behaviour. Where it does read a text, the result is the one `serde_json` gives; a property
//! test and a fuzz target hold it to that.

use std::borrow::Cow;

use serde_json::Value;

use crate::model::field::Field;

/// What the reader hands its entries to, in input order.
pub(super) trait Entries {
    /// An entry whose key names a field.
    fn field(&mut self, field: Field, value: Value);
    /// An entry whose key names no field (its value is read and dropped).
    fn unknown(&mut self, key: &str);
}

/// Reads the object in `json` into `d`, entry by entry; `None` where the text is not of the
/// common shape (or not valid JSON), and the caller must read it again with `serde_json`
/// into a fresh `d`.
pub(super) fn read_common<E: Entries>(json: &str, mut d: E) -> Option<E> {
    let mut r = Reader { text: json, at: 0 };
    r.blank();
    r.expect(b'{')?;
    // Reports usually give their keys in wire order: look for each after the last one.
    let mut near = 0;
    r.blank();
    if r.peek()? == b'}' {
        r.at += 1;
    } else {
        loop {
            r.blank();
            r.expect(b'"')?;
            let key = r.key()?;
            r.blank();
            r.expect(b':')?;
            r.blank();
            match Field::from_key_near(key, near) {
                Some(field) => {
                    near = field as usize + 1;
                    let value = r.value(true)?;
                    d.field(field, value);
                }
                None => {
                    r.value(true)?;
                    d.unknown(key);
                }
            }
            r.blank();
            match r.next()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    r.blank();
    (r.at == json.len()).then_some(d)
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
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

    #[inline(always)]
    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    #[inline(always)]
    fn expect(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    /// Skips JSON white space (space, tab, line feed, carriage return).
    #[inline(always)]
    fn blank(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// A key after its opening quote, where it has no escape (keys of reports have none).
    fn key(&mut self) -> Option<&'a str> {
        let start = self.at;
        self.run();
        match self.next()? {
            b'"' => Some(&self.text[start..self.at - 1]),
            _ => None,
        }
    }

    /// Moves to the next quote, backslash or control character (or the end).
    #[inline(always)]
    fn run(&mut self) {
        // A plain loop: the web form's build (optimised for size) would call a closure per
        // byte.
        let bytes = self.bytes();
        let mut at = self.at;
        while at < bytes.len() {
            let b = bytes[at];
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            at += 1;
        }
        self.at = at;
    }

    /// A string after its opening quote, with its escapes resolved (not escaped surrogates).
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.at;
        self.run();
        match self.next()? {
            b'"' => return Some(Cow::Borrowed(&self.text[start..self.at - 1])),
            b'\\' => {}
            _ => return None,
        }
        // An escape: copy what came before it, then go on byte by byte.
        let mut out = self.text[start..self.at - 1].to_string();
        loop {
            let c = match self.next()? {
                b'"' => b'"',
                b'\\' => b'\\',
                b'/' => b'/',
                b'b' => 0x08,
                b'f' => 0x0c,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'u' => {
                    let hex = self.text.get(self.at..self.at + 4)?;
                    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    self.at += 4;
                    // A surrogate (half of a pair, or alone) is left to serde_json.
                    out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                    0
                }
                _ => return None,
            };
            if c != 0 {
                out.push(c as char);
            }
            // The text up to the next quote or escape.
            let run = self.at;
            self.run();
            out.push_str(&self.text[run..self.at]);
            match self.next()? {
                b'"' => return Some(Cow::Owned(out)),
                b'\\' => {}
                _ => return None,
            }
        }
    }

    /// A value: a string, a small integer, a boolean, `null` or (where `list` allows) a
    /// list of those.
    fn value(&mut self, list: bool) -> Option<Value> {
        match self.next()? {
            b'"' => Some(Value::String(self.string()?.into_owned())),
            b't' => self.literal("rue", Value::Bool(true)),
            b'f' => self.literal("alse", Value::Bool(false)),
            b'n' => self.literal("ull", Value::Null),
            b'[' if list => {
                let mut items = Vec::new();
                self.blank();
                if self.peek()? == b']' {
                    self.at += 1;
                    return Some(Value::Array(items));
                }
                loop {
                    self.blank();
                    items.push(self.value(false)?);
                    self.blank();
                    match self.next()? {
                        b',' => continue,
                        b']' => return Some(Value::Array(items)),
                        _ => return None,
                    }
                }
            }
            b'-' => self.integer(true),
            b'0'..=b'9' => {
                self.at -= 1;
                self.integer(false)
            }
            _ => None,
        }
    }

    fn literal(&mut self, rest: &str, value: Value) -> Option<Value> {
        let end = self.at + rest.len();
        (self.bytes().get(self.at..end)? == rest.as_bytes()).then(|| {
            self.at = end;
            value
        })
    }

    /// An integer of at most 18 digits, without fraction or exponent (`-0` and leading
    /// zeros are left to serde_json, which reads or refuses them).
    fn integer(&mut self, negative: bool) -> Option<Value> {
        let start = self.at;
        let mut n: i64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            if self.at - start == 18 {
                return None;
            }
            n = n * 10 + i64::from(d - b'0');
            self.at += 1;
        }
        let digits = self.at - start;
        if digits == 0 || (self.bytes()[start] == b'0' && (digits > 1 || negative)) {
            return None;
        }
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return None;
        }
        Some(if negative {
            Value::from(-n)
        } else {
            Value::from(n as u64)
        })
    }
}
