"""validate_table and quality_indicators: equal to validate row by row, for pyarrow, polars and
pandas input; streaming; column errors; every rule that a typed table can carry fires."""

from __future__ import annotations

import collections
import datetime
import math
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pytest

import canceranmalan as ca
from conftest import load_cases

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "python"))
import synthetic_extract as se  # noqa: E402

TODAY = "2025-06-01"
EXTRA = ("clinic", "sent_date")
# Keys a table cannot repeat or misname: its columns are the keys.
NOT_IN_TABLES = {"WIRE-UNKNOWN-FIELD", "WIRE-DUPLICATE-FIELD", "WIRE-KEYS-OMITTED"}


def by_row(issues: Any) -> dict[int, list[tuple[str, str, list[str], str]]]:
    out: dict[int, list[tuple[str, str, list[str], str]]] = collections.defaultdict(list)
    cols = [issues[c].to_pylist() for c in ("row", "rule_id", "severity", "fields", "message")]
    for row, rule_id, severity, fields, message in zip(*cols):
        out[row].append((rule_id, severity, fields, message))
    return out


def expected(rows: list[dict[str, Any]], **kwargs: Any) -> dict[int, list[Any]]:
    out = {}
    for i, r in enumerate(rows):
        d = {k: v for k, v in r.items() if k not in EXTRA}
        issues = ca.validate(d, **kwargs)
        if issues:
            out[i] = [(x.rule_id, x.severity, x.fields, x.message) for x in issues]
    return out


# The rule that each kind of mistake of the synthetic extract exists for.
MISTAKE_RULES = [
    "DATE-FORMAT",
    "DATE-FUTURE",
    "REQUIRED",
    "ICD10-FORMAT",
    "SIDE-UNPAIRED",
    "TNM-BASIS-REQUIRED",
    "SEX-SITE",
    "AUTOPSY-NOT-ALLOWED",
    "SPECIMEN-NUMBER-LENGTH",
    "SPECIMEN-YEAR-FUTURE",
    "PERSONAL-ID",
    "TNM-CATEGORY",
]


@pytest.mark.parametrize("kind", range(se.MISTAKES))
def test_each_kind_of_mistake_gives_its_rule_on_every_row(kind: int) -> None:
    # The benchmark of what each mistake costs (benchmarks/mistakes.py) relies on it.
    assert len(MISTAKE_RULES) == se.MISTAKES
    table = se.table(300, 1.0, seed=3, mistake=kind)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
        issues = ca.validate_table(table, today=TODAY)
    rows = {
        r
        for r, rule in zip(issues["row"].to_pylist(), issues["rule_id"].to_pylist())
        if rule == MISTAKE_RULES[kind]
    }
    assert rows == set(range(table.num_rows))


@pytest.fixture(scope="module")
def extract() -> pa.Table:
    # Enough rows that each core's part of the first batch is longer than the rows it
    # sizes its issue columns by (the native SAMPLE_ROWS, 2 048, twice).
    return se.table(12_000, 0.5, seed=7)


@pytest.mark.parametrize("kind", ["pyarrow", "polars", "lazy", "pandas", "reader", "uneven"])
@pytest.mark.parametrize("rule_set", ["form", "register"])
def test_equals_validate_row_by_row(extract: pa.Table, kind: str, rule_set: str) -> None:
    frame = pl.from_arrow(extract)
    assert isinstance(frame, pl.DataFrame)
    data: Any = {
        "pyarrow": extract,
        "polars": frame,
        "lazy": frame.lazy().filter(pl.col("icd10").is_not_null() | True),
        "pandas": extract.to_pandas(),
        "reader": extract.to_reader(max_chunksize=1000),
        # Batches split over two cores, then one, then two again: the validators kept from
        # batch to batch, and the sizes of their issue columns, carry over whatever their
        # number.
        "uneven": pa.RecordBatchReader.from_batches(
            extract.schema,
            [
                b
                for part in (extract.slice(0, 9000), extract.slice(9000, 300), extract.slice(9300))
                for b in part.to_batches()
            ],
        ),
    }[kind]
    with pytest.warns(ca.UnknownColumnsWarning, match="clinic, sent_date"):
        issues = ca.validate_table(data, today=TODAY, rule_set=rule_set, lang="en")
    assert issues.schema.names == ["row", "rule_id", "severity", "fields", "message"]
    assert issues["row"].to_pylist() == sorted(issues["row"].to_pylist())
    want = expected(extract.to_pylist(), today=TODAY, rule_set=rule_set, lang="en")
    assert dict(by_row(issues)) == want


