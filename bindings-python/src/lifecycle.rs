//! The case lifecycle for Python: `Case`, `Event`, `Actor`, `inbox`, `possible_duplicates`.
//! Conversion only; the rules are the core's.

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use serde_json::Value;

use super::{extract_date, extract_lang, guard, parse_report, py_date, utf8, Issue};
use canceranmalan as core;

create_exception!(
    canceranmalan,
    TransitionError,
    PyValueError,
    "An action refused by the case's rules (or events that do not replay): `reason` is the stable code, `detail` says what, `message_sv`/`message_en` explain, and `issues` holds the errors of a refused send. The case is unchanged."
);
create_exception!(
    canceranmalan,
    EventFormatError,
    PyValueError,
    "JSON that is not an event or a case of the schema: `at` names the key (e.g. 'events[2].at')."
);

fn transition_error(py: Python<'_>, e: core::TransitionError) -> PyErr {
    let err = TransitionError::new_err(format!("{}: {}", e.reason, e.message(core::Lang::En)));
    let v = err.value(py);
    let _ = v.setattr("reason", e.reason.key());
    let _ = v.setattr("detail", e.detail.clone());
    let _ = v.setattr("message_sv", e.message(core::Lang::Sv));
    let _ = v.setattr("message_en", e.message(core::Lang::En));
    let issues: Vec<Issue> = e.issues.into_iter().map(Issue::from).collect();
    if let Ok(list) = issues
        .into_iter()
        .map(|i| Py::new(py, i))
        .collect::<PyResult<Vec<_>>>()
    {
        let _ = v.setattr("issues", list);
    }
    err
}

fn format_error(py: Python<'_>, e: core::EventFormatError) -> PyErr {
    let err = EventFormatError::new_err(e.to_string());
    let _ = err.value(py).setattr("at", e.at.clone());
    err
}

fn read_error(py: Python<'_>, e: core::lifecycle::json::CaseReadError) -> PyErr {
    match e {
        core::lifecycle::json::CaseReadError::Format(e) => format_error(py, e),
        core::lifecycle::json::CaseReadError::Replay(e) => transition_error(py, e),
    }
}

/// A str argument, or a TypeError naming it (never its value).
fn text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    obj.cast::<PyString>()
        .ok()
        .and_then(|s| utf8(s).map(|c| c.into_owned()))
        .ok_or_else(|| PyTypeError::new_err(format!("{what}: expected a str")))
}

/// A time: a `datetime.datetime` or `datetime.date` (through `isoformat()`), or ISO text.
fn extract_at(obj: &Bound<'_, PyAny>) -> PyResult<core::Timestamp> {
    let iso = if obj.cast::<PyString>().is_ok() {
        text(obj, "at")?
    } else if obj.hasattr("isoformat")? {
        obj.call_method0("isoformat")?.extract::<String>()?
    } else {
        return Err(PyTypeError::new_err(
            "at: expected a datetime, a date or ISO 8601 text",
        ));
    };
    iso.parse()
        .map_err(|e: core::TimestampError| PyValueError::new_err(format!("at: {e}")))
}

/// A value for an action: str, bool (`"true"`/`"false"`), a date (`YYYY-MM-DD`) or None.
fn extract_value(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Some(b.is_true().to_string()));
    }
    if obj.cast::<PyString>().is_ok() {
        return text(obj, "value").map(Some);
    }
    if obj.hasattr("year")? {
        return Ok(Some(extract_date(obj, "value")?.to_string()));
    }
    Err(PyTypeError::new_err(
        "value: expected a str, a bool, a date or None",
    ))
}

fn opt_text(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<String>> {
    match obj {
        Some(o) if !o.is_none() => text(o, what).map(Some),
        _ => Ok(None),
    }
}

/// A JSON value as a Python object (the wire format holds null, booleans, integers, strings
/// and lists of strings).
pub(crate) fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_pyobject(py)?.into_any(),
            None => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for i in items {
                list.append(value_to_py(py, i)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let d = PyDict::new(py);
            for (k, v) in map {
                d.set_item(k, value_to_py(py, v)?)?;
            }
            d.into_any()
        }
    })
}

/// Who acts: a user, the unit (clinic) they act for, and the role "reporter" or "rcc".
#[pyclass(frozen, eq, hash, module = "canceranmalan")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Actor {
    inner: core::Actor,
}

