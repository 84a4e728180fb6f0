"""Keeps the events of INCA cases (ärenden) in SQLite, reloads them and replays the cases.

The library has no database and no clock: the host stores each event's JSON where it likes
(here the standard library's sqlite3) and gives every time and actor. This script plays a
small day at a clinic and at RCC, stores every event as it happens, then reads the events
back from the database, replays each case, checks the replay equals what was kept in memory,
and prints the clinic's inbox and the cases' states.

Run: python examples/python/case_store.py [database-file]   (default: an in-memory database)
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import canceranmalan as ca

REPORTS = Path(__file__).resolve().parent.parent / "reports"

SCHEMA = """
CREATE TABLE IF NOT EXISTS case_event (
    case_id TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    at      TEXT NOT NULL,
    action  TEXT NOT NULL,
    event   TEXT NOT NULL,          -- the event's JSON (schema version 1)
    PRIMARY KEY (case_id, seq)
)
"""


def store(db: sqlite3.Connection, case: ca.Case) -> ca.Case:
    """Appends the case's events that the database does not hold yet."""
    row = db.execute("SELECT COALESCE(MAX(seq), 0) FROM case_event WHERE case_id = ?", (case.id,))
    known = row.fetchone()[0]
    for event in case.events[known:]:
        db.execute(
            "INSERT INTO case_event VALUES (?, ?, ?, ?, ?)",
            (event.case_id, event.seq, event.at, event.action, event.to_json()),
        )
    db.commit()
    return case


def load(db: sqlite3.Connection) -> dict[str, ca.Case]:
    """Every case in the database, replayed from its events."""
    by_case: dict[str, list[str]] = {}
    for case_id, text in db.execute("SELECT case_id, event FROM case_event ORDER BY case_id, seq"):
        by_case.setdefault(case_id, []).append(text)
    return {case_id: ca.Case.replay(events) for case_id, events in by_case.items()}


def a_day(db: sqlite3.Connection) -> dict[str, ca.Case]:
    anna = ca.Actor(user="anna", unit="KIR-1", role="reporter")
    bo = ca.Actor(user="bo", unit="KIR-1", role="reporter")
    rita = ca.Actor(user="rita", unit="RCC-SYD", role="rcc")
    complete = json.loads((REPORTS / "01-brost-komplett.json").read_text(encoding="utf-8"))
    pid = complete["personal_id"]

    # Anna starts a notification, cannot finish it, and hands it to Bo for approval.
    draft = {k: complete[k] for k in ("personal_id", "diagnosis_date", "icd10", "side")}
    c1 = store(db, ca.Case.open(draft, by=anna, at="2025-04-01T09:00:00+02:00", id="c1"))
    c1 = store(db, c1.perform("ready_for_approval", by=anna, at="2025-04-01T09:10:00+02:00"))
    c1 = store(db, c1.perform("assign", by=anna, at="2025-04-01T09:11:00+02:00", value="bo"))
    try:
        c1.perform("send", by=bo, at="2025-04-01T10:00:00+02:00")
    except ca.TransitionError as refused:
        print(f"refused: {refused.reason} ({', '.join(i.rule_id for i in refused.issues)})")
    # Bo completes the report and sends it; RCC registers it.
    c1 = store(db, c1.perform("send", by=bo, at="2025-04-01T10:05:00+02:00", report=complete))
    c1 = store(db, c1.perform("register", by=rita, at="2025-04-03T13:00:00+02:00"))

    # RCC misses a notification and opens a reminder case; it is urgent.
    p1 = store(
        db,
        ca.Case.reminder(pid, unit="KIR-1", by=rita, at="2025-04-02T08:00:00+02:00", id="p1"),
    )
    p1 = store(
        db,
        p1.perform("set_urgent", by=rita, at="2025-04-02T08:01:00+02:00", value=True),
    )
    p1 = store(
        db,
        p1.perform("set_note", by=anna, at="2025-04-02T09:00:00+02:00", value="Letar journal"),
    )

    # A later review changes the T category: a correction names the registered case.
    c2 = store(
        db,
        c1.correct(
            dict(complete, t="T3"),
            by=bo,
            at="2025-04-10T11:00:00+02:00",
            comment="Rättning: T-kategori ändrad efter eftergranskning",
            id="c2",
        ),
    )
    c2 = store(
        db,
        c2.perform("set_follow_up", by=bo, at="2025-04-10T11:05:00+02:00", value="2025-04-12"),
    )
    return {c.id: c for c in (c1, p1, c2)}


def main() -> None:
    db = sqlite3.connect(sys.argv[1] if len(sys.argv) > 1 else ":memory:")
    db.execute(SCHEMA)
    in_memory = a_day(db)
    reloaded = load(db)
    assert reloaded == in_memory, "replay from the database must give the same cases"
    print(
        f"{sum(len(c.events) for c in reloaded.values())} events in {len(reloaded)} cases replayed"
    )
    for case in reloaded.values():
        refers = f" (corrects {case.refers_to})" if case.refers_to else ""
        print(f"{case.id}: {case.state} [{case.colour}]{refers}, {len(case.events)} events")
    print("Inbox KIR-1 on 2025-04-12:")
    for row in ca.inbox(reloaded.values(), unit="KIR-1", today="2025-04-12"):
        flags = " ".join(
            f for f, on in (("urgent", row.urgent), ("follow-up due", row.follow_up_due)) if on
        )
        print(f"  {row.case.id} {row.status} arrived {row.arrival} {flags}".rstrip())


if __name__ == "__main__":
    main()
