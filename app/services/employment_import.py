"""Importing the 培训就业 registers: every row of every sheet checked first, then one transaction, in bulk.

A workbook holds one register, or a parent and its children (培训班 with 培训学员, 结对帮扶 with its records,
互助保障参保 with its claims): parents are checked and written first, and a child row may name a parent on
record or one in the same workbook. People are named by ID number and name; someone not on record is added
once, however many rows name them, and the same ID number must carry the same name everywhere. Each record
is checked by the same rules as when it is entered by hand. Nothing is written unless every row passes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app import clock, session
from app.errors import FieldError, ValidationError
from app.excel.reader import ParsedRow, RegisterTable, parse_table
from app.progress import ProgressFn
from app.registers.base import ValueLists
from app.services import audit
from app.services import employment_rules as rules
from app.services.audit import AuditAction
from app.validation import mask_id_number
from db.database import database, tuples
from db.models import Person

PERSON_KEYS = ("id_number", "head_id_number")


def text(values: dict[str, object], key: str) -> str:
    value = values.get(key)
    return value if isinstance(value, str) else ""


class Sheet:
    """One register's sheet as read: its parsed rows, and where problems are put."""

    def __init__(self, run: ImportRun, table: RegisterTable, rows: list[ParsedRow]) -> None:
        self.run, self.table, self.rows = run, table, rows
        self.register, self.name = table.register, table.sheet

    def add(self, row: ParsedRow | int, key: str, message: str) -> None:
        number = row if isinstance(row, int) else row.number
        label = next((f.label for f in self.register.fields if f.key == key), "")
        self.run.errors.append(FieldError(key, label, message, row=number, sheet=self.name))

    def place(self, row: ParsedRow, found: Iterable[FieldError]) -> None:
        """A service's check results (keys as the register's) put on a row; keys the row failed to parse are skipped."""
        for error in found:
            if error.field not in row.failed:
                key = error.field if any(f.key == error.field for f in self.register.fields) else ""
                label = next((f.label for f in self.register.fields if f.key == key), error.label)
                self.run.errors.append(FieldError(key, label, error.message, row=row.number, sheet=self.name))


class People:
    """The people the rows name: on record by ID number, or new (one name per ID number in the whole workbook)."""

    def __init__(self, numbers: Iterable[str]) -> None:
        wanted = sorted(set(numbers))
        self.known: dict[str, tuple[int, str]] = {}
        for start in range(0, len(wanted), 500):
            for pid, number, name in tuples(Person.select(Person.id, Person.id_number, Person.name)
                                            .where(Person.id_number.in_(wanted[start:start + 500]))):
                self.known[number] = (pid, name)
        self.new: dict[str, rules.NewPerson] = {}
        self.first: dict[str, tuple[str, str, int]] = {}     # number → (name, sheet, row) of its first naming
        self.ids: dict[str, int] = {n: pid for n, (pid, _) in self.known.items()}
        self.added = 0

    def name(self, sheet: Sheet, row: ParsedRow, *, number_key: str = "id_number", name_key: str = "name",
             may_add: bool = True, phone: str | None = None, work_unit: str | None = None) -> bool:
        """Check the row's person; someone not on record is planned as new (if may_add). False on a problem."""
        number, name = text(row.values, number_key), text(row.values, name_key)
        if not number or number_key in row.failed:
            return False
        if number in self.known:
            recorded = self.known[number][1]
            if name and name != recorded:
                sheet.add(row, name_key, f"身份证号 {mask_id_number(number)} 在系统中登记为“{recorded}”，"
                                         f"与本行姓名“{name}”不符")
                return False
            return True
        if number in self.first:
            first_name, first_sheet, first_row = self.first[number]
            if name and name != first_name:
                where = f"第{first_row}行" if first_sheet == sheet.name else f"工作表“{first_sheet}”第{first_row}行"
                sheet.add(row, name_key, f"同一身份证号在{where}的姓名为“{first_name}”，与本行“{name}”不符")
                return False
            return True
        if not may_add:
            sheet.add(row, number_key, f"系统中没有身份证号为 {mask_id_number(number)} 的人员")
            return False
        if not name:
            return False
        self.first[number] = (name, sheet.name, row.number)
        self.new[number] = rules.NewPerson(name, number, phone, work_unit)
        return True

    def person_id(self, number: str) -> int | None:
        return self.known[number][0] if number in self.known else None

    def write(self) -> None:
        ids, self.added = rules.ensure_people(list(self.new.values()))
        self.ids.update(ids)