# The 12 rules the benchmark's pandera and pydantic rules are written after.
SAME_RULES = [
    "DATE-FORMAT", "DATE-FUTURE", "ICD10-FORMAT", "WIRE-VALUE", "SPECIMEN-NUMBER-LENGTH",
    "SPECIMEN-YEAR-FUTURE", "REQUIRED", "SIDE-REQUIRED", "SIDE-UNPAIRED", "TNM-BASIS-REQUIRED",
    "AUTOPSY-NOT-ALLOWED", "SEX-SITE",
]  # fmt: skip


@pytest.mark.parametrize(
    "selection",
    [
        {"include": SAME_RULES},
        {"include": SAME_RULES, "rule_set": "register"},
        {"include": ["ENCR-AGE-SITE", "TNM-CATEGORY", "FIGO-TNM"]},
        {"exclude": ["REQUIRED", "WIRE-VALUE", "SIDE-REQUIRED"]},
    ],
)
def test_chosen_rules_equal_validate_row_by_row(
    extract: pa.Table, selection: dict[str, Any]
) -> None:
    """With include= or exclude=, only the columns the chosen rules need are read: the
    issues are still those of validate."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
        issues = ca.validate_table(extract, today=TODAY, **selection)
    want = expected(extract.to_pylist(), today=TODAY, **selection)
    assert want, selection
    assert dict(by_row(issues)) == want


def test_each_rule_alone_equals_validate_row_by_row() -> None:
    table = se.table(600, 0.5, seed=3)
    rows = table.to_pylist()
    for rule in ca.rules():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
            issues = ca.validate_table(table, today=TODAY, rule_set="register", include=[rule.id])
        want = expected(rows, today=TODAY, rule_set="register", include=[rule.id])
        assert dict(by_row(issues)) == want, rule.id


def test_pandas_missing_integers_and_timestamps() -> None:
    df = pd.DataFrame(
        {
            "diagnosis_date": pd.to_datetime(["2025-03-14", None, "2024-01-02"]),
            "specimen_year": [2025, None, 2024.5],  # float64 with NaN, as pandas stores it
            "basis_of_diagnosis": [3, 3, None],
            "partial": [True, True, True],
        }
    )
    issues = ca.validate_table(df, today=TODAY)
    rows: list[dict[str, Any]] = [
        {"diagnosis_date": "2025-03-14", "specimen_year": 2025, "basis_of_diagnosis": 3},
        {"basis_of_diagnosis": 3},
        {"diagnosis_date": "2024-01-02", "specimen_year": 2024.5},
    ]
    want = expected([dict(r, partial=True) for r in rows], today=TODAY)
    assert dict(by_row(issues)) == want
    assert "WIRE-TYPE" in issues["rule_id"].to_pylist()


def test_dates_as_date32_and_text_and_categoricals() -> None:
    table = pa.table(
        {
            "diagnosis_date": pa.array([datetime.date(2025, 3, 14), None], pa.date32()),
            "death_date": pa.array(["2025-03-10", "not a date"]),
            "side": pa.array(["left", "vänster"]).dictionary_encode(),
            "partial": pa.array([True, True]),
        }
    )
    got = dict(by_row(ca.validate_table(table, today=TODAY)))
    want = expected(
        [
            {
                "diagnosis_date": "2025-03-14",
                "death_date": "2025-03-10",
                "side": "left",
                "partial": True,
            },
            {"death_date": "not a date", "side": "vänster", "partial": True},
        ],
        today=TODAY,
    )
    assert got == want


def test_a_column_of_the_wrong_type_is_one_error_naming_it() -> None:
    table = pa.table({"icd10": pa.array([1, 2, 3]), "partial": [True, True, True]})
    with pytest.raises(TypeError, match="^column 'icd10': expected text"):
        ca.validate_table(table, today=TODAY)
    with pytest.raises(TypeError, match="^column 'partial': expected a boolean"):
        ca.validate_table(pa.table({"partial": ["yes"]}), today=TODAY)
    with pytest.raises(TypeError, match="^data:"):
        ca.validate_table([{"partial": True}], today=TODAY)


def test_empty_and_column_less_tables() -> None:
    empty = ca.validate_table(pa.table({"icd10": pa.array([], pa.string())}), today=TODAY)
    assert empty.num_rows == 0 and empty.schema.names[0] == "row"
    with pytest.warns(ca.UnknownColumnsWarning):
        issues = ca.validate_table(pa.table({"x": [1, 2]}), today=TODAY)
    assert dict(by_row(issues)) == expected([{}, {}], today=TODAY)


def test_a_reader_of_a_million_rows_streams() -> None:
    base = se.table(10_000, 0.05, seed=3).drop_columns(list(EXTRA))
    batches = base.to_batches(max_chunksize=10_000)

    def stream() -> Any:
        for _ in range(100):
            yield from batches

    reader = pa.RecordBatchReader.from_batches(base.schema, stream())
    issues = ca.validate_table(reader, today=TODAY)
    one = ca.validate_table(base, today=TODAY)
    assert issues.num_rows == 100 * one.num_rows
    assert pc.max(issues["row"]).as_py() < 1_000_000
    assert pc.min(issues["row"]).as_py() == pc.min(one["row"]).as_py()


def test_every_rule_a_table_can_carry_fires() -> None:
    fired: set[str] = set()
    for rule_set in ("form", "register"):
        issues = ca.validate_table(
            se.table(20_000, 0.5, seed=11).drop_columns(list(EXTRA)), today=TODAY, rule_set=rule_set
        )
        fired |= set(issues["rule_id"].to_pylist())
    # The conformance vectors as one-row tables (where a typed column can hold their values).
    for _, case in load_cases("validate"):
        report = case.get("report")
        if not isinstance(report, dict) or not report:
            continue
        try:
            table = pa.Table.from_pylist([report])
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            continue
        kwargs = {
            "today": case["today"],
            "rule_set": case.get("rule_set", "form"),
            "allow_test_persons": case.get("allow_test_persons", False),
            "include": case.get("include"),
            "exclude": case.get("exclude"),
        }
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
            try:
                issues = ca.validate_table(table, **kwargs)
            except TypeError:
                continue  # a column of a type its field cannot hold: one error, by design
        want = ca.validate(report, **kwargs)
        wanted = [x for x in want if x.rule_id not in NOT_IN_TABLES]
        got = by_row(issues).get(0, [])
        assert [(x.rule_id, x.fields) for x in wanted] == [(g[0], g[2]) for g in got], case["name"]
        fired |= {g[0] for g in got}
    every = {r.id for r in ca.rules()}
    assert every - NOT_IN_TABLES - fired == set()


def indicator_table() -> pa.Table:
    return pa.table(
        {
            "diagnosis_date": ["2024-01-10", "2024-02-10", "2024-03-10", "2025-01-05"],
            "icd10": ["C50.4", "C80.9", "C18.7", "C78.7"],
            "side": ["left", None, None, None],
            "basis_of_diagnosis": pa.array([3, 2, 8, 4], pa.int8()),
            "partial": [False, True, False, False],
            "clinic": ["A", "A", "B", "A"],
            "sent_date": ["2024-01-20", "2024-03-10", "2024-03-11", "2025-02-04"],
        }
    )


def test_quality_indicators_per_group() -> None:
    table = indicator_table()
    q = ca.quality_indicators(table, by=("diagnosis_year",), today=TODAY).to_pylist()
    y2024, y2025 = q
    assert y2024["diagnosis_year"] == 2024 and y2024["n"] == 3
    assert y2024["share_microscopically_verified"] == pytest.approx(1 / 3)  # 3 yes; 2 and 8 no
    assert y2024["share_clinical_only"] == pytest.approx(1 / 3)
    assert y2024["share_unknown_primary"] == pytest.approx(1 / 3)
    assert y2024["n_paired_sites"] == 1 and y2024["share_side_missing"] == 0.0
    assert y2024["share_partial"] == pytest.approx(1 / 3)
    assert y2024["median_days_to_report"] == 10.0  # 10, 29 and 1 days
    assert y2025["share_autopsy"] == 1.0 and y2025["share_unknown_primary"] == 1.0
    by_clinic = ca.quality_indicators(table, by=("clinic", "diagnosis_year"), today=TODAY)
    assert by_clinic.num_rows == 3
    with pytest.raises(KeyError, match="no column 'region'"):
        ca.quality_indicators(table, by=("region",), today=TODAY)


def test_progress_counter_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    ca.validate_table(pa.table({"partial": [True] * 10}), today=TODAY, progress=True)
    assert "10" in capsys.readouterr().err


def test_a_field_given_by_two_columns_is_one_error_naming_it() -> None:
    twice = pa.Table.from_arrays(
        [pa.array(["C50.4"]), pa.array(["C18.7"])], names=["icd10", "icd10"]
    )
    once = r"^column 'icd10' is given more than once \(columns 0 and 1\)"
    with pytest.raises(ValueError, match=once):
        ca.validate_table(twice, today=TODAY)
    # pandas allows a column and an index level of one name.
    frame = pd.DataFrame({"icd10": ["C50.4"]}, index=pd.Index(["C18.7"], name="icd10"))
    with pytest.raises(ValueError, match="^column 'icd10' is given more than once"):
        ca.validate_table(frame, today=TODAY)


def test_a_table_without_rows_has_its_columns_checked() -> None:
    with pytest.raises(TypeError, match="^column 'icd10': expected text"):
        ca.validate_table(pa.table({"icd10": pa.array([], pa.int64())}), today=TODAY)
    with pytest.warns(ca.UnknownColumnsWarning, match="clinic"):
        issues = ca.validate_table(pa.table({"clinic": pa.array([], pa.string())}), today=TODAY)
    assert issues.num_rows == 0


def test_a_pandas_index_with_a_name_is_a_column() -> None:
    rows = [
        {"personal_id": "19121212-1212", "icd10": "C50.4", "side": "left"},
        {"personal_id": "19121212-1213", "icd10": "C18.7"},
    ]
    frame = pd.DataFrame(rows).set_index("personal_id")
    got = by_row(ca.validate_table(frame, today=TODAY))
    assert dict(got) == expected(rows, today=TODAY)
    # Unnamed (the default, or what filtering leaves) is left out: rows go by position.
    plain = pd.DataFrame(rows[1:], index=[7])
    assert dict(by_row(ca.validate_table(plain, today=TODAY))) == expected(rows[1:], today=TODAY)
    # A named index is a group column for the indicators too.
    clinics = pd.DataFrame(rows, index=pd.Index(["A", "B"], name="clinic"))
    with pytest.warns(ca.UnknownColumnsWarning):
        ca.validate_table(clinics, today=TODAY)
    table = ca.quality_indicators(clinics, by=("clinic",), today=TODAY)
    assert sorted(table.column("clinic").to_pylist()) == ["A", "B"]


def test_a_pandas_column_of_mixed_types_is_one_error_naming_it() -> None:
    frame = pd.DataFrame({"icd10": ["C50.4", "C18.7"], "basis_of_diagnosis": [5, "x"]})
    mixed = r"^column 'basis_of_diagnosis': its values are of more than one type \(int, str\)"
    with pytest.raises(TypeError, match=mixed):
        ca.validate_table(frame, today=TODAY)
    # The error names no value, and chains none (pyarrow's would quote the cell).
    ids = pd.DataFrame({"personal_id": ["19121212-1212", 191212121212]})
    with pytest.raises(TypeError) as raised:
        ca.validate_table(ids, today=TODAY)
    assert "1212" not in str(raised.value) and raised.value.__cause__ is None
    assert raised.value.__suppress_context__
    # Missing values do not count as a type, and cells that cannot be compared (pd.NA, an
    # array) do not break the error.
    for cells, types in (
        (["C50.4", 1, pd.NA, None, math.nan, pd.NaT], "int, str"),
        (["C50.4", np.array([1, 2])], "ndarray, str"),
    ):
        frame = pd.DataFrame({"icd10": pd.Series(cells, dtype=object)})
        named = rf"^column 'icd10': its values are of more than one type \({types}\)"
        with pytest.raises(TypeError, match=named):
            ca.validate_table(frame, today=TODAY)


def test_a_date_or_number_the_wire_cannot_hold_is_given_not_missing() -> None:
    # date32 holds years JSON's YYYY-MM-DD cannot: such a date is a date of the wrong form,
    # as its text would be, never a date not given.
    far = pa.array([3_000_000, -800_000], pa.date32())
    table = pa.table({"diagnosis_date": far, "basis_of_diagnosis": pa.array([math.inf, -math.inf])})
    texts = [{"diagnosis_date": "10183-09-21"}, {"diagnosis_date": "-221-09-04"}]
    got = by_row(ca.validate_table(table, today=TODAY))
    for row, text in enumerate(texts):
        want = {(i.rule_id, tuple(i.fields)) for i in ca.validate(text, today=TODAY)}
        rules = {(rule_id, tuple(fields)) for rule_id, _, fields, _ in got[row]}
        assert ("DATE-FORMAT", ("diagnosis_date",)) in want
        assert ("WIRE-TYPE", ("basis_of_diagnosis",)) in rules
        assert rules - {("WIRE-TYPE", ("basis_of_diagnosis",))} == want - {
            ("REQUIRED", ("basis_of_diagnosis",))
        }


def rows_of(table: pa.Table) -> list[dict[str, Any]]:
    return sorted(table.to_pylist(), key=repr)


def test_quality_indicators_of_polars_pandas_and_categories_equal_pyarrows() -> None:
    table = indicator_table()
    want = rows_of(ca.quality_indicators(table, by="clinic", today=TODAY))
    assert [r["clinic"] for r in want] == ["A", "B"]
    polars = pl.DataFrame(table)
    frames = {
        "polars": polars,
        "polars categorical": polars.with_columns(
            pl.col("clinic").cast(pl.Categorical), pl.col("sent_date").cast(pl.Categorical)
        ),
        "pandas categorical": table.to_pandas().astype({"clinic": "category"}),
        "dictionary": table.set_column(
            table.schema.get_field_index("clinic"), "clinic", table["clinic"].dictionary_encode()
        ),
    }
    for name, frame in frames.items():
        assert rows_of(ca.quality_indicators(frame, by="clinic", today=TODAY)) == want, name


def test_quality_indicators_of_the_whole_table_and_of_no_rows() -> None:
    table = indicator_table()
    (whole,) = ca.quality_indicators(table, by=(), today=TODAY).to_pylist()
    assert whole["n"] == 4 and "diagnosis_year" not in whole
    assert whole["share_autopsy"] == pytest.approx(1 / 4)
    assert whole["median_days_to_report"] == 19.5  # 10, 29, 1 and 30 days
    for by in [("diagnosis_year",), ("clinic",), ()]:
        empty = ca.quality_indicators(table.slice(0, 0), by=by, today=TODAY)
        assert empty.num_rows == 0
        assert empty.schema.names == ca.quality_indicators(table, by=by, today=TODAY).schema.names
    for by in [("diagnosis_year",), ()]:
        assert ca.quality_indicators(pa.table({}), by=by, today=TODAY).num_rows == 0
    assert ca.validate_table(pa.table({}), today=TODAY).num_rows == 0


def test_quality_indicators_name_a_column_they_cannot_use() -> None:
    table = indicator_table()
    sent_as_number = table.set_column(
        table.schema.get_field_index("sent_date"), "sent_date", pa.array([1, 2, 3, 4])
    )
    with pytest.raises(TypeError, match="^column 'sent_date': expected a date"):
        ca.quality_indicators(sent_as_number, today=TODAY)
    listed = table.append_column("codes", pa.array([[1], [2], None, [3]]))
    with pytest.raises(TypeError, match="^by: column 'codes' holds list"):
        ca.quality_indicators(listed, by="codes", today=TODAY)


def test_a_lone_rule_id_is_the_same_type_error_as_validate_gives() -> None:
    table = pa.table({"icd10": ["C50.4"]})
    key: str
    for key in ("include", "exclude"):
        lone: dict[str, Any] = {key: "SIDE-REQUIRED"}
        with pytest.raises(TypeError, match=f"^{key}: expected a list of rule IDs, not a str"):
            ca.validate({"icd10": "C50.4"}, today=TODAY, **lone)
        with pytest.raises(TypeError, match=f"^{key}: expected a list of rule IDs, not a str"):
            ca.validate_table(table, today=TODAY, **lone)


NUMBER_TYPES: dict[str, tuple[Any, list[Any]]] = {
    "int8": (pa.int8(), [0, 5, -1, 127, -128]),
    "int16": (pa.int16(), [3, 2025, -32768, 32767]),
    "int32": (pa.int32(), [2025, -(2**31), 2**31 - 1]),
    "int64": (pa.int64(), [4, 2025, -(2**63), 2**63 - 1]),
    "uint8": (pa.uint8(), [1, 255]),
    "uint16": (pa.uint16(), [2, 2024, 65535]),
    "uint32": (pa.uint32(), [7, 2**32 - 1]),
    "uint64": (pa.uint64(), [5, 2**63 - 1, 2**63, 2**64 - 1]),
    "float32": (pa.float32(), [5.0, 2.5, -0.0, 2024.0, 1e30]),
    "float64": (pa.float64(), [3.0, 0.5, 2025.0, 1e300, -1e300, 2.0**63]),
}


@pytest.mark.parametrize("name", sorted(NUMBER_TYPES))
def test_integer_fields_of_every_number_type_equal_validate(name: str) -> None:
    arrow_type, values = NUMBER_TYPES[name]
    cells = [*values, None]
    table = pa.table(
        {
            "basis_of_diagnosis": pa.array(cells, arrow_type),
            "specimen_year": pa.array(list(reversed(cells)), arrow_type),
            # (its message shows the number read)
            "tnm_edition": pa.array(cells, arrow_type),
        }
    )
    rows = [{k: v for k, v in row.items() if v is not None} for row in table.to_pylist()]
    assert dict(by_row(ca.validate_table(table, today=TODAY))) == expected(rows, today=TODAY)
