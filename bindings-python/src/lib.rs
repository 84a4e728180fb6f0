//! Python bindings for `canceranmalan`: type conversion and error mapping only. Every rule,
//! table and behaviour lives in the core crate.

use std::panic::{catch_unwind, AssertUnwindSafe};

use canceranmalan as core;
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

mod arrow;
mod lifecycle;

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
    TnmError,
    PyValueError,
    "A text holds no TNM at all (or is too long to be TNM, or the edition is not 8 or 9). `code` says which: \"no_tnm\", \"too_long\" or \"edition\"."
);
create_exception!(
    _native,
    FigoError,
    PyValueError,
    "A text is not a FIGO stage, or the FIGO edition does not exist for the site. `code` says which: \"not_figo\" or \"edition\"."
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

/// The text of a Python str, or `None` where it cannot be UTF-8 (a lone surrogate). Python's
/// own UnicodeEncodeError would carry the whole text, personal identity number and all, so it
/// is dropped here and each caller raises its own error, which names no value.
fn utf8<'a>(s: &'a Bound<'_, PyString>) -> Option<std::borrow::Cow<'a, str>> {
    s.to_cow().ok()
}

fn unrepresentable(py: Python<'_>, what: String) -> PyErr {
    report_error(
        py,
        &core::ReportError::new(core::ReportErrorKind::Unrepresentable, what),
    )
}

/// A date from a `datetime.date` (or anything with year, month and day) or a `YYYY-MM-DD` str.
fn extract_date(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<core::Date> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = utf8(s)
            .ok_or_else(|| PyValueError::new_err(format!("{what}: expected 'YYYY-MM-DD'")))?;
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

/// The language for a `lang` argument; the message never repeats the value given.
fn extract_lang(lang: &Bound<'_, PyAny>) -> PyResult<core::Lang> {
    let code = lang
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err("lang: expected 'sv' or 'en'"))?;
    utf8(code)
        .and_then(|c| core::Lang::from_code(&c))
        .ok_or_else(|| PyValueError::new_err("lang: expected 'sv' or 'en'"))
}

/// Converts a Python value to JSON. A list (or tuple) is converted one level deep (a list of
/// rule IDs); containers inside it, and mappings anywhere, only as far as their type: no
/// report field holds them, so they are a wrong type whatever they contain (and a
/// self-containing list cannot recurse). Errors name the key as
/// messages show it (masked, cut), never the value.
fn to_json(py: Python<'_>, key: &str, obj: &Bound<'_, PyAny>, deep: bool) -> PyResult<Value> {
    let shown = || core::wire::decode::shown_key(key);
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return match utf8(s) {
            Some(t) => Ok(Value::String(t.into_owned())),
            None => Err(unrepresentable(
                py,
                format!("field \"{}\": text with a lone surrogate", shown()),
            )),
        };
    }
    if obj.is_instance_of::<PyInt>()
        || obj.hasattr("__index__")? && !obj.is_instance_of::<PyFloat>()
    {
        // `__index__` gives a Python int, whatever the object is.
        let int = obj.call_method0("__index__")?;
        if let Ok(i) = int.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = int.extract::<u64>() {
            return Ok(Value::from(u));
        }
        // An integer beyond 64 bits: still an integer, and out of every field's range.
        let negative = int.lt(0i64)?;
        let f = if negative { -f64::MAX } else { f64::MAX };
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
                unrepresentable(py, format!("field \"{}\": an infinite number", shown()))
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
    if obj.cast::<PyDict>().is_ok() || is_mapping(py, obj)? {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    let type_name = obj.get_type().name()?.to_string();
    Err(unrepresentable(
        py,
        format!(
            "field \"{}\": a {type_name} cannot be represented in JSON",
            shown()
        ),
    ))
}

/// True for a `collections.abc.Mapping` (a dict, a `MappingProxyType`, a custom mapping).
fn is_mapping(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let mapping = py.import("collections.abc")?.getattr("Mapping")?;
    obj.is_instance(&mapping)
}

/// The key–value entries of a mapping, in order, values converted to JSON. The items are
/// copied first, so a mapping that changes while its values are converted (a value's
/// `__index__` that edits it) gives a consistent snapshot, not an error.
fn mapping_entries(
    py: Python<'_>,
    mapping: &Bound<'_, PyAny>,
    deep: bool,
) -> PyResult<Vec<(String, Value)>> {
    let items: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = match mapping.cast::<PyDict>() {
        Ok(d) => d
            .items()
            .iter()
            .map(|kv| kv.extract())
            .collect::<PyResult<_>>()?,
        Err(_) => mapping
            .call_method0("items")?
            .try_iter()?
            .map(|kv| kv?.extract())
            .collect::<PyResult<_>>()?,
    };
    let mut entries = Vec::with_capacity(items.len());
    for (k, v) in items {
        let key = match k.cast::<PyString>() {
            Ok(s) => utf8(s)
                .ok_or_else(|| unrepresentable(py, "a key with a lone surrogate".into()))?
                .into_owned(),
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

/// The rule IDs of an `include` or `exclude` argument (an iterable of str); a name that is no
/// rule is a ValueError that names it (cut and masked like a key).
fn rule_ids(arg: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<Vec<String>>> {
    let Some(arg) = arg.filter(|a| !a.is_none()) else {
        return Ok(None);
    };
    if arg.cast::<PyString>().is_ok() {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected a list of rule IDs, not a str"
        )));
    }
    let mut ids = Vec::new();
    for item in arg.try_iter()? {
        let item = item?;
        let s = item
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err(format!("{what}: rule IDs must be str")))?;
        ids.push(
            utf8(s)
                .ok_or_else(|| PyValueError::new_err(format!("{what}: not a rule ID")))?
                .into_owned(),
        );
    }
    if let Some(unknown) = core::registry::unknown_rule_id(&ids) {
        return Err(PyValueError::new_err(format!(
            "{what}: no rule has the ID {}",
            core::wire::decode::quoted(&unknown)
        )));
    }
    Ok(Some(ids))
}

fn extract_rule_set(rule_set: Option<&Bound<'_, PyAny>>) -> PyResult<core::RuleSet> {
    let Some(rs) = rule_set.filter(|r| !r.is_none()) else {
        return Ok(core::RuleSet::Form);
    };
    rs.cast::<PyString>()
        .ok()
        .and_then(utf8)
        .and_then(|s| core::RuleSet::from_key(&s))
        .ok_or_else(|| PyValueError::new_err("rule_set: expected 'form' or 'register'"))
}

/// The selection of rules and the other options of a validation.
#[derive(Clone, Copy)]
struct Selection<'a, 'py> {
    rule_set: Option<&'a Bound<'py, PyAny>>,
    include: Option<&'a Bound<'py, PyAny>>,
    exclude: Option<&'a Bound<'py, PyAny>>,
}

fn context(
    py: Python<'_>,
    today: Option<&Bound<'_, PyAny>>,
    lang: Option<&Bound<'_, PyAny>>,
    allow_test_persons: bool,
    selection: Selection<'_, '_>,
) -> PyResult<core::ValidationContext> {
    Ok(core::ValidationContext::new(today_or(py, today, "today")?)
        .with_lang(lang.map_or(Ok(core::Lang::Sv), extract_lang)?)
        .with_test_persons(allow_test_persons)
        .with_rule_set(extract_rule_set(selection.rule_set)?)
        .with_include(rule_ids(selection.include, "include")?)
        .with_exclude(rule_ids(selection.exclude, "exclude")?.unwrap_or_default()))
}

fn parse_report(py: Python<'_>, report: &Bound<'_, PyAny>) -> PyResult<core::ParsedReport> {
    if let Ok(s) = report.cast::<PyString>() {
        let text = utf8(s).ok_or_else(|| {
            unrepresentable(
                py,
                "the text is not valid Unicode (a lone surrogate)".into(),
            )
        })?;
        return core::parse_json(&text).map_err(|e| report_error(py, &e));
    }
    if report.cast::<PyDict>().is_ok() || is_mapping(py, report)? {
        return Ok(core::parse_entries(mapping_entries(py, report, true)?));
    }
    let t = report.get_type().name()?.to_string();
    Err(PyTypeError::new_err(format!(
        "report: expected a mapping or a JSON str, got {t}"
    )))
}

/// Validates one report (a dict or JSON text) and returns its issues.
#[pyfunction]
#[pyo3(signature = (report, *, today=None, lang=None, rule_set=None, include=None, exclude=None, allow_test_persons=false))]
#[allow(clippy::too_many_arguments)]
fn validate(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    today: Option<&Bound<'_, PyAny>>,
    lang: Option<&Bound<'_, PyAny>>,
    rule_set: Option<&Bound<'_, PyAny>>,
    include: Option<&Bound<'_, PyAny>>,
    exclude: Option<&Bound<'_, PyAny>>,
    allow_test_persons: bool,
) -> PyResult<Vec<Issue>> {
    guard(|| {
        let selection = Selection {
            rule_set,
            include,
            exclude,
        };
        let ctx = context(py, today, lang, allow_test_persons, selection)?;
        let parsed = parse_report(py, report)?;
        Ok(parsed.validate(&ctx).into_iter().map(Issue::from).collect())
    })
}

/// Validates many reports with one context; returns one list of issues per report.
#[pyfunction]
#[pyo3(signature = (reports, *, today=None, lang=None, rule_set=None, include=None, exclude=None, allow_test_persons=false))]
#[allow(clippy::too_many_arguments)]
fn validate_many(
    py: Python<'_>,
    reports: &Bound<'_, PyAny>,
    today: Option<&Bound<'_, PyAny>>,
    lang: Option<&Bound<'_, PyAny>>,
    rule_set: Option<&Bound<'_, PyAny>>,
    include: Option<&Bound<'_, PyAny>>,
    exclude: Option<&Bound<'_, PyAny>>,
    allow_test_persons: bool,
) -> PyResult<Vec<Vec<Issue>>> {
    guard(|| {
        let selection = Selection {
            rule_set,
            include,
            exclude,
        };
        let ctx = context(py, today, lang, allow_test_persons, selection)?;
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
        text: &Bound<'_, PyAny>,
        reference_date: Option<&Bound<'_, PyAny>>,
        allow_test_persons: bool,
    ) -> PyResult<PersonalId> {
        guard(|| {
            let text = text
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("text: expected a str"))?;
            // A lone surrogate is a character that no format allows.
            let text = utf8(text)
                .ok_or_else(|| personal_id_error(py, core::PersonalIdError::Characters))?;
            let reference = today_or(py, reference_date, "reference_date")?;
            let opts = core::ParseOptions::new(reference).with_test_persons(allow_test_persons);
            core::PersonalId::parse(&text, &opts)
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

    /// The known parts of the birth date, `(year, month, day)` with None for an unknown month
    /// or day (a samordningsnummer may have them), or None where the number gives no date.
    #[getter]
    fn birth_date_parts(&self) -> Option<(u16, Option<u8>, Option<u8>)> {
        self.inner
            .birth_date_parts()
            .map(|p| (p.year, p.month, p.day))
    }

    /// Legal sex derived from the number ("female", "male") or None.
    #[getter]
    fn sex(&self) -> Option<&'static str> {
        self.inner.sex().map(|s| s.key())
    }

    /// Age in whole years at `date` (a datetime.date or 'YYYY-MM-DD'), or None where it is not
    /// certain (no birth date, or a partial one that allows two ages).
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

/// The issues of `validate` that name one field (a wire key), for checks as the user types:
/// only the rules that may report the field run.
#[pyfunction]
#[pyo3(signature = (report, field, *, today=None, lang=None, rule_set=None, allow_test_persons=false))]
fn validate_field(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    field: &Bound<'_, PyAny>,
    today: Option<&Bound<'_, PyAny>>,
    lang: Option<&Bound<'_, PyAny>>,
    rule_set: Option<&Bound<'_, PyAny>>,
    allow_test_persons: bool,
) -> PyResult<Vec<Issue>> {
    guard(|| {
        let key = field
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("field: expected a str (a wire key)"))?;
        let key = utf8(key).unwrap_or_default();
        let field = core::Field::from_key(&key).ok_or_else(|| {
            PyValueError::new_err(format!(
                "field: no field has the key {}",
                core::wire::decode::quoted(&core::wire::decode::shown_key(&key))
            ))
        })?;
        let selection = Selection {
            rule_set,
            include: None,
            exclude: None,
        };
        let ctx = context(py, today, lang, allow_test_persons, selection)?;
        let parsed = parse_report(py, report)?;
        Ok(parsed
            .validate_field(field, &ctx)
            .into_iter()
            .map(Issue::from)
            .collect())
    })
}

/// The form definition (version 1) in `lang`, as a dict: the fields in form order with
/// labels, help, type, required-ness, max length, options, suggestions, values per site and
/// visibility conditions, and the TNM schemes with their ICD-10 codes.
#[pyfunction]
#[pyo3(signature = (lang=None))]
fn form_definition<'py>(
    py: Python<'py>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let lang = lang.map_or(Ok(core::Lang::Sv), extract_lang)?;
    lifecycle::value_to_py(py, &core::form_definition(lang).to_json_value())
}

/// The JSON Schema (draft 2020-12) of the wire format, as a dict.
#[pyfunction]
fn json_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    lifecycle::value_to_py(py, &core::wire::schema::json_schema_value())
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
fn mask(text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = text
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err("text: expected a str"))?;
    match utf8(text) {
        Some(t) => Ok(core::mask(&t)),
        // Every character is hidden anyway; the lone surrogate is one of them.
        None => Ok("*".repeat(text.len()?)),
    }
}

/// INCA's handling of protected identity, applied to a patient record (a dict); idempotent.
#[pyfunction]
fn protect_patient<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    guard(|| {
        if record.cast::<PyDict>().is_err() && !is_mapping(py, record)? {
            return Err(PyTypeError::new_err("record: expected a mapping"));
        }
        let map = mapping_entries(py, record, true)?.into_iter().collect();
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

/// The validation rules, in the order issues are reported: all of them, or those that
/// `rule_set` ("form" or "register") runs.
#[pyfunction]
#[pyo3(signature = (rule_set=None))]
fn rules(rule_set: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<Rule>> {
    let set = match rule_set.filter(|r| !r.is_none()) {
        Some(_) => Some(extract_rule_set(rule_set)?),
        None => None,
    };
    Ok(core::registry::rules_in(set)
        .map(|r| Rule {
            id: r.id,
            severity: r.severity.as_str(),
            fields: r.fields().iter().map(|f| f.key()).collect(),
            message_sv: r.message.sv,
            message_en: r.message.en,
            source: r.source_text(),
            rule_sets: r.rule_sets.iter().map(|s| s.key()).collect(),
        })
        .collect())
}

/// Every reference table the rules use, with its source and version: dicts with name, source
/// and version.
#[pyfunction]
fn sources<'py>(py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
    core::TABLE_SOURCES
        .iter()
        .map(|t| {
            let d = PyDict::new(py);
            d.set_item("name", t.name)?;
            d.set_item("source", t.source)?;
            d.set_item("version", t.version)?;
            Ok(d)
        })
        .collect()
}

/// Whether a report's tumour must be reported (HSLF-FS 2016:7 as amended by 2023:36).
#[pyclass(frozen, module = "canceranmalan")]
struct Reportability {
    /// True, False, or None where it cannot be told.
    #[pyo3(get)]
    reportable: Option<bool>,
    /// Must the clinic send an A-anmälan: True, False or None.
    #[pyo3(get)]
    clinic_must_report: Option<bool>,
    /// "rcc", "socialstyrelsen", "none" or "unknown".
    #[pyo3(get)]
    route: &'static str,
    /// A stable category ID, e.g. "in_situ_other".
    #[pyo3(get)]
    category: &'static str,
    /// Why, in the requested language.
    #[pyo3(get)]
    message: &'static str,
    /// The legal and other sources.
    #[pyo3(get)]
    source: &'static str,
}

#[pymethods]
impl Reportability {
    fn __repr__(&self) -> String {
        format!(
            "Reportability(reportable={:?}, clinic_must_report={:?}, route={:?}, category={:?})",
            self.reportable, self.clinic_must_report, self.route, self.category
        )
    }
}

/// Whether the report's tumour must be reported, whether the clinic must send it and where it
/// goes, for its date of diagnosis (or `today`, the local day where not given).
#[pyfunction]
#[pyo3(signature = (report, *, today=None, lang=None))]
fn reportability(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    today: Option<&Bound<'_, PyAny>>,
    lang: Option<&Bound<'_, PyAny>>,
) -> PyResult<Reportability> {
    guard(|| {
        let today = today_or(py, today, "today")?;
        let lang = lang.map_or(Ok(core::Lang::Sv), extract_lang)?;
        let parsed = parse_report(py, report)?;
        let r = core::reportability(parsed.report(), today);
        Ok(Reportability {
            reportable: r.reportable,
            clinic_must_report: r.clinic_must_report,
            route: r.route.key(),
            category: r.category,
            message: r.message.get(lang),
            source: r.source,
        })
    })
}

/// The fields of the report as the core's field table declares them, in wire order: dicts
/// with key, label, help (in `lang`), kind, json, codes, form_position, required, max_length
/// and visible_when.
#[pyfunction]
#[pyo3(signature = (lang=None))]
fn fields<'py>(
    py: Python<'py>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let lang = lang.map_or(Ok(core::Lang::Sv), extract_lang)?;
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
                ref any @ core::Visibility::AnyOf(_) => d.set_item(
                    "visible_when",
                    lifecycle::value_to_py(
                        py,
                        &serde_json::from_str(&core::form::visibility_json(any))
                            .unwrap_or_default(),
                    )?,
                )?,
            }
            Ok(d)
        })
        .collect()
}

