"""Case lifecycle: the shared vectors (case_script, inbox, duplicates, case_json) and the
Python API's own conveniences (datetime for ``at``, bools and dates for ``value``)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

import canceranmalan as ca
from conftest import load_cases

SCRIPTS = load_cases("case_script")
INBOX = load_cases("inbox")
DUPLICATES = load_cases("duplicates")
CASE_JSON = load_cases("case_json")

PID = "19640823-3234"
ANNA = ca.Actor(user="anna", unit="KIR-1", role="reporter")
RITA = ca.Actor(user="rita", unit="RCC", role="rcc")


def subset_eq(want: Any, got: Any) -> bool:
    if isinstance(want, dict):
        return isinstance(got, dict) and all(
            k in got and subset_eq(v, got[k]) for k, v in want.items()
        )
    return bool(want == got)


def actor(d: dict[str, str]) -> ca.Actor:
    return ca.Actor(user=d["user"], unit=d["unit"], role=d["role"])  # type: ignore[arg-type]


def step(current: ca.Case | None, s: dict[str, Any]) -> ca.Case:
    by, at, action = actor(s["by"]), s["at"], s["action"]
    if action == "open" and current is None:
        return ca.Case.open(s["report"], by=by, at=at, id=s.get("id"))
    if action == "remind" and current is None:
        return ca.Case.reminder(s["personal_id"], unit=s["unit"], by=by, at=at, id=s.get("id"))
    assert current is not None, "a script starts with open or remind"
    if action == "correct":
        return current.correct(
            s["report"], by=by, at=at, comment=s.get("comment") or "", id=s.get("id")
        )
    if action == "withdraw":
        return current.withdraw(by=by, at=at, reason=s.get("comment") or "", id=s.get("id"))
    return current.perform(
        action, by=by, at=at, comment=s.get("comment"), report=s.get("report"), value=s.get("value")
    )


def check_round_trips(case: ca.Case) -> None:
    assert ca.Case.replay(case.events) == case
    assert ca.Case.replay([e.to_json() for e in case.events]) == case
    assert ca.Case.replay([e.to_dict() for e in case.events]) == case
    assert ca.Case.from_json(case.to_json()) == case
    for e in case.events:
        assert ca.Event.from_json(e.to_json()) == e
        assert PID not in repr(e)
    assert PID not in repr(case)


def test_enough_lifecycle_vectors() -> None:
    assert len(SCRIPTS) >= 80 and len(DUPLICATES) >= 20 and len(CASE_JSON) >= 10 and INBOX


@pytest.mark.parametrize("case", [c for _, c in SCRIPTS], ids=[i for i, _ in SCRIPTS])
def test_case_script(case: dict[str, Any]) -> None:
    current: ca.Case | None = None
    made = []
    for i, s in enumerate(case["steps"]):
        before = current.to_json() if current else None
        if "expect_error" in s:
            with pytest.raises(ca.TransitionError) as e:
                step(current, s)
            assert e.value.reason == s["expect_error"], f"step {i}"
            assert e.value.message_sv and e.value.message_en
            assert isinstance(e.value, ValueError)
        else:
            current = step(current, s)
            got = json.loads(current.to_json())
            assert subset_eq(s.get("expect", {}), got), f"step {i}: {got}"
            made.append(current)
            continue
        assert (current.to_json() if current else None) == before, f"step {i} changed the case"
    for c in made:
        check_round_trips(c)


@pytest.mark.parametrize("case", [c for _, c in INBOX], ids=[i for i, _ in INBOX])
def test_inbox(case: dict[str, Any]) -> None:
    cases = []
    for script in case["scripts"]:
        current = None
        for s in script:
            current = step(current, s)
        assert current is not None
        cases.append(current)
    rows = ca.inbox(cases, unit=case["unit"], today=case["today"])
    got = [
        {
            "id": r.case.id,
            "arrival": r.arrival,
            "status": r.status,
            "colour": r.colour,
            "responsible": r.responsible,
            "follow_up": r.follow_up.isoformat() if r.follow_up else None,
            "follow_up_due": r.follow_up_due,
            "note": r.note,
            "urgent": r.urgent,
            "diagnosis_date": r.diagnosis_date,
            "death_date": r.death_date,
        }
        for r in rows
    ]
    assert len(got) == len(case["expect"]), got
    for want, row in zip(case["expect"], got):
        assert subset_eq(want, row), (want, row)


@pytest.mark.parametrize("case", [c for _, c in DUPLICATES], ids=[i for i, _ in DUPLICATES])
def test_duplicates(case: dict[str, Any]) -> None:
    found = ca.possible_duplicates(case["report"], case["others"], lang="en")
    assert [{"index": d.index, "rule": d.rule} for d in found] == case["expect"]
    assert all(d.message for d in found)


@pytest.mark.parametrize("case", [c for _, c in CASE_JSON], ids=[i for i, _ in CASE_JSON])
def test_case_json(case: dict[str, Any]) -> None:
    want = case["expect_error"]
    if want is None:
        check_round_trips(ca.Case.from_json(case["input"]))
    elif want["kind"] == "format":
        with pytest.raises(ca.EventFormatError) as e:
            ca.Case.from_json(case["input"])
        assert e.value.at == want["at"]
    else:
        with pytest.raises(ca.TransitionError) as t:
            ca.Case.from_json(case["input"])
        assert t.value.reason == want["reason"]


def test_at_takes_datetimes_and_value_takes_python_types() -> None:
    tz = datetime.timezone(datetime.timedelta(hours=2))
    opened = ca.Case.open(
        {"personal_id": PID}, by=ANNA, at=datetime.datetime(2025, 4, 1, 9, 0, tzinfo=tz)
    )
    assert opened.arrival == "2025-04-01T09:00:00+02:00"
    urgent = opened.perform(
        "set_urgent",
        by=RITA,
        at=datetime.datetime(2025, 4, 1, 8, 0, tzinfo=datetime.timezone.utc),
        value=True,
    )
    assert urgent.urgent is True and opened.urgent is False
    due = urgent.perform("set_follow_up", by=ANNA, at="2025-04-02", value=datetime.date(2025, 5, 1))
    assert due.follow_up == datetime.date(2025, 5, 1)
    assert due.events[-1].value == "2025-05-01" and due.events[-1].from_state == "draft"
    with pytest.raises(TypeError, match="^at:"):
        opened.perform("save", by=ANNA, at=20250401)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="^at:"):
        opened.perform("save", by=ANNA, at="igår")
    with pytest.raises(TypeError, match="^by:"):
        opened.perform("save", by="anna", at="2025-04-02")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="^role:"):
        ca.Actor(user="x", unit="y", role="admin")  # type: ignore[arg-type]


def test_a_refused_send_carries_the_errors() -> None:
    case = ca.Case.open({"personal_id": PID, "icd10": "C50.4"}, by=ANNA, at="2025-04-01T09:00")
    with pytest.raises(ca.TransitionError) as e:
        case.perform("send", by=ANNA, at="2025-04-01T10:00", lang="en")
    assert e.value.reason == "has_errors"
    assert {i.rule_id for i in e.value.issues} >= {"REQUIRED"}
    assert all(i.severity == "error" for i in e.value.issues)
    assert PID not in str(e.value)
    with pytest.raises(ca.TransitionError) as u:
        case.perform("approve", by=ANNA, at="2025-04-01T10:00")  # type: ignore[arg-type]
    assert u.value.reason == "unknown_action"
