//! The report reader held to `serde_json`: for any text, the report and its findings, or the
//! error's kind, line, column and text, are those `serde_json` gives.

use super::decode::{parse_json, parse_json_with_serde};
use proptest::prelude::*;

/// `parse_json` (the reader) and serde_json give the same result for `text`.
fn agrees(text: &str) {
    assert_eq!(parse_json(text), parse_json_with_serde(text), "{text:?}");
}

/// A JSON string of `s`, each character written as itself or as an escape.
fn quoted(s: &str, escapes: &[bool]) -> String {
    let mut out = String::from('"');
    for (c, &escape) in s.chars().zip(escapes.iter().cycle()) {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if escape => out.push_str("\\n"),
            '/' if escape => out.push_str("\\/"),
            c if (c as u32) < 0x20 || (escape && (c as u32) < 0x10000) => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        (-20i64..3000).prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| f.to_string()),
        "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,3})?([eE][-+]?[0-9]{1,3})?",
        (
            "\\PC{0,12}|[ -~åäöÅÄÖ\t\n]{0,12}",
            proptest::collection::vec(any::<bool>(), 1..4)
        )
            .prop_map(|(s, e)| quoted(&s, &e)),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => scalar(),
        1 => proptest::collection::vec(scalar(), 0..3).prop_map(|v| format!("[{}]", v.join(","))),
        1 => proptest::collection::vec(scalar(), 0..2).prop_map(|v| format!("[[{}]]", v.join(","))),
        1 => scalar().prop_map(|v| format!("{{\"a\":{v}}}")),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(crate::model::field::Field::ALL.to_vec())
            .prop_map(|f| format!("\"{}\"", f.key())),
        1 => ("[a-zA-Z_åäö\\\\\"]{0,8}", Just(vec![true, false])).prop_map(|(k, e)| quoted(&k, &e)),
    ]
}

/// The keys of fields, and unknown keys without escapes.
fn common_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(crate::model::field::Field::ALL.to_vec())
            .prop_map(|f| format!("\"{}\"", f.key())),
        1 => "[a-zA-Z_åäö0-9]{0,8}".prop_map(|k| format!("\"{k}\"")),
    ]
}

fn blank() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec!["", "", " ", "\n  ", "\t", "\r\n"])
}

/// Values of the common shape only: the texts the reader reads.
fn common_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        (-99_999i64..99_999).prop_map(|n| n.to_string()),
        ("[ -~åäöÅÄÖ\n]{0,12}", Just(vec![false, false, true])).prop_map(|(s, e)| quoted(&s, &e)),
        proptest::collection::vec("[A-Z-]{1,8}", 0..3).prop_map(|v| format!(
            "[{}]",
            v.iter()
                .map(|s| quoted(s, &[false]))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    ]
}

/// A JSON object text of keys and values, with white space between the tokens.
fn object() -> impl Strategy<Value = String> {
    object_of(key(), value())
}

fn object_of(
    key: impl Strategy<Value = String>,
    value: impl Strategy<Value = String>,
) -> impl Strategy<Value = String> {
    (
        proptest::collection::vec((key, value, blank(), blank()), 0..10),
        blank(),
    )
        .prop_map(|(entries, end)| {
            let inner: Vec<String> = entries
                .into_iter()
                .map(|(k, v, a, b)| format!("{a}{k}{b}:{a}{v}{b}"))
                .collect();
            format!("{end}{{{}{end}}}{end}", inner.join(","))
        })
}