/// The English WHO title of an ICD-10 code of the neoplasm chapter, or None.
#[pyfunction]
fn icd10_title(code: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    let code = code
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err("code: expected a str"))?;
    Ok(utf8(code).and_then(|c| core::icd10_title(&c)))
}

/// A str argument, or a TypeError naming it.
fn text_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err(format!("{what}: expected a str")))?;
    utf8(s)
        .map(|c| c.into_owned())
        .ok_or_else(|| PyValueError::new_err(format!("{what}: not valid text (a lone surrogate)")))
}

fn opt_text_arg(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<String>> {
    obj.filter(|o| !o.is_none())
        .map(|o| text_arg(o, what))
        .transpose()
}

/// An int argument (not a bool), or a TypeError naming it.
fn int_arg(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<i64>> {
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if o.is_instance_of::<PyBool>() || !o.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!("{what}: expected an int")));
    }
    o.extract::<i64>()
        .map(Some)
        .map_err(|_| PyValueError::new_err(format!("{what}: out of range")))
}

/// A T, N or M category as read: `.value` ("T1c", "N1mi", "M1c1", "Tis", "TX") and
/// `.prefixes` ("", "c", "p", "yp", …).
#[pyclass(frozen, eq, hash, module = "canceranmalan", name = "TnmCategory")]
#[derive(Clone, PartialEq, Eq, Hash)]
struct TnmCategory {
    /// Axis letter and value, no prefix: "T1c", "N1mi", "M1c1", "Tis", "TX".
    #[pyo3(get)]
    value: String,
    /// The prefixes: "", "c", "p", "yp", "rp", "a", "u".
    #[pyo3(get)]
    prefixes: String,
    /// True when the prefixes were taken from T (pT2N1M0: N is pathological too).
    #[pyo3(get)]
    inherited: bool,
    /// Qualifiers in parentheses, canonical: "m", "3", "is", "DCIS", "sn", "i+", "mi", …
    #[pyo3(get)]
    qualifiers: Vec<String>,
    /// (involved, examined) regional nodes, or None.
    #[pyo3(get)]
    nodes: Option<(u32, u32)>,
    /// Sites of distant metastasis ("PUL", "HEP", …).
    #[pyo3(get)]
    sites: Vec<String>,
    canonical: String,
}

