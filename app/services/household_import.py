"""Importing hardship files from a register workbook: every row checked first, then one transaction.

The households sheet has one row per file, the members sheet one row per family member linked
by 职工身份证号. Nothing is written unless every row of both sheets passes; every problem is
reported with its sheet, Excel row number and column header.

Updating a file on record (--update): the columns present in the file replace the stored
values (a blank cell clears one; a column left out keeps it; a blank 档案编号 or 申报日期 keeps
the stored one). If the workbook has a members sheet, a file's member rows there replace its
members; member rows whose head has no households row are added to that head's file.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass
from typing import Any, TypeVar

from app import clock
from app.errors import FieldError, ValidationError
from app.excel.reader import ParsedRow, RegisterTable, parse_table
from app.progress import ProgressFn
from app.registers.base import Register, ValueLists
from app.services import audit, household_bulk
from app.services import households as hs
from app.services.audit import AuditAction
from app.services.household_detail import load_details
from app.services.household_forms import (
    CheckResult,
    FileState,
    HouseholdDetail,
    HouseholdForm,
    MemberForm,
    Problem,
    replace_form,
)
from app.services.household_rules import check_household
from app.vocab import CLOSED_STATUSES, OPEN_STATUSES, FileStatus
from db.database import database, tuples
from db.models import Household, Person

STATE_KEYS = ("approved_on", "last_recheck_on", "closed_on", "close_reason", "surveyed_on", "notice_start",
              "notice_end", "status_since")
MEMBER_PROBLEM = re.compile(r"^members\[(\d+)\]\.(\w+)$")
LOOKUP_CHUNK = 500
# Findings that follow from the incomes: not reported for a file with a cell that did not parse.
DEPENDENT_KEYS = frozenset({"category", "category_reason"})
BLANK_HOUSEHOLD = HouseholdForm(name="", id_number="", identity="", main_cause=None)
BLANK_MEMBER = MemberForm(name="", relation="")
Form = TypeVar("Form", HouseholdForm, MemberForm)


@dataclass(frozen=True)
class ImportReport:
    """What an import did; nothing is written unless every row passed."""

    created: int
    updated: int
    unchanged: int
    warnings: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"导入完成：新建 {self.created} 户，更新 {self.updated} 户，未变化 {self.unchanged} 户"


@dataclass
class Plan:
    """One file to create or update, and the rows its problems are reported on."""

    sheet: str
    row: int
    form: HouseholdForm
    member_rows: list[int | None]
    member_sheet: str
    household_id: int | None = None
    state: FileState | None = None
    check: CheckResult | None = None  # check_household's result, kept for the bulk writer


_FORM_DEFAULTS: dict[type, dict[str, object]] = {}


def form_defaults(form_type: type) -> dict[str, object]:
    """Field name → what a blank gives, for the fields a row may set (read once per form type)."""
    known = _FORM_DEFAULTS.get(form_type)
    if known is None:
        known = _FORM_DEFAULTS[form_type] = {
            f.name: None if f.default is MISSING else f.default
            for f in dataclasses.fields(form_type) if f.name not in ("members", "member_id")}
    return known


def with_values(base: Form, values: Mapping[str, object]) -> Form:
    """`base` with the form's fields found in `values`; a blank (None) gives the field's default."""
    defaults = form_defaults(type(base))
    changes: dict[str, Any] = {name: value if value is not None else defaults[name]
                               for name, value in values.items() if name in defaults}
    return replace_form(base, **changes)


def match_members(rows: Sequence[Mapping[str, object]], stored: Sequence[MemberForm], *,
                  keep_unmatched: bool) -> tuple[MemberForm, ...]:
    """Members from rows; one that is a stored member (same ID number, else same name and
    relation) keeps its id and the stored values of columns the file leaves out."""
    unused = list(stored)
    result: list[MemberForm] = []
    for values in rows:
        new = with_values(BLANK_MEMBER, values)
        found = next((o for o in unused if new.id_number and o.id_number == new.id_number), None)
        if found is None and not new.id_number:
            found = next((o for o in unused if not o.id_number and (o.name, o.relation) == (new.name, new.relation)),
                         None)
        if found is not None:
            unused.remove(found)
            new = with_values(found, values)
        result.append(new)
    return (*unused, *result) if keep_unmatched else tuple(result)


STATE_DAYS = ("approved_on", "last_recheck_on", "closed_on", "surveyed_on", "notice_start", "notice_end",
              "status_since")
CLOSED_TEXTS = frozenset(str(s) for s in CLOSED_STATUSES)


def file_state(values: Mapping[str, object], row: int, sheet: str, register: Register,
               errors: list[FieldError]) -> FileState | None:
    """Where an imported file stands; blank status is 申报. None (with errors) if inconsistent."""
    status = str(values.get("status") or FileStatus.APPLIED)
    state = FileState(status, *(values.get(k) for k in STATE_KEYS))  # type: ignore[arg-type]
    found: list[FieldError] = []

    def bad(key: str, message: str) -> None:
        found.append(FieldError(key, register.field(key).label, message, row=row, sheet=sheet))

    today = clock.today()
    for key in STATE_DAYS:
        day = getattr(state, key)
        if day is not None and day > today:
            bad(key, "不能晚于今天")
    if status not in CLOSED_TEXTS:
        if state.closed_on is not None:
            bad("closed_on", f"档案状态为“{status}”（未结束），不应填写退档/脱困日期")
        if state.close_reason:
            bad("close_reason", f"档案状态为“{status}”（未结束），不应填写退档原因")
    if status == FileStatus.WITHDRAWN and not state.close_reason:
        bad("close_reason", "退档须填写退档原因")
    if status == FileStatus.LIFTED and not state.close_reason:
        state = dataclasses.replace(state, close_reason="脱困")
    errors.extend(found)
    return None if found else state


def files_on_record(numbers: Iterable[str]) -> dict[str, tuple[str, str]]:
    """ID number → (档案编号, 状态) of the file household_id_by_number() picks, for many at once."""
    wanted = sorted(set(numbers))
    found: dict[str, tuple[str, str]] = {}
    open_statuses = {str(s) for s in OPEN_STATUSES}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        query = (Household.select(Person.id_number, Household.file_no, Household.status)
                 .join(Person, on=(Household.head == Person.id))
                 .where(Person.id_number.in_(wanted[start:start + LOOKUP_CHUNK]))
                 .order_by(Household.id.desc()))
        for number, file_no, status in tuples(query):
            if number not in found or (status in open_statuses and found[number][1] not in open_statuses):
                found[number] = (file_no, status)
    return found


def problem_error(problem: Problem, plan: Plan, households: Register, members: Register) -> FieldError:
    """A finding of check_household placed on the row it concerns (a member's own row if in the file)."""
    match = MEMBER_PROBLEM.match(problem.field)
    if match:
        index, key = int(match[1]), match[2]
        row = plan.member_rows[index] if index < len(plan.member_rows) else None
        if row is not None:
            label = next((f.label for f in members.fields if f.key == key), problem.label)
            return FieldError(key, label, problem.message, row=row, sheet=plan.member_sheet)
    label = next((f.label for f in households.fields if f.key == problem.field), problem.label)
    return FieldError(problem.field, label, problem.message, row=plan.row, sheet=plan.sheet)


def without_member_ids(form: HouseholdForm) -> HouseholdForm:
    return dataclasses.replace(form, members=tuple(dataclasses.replace(m, member_id=None) for m in form.members))


def _unique(rows: Sequence[ParsedRow], key: str, register: Register, sheet: str, message: str,
            errors: list[FieldError]) -> set[int]:
    """Numbers of rows repeating an earlier row's value of `key`, each reported naming the first."""
    first: dict[object, int] = {}
    repeated: set[int] = set()
    for row in rows:
        value = row.key if key == register.key_field else row.values.get(key)
        if not value:
            continue
        if value in first:
            errors.append(FieldError(key, register.field(key).label, f"与第{first[value]}行{message}",
                                     row=row.number, sheet=sheet))
            repeated.add(row.number)
        else:
            first[value] = row.number
    return repeated


class HouseholdImport:
    """One import of the two sheets: parse, plan and check every file, then write them all."""

    def __init__(self, households: RegisterTable | None, members: RegisterTable | None,
                 registers: tuple[Register, Register], *, update: bool, lists: ValueLists) -> None:
        self.households, self.members = households, members
        self.h_register, self.m_register = registers
        self.h_sheet = households.sheet if households else self.h_register.sheet
        self.m_sheet = members.sheet if members else self.m_register.sheet
        self.update = update
        self.lists = lists
        self.errors: list[FieldError] = []
        self.warnings: list[str] = []
        self.unchanged = 0
        self.failed: set[tuple[str | None, int | None, str]] = set()  # (sheet, row, key) that did not parse
        self.source = ""  # the file's name, for the audit trail

    def run(self, progress: ProgressFn, before_write: Callable[[ProgressFn], object] | None = None) -> ImportReport:
        """Check every row, then (if anything is to be written) call before_write and write in one go.

        before_write (the backup) reports its stage at the bar's midpoint, between checking and writing.
        """
        count = len(self.households.rows) if self.households else 0
        total = 2 * count
        plans = self.plans(progress, total)
        if self.errors:
            self.errors.sort(key=lambda e: (e.sheet != self.h_sheet, e.row or 0))
            raise ValidationError(self.errors)
        if plans and before_write is not None:
            before_write(lambda _done, _total, message: progress(count, total, message))
        created, updated = self.write(plans, progress, count)
        return ImportReport(created, updated, self.unchanged, tuple(self.warnings))

    def plans(self, progress: ProgressFn, total: int) -> list[Plan]:
        """Every file to write, each already checked; problems are collected in self.errors."""
        h_rows = parse_table(self.households, "id_number", self.lists, self.errors) if self.households else []
        m_rows = parse_table(self.members, "head_id_number", self.lists, self.errors) if self.members else []
        self.failed = {(e.sheet, e.row, e.field) for e in self.errors}
        repeated = _unique(h_rows, "id_number", self.h_register, self.h_sheet,
                           "的身份证号重复（一人只能有一份档案）", self.errors)
        repeated |= _unique(h_rows, "file_no", self.h_register, self.h_sheet, "的档案编号重复", self.errors)
        groups: dict[str, list[ParsedRow]] = {}
        for m in m_rows:
            groups.setdefault(m.key, []).append(m)
        numbers = [str(r.values["id_number"]) for r in h_rows if r.values.get("id_number")]
        numbers += [str(g[0].values["head_id_number"]) for g in groups.values() if g[0].values.get("head_id_number")]
        on_file = files_on_record(numbers)
        plans: list[Plan] = []
        for done, row in enumerate(h_rows, 1):
            group = groups.get(row.key, [])
            # A row with a bad cell is still checked (all problems in one pass), unless its ID is unusable.
            if "id_number" not in row.failed and row.values.get("id_number") and row.number not in repeated:
                plan = self._household_plan(row, group, on_file)
                if plan is not None:
                    plans.append(plan)
            if done % 50 == 0:
                progress(done, total, "正在检查档案")
        in_sheet = {r.key for r in h_rows}
        for key, group in groups.items():
            if key and key not in in_sheet and "head_id_number" not in group[0].failed:
                plan = self._members_only_plan(group, on_file)
                if plan is not None:
                    plans.append(plan)
        return plans

    def _already_on_file(self, key: str, row: int, sheet: str, number: str, file_no: str, status: str) -> None:
        what = "此人已有档案 " if key == "id_number" else f"职工身份证号 {number} 的档案已在系统中："
        register = self.h_register if key == "id_number" else self.m_register
        self.errors.append(FieldError(key, register.field(key).label,
                                      f"{what}{file_no}（{status}）；如需用本表修改该档案，"
                                      "请选择“更新已有档案”（命令行加 --update）", row=row, sheet=sheet))

    def _household_plan(self, row: ParsedRow, group: list[ParsedRow],
                        on_file: Mapping[str, tuple[str, str]]) -> Plan | None:
        number = str(row.values["id_number"])
        if number in on_file and not self.update:
            self._already_on_file("id_number", row.number, self.h_sheet, number, *on_file[number])
            return None
        state = file_state(row.values, row.number, self.h_sheet, self.h_register, self.errors)
        household_id = hs.household_id_by_number(number) if number in on_file else None
        if state is None:
            return None
        if household_id is None:
            members = tuple(with_values(BLANK_MEMBER, m.values) for m in group)
            plan = Plan(self.h_sheet, row.number, with_values(dataclasses.replace(BLANK_HOUSEHOLD, members=members),
                                                             row.values),
                        [m.number for m in group], self.m_sheet, state=state)
            return self._checked(plan)
        stored = load_details([household_id])[0]
        if self.members is not None:
            members = match_members([m.values for m in group], stored.form.members, keep_unmatched=False)
            member_rows: list[int | None] = [m.number for m in group]
        else:
            members, member_rows = stored.form.members, [None] * len(stored.form.members)
        form = with_values(dataclasses.replace(stored.form, members=members), row.values)
        form = dataclasses.replace(form, file_no=form.file_no or stored.form.file_no,
                                   filed_on=form.filed_on or stored.form.filed_on)
        if state.status != stored.status and self.households is not None and self.households.has("status"):
            self.warnings.append(FieldError("status", self.h_register.field("status").label,
                                            f"档案仍为“{stored.status}”：导入不改变已有档案的状态，"
                                            "请在档案中办理相应步骤", row=row.number, sheet=self.h_sheet).describe())
        return self._checked(Plan(self.h_sheet, row.number, form, member_rows, self.m_sheet, household_id), stored)

    def _members_only_plan(self, group: list[ParsedRow], on_file: Mapping[str, tuple[str, str]]) -> Plan | None:
        """Member rows whose head has no households row: added to the head's file on record."""
        number = str(group[0].values.get("head_id_number"))
        if number not in on_file:
            for m in group:
                self.errors.append(FieldError(
                    "head_id_number", self.m_register.field("head_id_number").label,
                    f"找不到职工身份证号为 {number} 的档案（“{self.h_register.sheet}”表中没有这一户，系统中也没有）",
                    row=m.number, sheet=self.m_sheet))
            return None
        if not self.update:
            self._already_on_file("head_id_number", group[0].number, self.m_sheet, number, *on_file[number])
            return None
        household_id = hs.household_id_by_number(number)
        if household_id is None:
            return None
        stored = load_details([household_id])[0]
        members = match_members([m.values for m in group], stored.form.members, keep_unmatched=True)
        kept = len(members) - len(group)
        plan = Plan(self.m_sheet, group[0].number, dataclasses.replace(stored.form, members=members),
                    [None] * kept + [m.number for m in group], self.m_sheet, household_id)
        return self._checked(plan, stored)

    def _checked(self, plan: Plan, stored: HouseholdDetail | None = None) -> Plan | None:
        """check_household on a planned file: errors placed on rows; None if it fails or changes nothing."""
        result = check_household(plan.form, household_id=plan.household_id, lists=self.lists)
        place = [problem_error(p, plan, self.h_register, self.m_register) for p in result.errors]
        rows = {(plan.sheet, plan.row), *((plan.member_sheet, r) for r in plan.member_rows)}
        if any((sheet, row) in rows for sheet, row, _key in self.failed):
            # Parse errors are already reported; keep only findings they cannot have caused.
            place = [e for e in place if (e.sheet, e.row, e.field) not in self.failed
                     and e.field not in DEPENDENT_KEYS]
            self.errors.extend(place)
            return None
        self.errors.extend(place)
        self.warnings.extend(problem_error(p, plan, self.h_register, self.m_register).describe()
                             for p in result.warnings)
        if place:
            return None
        if stored is not None and without_member_ids(result.form) == without_member_ids(stored.form):
            self.unchanged += 1
            return None
        plan.form, plan.check = result.form, result
        return plan

    def write(self, plans: Sequence[Plan], progress: ProgressFn, checked: int) -> tuple[int, int]:
        """Update and create every planned file in one transaction; any error rolls all of it back.

        Updates go first, one by one (each is checked again and its changes compared); new files
        are then written together, those with a number of their own before those numbered
        automatically, so that no automatic number can take one of theirs.
        """
        errors: list[FieldError] = []
        updates = sorted((p for p in plans if p.household_id is not None),
                         key=lambda p: (p.sheet != self.h_sheet, p.row))
        creates = sorted((p for p in plans if p.household_id is None),
                         key=lambda p: (not p.form.file_no, p.sheet != self.h_sheet, p.row))
        total = len(plans)

        def report(done: int) -> None:
            # The second half of the bar: as many steps as there were rows to check.
            progress(checked + checked * done // max(total, 1), 2 * checked, "正在写入档案")

        report(0)
        with database.atomic("IMMEDIATE"):
            for done, plan in enumerate(updates, 1):
                assert plan.household_id is not None
                try:
                    hs.update_household(plan.household_id, plan.form, accept_warnings=True)
                except ValidationError as exc:
                    errors.extend(problem_error(Problem(e.field, e.label, e.message), plan, self.h_register,
                                                self.m_register) for e in exc.errors)
                if done % 50 == 0:
                    report(done)
            items: list[tuple[CheckResult, FileState | None]] = []
            for plan in creates:
                assert plan.check is not None  # every planned file was checked
                items.append((plan.check, plan.state))
            errors.extend(problem_error(problem, creates[index], self.h_register, self.m_register)
                          for index, problem in household_bulk.taken_meanwhile(items))
            if errors:
                raise ValidationError(errors)
            household_bulk.create_imported(items, progress=lambda done, _total, _m: report(len(updates) + done))
            report(total)
            audit.record(AuditAction.IMPORT, target_kind="household", target_label=self.source[:100],
                         details={"文件": self.source, "新建": len(creates), "更新": len(updates),
                                  "未变化": self.unchanged})
        return len(creates), len(updates)
