//! Any text as a report: `parse_json` (which reads the common shape itself) gives exactly what
//! `serde_json` alone gives, the report and its findings or the same error.
#![no_main]

use canceranmalan::wire::decode::{parse_json, parse_json_by_serde_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    assert_eq!(parse_json(text), parse_json_by_serde_json(text));
});