class Handler:
    """Checks and writes one register's sheet; subclasses fill `plans` in check and store them in write."""

    kind = ""
    what = ""          # 培训学员
    unit = ""          # 人

    def __init__(self, run: ImportRun) -> None:
        self.run = run
        self.plans: list[dict[str, Any]] = []
        self.updates: list[dict[str, Any]] = []

    def check(self, sheet: Sheet) -> None:
        raise NotImplementedError

    def write(self) -> None:
        raise NotImplementedError

    def insert(self, model: Any, rows: Sequence[dict[str, Any]], *, stamped: bool = True) -> None:
        """Multi-row INSERTs; records with created_by/created_at get the operator and the time."""
        extra = {"created_by": session.current_operator(), "created_at": clock.now()} if stamped else {}
        for start in range(0, len(rows), rules.INSERT_CHUNK):
            model.insert_many([{**r, **extra} for r in rows[start:start + rules.INSERT_CHUNK]]).execute()

    def repeated(self, sheet: Sheet, seen: dict[Any, int], key: object, row: ParsedRow, column: str,
                 what: str) -> bool:
        """True (and reported) if an earlier row of the sheet had the same key."""
        if key in seen:
            sheet.add(row, column, f"与第{seen[key]}行{what}")
            return True
        seen[key] = row.number
        return False


@dataclass(frozen=True)
class Outcome:
    """What one sheet's import did."""

    what: str
    unit: str
    created: int
    updated: int


class ImportRun:
    """One import of a workbook's sheets: parse, check every row, then (after before_write) write them all."""

    def __init__(self, tables: Sequence[RegisterTable], handlers: dict[str, Callable[[ImportRun], Handler]],
                 lists: ValueLists, source: str, *, update: bool = False) -> None:
        self.tables, self.factories = list(tables), handlers
        self.lists, self.source, self.update = lists, source, update
        self.errors: list[FieldError] = []
        self.handlers: dict[str, Handler] = {}
        self.people = People(())
        self.rows = {t.register.kind: parse_table(t, t.register.key_field, lists, self.errors) for t in self.tables}
        self.parse_errors = list(self.errors)
        self.today: datetime.date = clock.today()

    def handler(self, kind: str) -> Handler | None:
        """The handler of another sheet of this workbook (a parent a child row may name)."""
        return self.handlers.get(kind)

    def check(self) -> int:
        """Every row of every sheet; raises ValidationError with all problems. Returns the records to write."""
        self.errors = list(self.parse_errors)
        numbers = [v for rows in self.rows.values() for r in rows for k in PERSON_KEYS
                   if isinstance(v := r.values.get(k), str) and v]
        self.people = People(numbers)
        self.handlers = {}
        for table in self.tables:
            kind = table.register.kind
            handler = self.factories[kind](self)
            self.handlers[kind] = handler
            handler.check(Sheet(self, table, self.rows[kind]))
        if self.errors:
            order = {t.sheet: n for n, t in enumerate(self.tables)}
            raise ValidationError(sorted(self.errors, key=lambda e: (order.get(e.sheet or "", 0), e.row or 0)))
        return sum(len(h.plans) + len(h.updates) for h in self.handlers.values())

    def run(self, progress: ProgressFn, before_write: Callable[[ProgressFn], object] | None = None) -> list[Outcome]:
        """Check; back up (before_write); check again and write inside one transaction; one audit record a sheet."""
        count = sum(len(rows) for rows in self.rows.values())
        progress(0, 2 * count, "正在检查")
        if not self.check():
            return [Outcome(h.what, h.unit, 0, 0) for h in self.handlers.values()]
        if before_write is not None:
            before_write(lambda _done, _total, message: progress(count, 2 * count, message))
        outcomes = []
        with database.atomic("IMMEDIATE"):
            self.check()   # records entered while the backup ran count too
            progress(count, 2 * count, "正在写入")
            self.people.write()
            details: dict[str, object] = {"文件": self.source}
            for table in self.tables:
                handler = self.handlers[table.register.kind]
                handler.write()
                outcome = Outcome(handler.what, handler.unit, len(handler.plans), len(handler.updates))
                outcomes.append(outcome)
                details[table.register.title] = f"新增{outcome.created}{outcome.unit}" + (
                    f"，更新{outcome.updated}{outcome.unit}" if outcome.updated else "")
            details["新增人员"] = self.people.added
            first = self.tables[0].register
            audit.record(AuditAction.IMPORT, target_kind=first.kind, target_label=self.source[:100], details=details)
        progress(2 * count, 2 * count, "已完成")
        return outcomes
