"""Careless and hostile host values: each gives the documented error, never echoes a personal
identity number, and leaves the module working."""

from __future__ import annotations

import decimal
import types
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import canceranmalan as ca

PID = "19580312-2489"
NORMAL = {"partial": True, "t": "T2"}


def shown(e: BaseException) -> str:
    return f"{e} {e!r} {e.args!r} {e.__cause__!r} {e.__context__!r}"


@pytest.mark.parametrize(
    "value", [{1}, b"x", decimal.Decimal("1.5"), float("inf"), object()], ids=repr
)
def test_values_json_cannot_hold_name_the_key_masked(value: Any) -> None:
    for call in (
        lambda: ca.validate({PID: value}, today="2025-06-01"),
        lambda: ca.validate_many([{PID: value}], today="2025-06-01"),
        lambda: ca.visible_fields({PID: value}),
        lambda: ca.protect_patient({PID: value}),
    ):
        with pytest.raises(ca.ReportError) as info:
            call()
        assert "2489" not in shown(info.value)
        assert "19580312-****" in str(info.value)


def test_lone_surrogates_are_report_errors_without_the_text() -> None:
    for report in ({"comment": PID + "\ud800"}, {PID + "\ud800": 1}, '{"c": "' + PID + '\ud800"}'):
        with pytest.raises(ca.ReportError) as info:
            ca.validate(report, today="2025-06-01")
        assert "2489" not in shown(info.value)
    with pytest.raises(ca.PersonalIdError) as pid_info:
        ca.PersonalId.parse(PID + "\ud800", reference_date="2025-01-01")
    assert pid_info.value.kind == "characters" and "2489" not in shown(pid_info.value)
    assert "2489" not in ca.mask(PID + "\ud800")


def test_bad_options_are_not_echoed() -> None:
    for lang in (PID, PID + "\ud800", 42):
        with pytest.raises((ValueError, TypeError)) as info:
            ca.validate({}, today="2025-06-01", lang=lang)  # type: ignore[arg-type]
        assert "2489" not in shown(info.value)


class Frozen(Mapping[str, Any]):
    """A read-only mapping that is not a dict."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def test_any_mapping_is_accepted() -> None:
    want = ca.validate(NORMAL, today="2025-06-01")
    assert ca.validate(Frozen(NORMAL), today="2025-06-01") == want
    assert ca.validate(types.MappingProxyType(NORMAL), today="2025-06-01") == want
    assert ca.visible_fields(Frozen({"basis_of_diagnosis": 7}))[-6] == "autopsy_finding"
    assert ca.protect_patient(Frozen({"first_name": "Åsa"}))["first_name"] is None


class Huge:
    def __index__(self) -> int:
        return 2**100


class Mutating:
    """An integer whose conversion edits the report being converted."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.report = report

    def __index__(self) -> int:
        self.report.update({f"k{i}": i for i in range(100)})
        return 3


def test_odd_integers_and_mutation_during_conversion() -> None:
    issues = ca.validate({"partial": True, "specimen_year": Huge()}, today="2025-06-01")
    assert [i.rule_id for i in issues] == ["SPECIMEN-YEAR-FORMAT"]
    report: dict[str, Any] = {"partial": True}
    report["basis_of_diagnosis"] = Mutating(report)
    assert ca.validate(report, today="2025-06-01") == []


def test_unbounded_input_gives_bounded_output() -> None:
    report: dict[str, Any] = {f"x{i}": i for i in range(100_000)}
    report["partial"] = True
    issues = ca.validate(report, today="2025-06-01", lang="en")
    assert len(issues) == 51
    (omitted,) = [i for i in issues if i.rule_id == "WIRE-KEYS-OMITTED"]
    assert omitted.params["count"] == 100_000 - 50
    key = "x" * 10_000_000
    (unknown,) = [i for i in ca.validate({key: 1, "partial": True}, today="2025-06-01")]
    assert len(unknown.message) < 200 and len(unknown.fields[0]) == 33


def test_ten_digit_keys_show_only_the_birth_date() -> None:
    (issue,) = ca.validate({"partial": True, "5803122489": 1}, today="2025-06-01")
    assert issue.fields == ["580312****"] and "2489" not in issue.message
    assert ca.mask("5803122489") == "580312****"


def test_the_module_still_works_after_many_bad_calls() -> None:
    bad: list[Any] = [{PID: {1}}, {"c": "\ud800"}, "\ud800", Frozen({1: 2}), 3, None]  # type: ignore[dict-item]
    for _ in range(2000):
        for b in bad:
            with pytest.raises((ca.ReportError, TypeError)):
                ca.validate(b, today="2025-06-01")
    assert [i.rule_id for i in ca.validate(NORMAL, today="2025-06-01")] == ["TNM-BASIS-REQUIRED"]


class Exploding:
    """Raises on every attribute and conversion (isoformat, str, iteration)."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("boom")

    def __iter__(self) -> Any:
        raise RuntimeError("boom")


def test_cases_refuse_hostile_values_and_keep_working() -> None:
    anna = ca.Actor(user="anna", unit="KIR-1", role="reporter")
    case = ca.Case.open({"personal_id": PID}, by=anna, at="2025-04-01T09:00")
    boom: Any = Exploding()  # typed as anything: the point is the wrong type
    frozen: Any = Frozen({1: 2})  # type: ignore[dict-item]
    action: Any = "save\ud800"
    calls: list[Any] = [
        lambda: ca.Case.open({"personal_id": PID}, by=anna, at="2025-04-0\ud800"),
        lambda: ca.Case.open({"personal_id": PID}, by=anna, at=boom),
        lambda: ca.Case.open({"c": "\ud800"}, by=anna, at="2025-04-01"),
        lambda: ca.Case.open({"personal_id": PID}, by=boom, at="2025-04-01"),
        lambda: case.perform(action, by=anna, at="2025-04-02"),
        lambda: case.perform("set_note", by=anna, at="2025-04-02", value=boom),
        lambda: case.perform("save", by=anna, at="2025-04-02", report=frozen),
        lambda: ca.Case.replay(boom),
        lambda: ca.Case.replay([boom]),
        lambda: ca.Case.from_json("\ud800"),
        lambda: ca.inbox(boom, unit="KIR-1", today="2025-04-02"),
        lambda: ca.inbox([boom], unit="KIR-1", today="2025-04-02"),
        lambda: ca.possible_duplicates({"c": "\ud800"}, []),
        lambda: ca.possible_duplicates({"personal_id": PID}, boom),
    ]
    for _ in range(300):
        for call in calls:
            with pytest.raises((ValueError, TypeError, RuntimeError)) as e:
                call()
            assert PID not in str(e.value)
    sent = case.perform("send", by=anna, at="2025-04-02", report={"partial": True})
    assert sent.state == "sent" and ca.Case.replay(sent.events) == sent
