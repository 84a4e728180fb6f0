"""The Python surface: types, errors, masking and host safety."""

from __future__ import annotations

import datetime
import doctest
import math
from typing import Any

import pytest

import canceranmalan as ca

COMPLETE: dict[str, Any] = {
    "diagnosis_date": "2025-03-14",
    "primary_site": "Lunga, höger överlob",
    "icd10": "C34.1",
    "side": "right",
    "morphology": "Adenocarcinom",
    "basis_of_diagnosis": 3,
}


def test_docstrings_run() -> None:
    failures, tried = doctest.testmod(ca)
    assert tried > 0 and failures == 0


def test_errors_are_value_errors() -> None:
    assert issubclass(ca.ReportError, ValueError)
    assert issubclass(ca.PersonalIdError, ValueError)
    # A bug surfaces as an ordinary exception, not as pyo3's BaseException (PanicException).
    assert issubclass(ca.InternalError, RuntimeError)
    assert not issubclass(ca.InternalError, ValueError)


def test_report_error_says_where() -> None:
    with pytest.raises(ca.ReportError) as info:
        ca.validate('{\n  "icd10": "C50.9",\n  "t": }', today="2025-01-01")
    assert (info.value.line, info.value.column) == (3, 8)
    assert "line 3" in str(info.value)


def test_wrong_argument_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        ca.validate(42, today="2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ca.validate({}, today="2025-13-01")
    with pytest.raises(ValueError):
        ca.validate({}, today="2025-01-01", lang="fi")  # type: ignore[arg-type]


def test_non_string_keys_are_report_errors() -> None:
    with pytest.raises(ca.ReportError):
        ca.validate({1: "x"}, today="2025-01-01")  # type: ignore[dict-item]


def test_today_defaults_to_the_clock() -> None:
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    issues = ca.validate(dict(COMPLETE, diagnosis_date=tomorrow))
    assert [i.rule_id for i in issues] == ["DATE-FUTURE"]


def test_nan_is_missing_and_dates_convert() -> None:
    report = dict(COMPLETE, specimen_year=math.nan, diagnosis_date=datetime.date(2025, 3, 14))
    assert ca.validate(report, today="2025-06-01") == []
    with_time = dict(COMPLETE, diagnosis_date=datetime.datetime(2025, 3, 14, 8, 0))
    assert [i.rule_id for i in ca.validate(with_time, today="2025-06-01")] == ["DATE-FORMAT"]
    with pytest.raises(ca.ReportError):
        ca.validate(dict(COMPLETE, specimen_year=math.inf), today="2025-06-01")


def test_unsupported_python_values_are_report_errors() -> None:
    with pytest.raises(ca.ReportError, match="specimen_year"):
        ca.validate(dict(COMPLETE, specimen_year=object()), today="2025-06-01")


def test_huge_integers_are_out_of_range_not_crashes() -> None:
    for huge in (10**40, 10**400, -(10**400)):
        issues = ca.validate(dict(COMPLETE, basis_of_diagnosis=huge), today="2025-06-01")
        assert [i.rule_id for i in issues] == ["WIRE-VALUE"]


def test_date_arguments_never_echo_their_text() -> None:
    pid = ca.PersonalId.parse("640823-3234", reference_date="2025-01-01")
    try:
        pid.age_at("19640823-3234")
    except ValueError as e:
        assert "3234" not in str(e)
    else:
        raise AssertionError("a personal id is not a date")


def test_self_containing_list_does_not_recurse() -> None:
    loop: list[Any] = []
    loop.append(loop)
    issues = ca.validate(dict(COMPLETE, comment=loop), today="2025-06-01")
    assert [i.rule_id for i in issues] == ["WIRE-TYPE"]


def test_issue_value_semantics() -> None:
    a = ca.validate({"partial": True, "t": "T1"}, today="2025-01-01")
    b = ca.validate('{"partial": true, "t": "T1"}', today="2025-01-01")
    assert a == b and len({*a, *b}) == 1
    assert a[0].to_dict() == {
        "rule_id": "TNM-BASIS-REQUIRED",
        "severity": "error",
        "fields": ["tnm_basis"],
        "message": a[0].message,
        "params": {},
    }
    assert "TNM-BASIS-REQUIRED" in repr(a[0]) and "TNM-BASIS-REQUIRED" in str(a[0])


def test_validate_many_matches_validate() -> None:
    reports: list[Any] = [COMPLETE, {}, '{"partial": true}']
    many = ca.validate_many(reports, today="2025-06-01", lang="en")
    assert many == [ca.validate(r, today="2025-06-01", lang="en") for r in reports]


def test_personal_id_is_masked_everywhere() -> None:
    pid = ca.PersonalId.parse("640823-3234", reference_date="2025-01-01")
    for shown in (str(pid), repr(pid), f"{pid}", str([pid])):
        assert "3234" not in shown
    assert pid.reveal() == "19640823-3234"
    assert pid.birth_date == datetime.date(1964, 8, 23)
    assert pid.age_at(datetime.date(2025, 1, 1)) == 60
    assert pid == ca.PersonalId.parse("196408233234", reference_date="2025-01-01")
    assert ca.mask("19640823-3234") == "19640823-****"


def test_personal_id_errors_never_show_the_number() -> None:
    for text in ["19640823-3235", "19121212-0008", "6408233235", "13851118-9329", "980229-1485"]:
        with pytest.raises(ca.PersonalIdError) as info:
            ca.PersonalId.parse(text, reference_date="2025-01-01")
        shown = f"{info.value}{info.value!r}{info.value.args}"
        assert text not in shown and text[-4:] not in shown


def test_rules_registry() -> None:
    rules = ca.rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids)) >= 20
    autopsy = next(r for r in rules if r.id == "AUTOPSY-DATE")
    assert autopsy.severity == "error" and "Manual v3.0" in autopsy.source
    assert autopsy.message_sv and autopsy.message_en


