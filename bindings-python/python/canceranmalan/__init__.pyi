"""Type stubs for canceranmalan (implemented in Rust)."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypedDict

from typing_extensions import TypeAlias

from ._table import UnknownColumnsWarning as UnknownColumnsWarning
from ._table import quality_indicators as quality_indicators
from ._table import validate_table as validate_table

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
    visible_when: VisibleWhen | dict[str, Any] | None

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
    visibility logic: the autopsy finding only with basis of diagnosis 4 or 7, FIGO for
    gynaecological sites C51-C58 or while the ICD-10 code is not given or FIGO holds a value)."""

def validate_field(
    report: Mapping[str, Any] | str,
    field: str,
    *,
    today: DateLike | None = None,
    lang: Lang = "sv",
    rule_set: RuleSet | None = None,
    allow_test_persons: bool = False,
) -> list[Issue]:
    """The issues of ``validate`` that name ``field`` (a wire key), for checks as the user
    types; only the rules that may report the field run. ValueError for an unknown key."""

class FormOption(TypedDict):
    value: str | int
    label: str

class SiteValues(TypedDict):
    scheme: str
    edition: int
    tnm_basis: Literal["clinical", "pathological"] | None
    values: list[str]

class FormField(TypedDict):
    """A field of the form, in form order."""

    key: str
    label: str
    help: str
    type: Literal["text", "date", "code", "integer", "boolean"]
    required: bool
    max_length: int | None
    options: list[FormOption]
    suggestions: list[FormOption]
    values_by_site: list[SiteValues]
    visible_when: dict[str, Any] | None

EditionFrom = TypedDict(
    "EditionFrom", {"from": str, "tnm_edition": int, "figo_edition": int | None}
)

class SchemeSites(TypedDict):
    scheme: str
    icd10_ranges: list[list[str]]
    editions: list[EditionFrom]
    figo: bool

class FormDefinition(TypedDict):
    """The form definition, version 1 (documented in the README)."""

    version: int
    lang: Lang
    fields: list[FormField]
    schemes: list[SchemeSites]

def form_definition(lang: Lang = "sv") -> FormDefinition:
    """The form's fields in form order with labels, help, types, code lists, suggestions,
    T/N/M/FIGO values per site and visibility conditions a UI can evaluate by itself."""

def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the wire format."""

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

# ---- The case lifecycle ----

State: TypeAlias = Literal[
    "draft", "awaiting_approval", "reminder", "returned", "sent", "registered", "deleted"
]
Colour: TypeAlias = Literal["green", "pink", "blue"]
Role: TypeAlias = Literal["reporter", "rcc"]
ActionName: TypeAlias = Literal[
    "save",
    "ready_for_approval",
    "send",
    "delete",
    "return",
    "register",
    "assign",
    "set_follow_up",
    "set_note",
    "set_comment",
    "set_urgent",
]
TimeLike: TypeAlias = datetime.datetime | datetime.date | str
ValueLike: TypeAlias = str | bool | datetime.date | None

class TransitionError(ValueError):
    """An action the case's rules refuse (the case is unchanged), or events that do not replay."""

    reason: str
    detail: str
    message_sv: str
    message_en: str
    issues: list[Issue]

class EventFormatError(ValueError):
    """JSON that is not an event or a case of the schema; ``at`` names the key."""

    at: str

class Actor:
    """Who acts: a user, the unit (clinic) they act for, and their role."""

    def __init__(self, user: str, unit: str, role: Role) -> None: ...
    @property
    def user(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def role(self) -> Role: ...

class Event:
    """One action taken on a case, with the report after it (JSON schema version 1)."""

    @property
    def case_id(self) -> str: ...
    @property
    def seq(self) -> int: ...
    @property
    def at(self) -> str: ...
    @property
    def by(self) -> Actor: ...
    @property
    def action(self) -> str: ...
    @property
    def from_state(self) -> State | None: ...
    @property
    def to_state(self) -> State: ...
    @property
    def comment(self) -> str | None: ...
    @property
    def value(self) -> str | None: ...
    @property
    def refers_to(self) -> str | None: ...
    @property
    def report(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @staticmethod
    def from_json(text_: str) -> Event: ...

class Case:
    """A case (ärende) in INCA: state, report, inbox data and events. Immutable."""

    @staticmethod
    def open(
        report: Mapping[str, Any] | str, *, by: Actor, at: TimeLike, id: str | None = None
    ) -> Case: ...
    @staticmethod
    def reminder(
        personal_id: str, *, unit: str, by: Actor, at: TimeLike, id: str | None = None
    ) -> Case: ...
    def perform(
        self,
        action: ActionName,
        *,
        by: Actor,
        at: TimeLike,
        comment: str | None = None,
        report: Mapping[str, Any] | str | None = None,
        value: ValueLike = None,
        lang: Lang | None = None,
    ) -> Case: ...
    def correct(
        self,
        report: Mapping[str, Any] | str,
        *,
        by: Actor,
        at: TimeLike,
        comment: str,
        id: str | None = None,
    ) -> Case: ...
    def withdraw(self, *, by: Actor, at: TimeLike, reason: str, id: str | None = None) -> Case: ...
    @staticmethod
    def replay(events: Iterable[Event | Mapping[str, Any] | str]) -> Case: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text_: str) -> Case: ...
    @property
    def id(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def state(self) -> State: ...
    @property
    def colour(self) -> Colour | None: ...
    @property
    def kind(self) -> Literal["open", "remind", "correct", "withdraw"]: ...
    @property
    def refers_to(self) -> str | None: ...
    @property
    def from_rcc(self) -> bool: ...
    @property
    def report(self) -> dict[str, Any]: ...
    @property
    def events(self) -> list[Event]: ...
    @property
    def arrival(self) -> str: ...
    @property
    def responsible(self) -> str | None: ...
    @property
    def follow_up(self) -> datetime.date | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def urgent(self) -> bool: ...

class InboxEntry:
    """One row of a unit's inbox."""

    case: Case
    arrival: str
    status: State
    colour: Colour
    responsible: str | None
    follow_up: datetime.date | None
    follow_up_due: bool
    note: str | None
    urgent: bool
    diagnosis_date: str | None
    death_date: str | None

def inbox(cases: Iterable[Case], *, unit: str, today: DateLike) -> list[InboxEntry]:
    """A unit's green and pink cases, for action first, then follow-up due, urgent, oldest."""

class Duplicate:
    """An earlier report that may be the same tumour: its index in ``others`` and the rule."""

    index: int
    rule: str
    message: str

def possible_duplicates(
    report: Mapping[str, Any] | str,
    others: Iterable[Mapping[str, Any] | str],
    *,
    lang: Lang | None = None,
) -> list[Duplicate]:
    """Reports of the same patient that may be the same tumour (IARC/IACR 2004 rules)."""
