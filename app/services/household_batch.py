"""Writing new hardship files held as columns (the import wizard): one INSERT per table for the whole batch.

The files come in groups of rows alike in every shared value (category, cause, incomes, dates …), each
group checked once by check_household; each file brings its own person, numbers and free text. A row of
a table is the file's own values followed by its group's, converted once per group: what
households.create_household stores for each file (tests/app/test_household_batch.py compares them).
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from app import clock, pinyin, session
from app.errors import FieldError
from app.progress import ProgressFn, no_progress
from app.services import households as hs
from app.services import settings
from app.services.household_bulk import as_sqlite, last_number, next_id, persons_on_record, taken_since_checked
from app.services.household_detail import HEAD_PERSON_FIELDS
from app.services.household_forms import CheckResult, FileState
from app.session import Permission
from app.vocab import FileAction, FileStatus
from db.database import database
from db.models import BaseModel, Household, HouseholdEvent, HouseholdSearch, Person

PERSON_OWN = ("name", "id_number", "sex", "birth_date", "phone", "work_unit", "address", "hukou_place")


@dataclass(frozen=True)
class NewFiles:
    """Checked new files: each file's own values by form field, and the checked form of the group it is in."""

    sheet: str
    rows: list[int]                       # the sheet row of each file
    own: dict[str, list[Any]]             # form field → each file's value (name, id_number, sex, birth_date always)
    group_of: list[int]                   # each file's group
    groups: list[CheckResult]             # each group's check: its form holds every value but the own ones
    states: list[FileState]               # each group's state in the old register

    def __len__(self) -> int:
        return len(self.rows)


def taken_meanwhile(files: NewFiles) -> list[FieldError]:
    """Files whose head or number got an open file since they were checked (a few queries for all)."""
    ids = files.own["id_number"]
    given = files.own.get("file_no") or [None] * len(ids)
    return [FieldError(problem.field, problem.label, problem.message, row=files.rows[index], sheet=files.sheet)
            for index, problem in taken_since_checked(ids, given)]


def create_files(files: NewFiles, progress: ProgressFn = no_progress) -> int:
    """Store the files (those with a number of their own first, then those numbered automatically, each in
    sheet order); the caller holds the write transaction. Returns how many were created."""
    session.require(Permission.IMPORT)
    if not database.in_transaction():
        raise RuntimeError("create_files runs inside the caller's write transaction")
    files = _numbered_first(files)
    size = len(files)
    if not size:
        return 0
    steps = 5
    progress(0, steps, "正在写入档案")
    now, by_name, notice_days = clock.now(), session.current_operator(), settings.notice_days()
    household_ids = list(range(next_id(Household), next_id(Household) + size))
    sorting, name_keys = pinyin.sort_and_name_keys(files.own["name"])
    with _indexes_built_after(size):
        _write(files, household_ids, sorting, name_keys, now, by_name, notice_days, progress)
    progress(steps, steps, "正在写入档案")
    return size


def _write(files: NewFiles, household_ids: list[int], sorting: Sequence[str], name_keys: Sequence[tuple[str, ...]],
           now: datetime.datetime, by_name: str, notice_days: int, progress: ProgressFn) -> None:
    steps = 5
    head_ids = _write_persons(files, sorting, now)
    progress(1, steps, "正在写入档案")
    file_numbers = _file_numbers(files)
    templates = [_household_template(check, state, notice_days, now) for check, state in zip(
        files.groups, files.states, strict=True)]
    own_keys = [k for k in files.own if k in hs.COLUMN_STORE]
    own_columns: list[Sequence[object]] = [household_ids, head_ids, file_numbers]
    own_columns += [list(map(hs.COLUMN_STORE[k], files.own[k])) for k in own_keys]
    shared_names = [n for n in dict.fromkeys(k for t in templates for k in t) if n not in own_keys]
    _insert(Household, ["id", "head_id", "file_no", *own_keys], shared_names, own_columns,
            [tuple(t.get(n) for n in shared_names) for t in templates], files.group_of)
    progress(2, steps, "正在写入档案")
    _write_search(files, name_keys, household_ids, file_numbers)
    progress(3, steps, "正在写入档案")
    _write_events(files, household_ids, [t["filed_on"] for t in templates], notice_days, by_name, now)
    progress(4, steps, "正在写入档案")


