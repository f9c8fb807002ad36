"""Plain dataclasses the household services take and return (never live peewee rows)."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from typing import Any, TypeVar

ZERO = Decimal("0.00")
FormT = TypeVar("FormT")


@dataclass(frozen=True)
class MemberForm:
    """家庭成员 as typed in the dialog or read from a row; member_id set when editing one."""

    name: str
    relation: str
    id_number: str | None = None
    sex: str | None = None
    birth_date: datetime.date | None = None
    ethnicity: str | None = None
    political_status: str | None = None
    health: str | None = None
    disability_type: str | None = None
    disability_grade: str | None = None
    monthly_income: Decimal = ZERO
    identity: str | None = None
    medical_insurance: str | None = None
    unit_or_school: str = ""
    education: str | None = None
    enrol_year: int | None = None
    schooling_years: int | None = None
    member_id: int | None = None


@dataclass(frozen=True)
class HouseholdForm:
    """Everything a person types for one hardship file, head included (national form)."""

    name: str
    id_number: str
    identity: str
    main_cause: str | None
    file_no: str = ""
    sex: str | None = None
    birth_date: datetime.date | None = None
    ethnicity: str | None = None
    political_status: str | None = None
    health: str | None = None
    disability_type: str | None = None
    disability_grade: str | None = None
    marital_status: str | None = None
    hukou_type: str | None = None
    hukou_place: str = ""
    medical_insurance: str | None = None
    phone: str | None = None
    address: str = ""
    filing_level: str | None = None
    category: str | None = None
    category_reason: str = ""
    secondary_causes: tuple[str, ...] = ()
    work_status: str | None = None
    model_worker_type: str | None = None
    work_unit: str = ""
    unit_nature: str | None = None
    enterprise_status: str | None = None
    industry: str | None = None
    union_name: str = ""
    single_parent: bool = False
    zero_employment: bool = False
    head_monthly_income: Decimal = ZERO
    other_annual_income: Decimal = ZERO
    rigid_expenses: Decimal = ZERO
    accident_losses: Decimal = ZERO
    receives_dibao: bool = False
    dibao_amount: Decimal = ZERO
    housing_type: str | None = None
    housing_area: Decimal | None = None
    bank_name: str = ""
    bank_branch: str = ""
    card_number: str | None = None
    attachments: tuple[str, ...] = ()
    hardship_cert_no: str = ""
    filed_by: str = ""
    reviewed_by: str = ""
    entered_by: str = ""
    note: str = ""
    filed_on: datetime.date | None = None
    members: tuple[MemberForm, ...] = ()

    @classmethod
    def field_names(cls) -> set[str]:
        return {f.name for f in fields(cls)}


@dataclass(frozen=True)
class Derived:
    """Figures computed from a form, never typed: size, income, per-capita, suggestion."""

    household_size: int
    annual_income: Decimal
    per_capita_monthly: Decimal
    area_per_capita: Decimal | None
    poverty_line: Decimal | None
    suggested_category: str | None
    suggestion_reason: str


@dataclass(frozen=True)
class Problem:
    """A finding about a form: field key, Chinese label, message; warnings do not block."""

    field: str
    label: str
    message: str


@dataclass(frozen=True)
class CheckResult:
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    derived: Derived
    form: HouseholdForm  # cleaned: sex/birth filled from the ID number, category suggested

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class FileState:
    """Where an imported file stands (status and its dates); new files start at 申报."""

    status: str
    approved_on: datetime.date | None = None
    last_recheck_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    close_reason: str | None = None
    surveyed_on: datetime.date | None = None
    notice_start: datetime.date | None = None
    notice_end: datetime.date | None = None
    status_since: datetime.date | None = None


@dataclass(frozen=True)
class HouseholdEventView:
    on_date: datetime.date
    action: str
    status_after: str
    by_name: str
    note: str
    created_at: datetime.datetime


@dataclass(frozen=True)
class HouseholdDetail:
    """One file as the dialog and the printed forms show it."""

    id: int
    form: HouseholdForm
    derived: Derived
    status: str
    status_since: datetime.date
    approved_on: datetime.date | None
    last_recheck_on: datetime.date | None
    surveyed_on: datetime.date | None
    notice_start: datetime.date | None
    notice_end: datetime.date | None
    closed_on: datetime.date | None
    close_reason: str | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    events: tuple[HouseholdEventView, ...] = field(default=())

    def register_values(self) -> dict[str, object]:
        """Values keyed by the households register's field keys."""
        values: dict[str, object] = {f.name: getattr(self.form, f.name) for f in fields(self.form)}
        values.update(
            household_size=self.derived.household_size,
            annual_income=self.derived.annual_income,
            per_capita_monthly=self.derived.per_capita_monthly,
            area_per_capita=self.derived.area_per_capita,
            status=self.status,
            status_since=self.status_since,
            surveyed_on=self.surveyed_on,
            notice_start=self.notice_start,
            notice_end=self.notice_end,
            approved_on=self.approved_on,
            last_recheck_on=self.last_recheck_on,
            closed_on=self.closed_on,
            close_reason=self.close_reason,
        )
        return values


@dataclass(frozen=True)
class HouseholdRow:
    """One line of the 档案 list (ID number and phone already masked)."""

    id: int
    file_no: str
    name: str
    id_number: str
    sex: str
    phone: str
    category: str
    identity: str
    main_cause: str
    work_unit: str
    union_name: str
    household_size: int
    per_capita_monthly: Decimal
    status: str
    status_since: datetime.date
    filed_on: datetime.date


@dataclass(frozen=True)
class HouseholdChange:
    """What a write changed, for the UI to broadcast (ids of touched files)."""

    household_ids: tuple[int, ...]
    warnings: tuple[Problem, ...] = ()


_PLAIN_FORMS: dict[type, frozenset[str]] = {}


def _field_names(form_type: type) -> frozenset[str] | None:
    """A form type's field names if a copy may skip its __init__ (frozen, every field set by __init__, no
    __post_init__, no slots, no default factories); else None."""
    if form_type not in _PLAIN_FORMS:
        every = fields(form_type)
        plain = (form_type.__dataclass_params__.frozen and not hasattr(form_type, "__post_init__")  # type: ignore[attr-defined]
                 and not hasattr(form_type, "__slots__") and all(f.init for f in every)
                 and all(f.default_factory is MISSING for f in every))
        _PLAIN_FORMS[form_type] = frozenset(f.name for f in every) if plain else frozenset()
    names = _PLAIN_FORMS[form_type]
    return names or None


def replace_form(form: FormT, /, **changes: Any) -> FormT:
    """dataclasses.replace for the plain frozen forms, without running the generated __init__.

    The __init__ of a 50-field frozen form sets each field through object.__setattr__, which was most
    of the time of checking 100,000 imported rows (each form is copied two or three times). The copy
    holds the same values replace would give; an unknown field name is refused as replace refuses it.
    """
    names = _field_names(type(form))
    if names is None:
        return dataclasses.replace(form, **changes)  # type: ignore[type-var]
    if not names.issuperset(changes):
        unknown = changes.keys() - names
        raise TypeError(f"{type(form).__name__} has no field {', '.join(sorted(unknown))}")
    copy = object.__new__(type(form))
    fields_of = copy.__dict__
    fields_of.update(form.__dict__)
    fields_of.update(changes)
    return copy
