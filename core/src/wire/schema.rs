//! JSON Schema (draft 2020-12) of the wire format, generated from the field table.
//!
//! The schema gives other languages and OpenAPI users the shape of a report: every key with
//! its JSON type (and `null`, which means "not given"), the code lists as `enum`, dates as
//! `format: "date"`, the longest specimen number as `maxLength`, the four-digit specimen year
//! as a range, and no other keys. It holds exactly the checks of the rules named in
//! [`SCHEMA_RULES`]: a report satisfies the schema if and only if none of them finds
//! anything (a test runs both over the conformance vectors and a random corpus). Everything
//! else (calendar dates, cross-field rules, codes, TNM) stays with validation.
//!
//! Two limits of JSON Schema itself: a key given twice (`WIRE-DUPLICATE-FIELD`) is not part
//! of the JSON data model that a schema sees, and `format` is an annotation in 2020-12 unless
//! a validator is told to assert it (even then, a date such as 2025-02-30 is for
//! `DATE-FORMAT` to explain).

use serde_json::{json, Map, Value};

use crate::model::field::{FieldKind, FieldSpec, FIELDS};
use crate::model::value::JsonShape;

/// The rules whose findings the schema expresses: unknown keys, wrong JSON types, values
/// outside a code list, the longest specimen number and the four-digit specimen year.
pub const SCHEMA_RULES: [&str; 6] = [
    "WIRE-UNKNOWN-FIELD",
    "WIRE-TYPE",
    "WIRE-VALUE",
    "WIRE-KEYS-OMITTED",
    "SPECIMEN-NUMBER-LENGTH",
    "SPECIMEN-YEAR-FORMAT",
];

/// The `$id` of the schema (version 1 of the wire format).
pub const SCHEMA_ID: &str = "urn:canceranmalan:report:1";

/// The schema of one field's value.
fn property(spec: &FieldSpec) -> Value {
    let mut p = Map::new();
    p.insert("title".into(), spec.label.en.into());
    p.insert("description".into(), spec.help.en.into());
    if !spec.codes.is_empty() {
        let mut values: Vec<Value> = spec
            .codes
            .iter()
            .map(|c| match spec.json {
                // Integer codes ("3") are numbers on the wire.
                JsonShape::Integer => c.key.parse::<i64>().map_or(Value::Null, Value::from),
                _ => Value::from(c.key),
            })
            .collect();
        values.push(Value::Null);
        p.insert("enum".into(), Value::Array(values));
        return Value::Object(p);
    }
    let (ty, extra) = match spec.json {
        JsonShape::String => ("string", None),
        JsonShape::Integer => ("integer", None),
        JsonShape::Boolean => ("boolean", None),
        JsonShape::StringList => ("array", Some(("items", json!({ "type": "string" })))),
    };
    p.insert("type".into(), json!([ty, "null"]));
    if let Some((k, v)) = extra {
        p.insert(k.into(), v);
    }
    if spec.kind == FieldKind::Date {
        p.insert("format".into(), "date".into());
    }
    if let Some(max) = spec.max_length {
        p.insert("maxLength".into(), max.into());
    }
    if spec.key == "specimen_year" {
        // SPECIMEN-YEAR-FORMAT: four digits.
        p.insert("minimum".into(), 1000.into());
        p.insert("maximum".into(), 9999.into());
    }
    Value::Object(p)
}

/// The JSON Schema of the wire format as a JSON value.
pub fn json_schema_value() -> Value {
    let properties: Map<String, Value> = FIELDS
        .iter()
        .map(|s| (s.key.to_string(), property(s)))
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Canceranmälan report (wire format)",
        "description": "A cancer notification as JSON: snake_case keys, absent or null means not given. Cross-field rules are checked by validate, not by this schema.",
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The JSON Schema (draft 2020-12) of the wire format, as JSON text.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&canceranmalan::json_schema()).unwrap();
/// assert_eq!(schema["properties"]["side"]["enum"][0], "right");
/// assert_eq!(schema["properties"]["specimen_number"]["maxLength"], 16);
/// assert_eq!(schema["additionalProperties"], false);
/// ```
pub fn json_schema() -> String {
    super::encode::json_text(&json_schema_value())
}
