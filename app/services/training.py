"""Training sessions (培训班, 期) and their trainees: create and correct a session, add people one by one, lists.

A session's cost is recorded with the fund it was paid from, for the record only: it is not drawn from
the fund's balance (funds count relief paid out). Pasted lists are in training_paste, the sheet in Excel
through employment_exchange.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import peewee

from app import clock, session, vocab
from app.errors import FieldError, KnownError, ValidationError
from app.money import figures
from app.services import audit, settings
from app.services import employment_rules as rules
from app.services.audit import AuditAction
from app.services.relief_forms import Recipient
from app.session import Permission
from app.validation import mask_id_number
from db.database import database, tuples
from db.fields import from_cents
from db.models import Fund, Person, Trainee, TrainingSession

ZERO = rules.ZERO
MAX_DAYS = 366


@dataclass(frozen=True)
class SessionForm:
    """培训班 as the clerk types it."""

    name: str
    kind: str                      # 创业培训 / 技能培训
    start_date: datetime.date
    end_date: datetime.date
    trade: str = ""                # 电焊, 刺绣 …: required for 技能培训
    place: str = ""
    organiser: str = ""
    cost: Decimal = ZERO
    fund_id: int | None = None     # which fund paid (for the record; not drawn from its balance)
    note: str = ""


@dataclass(frozen=True)
class SessionView:
    id: int
    name: str
    kind: str
    trade: str
    start_date: datetime.date
    end_date: datetime.date
    place: str
    organiser: str
    cost: Decimal
    fund_id: int | None
    fund: str
    note: str
    trainees: int = 0
    by_group: dict[str, int] = field(default_factory=dict)   # every group of TRAINEE_GROUPS, zeros included
    completed: int = 0
    certified: int = 0

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


@dataclass(frozen=True)
class TraineeForm:
    """One person added to a session: a known person, a file's head or member, or someone new (name + ID)."""

    person: Recipient
    group: str                     # 下岗职工 / 农民工 / 在岗职工 / 其他
    completed: bool = False
    certificate_no: str = ""       # a certificate implies completion
    note: str = ""


@dataclass(frozen=True)
class TraineeUpdate:
    group: str
    completed: bool
    certificate_no: str = ""
    note: str = ""


@dataclass(frozen=True)
class TraineeView:
    id: int
    session_id: int
    person_id: int
    name: str
    sex: str
    id_number: str      # masked
    group: str
    completed: bool
    certificate_no: str
    note: str
    file_no: str        # the open file the person heads or belongs to, if any


@dataclass(frozen=True)
class PersonTraining:
    """One line of a person's training history."""

    trainee_id: int
    session_id: int
    session: str
    kind: str
    trade: str
    start_date: datetime.date
    end_date: datetime.date
    group: str
    completed: bool
    certificate_no: str


def check_session(form: SessionForm, session_id: int | None = None) -> list[FieldError]:
    errors: list[FieldError] = []
    name = rules.text(errors, "name", "培训班名称", form.name, max_length=64, required=True)
    if name and TrainingSession.select().where(TrainingSession.name == name,
                                               TrainingSession.id != (session_id or 0)).exists():
        errors.append(FieldError("name", "培训班名称", f"已有名为“{name}”的培训班"))
    rules.choice(errors, "kind", "培训类型", form.kind, vocab.TRAINING_KINDS)
    trade = form.trade.strip()
    stored = (TrainingSession.select(TrainingSession.trade).where(TrainingSession.id == session_id).scalar()
              if session_id else None)
    trades = settings.value_lists().get("training_trade", vocab.TRAINING_TRADES)
    if form.kind == "技能培训" and not trade:
        errors.append(FieldError("trade", "工种", "技能培训须选择工种（如电焊、刺绣）"))
    elif trade and trade not in trades and trade != stored:
        errors.append(FieldError("trade", "工种", f"“{trade}”不在工种列表中（可在本单位设置中增加）"))
    if form.end_date < form.start_date:
        errors.append(FieldError("end_date", "结束日期", "不能早于开始日期"))
    elif (form.end_date - form.start_date).days >= MAX_DAYS:
        errors.append(FieldError("end_date", "结束日期", "一期培训不能超过一年，请核对日期"))
    rules.text(errors, "place", "培训地点", form.place, max_length=64)
    rules.text(errors, "organiser", "主办单位", form.organiser, max_length=64)
    rules.money(errors, "cost", "培训费用", form.cost)
    if form.fund_id is not None and not Fund.select().where(Fund.id == form.fund_id).exists():
        errors.append(FieldError("fund", "资金", "所选资金已不存在"))
    return errors


