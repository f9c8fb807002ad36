"""Jobs (就业): placements (再就业) that may close a file's unemployment cause, and referrals (职业介绍).

Start-up loans are in loans.py. A placement is recorded on the open file the person heads or belongs
to; closing the cause goes through households.update_household, so the file is checked and the change
is in the audit trail like any edit of the file.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

import peewee

from app import clock, session, vocab
from app.errors import FieldError, KnownError, ValidationError
from app.services import audit
from app.services import employment_rules as rules
from app.services import households as hs
from app.services.audit import AuditAction
from app.services.household_detail import load_details
from app.services.relief_forms import Recipient
from app.session import Permission
from app.validation import mask_id_number
from db.database import database, tuples
from db.models import Household, Person, Placement, Referral


@dataclass(frozen=True)
class PlacementForm:
    person: Recipient
    group: str                    # 下岗职工 / 农民工 / 失业人员 / 其他
    employer: str
    on_date: datetime.date
    job: str = ""
    how_found: str = ""           # 职业介绍, 招聘会, 培训推荐 …
    close_cause: bool = False     # also take 下岗失业 / 有劳动能力而未就业 off the person's file
    note: str = ""


@dataclass(frozen=True)
class CauseChange:
    """What closing the unemployment cause did to a file (changed False: nothing to do, or not allowed)."""

    household_id: int | None
    file_no: str
    changed: bool
    note: str                     # in words, for the message after saving


@dataclass(frozen=True)
class PlacementChange:
    placement_id: int
    household_id: int | None
    cause: CauseChange | None


@dataclass(frozen=True)
class PlacementView:
    id: int
    person_id: int
    name: str
    id_number: str                # masked
    group: str
    employer: str
    job: str
    on_date: datetime.date
    how_found: str
    household_id: int | None
    file_no: str
    note: str


def check_placement(form: PlacementForm, errors: list[FieldError]) -> None:
    rules.choice(errors, "group", "人员类别", form.group, vocab.PLACEMENT_GROUPS)
    rules.text(errors, "employer", "就业单位", form.employer, max_length=128, required=True)
    rules.text(errors, "job", "岗位", form.job, max_length=64)
    if form.how_found:
        rules.choice(errors, "how_found", "就业途径", form.how_found, vocab.HOW_FOUND)
    rules.not_future(errors, "on_date", "就业日期", form.on_date)
    rules.text(errors, "note", "备注", form.note, max_length=200)


def record_placement(form: PlacementForm) -> PlacementChange:
    """再就业: a person back in work, on their open file if they have one; optionally closing its cause."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    check_placement(form, errors)
    rules.check_person(errors, form.person, "就业人员")
    with database.atomic("IMMEDIATE"):
        rules.raise_any(errors)
        person_id = rules.person_for(form.person)
        household_id = rules.open_household(person_id)
        row = Placement.create(person=person_id, group=form.group, employer=form.employer.strip(),
                               job=form.job.strip(), on_date=form.on_date, how_found=form.how_found,
                               household=household_id, note=form.note.strip(), created_by=session.current_operator(),
                               created_at=clock.now())
        name = str(Person.select(Person.name).where(Person.id == person_id).scalar())
        audit.record(AuditAction.CREATE, target_kind="placement", target_id=row.id,
                     target_label=f"{name} {row.employer}",
                     details={"类别": form.group, "日期": form.on_date.isoformat(), "途径": form.how_found})
        cause = None
        if form.close_cause:
            cause = close_unemployment_cause(household_id) if household_id is not None else CauseChange(
                None, "", False, f"{name}没有在办的困难职工档案，无致困原因可关闭")
    return PlacementChange(int(row.id), household_id, cause)


