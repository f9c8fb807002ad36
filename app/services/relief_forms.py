"""Plain dataclasses the relief services take and return."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from app.services.employment_help import LoanHelp, PairingHelp, PlacementHelp, TrainingHelp

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Recipient:
    """Who receives: a known person (person_id), or a new one named here (care activities)."""

    person_id: int | None = None
    name: str = ""
    id_number: str | None = None
    phone: str | None = None
    work_unit: str = ""


@dataclass(frozen=True)
class ItemForm:
    """物资: goods given (夏凉被 × 1, worth 85.00 in all)."""

    name: str
    quantity: int = 1
    unit: str = ""
    value: Decimal = ZERO


@dataclass(frozen=True)
class ReliefForm:
    """One act of help as the clerk records it."""

    recipient: Recipient
    relief_type: str
    on_date: datetime.date
    amount: Decimal = ZERO
    fund_id: int | None = None
    campaign_id: int | None = None
    household_id: int | None = None      # None: the recipient's file on record (在档), if any
    handler: str = ""                     # 经办人; the signed-in account's name if blank
    temporary: bool = False               # 临时救助: hardship relief without a file on record
    duplicate_reason: str = ""            # why the one-a-year rule is broken this time
    overdraw_reason: str = ""             # administrators only: why the fund may go below zero
    note: str = ""
    hospital: str = ""
    diagnosis: str = ""
    total_cost: Decimal | None = None
    insurance_paid: Decimal | None = None
    self_paid: Decimal | None = None
    student: Recipient | None = None
    school: str = ""
    school_level: str | None = None
    admission_year: int | None = None
    items: tuple[ItemForm, ...] = ()

    @property
    def goods_value(self) -> Decimal:
        return sum((i.value for i in self.items), ZERO)


@dataclass(frozen=True)
class Conflict:
    """An earlier relief of the same kind that the one-a-year rule counts against this one."""

    line: int | None          # batch line (0-based), None for a single record
    name: str
    relief_id: int | None     # None: another line of the same batch
    on_date: datetime.date
    relief_type: str
    amount: Decimal

    def describe(self) -> str:
        """张三：已于2025-01-05获得送温暖慰问（200.00元）— the batch line travels separately."""
        if self.relief_id is None:
            return f"{self.name}：本批次中已有同一户的{self.relief_type}"
        return f"{self.name}：已于{self.on_date.isoformat()}获得{self.relief_type}（{self.amount:,.2f}元）"


@dataclass(frozen=True)
class ReliefRow:
    """One line of the relief list (ID number masked)."""

    id: int
    on_date: datetime.date
    relief_type: str
    name: str
    id_number: str
    file_no: str
    category: str
    amount: Decimal
    goods_value: Decimal
    goods: str
    fund: str
    campaign: str
    handler: str
    temporary: bool
    duplicate_reason: str
    note: str


@dataclass(frozen=True)
class YearTotal:
    year: int
    count: int
    amount: Decimal


@dataclass(frozen=True)
class LegalHelp:
    """A legal-aid case a member of the household was an applicant in."""

    case_no: str
    cause: str
    respondent: str
    name: str
    accepted_on: datetime.date
    closed_on: datetime.date | None
    recovered: Decimal | None       # this worker's share, where known
    case_recovered: Decimal         # the whole case
    workers: int


@dataclass(frozen=True)
class HelpHistory:
    """帮扶档案: all help a household was ever given, totals by year, its legal-aid cases, and its people's
    trainings, placements and loans and its pairings (培训就业; count and amount are the reliefs only)."""

    rows: tuple[ReliefRow, ...]
    by_year: tuple[YearTotal, ...]
    count: int
    amount: Decimal
    legal: tuple[LegalHelp, ...] = ()
    trainings: tuple[TrainingHelp, ...] = ()
    placements: tuple[PlacementHelp, ...] = ()
    loans: tuple[LoanHelp, ...] = ()
    pairings: tuple[PairingHelp, ...] = ()


@dataclass(frozen=True)
class ReliefChange:
    relief_ids: tuple[int, ...]
    fund_ids: tuple[int, ...] = field(default=())