def _columns(form: SessionForm) -> dict[str, object]:
    return {"name": form.name.strip(), "kind": form.kind, "trade": form.trade.strip(), "start_date": form.start_date,
            "end_date": form.end_date, "place": form.place.strip(), "organiser": form.organiser.strip(),
            "cost": rules.cents(form.cost), "fund": form.fund_id, "note": form.note.strip()}


def create_session(form: SessionForm) -> int:
    """A new 培训班 (期); trainees are added afterwards."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        rules.raise_any(check_session(form))
        row = TrainingSession.create(**_columns(form), created_by=session.current_operator(), created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="training_session", target_id=row.id, target_label=row.name,
                     details={"类型": form.kind, "工种": form.trade, "日期": f"{form.start_date}至{form.end_date}",
                              "费用": figures(form.cost)})
    return int(row.id)


LABELS = {"name": "名称", "kind": "类型", "trade": "工种", "start_date": "开始日期", "end_date": "结束日期",
          "place": "地点", "organiser": "主办单位", "cost": "费用", "fund": "资金", "note": "备注"}


def update_session(session_id: int, form: SessionForm) -> None:
    """Correct a session's details; every changed field goes to the audit trail."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        row = _session(session_id)
        rules.raise_any(check_session(form, session_id))
        before = {k: getattr(row, k if k != "fund" else "fund_id") for k in LABELS}
        after = _columns(form)
        for key, value in after.items():
            setattr(row, key, value)
        row.save()
        changed = audit.changes(before, after, LABELS)
        if changed:
            audit.record(AuditAction.UPDATE, target_kind="training_session", target_id=session_id,
                         target_label=row.name, details={"修改": changed})


def delete_session(session_id: int) -> None:
    """Delete a session entered by mistake, with its trainee list."""
    session.require(Permission.DELETE)
    with database.atomic("IMMEDIATE"):
        row = _session(session_id)
        count = Trainee.select().where(Trainee.session == session_id).count()
        row.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="training_session", target_id=session_id,
                     target_label=row.name, details={"学员人数": count})


def _session(session_id: int) -> TrainingSession:
    row = TrainingSession.get_or_none(TrainingSession.id == session_id)
    if row is None:
        raise KnownError("该培训班已不存在，请刷新。")
    return row


def check_trainee(form: TraineeForm | TraineeUpdate, errors: list[FieldError]) -> None:
    rules.choice(errors, "group", "学员类别", form.group, vocab.TRAINEE_GROUPS)
    rules.text(errors, "certificate_no", "证书编号", form.certificate_no, max_length=32)
    rules.text(errors, "note", "备注", form.note, max_length=200)


