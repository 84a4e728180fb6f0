//! Python bindings for `canceranmalan`: type conversion and error mapping only. Every rule,
//! table and behaviour lives in the core crate.

use std::panic::{catch_unwind, AssertUnwindSafe};

use canceranmalan as core;
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

create_exception!(
    _native,
    ReportError,
    PyValueError,
    "The input is not a report (or patient record) at all: malformed JSON, not an object, or a value that JSON cannot hold. Has `line` and `column` (0 where the input was not text)."
);
create_exception!(
    _native,
    PersonalIdError,
    PyValueError,
    "A text is not a valid personal identity number. `kind` says why; the number itself is never in the message."
);
create_exception!(
    _native,
    InternalError,
    PyRuntimeError,
    "A bug in canceranmalan (a Rust panic), raised as an ordinary exception. Please report it."
);

/// Runs `f`, turning a Rust panic into `InternalError` instead of pyo3's BaseException.
fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(InternalError::new_err(
            "internal error in canceranmalan; the input was not changed",
        ))
    })
}

fn report_error(py: Python<'_>, e: &core::ReportError) -> PyErr {
    let err = ReportError::new_err(e.to_string());
    let value = err.value(py);
    let _ = value.setattr("line", e.line);
    let _ = value.setattr("column", e.column);
    err
}

fn personal_id_error(py: Python<'_>, e: core::PersonalIdError) -> PyErr {
    let err = PersonalIdError::new_err(e.to_string());
    let _ = err.value(py).setattr("kind", e.key());
    err
}

/// A date from a `datetime.date` (or anything with year, month and day) or a `YYYY-MM-DD` str.
fn extract_date(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<core::Date> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow()?;
        return text
            .parse()
            .map_err(|e| PyValueError::new_err(format!("{what}: {e}")));
    }
    let part = |name: &str| -> PyResult<i64> { obj.getattr(name)?.extract() };
    match (part("year"), part("month"), part("day")) {
        (Ok(y), Ok(m), Ok(d)) => {
            let ok = |v: i64, max: i64| (1..=max).contains(&v);
            if ok(y, 9999) && ok(m, 12) && ok(d, 31) {
                if let Some(date) = core::Date::from_ymd(y as u16, m as u8, d as u8) {
                    return Ok(date);
                }
            }
            Err(PyValueError::new_err(format!("{what}: no such date")))
        }
        _ => Err(PyTypeError::new_err(format!(
            "{what}: expected datetime.date or a 'YYYY-MM-DD' string"
        ))),
    }
}

fn today_or(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<core::Date> {
    match obj {
        Some(o) if !o.is_none() => extract_date(o, what),
        _ => {
            let today = py
                .import("datetime")?
                .getattr("date")?
                .call_method0("today")?;
            extract_date(&today, what)
        }
    }
}

fn extract_lang(lang: &str) -> PyResult<core::Lang> {
    core::Lang::from_code(lang)
        .ok_or_else(|| PyValueError::new_err(format!("lang: expected 'sv' or 'en', got {lang:?}")))
}

/// Converts a Python value to JSON. Containers inside a report are converted only as far as
/// their type: every report field holds a scalar, so a list or dict there is a wrong type
/// whatever it contains (and a self-containing list cannot recurse).
fn to_json(py: Python<'_>, key: &str, obj: &Bound<'_, PyAny>, deep: bool) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyInt>()
        || obj.hasattr("__index__")? && !obj.is_instance_of::<PyFloat>()
    {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        // An integer beyond 64 bits: still an integer, and out of every field's range.
        let f = if obj.lt(0)? { -f64::MAX } else { f64::MAX };
        return Ok(serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        if f.is_nan() {
            // NaN is how pandas and NumPy mark a missing value.
            return Ok(Value::Null);
        }
        return serde_json::Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| {
                report_error(
                    py,
                    &core::ReportError::new(
                        core::ReportErrorKind::Unrepresentable,
                        format!("field {key:?}: an infinite number"),
                    ),
                )
            });
    }
    let datetime = py.import("datetime")?;
    if obj.is_instance(&datetime.getattr("date")?)? {
        // A datetime gives "YYYY-MM-DDTHH:MM:SS", which the date rules report as malformed.
        return Ok(Value::String(obj.call_method0("isoformat")?.extract()?));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        if !deep {
            return Ok(Value::Array(Vec::new()));
        }
        let mut items = Vec::new();
        for item in obj.try_iter()? {
            items.push(to_json(py, key, &item?, false)?);
        }
        return Ok(Value::Array(items));
    }
    if obj.cast::<PyDict>().is_ok() {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    let type_name = obj.get_type().name()?.to_string();
    Err(report_error(
        py,
        &core::ReportError::new(
            core::ReportErrorKind::Unrepresentable,
            format!("field {key:?}: a {type_name} cannot be represented in JSON"),
        ),
    ))
}

/// The key–value entries of a dict, in order, values converted to JSON.
fn dict_entries(
    py: Python<'_>,
    dict: &Bound<'_, PyDict>,
    deep: bool,
) -> PyResult<Vec<(String, Value)>> {
    let mut entries = Vec::with_capacity(dict.len());
    for (k, v) in dict.iter() {
        let key = match k.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => {
                let t = k.get_type().name()?.to_string();
                return Err(report_error(
                    py,
                    &core::ReportError::new(
                        core::ReportErrorKind::NotAnObject,
                        format!("keys must be strings, found a {t}"),
                    ),
                ));
            }
        };
        let value = to_json(py, &key, &v, deep)?;
        entries.push((key, value));
    }
    Ok(entries)
}

