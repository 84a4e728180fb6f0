"""Runs the shared conformance vectors (tests/conformance, see its README) against the wheel."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

import canceranmalan as ca
from conftest import load_cases

VALIDATE = load_cases("validate")
PERSONAL_ID = load_cases("personal_id")
PROTECT = load_cases("protect")
VISIBLE = load_cases("visible_fields")
MASK = load_cases("mask")
REPORTABILITY = load_cases("reportability")
TITLES = load_cases("icd10_title")


def test_enough_vectors() -> None:
    assert len(VALIDATE) >= 40 and len(PERSONAL_ID) >= 30 and len(PROTECT) >= 5


def key(rule_id: str, severity: str, fields: list[str]) -> tuple[str, str, tuple[str, ...]]:
    return (rule_id, severity, tuple(fields))


def secrets_of(case: dict[str, Any]) -> list[str]:
    out = [case["secret"]] if "secret" in case else []
    report = case.get("report")
    if isinstance(report, dict) and isinstance(report.get("personal_id"), str):
        if len(report["personal_id"]) >= 10:
            out.append(report["personal_id"])
    # The number without its separator too: a leak need not keep the input's form.
    return out + [s.replace("-", "").replace("+", "") for s in out]


@pytest.mark.parametrize("case", [c for _, c in VALIDATE], ids=[i for i, _ in VALIDATE])
def test_validate(case: dict[str, Any]) -> None:
    kwargs: dict[str, Any] = {
        "today": case["today"],
        "lang": case.get("lang", "sv"),
        "allow_test_persons": case.get("allow_test_persons", False),
        "rule_set": case.get("rule_set", "form"),
        "include": case.get("include"),
        "exclude": case.get("exclude"),
    }
    # The dict path, the JSON text path and a datetime.date for today must all agree.
    inputs = (
        [case["report"], json.dumps(case["report"])] if "report" in case else [case["report_json"]]
    )
    secrets = secrets_of(case)
    for report in inputs:
        for today in (case["today"], datetime.date.fromisoformat(case["today"])):
            kwargs["today"] = today
            if "expect_error" in case:
                assert case["expect_error"] == "report_error"
                with pytest.raises(ca.ReportError) as info:
                    ca.validate(report, **kwargs)
                assert isinstance(info.value, ValueError)
                assert not any(s in str(info.value) for s in secrets)
                continue
            issues = ca.validate(report, **kwargs)
            got = sorted(key(i.rule_id, i.severity, i.fields) for i in issues)
            want = sorted(key(e["rule_id"], e["severity"], e["fields"]) for e in case["expect"])
            assert got == want
            for e in case["expect"]:
                match = next(
                    i for i in issues if i.rule_id == e["rule_id"] and i.fields == e["fields"]
                )
                if "message" in e:
                    assert match.message == e["message"]
                if "params" in e:
                    assert match.params == e["params"]
            for i in issues:
                shown = f"{i.message} {' '.join(i.fields)} {i!r}"
                assert not any(s in shown for s in secrets)


@pytest.mark.parametrize("case", [c for _, c in PERSONAL_ID], ids=[i for i, _ in PERSONAL_ID])
def test_personal_id(case: dict[str, Any]) -> None:
    def parse() -> ca.PersonalId:
        return ca.PersonalId.parse(
            case["input"],
            reference_date=case["reference_date"],
            allow_test_persons=case["allow_test_persons"],
        )

    if "expect_error" in case:
        with pytest.raises(ca.PersonalIdError) as info:
            parse()
        assert info.value.kind == case["expect_error"]
        text = case["input"].strip()
        if len(text) >= 4:
            assert text not in str(info.value) and text not in repr(info.value)
        return
    pid = parse()
    expect = case["expect"]
    birth = pid.birth_date.isoformat() if pid.birth_date else None
    got: dict[str, Any] = {
        "kind": pid.kind,
        "canonical": pid.reveal(),
        "birth_date": birth,
        "sex": pid.sex,
        "masked": str(pid),
        "age": pid.age_at(case["reference_date"]),
    }
    if "birth_parts" in expect:
        parts = pid.birth_date_parts
        got["birth_parts"] = list(parts) if parts is not None else None
    assert got == expect
    assert pid.reveal() not in repr(pid)


@pytest.mark.parametrize("case", [c for _, c in PROTECT], ids=[i for i, _ in PROTECT])
def test_protect(case: dict[str, Any]) -> None:
    if "expect_error" in case:
        assert case["expect_error"] == "report_error"
        with pytest.raises(ca.ReportError):
            ca.protect_patient(case["input"])
        return
    assert ca.protect_patient(case["input"]) == case["expect"]


@pytest.mark.parametrize("case", [c for _, c in VISIBLE], ids=[i for i, _ in VISIBLE])
def test_visible_fields(case: dict[str, Any]) -> None:
    assert ca.visible_fields(case["report"]) == case["expect"]
    assert ca.visible_fields(json.dumps(case["report"])) == case["expect"]


@pytest.mark.parametrize("case", [c for _, c in MASK], ids=[i for i, _ in MASK])
def test_mask(case: dict[str, Any]) -> None:
    assert ca.mask(case["input"]) == case["expect"]


@pytest.mark.parametrize("case", [c for _, c in REPORTABILITY], ids=[i for i, _ in REPORTABILITY])
def test_reportability(case: dict[str, Any]) -> None:
    r = ca.reportability(case["report"], today=case["today"])
    got = {
        "reportable": r.reportable,
        "clinic_must_report": r.clinic_must_report,
        "route": r.route,
        "category": r.category,
    }
    assert got == case["expect"]
    assert r.message and r.source


@pytest.mark.parametrize("case", [c for _, c in TITLES], ids=[i for i, _ in TITLES])
def test_icd10_title(case: dict[str, Any]) -> None:
    assert ca.icd10_title(case["input"]) == case["expect"]


PARSE_TNM = load_cases("parse_tnm")
STAGE = load_cases("stage")
PARSE_FIGO = load_cases("parse_figo")


def subset_eq(want: Any, got: Any) -> bool:
    """Every key of ``want`` in ``got`` with an equal value; objects key by key."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(
            k in got and subset_eq(v, got[k]) for k, v in want.items()
        )
    return bool(want == got)


