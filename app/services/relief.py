"""Relief records (帮扶救助记录): record one act of help, correct a mistake, list and sum them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import peewee

from app import clock, session
from app.errors import FieldError, KnownError, ValidationError
from app.money import figures
from app.pinyin import sort_key
from app.services import audit, funds
from app.services.audit import AuditAction
from app.services.employment_help import household_jobs
from app.services.relief_forms import (
    ZERO,
    Conflict,
    HelpHistory,
    LegalHelp,
    Recipient,
    ReliefChange,
    ReliefForm,
    ReliefRow,
    YearTotal,
)
from app.services.relief_rules import Claimant, check_form, conflicts, duplicate_rule, filed_household, person_by_number
from app.session import Permission
from app.validation import check_id_number, mask_id_number
from db.database import database, tuples
from db.fields import from_cents
from db.models import (
    Campaign,
    FamilyMember,
    Fund,
    Household,
    HouseholdSearch,
    LegalApplicant,
    LegalCase,
    Person,
    Relief,
    ReliefItem,
)


class DuplicateRelief(ValidationError):
    """The one-a-year rule: these earlier reliefs stand in the way until each has a reason or is removed."""

    def __init__(self, found: Sequence[Conflict]) -> None:
        self.conflicts = list(found)
        super().__init__([FieldError("duplicate_reason", "重复救助", c.describe() + "，须填写理由或移出",
                                     row=None if c.line is None else c.line + 1) for c in self.conflicts])


def resolve_person(recipient: Recipient) -> int:
    """The Person row for a recipient: the given one, the one with that ID number, or a new one."""
    if recipient.person_id is not None:
        return recipient.person_id
    number = check_id_number(recipient.id_number).number if recipient.id_number else None
    if number:
        found = person_by_number(number)
        if found is not None:
            return found
    info = check_id_number(number) if number else None
    person = Person.create(name=recipient.name.strip(), id_number=number, sex=info.sex if info else None,
                           birth_date=info.birth_date if info else None, phone=recipient.phone or None,
                           work_unit=recipient.work_unit or None, name_pinyin=sort_key(recipient.name.strip()),
                           created_at=clock.now(), updated_at=clock.now())
    return int(person.id)


def _household_of(form: ReliefForm) -> tuple[int | None, str | None]:
    """The household the relief is recorded on and its status (None, None if there is none)."""
    household_id = form.household_id
    if household_id is None and form.recipient.person_id is not None:
        household_id = filed_household(form.recipient.person_id)
    if household_id is None and form.recipient.id_number:
        try:
            person = person_by_number(check_id_number(form.recipient.id_number).number)
        except ValueError:
            person = None
        household_id = filed_household(person) if person is not None else None
    if household_id is None:
        return None, None
    status = Household.select(Household.status).where(Household.id == household_id).scalar()
    if status is None:
        raise KnownError("所选档案已不存在，请刷新。")
    return household_id, str(status)


def record_relief(form: ReliefForm) -> ReliefChange:
    """Record one act of help after every check: who may receive it, the one-a-year rule, the fund."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        household_id, status = _household_of(form)
        errors: list[FieldError] = []
        check_form(form, errors, household_status=status)
        if errors:
            raise ValidationError(errors)
        person_id = resolve_person(form.recipient)
        if household_id is not None and not _belongs(person_id, household_id):
            raise ValidationError([FieldError("household", "档案", "受助人不是该档案的职工本人或家庭成员")])
        name = str(Person.select(Person.name).where(Person.id == person_id).scalar())
        found = conflicts([Claimant(None, name, household_id, person_id, form.relief_type, form.on_date)],
                          duplicate_rule())
        if found and not form.duplicate_reason.strip():
            raise DuplicateRelief(found)
        overdraw = None
        total = form.amount + form.goods_value
        if form.fund_id is not None and total > 0:
            overdraw = funds.check_draw(form.fund_id, total, form.overdraw_reason, form.on_date)
        relief_id = write_relief(form, person_id, household_id, duplicate=bool(found), overdraw=overdraw)
        audit.record(AuditAction.CREATE, target_kind="relief", target_id=relief_id,
                     target_label=f"{form.relief_type} {name}",
                     details={"类型": form.relief_type, "金额": figures(form.amount), "物资": figures(form.goods_value),
                              "日期": form.on_date.isoformat(), "重复救助理由": form.duplicate_reason if found else "",
                              "超支理由": overdraw or ""})
    return ReliefChange((relief_id,), (form.fund_id,) if form.fund_id else ())