#[pymethods]
impl TnmCategory {
    fn __repr__(&self) -> String {
        format!(
            "TnmCategory(value={:?}, prefixes={:?})",
            self.value, self.prefixes
        )
    }

    fn __str__(&self) -> String {
        self.canonical.clone()
    }
}

impl From<&core::Category> for TnmCategory {
    fn from(c: &core::Category) -> TnmCategory {
        TnmCategory {
            value: c.value.clone(),
            prefixes: c.prefixes.clone(),
            inherited: c.inherited,
            qualifiers: c.qualifiers.clone(),
            nodes: c.nodes,
            sites: c.sites.clone(),
            canonical: c.canonical(),
        }
    }
}

/// TNM read from free text by `parse_tnm`.
#[pyclass(frozen, module = "canceranmalan")]
struct Tnm {
    /// The T category, or None.
    #[pyo3(get)]
    t: Option<TnmCategory>,
    /// The N category, or None.
    #[pyo3(get)]
    n: Option<TnmCategory>,
    /// The M category, or None.
    #[pyo3(get)]
    m: Option<TnmCategory>,
    /// "clinical", "pathological" or None (neither T nor N given).
    #[pyo3(get)]
    basis: Option<&'static str>,
    /// The canonical notation; parsing it gives the same value.
    #[pyo3(get)]
    canonical: String,
    /// G, L, V, Pn, R and S in canonical notation ("G2", "pL1", "S1").
    #[pyo3(get)]
    descriptors: Vec<String>,
    /// The UICC edition the text names ("(UICC 2017)" gives 8), or None.
    #[pyo3(get)]
    edition_tag: Option<u8>,
    /// What the rules found: the same Issue type as `validate`, fields "t", "n" or "m".
    #[pyo3(get)]
    issues: Vec<Issue>,
    /// Words that were not read as TNM, lower case.
    #[pyo3(get)]
    ignored: Vec<String>,
}

