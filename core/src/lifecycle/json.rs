//! Events and cases as JSON, so that a host keeps them in its own database.
//!
//! **An event** (schema version 1) is an object with exactly these keys:
//!
//! | key | JSON | meaning |
//! |---|---|---|
//! | `version` | `1` | the schema version |
//! | `case_id` | string | the case's id |
//! | `seq` | integer ≥ 1 | the position in the case's events |
//! | `at` | string | when: `YYYY-MM-DDTHH:MM:SS[.fraction][Z\|±HH:MM]` |
//! | `user`, `unit`, `role` | string | who acted, for which unit, as `"reporter"` or `"rcc"` |
//! | `action` | string | `open`, `remind`, `correct`, `withdraw`, `save`, `ready_for_approval`, `send`, `delete`, `return`, `register`, `assign`, `set_follow_up`, `set_note`, `set_comment`, `set_urgent` |
//! | `from` | string or `null` | the state before (`null` for the first event) |
//! | `to` | string | the state after: `draft`, `awaiting_approval`, `reminder`, `returned`, `sent`, `registered`, `deleted` |
//! | `comment` | string or `null` | the comment the action carried |
//! | `value` | string or `null` | the value it set (a user, a date, a text, `"true"`/`"false"`, a unit) |
//! | `refers_to` | string or `null` | for `correct` and `withdraw`: the case named |
//! | `report` | object | the report after the action, in the wire format |
//!
//! **A case** is an object with `version`, `id`, `unit`, `state`, `colour`, `kind`,
//! `refers_to`, `from_rcc`, `arrival`, `responsible`, `follow_up`, `note`, `urgent`,
//! `report` and `events` (the events above). The events are the truth: reading a case
//! replays them and refuses a case whose other keys disagree with the replay.
//!
//! A later schema will have another version; readers refuse versions they do not know.

use std::fmt;

use serde_json::{Map, Value};

use super::case::{Action, Actor, Case, Event, Role, State, TransitionError};
use crate::wire::decode::{parse_value, shown_key};
use crate::wire::encode::json_text;

/// The version of the event and case JSON this library writes and reads.
pub const EVENT_SCHEMA_VERSION: i64 = 1;

/// Why a JSON text is not an event or a case of the schema: the key (or position) and what
/// was expected. Never echoes a value.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct EventFormatError {
    /// Where: a key such as `events[3].at`, or `""` for the whole text.
    pub at: String,
    /// What was expected.
    pub expected: String,
}

impl fmt::Display for EventFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            write!(f, "expected {}", self.expected)
        } else {
            write!(f, "{}: expected {}", self.at, self.expected)
        }
    }
}

impl std::error::Error for EventFormatError {}

/// Reading a case: the JSON is wrong, or its events do not replay.
#[derive(Clone, PartialEq, Debug)]
pub enum CaseReadError {
    /// Not JSON of the schema.
    Format(EventFormatError),
    /// The events do not replay into the case.
    Replay(TransitionError),
}

impl fmt::Display for CaseReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseReadError::Format(e) => e.fmt(f),
            CaseReadError::Replay(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CaseReadError {}

impl From<EventFormatError> for CaseReadError {
    fn from(e: EventFormatError) -> CaseReadError {
        CaseReadError::Format(e)
    }
}

fn opt(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::String(s.to_string()))
}