def _belongs(person_id: int, household_id: int) -> bool:
    head = Household.select().where(Household.id == household_id, Household.head == person_id).exists()
    return bool(head or FamilyMember.select().where(FamilyMember.household == household_id,
                                                    FamilyMember.person == person_id).exists())


def write_relief(form: ReliefForm, person_id: int, household_id: int | None, *, duplicate: bool,
                 overdraw: str | None) -> int:
    """Store a checked relief and its items (inside the caller's transaction)."""
    student_id = resolve_person(form.student) if form.student is not None else None
    self_paid = form.self_paid
    if form.total_cost is not None and self_paid is None:
        self_paid = form.total_cost - (form.insurance_paid or ZERO)
    relief = Relief.create(
        person=person_id, household=household_id, relief_type=form.relief_type, on_date=form.on_date,
        amount=form.amount, goods_value=form.goods_value, fund=form.fund_id, campaign=form.campaign_id,
        handler=form.handler.strip() or session.current_operator(), temporary=form.temporary,
        duplicate_reason=form.duplicate_reason.strip() if duplicate else None, overdraw_reason=overdraw,
        note=form.note.strip(), hospital=form.hospital.strip() or None, diagnosis=form.diagnosis.strip() or None,
        total_cost=form.total_cost, insurance_paid=form.insurance_paid, self_paid=self_paid, student=student_id,
        school=form.school.strip() or None, school_level=form.school_level, admission_year=form.admission_year,
        created_by=session.current_operator(), created_at=clock.now())
    for item in form.items:
        ReliefItem.create(relief=relief, name=item.name.strip(), quantity=item.quantity, unit=item.unit.strip(),
                          value=item.value)
    return int(relief.id)


def delete_relief(relief_id: int, reason: str) -> ReliefChange:
    """Take back a relief recorded by mistake (the money returns to its fund); the trail keeps what it was."""
    session.require(Permission.DELETE)
    if not reason.strip():
        raise KnownError("撤销救助记录须说明原因。")
    with database.atomic("IMMEDIATE"):
        relief = Relief.get_or_none(Relief.id == relief_id)
        if relief is None:
            raise KnownError("该救助记录已不存在。")
        label = f"{relief.relief_type} {relief.person.name}"
        details = {"类型": relief.relief_type, "日期": relief.on_date.isoformat(), "金额": figures(relief.amount),
                   "物资": figures(relief.goods_value), "原因": reason.strip()}
        fund_ids = (relief.fund_id,) if relief.fund_id else ()
        relief.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="relief", target_id=relief_id, target_label=label,
                     details=details)
    return ReliefChange((relief_id,), fund_ids)


@dataclass(frozen=True)
class ReliefQuery:
    relief_type: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    fund_id: int | None = None
    campaign_id: int | None = None
    category: str | None = None
    household_id: int | None = None
    text: str = ""


def _filtered(query: ReliefQuery) -> Any:
    select: Any = (Relief.select(Relief.id).join(Person, on=(Relief.person == Person.id))
              .switch(Relief).join(Household, peewee.JOIN.LEFT_OUTER, on=(Relief.household == Household.id)))
    if query.relief_type:
        select = select.where(Relief.relief_type == query.relief_type)
    if query.start:
        select = select.where(Relief.on_date >= query.start)
    if query.end:
        select = select.where(Relief.on_date <= query.end)
    if query.fund_id:
        select = select.where(Relief.fund == query.fund_id)
    if query.campaign_id:
        select = select.where(Relief.campaign == query.campaign_id)
    if query.category:
        select = select.where(Household.category == query.category)
    if query.household_id:
        select = select.where(Relief.household == query.household_id)
    for word in query.text.split():
        matches = (Person.name.contains(word) | Person.id_number.endswith(word.upper())
                   | Household.file_no.contains(word) | Relief.note.contains(word)
                   | (Relief.school_level == word) | Relief.school.contains(word)
                   | Relief.hospital.contains(word) | Relief.diagnosis.contains(word))
        if re.fullmatch(r"[A-Za-z]+", word):  # pinyin, as on the 档案 tab: lwg or liuwen finds 刘文国
            letters = word.lower()
            by_file = HouseholdSearch.select(HouseholdSearch.household).where(
                peewee.fn.instr(HouseholdSearch.text, "\x1f" + letters) > 0)
            matches = matches | Person.name_pinyin.startswith(letters) | Relief.household.in_(by_file)
        select = select.where(matches)
    return select


def search_reliefs(query: ReliefQuery) -> list[int]:
    """Ids of matching reliefs, newest first (the list loads rows lazily)."""
    session.require(Permission.VIEW)
    sql, params = _filtered(query).order_by(Relief.on_date.desc(), Relief.id.desc()).sql()
    return [row[0] for row in database.execute_sql(sql, params).fetchall()]


