"""Quality indicators of a (synthetic) register extract, with plots per year and per clinic.

Generates a seeded extract (examples/python/synthetic_extract.py), validates it, computes the
indicators registries publish (canceranmalan.quality_indicators) by diagnosis year and by
clinic, prints them and saves two PNG plots.

Run: python examples/python/quality_indicators.py [OUT_DIR]   (default: target/plots)
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

import canceranmalan as ca  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_extract as se  # noqa: E402

SHARES = [
    ("share_microscopically_verified", "Mikroskopiskt verifierade (diagnosgrund 3–5)"),
    ("share_clinical_only", "Enbart klinik/bild (1–2)"),
    ("share_unknown_primary", "Okänd primärtumör"),
    ("share_side_missing", "Sida saknas (pariga organ)"),
    ("share_with_error", "Minst ett fel"),
]


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "target/plots")
    out.mkdir(parents=True, exist_ok=True)
    extract = se.table(50_000, 0.05, seed=2025)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ca.UnknownColumnsWarning)
        issues = ca.validate_table(extract, today="2025-06-01")
    print(f"{extract.num_rows} rows, {issues.num_rows} issues")

    by_year = ca.quality_indicators(extract, by=("diagnosis_year",), today="2025-06-01")
    # Years from a date that is wrong (in the future, or unreadable) are not a reporting year.
    years = [
        r
        for r in by_year.to_pylist()
        if r["diagnosis_year"] and 2019 <= r["diagnosis_year"] <= 2025
    ]
    fig, (shares, delay) = plt.subplots(1, 2, figsize=(12, 4.5))
    x = [r["diagnosis_year"] for r in years]
    for key, label in SHARES:
        shares.plot(x, [100 * (r[key] or 0) for r in years], marker="o", label=label)
    shares.set(title="Kvalitetsindikatorer per diagnosår", xlabel="Diagnosår", ylabel="Andel (%)")
    shares.legend(fontsize=8)
    delay.bar(x, [r["median_days_to_report"] for r in years], label="median")
    delay.plot(x, [r["p90_days_to_report"] for r in years], "k^--", label="90:e percentil")
    delay.set(title="Dagar från diagnos till anmälan", xlabel="Diagnosår", ylabel="Dagar")
    delay.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "quality-by-year.png", dpi=110)

    by_clinic = ca.quality_indicators(extract, by=("clinic",), today="2025-06-01").to_pylist()
    fig, ax = plt.subplots(figsize=(8, 4))
    clinics = [r["clinic"] for r in by_clinic]
    width = 0.8 / len(SHARES)
    for i, (key, label) in enumerate(SHARES):
        ax.bar(
            [c + i * width for c in range(len(clinics))],
            [100 * (r[key] or 0) for r in by_clinic],
            width,
            label=label,
        )
    ax.set_xticks([c + 0.4 - width / 2 for c in range(len(clinics))], clinics)
    ax.set(title="Kvalitetsindikatorer per klinik", ylabel="Andel (%)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "quality-by-clinic.png", dpi=110)

    for r in years:
        print(
            f"{r['diagnosis_year']}: n={r['n']}, MV {r['share_microscopically_verified']:.1%}, "
            f"unknown primary {r['share_unknown_primary']:.1%}, with error "
            f"{r['share_with_error']:.1%}, median {r['median_days_to_report']:.0f} days"
        )
    print(f"plots: {out / 'quality-by-year.png'}, {out / 'quality-by-clinic.png'}")


if __name__ == "__main__":
    main()
