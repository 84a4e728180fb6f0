"""The PySpark recipe in local mode (pyspark from PyPI, Java from the system): the issues of a
DataFrame equal validate_table's on the same rows."""

from __future__ import annotations

import os
import shutil
import sys
import warnings
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import canceranmalan as ca

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "python"))
import synthetic_extract as se  # noqa: E402

pytestmark = [
    pytest.mark.skipif(
        shutil.which("java") is None, reason="PySpark needs a Java runtime; none is on PATH"
    ),
    # PySpark 4.3 warns that it does not yet fully support pandas 3; the recipe uses Arrow.
    pytest.mark.filterwarnings("ignore::FutureWarning"),
]


@pytest.fixture(scope="module")
def spark() -> Any:
    from pyspark.sql import SparkSession

    # The workers run this interpreter, where the wheel is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("canceranmalan-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_map_in_arrow_gives_the_issues_of_validate_table(spark: Any) -> None:
    from canceranmalan.spark import validate_dataframe

    table = se.table(3000, 0.2, seed=9)
    table = table.add_column(0, "tumour_id", pa.array([f"T{i:05d}" for i in range(table.num_rows)]))
    sdf = spark.createDataFrame(table)  # Spark 4 takes a pyarrow Table
    issues = validate_dataframe(sdf, key="tumour_id", today="2025-06-01", lang="en")
    got = sorted(tuple(r) for r in issues.select("tumour_id", "rule_id", "fields").collect())
    got = [(k, r, tuple(f)) for k, r, f in got]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
        local = ca.validate_table(table.drop_columns(["tumour_id"]), today="2025-06-01", lang="en")
    ids = pc.take(table["tumour_id"], local["row"]).to_pylist()
    want = sorted(
        (k, r, tuple(f))
        for k, r, f in zip(ids, local["rule_id"].to_pylist(), local["fields"].to_pylist())
    )
    assert got == want and len(want) > 100

    # validate_table's options, checked on the driver before any task runs.
    chosen = validate_dataframe(sdf, key="tumour_id", today="2025-06-01", include=["SEX-SITE"])
    want_chosen = sorted(set(k for k, r, _ in want if r == "SEX-SITE"))
    assert sorted(r[0] for r in chosen.select("tumour_id").collect()) == want_chosen
    assert want_chosen
    with pytest.raises(ValueError, match='^include: no rule has the ID "NOPE"'):
        validate_dataframe(sdf, key="tumour_id", today="2025-06-01", include=["NOPE"])
