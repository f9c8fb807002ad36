"""Hardship files for the wizard: duplicates found and new files checked for all rows at once (a few queries, no
query per row), updates through the template importer, and everything written in one transaction."""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.errors import FieldError, ValidationError
from app.progress import ProgressFn
from app.registers.base import ValueLists
from app.registers.households import FAMILY_MEMBERS, HOUSEHOLDS
from app.services import audit, household_batch, settings
from app.services import households as hs
from app.services.audit import AuditAction
from app.services.household_batch import NewFiles
from app.services.household_bulk import create_imported, select_in, taken_meanwhile
from app.services.household_forms import Problem
from app.services.household_import import HouseholdImport, Plan, problem_error
from app.validation import mask_id_number
from app.vocab import OPEN_STATUSES
from app.wizard.cleaning import CleanTable
from app.wizard.importers import BeforeWrite, Checked, RowStatus, Written, register_table
from app.wizard.lazy import tally
from app.wizard.new_files import Context, check_new_files
from db.database import database

REGISTERS = (HOUSEHOLDS, FAMILY_MEMBERS)


@dataclass(frozen=True)
class HouseholdWork:
    """The checked files to write, kept between the preview and the write."""

    new_files: NewFiles | None
    updates: list[Plan]
    unchanged: int
    rows: int


class PovertyLines:
    """The 低保 line on a day, from the lines read once (settings.poverty_line_on without a query each)."""

    def __init__(self) -> None:
        lines = settings.poverty_lines()
        self._days = [line.effective_from for line in lines]
        self._amounts = [line.monthly_amount for line in lines]

    def __call__(self, day: datetime.date) -> Decimal | None:
        at = bisect.bisect_right(self._days, day)
        return self._amounts[at - 1] if at else None


