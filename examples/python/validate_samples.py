"""Validates the sample reports with the Python package and prints a small table of issues.

Run: python examples/python/validate_samples.py [--lang en]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import canceranmalan

REPORTS = Path(__file__).resolve().parent.parent / "reports"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=["sv", "en"], default="sv")
    parser.add_argument("--today", default=None, help="reference date YYYY-MM-DD (default: today)")
    args = parser.parse_args()

    paths = sorted(REPORTS.glob("*.json"))
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    # One call for the whole extract.
    results = canceranmalan.validate_many(reports, today=args.today, lang=args.lang)
    for path, issues in zip(paths, results):
        print(f"{path.name}: {len(issues)} issue(s)")
        for issue in issues:
            print(f"  {issue.severity:<7} {issue.rule_id:<24} {', '.join(issue.fields)}")

    # Personal identity numbers are masked whenever shown.
    pid = canceranmalan.PersonalId.parse(reports[0]["personal_id"])
    print(f"\n{pid!r}: born {pid.birth_date}, legal sex {pid.sex}")


if __name__ == "__main__":
    main()