/// The text with one edit: a character removed, or one of JSON's own inserted.
fn edited() -> impl Strategy<Value = String> {
    (
        object(),
        any::<prop::sample::Index>(),
        proptest::sample::select(vec![
            None,
            Some('"'),
            Some(','),
            Some(':'),
            Some('{'),
            Some('}'),
            Some('['),
            Some(']'),
            Some('\\'),
            Some('0'),
            Some('-'),
            Some('.'),
            Some('e'),
            Some('\u{1}'),
            Some(' '),
        ]),
    )
        .prop_map(|(text, at, insert)| {
            let mut chars: Vec<char> = text.chars().collect();
            if chars.is_empty() {
                return text;
            }
            let i = at.index(chars.len());
            match insert {
                None => {
                    chars.remove(i);
                }
                Some(c) => chars.insert(i, c),
            }
            chars.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn reads_what_serde_json_reads(text in object()) {
        agrees(&text);
    }

    #[test]
    fn reads_common_texts_as_serde_json_reads_them(text in object_of(common_key(), common_value())) {
        agrees(&text);
    }

    #[test]
    fn edited_texts_read_as_serde_json_reads_them(text in edited()) {
        agrees(&text);
    }
}

#[test]
fn edge_cases_read_as_serde_json_reads_them() {
    for text in [
        "{}",
        " { } ",
        "{\"icd10\":\"C50.9\"}",
        "{\"icd10\":\"C50.9\",}",
        "{\"icd10\":\"C50.9\"} x",
        "{\"icd10\":\"C50.9\"}}",
        "{\"specimen_year\":-0}",
        // Whole numbers around the reader's own (up to 18 digits) and i64's limits.
        "{\"specimen_year\":999999999999999999}",
        "{\"specimen_year\":1000000000000000000}",
        "{\"specimen_year\":9223372036854775807}",
        "{\"specimen_year\":9223372036854775808}",
        "{\"specimen_year\":2024e0,\"basis_of_diagnosis\":3 }",
        "{\"specimen_year\":2024.5}",
        "{\"specimen_year\":01}",
        "{\"basis_of_diagnosis\":0,\"specimen_year\":2024x}",
        "{\"basis_of_diagnosis\":9,\"basis_of_diagnosis\":3}",
        "{\"specimen_year\":0}",
        "{\"specimen_year\":00}",
        "{\"specimen_year\":-}",
        "{\"specimen_year\":2024.0}",
        "{\"specimen_year\":999999999999999999}",
        "{\"specimen_year\":9999999999999999999}",
        "{\"specimen_year\":-999999999999999999}",
        "{\"personal_id\":[9223372036854775808]}",
        "{\"comment\":\"a\\u00e5\\n\\\"b\\\\\"}",
        "{\"comment\":\"\\ud83d\\ude00\"}",
        "{\"comment\":\"\\ud83d\"}",
        "{\"comment\":\"\\u00\"}",
        "{\"comment\":\"\\x\"}",
        "{\"comment\":\"tab\there\"}",
        "{\"confirmed_rules\":[]}",
        "{\"confirmed_rules\":[ \"SEX-SITE\" , 3, null, true ]}",
        "{\"confirmed_rules\":[\"SEX-SITE\",]}",
        "{\"confirmed_rules\":[[\"SEX-SITE\"]]}",
        "{\"side\":tru}",
        "{\"side\":truex}",
        "{\"side\":nul}",
        "{\"side\":\"left\",\"side\":\"right\"}",
        "{\"colour\":\"blue\",\"colour\":1}",
        "{\"a\\u0062\":1}",
        "{\"icd10\":\"C50.9\"",
        "{\"icd10\" \"C50.9\"}",
        "[1]",
        "\"19640823-3234\"",
        "",
        "  ",
        "{\"\":4,",
        "{\"a\":4, ",
        "{\"a\":[1,",
        "{\"a\":[1, ",
        "{\"a\":[",
        "{\"a\":{",
        "{\"a\":{\"b\":1,",
        "{\"a\"",
        "{\"a\":",
        "{",
        "[1,",
        "[",
        "[1, 2",
        "1x",
        "-",
        "tru",
        "nul",
        "\"abc",
        "{\"comment\":\"\\ud83d\\u0041\"}",
        "{\"comment\":\"\\ude00\"}",
        "{\"comment\":\"\\ud83dx\"}",
        "{\"comment\":\"\\ud83d\\x\"}",
        "{\"comment\":\"\\ud83d",
        "{\"comment\":\"\\u12",
        "{\"comment\":\"\\u12g4\"}",
        "{\"a\":1e400}",
        "{\"a\":-1e400}",
        "{\"a\":1e-400}",
        "{\"a\":0e99999999999}",
        "{\"a\":1e99999999999}",
        "{\"a\":1.}",
        "{\"a\":1.e5}",
        "{\"a\":1e}",
        "{\"a\":1e+}",
        "{\"a\":.5}",
        "{\"a\":+5}",
        "{\"a\":18446744073709551615}",
        "{\"a\":18446744073709551616}",
        "{\"a\":-9223372036854775808}",
        "{\"a\":-9223372036854775809}",
        "{\"specimen_year\":2024.0000000000001}",
        "{\"specimen_year\":-0.0}",
        "{\"a\":{\"b\":[1,{\"c\":null}],\"b\":2}}",
        "{\"a\":{1:2}}",
        "{\"a\":{\"b\" 1}}",
        "{\"a\":[1 2]}",
        "{\"a\":[1,]}",
        "{\"a\":{\"b\":1,}}",
        "{\n  \"icd10\": \"C50.9\",\n  \"t\": }",
        "{\"a\":\"\u{1}\"}",
        "\u{feff}{}",
        "{}\u{0}",
    ] {
        agrees(text);
    }
}

#[test]
fn the_common_report_is_read_as_serde_json_reads_it() {
    let text = r#"{"personal_id":"19640823-3234","diagnosis_date":"2025-05-12","primary_site":"Bröst, övre yttre kvadranten","icd10":"C50.4","side":"left","basis_of_diagnosis":3,"t":"T2","n":"N1a","m":"M0","partial":false,"specimen_year":2025,"comment":"rad 1\nrad \"2\"","confirmed_rules":["SEX-SITE"],"colour":null}"#;
    assert!(parse_json(text).is_ok());
    agrees(text);
}

#[test]
fn nesting_is_bounded_as_in_serde_json() {
    for depth in [1, 2, 126, 127, 128, 129, 200] {
        let list = format!("{{\"a\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        agrees(&list);
        let objects = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        agrees(&objects);
        agrees(&"[".repeat(depth));
    }
}
