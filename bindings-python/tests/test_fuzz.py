"""Seeded random input through the Python entry points: only the documented errors come out."""

from __future__ import annotations

import datetime
import decimal
import json
import math
import random
import string
from collections.abc import Iterator, Mapping
from typing import Any

import canceranmalan as ca

KEYS = [
    "personal_id", "sex", "death_date", "diagnosis_date", "primary_site", "icd10", "morphology",
    "side", "figo", "t", "n", "m", "tnm_basis", "basis_of_diagnosis", "autopsy_finding",
    "specimen_number", "specimen_year", "partial", "comment", "okänd", "",
]  # fmt: skip


class Throwing:
    """A value whose every conversion raises."""

    def __index__(self) -> int:
        raise RuntimeError("boom")

    def __float__(self) -> float:
        raise RuntimeError("boom")


class BadMapping(Mapping[str, Any]):
    """A mapping whose items() raises half-way."""

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        yield "partial"
        raise RuntimeError("iteration")

    def __len__(self) -> int:
        return 1


HOSTILE: list[Any] = [
    {1}, b"19640823-3234", decimal.Decimal("2024"), math.inf, -math.inf, Throwing(),
    "19640823-3234\ud800", "\udc00", BadMapping(), object(), 2**100, -(2**100),
]  # fmt: skip

NORMAL = {"partial": True, "t": "T2"}


def random_value(rng: random.Random, depth: int = 0) -> Any:
    text = "".join(rng.choice(string.printable + "åäöÅÄÖ") for _ in range(rng.randint(0, 14)))
    choices: list[Any] = [
        None, True, False, rng.randint(-(2**70), 2**70), rng.randint(0, 9), rng.random() * 1e6,
        math.nan, text,
        f"{rng.randint(1900, 2030)}-{rng.randint(0, 13):02}-{rng.randint(0, 32):02}",
        datetime.date(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28)),
        rng.choice(["19640823-3234", "640823-3234", "13851118-9329", "C50.9", "right", "clinical"]),
    ]  # fmt: skip
    if depth < 2:
        choices += [[random_value(rng, depth + 1)], {"x": random_value(rng, depth + 1)}]
    if rng.random() < 0.1:
        return rng.choice(HOSTILE)
    return rng.choice(choices)


def assert_still_right() -> None:
    """After a batch of bad input, a normal call still gives the right answer."""
    issues = ca.validate(NORMAL, today="2025-06-01", lang="en")
    assert [(i.rule_id, i.fields) for i in issues] == [("TNM-BASIS-REQUIRED", ["tnm_basis"])]


def test_random_dicts_give_issues_or_report_errors() -> None:
    rng = random.Random(20261123)
    for n in range(6000):
        report: Any = {rng.choice(KEYS): random_value(rng) for _ in range(rng.randint(0, 10))}
        if rng.random() < 0.05:
            report = rng.choice([BadMapping(), rng.choice(HOSTILE)])
        try:
            issues = ca.validate(report, today="2025-06-01", lang=rng.choice(["sv", "en"]))
        except (ca.ReportError, TypeError, RuntimeError, KeyError) as e:
            # Only the caller's own exceptions (RuntimeError, KeyError) pass through as they are.
            assert "3234" not in f"{e} {e!r} {e.args!r}"
            assert not isinstance(e, ca.InternalError)
            continue
        finally:
            if n % 500 == 0:
                assert_still_right()
        assert all(isinstance(i, ca.Issue) for i in issues)
        for i in issues:
            assert "19640823-3234" not in i.message
    assert_still_right()


def test_random_text_gives_issues_or_report_errors() -> None:
    rng = random.Random(7)
    alphabet = string.printable + 'åäö{}[]":,\\\u0000\u2028'
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.5:
            text = "{" + json.dumps(rng.choice(KEYS)) + ":" + text
        try:
            ca.validate(text, today="2025-06-01")
        except ca.ReportError:
            pass


def test_random_personal_ids_give_only_personal_id_errors() -> None:
    rng = random.Random(11)
    alphabet = string.digits * 4 + "-+ " + string.ascii_letters
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        try:
            pid = ca.PersonalId.parse(text, reference_date="2026-11-23", allow_test_persons=True)
        except ca.PersonalIdError as e:
            assert e.kind in {
                "empty", "length", "characters", "separator", "date", "serial", "check_digit",
                "unknown_kind", "test_person_not_allowed",
            }  # fmt: skip
            continue
        assert pid.reveal() not in repr(pid)