#[pymethods]
impl Tnm {
    fn __repr__(&self) -> String {
        format!("Tnm({:?}, issues={})", self.canonical, self.issues.len())
    }

    fn __str__(&self) -> String {
        self.canonical.clone()
    }
}

/// Reads TNM as clinicians write it ("pT2N1aM0", "cT4b cN2a cM0 G2", "pT2, N1, M0") and
/// checks it against the site of `icd10` in UICC `edition` (8 or 9). Raises TnmError when
/// the text holds no TNM at all.
#[pyfunction]
#[pyo3(signature = (text, *, icd10=None, edition=None, lang=None))]
fn parse_tnm(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    icd10: Option<&Bound<'_, PyAny>>,
    edition: Option<&Bound<'_, PyAny>>,
    lang: Option<&Bound<'_, PyAny>>,
) -> PyResult<Tnm> {
    guard(|| {
        let text = text_arg(text, "text")?;
        let icd10 = opt_text_arg(icd10, "icd10")?;
        let edition = int_arg(edition, "edition")?.unwrap_or(8);
        let lang = lang.map_or(Ok(core::Lang::Sv), extract_lang)?;
        let edition = u8::try_from(edition).unwrap_or(0);
        let r = core::parse_tnm(&text, icd10.as_deref(), edition, lang).map_err(|e| {
            let err = TnmError::new_err(e.to_string());
            let _ = err.value(py).setattr("code", e.code());
            err
        })?;
        Ok(Tnm {
            t: r.tnm.t.as_ref().map(TnmCategory::from),
            n: r.tnm.n.as_ref().map(TnmCategory::from),
            m: r.tnm.m.as_ref().map(TnmCategory::from),
            basis: r.basis.map(|b| b.key()),
            canonical: r.canonical,
            descriptors: r.tnm.descriptors.iter().map(|d| d.text.clone()).collect(),
            edition_tag: r.tnm.edition_tag,
            issues: r.issues.into_iter().map(Issue::from).collect(),
            ignored: r.ignored,
        })
    })
}

