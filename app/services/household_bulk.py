"""Writing many new hardship files at once (imports): the rows create_household stores, in a few statements.

Each file is stored as households.create_household(form, state=...) stores it (the column values
come from the same functions in households.py), but with one prepared INSERT per table for the
whole batch instead of a dozen ORM statements per file: 10,000 files take seconds, not minutes.
The caller has checked every form (check_household) and holds the write transaction.
"""

from __future__ import annotations

import datetime
import json
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import peewee

from app import clock, session
from app.progress import ProgressFn, no_progress
from app.services import households as hs
from app.services import settings
from app.services.household_detail import HEAD_PERSON_FIELDS, PERSON_FIELDS
from app.services.household_forms import CheckResult, FileState, Problem
from app.session import Permission
from app.vocab import OPEN_STATUSES, FileAction, FileStatus
from db.database import database
from db.fields import CentsField
from db.models import BaseModel, FamilyMember, Household, HouseholdEvent, HouseholdSearch, Person

CHUNK = 500  # up to this many values go into IN (...) as parameters, more as one JSON array
PROGRESS_EVERY = 500
RELEASE_EVERY = 2000  # rows freed at a time once written
LEADING_DIGITS = re.compile(r"\d+")
FIRST_TABLE = re.compile(r"SELECT (?:(?!COUNT|SUM|MAX|MIN|TOTAL|AVG|GROUP_CONCAT)[^(])*? FROM (\w+)", re.IGNORECASE)


@dataclass
class _Rows:
    """Rows waiting to be inserted, keyed by column name, and the next id of each table."""

    next_ids: dict[type[BaseModel], int]
    by_number: dict[str, int]                                             # ID number → person id
    persons: dict[int, dict[str, object]] = field(default_factory=dict)   # new persons by id
    updates: dict[int, dict[str, object]] = field(default_factory=dict)   # persons on record by id
    households: list[dict[str, object]] = field(default_factory=list)
    members: list[dict[str, object]] = field(default_factory=list)
    events: list[dict[str, object]] = field(default_factory=list)
    searches: list[dict[str, object]] = field(default_factory=list)

    def take_id(self, model: type[BaseModel]) -> int:
        value = self.next_ids[model]
        self.next_ids[model] = value + 1
        return value

    def person(self, name: str, id_number: str | None, values: Mapping[str, object]) -> int:
        """A person row as households._save_person leaves it: one with this ID number is reused and updated."""
        columns = hs.person_columns(name, id_number, values)
        known = self.by_number.get(id_number) if id_number else None
        if known is None:
            known = self.take_id(Person)
            self.persons[known] = {"id": known, **columns}
            if id_number:
                self.by_number[id_number] = known
        elif known in self.persons:
            self.persons[known].update(columns)
        else:
            self.updates[known] = columns
        return known

    def event(self, household_id: int, on_date: object, action: str, status_after: str, by_name: str,
              note: str, at: datetime.datetime) -> None:
        self.events.append({"id": self.take_id(HouseholdEvent), "household_id": household_id, "on_date": on_date,
                            "action": action, "status_after": status_after, "by_name": by_name, "note": note,
                            "created_at": at})

    def release(self) -> None:
        """Let go of the rows a little at a time: a hundred thousand rows freed at once (when the batch goes
        out of scope) hold the interpreter for a tenth of a second, a stall of the window meanwhile."""
        for table in (self.households, self.searches, self.members, self.events):
            while table:
                del table[-RELEASE_EVERY:]
        for by_id in (self.persons, self.updates):
            while by_id:
                by_id.popitem()

    def insert(self) -> None:
        """Insert every row, parents before children (foreign keys are checked as rows go in)."""
        _insert(Person, list(self.persons.values()))
        _update(Person, self.updates)
        _insert(Household, self.households)
        _insert(HouseholdSearch, self.searches)
        _insert(FamilyMember, self.members)
        _insert(HouseholdEvent, self.events)


