"""The preview before anything is written: every row with its problems, duplicates with a choice per group, counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.errors import FieldError
from app.progress import ProgressFn, no_progress
from app.validation import mask_id_number
from app.wizard.cleaning import CleanTable
from app.wizard.importers import STATUS_TEXT, Checked, RegisterImporter, RowStatus
from app.wizard.lazy import LazyItems, tally


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


class Preview:
    """What an import would do, row by row (held as columns; `rows` makes each RowPreview when asked).

    `checked` is the importer's own result, written as it is once confirmed.
    """

    def __init__(self, sheet: str, clean: CleanTable, statuses: list[RowStatus], problems: dict[int, list[FieldError]],
                 row_warnings: dict[int | None, list[FieldError]], in_groups: dict[int, list[str]],
                 groups: tuple[DuplicateGroup, ...], general: list[FieldError], checked: Checked) -> None:
        self.sheet, self.clean, self.statuses, self.groups, self.checked = sheet, clean, statuses, groups, checked
        self._problems, self._warnings, self._in_groups = problems, row_warnings, in_groups
        times = tally(statuses)
        self.counts = Counts(times[RowStatus.NEW], times[RowStatus.UPDATE], times[RowStatus.UNCHANGED],
                             times[RowStatus.SKIPPED], times[RowStatus.REJECTED])
        self.problems = (*general, *(e for n in sorted(problems) for e in problems[n]))
        self.warnings = tuple(w for n in sorted(row_warnings, key=lambda x: x or 0) for w in row_warnings[n])

    def row(self, position: int) -> RowPreview:
        number = self.clean.numbers[position]
        return RowPreview(number, self.statuses[position], self.clean.values_at(position),
                          tuple(self._problems.get(number, ())), tuple(self._warnings.get(number, ())),
                          tuple(self._in_groups.get(number, ())))

    @property
    def rows(self) -> LazyItems[RowPreview]:
        """Every data row, in sheet order."""
        return LazyItems(self.row, len(self.statuses))

    def rows_where(self, status: RowStatus) -> LazyItems[RowPreview]:
        return self.rows.where([at for at, s in enumerate(self.statuses) if s is status])

    def flagged_rows(self) -> LazyItems[RowPreview]:
        """The rows in a duplicate group or with a warning."""
        flagged = self._in_groups.keys() | {n for n in self._warnings if n is not None}
        return self.rows_numbered(flagged)

    def rows_numbered(self, numbers: Iterable[int]) -> LazyItems[RowPreview]:
        """The rows of these sheet row numbers (those that are data rows), in sheet order."""
        positions = (self.clean.position_of(n) for n in sorted(set(numbers)))
        return self.rows.where([p for p in positions if p is not None])

    def group(self, group_id: str) -> DuplicateGroup:
        for g in self.groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)

    def choices(self) -> dict[str, Choice]:
        return {g.id: g.choice for g in self.groups}


def find_groups(clean: CleanTable, importer: RegisterImporter, *, update: bool = False) -> list[DuplicateGroup]:
    """Every duplicate group with its default choice: skip, or update records on file if `update`.

    Strict: the same key (ID number) twice in the file, or on record. Soft (a warning whose default
    keeps the rows): the same name and birth date under different ID numbers.
    """
    numbers = clean.numbers
    groups: list[DuplicateGroup] = []
    strict = importer.strict_keys(clean)
    repeated = {k for k, n in tally(strict).items() if n > 1 and k}
    in_file: dict[str, list[int]] = defaultdict(list)
    if repeated:
        for at, key in enumerate(strict):
            if key in repeated:
                in_file[key].append(numbers[at])
    file_choices = (Choice.SKIP, Choice.UPDATE, *((Choice.KEEP_BOTH,) if importer.keep_both else ()))
    for key, rows in in_file.items():
        same = "内容完全相同" if importer.keep_both else f"身份证号相同（{mask_id_number(key)}）"
        groups.append(DuplicateGroup(f"{IN_FILE}:{key}", IN_FILE, tuple(rows),
                                     f"第{'、'.join(map(str, rows))}行{same}", file_choices, Choice.SKIP))
    record_choices = (Choice.SKIP, *((Choice.UPDATE,) if importer.updates else ()),
                      *((Choice.KEEP_BOTH,) if importer.keep_both else ()))
    default = Choice.UPDATE if update and importer.updates else Choice.SKIP
    found = importer.on_record(list({k for k in strict if k}))
    if found:
        first = {k: numbers[at] for at, k in reversed(list(enumerate(strict))) if k in found}
        for key, text in found.items():
            rows_of = tuple(in_file.get(key, [first[key]]))
            groups.append(DuplicateGroup(f"{ON_RECORD}:{key}", ON_RECORD, rows_of, f"系统中{text}", record_choices,
                                         default))
    soft = importer.soft_keys(clean)
    alike_choices = (Choice.KEEP_BOTH, Choice.SKIP)
    repeated_soft = {k for k, n in tally(soft).items() if n > 1 and k}
    on_record_soft = importer.soft_on_record(list({k for k in soft if k}))
    wanted = repeated_soft | on_record_soft.keys()
    members: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)
    if wanted:
        for at, likeness in enumerate(soft):
            if likeness in wanted:
                members[likeness].append((numbers[at], strict[at] or ""))
    for likeness in repeated_soft:
        if len({s for _n, s in members[likeness]}) > 1:
            alike = tuple(n for n, _s in members[likeness])
            groups.append(DuplicateGroup(f"{ALIKE}:{'|'.join(likeness)}", ALIKE, alike,
                                         f"第{'、'.join(map(str, alike))}行姓名和出生日期相同而身份证号不同，请核对",
                                         alike_choices, Choice.KEEP_BOTH))
    for likeness, on_file in on_record_soft.items():
        in_sheet = {s for _n, s in members[likeness]}
        texts = [text for number, text in on_file if number not in in_sheet]
        if texts:
            alike_rows = tuple(n for n, _s in members[likeness])
            groups.append(DuplicateGroup(f"{ALIKE_ON_RECORD}:{'|'.join(likeness)}", ALIKE_ON_RECORD, alike_rows,
                                         texts[0] + "，请核对是否同一人", alike_choices, Choice.KEEP_BOTH))
    groups.sort(key=lambda g: (GROUP_ORDER[g.where], g.rows))
    return groups


GROUP_ORDER = {IN_FILE: 0, ON_RECORD: 1, ALIKE: 2, ALIKE_ON_RECORD: 3}


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
    numbers = clean.numbers
    chosen: Sequence[int] = range(len(numbers))
    if skipped:
        chosen = [at for at, n in enumerate(numbers) if n not in skipped]
    checked = importer.check(sheet, clean, chosen, updating, progress)
    labels = {f.key: f.label for f in importer.register.fields}
    problems: dict[int, list[FieldError]] = defaultdict(list)
    for at, errors in sorted(clean.cell_errors.items()):
        number = numbers[at]
        if number not in skipped:
            problems[number].extend(FieldError(key, labels.get(key, key), message, row=number, sheet=sheet)
                                    for key, message in errors.items())
    general: list[FieldError] = []
    for error in checked.errors:
        if error.row is None:
            general.append(error)
            continue
        found = clean.position_of(error.row)
        if found is None or error.field not in clean.cell_errors.get(found, {}):
            problems[error.row].append(error)
    row_warnings: dict[int | None, list[FieldError]] = defaultdict(list)
    for warning in checked.warnings:
        row_warnings[warning.row].append(warning)
    in_groups: dict[int, list[str]] = defaultdict(list)
    for g in groups:
        for n in g.rows:
            in_groups[n].append(g.id)
    status_of, rejected, skip = checked.status, RowStatus.REJECTED, RowStatus.SKIPPED
    statuses = [skip if n in skipped else rejected if n in problems else status_of.get(n, rejected) for n in numbers]
    return Preview(sheet, clean, statuses, dict(problems), dict(row_warnings), dict(in_groups), tuple(groups),
                   general, checked)
