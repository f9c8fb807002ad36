"""Model workers (劳模): the archive and honours, the status ledger, and the archive as it stood on any day."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from app import clock, session, vocab
from app.errors import FieldError, KnownError, ValidationError
from app.services import audit
from app.services.audit import AuditAction
from app.services.model_worker_forms import (
    ADDED,
    ON_ROLL,
    ArchiveLine,
    EventView,
    HonourForm,
    HonourView,
    ModelWorkerForm,
    ModelWorkerView,
    StatusChange,
    check_change,
    check_form,
    check_photo,
    highest_level,
)
from app.services.relief import resolve_person
from app.services.relief_forms import Recipient
from app.services.relief_rules import person_by_number
from app.session import Permission
from app.validation import check_id_number, check_phone, clean_text, mask_id_number, mask_phone
from db.database import database, tuples
from db.models import Honour, ModelWorker, ModelWorkerEvent, Person

__all__ = [
    "ArchiveLine", "EventView", "HonourForm", "HonourView", "ModelWorkerForm", "ModelWorkerView", "StatusChange",
    "add_model_worker", "archive_on", "counts_on", "get_model_worker", "list_model_workers", "record_event",
    "set_photo", "status_on", "update_model_worker",
]


def history_of(worker_id: int) -> list[tuple[datetime.date, str, str]]:
    """The ledger so far: (date, event, status after), oldest first."""
    return list(tuples(ModelWorkerEvent.select(ModelWorkerEvent.on_date, ModelWorkerEvent.event,
                                               ModelWorkerEvent.status_after)
                       .where(ModelWorkerEvent.model_worker == worker_id)
                       .order_by(ModelWorkerEvent.on_date, ModelWorkerEvent.id)))


def on_roll_problem(worker_id: int, day: datetime.date, what: str) -> str | None:
    """Why `what` cannot be recorded for this worker on `day` (not yet in the archive, or no longer on roll)."""
    found = status_on(day, [worker_id]).get(worker_id)
    if found is None:
        return f"该劳模在{day.isoformat()}尚未建档，不能登记{what}"
    status, since = found
    if status not in ON_ROLL:
        return f"该劳模自{since.isoformat()}起为“{status}”，不能登记{day.isoformat()}的{what}"
    return None


def _worker(worker_id: int) -> ModelWorker:
    worker = ModelWorker.get_or_none(ModelWorker.id == worker_id)
    if worker is None:
        raise KnownError("该劳模档案已不存在，请刷新。")
    return worker


def name_of(worker_id: int) -> str:
    """The worker's name, for labels in the audit trail and messages."""
    name = Person.select(Person.name).join(ModelWorker).where(ModelWorker.id == worker_id).scalar()
    if name is None:
        raise KnownError("该劳模档案已不存在，请刷新。")
    return str(name)


def write_model_worker(form: ModelWorkerForm, added: StatusChange, photo: bytes | None) -> int:
    """Store a checked archive, its honours and its first ledger row (inside the caller's transaction)."""
    person = form.person
    recipient = Recipient(person.person_id, clean_text(person.name), person.id_number,
                          check_phone(form.phone) if form.phone.strip() else None, form.work_unit.strip())
    person_id = resolve_person(recipient)
    if ModelWorker.select().where(ModelWorker.person == person_id).exists():
        raise ValidationError([FieldError("id_number", "身份证号", "此人已在劳模档案中")])
    worker = ModelWorker.create(person=person_id, photo=photo, created_by=session.current_operator(),
                                created_at=clock.now(), **_details(form))
    _write_honours(worker.id, form.honours)
    append_event(worker.id, added)
    return int(worker.id)


def _details(form: ModelWorkerForm) -> dict[str, str]:
    return {"work_unit": form.work_unit.strip(), "job": form.job.strip(),
            "phone": check_phone(form.phone) if form.phone.strip() else "", "address": form.address.strip(),
            "studio": form.studio.strip(), "note": form.note.strip()}


def _write_honours(worker_id: int, honours: Sequence[HonourForm]) -> None:
    Honour.delete().where(Honour.model_worker == worker_id).execute()
    for h in honours:
        Honour.create(model_worker=worker_id, title=h.title, level=h.level, year=h.year,
                      document_no=h.document_no.strip())


def append_event(worker_id: int, change: StatusChange) -> int:
    """Add a checked row to the ledger (inside the caller's transaction); earlier rows are never touched."""
    event = ModelWorkerEvent.create(
        model_worker=worker_id, on_date=change.on_date, event=change.event,
        status_after=vocab.STATUS_AFTER_EVENT[change.event], reason=change.reason.strip() or
        ("建立劳模档案" if change.event == ADDED else ""), document_no=change.document_no.strip(),
        by_name=session.current_operator(), created_at=clock.now())
    return int(event.id)


