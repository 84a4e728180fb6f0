"""The form definition, the JSON Schema and validate_field: the shared vectors, and the schema
checked by an independent validator (the jsonschema package) against validate."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

import canceranmalan as ca
from conftest import load_cases

VALIDATE_FIELD = load_cases("validate_field")
FORM_DEFINITION = load_cases("form_definition")
JSON_SCHEMA = load_cases("json_schema")
VALIDATE = load_cases("validate")

# The rules whose findings the schema expresses (core: wire::schema::SCHEMA_RULES).
SCHEMA_RULES = {
    "WIRE-UNKNOWN-FIELD",
    "WIRE-TYPE",
    "WIRE-VALUE",
    "WIRE-KEYS-OMITTED",
    "SPECIMEN-NUMBER-LENGTH",
    "SPECIMEN-YEAR-FORMAT",
}


def subset(want: Any, got: Any) -> bool:
    if isinstance(want, dict) and isinstance(got, dict):
        return all(k in got and subset(v, got[k]) for k, v in want.items())
    # JSON has one number type: 1 == 1.0, but True is not 1.
    if isinstance(want, bool) or isinstance(got, bool):
        return type(want) is type(got) and want == got
    if isinstance(want, list) and isinstance(got, list):
        return len(want) == len(got) and all(subset(w, g) for w, g in zip(want, got, strict=True))
    return bool(want == got)


def check_picked(case: dict[str, Any], got: Any) -> None:
    if "expect" in case:
        assert subset(case["expect"], got), f"want {case['expect']}\n got {got}"
    for name, items in case.get("expect_some", {}).items():
        for item in items:
            assert any(subset(item, x) for x in got[name]), f"{name} has nothing like {item}"
    if "expect_keys" in case:
        keys = list(got) if isinstance(got, dict) else [f["key"] for f in got]
        assert keys == case["expect_keys"]


@pytest.mark.parametrize("case", [c for _, c in VALIDATE_FIELD], ids=[i for i, _ in VALIDATE_FIELD])
def test_validate_field(case: dict[str, Any]) -> None:
    if case.get("expect_error") == "unknown_field":
        with pytest.raises(ValueError, match="field"):
            ca.validate_field(case["report"], case["field"], today=case["today"])
        return
    for report in (case["report"], json.dumps(case["report"])):
        issues = ca.validate_field(report, case["field"], today=case["today"])
        got = sorted((i.rule_id, i.severity, tuple(i.fields)) for i in issues)
        want = sorted((e["rule_id"], e["severity"], tuple(e["fields"])) for e in case["expect"])
        assert got == want
        if "secret" in case:
            assert not any(case["secret"] in i.message for i in issues)


@pytest.mark.parametrize(
    "case", [c for _, c in FORM_DEFINITION], ids=[i for i, _ in FORM_DEFINITION]
)
def test_form_definition(case: dict[str, Any]) -> None:
    if case.get("expect_error") == "lang":
        with pytest.raises(ValueError):
            ca.form_definition(case["lang"])
        return
    form = ca.form_definition(case["lang"])
    got: Any
    if "field" in case:
        got = next(f for f in form["fields"] if f["key"] == case["field"])
    elif "scheme" in case:
        got = next(s for s in form["schemes"] if s["scheme"] == case["scheme"])
    else:
        got = form["fields"]
    check_picked(case, got)


@pytest.mark.parametrize("case", [c for _, c in JSON_SCHEMA], ids=[i for i, _ in JSON_SCHEMA])
def test_json_schema(case: dict[str, Any]) -> None:
    got: Any = ca.json_schema()
    for part in [p for p in case["pointer"].split("/")[1:]]:
        got = got[part.replace("~1", "/").replace("~0", "~")]
    check_picked(case, got)


def test_the_schema_is_valid_2020_12_and_agrees_with_validate() -> None:
    schema = ca.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator(schema)
    checked = 0
    for _, case in VALIDATE:
        if "report" not in case or not isinstance(case["report"], dict):
            continue
        issues = ca.validate(case["report"], today=case["today"])
        wire = {i.rule_id for i in issues} & SCHEMA_RULES
        assert checker.is_valid(case["report"]) == (not wire), (case["name"], wire)
        checked += 1
    assert checked > 200


def test_form_definition_drives_a_form() -> None:
    """What a UI does with the definition: labels per language, visibility by the data."""
    sv, en = ca.form_definition("sv"), ca.form_definition("en")
    assert [f["key"] for f in sv["fields"]] == [f["key"] for f in en["fields"]]
    assert sv["fields"][2]["label"] == "Diagnosdatum" and en["fields"][2]["label"] == (
        "Date of diagnosis"
    )
    figo = next(f for f in en["fields"] if f["key"] == "figo")
    assert figo["visible_when"] is not None
    prefixes = figo["visible_when"]["any_of"][0]["starts_with"]
    # The condition as data gives what visible_fields gives.
    for code in ("C50.9", "c53.1", "C58", "C18"):
        shown = any(code.upper().startswith(p) for p in prefixes)
        assert ("figo" in ca.visible_fields({"icd10": code})) == shown
    with pytest.raises(TypeError):
        ca.validate_field({}, 3)  # type: ignore[arg-type]