def test_protect_patient_is_idempotent() -> None:
    once = ca.protect_patient({"first_name": "Åsa", "town": "Umeå", "registration_history": ["a"]})
    assert ca.protect_patient(once) == once
    assert once["surname"] == "PERSONUPPGIFT SKYDDAD" and once["protected"] is True


def test_issue_params_are_structured() -> None:
    issues = ca.validate({"partial": True, "side": "vänster"}, today="2025-06-01", lang="en")
    assert issues[0].params == {
        "label": "side",
        "allowed": ["right", "left", "bilateral", "unknown"],
    }
    assert issues[0].to_dict()["params"] == issues[0].params


def test_default_reference_date_is_the_local_day() -> None:
    before = datetime.date.today()
    tomorrow = (before + datetime.timedelta(days=1)).isoformat()
    future = ca.validate({"partial": True, "diagnosis_date": tomorrow})
    today = ca.validate({"partial": True, "diagnosis_date": before.isoformat()})
    if datetime.date.today() == before:  # the day did not change while the test ran
        assert [i.rule_id for i in future] == ["DATE-FUTURE"]
        assert today == []


def test_rules_name_their_rule_sets() -> None:
    assert all("form" in r.rule_sets or "register" in r.rule_sets for r in ca.rules())


def test_field_table() -> None:
    table = {f["key"]: f for f in ca.fields("en")}
    assert table["autopsy_finding"]["visible_when"] == {
        "field": "basis_of_diagnosis",
        "one_of": ["4", "7"],
    }
    assert table["specimen_number"]["max_length"] == 16
    assert [c["key"] for c in table["side"]["codes"]] == ["right", "left", "bilateral", "unknown"]
    assert table["diagnosis_date"]["required"] and table["diagnosis_date"]["kind"] == "date"
    with pytest.raises(ValueError):
        ca.fields("fi")  # type: ignore[arg-type]


def test_partial_birth_dates_and_interim_numbers() -> None:
    pid = ca.PersonalId.parse("19580072-2398", reference_date="2026-11-23")
    assert pid.kind == "samordningsnummer" and pid.birth_date is None
    assert pid.birth_date_parts == (1958, None, 12)
    assert pid.age_at("2026-11-23") is None and pid.age_at("2026-12-31") == 68
    interim = ca.PersonalId.parse("580312-T127", reference_date="2026-11-23")
    assert interim.kind == "interim" and interim.reveal() == "19580312-T127"
    assert str(interim) == "19580312-****"
    bare = ca.PersonalId.parse("5803122489", reference_date="2026-11-23")
    assert bare.reveal() == "19580312-2489"


