"""The rules a relief must meet: who may receive which kind, the one-a-year rule, medical and school fields."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app import clock, vocab
from app.errors import FieldError
from app.money import figures
from app.services import settings
from app.services.relief_forms import Conflict, Recipient, ReliefForm
from app.validation import check_id_number
from app.vocab import FileStatus
from db.database import tuples
from db.models import FamilyMember, Household, Person, Relief

CENT = Decimal("0.01")
RULES = {
    "household-year": "同一户同一类型每个自然年一次",
    "person-year": "同一人同一类型每个自然年一次",
    "household-12m": "同一户同一类型12个月内一次",
    "off": "不检查",
}
DEFAULT_RULE = "household-year"


@dataclass(frozen=True)
class DuplicateRule:
    scope: str                       # a key of RULES
    exempt_types: frozenset[str]

    def applies(self, relief_type: str) -> bool:
        return self.scope != "off" and relief_type not in self.exempt_types

    def window(self, day: datetime.date) -> tuple[datetime.date, datetime.date]:
        if self.scope == "household-12m":
            return day - datetime.timedelta(days=365), day + datetime.timedelta(days=365)
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)

    @property
    def by_person(self) -> bool:
        return self.scope == "person-year"


def duplicate_rule() -> DuplicateRule:
    """The office's rule (settings 'duplicate_rule', 'duplicate_exempt_types'); default one a year per household."""
    scope = settings.get("duplicate_rule") or DEFAULT_RULE
    exempt = frozenset(t for t in settings.get("duplicate_exempt_types").split(",") if t.strip())
    return DuplicateRule(scope if scope in RULES else DEFAULT_RULE, exempt)


def filed_household(person_id: int) -> int | None:
    """The file on record (在档) the person heads, else one they are a member of."""
    head = (Household.select(Household.id).where(Household.head == person_id, Household.status == FileStatus.ACTIVE)
            .order_by(Household.id.desc()).limit(1).scalar())
    if head is not None:
        return int(head)
    member = (FamilyMember.select(FamilyMember.household).join(Household)
              .where(FamilyMember.person == person_id, Household.status == FileStatus.ACTIVE).limit(1).scalar())
    return int(member) if member is not None else None


def person_by_number(id_number: str) -> int | None:
    row = Person.select(Person.id).where(Person.id_number == id_number).first()
    return int(row.id) if row is not None else None


def check_recipient(recipient: Recipient, label: str, errors: list[FieldError], row: int | None = None) -> None:
    if recipient.person_id is not None:
        if Person.select(Person.id).where(Person.id == recipient.person_id).scalar() is None:
            errors.append(FieldError("recipient", label, "该人员已不存在", row=row))
        return
    if not recipient.name.strip():
        errors.append(FieldError("recipient", label, "请填写姓名或选择人员", row=row))
    if recipient.id_number:
        try:
            check_id_number(recipient.id_number)
        except ValueError as exc:
            errors.append(FieldError("id_number", f"{label}身份证号", str(exc), row=row))


def check_form(form: ReliefForm, errors: list[FieldError], *, row: int | None = None,
               household_status: str | None = None) -> None:
    """Everything about one relief that does not depend on other records (the fund and duplicates aside)."""
    if form.relief_type not in vocab.RELIEF_TYPES:
        errors.append(FieldError("relief_type", "救助类型", f"“{form.relief_type}”不在可选值中", row=row))
    if form.on_date > clock.today():
        errors.append(FieldError("on_date", "日期", "不能晚于今天", row=row))
    amounts = (("amount", "金额", form.amount), ("total_cost", "总费用", form.total_cost),
               ("insurance_paid", "医保报销", form.insurance_paid), ("self_paid", "自付", form.self_paid))
    for key, label, value in amounts:
        if value is not None and (value < 0 or value != value.quantize(CENT)):
            errors.append(FieldError(key, label, "应为不小于0、最多两位小数的金额", row=row))
    for index, item in enumerate(form.items):
        if not item.name.strip() or item.quantity < 1 or item.value < 0:
            errors.append(FieldError("items", f"物资第{index + 1}项", "须有名称、数量至少为1、价值不为负", row=row))
    if form.amount + form.goods_value == 0:
        errors.append(FieldError("amount", "金额", "金额和物资不能都为空", row=row))
    if form.amount + form.goods_value > 0 and form.fund_id is None:
        errors.append(FieldError("fund", "资金", "请选择从哪项资金支出", row=row))
    check_recipient(form.recipient, "受助人", errors, row)
    hardship = form.relief_type in vocab.HARDSHIP_RELIEF
    if hardship and not form.temporary and household_status != FileStatus.ACTIVE:
        errors.append(FieldError("household", "档案", f"{form.relief_type}须先建档后帮扶：受助人没有在档的"
                                 "困难职工档案；确属临时救助请勾选“临时救助”", row=row))
    if form.relief_type in vocab.MEDICAL_RELIEF:
        _check_medical(form, errors, row)
    if form.relief_type in vocab.EDUCATION_RELIEF:
        if form.student is None:
            errors.append(FieldError("student", "学生", "助学救助须写明受助学生", row=row))
        else:
            check_recipient(form.student, "学生", errors, row)
        if form.school_level not in vocab.SCHOOL_LEVELS:
            errors.append(FieldError("school_level", "就读阶段", "请选择大学、高中、中职等", row=row))


