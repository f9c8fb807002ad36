"""New hardship files from the wizard's cleaned columns: rows alike in every shared column are checked once.

A register of 100,000 rows repeats its categories, causes, incomes and dates; what each row has of its
own is its person (name, ID number, sex, birth date), phone, card and free text. check_household runs
once per group of rows alike in everything else; each row's own values get the checks that concern
them alone. The result is what check_household gives row by row (tests/app/test_wizard_new_files.py).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app import validation as v
from app.errors import FieldError
from app.progress import ProgressFn
from app.registers.base import Kind, ValueLists
from app.registers.households import HOUSEHOLDS
from app.services.household_batch import NewFiles
from app.services.household_forms import CheckResult, FileState, Problem
from app.services.household_import import (
    BLANK_HOUSEHOLD,
    DEPENDENT_KEYS,
    STATE_KEYS,
    file_state,
    form_defaults,
    with_values,
)
from app.services.household_rules import check_household, person_changes
from app.vocab import FileStatus
from app.wizard.cleaning import CleanTable
from app.wizard.importers import Checked, RowStatus

STATE_FIELDS = frozenset({"status", *STATE_KEYS})
BLANK_STATE = FileState(str(FileStatus.APPLIED))
# A file's own values: free text (checked for length when cleaned), its person, phone and card.
OWN_KEYS = frozenset({f.key for f in HOUSEHOLDS.fields if f.kind is Kind.TEXT and not f.derived}
                     - {"category_reason"} | {"id_number", "sex", "birth_date", "phone", "card_number"})
LABELS = {f.key: f.label for f in HOUSEHOLDS.fields}
PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class Context:
    """What the database holds about the rows' people and numbers, read once for all of them."""

    on_file: Mapping[str, tuple[str, str]]     # ID number → (档案编号, 状态) of a file they head
    used_file_numbers: set[str]
    members_of: Mapping[str, str]              # ID number → 档案编号 of an open file they are a member of
    poverty_line: Callable[[datetime.date], Decimal | None]
    lists: ValueLists
    id_infos: Mapping[str, v.IdInfo]


@dataclass
class _Group:
    """Rows alike in every shared column: check_household's findings on the first, the state they give."""

    check: CheckResult
    errors: list[Problem]
    warnings: list[Problem]
    state: FileState | None
    state_errors: list[FieldError]

    @property
    def clear(self) -> bool:
        return not self.errors and not self.warnings and self.state is not None


def _error(problem: Problem, row: int, sheet: str) -> FieldError:
    return FieldError(problem.field, LABELS.get(problem.field, problem.label), problem.message, row=row, sheet=sheet)


def _group_of_rows(shared: Sequence[Sequence[object]], size: int) -> tuple[list[int], list[int]]:
    """Each row's group (rows alike in every shared column) and the first row of each group."""
    if not shared:
        return [0] * size, [0] if size else []
    index: dict[tuple[object, ...], int] = {}
    group_of = [index.setdefault(key, len(index)) for key in zip(*shared, strict=True)]
    firsts = [0] * len(index)
    for offset in range(size - 1, -1, -1):
        firsts[group_of[offset]] = offset
    return group_of, firsts


