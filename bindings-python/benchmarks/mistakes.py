"""What each kind of mistake in a row costs validate_table, on one core, every rule.

The synthetic extract's rows without mistakes, and then the same number of rows that all
carry one kind of mistake (``synthetic_extract.spoil``, kinds 0 to 11), each validated on
one pinned core (``os.sched_setaffinity``; Linux only), the tables taking turns round after
round; each table gives its best round. The extra time a row takes over a row without
mistakes shows which mistakes to look at when the 50 %-invalid extract is slow: a mistake
that yields one issue costs that issue, and some cost the rules' reuse of their hits too. A
benchmark, not a test: it prints a table.

Run: python bindings-python/benchmarks/mistakes.py [ROWS [ROUNDS [CORE]]]
(default 50000 rows, 9 rounds, core 0).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pinning import pin  # noqa: E402

ROWS, ROUNDS, CORE = pin("mistakes.py", 50_000, 9)

import collections  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import canceranmalan as ca  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "python"))
import synthetic_extract as se  # noqa: E402
from compare_extract import TODAY  # noqa: E402


def main() -> None:
    tables = {"none": se.table(ROWS, 0.0, seed=7)}
    for kind in range(se.MISTAKES):
        tables[str(kind)] = se.table(ROWS, 1.0, seed=7, mistake=kind)
    best = dict.fromkeys(tables, float("inf"))
    found: dict[str, collections.Counter[str]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
        for name, table in tables.items():
            issues = ca.validate_table(table, today=TODAY)
            found[name] = collections.Counter(issues.column("rule_id").to_pylist())
        for _ in range(ROUNDS):
            for name, table in tables.items():
                start = time.perf_counter()
                ca.validate_table(table, today=TODAY)
                best[name] = min(best[name], time.perf_counter() - start)
    print(f"one core (core {CORE}); {ROWS:,} rows a table; best of {ROUNDS} rounds; every rule")
    print("| mistake | ns a row | over none | issues a row | the issues' rules (most first) |")
    print("|---|---:|---:|---:|---|")
    clean = best["none"] / ROWS * 1e9
    for name, seconds in best.items():
        ns = seconds / ROWS * 1e9
        rules = ", ".join(rule for rule, _ in found[name].most_common(3))
        print(
            f"| {name} | {ns:,.0f} | {ns - clean:+,.0f} | "
            f"{sum(found[name].values()) / ROWS:.2f} | {rules} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
