"""Recording a campaign's whole batch of recipients in one step, every conflict listed before anything is written."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from decimal import Decimal

from app import clock, session
from app.errors import FieldError, KnownError, ValidationError
from app.money import figures
from app.progress import ProgressFn, no_progress
from app.services import audit, funds
from app.services.audit import AuditAction
from app.services.campaigns import BatchLine, BatchResult, parse_items
from app.services.relief import DuplicateRelief, resolve_person
from app.services.relief_forms import ReliefChange, ReliefForm
from app.services.relief_rules import (
    Claimant,
    check_form,
    conflicts,
    duplicate_rule,
    filed_household,
    person_by_number,
)
from app.session import Permission
from app.validation import check_id_number
from db.database import database, tuples
from db.fields import to_cents
from db.models import Campaign, FamilyMember, Household, Person

RELIEF_COLUMNS = ("person_id", "household_id", "relief_type", "on_date", "amount", "goods_value", "fund_id",
                  "campaign_id", "handler", "temporary", "duplicate_reason", "overdraw_reason", "note", "student_id",
                  "school", "school_level", "admission_year", "created_by", "created_at")
INSERT_RELIEF = (f"INSERT INTO relief ({', '.join(RELIEF_COLUMNS)}) "
                 f"VALUES ({', '.join('?' * len(RELIEF_COLUMNS))})")
INSERT_ITEM = "INSERT INTO relief_item (relief_id, name, quantity, unit, value) VALUES (?, ?, ?, ?, ?)"


def record_batch(campaign_id: int, lines: Sequence[BatchLine], on_date: datetime.date, *, handler: str = "",
                 overdraw_reason: str = "", progress: ProgressFn = no_progress) -> BatchResult:
    """Record one relief per line for the campaign, all or nothing.

    Every problem (a bad line, a recipient who already had this kind of help in the rule's window without
    a reason, a fund that cannot pay) is reported at once, with its line, before anything is written.
    """
    session.require(Permission.EDIT)
    if not lines:
        raise KnownError("名单为空，没有可登记的受助人。")
    with database.atomic("IMMEDIATE"):
        campaign = Campaign.get_or_none(Campaign.id == campaign_id)
        if campaign is None:
            raise KnownError("该帮扶活动不存在。")
        standard_items = parse_items(campaign.standard_items)
        forms = [_form(campaign, line, on_date, handler, standard_items) for line in lines]
        households = _households(lines)
        statuses = _statuses(households)
        lines = [_known(line) for line in lines]
        names = _names([line.recipient.person_id for line in lines])
        errors: list[FieldError] = []
        claimants = []
        for index, (line, form) in enumerate(zip(lines, forms, strict=True)):
            household_id = households[index]
            check_form(form, errors, row=index + 1, household_status=statuses.get(household_id or -1))
            name = names.get(line.recipient.person_id or -1, line.recipient.name)
            claimants.append(Claimant(index, name, household_id, line.recipient.person_id, form.relief_type, on_date))
            if index % 500 == 0:
                progress(index, 2 * len(lines), "正在检查名单")
        if errors:
            raise ValidationError(errors)
        found = conflicts(claimants, duplicate_rule())
        unexplained = [c for c in found if not lines[c.line or 0].duplicate_reason.strip()]
        if unexplained:
            raise DuplicateRelief(unexplained)
        total = sum((f.amount + f.goods_value for f in forms), Decimal("0.00"))
        overdraw = None
        if campaign.fund_id is not None and total > 0:
            overdraw = funds.check_draw(campaign.fund_id, total, overdraw_reason, on_date)
        marked = {c.line for c in found}
        ids = _write(forms, households, marked, overdraw, progress)
        audit.record(AuditAction.CREATE, target_kind="campaign", target_id=campaign_id, target_label=campaign.name,
                     details={"活动": campaign.name, "人次": len(ids), "金额": figures(total),
                              "日期": on_date.isoformat(), "重复救助（有理由）": len(marked),
                              "超支理由": overdraw or ""})
    progress(len(lines), len(lines), "已完成")
    return BatchResult(ReliefChange(tuple(ids), (campaign.fund_id,) if campaign.fund_id else ()), len(ids), total,
                       len(marked))


def _form(campaign: Campaign, line: BatchLine, on_date: datetime.date, handler: str,
          standard_items: tuple[object, ...]) -> ReliefForm:
    amount = line.amount if line.amount is not None else (campaign.standard_amount or Decimal("0.00"))
    items = line.items if line.items is not None else standard_items
    return ReliefForm(recipient=line.recipient, relief_type=campaign.relief_type, on_date=on_date, amount=amount,
                      fund_id=campaign.fund_id, campaign_id=campaign.id, household_id=line.household_id,
                      handler=handler, temporary=line.temporary, duplicate_reason=line.duplicate_reason,
                      note=line.note, student=line.student, school=line.school, school_level=line.school_level,
                      admission_year=line.admission_year, items=tuple(items))  # type: ignore[arg-type]


def _known(line: BatchLine) -> BatchLine:
    """A recipient named by an ID number already on file is that person (so the one-a-year rule sees them)."""
    recipient = line.recipient
    if recipient.person_id is None and recipient.id_number:
        try:
            found = person_by_number(check_id_number(recipient.id_number).number)
        except ValueError:
            return line  # reported by the checks with its line number
        if found is not None:
            return dataclasses.replace(line, recipient=dataclasses.replace(recipient, person_id=found))
    return line


def _households(lines: Sequence[BatchLine]) -> list[int | None]:
    """Each line's household: the one given, or the file on record the recipient heads or belongs to."""
    result: list[int | None] = []
    for line in lines:
        if line.household_id is not None:
            result.append(line.household_id)
        elif line.recipient.person_id is not None:
            result.append(filed_household(line.recipient.person_id))
        else:
            result.append(None)
    return result


