"""Reception (信访接待): register a letter, call or visit, hand it on, close it with a result, tie it to a file."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from app import clock, session, vocab
from app.errors import FieldError, KnownError, ValidationError
from app.services import audit, settings
from app.services.audit import AuditAction
from app.services.relief import resolve_person
from app.services.relief_forms import Recipient
from app.session import Permission
from app.validation import check_phone, mask_id_number, mask_phone
from app.vocab import PetitionStatus
from db.database import database, tuples
from db.models import Household, LegalCase, Person, Petition, PetitionEvent


@dataclass(frozen=True)
class PetitionForm:
    channel: str
    received_at: datetime.datetime
    category: str
    content: str
    person: Recipient | None = None       # who came or wrote (known or new); None when anonymous
    anonymous: bool = False               # calls may stay anonymous
    contact: str = ""
    work_unit: str = ""
    workers: int = 1


@dataclass(frozen=True)
class PetitionEventView:
    action: str
    on_date: datetime.date
    by_name: str
    note: str


@dataclass(frozen=True)
class PetitionView:
    id: int
    channel: str
    received_at: datetime.datetime
    name: str
    id_number: str            # masked
    contact: str
    work_unit: str
    category: str
    content: str
    workers: int
    registered_by: str
    handed_to: str
    handed_on: datetime.date | None
    due_on: datetime.date
    closed_on: datetime.date | None
    closed_by: str
    result: str
    reply: str
    household_id: int | None
    file_no: str
    legal_case_id: int | None
    case_no: str
    status: PetitionStatus
    overdue: bool
    events: tuple[PetitionEventView, ...] = ()
    person_id: int | None = None             # the person on record who came, wrote or called


def status_of(handed_on: datetime.date | None, closed_on: datetime.date | None) -> PetitionStatus:
    if closed_on is not None:
        return PetitionStatus.CLOSED
    return PetitionStatus.HANDED_ON if handed_on is not None else PetitionStatus.REGISTERED


def _event(petition_id: int, action: str, on_date: datetime.date, note: str = "") -> None:
    PetitionEvent.create(petition=petition_id, action=action, on_date=on_date, by_name=session.current_operator(),
                         note=note, created_at=clock.now())


def _checked(form: PetitionForm) -> str:
    """The rules a registration and a correction share; the contact phone as stored, or ValidationError."""
    errors: list[FieldError] = []
    if form.channel not in vocab.PETITION_CHANNELS:
        errors.append(FieldError("channel", "方式", "请选择来信、来电或来访"))
    if form.category not in vocab.PETITION_CATEGORIES:
        errors.append(FieldError("category", "类别", "请选择"))
    if not form.content.strip():
        errors.append(FieldError("content", "内容", "请写明反映的问题"))
    if form.received_at.date() > clock.today():
        errors.append(FieldError("received_at", "接待时间", "不能晚于今天"))
    if form.workers < 1:
        errors.append(FieldError("workers", "涉及人数", "至少为1"))
    if form.anonymous and form.channel != "来电":
        errors.append(FieldError("anonymous", "匿名", "只有来电可以匿名"))
    if not form.anonymous and (form.person is None or not (form.person.person_id or form.person.name.strip())):
        errors.append(FieldError("name", "姓名", "请填写来访人姓名（来电可匿名）"))
    contact = form.contact.strip()
    if contact:
        try:
            contact = check_phone(contact)
        except ValueError as exc:
            errors.append(FieldError("contact", "联系电话", str(exc)))
    if errors:
        raise ValidationError(errors)
    return contact


def _person(form: PetitionForm) -> tuple[int | None, str]:
    """Who came, wrote or called (found or added) and their name; (None, "") when anonymous."""
    if form.anonymous or form.person is None:
        return None, ""
    try:
        person_id = resolve_person(form.person)
    except ValueError as exc:
        raise ValidationError([FieldError("id_number", "身份证号", str(exc))]) from None
    return person_id, str(Person.select(Person.name).where(Person.id == person_id).scalar())


def register_petition(form: PetitionForm) -> int:
    """接待登记: the contact is registered with its time limit; a named person is found or added."""
    session.require(Permission.EDIT)
    contact = _checked(form)
    with database.atomic("IMMEDIATE"):
        person_id, name = _person(form)
        received = form.received_at.date()
        petition = Petition.create(
            channel=form.channel, received_at=form.received_at, person=person_id, anonymous=form.anonymous,
            name=name, contact=contact, work_unit=form.work_unit.strip(), category=form.category,
            content=form.content.strip(), workers=form.workers, registered_by=session.current_operator(),
            due_on=received + datetime.timedelta(days=settings.petition_limit_days()), created_at=clock.now())
        _event(petition.id, "登记", received, f"{form.channel}·{form.category}")
        audit.record(AuditAction.CREATE, target_kind="petition", target_id=petition.id,
                     target_label=f"{form.channel} {name or '匿名'}", details={"类别": form.category})
    return int(petition.id)


# What a correction may change, as the audit trail names it (the phone kept to its ends there).
EDITABLE = {"channel": "方式", "received_at": "接待时间", "anonymous": "匿名", "name": "姓名", "contact": "联系电话",
            "work_unit": "工作单位", "category": "类别", "content": "内容", "workers": "涉及人数", "due_on": "办理时限"}


def _recorded(petition: Petition) -> dict[str, object]:
    values: dict[str, object] = {key: getattr(petition, key) for key in EDITABLE}
    values["received_at"] = f"{petition.received_at:%Y-%m-%d %H:%M}"
    return values


def petition_form(petition_id: int) -> PetitionForm:
    """The contact as registered, its phone in full, to be corrected in the registration dialog (the reveal is
    audited)."""
    session.require(Permission.REVEAL)
    petition = _open(petition_id)
    if petition.contact:
        audit.record(AuditAction.REVEAL, target_kind="petition", target_id=petition_id, target_label=_label(petition),
                     details={"查看": "联系电话"})
    person = Recipient(person_id=petition.person_id) if petition.person_id is not None else None
    return PetitionForm(petition.channel, petition.received_at, petition.category, petition.content, person=person,
                        anonymous=petition.anonymous, contact=petition.contact, work_unit=petition.work_unit,
                        workers=petition.workers)


def update_petition(petition_id: int, form: PetitionForm) -> None:
    """Correct an open contact's registration (a slip in the category, content, unit, phone, workers, channel,
    time or person); the 登记 record follows, the time limit runs from the corrected date, every change is audited."""
    session.require(Permission.EDIT)
    contact = _checked(form)
    with database.atomic("IMMEDIATE"):
        petition = _open(petition_id)
        if petition.closed_on is not None:
            raise KnownError("该信访已办结，不能再修改。")
        received = form.received_at.date()
        later = (PetitionEvent.select(PetitionEvent.action, PetitionEvent.on_date)
                 .where(PetitionEvent.petition == petition_id, PetitionEvent.action != "登记")
                 .order_by(PetitionEvent.on_date).first())
        if later is not None and received > later.on_date:
            raise ValidationError([FieldError("received_at", "接待时间",
                                              f"不能晚于已记下的{later.action}日期 {later.on_date:%Y-%m-%d}")])
        before, before_person = _recorded(petition), petition.person_id
        person_id, name = _person(form)
        if received != petition.received_at.date():
            petition.due_on = received + datetime.timedelta(days=settings.petition_limit_days())
        petition.channel, petition.received_at, petition.category = form.channel, form.received_at, form.category
        petition.person_id, petition.anonymous, petition.name = person_id, form.anonymous, name
        petition.contact, petition.work_unit, petition.content = contact, form.work_unit.strip(), form.content.strip()
        petition.workers = form.workers
        petition.save()
        (PetitionEvent.update(on_date=received, note=f"{form.channel}·{form.category}")
         .where(PetitionEvent.petition == petition_id, PetitionEvent.action == "登记").execute())
        changed = audit.changes(before, _recorded(petition), EDITABLE, masked=("contact",))
        if person_id != before_person and before["name"] == name:
            changed.append(["姓名", "（改为另一位同名人员）", ""])
        if changed:
            audit.record(AuditAction.UPDATE, target_kind="petition", target_id=petition_id,
                         target_label=_label(petition), details={"修改": changed})


def _open(petition_id: int) -> Petition:
    petition = Petition.get_or_none(Petition.id == petition_id)
    if petition is None:
        raise KnownError("该信访记录已不存在。")
    return petition


def _label(petition: Petition) -> str:
    return f"{petition.channel} {petition.name or '匿名'} {petition.received_at:%Y-%m-%d}"


def hand_on(petition_id: int, to: str, on_date: datetime.date, note: str = "") -> None:
    """送达办理: handed to a department or person (may be repeated while open)."""
    session.require(Permission.EDIT)
    if not to.strip():
        raise KnownError("请写明送达哪个部门或由谁办理。")
    with database.atomic("IMMEDIATE"):
        petition = _open(petition_id)
        if petition.closed_on is not None:
            raise KnownError("该信访已办结，不能再送达办理。")
        if on_date < petition.received_at.date() or on_date > clock.today():
            raise KnownError("送达日期应在接待日期与今天之间。")
        petition.handed_to, petition.handed_on, petition.handed_by = to.strip(), on_date, session.current_operator()
        petition.save()
        _event(petition_id, "送达办理", on_date, f"送{to.strip()}" + (f"；{note.strip()}" if note.strip() else ""))
        audit.record(AuditAction.STEP, target_kind="petition", target_id=petition_id, target_label=_label(petition),
                     details={"操作": "送达办理", "送达": to.strip()})


def close_petition(petition_id: int, result: str, on_date: datetime.date, reply: str = "") -> None:
    """办结: never without a result; who closed it and when are recorded."""
    session.require(Permission.EDIT)
    if not result.strip():
        raise KnownError("办结须写明办理结果。")
    with database.atomic("IMMEDIATE"):
        petition = _open(petition_id)
        if petition.closed_on is not None:
            raise KnownError("该信访已经办结。")
        if on_date < petition.received_at.date() or on_date > clock.today():
            raise KnownError("办结日期应在接待日期与今天之间。")
        petition.closed_on, petition.closed_by = on_date, session.current_operator()
        petition.result, petition.reply = result.strip(), reply.strip()
        petition.save()
        _event(petition_id, "办结", on_date, result.strip())
        audit.record(AuditAction.STEP, target_kind="petition", target_id=petition_id, target_label=_label(petition),
                     details={"操作": "办结", "结果": result.strip()})


def link(petition_id: int, *, household_id: int | None = None, legal_case_id: int | None = None) -> None:
    """帮扶档案: tie the petition to the household file or the legal case it led to."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        petition = _open(petition_id)
        notes = []
        if household_id is not None:
            file_no = Household.select(Household.file_no).where(Household.id == household_id).scalar()
            if file_no is None:
                raise KnownError("该档案不存在。")
            petition.household_id = household_id
            notes.append(f"关联档案 {file_no}")
        if legal_case_id is not None:
            case_no = LegalCase.select(LegalCase.case_no).where(LegalCase.id == legal_case_id).scalar()
            if case_no is None:
                raise KnownError("该法律援助案件不存在。")
            petition.legal_case_id = legal_case_id
            notes.append(f"关联案件 {case_no}")
        if not notes:
            raise KnownError("请选择要关联的档案或案件。")
        petition.save()
        _event(petition_id, "关联", clock.today(), "；".join(notes))
        audit.record(AuditAction.STEP, target_kind="petition", target_id=petition_id, target_label=_label(petition),
                     details={"操作": "关联", "内容": "；".join(notes)})


