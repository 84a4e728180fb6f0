"""Type stubs for canceranmalan (implemented in Rust)."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypedDict

from typing_extensions import TypeAlias

__version__: str

DateLike: TypeAlias = datetime.date | str
Severity: TypeAlias = Literal["error", "warning", "info"]
Lang: TypeAlias = Literal["sv", "en"]
RuleSet: TypeAlias = Literal["form", "register"]
Sex: TypeAlias = Literal["female", "male"]
PersonalIdKind: TypeAlias = Literal[
    "personnummer",
    "samordningsnummer",
    "national_reserve",
    "reserve_stockholm",
    "reserve_vastra_gotaland",
    "reserve_varmland",
    "reserve_carelink",
    "reserve_skane",
    "test_person",
    "interim",
]
PersonalIdErrorKind: TypeAlias = Literal[
    "empty",
    "length",
    "characters",
    "separator",
    "date",
    "serial",
    "check_digit",
    "unknown_kind",
    "test_person_not_allowed",
]

class ReportError(ValueError):
    """The input is not a report at all (malformed JSON, not an object, unrepresentable value)."""

    line: int
    column: int

class PersonalIdError(ValueError):
    """Not a valid personal identity number; the message never contains the number."""

    kind: PersonalIdErrorKind

class InternalError(RuntimeError):
    """A bug in canceranmalan, raised instead of crashing the interpreter."""

class Issue:
    """One finding of validation."""

    @property
    def rule_id(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def fields(self) -> list[str]: ...
    @property
    def message(self) -> str: ...
    @property
    def params(self) -> dict[str, str | int | list[str]]:
        """The values the message was made from, by name (language-neutral)."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Rule:
    """A validation rule of the registry."""

    @property
    def id(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def fields(self) -> list[str]: ...
    @property
    def message_sv(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def rule_sets(self) -> list[Literal["form", "register"]]: ...

class PersonalId:
    """A valid personal identity number; ``str()`` and ``repr()`` mask it."""

    @staticmethod
    def parse(
        text: str, *, reference_date: DateLike | None = None, allow_test_persons: bool = False
    ) -> PersonalId: ...
    @property
    def kind(self) -> PersonalIdKind: ...
    @property
    def birth_date(self) -> datetime.date | None: ...
    @property
    def birth_date_parts(self) -> tuple[int, int | None, int | None] | None:
        """``(year, month, day)``, None for an unknown month or day (samordningsnummer)."""
    @property
    def sex(self) -> Sex | None: ...
    def age_at(self, date: DateLike) -> int | None: ...
    def reveal(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

def validate(
    report: Mapping[str, Any] | str,
    *,
    today: DateLike | None = None,
    lang: Lang = "sv",
    rule_set: RuleSet = "form",
    include: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    allow_test_persons: bool = False,
) -> list[Issue]:
    """Validates one report given as a dict or as JSON text.

    ``today`` is the reference date; ``None`` means the host's local calendar day
    (``datetime.date.today()``), the policy of every binding."""

def validate_many(
    reports: Iterable[Mapping[str, Any] | str],
    *,
    today: DateLike | None = None,
    lang: Lang = "sv",
    rule_set: RuleSet = "form",
    include: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    allow_test_persons: bool = False,
) -> list[list[Issue]]:
    """Validates many reports with one context; one list of issues per report."""

def mask(text: str) -> str:
    """Masks a text that may hold a personal identity number: only a leading birth date stays
    readable, every other character becomes ``*``."""

def protect_patient(record: Mapping[str, Any]) -> dict[str, Any]:
    """INCA's handling of protected identity, applied to a patient record; idempotent."""

class CodeInfo(TypedDict):
    key: str
    label: str

class VisibleWhen(TypedDict):
    field: str
    one_of: list[str]

class FieldInfo(TypedDict):
    """A row of the core's field table."""

    key: str
    label: str
    help: str
    kind: Literal["text", "date", "code", "integer", "boolean", "personal_id"]
    json: Literal["string", "integer", "boolean"]
    codes: list[CodeInfo]
    form_position: int | None
    required: bool
    max_length: int | None
    visible_when: VisibleWhen | None

def fields(lang: Lang = "sv") -> list[FieldInfo]:
    """The fields of the report as the core's field table declares them, in wire order."""

def rules(rule_set: RuleSet | None = None) -> list[Rule]:
    """The validation rules in the order issues are reported: all, or those of ``rule_set``."""

class TableSource(TypedDict):
    name: str
    source: str
    version: str

def icd10_title(code: str) -> str | None:
    """The English WHO title of an ICD-10 code of the neoplasm chapter (C00-D48), or None."""

def sources() -> list[TableSource]:
    """Every reference table the rules use, with its source and version."""

class Reportability:
    """Whether a tumour must be reported (HSLF-FS 2016:7 as amended by HSLF-FS 2023:36)."""

    @property
    def reportable(self) -> bool | None: ...
    @property
    def clinic_must_report(self) -> bool | None: ...
    @property
    def route(self) -> Literal["rcc", "socialstyrelsen", "none", "unknown"]: ...
    @property
    def category(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def source(self) -> str: ...

def reportability(
    report: Mapping[str, Any] | str, *, today: DateLike | None = None, lang: Lang = "sv"
) -> Reportability:
    """Must the report's tumour be reported, must the clinic send it, and where it goes."""

def visible_fields(report: Mapping[str, Any] | str) -> list[str]:
    """The wire keys of the form fields shown for a report, in form order (the form's own
    visibility logic: the autopsy finding only with basis of diagnosis 4 or 7)."""

class TnmError(ValueError):
    """A text holds no TNM at all, is too long to be TNM, or the edition is not 8 or 9."""

    code: Literal["no_tnm", "too_long", "edition"]

class FigoError(ValueError):
    """A text is not a FIGO stage, or the FIGO edition does not exist for the site."""

    code: Literal["not_figo", "edition"]

class TnmCategory:
    """One T, N or M category as read (``pN1b(2/11)``: value ``N1b``, prefixes ``p``)."""

    @property
    def value(self) -> str:
        """Axis letter and value, no prefix: "T1c", "N1mi", "M1c1", "Tis", "TX"."""
    @property
    def prefixes(self) -> str:
        """The prefixes: "", "c", "p", "yp", "yc", "rp", "rc", "a" or "u"."""
    @property
    def inherited(self) -> bool:
        """True when the prefixes were taken from T (``pT2N1M0``)."""
    @property
    def qualifiers(self) -> list[str]: ...
    @property
    def nodes(self) -> tuple[int, int] | None: ...
    @property
    def sites(self) -> list[str]: ...

class Tnm:
    """TNM read from free text by :func:`parse_tnm`."""

    @property
    def t(self) -> TnmCategory | None: ...
    @property
    def n(self) -> TnmCategory | None: ...
    @property
    def m(self) -> TnmCategory | None: ...
    @property
    def basis(self) -> Literal["clinical", "pathological"] | None: ...
    @property
    def canonical(self) -> str: ...
    @property
    def descriptors(self) -> list[str]: ...
    @property
    def edition_tag(self) -> int | None: ...
    @property
    def issues(self) -> list[Issue]: ...
    @property
    def ignored(self) -> list[str]: ...

def parse_tnm(text: str, *, icd10: str | None = None, edition: int = 8, lang: Lang = "sv") -> Tnm:
    """Reads TNM as clinicians write it and checks it against the site of ``icd10``.

    >>> import canceranmalan
    >>> canceranmalan.parse_tnm("pT2N1aM0").canonical
    'pT2 N1a M0'
    """

class Stage:
    """A stage group with the table and row that gave it, or why there is none."""

    @property
    def group(self) -> str | None: ...
    @property
    def missing(self) -> list[str]: ...
    @property
    def explanation(self) -> str: ...
    @property
    def table(self) -> str | None: ...
    @property
    def row(self) -> int | None: ...
    @property
    def source(self) -> str | None: ...

def stage(
    *,
    icd10: str,
    t: str | None = None,
    n: str | None = None,
    m: str | None = None,
    edition: int = 8,
    morphology: str | None = None,
    age: int | None = None,
    psa: float | None = None,
    grade_group: int | None = None,
    s: str | None = None,
    lang: Lang = "sv",
) -> Stage:
    """The UICC stage group (the FIGO stage for gynaecological sites), never a guess."""

class Figo:
    """A FIGO stage read by :func:`parse_figo`."""

    @property
    def label(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def modality(self) -> Literal["r", "p"] | None: ...
    @property
    def molecular(self) -> str | None: ...
    @property
    def edition(self) -> int | None: ...
    @property
    def issues(self) -> list[Issue]: ...

def parse_figo(text: str, *, icd10: str, edition: int | None = None, lang: Lang = "sv") -> Figo:
    """Reads a FIGO stage ("FIGO 1b1" is IB1) and checks it against the site and edition."""
