//! Encoding: a [`Report`] back into its wire format.

use serde_json::{Map, Value};

use crate::model::field::{Field, Report};
use crate::vocab::json::JsonWriter;

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
    let mut j = JsonWriter::default();
    write_json(value, &mut j);
    j.into_string()
}

fn write_json(value: &Value, j: &mut JsonWriter) {
    match value {
        Value::Null => {
            j.raw("null");
        }
        Value::Bool(b) => {
            j.bool(*b);
        }
        Value::Number(n) => {
            match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => j.int(i),
                (None, Some(u)) => j.raw(&u.to_string()),
                _ => j.raw("null"),
            };
        }
        Value::String(s) => {
            j.str(s);
        }
        Value::Array(items) => {
            j.list(items, |j, v| write_json(v, j));
        }
        Value::Object(map) => {
            j.raw("{");
            for (k, v) in map {
                j.key(k);
                write_json(v, j);
            }
            j.raw("}");
        }
    }
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