def _check_medical(form: ReliefForm, errors: list[FieldError], row: int | None) -> None:
    if form.total_cost is None:
        errors.append(FieldError("total_cost", "总费用", "医疗救助须填写医疗总费用", row=row))
        return
    insured = form.insurance_paid or Decimal(0)
    if insured > form.total_cost:
        errors.append(FieldError("insurance_paid", "医保报销", "不能超过总费用", row=row))
    self_paid = form.self_paid if form.self_paid is not None else form.total_cost - insured
    if form.self_paid is not None and form.self_paid != form.total_cost - insured:
        errors.append(FieldError("self_paid", "自付", f"应为总费用减医保报销：{figures(form.total_cost - insured)}",
                                 row=row))
    if form.amount > self_paid:
        errors.append(FieldError("amount", "金额", f"医疗救助不能超过自付部分 {figures(self_paid)} 元", row=row))


@dataclass(frozen=True)
class Claimant:
    """Whom the one-a-year rule counts: a household on file, or the person when there is none."""

    line: int | None
    name: str
    household_id: int | None
    person_id: int | None
    relief_type: str
    on_date: datetime.date


def conflicts(claimants: Sequence[Claimant], rule: DuplicateRule, *, exclude: Iterable[int] = ()) -> list[Conflict]:
    """Every claimant that already had the same kind of help in the rule's window, and repeats within the batch."""
    found: list[Conflict] = []
    # Someone new (no person on record, no file) cannot have had help before.
    relevant = [c for c in claimants if rule.applies(c.relief_type)
                and (c.household_id is not None or c.person_id is not None)]
    if not relevant:
        return found
    excluded = set(exclude)
    seen: dict[tuple[str, int | None, int | None, str], Claimant] = {}
    keys = {}
    for c in relevant:
        key = ("p", None, c.person_id, c.relief_type) if rule.by_person or c.household_id is None else \
            ("h", c.household_id, None, c.relief_type)
        keys[id(c)] = key
    starts, ends = zip(*(rule.window(c.on_date) for c in relevant), strict=True)
    existing: dict[tuple[str, int | None, int | None, str], list[tuple[int, datetime.date, Decimal]]] = {}
    households = sorted({c.household_id for c in relevant if c.household_id is not None})
    persons = sorted({c.person_id for c in relevant if c.person_id is not None})
    types = sorted({c.relief_type for c in relevant})
    for chunk_kind, values in (("h", households), ("p", persons)):
        column = Relief.household if chunk_kind == "h" else Relief.person
        for offset in range(0, len(values), 500):
            chunk = values[offset:offset + 500]
            query = (Relief.select(Relief.id, Relief.household, Relief.person, Relief.relief_type, Relief.on_date,
                                   Relief.amount, Relief.goods_value)
                     .where(column.in_(chunk), Relief.relief_type.in_(types),
                            Relief.on_date.between(min(starts), max(ends))))
            for rid, hid, pid, rtype, day, amount, goods in tuples(query):
                if rid in excluded:
                    continue
                key = ("h", hid, None, rtype) if chunk_kind == "h" else ("p", None, pid, rtype)
                existing.setdefault(key, []).append((rid, day, amount + goods))
    for c in relevant:
        key = keys[id(c)]
        start, end = rule.window(c.on_date)
        for rid, day, total in existing.get(key, []):
            if start <= day <= end:
                found.append(Conflict(c.line, c.name, rid, day, c.relief_type, total))
                break
        else:
            if key in seen and start <= seen[key].on_date <= end:
                found.append(Conflict(c.line, c.name, None, seen[key].on_date, c.relief_type, Decimal("0.00")))
        seen.setdefault(key, c)
    return found

