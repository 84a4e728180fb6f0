//! The patient record's wire format: a JSON object with fixed snake_case keys, all optional.

use serde_json::{Map, Value};

use super::decode::{entries_from_json, shown_key, NOT_OBJECT};
use super::error::{ReportError, ReportErrorKind};
use crate::model::patient::PatientRecord;
use crate::model::value::JsonType;
use crate::vocab::sensitive::SensitiveText;

impl PatientRecord {
    /// Decodes a record from its wire format. Unknown, repeated and mistyped keys are errors
    /// that name the key (never its value).
    pub fn from_value(value: Value) -> Result<PatientRecord, ReportError> {
        match value {
            Value::Object(map) => PatientRecord::from_entries(map.into_iter().collect()),
            _ => Err(ReportError::new(ReportErrorKind::NotAnObject, NOT_OBJECT)),
        }
    }

    /// Decodes a record from key–value entries in input order.
    pub fn from_entries(entries: Vec<(String, Value)>) -> Result<PatientRecord, ReportError> {
        let mut p = PatientRecord::default();
        let mut seen: Vec<String> = Vec::new();
        for (key, v) in entries {
            let invalid = |what: String| ReportError::new(ReportErrorKind::InvalidField, what);
            if seen.contains(&key) {
                return Err(invalid(format!(
                    "field \"{}\" occurs more than once",
                    shown_key(&key)
                )));
            }
            let found = JsonType::of(&v).key();
            let wrong =
                |want: &str| invalid(format!("field \"{key}\": expected {want}, got {found}"));
            let text = |v: Value| match v {
                Value::Null => Ok(None),
                Value::String(s) => Ok(Some(s)),
                _ => Err(wrong("a string")),
            };
            match key.as_str() {
                "personal_id" => p.personal_id = text(v)?.map(SensitiveText::new),
                "registration_history" => {
                    p.registration_history = match v {
                        Value::Null => Vec::new(),
                        Value::Array(items) => items
                            .into_iter()
                            .map(|i| match i {
                                Value::String(s) => Ok(s),
                                _ => Err(wrong("a list of strings")),
                            })
                            .collect::<Result<_, _>>()?,
                        _ => return Err(wrong("a list of strings")),
                    }
                }
                "protected" => {
                    p.protected = match v {
                        Value::Null => false,
                        Value::Bool(b) => b,
                        _ => return Err(wrong("true or false")),
                    }
                }
                other => match PatientRecord::TEXT_KEYS.iter().position(|k| *k == other) {
                    Some(i) => *p.texts_mut()[i] = text(v)?,
                    None => {
                        return Err(invalid(format!(
                            "unknown field \"{}\" in a patient record",
                            shown_key(&key)
                        )))
                    }
                },
            }
            seen.push(key);
        }
        Ok(p)
    }

    /// Decodes a record from JSON text.
    pub fn from_json(json: &str) -> Result<PatientRecord, ReportError> {
        PatientRecord::from_entries(entries_from_json(json)?)
    }

    /// The record in its wire format (every key present; blanks as `null`).
    pub fn to_value(&self) -> Value {
        let text = |x: Option<&str>| x.map_or(Value::Null, |s| Value::String(s.to_string()));
        let mut m = Map::new();
        m.insert(
            "personal_id".into(),
            text(self.personal_id.as_ref().map(SensitiveText::reveal)),
        );
        for (key, value) in PatientRecord::TEXT_KEYS.iter().zip(self.texts()) {
            m.insert((*key).into(), text(value.as_deref()));
        }
        let history = self.registration_history.iter().map(|s| text(Some(s)));
        m.insert(
            "registration_history".into(),
            Value::Array(history.collect()),
        );
        m.insert("protected".into(), Value::Bool(self.protected));
        Value::Object(m)
    }

    /// The record as wire-format JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn protect_is_idempotent_and_blanks_everything(
            texts in proptest::collection::vec(proptest::option::of("\\PC{0,12}"), 11),
            history in proptest::collection::vec("\\PC{0,8}", 0..3),
            protected in any::<bool>(),
        ) {
            let p = PatientRecord {
                personal_id: texts[0].clone().map(SensitiveText::new),
                first_name: texts[1].clone(),
                surname: texts[2].clone(),
                street_address: texts[3].clone(),
                postcode: texts[4].clone(),
                town: texts[5].clone(),
                county_code: texts[6].clone(),
                municipality_code: texts[7].clone(),
                parish_code: texts[8].clone(),
                district_code: texts[9].clone(),
                special_postal_address: texts[10].clone(),
                registration_history: history,
                protected,
            };
            let q = p.protect();
            prop_assert_eq!(q.protect(), q.clone());
            prop_assert_eq!(&q.personal_id, &p.personal_id);
            prop_assert_eq!(q.surname.as_deref(), Some(crate::model::patient::PROTECTED_SURNAME));
            prop_assert!(q.first_name.is_none() && q.town.is_none() && q.registration_history.is_empty());
            prop_assert_eq!(PatientRecord::from_json(&q.to_json()).unwrap(), q);
        }
    }

    #[test]
    fn decoding_errors_name_the_key_not_the_value() {
        let e = PatientRecord::from_json(r#"{"personal_id": 191212121212}"#).unwrap_err();
        assert!(
            e.detail.contains("personal_id") && !e.to_string().contains("1212"),
            "{e}"
        );
        let e = PatientRecord::from_json(r#"{"nickname": "Åsa"}"#).unwrap_err();
        assert!(e.detail.contains("nickname") && e.kind == ReportErrorKind::InvalidField);
        let e = PatientRecord::from_json(r#"{"town": "Umeå", "town": "Luleå"}"#).unwrap_err();
        assert!(e.detail.contains("more than once"), "{e}");
        let e = PatientRecord::from_json(r#"{"19640823-3234": "x"}"#).unwrap_err();
        assert!(!e.to_string().contains("3234"), "{e}");
    }
}
