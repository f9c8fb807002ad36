"""Read-only views over the model-worker registers: work queues, a worker's timeline, visit rounds, figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import peewee

from app import clock, session, vocab
from app.errors import KnownError
from app.services.model_worker_forms import CITY_AND_ABOVE, LEVEL_RANK, ON_ROLL, highest_level, top_honour
from app.services.model_workers import honours_of, status_on
from app.session import Permission
from db.database import tuples
from db.fields import from_cents
from db.models import (
    Fund,
    HealthCheck,
    ModelWorker,
    ModelWorkerEvent,
    ModelWorkerVisit,
    Person,
    PracticalHelp,
    SubsidyEntry,
    SupplementaryInsurance,
)

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class QueueLine:
    """A worker in a work queue (health check due, not visited this year)."""

    worker_id: int
    name: str
    highest_level: str
    status: str
    work_unit: str
    last: datetime.date | None     # the last check or visit ever, if any

def _queue(year: int, model: Any, in_year: Any, *, city_and_above: bool) -> list[QueueLine]:
    """Workers on roll (at the end of `year`, or today) without a row of `model` in that year."""
    day = min(clock.today(), datetime.date(year, 12, 31))
    statuses = {k: v for k, v in status_on(day).items() if v[0] in ON_ROLL}
    honours = honours_of(list(statuses), year)
    levels = {wid: highest_level(h.level for h in honours.get(wid, ())) for wid in statuses}
    if city_and_above:
        statuses = {k: v for k, v in statuses.items() if levels[k] in CITY_AND_ABOVE}
    had = {wid for (wid,) in tuples(model.select(model.model_worker).where(in_year).distinct())}
    last = dict(tuples(model.select(model.model_worker, peewee.fn.MAX(model.on_date)).group_by(model.model_worker)))
    rows = (ModelWorker.select(ModelWorker.id, Person.name, ModelWorker.work_unit).join(Person)
            .where(ModelWorker.id.in_([k for k in statuses if k not in had])).order_by(Person.name_pinyin))
    return [QueueLine(wid, name, levels[wid], statuses[wid][0], unit,
                      datetime.date.fromisoformat(str(last[wid])) if last.get(wid) else None)
            for wid, name, unit in tuples(rows)]


def health_check_due(year: int | None = None) -> list[QueueLine]:
    """体检待办: city level and above (市级, 省部级, 全国), in work or retired, without a check for the year."""
    session.require(Permission.VIEW)
    year = year or clock.today().year
    return _queue(year, HealthCheck, HealthCheck.year == year, city_and_above=True)


def not_visited(year: int | None = None) -> list[QueueLine]:
    """今年未走访: workers in work or retired with no visit in the year."""
    session.require(Permission.VIEW)
    year = year or clock.today().year
    in_year = ModelWorkerVisit.on_date.between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return _queue(year, ModelWorkerVisit, in_year, city_and_above=False)


def honour_text(worker_ids: list[int], by_year: int) -> dict[int, str]:
    """称号/级别 for signature sheets: the worker's highest honour, as 市级劳动模范."""
    honours = honours_of(worker_ids, by_year)
    result = {}
    for wid, mine in honours.items():
        best = top_honour(mine)
        result[wid] = f"{best.level}{best.title}" if best else ""
    return result


@dataclass(frozen=True)
class TimelineItem:
    """One dated thing in a worker's history; insurance has only a year (on_date None)."""

    year: int
    on_date: datetime.date | None
    kind: str           # 动态, 走访, 体检, 补助金, 补充保险, 办实事
    text: str
    amount: Decimal | None = None


def timeline(worker_id: int) -> list[TimelineItem]:
    """A worker's whole history, newest first: ledger, visits, checks, subsidy, insurance, practical help."""
    session.require(Permission.VIEW)
    if ModelWorker.get_or_none(ModelWorker.id == worker_id) is None:
        raise KnownError("该劳模档案已不存在，请刷新。")
    items: list[TimelineItem] = []
    for e in ModelWorkerEvent.select().where(ModelWorkerEvent.model_worker == worker_id):
        what = e.event if e.event == e.status_after else f"{e.event}（{e.status_after}）"  # not 退休（退休）
        parts = (what, e.reason, e.document_no and f"文号{e.document_no}")
        text = "；".join(t for t in parts if t)
        items.append(TimelineItem(e.on_date.year, e.on_date, "动态", text))
    for v in ModelWorkerVisit.select().where(ModelWorkerVisit.model_worker == worker_id):
        text = "；".join(t for t in (v.occasion, v.round_name, f"走访人：{v.visitors}", v.gifts, v.note) if t)
        items.append(TimelineItem(v.on_date.year, v.on_date, "走访", text, v.amount))
    for h in HealthCheck.select().where(HealthCheck.model_worker == worker_id):
        items.append(TimelineItem(h.year, h.on_date, "体检", "；".join(t for t in (h.hospital, h.summary) if t)))
    for s in SubsidyEntry.select().where(SubsidyEntry.model_worker == worker_id):
        items.append(TimelineItem(s.on_date.year, s.on_date, "补助金", s.period, s.amount))
    for i in SupplementaryInsurance.select().where(SupplementaryInsurance.model_worker == worker_id):
        items.append(TimelineItem(i.year, None, "补充保险", f"{i.year}年度 {i.insurer}", i.premium))
    for p in PracticalHelp.select().where(PracticalHelp.model_worker == worker_id):
        items.append(TimelineItem(p.on_date.year, p.on_date, "办实事", "；".join(t for t in (p.what, p.note) if t)))
    items.sort(key=lambda i: (i.year, i.on_date or datetime.date(i.year, 1, 1)), reverse=True)
    return items


