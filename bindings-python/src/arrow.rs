//! Arrow record batches in, Arrow record batches out: the native half of `validate_table` and
//! `quality_indicators` (the Python half in `canceranmalan/_table.py` streams the batches).
//!
//! Columns are read where they are (the Arrow PyCapsule interface, through pyo3-arrow): a
//! row becomes the same key–value entries a dict would give, and the core decodes and
//! validates it on the same code path as `validate`. The GIL is released while the batch's
//! rows are split over the machine's cores.

use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Int32Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, PrimitiveArray, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field as ArrowField, Schema, TimeUnit};
use canceranmalan as core;
use core::model::value::JsonShape;
use core::wire::decode::{Cell, CellRead, TextColumn};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3_arrow::PyRecordBatch;
use serde_json::Value;

/// How a column's values become JSON values of its field.
#[derive(Clone, Copy, Debug)]
enum Read {
    Text,
    /// Any of Arrow's integer and float types, for an integer field (see [`Numbers`]).
    Number,
    Bool,
    Date32,
    Date64,
    Timestamp(TimeUnit),
    TextList,
    Null,
}

/// A wire-key column of the batch, and how to read it.
struct Column {
    field: core::Field,
    index: usize,
    read: Read,
}

/// What a batch's schema gives: the wire-key columns, and the names of the others.
pub(crate) struct Plan {
    columns: Vec<Column>,
    pub(crate) unknown: Vec<String>,
}

fn describe(shape: JsonShape, kind: core::FieldKind) -> &'static str {
    match (shape, kind) {
        (_, core::FieldKind::Date) => "a date (date32, date64, timestamp or 'YYYY-MM-DD' text)",
        (JsonShape::String, _) => "text (string)",
        (JsonShape::Integer, _) => "an integer (any int type, or float with whole numbers)",
        (JsonShape::Boolean, _) => "a boolean",
        (JsonShape::StringList, _) => "a list of strings",
    }
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// The plan for a schema; a column whose type its field cannot hold is one TypeError that
/// names the column and what it expected.
pub(crate) fn plan(schema: &Schema) -> PyResult<Plan> {
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    for (index, f) in schema.fields().iter().enumerate() {
        let Some(field) = core::Field::from_key(f.name()) else {
            unknown.push(f.name().clone());
            continue;
        };
        // Two columns of one field would leave one of them unread: which value is the
        // report's is not for the library to guess.
        if let Some(first) = columns.iter().find(|c: &&Column| c.field == field) {
            return Err(PyValueError::new_err(format!(
                "column '{}' is given more than once (columns {} and {}): a report has one value per field",
                f.name(),
                first.index,
                index
            )));
        }
        let spec = field.spec();
        let t = f.data_type();
        let read = match (spec.json, spec.kind, t) {
            (_, _, DataType::Null) => Some(Read::Null),
            (_, core::FieldKind::Date, DataType::Date32) => Some(Read::Date32),
            (_, core::FieldKind::Date, DataType::Date64) => Some(Read::Date64),
            (_, core::FieldKind::Date, DataType::Timestamp(unit, _)) => {
                Some(Read::Timestamp(*unit))
            }
            (JsonShape::String, _, t) if is_text(t) => Some(Read::Text),
            (JsonShape::Integer, _, t) if Numbers::of_type(t) => Some(Read::Number),
            (JsonShape::Boolean, _, DataType::Boolean) => Some(Read::Bool),
            (JsonShape::StringList, _, DataType::List(inner) | DataType::LargeList(inner))
                if is_text(inner.data_type()) =>
            {
                Some(Read::TextList)
            }
            _ => None,
        };
        let Some(read) = read else {
            return Err(PyTypeError::new_err(format!(
                "column '{}': expected {}, got {t}",
                f.name(),
                describe(spec.json, spec.kind)
            )));
        };
        columns.push(Column { field, index, read });
    }
    Ok(Plan { columns, unknown })
}