def close_unemployment_cause(household_id: int) -> CauseChange:
    """Take 下岗失业 and 有劳动能力而未就业 off a file's causes: from the secondary ones, and from the main one
    when another cause can take its place (the first remaining secondary cause); else it is left and said so."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        found = load_details([household_id], with_events=False)
        if not found:
            raise KnownError("该档案已不存在，请刷新。")
        detail = found[0]
        form, file_no = detail.form, detail.form.file_no
        if detail.status not in rules.OPEN:
            return CauseChange(household_id, file_no, False, f"档案 {file_no} 已“{detail.status}”，致困原因未改动")
        secondary = tuple(c for c in form.secondary_causes if c not in rules.UNEMPLOYMENT_CAUSES)
        main, notes = form.main_cause, []
        if main in rules.UNEMPLOYMENT_CAUSES:
            if secondary:
                main, secondary = secondary[0], secondary[1:]
                notes.append(f"主要致困原因由“{form.main_cause}”改为“{main}”")
            else:
                notes.append(f"主要致困原因“{main}”没有其他原因可以替代，未改动，请在档案中核实")
        removed = [c for c in form.secondary_causes if c in rules.UNEMPLOYMENT_CAUSES]
        if removed:
            notes.append(f"次要致困原因去掉“{'、'.join(removed)}”")
        if form.zero_employment:
            notes.append("档案仍标记为零就业家庭，请核实")
        changed = main != form.main_cause or secondary != form.secondary_causes
        if changed:
            try:
                hs.update_household(household_id, dataclasses.replace(form, main_cause=main,
                                                                      secondary_causes=secondary),
                                    accept_warnings=True)
            except ValidationError as exc:
                raise KnownError(f"档案 {file_no} 当前有需要修正的内容，致困原因未能修改：{exc}。"
                                 "请先在档案中修正，或不勾选“关闭致困原因”。") from None
        elif not notes:
            notes.append("没有下岗失业或有劳动能力而未就业的致困原因")
    return CauseChange(household_id, file_no, changed, f"档案 {file_no}：" + "；".join(notes))


def update_placement(placement_id: int, form: PlacementForm) -> None:
    """Correct a placement (the person stays; close_cause is not applied again)."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    check_placement(form, errors)
    rules.raise_any(errors)
    with database.atomic("IMMEDIATE"):
        row = Placement.get_or_none(Placement.id == placement_id)
        if row is None:
            raise KnownError("该再就业记录已不存在，请刷新。")
        labels = {"group": "类别", "employer": "就业单位", "job": "岗位", "on_date": "日期", "how_found": "途径",
                  "note": "备注"}
        before = {k: getattr(row, k) for k in labels}
        after = {"group": form.group, "employer": form.employer.strip(), "job": form.job.strip(),
                 "on_date": form.on_date, "how_found": form.how_found, "note": form.note.strip()}
        for key, value in after.items():
            setattr(row, key, value)
        row.save()
        changed = audit.changes(before, after, labels)
        if changed:
            audit.record(AuditAction.UPDATE, target_kind="placement", target_id=placement_id,
                         target_label=f"{row.person.name} {row.employer}", details={"修改": changed})


def delete_placement(placement_id: int) -> None:
    session.require(Permission.DELETE)
    with database.atomic("IMMEDIATE"):
        row = Placement.get_or_none(Placement.id == placement_id)
        if row is None:
            raise KnownError("该再就业记录已不存在。")
        label = f"{row.person.name} {row.employer}"
        row.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="placement", target_id=placement_id, target_label=label)


@dataclass(frozen=True)
class JobQuery:
    start: datetime.date | None = None
    end: datetime.date | None = None
    group: str | None = None          # placements: 人员类别
    outcome: str | None = None        # referrals: 结果
    person_id: int | None = None
    text: str = ""                    # name, employer


def _filtered(model: Any, query: JobQuery) -> Any:
    select = model.select(model.id).join(Person, on=(model.person == Person.id))
    if query.start:
        select = select.where(model.on_date >= query.start)
    if query.end:
        select = select.where(model.on_date <= query.end)
    if query.person_id:
        select = select.where(model.person == query.person_id)
    for word in query.text.split():
        select = select.where(Person.name.contains(word) | model.employer.contains(word)
                              | Person.id_number.endswith(word.upper()))
    return select.order_by(model.on_date.desc(), model.id.desc())


def list_placements(query: JobQuery = JobQuery()) -> list[PlacementView]:
    """Placements newest first; ID numbers masked."""
    session.require(Permission.VIEW)
    select = _filtered(Placement, query)
    if query.group:
        select = select.where(Placement.group == query.group)
    return placement_views([i for (i,) in tuples(select)])


def placement_views(ids: list[int]) -> list[PlacementView]:
    if not ids:
        return []
    rows = {r[0]: r for r in tuples(
        Placement.select(Placement.id, Placement.person, Person.name, Person.id_number, Placement.group,
                         Placement.employer, Placement.job, Placement.on_date, Placement.how_found,
                         Placement.household, Household.file_no, Placement.note)
        .join(Person, on=(Placement.person == Person.id)).switch(Placement)
        .join(Household, peewee.JOIN.LEFT_OUTER, on=(Placement.household == Household.id))
        .where(Placement.id.in_(ids)))}
    return [PlacementView(r[0], r[1], r[2], mask_id_number(r[3]), r[4], r[5], r[6], r[7], r[8], r[9], r[10] or "",
                          r[11]) for r in (rows.get(i) for i in ids) if r is not None]