/// One finding of validation.
#[pyclass(frozen, eq, hash, module = "canceranmalan")]
#[derive(Clone, PartialEq, Eq, Hash)]
struct Issue {
    /// The rule's stable ID, e.g. "AUTOPSY-DATE".
    #[pyo3(get)]
    rule_id: String,
    /// "error", "warning" or "info".
    #[pyo3(get)]
    severity: String,
    /// The wire-format keys of the fields concerned.
    #[pyo3(get)]
    fields: Vec<String>,
    /// The message in the requested language.
    #[pyo3(get)]
    message: String,
    params: Vec<(&'static str, core::Param)>,
}

fn param_to_py<'py>(py: Python<'py>, p: &core::Param) -> PyResult<Bound<'py, PyAny>> {
    Ok(match p {
        core::Param::Text(s) => PyString::new(py, s).into_any(),
        core::Param::Int(i) => i.into_pyobject(py)?.into_any(),
        core::Param::List(items) => PyList::new(py, items)?.into_any(),
    })
}

#[pymethods]
impl Issue {
    /// The values the message was made from, by name (str, int or list of str).
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (name, p) in &self.params {
            d.set_item(name, param_to_py(py, p)?)?;
        }
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Issue(rule_id={:?}, severity={:?}, fields={:?}, message={:?})",
            self.rule_id, self.severity, self.fields, self.message
        )
    }

    fn __str__(&self) -> String {
        format!(
            "{} [{}] {}: {}",
            self.severity,
            self.rule_id,
            self.fields.join(", "),
            self.message
        )
    }

    /// The issue as a plain dict (for pandas and JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("rule_id", &self.rule_id)?;
        d.set_item("severity", &self.severity)?;
        d.set_item("fields", &self.fields)?;
        d.set_item("message", &self.message)?;
        d.set_item("params", self.params(py)?)?;
        Ok(d)
    }
}

impl From<core::Issue> for Issue {
    fn from(i: core::Issue) -> Issue {
        Issue {
            rule_id: i.rule_id.to_string(),
            severity: i.severity.as_str().to_string(),
            fields: i.fields,
            message: i.message,
            params: i.params,
        }
    }
}

fn context(
    py: Python<'_>,
    today: Option<&Bound<'_, PyAny>>,
    lang: &str,
    allow_test_persons: bool,
) -> PyResult<core::ValidationContext> {
    Ok(core::ValidationContext::new(today_or(py, today, "today")?)
        .with_lang(extract_lang(lang)?)
        .with_test_persons(allow_test_persons))
}

fn parse_report(py: Python<'_>, report: &Bound<'_, PyAny>) -> PyResult<core::ParsedReport> {
    if let Ok(s) = report.cast::<PyString>() {
        return core::parse_json(&s.to_cow()?).map_err(|e| report_error(py, &e));
    }
    if let Ok(d) = report.cast::<PyDict>() {
        return Ok(core::parse_entries(dict_entries(py, d, false)?));
    }
    let t = report.get_type().name()?.to_string();
    Err(PyTypeError::new_err(format!(
        "report: expected a dict or a JSON str, got {t}"
    )))
}

