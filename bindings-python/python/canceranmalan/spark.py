"""Validation of a PySpark DataFrame on the executors, through ``mapInArrow``.

Each executor receives Arrow record batches of its partitions and validates them with
``validate_table`` (the GIL released, the batch's rows over the executor's cores); only the
issues travel back. The result is a Spark DataFrame with the schema of ``ISSUES_DDL``: the
value of the key column you name (rows have no global position in Spark), then ``rule_id``,
``severity``, ``fields`` and ``message``.

Example (with a SparkSession and a DataFrame ``notifications``)::

    issues = validate_dataframe(notifications, key="tumour_id", today="2025-06-01")
    issues.groupBy("rule_id").count().show()

The recipe in a few lines, to adapt (e.g. to add columns of your own to the issues)::

    def issues_of(batches):
        for batch in batches:
            issues = canceranmalan.validate_table(batch.drop_columns([key]), today=today)
            keys = pyarrow.compute.take(batch.column(key), issues["row"])
            yield issues.drop_columns(["row"]).add_column(0, key, keys).to_batches()...

    sdf.mapInArrow(issues_of, ISSUES_DDL)

pyspark is not a dependency of this package: a Spark cluster brings its own.
"""

from __future__ import annotations

import datetime
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from ._table import UnknownColumnsWarning, _pyarrow, _rule_ids, _today, validate_table

#: The issues' Spark schema (with the key column first, as ``{key} string``).
ISSUES_DDL = "rule_id string, severity string, fields array<string>, message string"


def validate_dataframe(
    sdf: Any,
    *,
    key: str,
    today: datetime.date | str | None = None,
    lang: str = "sv",
    rule_set: str = "form",
    include: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    allow_test_persons: bool = False,
) -> Any:
    """The issues of every row of a Spark DataFrame, as a Spark DataFrame (see the module).

    The options are ``validate_table``'s; ``today`` is fixed on the driver (every executor
    validates at the same date) and the rule IDs are checked there, before any task runs.
    """
    today = _today(today)
    include, exclude = _rule_ids(include), _rule_ids(exclude)
    # The options are checked once on the driver: a bad one fails here, not in each task.
    options: dict[str, Any] = {
        "today": today,
        "lang": lang,
        "rule_set": rule_set,
        "include": include,
        "exclude": exclude,
        "allow_test_persons": allow_test_persons,
    }
    validate_table(_pyarrow().table({}), **options)
    if key not in sdf.columns:
        raise KeyError(f"key: the DataFrame has no column {key!r}")

    def issues_of(batches: Iterable[Any]) -> Iterator[Any]:
        pa = _pyarrow()
        import pyarrow.compute as pc

        for batch in batches:
            data = batch.drop_columns([key])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UnknownColumnsWarning)
                issues = validate_table(data, **options)
            keys = pc.cast(pc.take(batch.column(key), issues["row"]), pa.string())
            table = issues.drop_columns(["row"]).add_column(0, key, keys)
            yield from table.to_batches()

    return sdf.mapInArrow(issues_of, f"`{key}` string, {ISSUES_DDL}")
