"""Peak memory of validate_table on a stream: 3 000 000 rows from a RecordBatchReader that
makes its batches as it goes (a seeded 100 000-row extract, repeated), so only one batch and
the issues so far are ever held.

Run: /usr/bin/time -v python bindings-python/benchmarks/stream_rss.py [ROWS]
and read "Maximum resident set size"; the script prints the baseline after imports too.
"""

from __future__ import annotations

import resource
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

import canceranmalan as ca

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "python"))
import synthetic_extract as se  # noqa: E402


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000
    base = se.table(100_000, 0.05, seed=8).drop_columns(["clinic", "sent_date"])
    batches = base.to_batches(max_chunksize=50_000)

    def stream() -> Iterator[Any]:
        made = 0
        while made < rows:
            for b in batches:
                if made >= rows:
                    return
                b = b.slice(0, rows - made)
                made += b.num_rows
                yield b

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
        issues = ca.validate_table(
            pa.RecordBatchReader.from_batches(base.schema, stream()), today="2025-06-01"
        )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{rows:,} rows streamed in {seconds:.1f} s ({rows / seconds:,.0f} rows/s), "
        f"{issues.num_rows:,} issues; peak RSS {peak / 1024:.0f} MiB "
        f"(after the imports and the 100 000-row source: {before / 1024:.0f} MiB)"
    )


if __name__ == "__main__":
    main()