/// Validates one report (a dict or JSON text) and returns its issues.
#[pyfunction]
#[pyo3(signature = (report, *, today=None, lang="sv", allow_test_persons=false))]
fn validate(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    today: Option<&Bound<'_, PyAny>>,
    lang: &str,
    allow_test_persons: bool,
) -> PyResult<Vec<Issue>> {
    guard(|| {
        let ctx = context(py, today, lang, allow_test_persons)?;
        let parsed = parse_report(py, report)?;
        Ok(parsed.validate(&ctx).into_iter().map(Issue::from).collect())
    })
}

/// Validates many reports with one context; returns one list of issues per report.
#[pyfunction]
#[pyo3(signature = (reports, *, today=None, lang="sv", allow_test_persons=false))]
fn validate_many(
    py: Python<'_>,
    reports: &Bound<'_, PyAny>,
    today: Option<&Bound<'_, PyAny>>,
    lang: &str,
    allow_test_persons: bool,
) -> PyResult<Vec<Vec<Issue>>> {
    guard(|| {
        let ctx = context(py, today, lang, allow_test_persons)?;
        let mut out = Vec::new();
        for report in reports.try_iter()? {
            let parsed = parse_report(py, &report?)?;
            out.push(parsed.validate(&ctx).into_iter().map(Issue::from).collect());
        }
        Ok(out)
    })
}

/// A valid Swedish personal identity number. `str()` and `repr()` show it masked.
#[pyclass(frozen, eq, hash, module = "canceranmalan")]
#[derive(Clone, PartialEq, Eq, Hash)]
struct PersonalId {
    inner: core::PersonalId,
}

fn py_date<'py>(py: Python<'py>, d: core::Date) -> PyResult<Bound<'py, PyAny>> {
    py.import("datetime")?
        .getattr("date")?
        .call1((d.year(), d.month(), d.day()))
}

#[pymethods]
impl PersonalId {
    /// Parses a number of any known kind; raises PersonalIdError.
    #[staticmethod]
    #[pyo3(signature = (text, *, reference_date=None, allow_test_persons=false))]
    fn parse(
        py: Python<'_>,
        text: &str,
        reference_date: Option<&Bound<'_, PyAny>>,
        allow_test_persons: bool,
    ) -> PyResult<PersonalId> {
        guard(|| {
            let reference = today_or(py, reference_date, "reference_date")?;
            let opts = core::ParseOptions::new(reference).with_test_persons(allow_test_persons);
            core::PersonalId::parse(text, &opts)
                .map(|inner| PersonalId { inner })
                .map_err(|e| personal_id_error(py, e))
        })
    }

    /// The kind, e.g. "personnummer", "samordningsnummer", "reserve_skane".
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind().key()
    }

    /// The birth date the number gives, or None.
    #[getter]
    fn birth_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.birth_date().map(|d| py_date(py, d)).transpose()
    }

    /// Legal sex derived from the number ("female", "male") or None.
    #[getter]
    fn sex(&self) -> Option<&'static str> {
        self.inner.sex().map(|s| s.key())
    }

    /// Age in whole years at `date` (a datetime.date or 'YYYY-MM-DD'), or None.
    fn age_at(&self, date: &Bound<'_, PyAny>) -> PyResult<Option<u32>> {
        Ok(self.inner.age_at(extract_date(date, "date")?))
    }

    /// The number in full, in canonical form. Use only where it must leave the program.
    fn reveal(&self) -> String {
        self.inner.reveal()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "PersonalId({:?}, kind={:?})",
            self.inner.to_string(),
            self.kind()
        )
    }
}

/// The wire keys of the form fields shown for a report (dict or JSON text), in form order.
#[pyfunction]
fn visible_fields(py: Python<'_>, report: &Bound<'_, PyAny>) -> PyResult<Vec<&'static str>> {
    guard(|| {
        let parsed = parse_report(py, report)?;
        Ok(core::visible_fields(parsed.report())
            .into_iter()
            .map(|f| f.key())
            .collect())
    })
}

/// Masks a text that may hold a personal identity number: only a leading birth date stays
/// readable, every other character becomes `*`.
#[pyfunction]
fn mask(text: &str) -> String {
    core::mask(text)
}