@dataclass(frozen=True)
class RoundSummary:
    name: str
    start: datetime.date
    end: datetime.date
    visits: int
    amount: Decimal


@dataclass(frozen=True)
class RoundLine:
    worker_id: int
    name: str
    honour: str          # 市级劳动模范: the highest honour by then
    work_unit: str
    amount: Decimal
    gifts: str
    on_date: datetime.date


@dataclass(frozen=True)
class VisitRound:
    """A visit round (走访批次) as the 慰问签领表 prints it."""

    name: str
    start: datetime.date
    end: datetime.date
    funds: tuple[str, ...]
    lines: tuple[RoundLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


def visit_rounds() -> list[RoundSummary]:
    """Every named round, the latest first."""
    session.require(Permission.VIEW)
    V = ModelWorkerVisit
    query = (V.select(V.round_name, peewee.fn.MIN(V.on_date), peewee.fn.MAX(V.on_date), peewee.fn.COUNT(V.id),
                      peewee.fn.SUM(V.amount))
             .where(V.round_name != "").group_by(V.round_name).order_by(peewee.fn.MAX(V.on_date).desc()))
    return [RoundSummary(name, _day(first), _day(last), int(count), from_cents(int(total or 0)))
            for name, first, last, count, total in tuples(query)]


def _day(value: object) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def visit_round(name: str) -> VisitRound:
    """The visits of one round in the order they were made, each with the worker's highest honour then."""
    session.require(Permission.VIEW)
    V = ModelWorkerVisit
    query = (V.select(V.model_worker, Person.name, ModelWorker.work_unit, V.amount, V.gifts, V.on_date, Fund.name)
             .join(ModelWorker).join(Person).switch(V).join(Fund, peewee.JOIN.LEFT_OUTER)
             .where(V.round_name == name.strip()).order_by(V.on_date, V.id))
    rows = list(tuples(query))
    if not rows:
        raise KnownError(f"没有名为“{name.strip()}”的走访批次。")
    end = max(row[5] for row in rows)
    honours = honours_of([row[0] for row in rows], end.year)
    lines = []
    for wid, person, unit, amount, gifts, day, _fund in rows:
        best = top_honour(honours.get(wid, ()))
        lines.append(RoundLine(wid, person, f"{best.level}{best.title}" if best else "", unit, amount, gifts, day))
    funds = tuple(dict.fromkeys(row[6] for row in rows if row[6]))
    return VisitRound(name.strip(), min(row[5] for row in rows), end, funds, tuple(lines))


@dataclass(frozen=True)
class ModelWorkerFigures:
    """劳模 figures for the statistical summary: the roll at the period's end and the care given in it."""

    start: datetime.date
    end: datetime.date
    on_roll_end: int                  # 在职 + 退休
    by_status_end: dict[str, int]     # every status, zeros included
    by_level_end: dict[str, int]      # highest level per worker, among those on roll
    city_and_above_end: int           # 市级以上, among those on roll
    added: int                        # 新增 in the period
    visits: int
    visited_people: int
    visit_amount: Decimal
    health_checks: int
    practical_help: int
    subsidy_paid: Decimal
    subsidy_people: int
    insured: int = 0                  # workers with a 补充保险 policy for a year of the period
    insurance_premium: Decimal = Decimal("0.00")


def model_worker_figures(start: datetime.date, end: datetime.date) -> ModelWorkerFigures:
    """The figures of a period (both ends included)."""
    session.require(Permission.VIEW)
    statuses = status_on(end)
    by_status = dict.fromkeys(vocab.MODEL_WORKER_STATUSES, 0)
    for status, _since in statuses.values():
        by_status[status] += 1
    on_roll = [wid for wid, (status, _since) in statuses.items() if status in ON_ROLL]
    honours = honours_of(on_roll, end.year)
    by_level = dict.fromkeys(sorted(LEVEL_RANK, key=LEVEL_RANK.__getitem__, reverse=True), 0)
    for wid in on_roll:
        level = highest_level(h.level for h in honours.get(wid, ()))
        if level:
            by_level[level] += 1
    V, S = ModelWorkerVisit, SubsidyEntry
    count, people, amount = next(tuples(V.select(peewee.fn.COUNT(V.id), peewee.fn.COUNT(V.model_worker.distinct()),
                                                 peewee.fn.SUM(V.amount)).where(V.on_date.between(start, end))))
    paid, paid_people = next(tuples(S.select(peewee.fn.SUM(S.amount), peewee.fn.COUNT(S.model_worker.distinct()))
                                    .where(S.on_date.between(start, end), S.model_worker.is_null(False))))
    added = ModelWorkerEvent.select().where(ModelWorkerEvent.event == "新增",
                                            ModelWorkerEvent.on_date.between(start, end)).count()
    return ModelWorkerFigures(
        start, end, len(on_roll), by_status, by_level, sum(by_level[level] for level in CITY_AND_ABOVE), int(added),
        int(count), int(people), from_cents(int(amount or 0)),
        int(HealthCheck.select().where(HealthCheck.on_date.between(start, end)).count()),
        int(PracticalHelp.select().where(PracticalHelp.on_date.between(start, end)).count()),
        from_cents(int(paid or 0)), int(paid_people), *_insurance(start.year, end.year))


def _insurance(first_year: int, last_year: int) -> tuple[int, Decimal]:
    """Workers insured (补充保险) for a year from first_year to last_year, and the premiums."""
    Ins = SupplementaryInsurance
    people, premium = next(tuples(Ins.select(peewee.fn.COUNT(Ins.model_worker.distinct()), peewee.fn.SUM(Ins.premium))
                                  .where(Ins.year.between(first_year, last_year))))
    return int(people), from_cents(int(premium or 0))