/// A stage group with its reasons, from `stage`.
#[pyclass(frozen, module = "canceranmalan")]
struct Stage {
    /// The group ("IIIA", "0is", "IS", a FIGO stage such as "IB3"), or None when it cannot
    /// be derived.
    #[pyo3(get)]
    group: Option<String>,
    /// The inputs that would make it derivable ("t", "n", "m", "s", "age", "morphology",
    /// "psa", "grade_group").
    #[pyo3(get)]
    missing: Vec<&'static str>,
    /// The table and row that gave the group, with the source; or why there is none.
    #[pyo3(get)]
    explanation: String,
    /// The table used ("lung, UICC 8, any"), or None.
    #[pyo3(get)]
    table: Option<String>,
    /// The row of that table (1-based), or None.
    #[pyo3(get)]
    row: Option<usize>,
    /// The source of that row, or None.
    #[pyo3(get)]
    source: Option<&'static str>,
}

#[pymethods]
impl Stage {
    fn __repr__(&self) -> String {
        format!("Stage(group={:?}, missing={:?})", self.group, self.missing)
    }
}

/// The UICC stage group (for cervix, corpus, ovary, vulva and vagina: the FIGO stage that
/// TNM corresponds to) with the table and row that gave it. Never a guess: a missing or
/// ambiguous input gives group None and says what is missing.
#[pyfunction]
#[pyo3(signature = (*, icd10, t=None, n=None, m=None, edition=None, morphology=None, age=None, psa=None, grade_group=None, s=None, lang=None))]
#[allow(clippy::too_many_arguments)]
fn stage(
    icd10: &Bound<'_, PyAny>,
    t: Option<&Bound<'_, PyAny>>,
    n: Option<&Bound<'_, PyAny>>,
    m: Option<&Bound<'_, PyAny>>,
    edition: Option<&Bound<'_, PyAny>>,
    morphology: Option<&Bound<'_, PyAny>>,
    age: Option<&Bound<'_, PyAny>>,
    psa: Option<&Bound<'_, PyAny>>,
    grade_group: Option<&Bound<'_, PyAny>>,
    s: Option<&Bound<'_, PyAny>>,
    lang: Option<&Bound<'_, PyAny>>,
) -> PyResult<Stage> {
    guard(|| {
        let icd10 = text_arg(icd10, "icd10")?;
        let (t, n, m) = (
            opt_text_arg(t, "t")?,
            opt_text_arg(n, "n")?,
            opt_text_arg(m, "m")?,
        );
        let edition = int_arg(edition, "edition")?.unwrap_or(8);
        let age = int_arg(age, "age")?
            .map(|a| u32::try_from(a).map_err(|_| PyValueError::new_err("age: expected 0 or more")))
            .transpose()?;
        let psa = match psa.filter(|p| !p.is_none()) {
            None => None,
            Some(p) if p.is_instance_of::<PyBool>() => {
                return Err(PyTypeError::new_err("psa: expected a number"))
            }
            Some(p) if p.is_instance_of::<PyFloat>() || p.is_instance_of::<PyInt>() => Some(
                p.extract::<f64>()
                    .map_err(|_| PyTypeError::new_err("psa: expected a number"))?,
            ),
            Some(_) => return Err(PyTypeError::new_err("psa: expected a number")),
        };
        let grade_group =
            int_arg(grade_group, "grade_group")?.map(|g| u8::try_from(g).unwrap_or(u8::MAX));
        let extras = core::Extras {
            morphology: opt_text_arg(morphology, "morphology")?,
            age,
            psa,
            grade_group,
            s: opt_text_arg(s, "s")?,
        };
        let lang = lang.map_or(Ok(core::Lang::Sv), extract_lang)?;
        let r = core::stage(
            &icd10,
            t.as_deref(),
            n.as_deref(),
            m.as_deref(),
            u8::try_from(edition).unwrap_or(0),
            &extras,
            lang,
        )
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Stage {
            group: r.group,
            missing: r.missing,
            explanation: r.explanation,
            table: r.table,
            row: r.row,
            source: r.source,
        })
    })
}

