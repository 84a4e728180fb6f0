"""validate_table's rows per second on one core: the figure the "1 M rows/s per core" goal is.

The process is pinned to one core (``os.sched_setaffinity``; Linux only), so validate_table
runs one part on one thread. Every rule, and the 12 rules of ``compare_extract.py``
(``include=``), on the synthetic extract with 0 %, 5 % and 50 % of rows invalid. The calls
of the six cases take turns, round after round, so that a slow spell of a shared machine
falls on every case alike; each case gives its best round (what the code can do: other load
only ever slows a call down) and its median round (what a run met). A benchmark, not a test:
it prints a table.

Run: python bindings-python/benchmarks/one_core.py [ROWS [ROUNDS [CORE]]]
(default 200000 rows, 15 rounds, core 0).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pinning import pin  # noqa: E402

ROWS, ROUNDS, CORE = pin("one_core.py", 200_000, 15)

import datetime  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from typing import Any  # noqa: E402

import pyarrow as pa  # noqa: E402

import canceranmalan as ca  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "python"))
import synthetic_extract as se  # noqa: E402
from compare_extract import SAME_RULES, TODAY  # noqa: E402


def main() -> None:
    rows, rounds, core = ROWS, ROUNDS, CORE
    cases: dict[tuple[str, str], tuple[pa.Table, dict[str, Any]]] = {}
    for share in (0.0, 0.05, 0.5):
        table = se.table(rows, share, seed=42).combine_chunks()
        cases[("every rule", f"{share:.0%}")] = (table, {})
        cases[("the 12 rules", f"{share:.0%}")] = (table, {"include": SAME_RULES})
    speeds: dict[tuple[str, str], list[float]] = {case: [] for case in cases}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
        for table, options in cases.values():
            ca.validate_table(table, today=TODAY, **options)
        for _ in range(rounds):
            for case, (table, options) in cases.items():
                start = time.perf_counter()
                ca.validate_table(table, today=TODAY, **options)
                speeds[case].append(table.num_rows / (time.perf_counter() - start))
    print(
        f"one core (core {core} of {os.cpu_count()}); {rows:,} rows; {rounds} rounds; "
        f"{sys.version.split()[0]}; pyarrow {pa.__version__}; canceranmalan {ca.__version__}; "
        f"{datetime.date.today()}"
    )
    print("| rules | invalid | best | median | slowest |")
    print("|---|---:|---:|---:|---:|")
    for (rules, invalid), got in speeds.items():
        print(
            f"| {rules} | {invalid} | {max(got) / 1e6:.2f} M rows/s | "
            f"{statistics.median(got) / 1e6:.2f} M | {min(got) / 1e6:.2f} M |",
            flush=True,
        )


if __name__ == "__main__":
    main()
