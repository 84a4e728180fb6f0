"""Whole register extracts: ``validate_table`` and ``quality_indicators`` over Arrow data.

The rows are read in Rust straight from the Arrow buffers (the Arrow PyCapsule interface), a
batch at a time, with the GIL released and the rows of each batch spread over the cores; the
rules are the same as ``validate``'s. This module only streams batches and shapes results.
pyarrow is needed here (``pip install canceranmalan[arrow]``); the rest of the package runs
without it.
"""

from __future__ import annotations

import datetime
import math
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from . import _native as _native

#: Rows per native call: large enough that a call's fixed cost vanishes, small enough for a
#: progress bar and bounded memory on a stream of any length.
BATCH_ROWS = 65_536


class UnknownColumnsWarning(UserWarning):
    """The table has columns that are not wire keys; they were ignored (reported once)."""


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - the test environment has pyarrow
        raise ImportError(
            "validate_table and quality_indicators need pyarrow: pip install 'canceranmalan[arrow]'"
        ) from e
    return pyarrow


def _reader(data: Any) -> Any:
    """A pyarrow RecordBatchReader over ``data``, without copying where the source allows."""
    pa = _pyarrow()
    if isinstance(data, pa.RecordBatchReader):
        return data
    if isinstance(data, pa.Table):
        return data.to_reader()
    if isinstance(data, pa.RecordBatch):
        return pa.RecordBatchReader.from_batches(data.schema, [data])
    module = type(data).__module__.split(".")[0]
    if module == "polars" and hasattr(data, "collect_batches"):
        # A LazyFrame: run the query in streaming chunks, each handed over as Arrow.
        chunks = data.collect_batches(chunk_size=BATCH_ROWS)
        batches = (b for df in chunks for b in df.to_arrow().to_batches())
        first = next(batches, None)
        if first is None:
            return pa.RecordBatchReader.from_batches(data.collect().to_arrow().schema, [])
        return pa.RecordBatchReader.from_batches(first.schema, _chain(first, batches))
    if module == "pandas":
        return _from_pandas(pa, data).to_reader()
    if hasattr(data, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(data)
    if hasattr(data, "__arrow_c_array__"):
        return pa.RecordBatchReader.from_batches(None, [pa.record_batch(data)])
    raise TypeError(
        "data: expected a pyarrow Table, RecordBatch or RecordBatchReader, a polars or "
        f"pandas DataFrame, or any object with __arrow_c_stream__; got {type(data).__name__}"
    )


def _from_pandas(pa: Any, frame: Any) -> Any:
    """A pandas DataFrame as a pyarrow Table: its named index levels as columns (as
    ``reset_index`` would give them: ``df.set_index("personal_id")`` still names the
    patient), an unnamed index left out (rows are numbered by position). A column whose
    values are of mixed types raises one ``TypeError`` naming it."""
    named = [i for i, name in enumerate(frame.index.names) if name is not None]
    for i in named:
        name = frame.index.names[i]
        if name in frame.columns:
            raise ValueError(
                f"column '{name}' is given more than once (as an index level and as a "
                "column): a report has one value per field"
            )
    if named:
        frame = frame.reset_index(level=named)
    # pyarrow's errors quote the cell they failed on, which may be a personal identity
    # number: the errors here name the column and the types only, and do not chain them.
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pass
    for name in frame.columns:
        try:
            pa.array(frame[name], from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            types = sorted({type(v).__name__ for v in frame[name] if not _missing(v)})
            raise TypeError(
                f"column '{name}': its values are of more than one type ({', '.join(types)}) "
                "and cannot be read as one Arrow column; give the column one type (for "
                "example all text, or all integers)"
            ) from None
    raise TypeError("data: the DataFrame cannot be read as an Arrow table") from None


def _missing(value: Any) -> bool:
    """True for pandas' missing values (None, NaN, ``pd.NA``, ``pd.NaT``), told by their type
    alone: comparing a cell (``pd.NA == pd.NA``, an array) may itself raise."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _slices(reader: Any) -> Iterator[Any]:
    for batch in reader:
        for start in range(0, batch.num_rows, BATCH_ROWS):
            yield batch.slice(start, BATCH_ROWS)


class _Progress:
    """tqdm on stderr when it is installed, a plain counter otherwise."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.bar: Any = None
        self.enabled = enabled
        self.done = 0
        if not enabled:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            return
        self.bar = tqdm(total=total, unit="rows", file=sys.stderr)

    def update(self, rows: int) -> None:
        self.done += rows
        if self.bar is not None:
            self.bar.update(rows)
        elif self.enabled:
            print(f"\rcanceranmalan: {self.done:,} rows", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled:
            print(file=sys.stderr)


def _today(today: datetime.date | str | None) -> datetime.date | str:
    return datetime.date.today() if today is None else today


def _total(data: Any) -> int | None:
    rows = getattr(data, "num_rows", None)
    if isinstance(rows, int):
        return rows
    try:
        return len(data)
    except TypeError:
        return None


def validate_table(
    data: Any,
    *,
    today: datetime.date | str | None = None,
    lang: str = "sv",
    rule_set: str = "form",
    include: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    allow_test_persons: bool = False,
    progress: bool = False,
) -> Any:
    """Validates every row of a table and returns the issues as a ``pyarrow.Table``.

    ``data`` is anything that speaks the Arrow PyCapsule interface (a pyarrow Table or
    RecordBatchReader, a polars DataFrame, a DuckDB relation), a polars LazyFrame (run in
    streaming chunks) or a pandas DataFrame. Columns
    are the wire keys (``diagnosis_date``, ``icd10``, …); a missing column means not given,
    dates may be date32, date64, timestamp or ``YYYY-MM-DD`` text, integers any int type (or
    float with whole numbers, as pandas stores a column with missing values). Columns that
    are not wire keys are reported once (``UnknownColumnsWarning``) and ignored; a column of
    a type its field cannot hold raises one ``TypeError`` naming it, and a field given by two
    columns one ``ValueError``. A pandas DataFrame's named index levels count as columns.

    The result has one row per issue: ``row`` (the 0-based position in the input),
    ``rule_id``, ``severity``, ``fields`` (a list of wire keys) and ``message``, in row order.
    The issues of each row equal those ``validate`` gives for the same row as a dict. A
    RecordBatchReader is streamed: memory holds one batch and the issues so far.
    """
    pa = _pyarrow()
    reader = _reader(data)
    # One context for the whole table, and validators kept from batch to batch.
    validation = _native._TableValidation(
        today=_today(today),
        lang=lang,
        rule_set=rule_set,
        include=_rule_ids(include),
        exclude=_rule_ids(exclude),
        allow_test_persons=allow_test_persons,
    )
    # The columns are checked once, from the schema: a table without rows gets the same
    # errors and warning as one with.
    schema = reader.schema
    unknown = _native._check_columns(_empty_batch(pa, schema)) if len(schema) else []
    if unknown:
        warnings.warn(
            f"columns that are not wire keys were ignored: {', '.join(unknown)}",
            UnknownColumnsWarning,
            stacklevel=2,
        )
    bar = _Progress(progress, _total(data))
    parts = []
    first_row = 0
    try:
        for batch in _slices(reader):
            parts.extend(validation.validate_batch(batch, first_row))
            first_row += batch.num_rows
            bar.update(batch.num_rows)
    finally:
        bar.close()
    schema = parts[0].schema if parts else _issues_schema(pa)
    return pa.Table.from_batches(parts, schema=schema)


def _empty_batch(pa: Any, schema: Any) -> Any:
    """A batch of no rows with these columns (a batch of no columns has one row count: 0)."""
    if not len(schema):
        return pa.RecordBatch.from_pydict({}).slice(0, 0)
    return pa.record_batch([pa.array([], type=f.type) for f in schema], schema=schema)


def _rule_ids(ids: Iterable[str] | None) -> Any:
    """``include``/``exclude`` as a list for the native half; a lone string is passed on as
    it is, for the same ``TypeError`` as ``validate`` gives (never read as its letters)."""
    if ids is None or isinstance(ids, str):
        return ids
    return list(ids)


def _issues_schema(pa: Any) -> Any:
    return pa.schema(
        [
            pa.field("row", pa.int64(), nullable=False),
            pa.field("rule_id", pa.string(), nullable=False),
            pa.field("severity", pa.string(), nullable=False),
            pa.field("fields", pa.list_(pa.string()), nullable=False),
            pa.field("message", pa.string(), nullable=False),
        ]
    )


# The key of the one group of ``quality_indicators(by=())``.
_WHOLE = "__whole_table__"

_SHARES = (
    ("share_microscopically_verified", "microscopically_verified"),
    ("share_clinical_only", "clinical_only"),
    ("share_autopsy", "autopsy"),
    ("share_unknown_primary", "unknown_primary"),
    ("share_side_missing", "side_missing"),
    ("share_partial", "partial"),
    ("share_with_error", "has_error"),
)


def quality_indicators(
    data: Any,
    *,
    by: str | Sequence[str] = ("diagnosis_year",),
    today: datetime.date | str | None = None,
    sent: str = "sent_date",
) -> Any:
    """The quality indicators registries publish, per group, as a ``pyarrow.Table``.

    Per group of ``by`` (any columns of the input, and ``diagnosis_year``, the year of the
    date of diagnosis): ``n``; the share microscopically verified (diagnosgrund 3, 4 or 5;
    8, other laboratory tests, is not counted, as ENCR's 2015 coding does not count tumour
    markers); clinical or imaging only (1, 2); from autopsy (4, 7); with unknown primary (C80,
    and C77–C79 unless an ICD-O-3 topography names a primary); with side missing among paired
    sites (``n_paired_sites`` is the denominator); marked partial; with at least one error.
    A share is over the rows where it is defined (a row without diagnosgrund does not count
    for the diagnosgrund shares). When the table has a ``sent`` column (the date the report
    was sent: date, timestamp or ``YYYY-MM-DD`` text), also the median and 90th percentile of
    days from diagnosis to report (a report sent before its date of diagnosis counts with
    negative days, so that the error shows).

    ``by`` is a column name or a sequence of them; ``by=()`` gives one row for the whole
    table. A table without rows gives a table without rows (with the same columns).
    """
    pa = _pyarrow()
    import pyarrow.compute as pc

    reader = _reader(data)
    by = [by] if isinstance(by, str) else list(by)
    if not by:
        # One group: the whole table (pyarrow groups by at least one key).
        whole = quality_indicators(reader, by=(_WHOLE,), today=today, sent=sent)
        return whole.drop_columns([_WHOLE])
    reference = _today(today)

    def piece(batch: Any) -> Any:
        if _WHOLE in by or not batch.num_columns:
            # (a batch of no columns does not cross to the native half: it has no row count)
            batch = batch.append_column(_WHOLE, pa.nulls(batch.num_rows, pa.bool_()))
        flags = _native._indicator_batch(batch, today=reference)
        columns = {name: flags.column(name) for name in flags.schema.names}
        for name in by:
            if name != "diagnosis_year":
                if name not in batch.schema.names:
                    raise KeyError(f"by: the table has no column {name!r}")
                columns[name] = _groupable(pa, name, batch.column(name))
        if sent in batch.schema.names and "diagnosis_date" in batch.schema.names:
            columns["days_to_report"] = _days(pa, pc, batch, sent)
        return pa.table(columns)

    pieces = [piece(batch) for batch in _slices(reader)]
    if not pieces:
        # No rows: an empty batch of the reader's columns gives the result's columns.
        pieces.append(piece(_empty_batch(pa, reader.schema)))
    table = pa.concat_tables(pieces)
    aggregations: list[tuple[Any, str]] = [([], "count_all")]
    for _, flag in _SHARES:
        aggregations.append((flag, "mean"))
    aggregations.append(("paired_site", "sum"))
    with_days = "days_to_report" in table.schema.names
    if with_days:
        aggregations.append(("days_to_report", "list"))
    numeric = table
    for _, flag in _SHARES:
        numeric = numeric.set_column(
            numeric.schema.get_field_index(flag), flag, pc.cast(table[flag], pa.float64())
        )
    numeric = numeric.set_column(
        numeric.schema.get_field_index("paired_site"),
        "paired_site",
        pc.cast(table["paired_site"], pa.int64()),
    )
    grouped = numeric.group_by(by, use_threads=False).aggregate(aggregations)
    out = {name: grouped[name] for name in by}
    out["n"] = grouped["count_all"]
    for label, flag in _SHARES:
        out[label] = grouped[f"{flag}_mean"]
    out["n_paired_sites"] = grouped["paired_site_sum"]
    if with_days:
        medians, p90s = [], []
        for days in grouped["days_to_report_list"].to_pylist():
            values = [d for d in days if d is not None]
            if values:
                q = pc.quantile(pa.array(values, pa.float64()), q=[0.5, 0.9])
                medians.append(q[0].as_py())
                p90s.append(q[1].as_py())
            else:
                medians.append(None)
                p90s.append(None)
        out["median_days_to_report"] = pa.array(medians, pa.float64())
        out["p90_days_to_report"] = pa.array(p90s, pa.float64())
    result = pa.table(out)
    return result.sort_by([(name, "ascending") for name in by])


def _groupable(pa: Any, name: str, column: Any) -> Any:
    """A group column as pyarrow can group and sort it (see ``_plain``)."""
    column = _plain(pa, column)
    if pa.types.is_nested(column.type):
        raise TypeError(f"by: column {name!r} holds {column.type}, which cannot be grouped by")
    return column


def _plain(pa: Any, column: Any) -> Any:
    """A column as pyarrow's compute functions take it: categories (pandas' and polars'
    dictionary columns) as their values, view types (polars' strings) as plain ones."""
    t = column.type
    if pa.types.is_dictionary(t):
        values = _plain(pa, column.dictionary)
        return pa.DictionaryArray.from_arrays(column.indices, values).dictionary_decode()
    if pa.types.is_string_view(t):
        return column.cast(pa.string())
    if pa.types.is_binary_view(t):
        return column.cast(pa.binary())
    return column


def _days(pa: Any, pc: Any, batch: Any, sent: str) -> Any:
    """Days from the date of diagnosis to the date sent (null where either is not a date)."""

    def as_date(name: str) -> Any:
        column = _plain(pa, batch.column(name))
        t = column.type
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            column = pc.strptime(column, format="%Y-%m-%d", unit="s", error_is_null=True)
        elif not (pa.types.is_date(t) or pa.types.is_timestamp(t) or pa.types.is_null(t)):
            raise TypeError(
                f"column '{name}': expected a date (date32, date64, timestamp or "
                f"'YYYY-MM-DD' text), got {t}"
            )
        return pc.cast(column, pa.date32())

    diagnosed = as_date("diagnosis_date")
    reported = as_date(sent)
    return pc.days_between(diagnosed, reported)
