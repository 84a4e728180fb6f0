//! Structured fuzzing of the JSON entry point (runs in every `cargo test`; the coverage-guided
//! fuzzers are in `core/fuzz`). Random objects mix the real keys with unknown ones and values of
//! every JSON type, including near-misses of dates, codes and personal identity numbers.

use canceranmalan::wire::decode::{parse_cells, parse_entry_texts, Cell, EntryText, TextColumn};
use canceranmalan::{
    parse_json, registry, validate_value, Field, Lang, ParsedReport, Severity, ValidationContext,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(Field::ALL.to_vec()).prop_map(|f| f.key().to_string()),
        1 => "[a-zA-Z_åäö]{1,12}",
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-10i64..=12).prop_map(Value::from),
        (1000i64..=2100).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::from),
        "(19|20)[0-9]{2}-[0-1][0-9]-[0-3][0-9]".prop_map(Value::from),
        "[A-Ea-e][0-9]{1,3}(\\.[0-9]{0,2})?".prop_map(Value::from),
        "(13|18|19|20|99|22)?[0-9]{6}[-+]?[0-9A-Z]{4}".prop_map(Value::from),
        proptest::sample::select(vec![
            "right",
            "left",
            "clinical",
            "pathological",
            "female",
            "male",
            "höger"
        ])
        .prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            proptest::collection::vec(("[a-z]{1,4}", inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn report() -> impl Strategy<Value = Map<String, Value>> {
    proptest::collection::vec((key(), value()), 0..14).prop_map(|kv| kv.into_iter().collect())
}

/// A cell's makings: a text (as a table's text column holds it) or any scalar JSON value.
fn cell_seed() -> impl Strategy<Value = (Option<String>, Value)> {
    prop_oneof![
        2 => scalar().prop_map(|v| match v {
            Value::String(s) => (Some(s), Value::Null),
            v => (None, v),
        }),
        1 => scalar().prop_map(|v| (None, v)),
    ]
}

/// The cell a [`cell_seed`] makes.
fn cell((text, v): &(Option<String>, Value)) -> Cell<'_> {
    match text {
        Some(t) => Cell::Text(t),
        None => Cell::Json(v.clone()),
    }
}

/// JSON text of an object with these entries in this order (a key may come twice).
fn object_text(entries: &[(String, Value)]) -> String {
    let body: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()))
        .collect();
    format!("{{{}}}", body.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// A report read into one that held others is what a new one reads: the same fields,
    /// findings and errors, whatever came before (fields given again, left out, `null`, of
    /// the wrong type, repeated keys, texts that are not reports).
    #[test]
    fn reading_into_a_used_report_is_reading_anew(
        texts in proptest::collection::vec(
            prop_oneof![
                4 => proptest::collection::vec((key(), value()), 0..14).prop_map(|e| object_text(&e)),
                1 => "\\PC{0,24}",
            ],
            1..6,
        )
    ) {
        let mut parsed = ParsedReport::default();
        for text in &texts {
            match (parse_json(text), parsed.read_json(text)) {
                (Ok(fresh), Ok(())) => prop_assert_eq!(&parsed, &fresh, "{}", text),
                (Err(fresh), Err(again)) => {
                    prop_assert_eq!(again, fresh);
                    prop_assert_eq!(&parsed, &ParsedReport::default());
                }
                (fresh, again) => prop_assert!(false, "{text}: {fresh:?} against {again:?}"),
            }
        }
    }

    /// Entries handed over as texts (a string's text as it is, any other value as JSON
    /// text, written compactly or with white space around it) decode as the JSON object
    /// they write: the same fields, findings and order, repeated and unknown keys included.
    #[test]
    fn entry_texts_decode_as_the_object_they_write(
        entries in proptest::collection::vec((key(), value()), 0..14),
        spaced in any::<bool>(),
    ) {
        let written: Vec<(String, Option<String>, String)> = entries
            .iter()
            .map(|(k, v)| {
                let json = if spaced { format!(" {} ", serde_json::to_string_pretty(v).unwrap()) } else { v.to_string() };
                (k.clone(), v.as_str().map(str::to_string), json)
            })
            .collect();
        let texts = written.iter().map(|(k, text, json)| {
            (k.as_str(), text.as_deref().map_or(EntryText::Json(json), EntryText::Text))
        });
        prop_assert_eq!(parse_entry_texts(texts).unwrap(), parse_json(&object_text(&entries)).unwrap());
    }

    /// A value given as JSON text that is not one JSON value is a report error, never a
    /// panic, and what reading it as a report's value would refuse.
    #[test]
    fn entry_json_that_is_not_one_value_is_an_error(json in "\\PC{0,16}") {
        let as_entry = parse_entry_texts([("t", EntryText::Json(&json))]);
        let as_object = parse_json(&format!("{{\"t\":{json}}}"));
        if as_entry.is_ok() {
            prop_assert_eq!(as_entry.unwrap(), as_object.unwrap());
        } else if let Ok(parsed) = as_object {
            // The object's text may still read where the value alone does not, when what
            // follows the value closes the object early (`1}`): never the same report.
            prop_assert!(json.contains('}') || json.contains(','), "{:?} {:?}", json, parsed);
        }
    }

    /// Cells read into a report that held others give what a new report reads from them
    /// (fields given again or not, `null`, values they cannot hold, a field given twice).
    #[test]
    fn reading_cells_into_a_used_report_is_reading_anew(
        rows in proptest::collection::vec(
            proptest::collection::vec(
                (
                    proptest::sample::select(Field::ALL.to_vec()),
                    cell_seed(),
                ),
                0..12,
            ),
            1..6,
        )
    ) {
        let mut parsed = ParsedReport::default();
        for row in &rows {
            let cells = || row.iter().map(|(f, seed)| (*f, cell(seed)));
            parsed.read_cells(cells());
            prop_assert_eq!(&parsed, &parse_cells(cells()), "{:?}", row);
        }
    }

    /// A table read a column at a time over a few rows, each row into a report of its own
    /// (`begin_cells`, `read_text` or `read_cell`, `end_cells`), gives each row what a new
    /// report reads from its cells, chunk after chunk into the same reports.
    #[test]
    fn reading_a_column_at_a_time_is_reading_each_row(
        columns in proptest::sample::subsequence(Field::ALL.to_vec(), 0..10).prop_shuffle(),
        seeds in proptest::collection::vec(proptest::collection::vec(
            cell_seed(),
            10,
        ), 1..9),
    ) {
        let mut reports = vec![ParsedReport::default(); 4];
        for chunk in seeds.chunks(4) {
            let mut reads: Vec<_> = reports.iter_mut().map(ParsedReport::begin_cells).collect();
            for (c, field) in columns.iter().enumerate() {
                let texts = TextColumn::new(*field);
                for (i, row) in chunk.iter().enumerate() {
                    match cell(&row[c]) {
                        Cell::Text(t) => reports[i].read_text(&mut reads[i], texts, t),
                        other => reports[i].read_cell(&mut reads[i], *field, other),
                    }
                }
            }
            for (i, row) in chunk.iter().enumerate() {
                reports[i].end_cells(reads[i]);
                let cells = columns.iter().zip(row).map(|(f, c)| (*f, cell(c)));
                prop_assert_eq!(&reports[i], &parse_cells(cells), "{:?} {:?}", columns, row);
            }
        }
    }

    #[test]
    fn any_object_gives_issues_never_a_panic(map in report(), en in any::<bool>(), allow in any::<bool>()) {
        let lang = if en { Lang::En } else { Lang::Sv };
        let ctx = ValidationContext::new("2025-06-01".parse().unwrap()).with_lang(lang).with_test_persons(allow);
        let text = Value::Object(map.clone()).to_string();
        let from_value = validate_value(Value::Object(map.clone()), &ctx).unwrap();
        let from_text = parse_json(&text).unwrap().validate(&ctx);
        prop_assert_eq!(&from_value, &from_text);
        let partial = map.get("partial") == Some(&Value::Bool(true));
        for issue in &from_value {
            // The engine stamps the rule: its severity, and only fields the rule declared.
            let rule = registry::rule(issue.rule_id).unwrap();
            // A confirmed warning is reported as info; nothing else changes severity.
            let confirmed = rule.severity == Severity::Warning && issue.severity == Severity::Info;
            prop_assert!(issue.severity == rule.severity || confirmed);
            let declared = rule.fields();
            prop_assert!(
                declared.is_empty() || issue.fields.iter().all(|f| declared.iter().any(|d| d.key() == f)),
                "{} names {:?}", issue.rule_id, issue.fields
            );
            prop_assert!(!issue.fields.is_empty());
            // Every placeholder of the template is filled.
            for lang in [rule.message.sv, rule.message.en] {
                for name in lang.split('{').skip(1).filter_map(|t| t.split_once('}').map(|(n, _)| n)) {
                    prop_assert!(!issue.message.contains(&format!("{{{name}}}")), "unrendered template: {}", issue.message);
                }
            }
            prop_assert!(!(partial && issue.rule_id == "REQUIRED"));
            for f in &issue.fields {
                prop_assert!(map.contains_key(f) || Field::from_key(f).is_some());
            }
        }
    }

    #[test]
    fn any_text_is_a_report_or_a_report_error(text in "\\PC{0,64}") {
        let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
        let _ = canceranmalan::validate_json(&text, &ctx);
    }
}