impl Event {
    /// The event as a JSON value of the schema.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("version".into(), EVENT_SCHEMA_VERSION.into());
        m.insert("case_id".into(), self.case_id.clone().into());
        m.insert("seq".into(), self.seq.into());
        m.insert("at".into(), self.at.to_string().into());
        m.insert("user".into(), self.actor.user.clone().into());
        m.insert("unit".into(), self.actor.unit.clone().into());
        m.insert("role".into(), self.actor.role.key().into());
        m.insert("action".into(), self.action.key().into());
        m.insert("from".into(), opt(self.from.map(State::key)));
        m.insert("to".into(), self.to.key().into());
        m.insert("comment".into(), opt(self.comment.as_deref()));
        m.insert("value".into(), opt(self.value.as_deref()));
        m.insert("refers_to".into(), opt(self.refers_to.as_deref()));
        m.insert("report".into(), self.report.to_value());
        Value::Object(m)
    }

    /// The event as JSON text.
    pub fn to_json(&self) -> String {
        json_text(&self.to_value())
    }

    /// An event from JSON text.
    pub fn from_json(text: &str) -> Result<Event, EventFormatError> {
        let value: Value = serde_json::from_str(text).map_err(|_| EventFormatError {
            at: String::new(),
            expected: "a JSON object".into(),
        })?;
        Event::from_value(value, "")
    }

    /// An event from a JSON value; `at` prefixes the keys in errors (e.g. `events[2]`).
    pub fn from_value(mut value: Value, at: &str) -> Result<Event, EventFormatError> {
        // The report is decoded from the value itself, not a copy.
        let report = match &mut value {
            Value::Object(map) => map.insert("report".into(), Value::Null),
            _ => None,
        };
        let o = Obj::new(&value, at)?;
        o.only(&[
            "version",
            "case_id",
            "seq",
            "at",
            "user",
            "unit",
            "role",
            "action",
            "from",
            "to",
            "comment",
            "value",
            "refers_to",
            "report",
        ])?;
        o.version()?;
        let report = report.filter(Value::is_object);
        let report = report.ok_or_else(|| o.err("report", "a report object in the wire format"))?;
        let parsed = parse_value(report).map_err(|_| o.err("report", "a JSON object"))?;
        if let Some(f) = parsed.findings().first() {
            return Err(o.err(
                "report",
                &format!("a report the wire format holds ({})", f.key),
            ));
        }
        let seq = o
            .get("seq")?
            .as_u64()
            .filter(|n| (1..=u64::from(u32::MAX)).contains(n));
        Ok(Event {
            case_id: o.text("case_id")?,
            seq: seq.ok_or_else(|| o.err("seq", "an integer from 1"))? as u32,
            at: o.text("at")?.parse().map_err(|_| {
                o.err(
                    "at",
                    "a time as YYYY-MM-DDTHH:MM:SS with an optional offset",
                )
            })?,
            actor: Actor {
                user: o.text("user")?,
                unit: o.text("unit")?,
                role: o.key("role", Role::from_key, "\"reporter\" or \"rcc\"")?,
            },
            action: o.key("action", Action::from_key, "an action")?,
            from: o.opt_key("from", State::from_key, "a state or null")?,
            to: o.key("to", State::from_key, "a state")?,
            comment: o.opt_text("comment")?,
            value: o.opt_text("value")?,
            refers_to: o.opt_text("refers_to")?,
            report: parsed.into_report(),
        })
    }
}

/// A JSON object being read, with the path for errors.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    at: &'a str,
}