/// Text columns as plain `Utf8` (dictionary-encoded and view columns are cast once per batch).
pub(crate) fn normalise(batch: RecordBatch) -> PyResult<RecordBatch> {
    let schema = batch.schema();
    let mut fields = Vec::with_capacity(schema.fields().len());
    let mut arrays = Vec::with_capacity(schema.fields().len());
    for (f, a) in schema.fields().iter().zip(batch.columns()) {
        let target = match f.data_type() {
            DataType::Dictionary(_, v) if is_text(v) => Some(DataType::Utf8),
            DataType::Utf8View | DataType::LargeUtf8 => Some(DataType::Utf8),
            _ => None,
        };
        match target {
            Some(t) => {
                let cast = arrow_cast::cast(a, &t)
                    .map_err(|e| PyTypeError::new_err(format!("column '{}': {e}", f.name())))?;
                fields.push(ArrowField::new(f.name(), t, true));
                arrays.push(cast);
            }
            None => {
                fields.push(f.as_ref().clone());
                arrays.push(a.clone());
            }
        }
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
        .map_err(|e| PyTypeError::new_err(e.to_string()))
}

/// The wire text of a day counted from 1970-01-01.
fn ymd(days_since_epoch: i64) -> String {
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days_since_epoch + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // A year outside 1–9999 keeps its digits (and sign): the text is then not a date of the
    // wire format, and the date rules say so, instead of the field reading as not given.
    format!("{y:04}-{m:02}-{d:02}")
}

/// The JSON value of one cell (`Null` where the cell is null).
fn cell(a: &ArrayRef, read: Read, row: usize) -> Value {
    if a.is_null(row) {
        return Value::Null;
    }
    match read {
        Read::Null => Value::Null,
        Read::Text => Value::String(a.as_string::<i32>().value(row).to_string()),
        Read::Number => Numbers::of(a).map_or(Value::Null, |n| n.json(row)),
        Read::Bool => Value::Bool(a.as_boolean().value(row)),
        Read::Date32 => Value::String(ymd(i64::from(a.as_primitive::<Date32Type>().value(row)))),
        Read::Date64 => Value::String(ymd(a
            .as_primitive::<Date64Type>()
            .value(row)
            .div_euclid(86_400_000))),
        Read::Timestamp(unit) => {
            let (v, per_day) = match unit {
                TimeUnit::Second => (a.as_primitive::<TimestampSecondType>().value(row), 86_400),
                TimeUnit::Millisecond => (
                    a.as_primitive::<TimestampMillisecondType>().value(row),
                    86_400_000,
                ),
                TimeUnit::Microsecond => (
                    a.as_primitive::<TimestampMicrosecondType>().value(row),
                    86_400_000_000,
                ),
                TimeUnit::Nanosecond => (
                    a.as_primitive::<TimestampNanosecondType>().value(row),
                    86_400_000_000_000,
                ),
            };
            // The calendar day of the stored time (UTC, or the wall time of a naive column).
            Value::String(ymd(v.div_euclid(per_day)))
        }
        Read::TextList => {
            let list = match a.data_type() {
                DataType::LargeList(_) => a.as_list::<i64>().value(row),
                _ => a.as_list::<i32>().value(row),
            };
            let list = arrow_cast::cast(&list, &DataType::Utf8).unwrap_or(list);
            match list.as_string_opt::<i32>() {
                Some(s) => Value::Array(
                    s.iter()
                        .map(|x| x.map_or(Value::Null, |x| Value::String(x.to_string())))
                        .collect(),
                ),
                None => Value::Null,
            }
        }
    }
}

/// A wire-key column of one batch: its array, and for the usual kinds (text, numbers) the
/// array already read as that kind, so that a row's cell needs no look at the array's type.
pub(crate) struct BatchColumn<'a> {
    field: core::Field,
    array: &'a ArrayRef,
    read: Read,
    text: Option<&'a StringArray>,
    numbers: Option<Numbers<'a>>,
}

