from __future__ import annotations

import json
from pathlib import Path
from typing import Any

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "conformance"


def load_cases(kind: str) -> list[tuple[str, dict[str, Any]]]:
    """All conformance cases of one kind, as (id, case) pairs."""
    out = []
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["kind"] == kind:
            out += [(f"{path.stem}: {c['name']}", c) for c in doc["cases"]]
    return out