/// A FIGO stage read by `parse_figo`.
#[pyclass(frozen, module = "canceranmalan")]
struct Figo {
    /// The stage in canonical notation: "IB1", "IIIC1r", "IIIA1(ii)", "IAmPOLEmut".
    #[pyo3(get)]
    label: String,
    /// The stage without r/p and the molecular part: "IIIC1", "IA".
    #[pyo3(get)]
    stage: String,
    /// "r" (imaging) or "p" (pathology) on cervix 2018 IIIC, or None.
    #[pyo3(get)]
    modality: Option<String>,
    /// "POLEmut", "p53abn", "MMRd" or "NSMP" (corpus 2023), or None.
    #[pyo3(get)]
    molecular: Option<String>,
    /// The FIGO edition it was checked by, or None.
    #[pyo3(get)]
    edition: Option<u16>,
    /// What the rules found.
    #[pyo3(get)]
    issues: Vec<Issue>,
}

#[pymethods]
impl Figo {
    fn __repr__(&self) -> String {
        format!("Figo({:?}, issues={})", self.label, self.issues.len())
    }

    fn __str__(&self) -> String {
        self.label.clone()
    }
}

/// Reads a FIGO stage ("FIGO 1b1" is IB1) and checks it against the site of `icd10` and the
/// FIGO `edition` (the year; None: the site's default). Raises FigoError for text that is no
/// FIGO stage or an edition the site lacks.
#[pyfunction]
#[pyo3(signature = (text, *, icd10, edition=None, lang=None))]
fn parse_figo(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    icd10: &Bound<'_, PyAny>,
    edition: Option<&Bound<'_, PyAny>>,
    lang: Option<&Bound<'_, PyAny>>,
) -> PyResult<Figo> {
    guard(|| {
        let text = text_arg(text, "text")?;
        let icd10 = text_arg(icd10, "icd10")?;
        let edition = int_arg(edition, "edition")?.map(|e| u16::try_from(e).unwrap_or(0));
        let lang = lang.map_or(Ok(core::Lang::Sv), extract_lang)?;
        let r = core::parse_figo(&text, &icd10, edition, lang).map_err(|e| {
            let err = FigoError::new_err(e.to_string());
            let _ = err.value(py).setattr("code", e.code);
            err
        })?;
        Ok(Figo {
            label: r.figo.label,
            stage: r.figo.stage,
            modality: r.figo.modality.map(String::from),
            molecular: r.figo.molecular,
            edition: r.edition,
            issues: r.issues.into_iter().map(Issue::from).collect(),
        })
    })
}

