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
        self.to_value().to_string()
    }
}