def create_imported(items: Sequence[tuple[CheckResult, FileState | None]], *,
                    progress: ProgressFn = no_progress) -> list[int]:
    """Store checked new files, each at the state it had in the old register; their new ids in order.

    Automatic numbers continue after every number already used in their year, on record or
    given to another file of the batch (as when files with their own numbers are created first).
    """
    session.require(Permission.IMPORT)
    if not items:
        return []
    if not database.in_transaction():
        raise RuntimeError("create_imported runs inside the caller's write transaction")
    forms = [check.form for check, _state in items]
    rows = _Rows(next_ids={model: next_id(model) for model in (Person, Household, FamilyMember, HouseholdEvent)},
                 by_number=persons_on_record(_numbers(forms)))
    by_name, now, notice_days = session.current_operator(), clock.now(), settings.notice_days()
    counters: dict[int, int] = {}
    ids: list[int] = []
    head_values = _values_getter(HEAD_PERSON_FIELDS)
    for done, (check, state) in enumerate(items, 1):
        form = check.form
        columns = hs.household_columns(form, check)
        filed_on = form.filed_on or clock.today()
        number = form.file_no
        if not number:
            if filed_on.year not in counters:
                counters[filed_on.year] = last_number(filed_on.year, [f.file_no for f in forms])
            counters[filed_on.year] += 1
            number = hs.file_no(filed_on.year, counters[filed_on.year])
        household_id = rows.take_id(Household)
        ids.append(household_id)
        head = rows.person(form.name, form.id_number, dict(zip(HEAD_PERSON_FIELDS, head_values(form), strict=True)))
        columns.update(id=household_id, head_id=head, file_no=number, status=str(FileStatus.APPLIED),
                       status_since=filed_on)
        rows.event(household_id, filed_on, str(FileAction.APPLY), str(FileStatus.APPLIED), by_name, "导入", now)
        if state is not None and state.status != FileStatus.APPLIED:
            changed, note = hs.state_columns(filed_on, state, notice_days)
            columns.update(changed)
            rows.event(household_id, changed["status_since"], str(FileAction.IMPORT), state.status, by_name, note,
                       now)
        rows.households.append(columns)
        rows.searches.append({"household_id": household_id, "text": hs.search_text(
            form.name, form.id_number, form.phone, form.work_unit, number)})
        for order, member in enumerate(form.members):
            person = rows.person(member.name, member.id_number, {k: getattr(member, k) for k in PERSON_FIELDS})
            rows.members.append({"id": rows.take_id(FamilyMember), "household_id": household_id,
                                 "person_id": person, **hs.member_columns(member), "sort_order": order})
        if done % PROGRESS_EVERY == 0:
            progress(done, len(items), "正在写入档案")
    rows.insert()
    rows.release()
    return ids


def _values_getter(names: Sequence[str]) -> Any:
    """A form's values of these fields as a tuple, read in one call."""
    get = operator.attrgetter(*names)
    return (lambda form: (get(form),)) if len(names) == 1 else get


def taken_meanwhile(items: Sequence[tuple[CheckResult, FileState | None]]) -> list[tuple[int, Problem]]:
    """(index, problem) for files whose head or number got an open file since they were checked.

    The import checks outside its write transaction; this re-check inside it is one query per
    500 files, where check_household again would be several queries per file.
    """
    forms = [check.form for check, _state in items]
    return taken_since_checked([f.id_number for f in forms], [f.file_no for f in forms])


def taken_since_checked(id_numbers: Sequence[str | None], file_numbers: Sequence[str | None]
                        ) -> list[tuple[int, Problem]]:
    """(index, problem) for the files (given by head's ID number and 档案编号) whose head now heads an open file
    or whose number is now in use: a few queries for all of them."""
    open_statuses = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
    heads = {str(n): str(f) for n, f in select_in(
        "SELECT p.id_number, h.file_no FROM household h JOIN person p ON h.head_id = p.id "
        f"WHERE h.status IN ({open_statuses}) AND p.id_number IN ({{}})", [n for n in id_numbers if n])}
    used = {str(n) for (n,) in select_in("SELECT file_no FROM household WHERE file_no IN ({})",
                                         [n for n in file_numbers if n])}
    found: list[tuple[int, Problem]] = []
    for index, (number, file_no) in enumerate(zip(id_numbers, file_numbers, strict=True)):
        if number in heads:
            found.append((index, Problem("id_number", "身份证号", f"此人已是在办档案 {heads[number]} 的职工本人"
                                         f"（检查之后刚录入），一人只能有一份在办档案")))
        if file_no in used:
            found.append((index, Problem("file_no", "档案编号", f"档案编号 {file_no} 已被使用（检查之后刚录入）")))
    return found