#[pymethods]
impl Actor {
    #[new]
    #[pyo3(signature = (user, unit, role))]
    fn new(
        user: &Bound<'_, PyAny>,
        unit: &Bound<'_, PyAny>,
        role: &Bound<'_, PyAny>,
    ) -> PyResult<Actor> {
        let role_text = text(role, "role")?;
        let role = core::Role::from_key(&role_text)
            .ok_or_else(|| PyValueError::new_err("role: expected 'reporter' or 'rcc'"))?;
        Ok(Actor {
            inner: core::Actor::new(text(user, "user")?, text(unit, "unit")?, role),
        })
    }

    /// The user.
    #[getter]
    fn user(&self) -> &str {
        &self.inner.user
    }

    /// The unit (clinic) the user acts for.
    #[getter]
    fn unit(&self) -> &str {
        &self.inner.unit
    }

    /// "reporter" or "rcc".
    #[getter]
    fn role(&self) -> &'static str {
        self.inner.role.key()
    }

    fn __repr__(&self) -> String {
        format!(
            "Actor(user={:?}, unit={:?}, role={:?})",
            self.inner.user,
            self.inner.unit,
            self.inner.role.key()
        )
    }
}

fn actor(obj: &Bound<'_, PyAny>) -> PyResult<core::Actor> {
    obj.cast::<Actor>()
        .map(|a| a.get().inner.clone())
        .map_err(|_| PyTypeError::new_err("by: expected an Actor"))
}

/// One action taken on a case: who, when, what, the state before and after, the comment and
/// value, and the report after it. `repr` masks the personal identity number.
#[pyclass(frozen, eq, module = "canceranmalan")]
#[derive(Clone, PartialEq)]
pub(crate) struct Event {
    inner: core::Event,
}

#[pymethods]
impl Event {
    /// The case's id.
    #[getter]
    fn case_id(&self) -> &str {
        &self.inner.case_id
    }
    /// The position in the case's events, from 1.
    #[getter]
    fn seq(&self) -> u32 {
        self.inner.seq
    }
    /// When, as ISO 8601 text.
    #[getter]
    fn at(&self) -> String {
        self.inner.at.to_string()
    }
    /// Who acted.
    #[getter]
    fn by(&self) -> Actor {
        Actor {
            inner: self.inner.actor.clone(),
        }
    }
    /// The action's key, e.g. "send".
    #[getter]
    fn action(&self) -> &'static str {
        self.inner.action.key()
    }
    /// The state before (None for the first event).
    #[getter(from_state)]
    fn state_before(&self) -> Option<&'static str> {
        self.inner.from.map(core::State::key)
    }
    /// The state after.
    #[getter]
    fn to_state(&self) -> &'static str {
        self.inner.to.key()
    }
    /// The comment the action carried.
    #[getter]
    fn comment(&self) -> Option<&str> {
        self.inner.comment.as_deref()
    }
    /// The value the action set.
    #[getter]
    fn value(&self) -> Option<&str> {
        self.inner.value.as_deref()
    }
    /// For a correction or withdrawal: the case it names.
    #[getter]
    fn refers_to(&self) -> Option<&str> {
        self.inner.refers_to.as_deref()
    }
    /// The report after the action (a dict in the wire format).
    #[getter]
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        value_to_py(py, &self.inner.report.to_value())
    }
    /// The event as JSON text (schema version 1).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    /// The event as a dict (the JSON's object).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        value_to_py(py, &self.inner.to_value())
    }
    /// An event from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text_: &Bound<'_, PyAny>) -> PyResult<Event> {
        let t = text(text_, "text")?;
        core::Event::from_json(&t)
            .map(|inner| Event { inner })
            .map_err(|e| format_error(py, e))
    }
    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
}

/// An event from an `Event`, a dict of the schema or its JSON text.
fn event(py: Python<'_>, obj: &Bound<'_, PyAny>, i: usize) -> PyResult<core::Event> {
    if let Ok(e) = obj.cast::<Event>() {
        return Ok(e.get().inner.clone());
    }
    let json = if obj.cast::<PyString>().is_ok() {
        text(obj, "events")?
    } else if obj.cast::<PyDict>().is_ok() {
        py.import("json")?
            .call_method1("dumps", (obj,))?
            .extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "events[{i}]: expected an Event, a dict or JSON text"
        )));
    };
    let value: Value = serde_json::from_str(&json).map_err(|_| {
        format_error(
            py,
            core::EventFormatError {
                at: format!("events[{i}]"),
                expected: "a JSON object".into(),
            },
        )
    })?;
    core::Event::from_value(value, &format!("events[{i}]")).map_err(|e| format_error(py, e))
}