def _statuses(household_ids: Sequence[int | None]) -> dict[int, str]:
    wanted = sorted({h for h in household_ids if h is not None})
    found: dict[int, str] = {}
    for offset in range(0, len(wanted), 500):
        chunk = wanted[offset:offset + 500]
        found.update(dict(tuples(Household.select(Household.id, Household.status).where(Household.id.in_(chunk)))))
    return found


def _names(person_ids: Sequence[int | None]) -> dict[int, str]:
    wanted = sorted({p for p in person_ids if p is not None})
    found: dict[int, str] = {}
    for offset in range(0, len(wanted), 500):
        chunk = wanted[offset:offset + 500]
        found.update(dict(tuples(Person.select(Person.id, Person.name).where(Person.id.in_(chunk)))))
    return found


def _write(forms: Sequence[ReliefForm], households: Sequence[int | None], marked: set[int | None],
           overdraw: str | None, progress: ProgressFn) -> list[int]:
    """Plain INSERTs on one cursor: 5,000 reliefs in well under a second."""
    cursor = database.cursor()
    who, now = session.current_operator(), clock.now().isoformat(sep=" ")
    ids: list[int] = []
    belonging = _memberships(households)
    for index, (form, household_id) in enumerate(zip(forms, households, strict=True)):
        person_id = resolve_person(form.recipient)
        if household_id is not None and (household_id, person_id) not in belonging:
            raise ValidationError([FieldError("household", "档案", "受助人不是该档案的职工本人或家庭成员",
                                              row=index + 1)])
        student_id = resolve_person(form.student) if form.student is not None else None
        cursor.execute(INSERT_RELIEF, (
            person_id, household_id, form.relief_type, form.on_date.isoformat(), to_cents(form.amount),
            to_cents(form.goods_value), form.fund_id, form.campaign_id, form.handler.strip() or who,
            int(form.temporary), form.duplicate_reason.strip() if index in marked else None, overdraw,
            form.note.strip(), student_id, form.school.strip() or None, form.school_level, form.admission_year,
            who, now))
        relief_id = int(cursor.lastrowid or 0)
        ids.append(relief_id)
        for item in form.items:
            cursor.execute(INSERT_ITEM, (relief_id, item.name, item.quantity, item.unit, to_cents(item.value)))
        if index % 500 == 0:
            progress(len(forms) + index, 2 * len(forms), "正在登记")
    return ids


def _memberships(household_ids: Sequence[int | None]) -> set[tuple[int, int]]:
    """(household, person) for every head and member of these households, read in bulk."""
    wanted = sorted({h for h in household_ids if h is not None})
    pairs: set[tuple[int, int]] = set()
    for offset in range(0, len(wanted), 500):
        chunk = wanted[offset:offset + 500]
        pairs.update(tuples(Household.select(Household.id, Household.head).where(Household.id.in_(chunk))))
        pairs.update(tuples(FamilyMember.select(FamilyMember.household, FamilyMember.person)
                            .where(FamilyMember.household.in_(chunk))))
    return pairs
