"""Finding files: search-as-you-type, filters, sorting, list rows and the work queues."""

from __future__ import annotations

import dataclasses
import datetime
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import peewee

from app import clock, session
from app.services import settings
from app.services.household_forms import HouseholdRow
from app.services.household_rules import add_months
from app.session import Permission
from app.validation import clean_text, mask_id_number, mask_phone
from app.vocab import OPEN_STATUSES, FileStatus
from db.database import database, tuples
from db.fields import from_cents
from db.models import Household, HouseholdSearch, Person

OPEN = "在办"  # pseudo-status: every status of an open file


class Queue(StrEnum):
    """工作提醒: lists of files that need someone to act."""

    RECHECK_DUE = "待年度复核"
    SURVEY_DUE = "待入户调查"
    NOTICE_ENDED = "公示期满待认定"
    STALE = "一年未更新"
    PAST_RETENTION = "超过保存期限"


@dataclass(frozen=True)
class HouseholdQuery:
    text: str = ""
    category: str | None = None
    identity: str | None = None
    status: str | None = None          # a FileStatus value, OPEN, or None for all
    main_cause: str | None = None
    union_name: str | None = None
    filed_year: int | None = None
    queue: Queue | None = None
    sort: str = "file_no"
    descending: bool = False


SORT_COLUMNS: dict[str, peewee.Field] = {
    "file_no": Household.file_no,
    "name": Person.name_pinyin,
    "id_number": Person.id_number,
    "sex": Person.sex,
    "phone": Person.phone,
    "category": Household.category,
    "identity": Household.identity,
    "main_cause": Household.main_cause,
    "work_unit": Person.work_unit,
    "union_name": Household.union_name,
    "household_size": Household.household_size,
    "per_capita_monthly": Household.per_capita_monthly,
    "status": Household.status,
    "status_since": Household.status_since,
    "filed_on": Household.filed_on,
}


def _needles(text: str) -> list[str]:
    """Every word must match: letters as the start of a pinyin form, anything else anywhere."""
    needles = []
    for token in clean_text(text).lower().split():
        if re.fullmatch(r"[a-z]+", token):
            needles.append("\x1f" + token)
        else:
            needles.append(token.upper() if re.fullmatch(r"\d+x", token) else token)
    return needles


def _text_conditions(text: str) -> list[peewee.Expression]:
    conditions = []
    for needle in _needles(text):
        sub = HouseholdSearch.select(HouseholdSearch.household).where(
            peewee.fn.instr(HouseholdSearch.text, needle) > 0)
        conditions.append(Household.id.in_(sub))
    return conditions


def _queue_condition(queue: Queue, today: datetime.date) -> peewee.Expression:
    if queue is Queue.RECHECK_DUE:
        return _recheck_due(today)
    if queue is Queue.SURVEY_DUE:
        return (Household.status == FileStatus.REVIEWED) | _recheck_due(today)
    if queue is Queue.NOTICE_ENDED:
        return (Household.status == FileStatus.ON_NOTICE) & (Household.notice_end < today)
    if queue is Queue.PAST_RETENTION:
        return past_retention(today)
    cutoff = datetime.datetime.combine(today - datetime.timedelta(days=settings.stale_days()),
                                       datetime.time())
    return (Household.status.in_([str(s) for s in OPEN_STATUSES])) & (Household.updated_at < cutoff)


RETENTION_YEARS = 10


def past_retention(today: datetime.date) -> peewee.Expression:
    """Closed files (退档, 已脱困, 不予认定) kept the full ten years since they were closed."""
    cutoff = add_months(today, -12 * RETENTION_YEARS)
    closed = [str(s) for s in (FileStatus.WITHDRAWN, FileStatus.LIFTED, FileStatus.REJECTED)]
    return Household.status.in_(closed) & (Household.closed_on <= cutoff)


def _recheck_due(today: datetime.date) -> peewee.Expression:
    """在档 files whose last approval or re-check is a full period (12 months) old."""
    cutoff = add_months(today, -settings.recheck_months())
    last = peewee.fn.COALESCE(Household.last_recheck_on, Household.approved_on)
    return (Household.status == FileStatus.ACTIVE) & (last <= cutoff)


