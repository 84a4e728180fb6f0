//! A small JSON text writer for this library's own documents (the form definition, the JSON
//! Schema, the replies of the WebAssembly module). They hold only texts, whole numbers,
//! booleans, null, lists and objects, so it needs no float formatting; and it writes keys in
//! the order given without building a map (serde_json's serializer and ordered maps cost
//! kilobytes of download in WebAssembly).

use std::fmt::Write as _;

/// The place of the first byte at or after `from` that must be escaped in a JSON string (a
/// quote, a backslash or a control character), or the length of `bytes` where none is. The
/// same bytes end a run of a string's text when JSON is read. Eight bytes at a time: the
/// lowest flag of [`escaped_bytes`] is the place within the eight; byte by byte in a plain
/// loop only for the last few bytes of the text (the web form's build, optimised for size,
/// would call a closure per byte).
#[inline(always)]
pub(crate) fn next_escaped(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let flags = escaped_bytes(u64::from_le_bytes(*chunk));
        if flags != 0 {
            return at + (flags.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && !is_escaped(bytes[at]) {
        at += 1;
    }
    at
}

/// True when `b` must be escaped in a JSON string.
#[inline(always)]
fn is_escaped(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// The high bit of each of the eight bytes of `word` (little-endian: the first byte lowest)
/// that [`is_escaped`], and possibly of bytes after the first such one; none where no byte
/// is. A zero byte in `x` sets its high bit in `(x - 0x01…) & !x & 0x80…`, and so does a byte
/// below 0x20 in `(word - 0x20…) & !word & 0x80…`; a byte of 0x80 or more sets none (its `!`
/// clears it). A borrow runs only upwards from a byte that sets its bit, so the lowest flag
/// of each test, and of the three together, is exact.
#[inline(always)]
fn escaped_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    zero_in(word ^ (ONES * u64::from(b'"')))
        | zero_in(word ^ (ONES * u64::from(b'\\')))
        | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS)
}

/// True when one of the eight bytes of `word` [`is_escaped`].
#[cfg(test)]
fn has_escaped_byte(word: u64) -> bool {
    escaped_bytes(word) != 0
}

/// JSON text under construction. Methods append and return `&mut Self` to chain.
///
/// ```
/// use canceranmalan::vocab::json::JsonWriter;
///
/// let mut j = JsonWriter::default();
/// j.raw("{").key("name").str("a \"b\"").key("n").int(3).key("list");
/// j.strs(["x", "y"]).raw("}");
/// assert_eq!(j.into_string(), r#"{"name":"a \"b\"","n":3,"list":["x","y"]}"#);
///
/// // The same JSON value in ASCII, for a host that decodes ASCII faster than UTF-8.
/// let mut j = JsonWriter::with_capacity(16);
/// j.str("Bröst");
/// assert_eq!(j.into_ascii_string(), r#""Br\u00f6st""#);
/// ```
#[derive(Default, Debug, Clone)]
pub struct JsonWriter(String);

// One-byte texts are pushed with `push_str`: `push` of a char encodes it as UTF-8 and, in the
// web form's build (optimised for size), is a call of its own each time.
#[allow(clippy::single_char_add_str)]
impl JsonWriter {
    /// An empty writer with room for `bytes` of text (a writer that grows copies its text
    /// each time).
    pub fn with_capacity(bytes: usize) -> JsonWriter {
        JsonWriter(String::with_capacity(bytes))
    }

    /// The text written so far.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The text written so far, borrowed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A JSON string (quotes, backslashes and control characters escaped). Runs of text that
    /// need no escape are found by [`next_escaped`] and copied whole (one character at a time
    /// is slow in WebAssembly).
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.0.push_str("\"");
        let bytes = s.as_bytes();
        let mut start = 0;
        let mut i = 0;
        loop {
            i = next_escaped(bytes, i);
            let Some(&b) = bytes.get(i) else { break };
            // `b` is ASCII, so `i` is a character boundary.
            self.0.push_str(&s[start..i]);
            match b {
                b'"' => self.0.push_str("\\\""),
                b'\\' => self.0.push_str("\\\\"),
                b'\n' => self.0.push_str("\\n"),
                b'\r' => self.0.push_str("\\r"),
                b'\t' => self.0.push_str("\\t"),
                _ => self.unit(u16::from(b)),
            }
            i += 1;
            start = i;
        }
        self.0.push_str(&s[start..]);
        self.0.push_str("\"");
        self
    }

    /// A `\uXXXX` escape (lowercase hex, as serde_json writes it), written in one piece
    /// (pushing character by character is slow in WebAssembly).
    fn unit(&mut self, unit: u16) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let hex = |shift: u16| HEX[usize::from(unit >> shift & 15)];
        let escape = [b'\\', b'u', hex(12), hex(8), hex(4), hex(0)];
        // Always ASCII, so always UTF-8.
        if let Ok(text) = std::str::from_utf8(&escape) {
            self.0.push_str(text);
        }
    }

    /// The text written so far, with every character beyond ASCII written as its `\uXXXX`
    /// escapes (two for a character beyond the BMP): the same JSON value, in ASCII. A
    /// JavaScript host decodes ASCII from WebAssembly's memory several times faster than
    /// UTF-8 (Node 20: 0.2 against 1.7 µs for a reply of five Swedish issues). Outside
    /// strings, JSON text is ASCII, so only characters inside strings are escaped.
    pub fn into_ascii_string(self) -> String {
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let text = self.0;
        let bytes = text.as_bytes();
        let mut out: Option<JsonWriter> = None;
        let mut start = 0;
        let mut i = 0;
        loop {
            // Bytes by eight while all are ASCII, then one by one (the web form's build,
            // optimised for size, would call out for every character of an iterator).
            while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
                if u64::from_le_bytes(*chunk) & HIGHS != 0 {
                    break;
                }
                i += 8;
            }
            while i < bytes.len() && bytes[i] < 0x80 {
                i += 1;
            }
            let Some(&lead) = bytes.get(i) else { break };
            // A character beyond ASCII starts here (the text is UTF-8): its length from the
            // lead byte, its scalar value from the six low bits of each byte after it.
            let (len, bits) = match lead {
                0xF0.. => (4, lead & 0x07),
                0xE0.. => (3, lead & 0x0F),
                _ => (2, lead & 0x1F),
            };
            let tail = bytes.get(i + 1..i + len).unwrap_or_default();
            let c = tail
                .iter()
                .fold(u32::from(bits), |c, b| c << 6 | u32::from(b & 0x3F));
            let o = out.get_or_insert_with(|| {
                JsonWriter(String::with_capacity(text.len() + text.len() / 4))
            });
            o.0.push_str(&text[start..i]);
            if c >= 0x1_0000 {
                let c = c - 0x1_0000;
                o.unit(0xD800 | (c >> 10) as u16);
                o.unit(0xDC00 | (c & 0x3FF) as u16);
            } else {
                o.unit(c as u16);
            }
            i += len;
            start = i;
        }
        match out {
            None => text,
            Some(mut o) => {
                o.0.push_str(&text[start..]);
                o.0
            }
        }
    }

    /// Text that is already JSON (or punctuation), as it is.
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// A whole number.
    pub fn int(&mut self, n: i64) -> &mut Self {
        let _ = write!(self.0, "{n}");
        self
    }

    /// A whole number or `null`.
    pub fn opt_int(&mut self, n: Option<i64>) -> &mut Self {
        match n {
            Some(n) => self.int(n),
            None => self.raw("null"),
        }
    }

    /// A string or `null`.
    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// `true` or `false`.
    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.raw(if b { "true" } else { "false" })
    }

    /// `"key":`, after a comma unless it is the first key of the object.
    pub fn key(&mut self, k: &str) -> &mut Self {
        if self.0.as_bytes().last() != Some(&b'{') {
            self.0.push_str(",");
        }
        self.str(k).raw(":")
    }

    /// A list: `each` writes one item.
    pub fn list<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut each: impl FnMut(&mut Self, T),
    ) -> &mut Self {
        self.0.push_str("[");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.0.push_str(",");
            }
            each(self, item);
        }
        self.0.push_str("]");
        self
    }

    /// A list of strings.
    pub fn strs<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) -> &mut Self {
        self.list(items, |j, s| {
            j.str(s);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::JsonWriter;
    use proptest::prelude::*;

    #[test]
    fn strings_read_back_the_same() {
        for s in [
            "",
            "plain",
            "å\"ä\\ö\n\r\t\u{1}\u{1f}x",
            "\u{7f}é€𝄞\"",
            "\\\\\"\"",
        ] {
            let mut j = JsonWriter::default();
            j.str(s);
            let text = j.into_string();
            assert_eq!(serde_json::from_str::<String>(&text).unwrap(), s, "{text}");
            assert_eq!(text, serde_json::to_string(s).unwrap());
        }
    }

    /// Strings long enough for the eight-byte scan, with the bytes to escape at every place
    /// of a chunk.
    #[test]
    fn long_strings_read_back_the_same() {
        for at in 0..20 {
            for special in ["\"", "\\", "\n", "\u{1}", "å", "𝄞"] {
                let s = format!(
                    "{}{special}{}",
                    &"abcdefgh".repeat(3)[..at],
                    "x".repeat(19 - at)
                );
                let mut j = JsonWriter::default();
                j.str(&s);
                let text = j.into_string();
                assert_eq!(text, serde_json::to_string(&s).unwrap());
            }
        }
    }

    #[test]
    fn ascii_text_is_the_same_json() {
        let mut j = JsonWriter::default();
        j.raw("{")
            .key("message")
            .str("Diagnosdatum saknas: \"å\" € 𝄞 ok")
            .key("n")
            .int(3)
            .raw("}");
        let utf8 = j.clone().into_string();
        let ascii = j.into_ascii_string();
        assert!(ascii.is_ascii(), "{ascii}");
        assert!(
            ascii.contains(r"\u00e5")
                && ascii.contains(r"\u20ac")
                && ascii.contains(r"\ud834\udd1e"),
            "{ascii}"
        );
        let a: serde_json::Value = serde_json::from_str(&ascii).unwrap();
        let b: serde_json::Value = serde_json::from_str(&utf8).unwrap();
        assert_eq!(a, b);
        let mut plain = JsonWriter::default();
        plain.str("plain");
        assert_eq!(plain.into_ascii_string(), "\"plain\"");
    }

    proptest! {
        /// The next byte to escape is the one a byte-by-byte look finds, from any place.
        #[test]
        fn next_escaped_is_the_first_byte_to_escape(
            bytes in proptest::collection::vec(prop_oneof![Just(b'"'), Just(b'\\'), 0u8..0x20, 0x20u8..=0xff, 0x20u8..=0xff, 0x20u8..=0xff], 0..40),
            from in 0usize..45,
        ) {
            let expected = (from..bytes.len())
                .find(|&i| bytes[i] == b'"' || bytes[i] == b'\\' || bytes[i] < 0x20)
                .unwrap_or(bytes.len().max(from));
            prop_assert_eq!(super::next_escaped(&bytes, from), expected);
        }

        /// Any text, written as a JSON string and then as ASCII, reads back the same.
        #[test]
        fn any_text_reads_back_from_ascii(s in any::<String>()) {
            let mut j = JsonWriter::default();
            j.str(&s);
            prop_assert_eq!(j.as_str(), serde_json::to_string(&s).unwrap());
            let ascii = j.into_ascii_string();
            prop_assert!(ascii.is_ascii());
            prop_assert_eq!(serde_json::from_str::<String>(&ascii).unwrap(), s);
        }

        /// The eight-byte test of bytes to escape says what a look at each byte says, for any eight
        /// bytes and for bytes near the ones that end a run.
        #[test]
        fn eight_bytes_end_a_run_when_one_byte_does(
            any in any::<u64>(),
            near in proptest::collection::vec(
                prop_oneof![Just(b'"'), Just(b'\\'), 0u8..0x21, 0x21u8..0x7f, 0x7fu8..=0xff, Just(b'!'), Just(b'#'), Just(b'[')],
                8,
            ),
        ) {
            let by_byte = |w: u64| w.to_le_bytes().iter().any(|&b| b == b'"' || b == b'\\' || b < 0x20);
            prop_assert_eq!(super::has_escaped_byte(any), by_byte(any));
            let mut b = [0u8; 8];
            b.copy_from_slice(&near);
            let w = u64::from_le_bytes(b);
            prop_assert_eq!(super::has_escaped_byte(w), by_byte(w));
        }
    }
}