/// A case (*ärende*): its state, report, inbox data and events. Immutable: `perform` returns
/// a new case.
#[pyclass(frozen, eq, module = "canceranmalan")]
#[derive(Clone, PartialEq)]
pub(crate) struct Case {
    pub(crate) inner: core::Case,
}

fn report_arg(
    py: Python<'_>,
    report: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<core::ParsedReport>> {
    match report {
        Some(r) if !r.is_none() => parse_report(py, r).map(Some),
        _ => Ok(None),
    }
}

#[pymethods]
impl Case {
    /// A reporter opens a case with a report (a dict or JSON text) at a time.
    #[staticmethod]
    #[pyo3(signature = (report, *, by, at, id=None))]
    fn open(
        py: Python<'_>,
        report: &Bound<'_, PyAny>,
        by: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Case> {
        guard(|| {
            let report = parse_report(py, report)?;
            let (by, at, id) = (actor(by)?, extract_at(at)?, opt_text(id, "id")?);
            core::Case::open(report, &by, at, id)
                .map(|inner| Case { inner })
                .map_err(|e| transition_error(py, e))
        })
    }

    /// RCC opens a reminder case for a missing notification, in `unit`'s inbox.
    #[staticmethod]
    #[pyo3(signature = (personal_id, *, unit, by, at, id=None))]
    fn reminder(
        py: Python<'_>,
        personal_id: &Bound<'_, PyAny>,
        unit: &Bound<'_, PyAny>,
        by: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Case> {
        guard(|| {
            let pid = text(personal_id, "personal_id")?;
            let unit = text(unit, "unit")?;
            let (by, at, id) = (actor(by)?, extract_at(at)?, opt_text(id, "id")?);
            core::Case::reminder(&pid, &unit, &by, at, id)
                .map(|inner| Case { inner })
                .map_err(|e| transition_error(py, e))
        })
    }

    /// Takes an action ("save", "ready_for_approval", "send", "delete", "return",
    /// "register", "assign", "set_follow_up", "set_note", "set_comment", "set_urgent") and
    /// returns the new case; raises TransitionError (this case unchanged) when refused. A
    /// `report` is a patch: its keys replace the case's, None clears, absent keys stay.
    #[pyo3(signature = (action, *, by, at, comment=None, report=None, value=None, lang=None))]
    #[allow(clippy::too_many_arguments)]
    fn perform(
        &self,
        py: Python<'_>,
        action: &Bound<'_, PyAny>,
        by: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        comment: Option<&Bound<'_, PyAny>>,
        report: Option<&Bound<'_, PyAny>>,
        value: Option<&Bound<'_, PyAny>>,
        lang: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Case> {
        guard(|| {
            let name = text(action, "action")?;
            let Some(action) = core::Action::from_key(&name) else {
                return Err(transition_error(
                    py,
                    core::TransitionError {
                        reason: core::Reason::UnknownAction,
                        detail: core::mask(&name).chars().take(40).collect(),
                        issues: Vec::new(),
                    },
                ));
            };
            let mut args = core::Args::new();
            args.comment = opt_text(comment, "comment")?;
            args.value = extract_value(value)?;
            args.report = report_arg(py, report)?;
            if let Some(l) = lang.filter(|l| !l.is_none()) {
                args.lang = extract_lang(l)?;
            }
            let (by, at) = (actor(by)?, extract_at(at)?);
            self.inner
                .perform(action, &by, at, args)
                .map(|inner| Case { inner })
                .map_err(|e| transition_error(py, e))
        })
    }

    /// A new case that corrects this one (sent or registered), with a comment that says so.
    #[pyo3(signature = (report, *, by, at, comment, id=None))]
    fn correct(
        &self,
        py: Python<'_>,
        report: &Bound<'_, PyAny>,
        by: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        comment: &Bound<'_, PyAny>,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Case> {
        guard(|| {
            let report = parse_report(py, report)?;
            let comment = text(comment, "comment")?;
            let (by, at, id) = (actor(by)?, extract_at(at)?, opt_text(id, "id")?);
            self.inner
                .correct(report, &by, at, &comment, id)
                .map(|inner| Case { inner })
                .map_err(|e| transition_error(py, e))
        })
    }

    /// A request to withdraw this registered case, with the reason: a new case to send.
    #[pyo3(signature = (*, by, at, reason, id=None))]
    fn withdraw(
        &self,
        py: Python<'_>,
        by: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Case> {
        guard(|| {
            let reason = text(reason, "reason")?;
            let (by, at, id) = (actor(by)?, extract_at(at)?, opt_text(id, "id")?);
            self.inner
                .withdraw(&by, at, &reason, id)
                .map(|inner| Case { inner })
                .map_err(|e| transition_error(py, e))
        })
    }

    /// The case its events give (Events, dicts of the schema or JSON texts).
    #[staticmethod]
    fn replay(py: Python<'_>, events: &Bound<'_, PyAny>) -> PyResult<Case> {
        guard(|| {
            let mut list = Vec::new();
            for (i, item) in events.try_iter()?.enumerate() {
                list.push(event(py, &item?, i)?);
            }
            core::Case::replay(&list)
                .map(|inner| Case { inner })
                .map_err(|e| transition_error(py, e))
        })
    }

    /// The case as JSON text (its data and events, schema version 1).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// A case from JSON text: its events replayed and checked against its data.
    #[staticmethod]
    fn from_json(py: Python<'_>, text_: &Bound<'_, PyAny>) -> PyResult<Case> {
        guard(|| {
            let t = text(text_, "text")?;
            core::Case::from_json(&t)
                .map(|inner| Case { inner })
                .map_err(|e| read_error(py, e))
        })
    }

    /// The case's id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    /// The unit that owns the case.
    #[getter]
    fn unit(&self) -> &str {
        self.inner.unit()
    }
    /// "draft", "awaiting_approval", "reminder", "returned", "sent", "registered" or "deleted".
    #[getter]
    fn state(&self) -> &'static str {
        self.inner.state().key()
    }
    /// "green", "pink", "blue", or None for a deleted case.
    #[getter]
    fn colour(&self) -> Option<&'static str> {
        self.inner.colour().map(|c| c.key())
    }
    /// What started the case: "open", "remind", "correct" or "withdraw".
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind().key()
    }
    /// For a correction or withdrawal: the id of the case it names.
    #[getter]
    fn refers_to(&self) -> Option<&str> {
        self.inner.refers_to()
    }
    /// True when RCC created the case or sent it back (it cannot be deleted).
    #[getter(from_rcc)]
    fn created_or_returned_by_rcc(&self) -> bool {
        self.inner.from_rcc()
    }
    /// The report as it stands (a dict in the wire format).
    #[getter]
    fn report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        value_to_py(py, &self.inner.report().to_value())
    }
    /// Every event, in order.
    #[getter]
    fn events(&self) -> Vec<Event> {
        self.inner
            .events()
            .iter()
            .map(|e| Event { inner: e.clone() })
            .collect()
    }
    /// When the case came to the clinic's inbox (ISO 8601 text).
    #[getter]
    fn arrival(&self) -> String {
        self.inner.arrival().to_string()
    }
    /// The responsible reporter.
    #[getter]
    fn responsible(&self) -> Option<&str> {
        self.inner.responsible()
    }
    /// The follow-up date.
    #[getter]
    fn follow_up<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.follow_up().map(|d| py_date(py, d)).transpose()
    }
    /// The note for the unit's reporters (not for RCC's eyes).
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note()
    }
    /// RCC marked the case urgent.
    #[getter]
    fn urgent(&self) -> bool {
        self.inner.urgent()
    }
    fn __repr__(&self) -> String {
        format!(
            "Case(id={:?}, unit={:?}, state={:?}, events={})",
            self.inner.id(),
            self.inner.unit(),
            self.inner.state().key(),
            self.inner.events().len()
        )
    }
}

