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

use crate::vocab::json::JsonWriter;

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

/// Writes the schema of one field's value.
fn write_property(j: &mut JsonWriter, spec: &FieldSpec) {
    j.raw("{")
        .key("title")
        .str(spec.label.en)
        .key("description")
        .str(spec.help.en);
    if !spec.codes.is_empty() {
        // The codes, then null (not given).
        let values = spec.codes.iter().map(Some).chain([None]);
        j.key("enum").list(values, |j, c| {
            match c.map(|c| (spec.json, c.key, c.key.parse::<i64>())) {
                // Integer codes ("3") are numbers on the wire.
                Some((JsonShape::Integer, _, Ok(n))) => j.int(n),
                Some((_, key, _)) => j.str(key),
                None => j.raw("null"),
            };
        });
        j.raw("}");
        return;
    }
    let ty = match spec.json {
        JsonShape::String => "string",
        JsonShape::Integer => "integer",
        JsonShape::Boolean => "boolean",
        JsonShape::StringList => "array",
    };
    j.key("type").strs([ty, "null"]);
    if spec.json == JsonShape::StringList {
        j.key("items").raw(r#"{"type":"string"}"#);
    }
    if spec.kind == FieldKind::Date {
        j.key("format").str("date");
    }
    if let Some(max) = spec.max_length {
        j.key("maxLength").int(max.into());
    }
    if spec.key == "specimen_year" {
        // SPECIMEN-YEAR-FORMAT: four digits.
        j.key("minimum").int(1000).key("maximum").int(9999);
    }
    j.raw("}");
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
    let mut j = JsonWriter::default();
    j.raw("{")
        .key("$schema")
        .str("https://json-schema.org/draft/2020-12/schema")
        .key("$id")
        .str(SCHEMA_ID)
        .key("title")
        .str("Canceranmälan report (wire format)")
        .key("description")
        .str("A cancer notification as JSON: snake_case keys, absent or null means not given. Cross-field rules are checked by validate, not by this schema.")
        .key("type")
        .str("object")
        .key("properties")
        .raw("{");
    for spec in FIELDS.iter() {
        j.key(spec.key);
        write_property(&mut j, spec);
    }
    j.raw("}").key("additionalProperties").bool(false).raw("}");
    j.into_string()
}

/// The JSON Schema as a JSON value (parsed from [`json_schema`]).
pub fn json_schema_value() -> serde_json::Value {
    serde_json::from_str(&json_schema()).unwrap_or(serde_json::Value::Null)
}