/// The Windows wheel, cross-built with zig (GNU target), is linked with an export list that
/// names `PyInit_` and the dotted module name; the interpreter calls `PyInit__native`, which
/// `#[pymodule]` defines. This alias gives the list its symbol.
///
/// # Safety
///
/// As for `PyInit__native`: called by the interpreter, with the GIL held, while importing.
#[cfg(all(windows, target_env = "gnu"))]
#[export_name = "PyInit_canceranmalan._native"]
pub unsafe extern "C" fn py_init_dotted_alias() -> *mut pyo3::ffi::PyObject {
    extern "C" {
        fn PyInit__native() -> *mut pyo3::ffi::PyObject;
    }
    // SAFETY: the same call the interpreter makes to initialise the module.
    unsafe { PyInit__native() }
}

/// That export list would hide `PyInit__native` itself; a linker directive in the object
/// exports it as well (what `__declspec(dllexport)` does in C).
#[cfg(all(windows, target_env = "gnu"))]
#[link_section = ".drectve"]
#[used]
static EXPORT_PYINIT: [u8; 24] = *b" -export:PyInit__native ";

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ReportError", py.get_type::<ReportError>())?;
    m.add("PersonalIdError", py.get_type::<PersonalIdError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add("TnmError", py.get_type::<TnmError>())?;
    m.add("FigoError", py.get_type::<FigoError>())?;
    m.add_class::<TnmCategory>()?;
    m.add_class::<Tnm>()?;
    m.add_class::<Stage>()?;
    m.add_class::<Figo>()?;
    m.add_function(wrap_pyfunction!(parse_tnm, m)?)?;
    m.add_function(wrap_pyfunction!(stage, m)?)?;
    m.add_function(wrap_pyfunction!(parse_figo, m)?)?;
    m.add_class::<Issue>()?;
    m.add_class::<PersonalId>()?;
    m.add_class::<Rule>()?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(mask, m)?)?;
    m.add_function(wrap_pyfunction!(visible_fields, m)?)?;
    m.add_function(wrap_pyfunction!(validate_field, m)?)?;
    m.add_function(wrap_pyfunction!(form_definition, m)?)?;
    m.add_function(wrap_pyfunction!(json_schema, m)?)?;
    m.add_function(wrap_pyfunction!(protect_patient, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(fields, m)?)?;
    m.add_function(wrap_pyfunction!(sources, m)?)?;
    m.add_function(wrap_pyfunction!(icd10_title, m)?)?;
    m.add_function(wrap_pyfunction!(reportability, m)?)?;
    m.add_class::<Reportability>()?;
    lifecycle::register(m)?;
    m.add_class::<arrow::_TableValidation>()?;
    m.add_function(wrap_pyfunction!(arrow::_check_columns, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::_indicator_batch, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
