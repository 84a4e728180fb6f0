"""A seeded synthetic register extract: notifications with valid personal identity numbers, a
realistic mix of sites, codes, TNM, FIGO and dates, and a chosen share of invalid rows.

Used by the tests, the quality-indicator example and the benchmarks. No real person is in
it: birth dates and serial numbers are drawn at random (the check digits are right, so some
numbers may by chance belong to someone; they carry no other data of theirs).

Run: python examples/python/synthetic_extract.py ROWS INVALID_SHARE OUT.parquet
"""

from __future__ import annotations

import datetime
import random
import sys
from typing import Any

# (icd10 prefix, subsites, site text, morphology text, ICD-O-3, paired, sex, TNM T values,
#  FIGO labels, weight)
SITES: list[tuple[str, str, str, str, str, bool, str | None, list[str], list[str], int]] = [
    (
        "C50",
        "0123489",
        "Bröst",
        "Duktal cancer",
        "8500/3",
        True,
        "female",
        ["T1", "T1c", "T2", "T3", "T4b"],
        [],
        30,
    ),
    (
        "C61",
        "9",
        "Prostata",
        "Adenocarcinom",
        "8140/3",
        False,
        "male",
        ["T1c", "T2", "T2c", "T3a", "T3b"],
        [],
        25,
    ),
    (
        "C18",
        "024679",
        "Kolon",
        "Adenocarcinom",
        "8140/3",
        False,
        None,
        ["T1", "T2", "T3", "T4a"],
        [],
        12,
    ),
    ("C20", "9", "Rektum", "Adenocarcinom", "8140/3", False, None, ["T2", "T3", "T4a"], [], 6),
    (
        "C34",
        "1239",
        "Lunga",
        "Adenocarcinom",
        "8140/3",
        True,
        None,
        ["T1a", "T1b", "T2a", "T3", "T4"],
        [],
        10,
    ),
    (
        "C43",
        "3569",
        "Hud",
        "Malignt melanom",
        "8720/3",
        False,
        None,
        ["T1a", "T1b", "T2a", "T3b", "T4b"],
        [],
        8,
    ),
    (
        "C67",
        "0249",
        "Urinblåsa",
        "Urotelial cancer",
        "8120/3",
        False,
        None,
        ["Ta", "T1", "T2", "T3"],
        [],
        5,
    ),
    (
        "C64",
        "9",
        "Njure",
        "Klarcellig njurcancer",
        "8310/3",
        True,
        None,
        ["T1a", "T1b", "T2", "T3a"],
        [],
        4,
    ),
    (
        "C53",
        "019",
        "Cervix uteri",
        "Skivepitelcancer",
        "8070/3",
        False,
        "female",
        [],
        ["IA1", "IB1", "IB2", "IIA", "IIIB"],
        2,
    ),
    (
        "C56",
        "9",
        "Ovarium",
        "Serös cancer",
        "8441/3",
        True,
        "female",
        [],
        ["IA", "IC", "IIIC", "IV"],
        2,
    ),
    ("C73", "9", "Tyreoidea", "Papillär cancer", "8260/3", False, None, ["T1a", "T2", "T3"], [], 2),
    (
        "C83",
        "3",
        "Lymfkörtlar",
        "Diffust storcelligt B-cellslymfom",
        "9680/3",
        False,
        None,
        [],
        [],
        2,
    ),
    (
        "C80",
        "9",
        "Okänd primärtumör, levermetastaser",
        "Adenocarcinom",
        "8140/3",
        False,
        None,
        [],
        [],
        1,
    ),
]
LABS = ["011", "013", "014", "017", "031", "051", "081", "111"]
CLINICS = ["KIR-SÖS", "ONK-KS", "URO-SU", "GYN-SUS", "KIR-AS", "LUNG-US"]


def luhn_digit(nine: str) -> int:
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def personal_id(rng: random.Random, sex: str | None) -> tuple[str, datetime.date]:
    born = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(0, 27_000))
    # Serial 000 is never assigned; the third digit is odd for men, even for women.
    serial = rng.randrange(2, 998)
    if sex is not None and serial % 2 != (1 if sex == "male" else 0):
        serial += 1
    ymd = born.strftime("%y%m%d")
    check = luhn_digit(f"{ymd}{serial:03d}")
    return f"{born:%Y%m%d}-{serial:03d}{check}", born