@dataclass(frozen=True)
class PetitionQuery:
    status: PetitionStatus | None = None
    channel: str | None = None
    category: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    overdue_on: datetime.date | None = None    # only open petitions past their limit on that day
    text: str = ""


def _filtered(query: PetitionQuery) -> Any:
    select: Any = Petition.select(Petition.id)
    if query.status is PetitionStatus.CLOSED:
        select = select.where(Petition.closed_on.is_null(False))
    elif query.status is PetitionStatus.HANDED_ON:
        select = select.where(Petition.closed_on.is_null(True), Petition.handed_on.is_null(False))
    elif query.status is PetitionStatus.REGISTERED:
        select = select.where(Petition.closed_on.is_null(True), Petition.handed_on.is_null(True))
    if query.channel:
        select = select.where(Petition.channel == query.channel)
    if query.category:
        select = select.where(Petition.category == query.category)
    if query.start:
        select = select.where(Petition.received_at >= datetime.datetime.combine(query.start, datetime.time()))
    if query.end:
        select = select.where(Petition.received_at < datetime.datetime.combine(
            query.end + datetime.timedelta(days=1), datetime.time()))
    if query.overdue_on:
        select = select.where(overdue_condition(query.overdue_on))
    for word in query.text.split():
        select = select.where(Petition.name.contains(word) | Petition.content.contains(word)
                              | Petition.work_unit.contains(word) | Petition.contact.endswith(word))
    return select