def test_rule_selection_and_sources() -> None:
    report = {"partial": True, "icd10": "C50.7", "side": "left", "specimen_year": 25}
    every = {i.rule_id for i in ca.validate(report, today="2025-06-01")}
    assert {"ICD10-NOT-IN-WHO", "SPECIMEN-YEAR-FORMAT"} <= every
    only = ca.validate(report, today="2025-06-01", include=["SPECIMEN-YEAR-FORMAT"])
    assert [i.rule_id for i in only] == ["SPECIMEN-YEAR-FORMAT"]
    without = ca.validate(report, today="2025-06-01", exclude=["SPECIMEN-YEAR-FORMAT"])
    assert "SPECIMEN-YEAR-FORMAT" not in {i.rule_id for i in without}
    with pytest.raises(ValueError, match="NO-SUCH"):
        ca.validate(report, today="2025-06-01", include=["NO-SUCH"])
    with pytest.raises(ValueError):
        ca.validate(report, today="2025-06-01", rule_set="everything")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ca.validate(report, today="2025-06-01", exclude="SPECIMEN-YEAR-FORMAT")
    form = {r.id for r in ca.rules("form")}
    register = {r.id for r in ca.rules("register")}
    assert form < register and "ENCR-SITE-MORPHOLOGY" in register - form
    assert {s["name"] for s in ca.sources()} >= {"icd10_categories.tsv", "reportability.tsv"}
    r = ca.reportability({"icd10": "D05.1", "diagnosis_date": "2024-02-01"}, lang="en")
    assert (r.clinic_must_report, r.route, r.category) == (False, "rcc", "in_situ_other")
    assert "pathology" in r.message


def test_parse_tnm_api() -> None:
    r = ca.parse_tnm("pT2 pN1b(2/11) cM0 G2", icd10="C18.7", lang="en")
    assert r.t is not None and r.t.value == "T2" and r.t.prefixes == "p"
    assert r.n is not None and r.n.nodes == (2, 11)
    assert r.basis == "pathological" and r.descriptors == ["G2"] and r.issues == []
    assert str(r) == "pT2 pN1b(2/11) cM0 G2"
    bad = ca.parse_tnm("pT3 pN1c M0", icd10="C16.2", lang="en")
    assert [(i.rule_id, i.fields) for i in bad.issues] == [("TNM-CATEGORY", ["n"])]
    allowed = bad.issues[0].params["allowed"]
    assert isinstance(allowed, list) and allowed[:3] == ["NX", "N0", "N1"]
    with pytest.raises(ca.TnmError) as e:
        ca.parse_tnm("no staging here")
    assert isinstance(e.value, ValueError) and e.value.code == "no_tnm"
    with pytest.raises(TypeError, match="text"):
        ca.parse_tnm(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="edition"):
        ca.parse_tnm("T2", edition=True)
    with pytest.raises(ValueError, match="edition"):
        ca.parse_tnm("T2", edition=10**30)
    with pytest.raises(ca.TnmError):
        ca.parse_tnm("T2", edition=7)
    with pytest.raises(ValueError, match="text"):
        ca.parse_tnm("pT2\ud800 19640823-3234")
    masked = ca.parse_tnm("pT2 19640823-3234")
    assert masked.ignored == ["********", "****"]


def test_stage_api() -> None:
    s = ca.stage(icd10="C34.1", t="cT1b", n="cN2", m="cM0", edition=9, lang="en")
    assert s.group is None and s.missing == ["n"] and "IIB" in s.explanation
    s = ca.stage(icd10="C61.9", t="cT2b", n="cN0", m="cM0", psa=8, grade_group=1)
    assert s.group == "IIA" and s.table == "prostate, UICC 8, prognostic"
    with pytest.raises(ValueError, match="^psa:"):
        ca.stage(icd10="C61.9", psa=float("nan"))
    with pytest.raises(TypeError, match="psa"):
        ca.stage(icd10="C61.9", psa="8")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="^age:"):
        ca.stage(icd10="C73.9", age=-1)


def test_parse_figo_api() -> None:
    f = ca.parse_figo("Stage IIIC1r", icd10="C53.9", edition=2018)
    assert (f.label, f.stage, f.modality, f.edition, f.issues) == ("IIIC1r", "IIIC1", "r", 2018, [])
    with pytest.raises(ca.FigoError) as e:
        ca.parse_figo("T2", icd10="C53.9")
    assert e.value.code == "not_figo"