class HouseholdsImporter:
    """困难职工档案 rows: one person heads one file, so a second file for the same ID number is never kept."""

    register = HOUSEHOLDS
    keep_both = False
    updates = True

    def __init__(self, lists: ValueLists, source: str) -> None:
        self.lists, self.source = lists, source
        self._on_file: dict[str, tuple[str, str]] = {}
        self._looked_up: set[str] = set()

    def strict_keys(self, table: CleanTable) -> list[str | None]:
        numbers = table.columns.get("id_number")
        if numbers is None:
            return [None] * len(table)
        return [n if type(n) is str and n else None for n in numbers]

    def soft_keys(self, table: CleanTable) -> list[tuple[str, ...] | None]:
        """Name and birth date (the row's own, else the one its ID number carries), for the rows whose name
        is in the file twice or heads a file on record: no other row can be alike."""
        size, columns = len(table), table.columns
        names = columns.get("name") or [None] * size
        counts = tally(names)
        wanted = {n for n, times in counts.items() if times > 1 and n}
        wanted.update(str(n) for (n,) in select_in("SELECT p.name FROM household h JOIN person p ON h.head_id = p.id "
                                                   "WHERE p.name IN ({})", [n for n in counts if type(n) is str]))
        if not wanted:
            return [None] * size
        births = columns.get("birth_date") or [None] * size
        numbers = columns.get("id_number") or [None] * size
        return [(name, born.isoformat() if type(born) is datetime.date else f"{n[6:10]}-{n[10:12]}-{n[12:14]}")  # type: ignore[index,misc]
                if name in wanted and (type(born) is datetime.date or (type(n) is str and len(n) == 18))
                else None for name, born, n in zip(names, births, numbers, strict=True)]

    def on_record(self, keys: Sequence[str]) -> dict[str, str]:
        found = self._files_on_record(keys)
        return {number: f"已有档案 {file_no}（{status}）" for number, (file_no, status) in found.items()}

    def _files_on_record(self, numbers: Sequence[str]) -> dict[str, tuple[str, str]]:
        """ID number → (档案编号, 状态) of the file household_id_by_number() picks: the open one, else the latest."""
        wanted = [n for n in set(numbers) if n not in self._looked_up]
        open_statuses = {str(s) for s in OPEN_STATUSES}
        rows = select_in("SELECT p.id_number, h.file_no, h.status FROM household h JOIN person p ON h.head_id = p.id "
                         "WHERE p.id_number IN ({}) ORDER BY h.id DESC", wanted)
        for number, file_no, status in ((str(a), str(b), str(c)) for a, b, c in rows):
            known = self._on_file.get(number)
            if known is None or (status in open_statuses and known[1] not in open_statuses):
                self._on_file[number] = (file_no, status)
        self._looked_up.update(wanted)
        return {n: self._on_file[n] for n in numbers if n in self._on_file}

    def soft_on_record(self, keys: Sequence[tuple[str, ...]]) -> dict[tuple[str, ...], list[tuple[str, str]]]:
        wanted = set(keys)
        found: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        rows = select_in("SELECT p.name, p.birth_date, p.id_number, h.file_no FROM household h "
                         "JOIN person p ON h.head_id = p.id WHERE p.name IN ({})", list({k[0] for k in wanted}))
        for name, born, number, file_no in ((str(a), b, str(c), str(d)) for a, b, c, d in rows):
            key = (name, str(born or "")[:10])
            if key in wanted:
                found.setdefault(key, []).append(
                    (number, f"系统中有同名同出生日期的档案 {file_no}（身份证号 {mask_id_number(number)}）"))
        return found

    def check(self, sheet: str, table: CleanTable, positions: Sequence[int], update: set[int],
              progress: ProgressFn) -> Checked:
        checked = Checked(sheet)
        total = len(positions)
        numbers = table.numbers
        fresh = [at for at in positions if numbers[at] not in update] if update else positions
        new_files = check_new_files(checked, table, fresh, self._context(table, fresh), progress, total)
        changed = [table.row(at) for at in positions if numbers[at] in update] if update else []
        unchanged = 0
        plans: list[Plan] = []
        if changed:
            fields = [HOUSEHOLDS.field(k) for k in table.columns]
            run = HouseholdImport(register_table(HOUSEHOLDS, sheet, fields, changed), None, REGISTERS, update=True,
                                  lists=self.lists)
            plans = run.plans(lambda done, _t, message: progress(total - len(changed) + done, total, message),
                              2 * len(changed))
            checked.errors.extend(run.errors)
            checked.warnings.extend(FieldError("", "", w) for w in run.warnings)
            failed = {e.row for e in run.errors}
            written = {p.row for p in plans}
            for row in changed:
                if row.number not in failed:
                    checked.status[row.number] = RowStatus.UPDATE if row.number in written else RowStatus.UNCHANGED
            unchanged = run.unchanged
        checked.work = HouseholdWork(new_files, plans, unchanged, total)
        return checked

    def _context(self, table: CleanTable, positions: Sequence[int]) -> Context:
        """What the database holds about these rows' people and numbers: a few queries for all of them."""
        ids = table.columns.get("id_number") or []
        numbers = list({n for at in positions if type(n := ids[at]) is str and n}) if ids else []
        given = table.columns.get("file_no") or []
        file_numbers = [n for at in positions if type(n := given[at]) is str and n] if given else []
        return Context(self._files_on_record(numbers), self._file_numbers_used(file_numbers),
                       self._open_memberships(numbers), PovertyLines(), self.lists, table.id_infos)

    @staticmethod
    def _file_numbers_used(numbers: Sequence[str]) -> set[str]:
        rows = select_in("SELECT file_no FROM household WHERE file_no IN ({})", sorted(set(numbers)))
        return {str(n) for (n,) in rows}

    @staticmethod
    def _open_memberships(numbers: Sequence[str]) -> dict[str, str]:
        """ID number → 档案编号 of an open file the person is a family member of."""
        statuses = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
        rows = select_in("SELECT p.id_number, h.file_no FROM family_member m "
                         "JOIN household h ON m.household_id = h.id JOIN person p ON m.person_id = p.id "
                         f"WHERE h.status IN ({statuses}) AND p.id_number IN ({{}})", numbers)
        return {str(number): str(file_no) for number, file_no in rows}

    def write(self, checked: Checked, progress: ProgressFn, before_write: BeforeWrite) -> Written:
        work = checked.work
        assert isinstance(work, HouseholdWork)
        total = work.rows
        updates = [p for p in work.updates if p.household_id is not None]
        creates = [p for p in work.updates if p.household_id is None]  # a file the template importer plans anew
        created = (len(work.new_files) if work.new_files else 0) + len(creates)
        if created or updates:
            before_write(lambda _done, _total, message: progress(total, 2 * total, message))
        errors: list[FieldError] = []
        with database.atomic("IMMEDIATE"):
            for done, plan in enumerate(updates, 1):
                assert plan.household_id is not None
                try:
                    hs.update_household(plan.household_id, plan.form, accept_warnings=True)
                except ValidationError as exc:
                    errors.extend(problem_error(Problem(e.field, e.label, e.message), plan, *REGISTERS)
                                  for e in exc.errors)
                if done % 50 == 0:
                    progress(total + done * total // (2 * len(updates)), 2 * total, "正在更新档案")
            items = [(p.check, p.state) for p in creates if p.check is not None]
            errors.extend(problem_error(problem, creates[index], *REGISTERS)
                          for index, problem in taken_meanwhile(items))
            if work.new_files is not None:
                errors.extend(household_batch.taken_meanwhile(work.new_files))
            if errors:
                raise ValidationError(errors)
            create_imported(items)
            if work.new_files is not None:
                household_batch.create_files(
                    work.new_files, lambda done, all_, message: progress(total + total * done // max(all_, 1),
                                                                         2 * total, message))
            audit.record(AuditAction.IMPORT, target_kind="household", target_label=self.source[:100],
                         details={"文件": self.source, "新建": created, "更新": len(updates),
                                  "未变化": work.unchanged})
        progress(2 * total, 2 * total, "正在写入档案")
        return Written(created, len(updates), work.unchanged,
                       f"导入完成：新建 {created} 户，更新 {len(updates)} 户，未变化 {work.unchanged} 户")
