"""Reads the real-looking TNM statements in examples/tnm-samples.tsv and prints, for each, the
canonical form, the issues and the stage with its explanation.

Run: python examples/python/stage_tnm.py [--lang sv] [FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import canceranmalan as ca


def main(argv: list[str]) -> int:
    lang: Literal["sv", "en"] = "sv" if "sv" in argv else "en"
    files = [a for a in argv if a.endswith(".tsv")]
    path = Path(files[0]) if files else Path(__file__).resolve().parent.parent / "tnm-samples.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        icd10, edition, text = line.split("\t", 2)
        site = None if icd10 == "-" else icd10
        print(f"{text}   [{site or 'no site'}, UICC {edition}]")
        try:
            tnm = ca.parse_tnm(text, icd10=site, edition=int(edition), lang=lang)
        except ca.TnmError as e:
            print(f"  not TNM: {e}\n")
            continue
        print(f"  canonical: {tnm.canonical}   basis: {tnm.basis or '—'}")
        for issue in tnm.issues:
            print(f"  {issue.severity:<7} {issue.rule_id:<20} {issue.message}")
        if site is None:
            print()
            continue

        def category(c: ca.TnmCategory | None) -> str | None:
            return None if c is None else c.prefixes + c.value

        s_marker = next((d for d in tnm.descriptors if d.startswith("S")), None)
        stage = ca.stage(
            icd10=site,
            t=category(tnm.t),
            n=category(tnm.n),
            m=category(tnm.m),
            edition=int(edition),
            s=s_marker,
            lang=lang,
        )
        if stage.group is not None:
            print(f"  stage {stage.group}")
        else:
            print(f"  no stage; missing: {', '.join(stage.missing)}")
        print(f"  {stage.explanation}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
