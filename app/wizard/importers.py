"""The register importers the wizard drives: one interface, a households importer built for speed, and any other
register whose importer checks a RegisterTable and then writes it (run(progress, before_write))."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from app.errors import FieldError, KnownError, ValidationError
from app.excel.reader import RegisterTable, SheetRow
from app.progress import ProgressFn
from app.registers.base import Field, Kind, Register, ValueLists
from app.wizard.cleaning import CleanRow, CleanTable

BeforeWrite = Callable[[ProgressFn], object]


class RowStatus(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    REJECTED = "rejected"


STATUS_TEXT = {RowStatus.NEW: "新增", RowStatus.UPDATE: "更新", RowStatus.UNCHANGED: "未变化",
               RowStatus.SKIPPED: "跳过", RowStatus.REJECTED: "有错误"}


@dataclass
class Checked:
    """What an importer's check found: problems by row, the status of each row that passed, and its own
    work (the plans it will write), kept so that writing does not check every row again."""

    sheet: str
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)
    status: dict[int, RowStatus] = field(default_factory=dict)
    work: object = None


@dataclass(frozen=True)
class Written:
    """What the write stored."""

    created: int
    updated: int
    unchanged: int
    summary: str


class RegisterImporter(Protocol):
    """What the wizard needs of a register's importer."""

    register: Register
    keep_both: bool      # may a second record be added for someone (same key) the register already holds
    updates: bool        # can a row replace the record on file

    def strict_keys(self, table: CleanTable) -> list[str | None]:
        """Per row, the value two rows must share to be the same record (an ID number)."""

    def soft_keys(self, table: CleanTable) -> list[tuple[str, ...] | None]:
        """Per row, a weaker likeness (name and birth date) worth a warning."""

    def on_record(self, keys: Sequence[str]) -> dict[str, str]:
        """Strict key → what the database holds under it, for the keys that are there."""

    def soft_on_record(self, keys: Sequence[tuple[str, ...]]) -> dict[tuple[str, ...], list[tuple[str, str]]]:
        """Soft key → (strict key, description) of each record on file with that likeness."""

    def check(self, sheet: str, table: CleanTable, positions: Sequence[int], update: set[int],
              progress: ProgressFn) -> Checked:
        """Check the rows at these positions of the table (those whose sheet row is in `update` replace the
        record on file); writes nothing."""

    def write(self, checked: Checked, progress: ProgressFn, before_write: BeforeWrite) -> Written:
        """Call before_write (the backup), then write everything checked in one transaction."""


def register_value(f: Field, value: object) -> object:
    """A parsed value as a register importer's Field.parse takes it again."""
    if f.kind is Kind.MULTI and isinstance(value, tuple):
        return "、".join(str(v) for v in value) or None
    return value


def register_table(register: Register, sheet: str, fields: Sequence[Field], rows: Sequence[CleanRow]) -> RegisterTable:
    data = tuple(SheetRow(r.number, {f.key: register_value(f, r.values.get(f.key)) for f in fields}) for r in rows)
    return RegisterTable(register, sheet, 0, tuple(fields), data)


class _DryRun(Exception):
    """Raised from before_write: every row passed, and nothing is to be written yet."""


class Runnable(Protocol):
    def run(self, progress: ProgressFn, before_write: BeforeWrite | None = None) -> object: ...


Factory = Callable[[RegisterTable, ValueLists, str], Runnable]


class TableImporter:
    """Any register whose importer takes a RegisterTable: checked by running it up to the point of writing.

    Such a register (relief records, fund entries …) is a ledger: the same person appears in many rows,
    so only rows alike in every column count as duplicates, and a second one may be kept.
    """

    keep_both = True
    updates = False

    def __init__(self, register: Register, factory: Factory, lists: ValueLists, source: str) -> None:
        self.register, self.factory, self.lists, self.source = register, factory, lists, source
        self._fields: tuple[Field, ...] = ()

    def strict_keys(self, table: CleanTable) -> list[str | None]:
        keys = [f.key for f in self.register.importable_fields()]
        return ["\x1f".join(str(values.get(k, "")) for k in keys) for values in map(table.values_at, range(len(table)))]

    def soft_keys(self, table: CleanTable) -> list[tuple[str, ...] | None]:
        return [None] * len(table)

    def on_record(self, keys: Sequence[str]) -> dict[str, str]:
        return {}

    def soft_on_record(self, keys: Sequence[tuple[str, ...]]) -> dict[tuple[str, ...], list[tuple[str, str]]]:
        return {}

    def check(self, sheet: str, table: CleanTable, positions: Sequence[int], update: set[int],
              progress: ProgressFn) -> Checked:
        rows = [table.row(at) for at in positions]
        fields = [f for f in self.register.importable_fields() if f.key in table.columns]
        register_rows = register_table(self.register, sheet, fields, rows)
        checked = Checked(sheet, work=register_rows)

        def stop(_stage: ProgressFn) -> None:
            raise _DryRun

        try:
            self.factory(register_rows, self.lists, self.source).run(progress, before_write=stop)
        except _DryRun:
            pass
        except ValidationError as exc:
            checked.errors.extend(exc.errors)
        failed = {e.row for e in checked.errors}
        checked.status = {r.number: RowStatus.NEW for r in rows if r.number not in failed}
        return checked

    def write(self, checked: Checked, progress: ProgressFn, before_write: BeforeWrite) -> Written:
        table = checked.work
        assert isinstance(table, RegisterTable)
        result = self.factory(table, self.lists, self.source).run(progress, before_write=before_write)
        created = len(table.rows)
        describe = getattr(result, "describe", None)
        summary = describe() if callable(describe) else f"导入完成：新增 {created} 条"
        return Written(created, 0, 0, summary)


def _family_members(table: RegisterTable, lists: ValueLists, source: str) -> Runnable:
    from app.registers.households import FAMILY_MEMBERS, HOUSEHOLDS
    from app.services.household_import import HouseholdImport

    run = HouseholdImport(None, table, (HOUSEHOLDS, FAMILY_MEMBERS), update=True, lists=lists)
    run.source = source
    return run


def _relief(table: RegisterTable, lists: ValueLists, source: str) -> Runnable:
    from app.services.relief_import import ReliefImport

    return ReliefImport(table, lists, source)


# Registers other than households, by kind: how to build their importer for a table.
TABLE_IMPORTERS: dict[str, Factory] = {"family-members": _family_members, "relief": _relief}


def importer_for(register: Register, lists: ValueLists, source: str) -> RegisterImporter:
    """The importer of a register kind; a kind without one is refused in plain words."""
    if register.kind == "households":
        from app.wizard.household_check import HouseholdsImporter

        return HouseholdsImporter(lists, source)
    factory = TABLE_IMPORTERS.get(register.kind)
    if factory is None:
        known = "、".join(["households", *TABLE_IMPORTERS])
        raise KnownError(f"“{register.title}”还不能用导入向导（--map、--dry-run）导入：请按导入模板"
                         f"（python -m app template {register.kind}）整理后直接导入，导入前会逐行检查、有错不写。"
                         f"可用导入向导的登记簿：{known}。")
    return TableImporter(register, factory, lists, source)


def importable_kinds() -> list[str]:
    return ["households", *TABLE_IMPORTERS]
