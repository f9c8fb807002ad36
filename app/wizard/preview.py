"""The preview before anything is written: every row with its problems, duplicates with a choice per group, counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.errors import FieldError
from app.progress import ProgressFn, no_progress
from app.validation import mask_id_number
from app.wizard.cleaning import CleanRow, CleanTable
from app.wizard.importers import STATUS_TEXT, Checked, RegisterImporter, RowStatus


class Choice(StrEnum):
    SKIP = "skip"        # file: keep the first row only; database: leave the record on file as it is
    UPDATE = "update"    # file: the last row wins; database: the row replaces the record on file
    KEEP_BOTH = "keep"   # add every row (only where the register allows a second record)


CHOICE_TEXT = {Choice.SKIP: "跳过", Choice.UPDATE: "更新", Choice.KEEP_BOTH: "都保留"}
IN_FILE, ON_RECORD, ALIKE, ALIKE_ON_RECORD = "file", "database", "alike", "alike-database"


@dataclass(frozen=True)
class DuplicateGroup:
    """Rows that are (or may be) the same record: twice in the file, or already on record."""

    id: str
    where: str                    # IN_FILE, ON_RECORD, or ALIKE(_ON_RECORD): same name and birth date, a softer warning
    rows: tuple[int, ...]         # sheet rows, in file order
    description: str
    choices: tuple[Choice, ...]
    choice: Choice

    @property
    def choice_text(self) -> str:
        return CHOICE_TEXT[self.choice]


@dataclass(frozen=True)
class RowPreview:
    """One data row as the window lists it: its status, clean values, problems and duplicate groups."""

    number: int
    status: RowStatus
    values: Mapping[str, object]
    problems: tuple[FieldError, ...]
    warnings: tuple[FieldError, ...]
    groups: tuple[str, ...]

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]


@dataclass(frozen=True)
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: int = 0

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged + self.skipped + self.rejected

    def describe(self) -> str:
        return (f"共 {self.total} 行：新增 {self.new}，更新 {self.updated}，未变化 {self.unchanged}，"
                f"跳过 {self.skipped}，有错误 {self.rejected}")


@dataclass(frozen=True)
class Preview:
    """What an import would do; `checked` is the importer's own result, written as it is once confirmed."""

    sheet: str
    rows: tuple[RowPreview, ...]
    counts: Counts
    groups: tuple[DuplicateGroup, ...]
    problems: tuple[FieldError, ...]
    warnings: tuple[FieldError, ...]
    checked: Checked = field(compare=False, repr=False)

    def group(self, group_id: str) -> DuplicateGroup:
        for g in self.groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)

    def choices(self) -> dict[str, Choice]:
        return {g.id: g.choice for g in self.groups}


def _file_groups(rows: Sequence[CleanRow], strict: Sequence[str | None]) -> dict[str, list[int]]:
    by_key: dict[str, list[int]] = defaultdict(list)
    for row, key in zip(rows, strict, strict=True):
        if key:
            by_key[key].append(row.number)
    return {k: v for k, v in by_key.items() if len(v) > 1}


def find_groups(clean: CleanTable, importer: RegisterImporter, *, update: bool = False) -> list[DuplicateGroup]:
    """Every duplicate group with its default choice: skip, or update records on file if `update`.

    Strict: the same key (ID number) twice in the file, or on record. Soft (a warning whose default
    keeps the rows): the same name and birth date under different ID numbers.
    """
    rows = clean.rows
    groups: list[DuplicateGroup] = []
    strict = [importer.strict_key(r.values) for r in rows]
    in_file = _file_groups(rows, strict)
    file_choices = (Choice.SKIP, Choice.UPDATE, *((Choice.KEEP_BOTH,) if importer.keep_both else ()))
    for key, numbers in in_file.items():
        same = "内容完全相同" if importer.keep_both else f"身份证号相同（{mask_id_number(key)}）"
        groups.append(DuplicateGroup(f"{IN_FILE}:{key}", IN_FILE, tuple(numbers),
                                     f"第{'、'.join(map(str, numbers))}行{same}", file_choices, Choice.SKIP))
    keys = {k: r.number for r, k in zip(rows, strict, strict=True) if k}
    record_choices = (Choice.SKIP, *((Choice.UPDATE,) if importer.updates else ()),
                      *((Choice.KEEP_BOTH,) if importer.keep_both else ()))
    default = Choice.UPDATE if update and importer.updates else Choice.SKIP
    for key, text in importer.on_record(sorted(keys)).items():
        rows_of = tuple(in_file.get(key, [keys[key]]))
        groups.append(DuplicateGroup(f"{ON_RECORD}:{key}", ON_RECORD, rows_of, f"系统中{text}", record_choices,
                                     default))
    soft: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)
    for row, number in zip(rows, strict, strict=True):
        likeness = importer.soft_key(row.values)
        if likeness:
            soft[likeness].append((row.number, number or ""))
    alike_choices = (Choice.KEEP_BOTH, Choice.SKIP)
    strict_of = {k: {s for _n, s in v} for k, v in soft.items()}
    for likeness, members in soft.items():
        if len({s for _n, s in members}) > 1:
            alike = tuple(n for n, _s in members)
            groups.append(DuplicateGroup(f"{ALIKE}:{'|'.join(likeness)}", ALIKE, alike,
                                         f"第{'、'.join(map(str, alike))}行姓名和出生日期相同而身份证号不同，请核对",
                                         alike_choices, Choice.KEEP_BOTH))
    for likeness, text in importer.soft_on_record(list(soft), strict_of).items():
        found = tuple(n for n, _s in soft[likeness])
        groups.append(DuplicateGroup(f"{ALIKE_ON_RECORD}:{'|'.join(likeness)}", ALIKE_ON_RECORD, found,
                                     text + "，请核对是否同一人", alike_choices, Choice.KEEP_BOTH))
    return groups