def _numbers(forms: Iterable[object]) -> list[str]:
    found: set[str] = set()
    for form in forms:
        number = getattr(form, "id_number", None)
        if number:
            found.add(number)
        found.update(m.id_number for m in getattr(form, "members", ()) if m.id_number)
    return sorted(found)


def select_in(sql: str, values: Iterable[str]) -> list[tuple[Any, ...]]:
    """Rows of `sql` whose IN ({}) takes all the values (distinct) in one query, however many there are.

    A few go in as parameters; more as one JSON array read by SQLite's json_each, which has no limit
    on their number (a statement per 500 values cost more than the lookup).

    A plain SELECT (rows, no aggregate) gives nothing when the table it reads first is empty: then the values
    are not sent at all (the first import into a new office looks up 100,000 numbers in empty tables).
    """
    wanted = list(dict.fromkeys(values))
    if not wanted:
        return []
    if len(wanted) <= CHUNK:
        return list(database.execute_sql(sql.format(", ".join("?" * len(wanted))), wanted).fetchall())
    first = FIRST_TABLE.match(sql)
    if first and database.execute_sql(f'SELECT NOT EXISTS (SELECT 1 FROM "{first[1]}")').fetchone()[0]:
        return []
    return list(database.execute_sql(sql.format("SELECT value FROM json_each(?)"), [_json_array(wanted)]).fetchall())


def _json_array(values: Sequence[str]) -> str:
    """A JSON array of the values, encoded a few thousand at a time: one json.dumps of 100,000 values holds
    the interpreter long enough to stall the window of an import running in the background."""
    parts = (json.dumps(values[start:start + 5000], ensure_ascii=False)[1:-1]
             for start in range(0, len(values), 5000))
    return "[" + ",".join(parts) + "]"


def persons_on_record(numbers: Sequence[str]) -> dict[str, int]:
    return {str(n): int(i) for n, i in select_in("SELECT id_number, id FROM person WHERE id_number IN ({})", numbers)}


def last_number(year: int, given: Iterable[str | None]) -> int:
    """The highest number of the year on record or given in the batch (as households.last_file_number reads it)."""
    prefix = f"{year}-"
    found = [LEADING_DIGITS.match(n[len(prefix):]) for n in given if n and n.startswith(prefix)]
    return max([hs.last_file_number(year), *(int(m.group()) for m in found if m)])


def next_id(model: type[BaseModel]) -> int:
    top = database.execute_sql(f'SELECT MAX(id) FROM "{model._meta.table_name}"').fetchone()[0]
    return int(top or 0) + 1


# Fields whose conversion leaves values of these types as they are (peewee's own text and integer fields).
AS_STORED: dict[type, frozenset[type]] = {
    peewee.CharField: frozenset({str, type(None)}), peewee.TextField: frozenset({str, type(None)}),
    peewee.IntegerField: frozenset({int, type(None)}), peewee.AutoField: frozenset({int, type(None)}),
}


def _stored_as_is(f: Any, values: list[object]) -> bool:
    """Whether converting would change none of the values (a column of plain text or integers, or blanks)."""
    if isinstance(f, peewee.ForeignKeyField):
        f = f.rel_field
    types = AS_STORED.get(type(f))
    return types is not None and set(map(type, values)) <= types


PLAIN_KEYS = frozenset({str, int, bool, datetime.date})