@dataclass(frozen=True)
class ReferralForm:
    person: Recipient
    employer: str
    on_date: datetime.date
    outcome: str = "待反馈"        # 已录用 / 未录用 / 待反馈
    note: str = ""


@dataclass(frozen=True)
class ReferralView:
    id: int
    person_id: int
    name: str
    id_number: str                # masked
    employer: str
    on_date: datetime.date
    outcome: str
    note: str


def check_referral(form: ReferralForm) -> list[FieldError]:
    errors: list[FieldError] = []
    rules.text(errors, "employer", "用人单位", form.employer, max_length=128, required=True)
    rules.choice(errors, "outcome", "结果", form.outcome, vocab.REFERRAL_OUTCOMES)
    rules.not_future(errors, "on_date", "介绍日期", form.on_date)
    rules.text(errors, "note", "备注", form.note, max_length=200)
    return errors


def record_referral(form: ReferralForm) -> int:
    """职业介绍: a person introduced to an employer; the outcome may follow later."""
    session.require(Permission.EDIT)
    errors = check_referral(form)
    rules.check_person(errors, form.person, "求职人员")
    with database.atomic("IMMEDIATE"):
        rules.raise_any(errors)
        person_id = rules.person_for(form.person)
        row = Referral.create(person=person_id, employer=form.employer.strip(), on_date=form.on_date,
                              outcome=form.outcome, note=form.note.strip(), created_by=session.current_operator(),
                              created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="referral", target_id=row.id,
                     target_label=f"{row.person.name} {row.employer}", details={"结果": form.outcome})
    return int(row.id)


def set_referral_outcome(referral_id: int, outcome: str, note: str | None = None) -> None:
    """The employer's answer (已录用 / 未录用), or back to 待反馈; the note replaced when given."""
    session.require(Permission.EDIT)
    if outcome not in vocab.REFERRAL_OUTCOMES:
        raise ValidationError([FieldError("outcome", "结果", f"请选择：{'、'.join(vocab.REFERRAL_OUTCOMES)}")])
    with database.atomic("IMMEDIATE"):
        row = Referral.get_or_none(Referral.id == referral_id)
        if row is None:
            raise KnownError("该职业介绍记录已不存在，请刷新。")
        before = row.outcome
        row.outcome = outcome
        if note is not None:
            row.note = note.strip()[:200]
        row.save()
        audit.record(AuditAction.UPDATE, target_kind="referral", target_id=referral_id,
                     target_label=f"{row.person.name} {row.employer}", details={"修改": [["结果", before, outcome]]})


def delete_referral(referral_id: int) -> None:
    session.require(Permission.DELETE)
    with database.atomic("IMMEDIATE"):
        row = Referral.get_or_none(Referral.id == referral_id)
        if row is None:
            raise KnownError("该职业介绍记录已不存在。")
        label = f"{row.person.name} {row.employer}"
        row.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="referral", target_id=referral_id, target_label=label)


def list_referrals(query: JobQuery = JobQuery()) -> list[ReferralView]:
    session.require(Permission.VIEW)
    select = _filtered(Referral, query)
    if query.outcome:
        select = select.where(Referral.outcome == query.outcome)
    ids = [i for (i,) in tuples(select)]
    rows = {r[0]: r for r in tuples(Referral.select(Referral.id, Referral.person, Person.name, Person.id_number,
                                                    Referral.employer, Referral.on_date, Referral.outcome,
                                                    Referral.note)
                                    .join(Person).where(Referral.id.in_(ids)))} if ids else {}
    return [ReferralView(r[0], r[1], r[2], mask_id_number(r[3]), *r[4:]) for r in (rows.get(i) for i in ids) if r]


@dataclass(frozen=True)
class EmploymentFigures:
    """再就业 and 职业介绍 in a period: placements (in all and by group) and referrals."""

    placements: int
    placements_by_group: dict[str, int]
    referrals: int


def employment_figures(start: datetime.date, end: datetime.date) -> EmploymentFigures:
    session.require(Permission.VIEW)
    by_group = {g: 0 for g in vocab.PLACEMENT_GROUPS}
    for group, count in tuples(Placement.select(Placement.group, peewee.fn.COUNT(Placement.id))
                               .where(Placement.on_date.between(start, end)).group_by(Placement.group)):
        by_group[group] = int(count)
    referrals = Referral.select().where(Referral.on_date.between(start, end)).count()
    return EmploymentFigures(sum(by_group.values()), by_group, referrals)