def notification(rng: random.Random) -> dict[str, Any]:
    site = rng.choices(SITES, weights=[s[-1] for s in SITES])[0]
    prefix, subsites, text, morph, icdo3, paired, sex, ts, figos, _ = site
    pid, born = personal_id(rng, sex or rng.choice(["female", "male"]))
    earliest = max(datetime.date(2019, 1, 1), born + datetime.timedelta(days=365 * 18))
    diagnosed = earliest + datetime.timedelta(
        days=rng.randrange(0, max(1, (datetime.date(2025, 6, 1) - earliest).days))
    )
    basis = rng.choices([3, 2, 5, 1, 4, 7, 8, 6], weights=[80, 6, 6, 3, 1, 1, 2, 1])[0]
    row: dict[str, Any] = {
        "personal_id": pid,
        "diagnosis_date": diagnosed.isoformat(),
        "primary_site": text,
        "icd10": f"{prefix}.{rng.choice(subsites)}",
        "morphology": morph,
        "basis_of_diagnosis": basis,
        "pathology_lab": rng.choice(LABS),
        "specimen_number": f"{rng.choice('PCHG')}{diagnosed:%y}-{rng.randrange(1, 99_999):05d}",
        "specimen_year": diagnosed.year,
        "referred_to": "Onkologiska kliniken",
        "contact_person": "Anna Andersson",
        "clinic": rng.choice(CLINICS),
        "sent_date": (diagnosed + datetime.timedelta(days=rng.randrange(3, 150))).isoformat(),
    }
    if prefix == "C80":
        row["icd10"] = "C80.9"
    if paired:
        row["side"] = rng.choice(["left", "right"])
    if basis in (4, 7):
        # Found at autopsy: the date of diagnosis is the date of death.
        row["death_date"] = row["diagnosis_date"]
        row["autopsy_finding"] = True
    if ts:
        # Pathological T for the prostate starts at pT2 (UICC 8 has no pT1 or pT2a–c).
        ts = ["T2", "T3a", "T3b"] if prefix == "C61" and basis == 3 else ts
        row["t"] = rng.choice(ts)
        row["n"] = rng.choice(["N0", "N0", "N1", "NX"])
        row["m"] = rng.choice(["M0", "M0", "M0", "M1"])
        row["tnm_basis"] = "pathological" if basis == 3 else "clinical"
    if figos:
        row["figo"] = rng.choice(figos)
    if rng.random() < 0.3:
        row["icdo3_morphology"] = icdo3
    return row


# How many kinds of mistake `spoil` makes.
MISTAKES = 12


def spoil(rng: random.Random, row: dict[str, Any], kind: int | None = None) -> None:
    """One realistic mistake, of the kinds the rules exist for: the one numbered ``kind``
    (0 to ``MISTAKES - 1``), or one drawn at random."""
    if kind is None:
        kind = rng.randrange(MISTAKES)
    if kind == 0:
        row["diagnosis_date"] = row["diagnosis_date"].replace("-", "")
    elif kind == 1:
        row["diagnosis_date"] = "2031-01-15"
    elif kind == 2:
        row.pop("morphology", None)
    elif kind == 3:
        row["icd10"] = "C5O.9"
    elif kind == 4:
        row["side"] = "left"
        row["icd10"] = "C18.7"
        row["primary_site"] = "Kolon"
    elif kind == 5:
        row.pop("tnm_basis", None)
        row["t"] = "T2"
    elif kind == 6:
        row["icd10"], row["primary_site"] = "C61.9", "Prostata"
        row["personal_id"], _ = personal_id(rng, "female")
    elif kind == 7:
        row["autopsy_finding"] = True
        row["basis_of_diagnosis"] = 3
    elif kind == 8:
        row["specimen_number"] = "P" + "1" * 20
    elif kind == 9:
        row["specimen_year"] = 2041
    elif kind == 10:
        row["personal_id"] = row["personal_id"][:-1] + str((int(row["personal_id"][-1]) + 1) % 10)
    else:
        row["t"] = "T9"
        row["tnm_basis"] = "clinical"


COLUMNS = [
    "personal_id",
    "death_date",
    "diagnosis_date",
    "primary_site",
    "icd10",
    "morphology",
    "icdo3_morphology",
    "side",
    "figo",
    "t",
    "n",
    "m",
    "tnm_basis",
    "basis_of_diagnosis",
    "autopsy_finding",
    "referred_to",
    "pathology_lab",
    "specimen_number",
    "specimen_year",
    "contact_person",
    "clinic",
    "sent_date",
]


def generate(
    rows: int, invalid_share: float, seed: int = 1, mistake: int | None = None
) -> list[dict[str, Any]]:
    """``rows`` notifications; about ``invalid_share`` of them with one mistake (the kind
    numbered ``mistake`` where given: see `spoil`)."""
    rng = random.Random(seed)
    out = []
    for _ in range(rows):
        row = notification(rng)
        if rng.random() < invalid_share:
            spoil(rng, row, mistake)
        out.append({k: row.get(k) for k in COLUMNS})
    return out


def table(rows: int, invalid_share: float, seed: int = 1, mistake: int | None = None) -> Any:
    """The extract as a pyarrow Table (every column typed as a register extract has it)."""
    import pyarrow as pa

    types = {
        "basis_of_diagnosis": pa.int8(),
        "specimen_year": pa.int16(),
        "autopsy_finding": pa.bool_(),
    }
    schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])
    return pa.Table.from_pylist(generate(rows, invalid_share, seed, mistake), schema=schema)


if __name__ == "__main__":
    import pyarrow.parquet as pq

    n, share, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    pq.write_table(table(n, share), out)
    print(f"{n} rows, about {share:.0%} invalid: {out}")