/// One row of a unit's inbox.
#[pyclass(frozen, module = "canceranmalan", get_all)]
pub(crate) struct InboxEntry {
    case: Py<Case>,
    arrival: String,
    status: &'static str,
    colour: &'static str,
    responsible: Option<String>,
    follow_up: Option<Py<PyAny>>,
    follow_up_due: bool,
    note: Option<String>,
    urgent: bool,
    diagnosis_date: Option<String>,
    death_date: Option<String>,
}

#[pymethods]
impl InboxEntry {
    fn __repr__(&self) -> String {
        format!(
            "InboxEntry(status={:?}, arrival={:?}, urgent={}, follow_up_due={})",
            self.status, self.arrival, self.urgent, self.follow_up_due
        )
    }
}

/// The inbox of `unit` on `today`: its green cases (for action) and pink ones (sent), sorted:
/// for action first, then follow-up due, then urgent, then oldest arrival.
#[pyfunction]
#[pyo3(signature = (cases, *, unit, today))]
pub(crate) fn inbox(
    py: Python<'_>,
    cases: &Bound<'_, PyAny>,
    unit: &Bound<'_, PyAny>,
    today: &Bound<'_, PyAny>,
) -> PyResult<Vec<InboxEntry>> {
    guard(|| {
        let unit = text(unit, "unit")?;
        let today = extract_date(today, "today")?;
        let mut handles: Vec<Bound<'_, Case>> = Vec::new();
        for item in cases.try_iter()? {
            let item = item?;
            let c = item
                .cast::<Case>()
                .map_err(|_| PyTypeError::new_err("cases: expected Case objects"))?;
            handles.push(c.clone());
        }
        let inner: Vec<&core::Case> = handles.iter().map(|c| &c.get().inner).collect();
        let rows = core::inbox(inner.iter().copied(), &unit, today);
        rows.iter()
            .map(|r| {
                let i = inner
                    .iter()
                    .position(|c| std::ptr::eq(*c, r.case))
                    .unwrap_or_default();
                Ok(InboxEntry {
                    case: handles[i].clone().unbind(),
                    arrival: r.arrival.to_string(),
                    status: r.status.key(),
                    colour: r.colour.key(),
                    responsible: r.responsible.map(str::to_string),
                    follow_up: r
                        .follow_up
                        .map(|d| py_date(py, d).map(Bound::unbind))
                        .transpose()?,
                    follow_up_due: r.follow_up_due,
                    note: r.note.map(str::to_string),
                    urgent: r.urgent,
                    diagnosis_date: r.diagnosis_date.map(str::to_string),
                    death_date: r.death_date.map(str::to_string),
                })
            })
            .collect()
    })
}