def totals(query: ReliefQuery) -> tuple[int, Decimal]:
    """人次 and 金额 (cash plus goods) of the matching reliefs."""
    session.require(Permission.VIEW)
    sub = _filtered(query)
    row = next(tuples(Relief.select(peewee.fn.COUNT(Relief.id), peewee.fn.SUM(Relief.amount + Relief.goods_value))
                      .where(Relief.id.in_(sub))))
    return int(row[0]), from_cents(int(row[1] or 0))


def fetch_reliefs(ids: Sequence[int]) -> list[ReliefRow]:
    """Rows for these ids in the same order; ID numbers masked."""
    session.require(Permission.VIEW)
    if not ids:
        return []
    select = (Relief.select(Relief.id, Relief.on_date, Relief.relief_type, Person.name, Person.id_number,
                            Household.file_no, Household.category, Relief.amount, Relief.goods_value, Fund.name,
                            Campaign.name, Relief.handler, Relief.temporary, Relief.duplicate_reason, Relief.note)
              .join(Person, on=(Relief.person == Person.id)).switch(Relief)
              .join(Household, peewee.JOIN.LEFT_OUTER, on=(Relief.household == Household.id)).switch(Relief)
              .join(Fund, peewee.JOIN.LEFT_OUTER, on=(Relief.fund == Fund.id)).switch(Relief)
              .join(Campaign, peewee.JOIN.LEFT_OUTER, on=(Relief.campaign == Campaign.id))
              .where(Relief.id.in_(list(ids))))
    goods: dict[int, list[str]] = {}
    for relief_id, name, quantity, unit in tuples(ReliefItem.select(ReliefItem.relief, ReliefItem.name,
                                                                     ReliefItem.quantity, ReliefItem.unit)
                                                   .where(ReliefItem.relief.in_(list(ids)))):
        goods.setdefault(relief_id, []).append(f"{name}×{quantity}{unit}")
    rows = {}
    for (rid, day, rtype, name, number, file_no, category, amount, goods_value, fund, campaign, handler, temporary,
         duplicate, note) in tuples(select):
        rows[rid] = ReliefRow(rid, day, rtype, name, mask_id_number(number), file_no or "", category or "",
                              amount, goods_value, "、".join(goods.get(rid, [])), fund or "", campaign or "",
                              handler, bool(temporary), duplicate or "", note)
    return [rows[i] for i in ids if i in rows]


def household_help(household_id: int) -> HelpHistory:
    """帮扶档案: every relief recorded on this household, newest first, with totals by year; its legal aid,
    and its trainings, placements, loans and pairings."""
    ids = search_reliefs(ReliefQuery(household_id=household_id))
    rows = fetch_reliefs(ids)
    years: dict[int, tuple[int, Decimal]] = {}
    for row in rows:
        count, amount = years.get(row.on_date.year, (0, ZERO))
        years[row.on_date.year] = (count + 1, amount + row.amount + row.goods_value)
    by_year = tuple(YearTotal(y, c, a) for y, (c, a) in sorted(years.items(), reverse=True))
    jobs = household_jobs(household_id)
    return HelpHistory(tuple(rows), by_year, len(rows), sum((y.amount for y in by_year), ZERO),
                       _legal_help(household_id), jobs.trainings, jobs.placements, jobs.loans, jobs.pairings)


def _legal_help(household_id: int) -> tuple[LegalHelp, ...]:
    """Cases any person of the household (head or member) applied in, newest first."""
    people = {pid for (pid,) in tuples(Household.select(Household.head).where(Household.id == household_id))}
    people |= {pid for (pid,) in tuples(FamilyMember.select(FamilyMember.person)
                                        .where(FamilyMember.household == household_id))}
    if not people:
        return ()
    query = (LegalApplicant.select(LegalCase.case_no, LegalCase.cause, LegalCase.respondent, Person.name,
                                   LegalCase.accepted_on, LegalCase.closed_on, LegalApplicant.amount_recovered,
                                   LegalCase.amount_recovered, LegalCase.workers_involved)
             .join(LegalCase).switch(LegalApplicant).join(Person)
             .where(LegalApplicant.person.in_(list(people))).order_by(LegalCase.accepted_on.desc()))
    return tuple(LegalHelp(*row) for row in tuples(query))


def never_helped(household_ids: Sequence[int]) -> set[int]:
    """Those of these households with no relief at all (a work queue: files never helped)."""
    helped = {hid for (hid,) in tuples(Relief.select(Relief.household).distinct()
                                        .where(Relief.household.in_(list(household_ids))))}
    return set(household_ids) - helped