def check_new_files(checked: Checked, table: CleanTable, positions: Sequence[int], context: Context,
                    progress: ProgressFn, total: int) -> NewFiles | None:
    """Check the rows at these positions as new files; problems and warnings go to `checked`, and the rows
    that pass (status NEW) come back as the files to write."""
    size = len(positions)
    if not size:
        return None
    sheet, errors, warnings = checked.sheet, checked.errors, checked.warnings
    whole = size == len(table)

    def pick(column: Sequence[object]) -> list[object]:
        return list(column) if whole else [column[at] for at in positions]

    keys = list(table.columns)
    own = {k: pick(table.columns[k]) for k in keys if k in OWN_KEYS}
    shared_keys = [k for k in keys if k not in OWN_KEYS]
    group_of, firsts = _group_of_rows([pick(table.columns[k]) for k in shared_keys], size)
    groups = [_check_group(table.values_at(positions[first]), sheet, context) for first in firsts]
    numbers: list[int] = [int(n) for n in pick(table.numbers)]  # type: ignore[call-overload]
    progress(0, total, "正在检查档案")

    blank = [None] * size
    names, ids = own.get("name", blank), own.get("id_number", blank)
    sexes, births = own.get("sex", blank), own.get("birth_date", blank)
    file_no_errors = _file_number_errors(own.get("file_no"), numbers, context.used_file_numbers, sheet)
    infos, on_file, members_of = context.id_infos, context.on_file, context.members_of
    cell_errors = table.cell_errors
    kept: list[int] = []
    out_sex: list[object] = []
    out_birth: list[object] = []
    for offset, (number, name, id_number, sex, born, g) in enumerate(
            zip(numbers, names, ids, sexes, births, group_of, strict=True)):
        if offset % PROGRESS_EVERY == 0:
            progress(offset, total, "正在检查档案")
        info = infos.get(id_number) if type(id_number) is str else None
        if (info is not None and name and groups[g].clear and (not sex or sex == info.sex)
                and (not born or born == info.birth_date) and id_number not in on_file
                and id_number not in members_of and offset not in file_no_errors
                and positions[offset] not in cell_errors):
            kept.append(offset)
            out_sex.append(info.sex)
            out_birth.append(info.birth_date)
            continue
        at = positions[offset]
        before = len(errors)
        if id_number in on_file:
            file_no, status = on_file[id_number]
            errors.append(FieldError("id_number", "身份证号", f"此人已有档案 {file_no}（{status}）；"
                                     "请在重复项中选择“更新”或“跳过”", row=number, sheet=sheet))
            continue
        if offset in file_no_errors:
            errors.append(file_no_errors[offset])
        group = groups[g]
        errors.extend(dataclasses.replace(e, row=number) for e in group.state_errors)
        problems: list[Problem] = []
        changes = _person(name, id_number, sex, born, info, problems)
        found = [_error(p, number, sheet) for p in (*problems, *group.errors)]
        own_errors = cell_errors.get(at)
        if own_errors:  # a cell that did not parse is reported already; keep what it cannot have caused
            found = [e for e in found if e.field not in own_errors and e.field not in DEPENDENT_KEYS]
        errors.extend(found)
        if id_number in members_of:
            file_no = members_of[id_number]
            warnings.append(FieldError("id_number", "身份证号", f"职工本人已是在办档案 {file_no} 的家庭成员",
                                       row=number, sheet=sheet))
        warnings.extend(_error(p, number, sheet) for p in group.warnings)
        if own_errors or len(errors) > before or group.state is None:
            continue
        kept.append(offset)
        out_sex.append(changes.get("sex", sex))
        out_birth.append(changes.get("birth_date", born))
    progress(size, total, "正在检查档案")
    if not kept:
        return None
    every = len(kept) == size
    defaults = form_defaults(type(BLANK_HOUSEHOLD))

    def keep(column: Sequence[object], default: object = None) -> list[object]:
        chosen = list(column) if every else [column[offset] for offset in kept]
        return chosen if default is None else [default if x is None else x for x in chosen]

    rows = keep(numbers)
    checked.status.update(dict.fromkeys(rows, RowStatus.NEW))  # type: ignore[arg-type]
    own_values = {k: keep(column, defaults.get(k)) for k, column in own.items()}
    own_values.update(name=keep(names, ""), id_number=keep(ids), sex=out_sex, birth_date=out_birth)
    return NewFiles(sheet, rows, own_values, keep(group_of), [g.check for g in groups],  # type: ignore[arg-type]
                    [g.state or BLANK_STATE for g in groups])


def _person(name: object, id_number: object, sex: object, born: object, info: v.IdInfo | None,
            problems: list[Problem]) -> dict[str, object]:
    """check_household's findings on a row's own person: name and ID number given, sex and birth date agreeing."""
    if not name:
        problems.append(Problem("name", "姓名", "必填，不能为空"))
    if not id_number:
        problems.append(Problem("id_number", "身份证号", "必填，不能为空"))
        return {}
    if info is None:
        try:
            info = v.check_id_number(id_number)
        except ValueError as exc:
            problems.append(Problem("id_number", "身份证号", str(exc)))
            return {}
    return person_changes(info, sex if isinstance(sex, str) else None,
                          born if isinstance(born, datetime.date) else None, problems)


def _check_group(values: Mapping[str, object], sheet: str, context: Context) -> _Group:
    """check_household on a group's first row; of its findings, those about shared values hold for the group."""
    result = check_household(with_values(BLANK_HOUSEHOLD, values), lists=context.lists, check_database=False,
                             poverty_line=context.poverty_line)
    state_errors: list[FieldError] = []
    state = BLANK_STATE if STATE_FIELDS.isdisjoint(values) else file_state(values, 0, sheet, HOUSEHOLDS,
                                                                           state_errors)
    return _Group(result, [p for p in result.errors if p.field not in OWN_KEYS],
                  [p for p in result.warnings if p.field not in OWN_KEYS], state, state_errors)


def _file_number_errors(given: Sequence[object] | None, numbers: Sequence[int], used: set[str],
                        sheet: str) -> dict[int, FieldError]:
    """档案编号 already in use, or repeating an earlier row's, by row offset."""
    if given is None:
        return {}
    found: dict[int, FieldError] = {}
    first: dict[str, int] = {}
    for offset, (file_no, number) in enumerate(zip(given, numbers, strict=True)):
        if not isinstance(file_no, str) or not file_no:
            continue
        if file_no in used:
            found[offset] = FieldError("file_no", "档案编号", f"档案编号 {file_no} 已被使用", row=number, sheet=sheet)
        elif file_no in first:
            found[offset] = FieldError("file_no", "档案编号", f"与第{first[file_no]}行的档案编号重复", row=number,
                                       sheet=sheet)
        first.setdefault(file_no, number)
    return found