def add_trainee(session_id: int, form: TraineeForm) -> int:
    """One person into a session (once per session); someone new is added from name and ID number."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    check_trainee(form, errors)
    rules.check_person(errors, form.person, "学员")
    with database.atomic("IMMEDIATE"):
        row = _session(session_id)
        rules.raise_any(errors)
        person_id = rules.person_for(form.person)
        name = str(Person.select(Person.name).where(Person.id == person_id).scalar())
        if Trainee.select().where(Trainee.session == session_id, Trainee.person == person_id).exists():
            raise ValidationError([FieldError("person", "学员", f"{name}已在“{row.name}”中")])
        trainee = Trainee.create(session=session_id, person=person_id, group=form.group,
                                 completed=form.completed or bool(form.certificate_no.strip()),
                                 certificate_no=form.certificate_no.strip(), note=form.note.strip())
        audit.record(AuditAction.CREATE, target_kind="trainee", target_id=trainee.id,
                     target_label=f"{row.name} {name}", details={"类别": form.group})
    return int(trainee.id)


def update_trainee(trainee_id: int, form: TraineeUpdate) -> None:
    """Change a trainee's group, completion, certificate or note."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    check_trainee(form, errors)
    rules.raise_any(errors)
    with database.atomic("IMMEDIATE"):
        trainee = _trainee(trainee_id)
        before = {"group": trainee.group, "completed": trainee.completed, "certificate_no": trainee.certificate_no,
                  "note": trainee.note}
        after = {"group": form.group, "completed": form.completed or bool(form.certificate_no.strip()),
                 "certificate_no": form.certificate_no.strip(), "note": form.note.strip()}
        for key, value in after.items():
            setattr(trainee, key, value)
        trainee.save()
        changed = audit.changes(before, after, {"group": "类别", "completed": "结业", "certificate_no": "证书编号",
                                                "note": "备注"})
        if changed:
            audit.record(AuditAction.UPDATE, target_kind="trainee", target_id=trainee_id,
                         target_label=_trainee_label(trainee), details={"修改": changed})


def set_completed(trainee_ids: Sequence[int], completed: bool = True) -> int:
    """Mark several trainees as having completed (结业) or not; returns how many changed."""
    session.require(Permission.EDIT)
    wanted = list(dict.fromkeys(trainee_ids))
    with database.atomic("IMMEDIATE"):
        query = Trainee.select(Trainee.id).where(Trainee.id.in_(wanted), Trainee.completed != completed)
        if not completed:
            query = query.where(Trainee.certificate_no == "")
        changing = [tid for (tid,) in tuples(query)]
        if changing:
            Trainee.update(completed=completed).where(Trainee.id.in_(changing)).execute()
            audit.record(AuditAction.UPDATE, target_kind="trainee", target_label="批量修改结业",
                         details={"结业": "是" if completed else "否", "人数": len(changing)})
    return len(changing)


