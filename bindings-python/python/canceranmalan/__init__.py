"""The Swedish cancer notification (Canceranmälan): validation and personal identity numbers.

Everything here is implemented once, in the Rust crate ``canceranmalan``; this package only
converts Python values to and from it.

>>> import canceranmalan
>>> issues = canceranmalan.validate({"partial": True, "t": "T2"}, today="2025-06-01", lang="en")
>>> [(i.rule_id, i.fields) for i in issues]
[('TNM-BASIS-REQUIRED', ['tnm_basis'])]
"""

from ._native import (
    Figo,
    FigoError,
    InternalError,
    Issue,
    PersonalId,
    PersonalIdError,
    Reportability,
    ReportError,
    Rule,
    Stage,
    Tnm,
    TnmCategory,
    TnmError,
    __version__,
    fields,
    icd10_title,
    mask,
    parse_figo,
    parse_tnm,
    protect_patient,
    reportability,
    rules,
    sources,
    stage,
    validate,
    validate_many,
    visible_fields,
)

__all__ = [
    "Figo",
    "FigoError",
    "InternalError",
    "Issue",
    "PersonalId",
    "PersonalIdError",
    "ReportError",
    "Reportability",
    "Rule",
    "Stage",
    "Tnm",
    "TnmCategory",
    "TnmError",
    "__version__",
    "fields",
    "icd10_title",
    "mask",
    "parse_figo",
    "parse_tnm",
    "protect_patient",
    "reportability",
    "rules",
    "sources",
    "stage",
    "validate",
    "validate_many",
    "visible_fields",
]