def compare(expect: dict[str, Any], got: dict[str, Any], issues: list[ca.Issue]) -> None:
    for k, v in expect.items():
        if k == "issues":
            want_issues = sorted(key(i["rule_id"], i["severity"], i["fields"]) for i in v)
            got_issues = sorted(key(i.rule_id, i.severity, i.fields) for i in issues)
            assert got_issues == want_issues
        else:
            assert subset_eq(v, got.get(k)), f"{k}: want {v!r}, got {got.get(k)!r}"


def category(c: ca.TnmCategory | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "value": c.value,
        "prefixes": c.prefixes,
        "inherited": c.inherited,
        "qualifiers": c.qualifiers,
        "nodes": list(c.nodes) if c.nodes is not None else None,
        "sites": c.sites,
    }


def tnm_dict(r: ca.Tnm) -> dict[str, Any]:
    return {
        "t": category(r.t),
        "n": category(r.n),
        "m": category(r.m),
        "basis": r.basis,
        "canonical": r.canonical,
        "descriptors": r.descriptors,
        "edition_tag": r.edition_tag,
    }


def test_enough_staging_vectors() -> None:
    assert len(PARSE_TNM) >= 50 and len(STAGE) >= 50 and len(PARSE_FIGO) >= 15


@pytest.mark.parametrize("case", [c for _, c in PARSE_TNM], ids=[i for i, _ in PARSE_TNM])
def test_parse_tnm(case: dict[str, Any]) -> None:
    kwargs: dict[str, Any] = {"icd10": case.get("icd10"), "edition": case.get("edition", 8)}
    if "expect_error" in case:
        with pytest.raises(ca.TnmError) as e:
            ca.parse_tnm(case["input"], **kwargs)
        assert e.value.code == case["expect_error"]
        return
    r = ca.parse_tnm(case["input"], **kwargs)
    compare(case["expect"], tnm_dict(r), r.issues)
    if r.canonical:
        again = ca.parse_tnm(r.canonical, **kwargs)
        assert tnm_dict(again) == tnm_dict(r)


@pytest.mark.parametrize("case", [c for _, c in STAGE], ids=[i for i, _ in STAGE])
def test_stage(case: dict[str, Any]) -> None:
    kwargs: dict[str, Any] = {
        k: case.get(k)
        for k in ("icd10", "t", "n", "m", "morphology", "age", "psa", "grade_group", "s")
    }
    kwargs["edition"] = case.get("edition", 8)
    if "expect_error" in case:
        with pytest.raises(ValueError, match=f"^{case['expect_error']}:"):
            ca.stage(**kwargs)
        return
    s = ca.stage(**kwargs)
    assert s.explanation
    if s.group is not None:
        assert s.table and s.row and s.source
    got = {"group": s.group, "missing": s.missing, "table": s.table, "row": s.row}
    compare(case["expect"], got, [])


@pytest.mark.parametrize("case", [c for _, c in PARSE_FIGO], ids=[i for i, _ in PARSE_FIGO])
def test_parse_figo(case: dict[str, Any]) -> None:
    kwargs = {"icd10": case["icd10"], "edition": case.get("edition")}
    if "expect_error" in case:
        with pytest.raises(ca.FigoError) as e:
            ca.parse_figo(case["input"], **kwargs)
        assert e.value.code == case["expect_error"]
        return
    r = ca.parse_figo(case["input"], **kwargs)
    got = {
        "label": r.label,
        "stage": r.stage,
        "modality": r.modality,
        "molecular": r.molecular,
        "edition": r.edition,
    }
    compare(case["expect"], got, r.issues)
