"""Hardship files for the wizard: new files checked in bulk (one query for all rows, never one per row), updates
through the template importer, and all of them written by its one-transaction bulk writer."""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.errors import FieldError
from app.progress import ProgressFn
from app.registers.base import ValueLists
from app.registers.households import FAMILY_MEMBERS, HOUSEHOLDS
from app.services import settings
from app.services.household_bulk import select_in
from app.services.household_forms import FileState
from app.services.household_import import (
    BLANK_HOUSEHOLD,
    DEPENDENT_KEYS,
    STATE_KEYS,
    HouseholdImport,
    Plan,
    file_state,
    problem_error,
    with_values,
)
from app.services.household_rules import check_household
from app.validation import mask_id_number
from app.vocab import OPEN_STATUSES, FileStatus
from app.wizard.cleaning import CleanRow
from app.wizard.importers import BeforeWrite, Checked, RowStatus, Written, register_table

PROGRESS_EVERY = 500
STATE_FIELDS = frozenset({"status", *STATE_KEYS})
BLANK_STATE = FileState(str(FileStatus.APPLIED))
REGISTERS = (HOUSEHOLDS, FAMILY_MEMBERS)


def birth_key(values: Mapping[str, object]) -> str:
    """The birth date of a row: its own column, else the one its ID number carries."""
    born = values.get("birth_date")
    if isinstance(born, datetime.date):
        return born.isoformat()
    number = values.get("id_number")
    if isinstance(number, str) and len(number) == 18:
        return f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
    return ""


@dataclass(frozen=True)
class HouseholdWork:
    """The checked files to write, kept between the preview and the write."""

    plans: list[Plan]
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

    def strict_key(self, values: Mapping[str, object]) -> str | None:
        number = values.get("id_number")
        return number if isinstance(number, str) and number else None

    def soft_key(self, values: Mapping[str, object]) -> tuple[str, ...] | None:
        name, born = values.get("name"), birth_key(values)
        return (name, born) if isinstance(name, str) and name and born else None

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

    def soft_on_record(self, keys: Sequence[tuple[str, ...]], strict: Mapping[tuple[str, ...], set[str]]
                       ) -> dict[tuple[str, ...], str]:
        wanted = set(keys)
        found: dict[tuple[str, ...], str] = {}
        rows = select_in("SELECT p.name, p.birth_date, p.id_number, h.file_no FROM household h "
                         "JOIN person p ON h.head_id = p.id WHERE p.name IN ({})", sorted({k[0] for k in wanted}))
        for name, born, number, file_no in ((str(a), b, str(c), str(d)) for a, b, c, d in rows):
            key = (name, str(born or "")[:10])
            if key in wanted and number not in strict.get(key, set()):
                found.setdefault(key, f"系统中有同名同出生日期的档案 {file_no}（身份证号 {mask_id_number(number)}）")
        return found

    def check(self, sheet: str, rows: Sequence[CleanRow], update: set[int], progress: ProgressFn) -> Checked:
        checked = Checked(sheet)
        total = len(rows)
        plans = self._check_new(checked, [r for r in rows if r.number not in update], progress, total)
        changed = [r for r in rows if r.number in update]
        unchanged = 0
        if changed:
            fields = [HOUSEHOLDS.field(k) for k in changed[0].values]
            run = HouseholdImport(register_table(HOUSEHOLDS, sheet, fields, changed), None, REGISTERS, update=True,
                                  lists=self.lists)
            found = run.plans(lambda done, _t, message: progress(total - len(changed) + done, total, message),
                              2 * len(changed))
            checked.errors.extend(run.errors)
            checked.warnings.extend(FieldError("", "", w) for w in run.warnings)
            failed = {e.row for e in run.errors}
            written = {p.row for p in found}
            for row in changed:
                if row.number not in failed:
                    checked.status[row.number] = RowStatus.UPDATE if row.number in written else RowStatus.UNCHANGED
            plans += found
            unchanged = run.unchanged
        checked.work = HouseholdWork(plans, unchanged, total)
        return checked

    def _check_new(self, checked: Checked, rows: Sequence[CleanRow], progress: ProgressFn, total: int) -> list[Plan]:
        """check_household on every row without its per-file queries: those are made here, for all rows at once."""
        sheet, errors = checked.sheet, checked.errors
        numbers = sorted({n for r in rows if isinstance(n := r.values.get("id_number"), str) and n})
        on_file = self._files_on_record(numbers)
        used_numbers = self._file_numbers_used([n for r in rows if isinstance(n := r.values.get("file_no"), str) and n])
        members_of = self._open_memberships(numbers)
        line_on = PovertyLines()
        first_file_no: dict[str, int] = {}
        plans: list[Plan] = []
        for done, row in enumerate(rows, 1):
            if done % PROGRESS_EVERY == 0:
                progress(done, total, "正在检查档案")
            values, at = row.values, row.number
            before = len(errors)
            number = values.get("id_number")
            if isinstance(number, str) and number in on_file:
                file_no, status = on_file[number]
                errors.append(FieldError("id_number", "身份证号", f"此人已有档案 {file_no}（{status}）；"
                                         "请在重复项中选择“更新”或“跳过”", row=at, sheet=sheet))
                continue
            given = values.get("file_no")
            if isinstance(given, str) and given:
                file_no = given
                if file_no in used_numbers:
                    errors.append(FieldError("file_no", "档案编号", f"档案编号 {file_no} 已被使用", row=at,
                                             sheet=sheet))
                elif file_no in first_file_no:
                    errors.append(FieldError("file_no", "档案编号", f"与第{first_file_no[file_no]}行的档案编号重复",
                                             row=at, sheet=sheet))
                first_file_no.setdefault(file_no, at)
            # A row that sets nothing of the file's state is a new file at 申报 (what file_state gives it).
            state = BLANK_STATE if STATE_FIELDS.isdisjoint(values) else file_state(values, at, sheet, HOUSEHOLDS,
                                                                                   errors)
            result = check_household(with_values(BLANK_HOUSEHOLD, values), lists=self.lists, check_database=False,
                                     poverty_line=line_on)
            plan = Plan(sheet, at, result.form, [], FAMILY_MEMBERS.sheet, state=state, check=result)
            if result.errors:
                found = [problem_error(p, plan, *REGISTERS) for p in result.errors]
                if row.errors:  # a cell that did not parse is reported already; keep what it cannot have caused
                    found = [e for e in found if e.field not in row.errors and e.field not in DEPENDENT_KEYS]
                errors.extend(found)
            if isinstance(number, str) and number in members_of:
                checked.warnings.append(FieldError("id_number", "身份证号",
                                                   f"职工本人已是在办档案 {members_of[number]} 的家庭成员",
                                                   row=at, sheet=sheet))
            if result.warnings:
                checked.warnings.extend(problem_error(p, plan, *REGISTERS) for p in result.warnings)
            if row.errors or len(errors) > before or state is None:
                continue
            plans.append(plan)
            checked.status[at] = RowStatus.NEW
        return plans

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
        plans, unchanged, total = work.plans, work.unchanged, work.rows
        run = HouseholdImport(None, None, REGISTERS, update=True, lists=self.lists)
        run.h_sheet, run.unchanged, run.source = checked.sheet, unchanged, self.source
        if plans:
            before_write(lambda _done, _total, message: progress(total, 2 * total, message))
        created, updated = run.write(plans, progress, total)  # one transaction
        return Written(created, updated, unchanged,
                       f"导入完成：新建 {created} 户，更新 {updated} 户，未变化 {unchanged} 户")