def add_model_worker(form: ModelWorkerForm, on_date: datetime.date, *, reason: str = "", document_no: str = "",
                     photo: bytes | None = None) -> int:
    """建立劳模档案: the archive, its honours and the first ledger row 新增 (dated, with reason and document)."""
    session.require(Permission.EDIT)
    added = StatusChange(ADDED, on_date, reason, document_no)
    errors = check_form(form, new=True)
    problem = check_change([], added)
    if problem is not None:
        errors.append(problem)
    if photo is not None:
        try:
            check_photo(photo)
        except ValueError as exc:
            errors.append(FieldError("photo", "照片", str(exc)))
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        worker_id = write_model_worker(form, added, photo)
        name = name_of(worker_id)
        audit.record(AuditAction.CREATE, target_kind="model_worker", target_id=worker_id, target_label=f"劳模 {name}",
                     details={"称号": "、".join(f"{h.year}年{h.level}{h.title}" for h in form.honours),
                              "新增日期": on_date.isoformat(), "文号": document_no.strip()})
    return worker_id


def update_model_worker(worker_id: int, form: ModelWorkerForm) -> None:
    """Correct the archive's details and honours; the person stays (status changes go through the ledger)."""
    session.require(Permission.EDIT)
    errors = check_form(form, new=False)
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        worker = _worker(worker_id)
        if form.person.person_id is not None and form.person.person_id != worker.person_id:
            raise KnownError("劳模档案不能改为另一个人；请为此人另建档案。")
        old = {key: getattr(worker, key) for key in ("work_unit", "job", "phone", "address", "studio", "note")}
        old_honours = "、".join(h.text for h in honours_of([worker_id]).get(worker_id, ()))
        new = _details(form)
        for key, text in new.items():
            setattr(worker, key, text)
        worker.save()
        _write_honours(worker_id, form.honours)
        new_honours = "、".join(f"{h.year}年{h.level}{h.title}" for h in form.honours)
        labels = {"work_unit": "工作单位", "job": "职务", "phone": "联系电话", "address": "家庭住址",
                  "studio": "劳模创新工作室", "note": "备注", "honours": "荣誉称号"}
        changed = audit.changes({**old, "honours": old_honours}, {**new, "honours": new_honours}, labels,
                                masked=("phone",))
        audit.record(AuditAction.UPDATE, target_kind="model_worker", target_id=worker_id,
                     target_label=f"劳模 {name_of(worker_id)}", details={"修改": changed})


def set_photo(worker_id: int, photo: bytes | None) -> None:
    """Put in (or with None take out) the archive's photo: PNG or JPEG, at most 2 MB."""
    session.require(Permission.EDIT)
    if photo is not None:
        try:
            check_photo(photo)
        except ValueError as exc:
            raise ValidationError([FieldError("photo", "照片", str(exc))]) from None
    with database.atomic("IMMEDIATE"):
        worker = _worker(worker_id)
        worker.photo = photo
        worker.save()
        audit.record(AuditAction.UPDATE, target_kind="model_worker", target_id=worker_id,
                     target_label=f"劳模 {name_of(worker_id)}", details={"照片": "更换" if photo else "删除"})


def get_photo(worker_id: int) -> bytes | None:
    session.require(Permission.VIEW)
    data = ModelWorker.select(ModelWorker.photo).where(ModelWorker.id == worker_id).scalar()
    return bytes(data) if data else None


def record_event(worker_id: int, change: StatusChange) -> int:
    """动态管理: add a dated row (调出, 退休, 去世, 撤销称号, or 新增 after 调出); the status follows from it."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        _worker(worker_id)
        problem = check_change(history_of(worker_id), change)
        if problem is not None:
            raise ValidationError([problem])
        event_id = append_event(worker_id, change)
        audit.record(AuditAction.STEP, target_kind="model_worker", target_id=worker_id,
                     target_label=f"劳模 {name_of(worker_id)}",
                     details={"变动": change.event, "日期": change.on_date.isoformat(), "原因": change.reason.strip(),
                              "文号": change.document_no.strip()})
    return event_id


def status_on(day: datetime.date, worker_ids: Sequence[int] | None = None) -> dict[int, tuple[str, datetime.date]]:
    """Each worker's status on `day` and the date it began; workers not yet in the archive then are left out."""
    query = (ModelWorkerEvent.select(ModelWorkerEvent.model_worker, ModelWorkerEvent.status_after,
                                     ModelWorkerEvent.on_date)
             .where(ModelWorkerEvent.on_date <= day).order_by(ModelWorkerEvent.on_date, ModelWorkerEvent.id))
    if worker_ids is not None:
        query = query.where(ModelWorkerEvent.model_worker.in_(list(worker_ids)))
    return {worker_id: (status, since) for worker_id, status, since in tuples(query)}


def counts_on(day: datetime.date) -> dict[str, int]:
    """How many model workers stood in each status on `day` (every status listed, zeros included)."""
    session.require(Permission.VIEW)
    counts = dict.fromkeys(vocab.MODEL_WORKER_STATUSES, 0)
    for status, _since in status_on(day).values():
        counts[status] += 1
    return counts