INDEXED = ("person", "household", "household_event")
REBUILD_FROM = 10_000  # rows at least, and at least as many as the tables hold


@contextlib.contextmanager
def _indexes_built_after(size: int) -> Iterator[None]:
    """A large batch into tables holding fewer rows than it brings: their indexes are dropped and created again
    after the inserts (one sorted build each instead of a hundred thousand updates; the whole write takes about
    a fifth less). Inside the caller's transaction, so a failure or a cancel rolls the drop back with the rest."""
    held = database.execute_sql("SELECT MAX((SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM household))"
                                ).fetchone()[0]
    if size < REBUILD_FROM or size < held:
        yield
        return
    tables = ", ".join(f"'{t}'" for t in INDEXED)
    indexes = database.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                   f"AND tbl_name IN ({tables})").fetchall()
    for name, _sql in indexes:
        database.execute_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        database.execute_sql(sql)


def _numbered_first(files: NewFiles) -> NewFiles:
    given = files.own.get("file_no")
    if not given or not any(given):
        return files
    order = [at for at, n in enumerate(given) if n] + [at for at, n in enumerate(given) if not n]

    def pick(column: Sequence[Any]) -> list[Any]:
        return [column[at] for at in order]

    return NewFiles(files.sheet, pick(files.rows), {k: pick(c) for k, c in files.own.items()}, pick(files.group_of),
                    files.groups, files.states)


def _write_persons(files: NewFiles, sorting: Sequence[str], now: datetime.datetime) -> list[int]:
    """The heads as person rows: a person already on record (by ID number) is updated, the others inserted."""
    names = [n.strip() for n in files.own["name"]]
    ids = files.own["id_number"]
    on_record = persons_on_record([n for n in ids if n])
    first = next_id(Person)
    head_ids = list(range(first, first + len(files)))
    if on_record:
        head_ids = [on_record.get(n, 0) for n in ids]
        fresh = iter(range(first, first + len(files)))
        head_ids = [known or next(fresh) for known in head_ids]
    own_keys = [k for k in PERSON_OWN if k in files.own]
    shared_keys = [k for k in HEAD_PERSON_FIELDS if k not in own_keys]
    own_columns: list[Sequence[object]] = [head_ids, names, sorting]
    own_columns += [[n or None for n in ids] if k == "id_number" else list(map(hs.none_if_blank, files.own[k]))
                    for k in own_keys if k != "name"]
    shared = [(*(hs.none_if_blank(getattr(check.form, k)) for k in shared_keys), now, now) for check in files.groups]
    names_of = ["id", "name", "name_pinyin", *(k for k in own_keys if k != "name")]
    keep = [at for at, n in enumerate(ids) if n not in on_record] if on_record else None
    _insert(Person, names_of, [*shared_keys, "created_at", "updated_at"], own_columns, shared, files.group_of, keep)
    if on_record:
        for at, number in enumerate(ids):
            if number in on_record:
                values = {k: (files.own[k][at] if k in files.own else getattr(files.groups[files.group_of[at]].form, k))
                          for k in HEAD_PERSON_FIELDS}
                columns = hs.person_columns(names[at], number, values)
                Person.update(**columns).where(Person.id == on_record[number]).execute()
    return head_ids


def _file_numbers(files: NewFiles) -> list[str]:
    """Each file's 档案编号: its own, else the next of its year of filing after every number used or given."""
    given = files.own.get("file_no") or [""] * len(files)
    counters: dict[int, int] = {}
    numbers: list[str] = []
    years = [(check.form.filed_on or clock.today()).year for check in files.groups]
    for number, group in zip(given, files.group_of, strict=True):
        if not number:
            year = years[group]
            if year not in counters:
                counters[year] = last_number(year, given)
            counters[year] += 1
            number = hs.file_no(year, counters[year])
        numbers.append(number)
    return numbers


def _household_template(check: CheckResult, state: FileState, notice_days: int,
                        now: datetime.datetime) -> dict[str, object]:
    """The household columns a group's files share, as create_household stores them."""
    columns = hs.household_columns(check.form, check)
    filed_on = columns["filed_on"]
    assert isinstance(filed_on, datetime.date)
    columns.update(status=str(FileStatus.APPLIED), status_since=filed_on, created_at=now)
    if state.status != FileStatus.APPLIED:
        changed, _note = hs.state_columns(filed_on, state, notice_days)
        columns.update(changed)
    return columns


