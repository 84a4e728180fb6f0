//! Layer 2, the wire format: a report as a JSON object with snake_case keys (absent and
//! `null` mean "not given"), read into the model and written back. Decoding never drops
//! anything silently: unknown and repeated keys, values of the wrong JSON type and values
//! outside a code list become [`WireFinding`]s, which the wire rules of the rule layer report.

pub mod decode;
pub mod encode;
pub mod error;
pub mod patient;
mod reader;
#[cfg(test)]
mod reader_tests;
pub mod schema;

pub use decode::{
    parse_entries, parse_fields, parse_json, parse_value, ParsedReport, WireFinding, WireProblem,
};
pub use error::{ReportError, ReportErrorKind};
pub use schema::json_schema;
