"""validate_table against what a data scientist would pick instead, on one synthetic extract.

The same 12 rules are written idiomatically in pandera (vectorised checks on a pandas frame,
lazy) and in a pydantic v2 model (field and model validators, ``TypeAdapter(list[Model])``),
and run on the same rows as ``canceranmalan.validate_table``, twice: with every rule of the
form (60-odd), and with ``include=`` the library's rules that those 12 are written after
(``SAME_RULES``). Also timed: ``Table.to_pylist()``, the floor any Python-level tool pays to
see the rows as dicts. A benchmark, not a test: it prints a table.

Run: python bindings-python/benchmarks/compare_extract.py [ROWS ...]   (default 25000 200000
3000000). Each figure is the best of three runs (one run above 200 000 rows). The corpus is
examples/python/synthetic_extract.py (seeded); sizes above 200 000 repeat the 200 000-row
extract.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
import time
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import pandera.pandas as pa_schema
import pyarrow as pa
from pydantic import BaseModel, TypeAdapter, ValidationError, field_validator, model_validator

import canceranmalan as ca

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "python"))
import synthetic_extract as se  # noqa: E402

TODAY = datetime.date(2025, 6, 1)
ICD10 = re.compile(r"^[A-Z]\d\d(\.\d)?$")
PAIRED = ("C50", "C34", "C64", "C56", "C62", "C69", "C74")
SIDES = {"right", "left", "bilateral", "unknown"}
REQUIRED = ("diagnosis_date", "primary_site", "icd10", "morphology", "basis_of_diagnosis")
# The library's rules that the 12 below are written after (the code lists of basis of
# diagnosis and side are both WIRE-VALUE; the date rules cover every date of the report).
SAME_RULES = (
    "DATE-FORMAT",
    "DATE-FUTURE",
    "ICD10-FORMAT",
    "WIRE-VALUE",
    "SPECIMEN-NUMBER-LENGTH",
    "SPECIMEN-YEAR-FUTURE",
    "REQUIRED",
    "SIDE-REQUIRED",
    "SIDE-UNPAIRED",
    "TNM-BASIS-REQUIRED",
    "AUTOPSY-NOT-ALLOWED",
    "SEX-SITE",
)


def real_date(s: Any) -> bool:
    try:
        datetime.date.fromisoformat(s)
        return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", s))
    except (TypeError, ValueError):
        return False


# ---- pandera: vectorised where pandera allows ----


def pandera_schema() -> Any:
    Check = pa_schema.Check
    date_ok = Check(
        lambda s: s.isna() | (pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").notna()),
        name="date_format",
    )
    not_future = Check(
        lambda s: (
            s.isna()
            | ~(pd.to_datetime(s, format="%Y-%m-%d", errors="coerce") > pd.Timestamp(TODAY))
        ),
        name="date_not_future",
    )
    return pa_schema.DataFrameSchema(
        {
            "diagnosis_date": pa_schema.Column(str, [date_ok, not_future], nullable=True),
            "icd10": pa_schema.Column(str, Check.str_matches(ICD10.pattern), nullable=True),
            "basis_of_diagnosis": pa_schema.Column("Int8", Check.isin(range(1, 9)), nullable=True),
            "side": pa_schema.Column(str, Check.isin(SIDES), nullable=True),
            "specimen_number": pa_schema.Column(
                str, Check(lambda s: s.isna() | (s.str.len() <= 16), name="length"), nullable=True
            ),
            "specimen_year": pa_schema.Column(
                "Int16",
                Check(lambda s: s.isna() | (s <= TODAY.year), name="not_future"),
                nullable=True,
            ),
        },
        checks=[
            Check(lambda df: df[list(REQUIRED)].notna().all(axis=1), name="required"),
            Check(
                lambda df: ~df["icd10"].str[:3].isin(PAIRED).fillna(False) | df["side"].notna(),
                name="side_required",
            ),
            Check(lambda df: df["t"].isna() | df["tnm_basis"].notna(), name="tnm_basis_required"),
            Check(
                lambda df: (
                    ~df["autopsy_finding"].fillna(False).astype(bool)
                    | df["basis_of_diagnosis"].isin([4, 7]).fillna(False)
                ),
                name="autopsy_basis",
            ),
            Check(
                lambda df: (
                    ~df["icd10"].str.startswith("C61").fillna(False)
                    | (df["personal_id"].str[11].astype("Int64") % 2 == 1).fillna(True)
                ),
                name="sex_site",
            ),
            Check(
                lambda df: df["side"].isna() | df["icd10"].str[:3].isin(PAIRED).fillna(False),
                name="side_unpaired",
            ),
        ],
    )


def run_pandera(table: pa.Table) -> int:
    frame = table.to_pandas(types_mapper=pd.ArrowDtype).astype(
        {"basis_of_diagnosis": "Int8", "specimen_year": "Int16"}
    )
    frame = frame.astype(
        {c: object for c in frame.columns if c not in ("basis_of_diagnosis", "specimen_year")}
    )
    frame = frame.where(frame.notna(), None)
    try:
        pandera_schema().validate(frame, lazy=True)
        return 0
    except pa_schema.errors.SchemaErrors as e:
        return len(e.failure_cases)


# ---- pydantic v2: one model, field and model validators ----


class Notification(BaseModel):
    personal_id: str | None = None
    diagnosis_date: str | None = None
    primary_site: str | None = None
    icd10: str | None = None
    morphology: str | None = None
    side: str | None = None
    t: str | None = None
    tnm_basis: str | None = None
    basis_of_diagnosis: int | None = None
    autopsy_finding: bool | None = None
    specimen_number: str | None = None
    specimen_year: int | None = None

    @field_validator("diagnosis_date")
    @classmethod
    def date(cls, v: str | None) -> str | None:
        if v is not None:
            if not real_date(v):
                raise ValueError("date format")
            if datetime.date.fromisoformat(v) > TODAY:
                raise ValueError("date in the future")
        return v

    @field_validator("icd10")
    @classmethod
    def icd10_format(cls, v: str | None) -> str | None:
        if v is not None and not ICD10.match(v):
            raise ValueError("icd10 format")
        return v

    @field_validator("basis_of_diagnosis")
    @classmethod
    def basis(cls, v: int | None) -> int | None:
        if v is not None and not 1 <= v <= 8:
            raise ValueError("basis")
        return v

    @field_validator("side")
    @classmethod
    def side_value(cls, v: str | None) -> str | None:
        if v is not None and v not in SIDES:
            raise ValueError("side")
        return v

    @field_validator("specimen_number")
    @classmethod
    def number(cls, v: str | None) -> str | None:
        if v is not None and len(v) > 16:
            raise ValueError("specimen number length")
        return v

    @field_validator("specimen_year")
    @classmethod
    def year(cls, v: int | None) -> int | None:
        if v is not None and v > TODAY.year:
            raise ValueError("specimen year in the future")
        return v

    @model_validator(mode="after")
    def cross(self) -> Notification:
        errors = []
        if any(getattr(self, k) is None for k in REQUIRED):
            errors.append("required")
        paired = self.icd10 is not None and self.icd10[:3] in PAIRED
        if paired and self.side is None:
            errors.append("side required")
        if self.side is not None and not paired:
            errors.append("side unpaired")
        if self.t is not None and self.tnm_basis is None:
            errors.append("tnm basis required")
        if self.autopsy_finding and self.basis_of_diagnosis not in (4, 7):
            errors.append("autopsy basis")
        pid = self.personal_id or ""
        if (
            (self.icd10 or "").startswith("C61")
            and len(pid) >= 12
            and pid[11].isdigit()
            and int(pid[11]) % 2 == 0
        ):
            errors.append("sex site")
        if errors:
            raise ValueError("; ".join(errors))
        return self


def run_pydantic(table: pa.Table) -> int:
    model = TypeAdapter(Notification)
    failures = 0
    for row in table.to_pylist():
        try:
            model.validate_python(row)
        except ValidationError as e:
            failures += e.error_count()
    return failures


def run_ours(table: pa.Table) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
        return int(ca.validate_table(table, today=TODAY).num_rows)


def run_ours_same_rules(table: pa.Table) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
        return int(ca.validate_table(table, today=TODAY, include=SAME_RULES).num_rows)


def run_to_pylist(table: pa.Table) -> int:
    return len(table.to_pylist())


def timed(fn: Callable[[pa.Table], int], table: pa.Table, repeats: int) -> tuple[float, int]:
    """The best of ``repeats`` runs (the machine's other load only ever slows a run down)."""
    best, result = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(table)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [25_000, 200_000, 3_000_000]
    base = {share: se.table(min(max(sizes), 200_000), share, seed=42) for share in (0.0, 0.05, 0.5)}
    print(
        f"machine: {os.cpu_count()} cores; {sys.version.split()[0]}; pyarrow {pa.__version__}, "
        f"pandera {metadata.version('pandera')}, pydantic {metadata.version('pydantic')}, "
        f"canceranmalan {ca.__version__}; {datetime.date.today()}"
    )
    print(
        "| rows | invalid | validate_table | the 12 rules | to_pylist | pandera | pydantic "
        "| ours / pandera | ours / pydantic | 12 rules / pandera | 12 rules / pydantic |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        for share, table in base.items():
            reps = -(-n // table.num_rows)
            data = pa.concat_tables([table] * reps).slice(0, n).combine_chunks()
            results = {}
            for name, fn in [
                ("ours", run_ours),
                ("same", run_ours_same_rules),
                ("pylist", run_to_pylist),
                ("pandera", run_pandera),
                ("pydantic", run_pydantic),
            ]:
                seconds, _ = timed(fn, data, 3 if n <= 200_000 else 1)
                results[name] = n / seconds
            ours, same = results["ours"], results["same"]
            print(
                f"| {n:,} | {share:.0%} | {ours:,.0f}/s | {same:,.0f}/s | "
                f"{results['pylist']:,.0f}/s | "
                f"{results['pandera']:,.0f}/s | {results['pydantic']:,.0f}/s | "
                f"{ours / results['pandera']:.1f}× | {ours / results['pydantic']:.1f}× | "
                f"{same / results['pandera']:.1f}× | {same / results['pydantic']:.1f}× |",
                flush=True,
            )


if __name__ == "__main__":
    main()