def remove_trainee(trainee_id: int) -> None:
    """Take a person off a session's list."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        trainee = _trainee(trainee_id)
        label = _trainee_label(trainee)
        trainee.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="trainee", target_id=trainee_id, target_label=label)


def _trainee(trainee_id: int) -> Trainee:
    trainee = Trainee.get_or_none(Trainee.id == trainee_id)
    if trainee is None:
        raise KnownError("该学员记录已不存在，请刷新。")
    return trainee


def _trainee_label(trainee: Trainee) -> str:
    return f"{trainee.session.name} {trainee.person.name}"


@dataclass(frozen=True)
class SessionQuery:
    start: datetime.date | None = None    # sessions starting on or after
    end: datetime.date | None = None      # … and on or before
    kind: str | None = None
    trade: str | None = None
    text: str = ""                         # name, place or organiser


def list_sessions(query: SessionQuery = SessionQuery()) -> list[SessionView]:
    """Sessions newest first, each with its trainee counts by group."""
    session.require(Permission.VIEW)
    select = TrainingSession.select(TrainingSession.id)
    if query.start:
        select = select.where(TrainingSession.start_date >= query.start)
    if query.end:
        select = select.where(TrainingSession.start_date <= query.end)
    if query.kind:
        select = select.where(TrainingSession.kind == query.kind)
    if query.trade:
        select = select.where(TrainingSession.trade == query.trade)
    for word in query.text.split():
        select = select.where(TrainingSession.name.contains(word) | TrainingSession.place.contains(word)
                              | TrainingSession.organiser.contains(word))
    ids = [i for (i,) in tuples(select.order_by(TrainingSession.start_date.desc(), TrainingSession.id.desc()))]
    return session_views(ids)


def session_views(ids: Sequence[int]) -> list[SessionView]:
    """Sessions in the given order with their counts (the caller checked the permission)."""
    if not ids:
        return []
    rows = {r.id: r for r in TrainingSession.select(TrainingSession, Fund.name.alias("fund_name"))
            .join(Fund, peewee.JOIN.LEFT_OUTER).where(TrainingSession.id.in_(list(ids))).objects()}
    groups: dict[int, dict[str, int]] = {}
    done: dict[int, tuple[int, int]] = {}
    for sid, group, count, completed, certified in tuples(
            Trainee.select(Trainee.session, Trainee.group, peewee.fn.COUNT(Trainee.id),
                           peewee.fn.SUM(Trainee.completed), peewee.fn.SUM(Trainee.certificate_no != ""))
            .where(Trainee.session.in_(list(ids))).group_by(Trainee.session, Trainee.group)):
        groups.setdefault(sid, {})[group] = int(count)
        old = done.get(sid, (0, 0))
        done[sid] = (old[0] + int(completed or 0), old[1] + int(certified or 0))
    views = []
    for sid in ids:
        r = rows.get(sid)
        if r is None:
            continue
        by_group = {g: 0 for g in vocab.TRAINEE_GROUPS} | groups.get(sid, {})
        views.append(SessionView(r.id, r.name, r.kind, r.trade, r.start_date, r.end_date, r.place, r.organiser,
                                 r.cost, r.fund_id, getattr(r, "fund_name", None) or "", r.note,
                                 sum(by_group.values()), by_group, *done.get(sid, (0, 0))))
    return views


def get_session(session_id: int) -> SessionView:
    session.require(Permission.VIEW)
    found = session_views([session_id])
    if not found:
        raise KnownError("该培训班已不存在，请刷新。")
    return found[0]


def session_by_name(name: str) -> int | None:
    session.require(Permission.VIEW)
    found = TrainingSession.select(TrainingSession.id).where(TrainingSession.name == name.strip()).scalar()
    return int(found) if found is not None else None


def session_trainees(session_id: int) -> list[TraineeView]:
    """The session's trainees in the order they were added; ID numbers masked."""
    session.require(Permission.VIEW)
    rows = list(tuples(Trainee.select(Trainee.id, Trainee.person, Person.name, Person.sex, Person.id_number,
                                      Trainee.group, Trainee.completed, Trainee.certificate_no, Trainee.note)
                       .join(Person).where(Trainee.session == session_id).order_by(Trainee.id)))
    files = rules.files_of([r[1] for r in rows])
    return [TraineeView(tid, session_id, pid, name, sex or "", mask_id_number(number), group, bool(completed),
                        certificate, note, files.get(pid, ""))
            for tid, pid, name, sex, number, group, completed, certificate, note in rows]


def person_trainings(person_id: int) -> list[PersonTraining]:
    """Every session a person was in, newest first."""
    session.require(Permission.VIEW)
    query = (Trainee.select(Trainee.id, TrainingSession.id, TrainingSession.name, TrainingSession.kind,
                            TrainingSession.trade, TrainingSession.start_date, TrainingSession.end_date, Trainee.group,
                            Trainee.completed, Trainee.certificate_no)
             .join(TrainingSession).where(Trainee.person == person_id)
             .order_by(TrainingSession.start_date.desc(), Trainee.id.desc()))
    return [PersonTraining(tid, sid, name, kind, trade, start, end, group, bool(completed), certificate)
            for tid, sid, name, kind, trade, start, end, group, completed, certificate in tuples(query)]


@dataclass(frozen=True)
class TrainingFigures:
    """培训: sessions starting in the period, their trainees by group and what they cost (投入培训资金)."""

    sessions: int
    trainees: int
    by_group: dict[str, int]
    cost: Decimal = ZERO


def training_figures(start: datetime.date, end: datetime.date) -> TrainingFigures:
    session.require(Permission.VIEW)
    in_period = TrainingSession.start_date.between(start, end)
    sessions = TrainingSession.select().where(in_period).count()
    by_group = {g: 0 for g in vocab.TRAINEE_GROUPS}
    for group, count in tuples(Trainee.select(Trainee.group, peewee.fn.COUNT(Trainee.id)).join(TrainingSession)
                               .where(in_period).group_by(Trainee.group)):
        by_group[group] = int(count)
    cost = TrainingSession.select(peewee.fn.SUM(TrainingSession.cost)).where(in_period).scalar()
    return TrainingFigures(sessions, sum(by_group.values()), by_group, from_cents(int(cost or 0)))