def overdue_condition(day: datetime.date) -> peewee.Expression:
    """Open on `day` and past its limit: not closed by then, due before it."""
    return (Petition.due_on < day) & (Petition.closed_on.is_null(True) | (Petition.closed_on > day)) & (
        Petition.received_at < datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def search_petitions(query: PetitionQuery) -> list[int]:
    """Ids newest first."""
    session.require(Permission.VIEW)
    sql, params = _filtered(query).order_by(Petition.received_at.desc(), Petition.id.desc()).sql()
    return [row[0] for row in database.execute_sql(sql, params).fetchall()]


def overdue_count(day: datetime.date | None = None) -> int:
    """For the status bar: open petitions past their limit today."""
    session.require(Permission.VIEW)
    return int(Petition.select().where(overdue_condition(day or clock.today())).count())


def get_petitions(ids: Sequence[int], *, with_events: bool = False) -> list[PetitionView]:
    """Petitions in the given order; ID numbers masked."""
    session.require(Permission.VIEW)
    if not ids:
        return []
    today = clock.today()
    rows = {p.id: p for p in Petition.select().where(Petition.id.in_(list(ids)))}
    people = dict(tuples(Person.select(Person.id, Person.id_number)
                         .where(Person.id.in_([p.person_id for p in rows.values() if p.person_id]))))
    files = dict(tuples(Household.select(Household.id, Household.file_no)
                        .where(Household.id.in_([p.household_id for p in rows.values() if p.household_id]))))
    cases = dict(tuples(LegalCase.select(LegalCase.id, LegalCase.case_no)
                        .where(LegalCase.id.in_([p.legal_case_id for p in rows.values() if p.legal_case_id]))))
    events: dict[int, list[PetitionEventView]] = {}
    if with_events:
        for e in PetitionEvent.select().where(PetitionEvent.petition.in_(list(ids))).order_by(PetitionEvent.id):
            events.setdefault(e.petition_id, []).append(PetitionEventView(e.action, e.on_date, e.by_name, e.note))
    views = []
    for pid in ids:
        p = rows.get(pid)
        if p is None:
            continue
        views.append(PetitionView(
            p.id, p.channel, p.received_at, p.name or ("匿名" if p.anonymous else ""),
            mask_id_number(people.get(p.person_id)), mask_phone(p.contact), p.work_unit, p.category, p.content,
            p.workers, p.registered_by, p.handed_to or "", p.handed_on, p.due_on, p.closed_on, p.closed_by or "",
            p.result, p.reply, p.household_id, files.get(p.household_id, ""), p.legal_case_id,
            cases.get(p.legal_case_id, ""), status_of(p.handed_on, p.closed_on),
            p.closed_on is None and p.due_on < today, tuple(events.get(p.id, ())), p.person_id))
    return views


def get_petition(petition_id: int) -> PetitionView:
    found = get_petitions([petition_id], with_events=True)
    if not found:
        raise KnownError("该信访记录已不存在。")
    return found[0]
