"""pytest-benchmark: cost per report through the Python binding (dict in, issues out).

Run: target/py-venv/bin/python -m pytest bindings-python/benchmarks --benchmark-only
Target: under 20 µs per report from a dict, i.e. a 100 000-row register extract in ~2 s.
"""

from __future__ import annotations

import json
from typing import Any

from pytest_benchmark.fixture import BenchmarkFixture

import canceranmalan as ca

COMPLETE: dict[str, Any] = {
    "personal_id": "19640823-3234",
    "diagnosis_date": "2025-03-14",
    "primary_site": "Bröst, övre yttre kvadranten",
    "icd10": "C50.4",
    "morphology": "Duktal cancer",
    "side": "left",
    "t": "T2",
    "n": "N1",
    "m": "M0",
    "tnm_basis": "pathological",
    "basis_of_diagnosis": 3,
    "specimen_number": "ÅÄÖåäö1234567890",
    "specimen_year": 2025,
}


def test_validate_dict(benchmark: BenchmarkFixture) -> None:
    assert benchmark(ca.validate, COMPLETE, today="2025-06-01") == []


def test_validate_json_text(benchmark: BenchmarkFixture) -> None:
    text = json.dumps(COMPLETE)
    assert benchmark(ca.validate, text, today="2025-06-01") == []


def test_validate_many_thousand(benchmark: BenchmarkFixture) -> None:
    rows = [COMPLETE] * 1000
    result = benchmark(ca.validate_many, rows, today="2025-06-01")
    assert len(result) == 1000


def test_parse_tnm(benchmark: BenchmarkFixture) -> None:
    tnm = benchmark(ca.parse_tnm, "pT2N1aM0", icd10="C50.9")
    assert tnm.canonical == "pT2 N1a M0"


def test_stage(benchmark: BenchmarkFixture) -> None:
    s = benchmark(ca.stage, icd10="C18.7", t="pT2", n="pN1b", m="cM0")
    assert s.group == "IIIA"
