//! A small JSON text writer for this library's own documents (the form definition, the JSON
//! Schema, the replies of the WebAssembly module). They hold only texts, whole numbers,
//! booleans, null, lists and objects, so it needs no float formatting; and it writes keys in
//! the order given without building a map (serde_json's serializer and ordered maps cost
//! kilobytes of download in WebAssembly).

use std::fmt::Write as _;

/// JSON text under construction. Methods append and return `&mut Self` to chain.
///
/// ```
/// use canceranmalan::vocab::json::JsonWriter;
///
/// let mut j = JsonWriter::default();
/// j.raw("{").key("name").str("a \"b\"").key("n").int(3).key("list");
/// j.strs(["x", "y"]).raw("}");
/// assert_eq!(j.into_string(), r#"{"name":"a \"b\"","n":3,"list":["x","y"]}"#);
/// ```
#[derive(Default, Debug, Clone)]
pub struct JsonWriter(String);

impl JsonWriter {
    /// The text written so far.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The text written so far, borrowed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A JSON string (quotes, backslashes and control characters escaped). Runs of text that
    /// need no escape are copied whole (one character at a time is slow in WebAssembly).
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.0.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            // `b` is ASCII, so `i` is a character boundary.
            self.0.push_str(&s[start..i]);
            if escape.is_empty() {
                let _ = write!(self.0, "\\u{b:04x}");
            } else {
                self.0.push_str(escape);
            }
            start = i + 1;
        }
        self.0.push_str(&s[start..]);
        self.0.push('"');
        self
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
        if !self.0.ends_with('{') {
            self.0.push(',');
        }
        self.str(k).raw(":")
    }

    /// A list: `each` writes one item.
    pub fn list<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut each: impl FnMut(&mut Self, T),
    ) -> &mut Self {
        self.0.push('[');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            each(self, item);
        }
        self.0.push(']');
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
}