/// A column of numbers for an integer field, of any of Arrow's integer and float types.
#[derive(Clone, Copy)]
enum Numbers<'a> {
    I8(&'a PrimitiveArray<Int8Type>),
    I16(&'a PrimitiveArray<Int16Type>),
    I32(&'a PrimitiveArray<Int32Type>),
    I64(&'a PrimitiveArray<Int64Type>),
    U8(&'a PrimitiveArray<UInt8Type>),
    U16(&'a PrimitiveArray<UInt16Type>),
    U32(&'a PrimitiveArray<UInt32Type>),
    U64(&'a PrimitiveArray<UInt64Type>),
    F32(&'a PrimitiveArray<Float32Type>),
    F64(&'a PrimitiveArray<Float64Type>),
}

impl<'a> Numbers<'a> {
    /// True for the types [`Numbers::of`] reads.
    fn of_type(t: &DataType) -> bool {
        t.is_integer() || matches!(t, DataType::Float32 | DataType::Float64)
    }

    fn of(array: &'a ArrayRef) -> Option<Numbers<'a>> {
        Some(match array.data_type() {
            DataType::Int8 => Numbers::I8(array.as_primitive()),
            DataType::Int16 => Numbers::I16(array.as_primitive()),
            DataType::Int32 => Numbers::I32(array.as_primitive()),
            DataType::Int64 => Numbers::I64(array.as_primitive()),
            DataType::UInt8 => Numbers::U8(array.as_primitive()),
            DataType::UInt16 => Numbers::U16(array.as_primitive()),
            DataType::UInt32 => Numbers::U32(array.as_primitive()),
            DataType::UInt64 => Numbers::U64(array.as_primitive()),
            DataType::Float32 => Numbers::F32(array.as_primitive()),
            DataType::Float64 => Numbers::F64(array.as_primitive()),
            _ => return None,
        })
    }

    /// The cell as the core reads it: an integer where its JSON number gives one, else its
    /// JSON value (see [`Numbers::json`]).
    #[inline]
    fn cell(self, row: usize) -> Cell<'static> {
        match self.integer(row) {
            Some(v) => Cell::Int(v),
            None => Cell::Json(self.json(row)),
        }
    }

    /// The JSON value of a cell that gives no integer: `null` for a null cell and for NaN
    /// (pandas' missing value), and a number with a fraction for a fraction or an infinity.
    /// An infinity is given but is no integer; JSON has no number for it, so it is read as
    /// one with a fraction (the same issue, "expected an integer, got number"), never as not
    /// given. An integer type's valid cells always give an integer (see
    /// [`Numbers::integer`]), so only floats get here with a value.
    fn json(self, row: usize) -> Value {
        let f = match self {
            Numbers::F32(a) if a.is_valid(row) => f64::from(a.value(row)),
            Numbers::F64(a) if a.is_valid(row) => a.value(row),
            _ => return Value::Null,
        };
        if f.is_infinite() {
            return Value::from(0.5);
        }
        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
    }

    /// The integer the cell's JSON number gives an integer field, where it gives one (the
    /// core's `json_integer`). `None` for a null cell, and for a number that is no integer (a
    /// fraction, NaN, an infinity): [`Numbers::json`] makes its JSON value.
    #[inline]
    fn integer(self, row: usize) -> Option<i64> {
        use serde_json::Number;
        let read = core::model::value::json_integer;
        macro_rules! valid {
            ($a:expr, $v:ident => $e:expr) => {
                if $a.is_valid(row) {
                    let $v = $a.value(row);
                    $e
                } else {
                    None
                }
            };
        }
        match self {
            // Integers that fit in 64 signed bits, as they are.
            Numbers::I8(a) => valid!(a, v => Some(i64::from(v))),
            Numbers::I16(a) => valid!(a, v => Some(i64::from(v))),
            Numbers::I32(a) => valid!(a, v => Some(i64::from(v))),
            Numbers::I64(a) => valid!(a, v => Some(v)),
            Numbers::U8(a) => valid!(a, v => Some(i64::from(v))),
            Numbers::U16(a) => valid!(a, v => Some(i64::from(v))),
            Numbers::U32(a) => valid!(a, v => Some(i64::from(v))),
            Numbers::U64(a) => valid!(a, v => read(&Number::from(v))),
            Numbers::F32(a) => {
                valid!(a, v => Number::from_f64(f64::from(v)).and_then(|n| read(&n)))
            }
            Numbers::F64(a) => valid!(a, v => Number::from_f64(v).and_then(|n| read(&n))),
        }
    }
}

/// The plan's columns in `batch`, read once per batch.
pub(crate) fn columns<'a>(plan: &Plan, batch: &'a RecordBatch) -> Vec<BatchColumn<'a>> {
    plan.columns
        .iter()
        .map(|c| {
            let array = batch.column(c.index);
            BatchColumn {
                field: c.field,
                array,
                read: c.read,
                text: matches!(c.read, Read::Text)
                    .then(|| array.as_string_opt::<i32>())
                    .flatten(),
                numbers: matches!(c.read, Read::Number)
                    .then(|| Numbers::of(array))
                    .flatten(),
            }
        })
        .collect()
}

/// How many rows [`Rows`] reads at once: their reports (some kilobytes each, with their
/// texts) stay in the core's cache between the reading of one column and the next.
const ROWS_AT_ONCE: usize = 64;

/// Reports for a few rows of a batch at a time, read a column at a time: a column's type is
/// settled once for all the rows, not once for each cell. Each row's report is what
/// `ParsedReport::read_cells` makes of its cells (the core's `begin_cells`); the reports keep
/// their text buffers from one read to the next, so that a long batch allocates little.
#[derive(Default)]
pub(crate) struct Rows {
    reports: Vec<core::ParsedReport>,
    reads: Vec<CellRead>,
}

impl Rows {
    /// Reads the rows `range` (at most [`ROWS_AT_ONCE`]) of the columns; their reports in
    /// row order.
    pub(crate) fn read(
        &mut self,
        columns: &[BatchColumn<'_>],
        range: std::ops::Range<usize>,
    ) -> &[core::ParsedReport] {
        let n = range.len();
        debug_assert!(n <= ROWS_AT_ONCE);
        if self.reports.len() < n {
            self.reports.resize_with(n, Default::default);
        }
        let reports = &mut self.reports[..n];
        self.reads.clear();
        self.reads
            .extend(reports.iter_mut().map(core::ParsedReport::begin_cells));
        let reads = &mut self.reads[..n];
        let first = range.start;
        for c in columns {
            let field = c.field;
            let rows = reports.iter_mut().zip(reads.iter_mut()).enumerate();
            match (c.text, c.numbers) {
                // A text cell is decoded where it lies (a code's text is never copied).
                (Some(text), _) => {
                    let column = TextColumn::new(field);
                    for (i, (report, read)) in rows {
                        let row = first + i;
                        if text.is_valid(row) {
                            report.read_text(read, column, text.value(row));
                        } else {
                            report.read_cell(read, field, Cell::Json(Value::Null));
                        }
                    }
                }
                // A number is read as an integer without a JSON value made of it, where it is.
                (None, Some(numbers)) => {
                    for (i, (report, read)) in rows {
                        report.read_cell(read, field, numbers.cell(first + i));
                    }
                }
                (None, None) => {
                    for (i, (report, read)) in rows {
                        report.read_cell(read, field, Cell::Json(cell(c.array, c.read, first + i)));
                    }
                }
            }
        }
        for (report, read) in reports.iter_mut().zip(reads.iter()) {
            report.end_cells(*read);
        }
        reports
    }

    /// Reads the rows `range` (any length), [`ROWS_AT_ONCE`] at a time, calling `each` with
    /// each row's number and report, in row order.
    pub(crate) fn each(
        &mut self,
        columns: &[BatchColumn<'_>],
        range: std::ops::Range<usize>,
        mut each: impl FnMut(usize, &core::ParsedReport),
    ) {
        let mut from = range.start;
        while from < range.end {
            let to = range.end.min(from + ROWS_AT_ONCE);
            for (i, report) in self.read(columns, from..to).iter().enumerate() {
                each(from + i, report);
            }
            from = to;
        }
    }
}

/// Runs `work` over the rows of a batch split into one contiguous part per core; the parts'
/// results in row order.
pub(crate) fn split<T: Send>(
    rows: usize,
    work: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    let mut states = Vec::new();
    split_with(rows, &mut states, || (), |_, range| work(range))
}

/// [`split`], where each part is worked with a state of its own taken from `states` (made
/// with `make` where there are fewer than parts): states kept between batches carry over.
pub(crate) fn split_with<S: Send, T: Send>(
    rows: usize,
    states: &mut Vec<S>,
    make: impl Fn() -> S,
    work: impl Fn(&mut S, std::ops::Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = threads.min(rows.div_ceil(1024)).max(1);
    while states.len() < parts {
        states.push(make());
    }
    if parts == 1 {
        return work(&mut states[0], 0..rows);
    }
    let size = rows.div_ceil(parts);
    std::thread::scope(|s| {
        let handles: Vec<_> = states
            .iter_mut()
            .take(parts)
            .enumerate()
            .map(|(p, state)| {
                let range = (p * size).min(rows)..((p + 1) * size).min(rows);
                let work = &work;
                s.spawn(move || work(state, range))
            })
            .collect();
        // A part whose thread panicked is not dropped from the results: the panic goes on
        // to the caller (pyo3 raises it in Python as a PanicException).
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The issues table's schema: row, rule_id, severity, fields, message.
pub(crate) fn issues_schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        ArrowField::new("row", DataType::Int64, false),
        ArrowField::new("rule_id", DataType::Utf8, false),
        ArrowField::new("severity", DataType::Utf8, false),
        ArrowField::new(
            "fields",
            DataType::List(Arc::new(ArrowField::new("item", DataType::Utf8, true))),
            false,
        ),
        ArrowField::new("message", DataType::Utf8, false),
    ]))
}

/// The native half of one `validate_table` call: its context, and one [`Part`] per core kept
/// from batch to batch, so that what a validator learnt of the keyed rules' hits
/// (`batch::Validator`) carries over to the next batch of the same table.
#[pyclass(frozen)]
pub(crate) struct _TableValidation {
    parts: std::sync::Mutex<Vec<Part>>,
    ctx: core::ValidationContext,
    /// The fields the context's rules need: the other columns are left unread.
    needed: Vec<core::Field>,
}

#[pymethods]
impl _TableValidation {
    #[new]
    #[pyo3(signature = (*, today, lang=None, rule_set=None, include=None, exclude=None, allow_test_persons=false))]
    #[allow(clippy::too_many_arguments)]
    fn new<'py>(
        py: Python<'py>,
        today: &Bound<'py, PyAny>,
        lang: Option<&Bound<'py, PyAny>>,
        rule_set: Option<&Bound<'py, PyAny>>,
        include: Option<&Bound<'py, PyAny>>,
        exclude: Option<&Bound<'py, PyAny>>,
        allow_test_persons: bool,
    ) -> PyResult<Self> {
        let selection = super::Selection {
            rule_set,
            include,
            exclude,
        };
        let ctx = super::context(py, Some(today), lang, allow_test_persons, selection)?;
        let first = Part::new(&ctx);
        Ok(_TableValidation {
            needed: first.validator.fields_needed(),
            parts: std::sync::Mutex::new(vec![first]),
            ctx,
        })
    }

    /// Validates every row of a batch (rows numbered from `first_row`) and returns the
    /// issues as a list of Arrow record batches (pyarrow), in row order.
    fn validate_batch<'py>(
        &self,
        py: Python<'py>,
        batch: PyRecordBatch,
        first_row: i64,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let batch = normalise(batch.into_inner())?;
        // Every wire-key column is checked for its type; those of fields the rules do not
        // need are then left unread (the issues are the same: `fields_needed`).
        let plan = plan(&batch.schema())?;
        let mut columns = columns(&plan, &batch);
        columns.retain(|c| self.needed.contains(&c.field));
        let parts: Vec<Result<RecordBatch, ArrowError>> = py.detach(|| {
            // A poisoned lock only means a panic elsewhere: the parts are still whole.
            let mut parts = self
                .parts
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            split_with(
                batch.num_rows(),
                &mut parts,
                || Part::new(&self.ctx),
                |part, range| {
                    let mut out = Vec::with_capacity(2);
                    let mut rest = range;
                    // A part's first rows show how much room the issue columns of the rest
                    // will take.
                    if part.sizes.rows == 0 && rest.len() >= 2 * SAMPLE_ROWS {
                        let sample = rest.start..rest.start + SAMPLE_ROWS;
                        rest.start = sample.end;
                        out.push(part.validate_rows(&columns, sample, first_row));
                    }
                    out.push(part.validate_rows(&columns, rest, first_row));
                    out
                },
            )
        });
        let arrow_error = |e: ArrowError| PyTypeError::new_err(e.to_string());
        // The parts' batches go to Python as they are (a pyarrow table holds them as its
        // chunks): joining them here would copy every issue once more.
        parts
            .into_iter()
            .filter(|part| part.as_ref().map_or(true, |b| b.num_rows() > 0))
            .map(|part| {
                let part = part.map_err(arrow_error)?;
                PyRecordBatch::new(part).into_pyarrow(py)
            })
            .collect()
    }
}

/// How many rows a part validates before it sizes the issue columns of the rest of its rows
/// (see [`ColumnSizes`]), where it has not validated rows before.
const SAMPLE_ROWS: usize = 2048;

/// The issues of a part of a batch, as the columns of the issues table.
struct IssueColumns {
    /// The row the next issues are of.
    row: i64,
    rows: Int64Builder,
    ids: StringBuilder,
    severities: StringBuilder,
    fields: ListBuilder<StringBuilder>,
    messages: StringBuilder,
    memo: core::validation::messages::MessageMemo,
}

/// One core's share of a `validate_table` call, kept from batch to batch: its validator, and
/// the sizes of the issue columns its last batch wrote.
struct Part {
    validator: core::batch::Validator<'static>,
    sizes: ColumnSizes,
    /// The messages written before (a batch's issues repeat their messages).
    messages: core::validation::messages::MessageMemo,
    /// The reports the rows are read into, kept with their buffers.
    rows: Rows,
}

impl Part {
    fn new(ctx: &core::ValidationContext) -> Part {
        Part {
            validator: core::batch::Validator::owning(ctx.clone()),
            sizes: ColumnSizes::default(),
            messages: Default::default(),
            rows: Rows::default(),
        }
    }

    /// Validates the rows `range` of the columns (numbered from `first_row`): their issues
    /// as a record batch of [`issues_schema`].
    fn validate_rows(
        &mut self,
        columns: &[BatchColumn<'_>],
        range: std::ops::Range<usize>,
        first_row: i64,
    ) -> Result<RecordBatch, ArrowError> {
        // Each issue goes into the columns as the engine makes it: no `Issue` is made (its
        // message and field keys are written where they end up).
        let rows = range.len();
        let room = self.sizes.for_rows(rows);
        let mut out = IssueColumns::new(room, std::mem::take(&mut self.messages));
        let validator = &mut self.validator;
        self.rows.each(columns, range, |row, parsed| {
            out.row = first_row + row as i64;
            validator.validate_each(parsed, &mut out);
        });
        self.sizes = out.sizes(rows);
        self.messages = std::mem::take(&mut out.memo);
        out.finish()
    }
}

/// The sizes of the issue columns over some rows: how many issues, and the bytes of their
/// rule IDs, severities, field keys (with how many keys) and messages. A part's columns
/// start with the room its last rows took, for as many rows and a fifth more: an extract's
/// issues per row change little from batch to batch, and columns that grow by doubling from
/// nothing copy their contents again at each doubling and take fresh memory each time.
#[derive(Clone, Copy, Default)]
struct ColumnSizes {
    rows: usize,
    issues: usize,
    ids: usize,
    severities: usize,
    keys: usize,
    key_bytes: usize,
    messages: usize,
}

impl ColumnSizes {
    /// The room for `rows` rows: these sizes per row, and a fifth more (none where nothing
    /// was measured yet).
    fn for_rows(self, rows: usize) -> ColumnSizes {
        let scale = |n: usize| {
            let n = n as u128 * rows as u128 * 6 / (self.rows.max(1) as u128 * 5);
            usize::try_from(n).unwrap_or(usize::MAX)
        };
        ColumnSizes {
            rows,
            issues: scale(self.issues),
            ids: scale(self.ids),
            severities: scale(self.severities),
            keys: scale(self.keys),
            key_bytes: scale(self.key_bytes),
            messages: scale(self.messages),
        }
    }
}

impl IssueColumns {
    /// Empty columns with room for these sizes, writing messages through `memo`.
    fn new(room: ColumnSizes, memo: core::validation::messages::MessageMemo) -> IssueColumns {
        IssueColumns {
            row: 0,
            rows: Int64Builder::with_capacity(room.issues),
            ids: StringBuilder::with_capacity(room.issues, room.ids),
            severities: StringBuilder::with_capacity(room.issues, room.severities),
            fields: ListBuilder::with_capacity(
                StringBuilder::with_capacity(room.keys, room.key_bytes),
                room.issues,
            ),
            messages: StringBuilder::with_capacity(room.issues, room.messages),
            memo,
        }
    }

    /// The sizes written so far, over `rows` rows.
    fn sizes(&self, rows: usize) -> ColumnSizes {
        ColumnSizes {
            rows,
            issues: self.rows.len(),
            ids: self.ids.values_slice().len(),
            severities: self.severities.values_slice().len(),
            keys: self.fields.values_ref().len(),
            key_bytes: self.fields.values_ref().values_slice().len(),
            messages: self.messages.values_slice().len(),
        }
    }
}

impl core::validation::issue::IssueSink for IssueColumns {
    fn accept(&mut self, issue: core::validation::issue::IssueDraft) {
        self.rows.append_value(self.row);
        self.ids.append_value(issue.rule_id());
        self.severities.append_value(issue.severity().as_str());
        for f in issue.fields() {
            self.fields.values().append_value(f);
        }
        self.fields.append(true);
        // The message is written into the column's buffer (copied from the memo where an
        // issue before had the same), then ends the value. Writing to a builder cannot fail.
        let _ = self.memo.write(&issue, &mut self.messages);
        self.messages.append_value("");
    }
}

impl IssueColumns {
    /// The issues as a record batch of [`issues_schema`].
    fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.rows.finish()),
            Arc::new(self.ids.finish()),
            Arc::new(self.severities.finish()),
            Arc::new(self.fields.finish()),
            Arc::new(self.messages.finish()),
        ];
        RecordBatch::try_new(issues_schema(), columns)
    }
}

/// The wire-key columns a schema lacks and the columns that are not wire keys, for the
/// Python half to report once: `(unknown_columns,)`; raises TypeError for a column of a type
/// its field cannot hold.
#[pyfunction]
pub(crate) fn _check_columns(batch: PyRecordBatch) -> PyResult<Vec<String>> {
    let batch = normalise(batch.into_inner())?;
    Ok(plan(&batch.schema())?.unknown)
}

/// Per-row quality-indicator flags of a batch (see the core's `RowIndicators`), as an Arrow
/// record batch (pyarrow).
#[pyfunction]
#[pyo3(signature = (batch, *, today))]
pub(crate) fn _indicator_batch<'py>(
    py: Python<'py>,
    batch: PyRecordBatch,
    today: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let selection = super::Selection {
        rule_set: None,
        include: None,
        exclude: None,
    };
    let ctx = super::context(py, Some(today), None, true, selection)?;
    let batch = normalise(batch.into_inner())?;
    let plan = plan(&batch.schema())?;
    let columns = columns(&plan, &batch);
    let flags: Vec<core::batch::RowIndicators> = py.detach(|| {
        split(batch.num_rows(), |range| {
            let mut v = core::batch::Validator::new(&ctx);
            let mut flags = Vec::with_capacity(range.len());
            Rows::default().each(&columns, range, |_, parsed| {
                let issues = v.validate(parsed).to_vec();
                flags.push(core::batch::row_indicators(parsed, &issues, &ctx));
            });
            flags
        })
    });
    let n = flags.len();
    let mut year = Int32Builder::with_capacity(n);
    let mut cols: Vec<BooleanBuilder> = (0..8).map(|_| BooleanBuilder::with_capacity(n)).collect();
    for f in &flags {
        year.append_option(f.diagnosis_year.map(i32::from));
        cols[0].append_option(f.microscopically_verified);
        cols[1].append_option(f.clinical_only);
        cols[2].append_option(f.autopsy);
        cols[3].append_option(f.unknown_primary);
        cols[4].append_value(f.paired_site);
        cols[5].append_option(f.side_missing);
        cols[6].append_value(f.partial);
        cols[7].append_value(f.has_error);
    }
    let names = [
        "microscopically_verified",
        "clinical_only",
        "autopsy",
        "unknown_primary",
        "paired_site",
        "side_missing",
        "partial",
        "has_error",
    ];
    let mut fields = vec![ArrowField::new("diagnosis_year", DataType::Int32, true)];
    fields.extend(
        names
            .iter()
            .map(|n| ArrowField::new(*n, DataType::Boolean, true)),
    );
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(year.finish())];
    arrays.extend(cols.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    let out = RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
        .map_err(|e| PyTypeError::new_err(e.to_string()))?;
    PyRecordBatch::new(out).into_pyarrow(py)
}