def honours_of(worker_ids: Sequence[int], by_year: int | None = None) -> dict[int, tuple[HonourView, ...]]:
    """Honours per worker (awarded by the end of `by_year` if given), oldest first."""
    query = Honour.select().where(Honour.model_worker.in_(list(worker_ids))).order_by(Honour.year, Honour.id)
    if by_year is not None:
        query = query.where(Honour.year <= by_year)
    found: dict[int, list[HonourView]] = {}
    for h in query:
        found.setdefault(h.model_worker_id, []).append(HonourView(h.id, h.title, h.level, h.year, h.document_no))
    return {key: tuple(value) for key, value in found.items()}


def _lines(statuses: dict[int, tuple[str, datetime.date]], by_year: int) -> list[ArchiveLine]:
    ids = list(statuses)
    honours = honours_of(ids, by_year)
    query = (ModelWorker.select(ModelWorker.id, Person.name, Person.id_number, Person.sex, Person.birth_date,
                                ModelWorker.work_unit, ModelWorker.job, ModelWorker.phone, ModelWorker.studio)
             .join(Person).where(ModelWorker.id.in_(ids)).order_by(Person.name_pinyin, ModelWorker.id))
    lines = []
    for wid, name, number, sex, born, unit, job, phone, studio in tuples(query):
        mine = honours.get(wid, ())
        status, since = statuses[wid]
        lines.append(ArchiveLine(wid, name, mask_id_number(number), sex or "", born.year if born else None, unit,
                                 job, mask_phone(phone), status, since, highest_level(h.level for h in mine), mine,
                                 studio))
    return lines


def archive_on(day: datetime.date, *, on_roll_only: bool = False) -> list[ArchiveLine]:
    """The archive as it stood on `day`: who was in it, their status then, the honours awarded by then."""
    session.require(Permission.VIEW)
    statuses = status_on(day)
    if on_roll_only:
        statuses = {k: v for k, v in statuses.items() if v[0] in ON_ROLL}
    return _lines(statuses, day.year)


def list_model_workers(*, status: str | None = None, level: str | None = None, text: str = "") -> list[ArchiveLine]:
    """The archive today, by name: optionally one status, one highest level, and words (name, unit, ID end)."""
    lines = archive_on(clock.today())
    if status:
        lines = [line for line in lines if line.status == status]
    if level:
        lines = [line for line in lines if line.highest_level == level]
    for word in text.split():
        lines = [line for line in lines if word in line.name or word in line.work_unit or word in line.studio
                 or line.id_number.endswith(word.upper())]
    return lines


def get_model_worker(worker_id: int, *, reveal: bool = False) -> ModelWorkerView:
    """One archive with its honours and ledger; revealing the full ID number and phone is audited."""
    session.require(Permission.REVEAL if reveal else Permission.VIEW)
    worker = _worker(worker_id)
    person = worker.person
    statuses = status_on(datetime.date.max, [worker_id])
    if worker_id not in statuses:
        raise KnownError("该劳模档案没有动态记录（数据不完整），请检查数据库。")
    line = _lines(statuses, datetime.date.max.year)[0]
    events = tuple(EventView(e.id, e.on_date, e.event, e.status_after, e.reason, e.document_no, e.by_name)
                   for e in ModelWorkerEvent.select().where(ModelWorkerEvent.model_worker == worker_id)
                   .order_by(ModelWorkerEvent.on_date, ModelWorkerEvent.id))
    has_photo = bool(ModelWorker.select().where(ModelWorker.id == worker_id, ModelWorker.photo.is_null(False)).exists())
    if reveal:
        audit.record(AuditAction.REVEAL, target_kind="model_worker", target_id=worker_id,
                     target_label=f"劳模 {person.name}")
    return ModelWorkerView(line, person.id, (person.id_number or "") if reveal else line.id_number,
                           worker.phone if reveal else line.phone, worker.address, worker.note, has_photo,
                           person.ethnicity or "", person.political_status or "", events)


def worker_ids_by_number(numbers: Iterable[str]) -> dict[str, int]:
    """ID number → model worker id, for the numbers that have an archive."""
    wanted = list(dict.fromkeys(numbers))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        found.update(dict(tuples(ModelWorker.select(Person.id_number, ModelWorker.id).join(Person)
                                 .where(Person.id_number.in_(wanted[start:start + 500])))))
    return found


def find_worker(text: str) -> int:
    """A worker by internal id or ID number (for commands)."""
    session.require(Permission.VIEW)
    text = text.strip()
    if text.isdigit() and len(text) < 18:
        _worker(int(text))
        return int(text)
    try:
        number = check_id_number(text).number
    except ValueError as exc:
        raise KnownError(f"“{mask_id_number(text)}”既不是劳模编号，也不是有效的身份证号：{exc}") from None
    person = person_by_number(number)
    worker = ModelWorker.select(ModelWorker.id).where(ModelWorker.person == person).scalar() if person else None
    if worker is None:
        raise KnownError("没有此身份证号的劳模档案。")
    return int(worker)
