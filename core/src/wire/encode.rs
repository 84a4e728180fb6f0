//! Encoding: a [`Report`] back into its wire format.

use serde_json::{Map, Value};

use crate::model::field::{Field, Report};

impl Report {
    /// The report in its wire format (absent fields left out), as a JSON value.
    ///
    /// This is the one place that reveals the personal identity number: the wire format is
    /// how a report leaves the library.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        for f in Field::ALL {
            if let Some(v) = self.get_json(f) {
                m.insert(f.key().to_string(), v);
            }
        }
        Value::Object(m)
    }

    /// The report as wire-format JSON text.
    pub fn to_json(&self) -> String {
        json_text(&self.to_value())
    }
}

/// JSON text of one of this library's own values (a report, an event, a case, the form
/// definition, the JSON Schema), compact, keys
/// in their order. Written here rather than by `serde_json`'s serializer, whose float
/// formatting is large in WebAssembly: these values hold only whole numbers, so a number
/// with a fraction (which no field holds) is written as `null`.
pub fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_json(value, &mut out);
    out
}

fn write_json(value: &Value, out: &mut String) {
    use std::fmt::Write as _;
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => write!(out, "{i}"),
                (None, Some(u)) => write!(out, "{u}"),
                _ => write!(out, "null"),
            };
        }
        Value::String(s) => write_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write_json(v, out);
            }
            out.push('}');
        }
    }
}

fn write_str(s: &str, out: &mut String) {
    use std::fmt::Write as _;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::json_text;
    use serde_json::{json, Value};

    #[test]
    fn json_text_reads_back_as_the_same_value() {
        let v = json!({"a": "x\"y\\z\n\u{1}é", "b": [1, -2, 18446744073709551615u64, true, null], "c": {}});
        let text = json_text(&v);
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
        assert_eq!(text, v.to_string());
        assert_eq!(json_text(&json!([1.5])), "[null]");
    }
}