def _column_values(fields: Sequence[Any], rows: Sequence[Mapping[str, object]]) -> list[list[object]]:
    """Each column's values for all rows, converted by the model's own field (a missing one: its default)."""
    columns: list[list[object]] = []
    for f in fields:
        name, default, convert = f.column_name, f.default, f.db_value
        try:
            values = list(map(operator.itemgetter(name), rows))  # the column given in every row (most often)
        except KeyError:
            if callable(default):
                values = [row[name] if name in row else default() for row in rows]
            else:
                values = [row.get(name, default) for row in rows]
        if not _stored_as_is(f, values):
            values = _converted(f, convert, values)
        columns.append(values)
    return columns


def as_sqlite(value: object) -> object:
    """A date or datetime as the text sqlite3's default adapters store for it (the same text, adapted once
    per distinct value here rather than once per cell by the driver)."""
    kind = type(value)
    if kind is datetime.datetime:
        return value.isoformat(" ")  # type: ignore[attr-defined]
    if kind is datetime.date:
        return value.isoformat()  # type: ignore[attr-defined]
    return value


def _converted(f: Any, convert: Any, values: list[object]) -> list[object]:
    """Each value converted by the field (None kept as NULL), each distinct value once: a column of a
    hundred thousand rows holds a few amounts and dates many times over."""
    types = set(map(type, values))
    types.discard(type(None))
    if not types:  # every value blank
        return values
    if len(types) == 1:
        kind = next(iter(types))
        try:
            distinct = set(values)
        except TypeError:  # not hashable (a signalling NaN)
            distinct = {None}
            kind = type(None)
        if kind in PLAIN_KEYS or (kind is Decimal and isinstance(f, CentsField)) or (
                kind is datetime.datetime and all(v is None or v.tzinfo is None for v in distinct)):  # type: ignore[attr-defined]
            # One type: equal values are the same value (an equal Decimal gives the same cents).
            by_value = {v: None if v is None else as_sqlite(convert(v)) for v in distinct}
            return list(map(by_value.__getitem__, values))
    memo: dict[tuple[type, object], object] = {}
    out: list[object] = []
    add = out.append
    for v in values:
        if v is None:
            add(None)
            continue
        key = _memo_key(v)
        if key is None:
            add(as_sqlite(convert(v)))
            continue
        try:
            add(memo[key])
        except KeyError:
            done = memo[key] = as_sqlite(convert(v))
            add(done)
    return out


def _memo_key(value: object) -> tuple[type, object] | None:
    """A key under which equal values always convert alike (None: convert this one on its own).
    Decimals by their text (1.0 and 1.00 are equal but not the same text), datetimes only without a zone."""
    kind = type(value)
    if kind in PLAIN_KEYS:
        return kind, value
    if kind is Decimal:
        return kind, str(value)
    if kind is datetime.datetime and value.tzinfo is None:  # type: ignore[attr-defined]
        return kind, value
    return None


def _insert(model: type[BaseModel], rows: Sequence[Mapping[str, object]]) -> None:
    """One prepared INSERT for all rows (executemany); values converted by the model's own fields, defaults
    filled in. Converted column by column: a loop per field, not a lookup per cell."""
    if not rows:
        return
    fields = list(model._meta.columns.values())
    names = ", ".join(f'"{f.column_name}"' for f in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({", ".join("?" * len(fields))})'
    columns = _column_values(fields, rows)
    database.connection().executemany(sql, zip(*columns, strict=True))
    while columns:  # a column at a time (see _Rows.release)
        columns.pop()


def _update(model: type[BaseModel], rows: Mapping[int, Mapping[str, object]]) -> None:
    """One prepared UPDATE per set of columns for all rows (by id), values converted by the model's fields."""
    by_columns: dict[tuple[str, ...], list[tuple[int, Mapping[str, object]]]] = {}
    for row_id, columns in rows.items():
        by_columns.setdefault(tuple(columns), []).append((row_id, columns))
    for names, group in by_columns.items():
        fields = [model._meta.columns[name] for name in names]
        sets = ", ".join(f'"{name}" = ?' for name in names)
        sql = f'UPDATE "{model._meta.table_name}" SET {sets} WHERE "id" = ?'
        values = _column_values(fields, [columns for _id, columns in group])
        database.connection().executemany(sql, zip(*values, [row_id for row_id, _c in group], strict=True))