/// INCA's handling of protected identity, applied to a patient record (a dict); idempotent.
#[pyfunction]
fn protect_patient<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    guard(|| {
        let dict = record
            .cast::<PyDict>()
            .map_err(|_| PyTypeError::new_err("record: expected a dict"))?;
        let map = dict_entries(py, dict, true)?.into_iter().collect();
        let patient = core::PatientRecord::from_value(Value::Object(map))
            .map_err(|e| report_error(py, &e))?;
        let out = PyDict::new(py);
        let Value::Object(fields) = patient.protect().to_value() else {
            unreachable!("a patient record is a JSON object")
        };
        for (k, v) in fields {
            let item: Bound<'py, PyAny> = match v {
                Value::Null => py.None().into_bound(py),
                Value::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
                Value::String(s) => PyString::new(py, &s).into_any(),
                Value::Array(items) => {
                    // A patient record's lists hold only texts.
                    let strings = items.into_iter().map(|i| match i {
                        Value::String(s) => s,
                        other => other.to_string(),
                    });
                    PyList::new(py, strings)?.into_any()
                }
                // Nothing else occurs in a patient record; shown as JSON if it ever did.
                other => PyString::new(py, &other.to_string()).into_any(),
            };
            out.set_item(k, item)?;
        }
        Ok(out)
    })
}

/// One rule of the registry.
#[pyclass(frozen, module = "canceranmalan")]
struct Rule {
    #[pyo3(get)]
    id: &'static str,
    #[pyo3(get)]
    severity: &'static str,
    #[pyo3(get)]
    fields: Vec<&'static str>,
    #[pyo3(get)]
    message_sv: &'static str,
    #[pyo3(get)]
    message_en: &'static str,
    #[pyo3(get)]
    source: String,
    #[pyo3(get)]
    rule_sets: Vec<&'static str>,
}

#[pymethods]
impl Rule {
    fn __repr__(&self) -> String {
        format!(
            "Rule(id={:?}, severity={:?}, fields={:?})",
            self.id, self.severity, self.fields
        )
    }
}

/// Every validation rule, in the order issues are reported.
#[pyfunction]
fn rules() -> Vec<Rule> {
    core::rules::RULES
        .iter()
        .map(|r| Rule {
            id: r.id,
            severity: r.severity.as_str(),
            fields: r.fields().iter().map(|f| f.key()).collect(),
            message_sv: r.message.sv,
            message_en: r.message.en,
            source: r.source_text(),
            rule_sets: r.rule_sets.iter().map(|s| s.key()).collect(),
        })
        .collect()
}

/// The fields of the report as the core's field table declares them, in wire order: dicts
/// with key, label, help (in `lang`), kind, json, codes, form_position, required, max_length
/// and visible_when.
#[pyfunction]
#[pyo3(signature = (lang="sv"))]
fn fields<'py>(py: Python<'py>, lang: &str) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let lang = extract_lang(lang)?;
    core::FIELDS
        .iter()
        .map(|f| {
            let d = PyDict::new(py);
            d.set_item("key", f.key)?;
            d.set_item("label", f.label.get(lang))?;
            d.set_item("help", f.help.get(lang))?;
            d.set_item("kind", f.kind.key())?;
            d.set_item("json", f.json.key())?;
            let codes = PyList::empty(py);
            for c in f.codes {
                let e = PyDict::new(py);
                e.set_item("key", c.key)?;
                e.set_item("label", c.label.get(lang))?;
                codes.append(e)?;
            }
            d.set_item("codes", codes)?;
            d.set_item("form_position", f.form_position)?;
            d.set_item("required", f.required)?;
            d.set_item("max_length", f.max_length)?;
            match f.visible {
                core::Visibility::Always => d.set_item("visible_when", py.None())?,
                core::Visibility::When { field, one_of } => {
                    let v = PyDict::new(py);
                    v.set_item("field", field.key())?;
                    v.set_item("one_of", one_of.to_vec())?;
                    d.set_item("visible_when", v)?;
                }
            }
            Ok(d)
        })
        .collect()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ReportError", py.get_type::<ReportError>())?;
    m.add("PersonalIdError", py.get_type::<PersonalIdError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add_class::<Issue>()?;
    m.add_class::<PersonalId>()?;
    m.add_class::<Rule>()?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(mask, m)?)?;
    m.add_function(wrap_pyfunction!(visible_fields, m)?)?;
    m.add_function(wrap_pyfunction!(protect_patient, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(fields, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