def decide(groups: Sequence[DuplicateGroup], choices: Mapping[str, Choice]) -> tuple[set[int], set[int]]:
    """(rows skipped, rows that update their record on file) under the choices made."""
    skipped: set[int] = set()
    updating: set[int] = set()
    for g in groups:
        choice = choices.get(g.id, g.choice)
        if choice not in g.choices:
            choice = g.choice
        if g.where == IN_FILE and choice is not Choice.KEEP_BOTH:
            keep = g.rows[0] if choice is Choice.SKIP else g.rows[-1]
            skipped.update(n for n in g.rows if n != keep)
        elif g.where == ON_RECORD:
            if choice is Choice.SKIP:
                skipped.update(g.rows)
            elif choice is Choice.UPDATE:
                updating.update(g.rows)
        elif g.where == ALIKE and choice is Choice.SKIP:
            skipped.update(g.rows[1:])
        elif g.where == ALIKE_ON_RECORD and choice is Choice.SKIP:
            skipped.update(g.rows)
    return skipped, updating


def build_preview(clean: CleanTable, importer: RegisterImporter, sheet: str, groups: Sequence[DuplicateGroup],
                  choices: Mapping[str, Choice] | None = None, progress: ProgressFn = no_progress) -> Preview:
    """Apply the choices, let the register's importer check the rows to write, and gather it all per row."""
    choices = dict(choices or {})
    groups = [g if g.id not in choices or choices[g.id] not in g.choices
              else DuplicateGroup(g.id, g.where, g.rows, g.description, g.choices, choices[g.id]) for g in groups]
    skipped, updating = decide(groups, {})
    chosen = [r for r in clean.rows if r.number not in skipped]
    checked = importer.check(sheet, chosen, updating, progress)
    labels = {f.key: f.label for f in importer.register.fields}
    problems: dict[int, list[FieldError]] = defaultdict(list)
    for row in chosen:
        for key, message in row.errors.items():
            problems[row.number].append(FieldError(key, labels.get(key, key), message, row=row.number, sheet=sheet))
    cell_errors = {r.number: r.errors for r in chosen if r.errors}
    general: list[FieldError] = []
    for error in checked.errors:
        if error.row is None:
            general.append(error)
        elif error.field not in cell_errors.get(error.row, {}):
            problems[error.row].append(error)
    warnings: dict[int | None, list[FieldError]] = defaultdict(list)
    for warning in checked.warnings:
        warnings[warning.row].append(warning)
    in_groups: dict[int, list[str]] = defaultdict(list)
    for g in groups:
        for n in g.rows:
            in_groups[n].append(g.id)
    previews: list[RowPreview] = []
    tally: dict[RowStatus, int] = defaultdict(int)
    for row in clean.rows:
        if row.number in skipped:
            status = RowStatus.SKIPPED
        elif problems.get(row.number):
            status = RowStatus.REJECTED
        else:
            status = checked.status.get(row.number, RowStatus.REJECTED)
        tally[status] += 1
        previews.append(RowPreview(row.number, status, row.values, tuple(problems.get(row.number, ())),
                                   tuple(warnings.get(row.number, ())), tuple(in_groups.get(row.number, ()))))
    counts = Counts(tally[RowStatus.NEW], tally[RowStatus.UPDATE], tally[RowStatus.UNCHANGED],
                    tally[RowStatus.SKIPPED], tally[RowStatus.REJECTED])
    every_problem = [*general, *(e for n in sorted(problems) for e in problems[n])]
    every_warning = [w for n in sorted(warnings, key=lambda x: x or 0) for w in warnings[n]]
    return Preview(sheet, tuple(previews), counts, tuple(groups), tuple(every_problem), tuple(every_warning), checked)
