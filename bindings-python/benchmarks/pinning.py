"""Pins a benchmark to one core, before it imports anything that may start threads.

``one_core.py`` and ``mistakes.py`` call ``pin`` first: the process then runs on one core
(``os.sched_setaffinity``; Linux only), so ``validate_table`` runs one part on one thread,
every thread a library starts later shares that core, and numpy's BLAS (pulled in with
pandas by ``compare_extract``) starts no threads of its own to wait beside it.
"""

from __future__ import annotations

import os
import sys


def pin(script: str, rows: int, rounds: int) -> tuple[int, int, int]:
    """Rows, rounds and core from ``sys.argv`` (``[ROWS [ROUNDS [CORE]]]``, these defaults
    and core 0), with the process pinned to that core."""
    args = [int(a) for a in sys.argv[1:4]]
    rows, rounds, core = (args + [rows, rounds, 0][len(args) :])[:3]
    if not hasattr(os, "sched_setaffinity"):
        sys.exit(f"{script} pins itself to a core with os.sched_setaffinity (Linux only)")
    os.sched_setaffinity(0, {core})
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    return rows, rounds, core