def _write_search(files: NewFiles, keys: Sequence[tuple[str, ...]], household_ids: Sequence[int],
                  file_numbers: Sequence[str]) -> None:
    """The text search-as-you-type matches, as households.search_text makes it."""
    names = files.own["name"]
    phones = _own_or_shared(files, "phone")
    units = _own_or_shared(files, "work_unit")
    texts = ["\x1f" + "\x1f".join(p for p in (name, *forms, number or "", phone or "", unit, file_no.lower()) if p)
             + "\x1f" for name, forms, number, phone, unit, file_no in zip(
                 names, keys, files.own["id_number"], phones, units, file_numbers, strict=True)]
    _insert(HouseholdSearch, ["household_id", "text"], [], [household_ids, texts], [()], [0] * len(files))


def _own_or_shared(files: NewFiles, key: str) -> Sequence[Any]:
    if key in files.own:
        return files.own[key]
    values = [getattr(check.form, key) for check in files.groups]
    return [values[g] for g in files.group_of]


def _write_events(files: NewFiles, household_ids: Sequence[int], filed: Sequence[object], notice_days: int,
                  by_name: str, now: datetime.datetime) -> None:
    """Each file's 申报 event, then an 导入 event for those imported past 申报 (its status and what was assumed)."""
    first = next_id(HouseholdEvent)
    size = len(files)
    applied = [(f, str(FileAction.APPLY), str(FileStatus.APPLIED), by_name, "导入", now) for f in filed]
    names = ["on_date", "action", "status_after", "by_name", "note", "created_at"]
    _insert(HouseholdEvent, ["id", "household_id"], names, [range(first, first + size), household_ids], applied,
            files.group_of)
    moved: list[tuple[object, ...] | None] = []
    for state, on_date in zip(files.states, filed, strict=True):
        if state.status == FileStatus.APPLIED:
            moved.append(None)
            continue
        assert isinstance(on_date, datetime.date)
        changed, note = hs.state_columns(on_date, state, notice_days)
        moved.append((changed["status_since"], str(FileAction.IMPORT), state.status, by_name, note, now))
    later = [at for at, g in enumerate(files.group_of) if moved[g] is not None]
    if later:
        start = first + size
        _insert(HouseholdEvent, ["id", "household_id"], names, [range(start, start + size), household_ids],
                [m or (None,) * len(names) for m in moved], files.group_of, later)


def _insert(model: type[BaseModel], own_names: Sequence[str], shared_names: Sequence[str],
            own: Sequence[Sequence[object]], shared: Sequence[tuple[object, ...]], group_of: Sequence[int],
            keep: Sequence[int] | None = None) -> None:
    """One executemany: each row its own values then its group's, each converted by the model's field (the
    shared ones once per group, dates and amounts once per distinct value)."""
    fields = model._meta.columns
    own = [_converted(fields[n], column) for n, column in zip(own_names, own, strict=True)]
    shared = [tuple(None if v is None else as_sqlite(fields[n].db_value(v)) for n, v in zip(
        shared_names, values, strict=True)) for values in shared]
    names = ", ".join(f'"{n}"' for n in (*own_names, *shared_names))
    marks = ", ".join("?" * (len(own_names) + len(shared_names)))
    rows: Iterable[tuple[object, ...]] = (mine + shared[g] for mine, g in zip(zip(*own, strict=True), group_of,
                                                                               strict=True))
    if keep is not None:
        listed = list(rows)
        rows = (listed[at] for at in keep)
    database.connection().executemany(f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})', rows)


PLAIN = frozenset({str, int, type(None)})


def _converted(field: Any, values: Sequence[object]) -> Sequence[object]:
    """A column as SQLite stores it: text and integers as they are, anything else by the field once per value."""
    if set(map(type, values)) <= PLAIN:
        return values
    convert: Callable[[object], object] = field.db_value
    by_value = {v: None if v is None else as_sqlite(convert(v)) for v in set(values)}
    return list(map(by_value.__getitem__, values))