impl<'a> Obj<'a> {
    fn new(value: &'a Value, at: &'a str) -> Result<Obj<'a>, EventFormatError> {
        match value {
            Value::Object(map) => Ok(Obj { map, at }),
            _ => Err(EventFormatError {
                at: at.to_string(),
                expected: "a JSON object".into(),
            }),
        }
    }

    fn path(&self, key: &str) -> String {
        if self.at.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.at)
        }
    }

    fn err(&self, key: &str, expected: &str) -> EventFormatError {
        EventFormatError {
            at: self.path(key),
            expected: expected.to_string(),
        }
    }

    fn only(&self, keys: &[&str]) -> Result<(), EventFormatError> {
        for k in self.map.keys() {
            if !keys.contains(&k.as_str()) {
                return Err(self.err(&shown_key(k), "no such key in this schema version"));
            }
        }
        for k in keys {
            if !self.map.contains_key(*k) {
                return Err(self.err(k, "the key to be present"));
            }
        }
        Ok(())
    }

    fn version(&self) -> Result<(), EventFormatError> {
        match self.get("version")?.as_i64() {
            Some(EVENT_SCHEMA_VERSION) => Ok(()),
            _ => Err(self.err("version", "schema version 1")),
        }
    }

    fn get(&self, key: &str) -> Result<&'a Value, EventFormatError> {
        self.map
            .get(key)
            .ok_or_else(|| self.err(key, "the key to be present"))
    }

    fn text(&self, key: &str) -> Result<String, EventFormatError> {
        match self.get(key)? {
            Value::String(s) => Ok(s.clone()),
            _ => Err(self.err(key, "a string")),
        }
    }

    fn opt_text(&self, key: &str) -> Result<Option<String>, EventFormatError> {
        match self.get(key)? {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            _ => Err(self.err(key, "a string or null")),
        }
    }

    fn key<T>(
        &self,
        key: &str,
        read: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Result<T, EventFormatError> {
        self.opt_key(key, read, expected)?
            .ok_or_else(|| self.err(key, expected))
    }

    fn opt_key<T>(
        &self,
        key: &str,
        read: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Result<Option<T>, EventFormatError> {
        match self.get(key)? {
            Value::Null => Ok(None),
            Value::String(s) => read(s).map(Some).ok_or_else(|| self.err(key, expected)),
            _ => Err(self.err(key, expected)),
        }
    }
}

impl Case {
    /// The case as a JSON value: its data and its events (see the module's note).
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("version".into(), EVENT_SCHEMA_VERSION.into());
        m.insert("id".into(), self.id().into());
        m.insert("unit".into(), self.unit().into());
        m.insert("state".into(), self.state().key().into());
        m.insert("colour".into(), opt(self.colour().map(|c| c.key())));
        m.insert("kind".into(), self.kind().key().into());
        m.insert("refers_to".into(), opt(self.refers_to()));
        m.insert("from_rcc".into(), self.from_rcc().into());
        m.insert("arrival".into(), self.arrival().to_string().into());
        m.insert("responsible".into(), opt(self.responsible()));
        m.insert(
            "follow_up".into(),
            opt(self.follow_up().map(|d| d.to_string()).as_deref()),
        );
        m.insert("note".into(), opt(self.note()));
        m.insert("urgent".into(), self.urgent().into());
        m.insert("report".into(), self.report().to_value());
        m.insert(
            "events".into(),
            Value::Array(self.events().iter().map(Event::to_value).collect()),
        );
        Value::Object(m)
    }

    /// The case as JSON text.
    pub fn to_json(&self) -> String {
        json_text(&self.to_value())
    }

    /// A case from JSON text: its events replayed, and checked against its other keys.
    pub fn from_json(text: &str) -> Result<Case, CaseReadError> {
        let value: Value = serde_json::from_str(text).map_err(|_| EventFormatError {
            at: String::new(),
            expected: "a JSON object".into(),
        })?;
        Case::from_value(&value, "")
    }

    /// A case from a JSON value (see [`Case::from_json`]); `at` prefixes the keys in errors
    /// (e.g. `cases[3]`).
    pub fn from_value(value: &Value, at: &str) -> Result<Case, CaseReadError> {
        let o = Obj::new(value, at)?;
        o.only(&[
            "version",
            "id",
            "unit",
            "state",
            "colour",
            "kind",
            "refers_to",
            "from_rcc",
            "arrival",
            "responsible",
            "follow_up",
            "note",
            "urgent",
            "report",
            "events",
        ])?;
        o.version()?;
        let Value::Array(items) = o.get("events")? else {
            return Err(o.err("events", "a list of events").into());
        };
        let events = items
            .iter()
            .enumerate()
            .map(|(i, v)| Event::from_value(v.clone(), &o.path(&format!("events[{i}]"))))
            .collect::<Result<Vec<_>, _>>()?;
        let case = Case::replay(&events).map_err(CaseReadError::Replay)?;
        let replayed = case.to_value();
        for (key, stored) in o.map {
            if key != "events" && replayed.get(key) != Some(stored) {
                return Err(o.err(key, "the value the events give").into());
            }
        }
        Ok(case)
    }
}