def _filtered(query: HouseholdQuery, today: datetime.date | None = None) -> Any:
    today = today or clock.today()
    select: Any = Household.select(Household.id)
    if SORT_COLUMNS.get(query.sort, Household.file_no).model is Person:
        select = select.join(Person, on=(Household.head == Person.id))
    conditions: list[peewee.Expression] = _text_conditions(query.text)
    if query.category:
        conditions.append(Household.category == query.category)
    if query.identity:
        conditions.append(Household.identity == query.identity)
    if query.status == OPEN:
        conditions.append(Household.status.in_([str(s) for s in OPEN_STATUSES]))
    elif query.status:
        conditions.append(Household.status == query.status)
    if query.main_cause:
        conditions.append(Household.main_cause == query.main_cause)
    if query.union_name:
        conditions.append(Household.union_name == query.union_name)
    if query.filed_year:
        start = datetime.date(query.filed_year, 1, 1)
        conditions.append((Household.filed_on >= start) &
                          (Household.filed_on < datetime.date(query.filed_year + 1, 1, 1)))
    if query.queue:
        conditions.append(_queue_condition(query.queue, today))
    if conditions:
        select = select.where(*conditions)
    return select


def search_ids(query: HouseholdQuery, today: datetime.date | None = None) -> list[int]:
    """Ids of the matching files in the requested order (the list model loads rows lazily).

    Search-as-you-type runs this on every keystroke: the ordered, filtered id list is cached
    until the database changes, and the text is matched against the narrow search table,
    or, when the words only grew since an earlier search ("zh" → "zha"), against that
    search's matches in memory.
    """
    session.require(Permission.VIEW)
    ordered = _ordered_ids(dataclasses.replace(query, text=""), today or clock.today())
    needles = _needles(query.text)
    if not needles:
        return list(ordered)
    matches = _text_matches(tuple(needles))
    return [i for i in ordered if i in matches]


MAX_CACHED_MATCHES = 30_000


class _SearchCache(threading.local):
    """Per thread (each has its own connection); emptied whenever the database changes."""

    def __init__(self) -> None:
        self.state: tuple[object, ...] | None = None
        self.ordered: dict[tuple[object, ...], list[int]] = {}
        self.texts: dict[tuple[str, ...], list[tuple[int, str]]] = {}

    def sync(self) -> None:
        state = _database_state()
        if state != self.state:
            self.state = state
            self.ordered.clear()
            self.texts.clear()


_cache = _SearchCache()


def _database_state() -> tuple[object, ...]:
    """Changes whenever any connection commits (data_version) or this one writes (total_changes)."""
    connection = database.connection()
    data_version = database.execute_sql("PRAGMA data_version").fetchone()[0]
    return (database.database, data_version, connection.total_changes)


def _text_matches(needles: tuple[str, ...]) -> set[int]:
    _cache.sync()
    rows = _cache.texts.get(needles)
    if rows is None:
        base = _narrowest_earlier(needles)
        if base is not None:
            rows = [(i, text) for i, text in base if all(n in text for n in needles)]
        else:
            where = " AND ".join(["instr(text, ?) > 0"] * len(needles))
            cursor = database.execute_sql(f"SELECT household_id, text FROM household_search WHERE {where}",
                                          list(needles))
            rows = cursor.fetchall()
        if len(rows) <= MAX_CACHED_MATCHES:
            if len(_cache.texts) >= 16:
                _cache.texts.pop(next(iter(_cache.texts)))
            _cache.texts[needles] = rows
    return {i for i, _text in rows}


def _narrowest_earlier(needles: tuple[str, ...]) -> list[tuple[int, str]] | None:
    """An earlier search whose matches must contain these: each of its words is inside one of ours."""
    best: list[tuple[int, str]] | None = None
    for earlier, rows in _cache.texts.items():
        if all(any(e in n for n in needles) for e in earlier) and (best is None or len(rows) < len(best)):
            best = rows
    return best


