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