/// An earlier report that may be the same tumour: its 0-based `index` in `others`, the
/// `rule` that matched and the rule's `message`.
#[pyclass(frozen, module = "canceranmalan", get_all)]
pub(crate) struct Duplicate {
    index: usize,
    rule: &'static str,
    message: &'static str,
}

#[pymethods]
impl Duplicate {
    fn __repr__(&self) -> String {
        format!("Duplicate(index={}, rule={:?})", self.index, self.rule)
    }
}

/// The reports in `others` of the same patient as `report` that may be the same tumour under
/// the IARC/IACR 2004 multiple-primary rules (paired organs by side).
#[pyfunction]
#[pyo3(signature = (report, others, *, lang=None))]
pub(crate) fn possible_duplicates(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    others: &Bound<'_, PyAny>,
    lang: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Duplicate>> {
    guard(|| {
        let lang = match lang.filter(|l| !l.is_none()) {
            Some(l) => extract_lang(l)?,
            None => core::Lang::Sv,
        };
        let new = parse_report(py, report)?.into_report();
        let mut list = Vec::new();
        for item in others.try_iter()? {
            list.push(parse_report(py, &item?)?.into_report());
        }
        Ok(core::possible_duplicates(&new, &list)
            .into_iter()
            .map(|d| Duplicate {
                index: d.index,
                rule: d.rule.key(),
                message: d.rule.message(lang),
            })
            .collect())
    })
}

/// Registers the lifecycle's classes, functions and errors.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("TransitionError", py.get_type::<TransitionError>())?;
    m.add("EventFormatError", py.get_type::<EventFormatError>())?;
    m.add_class::<Actor>()?;
    m.add_class::<Event>()?;
    m.add_class::<Case>()?;
    m.add_class::<InboxEntry>()?;
    m.add_class::<Duplicate>()?;
    m.add_function(wrap_pyfunction!(inbox, m)?)?;
    m.add_function(wrap_pyfunction!(possible_duplicates, m)?)?;
    Ok(())
}