def _ordered_ids(query: HouseholdQuery, today: datetime.date) -> list[int]:
    _cache.sync()
    key = (query, today)
    cached = _cache.ordered.get(key)
    if cached is not None:
        return cached
    column = SORT_COLUMNS.get(query.sort, Household.file_no)
    order = column.desc() if query.descending else column.asc()
    tie = Household.id.desc() if query.descending else Household.id.asc()
    sql, params = _filtered(query, today).order_by(order, tie).sql()
    cursor = database.execute_sql(sql, params)  # plain cursor: 100,000 ids in ~20 ms
    ids = [row[0] for row in cursor.fetchall()]
    if len(_cache.ordered) >= 8:
        _cache.ordered.clear()
    _cache.ordered[key] = ids
    return ids


def count(query: HouseholdQuery, today: datetime.date | None = None) -> int:
    session.require(Permission.VIEW)
    return int(_filtered(query, today).count())


def fetch_rows(ids: Sequence[int]) -> list[HouseholdRow]:
    """List rows for these ids, in the same order; ID number and phone masked."""
    session.require(Permission.VIEW)
    if not ids:
        return []
    select = (Household.select(
        Household.id, Household.file_no, Person.name, Person.id_number, Person.sex, Person.phone,
        Household.category, Household.identity, Household.main_cause, Person.work_unit,
        Household.union_name, Household.household_size, Household.per_capita_monthly,
        Household.status, Household.status_since, Household.filed_on)
        .join(Person, on=(Household.head == Person.id)).where(Household.id.in_(list(ids))))
    sql, params = select.sql()
    by_id: dict[int, HouseholdRow] = {}
    # A plain cursor: this runs while the list paints, and peewee's row wrapping costs 5x.
    for (hid, file_no, name, id_number, sex, phone, category, identity, main_cause, work_unit,
         union_name, size, per_capita, status, status_since, filed_on) in database.execute_sql(sql, params):
        by_id[hid] = HouseholdRow(
            id=hid, file_no=file_no, name=name, id_number=mask_id_number(id_number),
            sex=sex or "", phone=mask_phone(phone), category=category or "",
            identity=identity, main_cause=main_cause or "", work_unit=work_unit or "",
            union_name=union_name or "", household_size=size,
            per_capita_monthly=from_cents(per_capita), status=status,
            status_since=datetime.date.fromisoformat(status_since),
            filed_on=datetime.date.fromisoformat(filed_on))
    return [by_id[i] for i in ids if i in by_id]


def queue_counts(today: datetime.date | None = None) -> dict[Queue, int]:
    """All four queues counted in one pass over the file table."""
    session.require(Permission.VIEW)
    today = today or clock.today()
    sums = [peewee.fn.COALESCE(peewee.fn.SUM(peewee.Case(None, [(_queue_condition(q, today), 1)], 0)), 0)
            for q in Queue]
    row = next(tuples(Household.select(*sums)))
    return {q: int(n) for q, n in zip(Queue, row, strict=True)}


def status_counts() -> dict[str, int]:
    """Files per status (every status present, zero included)."""
    session.require(Permission.VIEW)
    counts = {str(s): 0 for s in FileStatus}
    for status, n in tuples(Household.select(Household.status, peewee.fn.COUNT(Household.id))
                            .group_by(Household.status)):
        counts[status] = n
    return counts


def union_names() -> list[str]:
    """Unions already typed, for completion and the filter bar."""
    session.require(Permission.VIEW)
    rows = tuples(Household.select(Household.union_name)
                  .where(Household.union_name.is_null(False))
                  .distinct().order_by(Household.union_name))
    return [r[0] for r in rows if r[0]]


def work_units() -> list[str]:
    session.require(Permission.VIEW)
    rows = tuples(Person.select(Person.work_unit).where(Person.work_unit.is_null(False))
                  .distinct().order_by(Person.work_unit))
    return [r[0] for r in rows if r[0]]


def filed_years() -> list[int]:
    session.require(Permission.VIEW)
    rows = tuples(Household.select(
        peewee.fn.DISTINCT(peewee.fn.strftime("%Y", Household.filed_on))))
    return sorted((int(r[0]) for r in rows if r[0]), reverse=True)
