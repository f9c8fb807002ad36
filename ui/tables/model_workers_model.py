"""The 劳模 archive list: each model worker with the highest honour, status from the ledger, last visit and check."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app import clock
from app.registers.base import Field
from app.services import model_worker_care as care
from app.services import model_workers as mw
from app.services.model_worker_forms import ON_ROLL, ArchiveLine
from ui import formatting

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
OFF_ROLL = QColor("#8a94a3")   # 调出, 去世, 撤销称号: kept on file, greyed

FIELDS: tuple[Field, ...] = (
    Field("name", "姓名", width=8),
    Field("honour", "荣誉称号（最高）", width=18),
    Field("work_unit", "工作单位", width=24),
    Field("status", "状态", width=8),
    Field("status_since", "状态日期", width=10),
    Field("last_visit", "最近走访", width=10),
    Field("last_check", "最近体检", width=10),
)
NAME, HONOUR, WORK_UNIT, STATUS, SINCE, LAST_VISIT, LAST_CHECK = range(len(FIELDS))


@dataclass(frozen=True)
class ArchiveRow:
    """One line of the list: the archive as it stood on the day shown, and the care given by then."""

    line: ArchiveLine
    last_visit: datetime.date | None
    last_check: datetime.date | None

    @property
    def id(self) -> int:
        return self.line.worker_id

    @property
    def on_roll(self) -> bool:
        return self.line.status in ON_ROLL


def _latest(pairs: Iterable[tuple[int, datetime.date]], day: datetime.date) -> dict[int, datetime.date]:
    found: dict[int, datetime.date] = {}
    for worker_id, on_date in pairs:
        if on_date <= day and (worker_id not in found or on_date > found[worker_id]):
            found[worker_id] = on_date
    return found


def read_archive(day: datetime.date | None = None) -> list[ArchiveRow]:
    """The whole archive today (or as it stood on `day`), with each worker's last visit and check by then."""
    when = day or clock.today()
    lines = mw.list_model_workers() if day is None else mw.archive_on(day)
    visited = _latest(((v.worker_id, v.on_date) for v in care.visits(end=when)), when)
    checked = _latest(((h.worker_id, h.on_date) for h in care.health_checks()), when)
    return [ArchiveRow(line, visited.get(line.worker_id), checked.get(line.worker_id)) for line in lines]


def matches(row: ArchiveRow, *, status: str = "", level: str = "", text: str = "") -> bool:
    """The list's filters, as list_model_workers applies them: one status, one highest level, words."""
    line = row.line
    if status and line.status != status:
        return False
    if level and line.highest_level != level:
        return False
    return all(word in line.name or word in line.work_unit or word in line.studio
               or line.id_number.endswith(word.upper()) for word in text.split())


def cells(row: ArchiveRow) -> tuple[str, ...]:
    line = row.line
    return (line.name, line.top_honour, line.work_unit, line.status, formatting.day(line.status_since),
            formatting.day(row.last_visit), formatting.day(row.last_check))


class ModelWorkersModel(QAbstractTableModel):
    """Rows are ArchiveRow dataclasses in the services' order (by name); nothing is edited here."""

    fields = FIELDS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ArchiveRow] = []
        self._cells: list[tuple[str, ...]] = []
        self._positions: dict[int, int] = {}

    def set_rows(self, rows: Sequence[ArchiveRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = [cells(r) for r in self.rows]
        self._positions = {r.id: n for n, r in enumerate(self.rows)}
        self.endResetModel()

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.rows]

    def id_at(self, row: int) -> int:
        return self.rows[row].id

    def row_of(self, worker_id: int) -> int | None:
        return self._positions.get(worker_id)

    def row_data(self, row: int) -> ArchiveRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][column]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and not row.on_roll:
            return OFF_ROLL
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), column)
        return None

    def _tooltip(self, number: int, column: int) -> str | None:
        line = self.rows[number].line
        if column == HONOUR:
            return "\n".join(h.text + (f"（{h.document_no}）" if h.document_no else "") for h in line.honours) or None
        if column == NAME:
            return " · ".join(t for t in (line.name, line.id_number, line.job, line.studio) if t)
        return self._cells[number][column] or None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(FIELDS):
            return FIELDS[section].label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
