"""A read-only list over the ids a search found: rows are fetched in blocks when first painted, cells made once."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app import session
from app.registers.base import Field
from ui import formatting

BLOCK = 80
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALERT = QColor("#c62828")


class LazyIdsModel(QAbstractTableModel):
    """Subclasses say how to search (`search_ids`), fetch a block (`fetch`) and show a row (`cells`).

    The search order is the service's; no proxy model is involved, so a row number is a list position.
    """

    fields: Sequence[Field] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: dict[int, object] = {}
        self._cells: dict[int, tuple[str, ...]] = {}
        self._alerts: dict[int, frozenset[int]] = {}  # columns shown in red (overdue, for example)
        self._positions: dict[int, int] | None = None
        self._alignment = [RIGHT if formatting.is_numeric(f) else LEFT for f in self.fields]

    # --- what a subclass provides ----------------------------------------------------------
    def search_ids(self) -> list[int]:
        raise NotImplementedError

    def fetch(self, ids: Sequence[int]) -> Sequence[object]:
        """The rows of these ids (any order); each has an `id`."""
        raise NotImplementedError

    def cells(self, item: object) -> tuple[str, ...]:
        raise NotImplementedError

    def alerts(self, _item: object) -> frozenset[int]:
        """Columns of this row to show in red."""
        return frozenset()

    def tooltip(self, item: object, column: int) -> str | None:
        return self._cells[item.id][column] or None  # type: ignore[attr-defined]

    # --- what is listed ------------------------------------------------------------------
    def refresh(self) -> None:
        """Search again and forget every loaded row (after any change)."""
        ids = self.search_ids()
        self.beginResetModel()
        self._ids = ids
        self._rows.clear()
        self._cells.clear()
        self._alerts.clear()
        self._positions = None
        self.endResetModel()

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, item_id: int) -> int | None:
        if self._positions is None:
            self._positions = {i: n for n, i in enumerate(self._ids)}
        return self._positions.get(item_id)

    def item(self, row: int) -> object | None:
        """The row's record, loading its block if needed."""
        if not 0 <= row < len(self._ids):
            return None
        if self._ids[row] not in self._rows:
            if session.current() is None:  # signed out (a restore, another database): nothing is read
                return None
            self._load_block(row)
        return self._rows.get(self._ids[row])

    def _load_block(self, row: int) -> None:
        start = row - row % BLOCK
        wanted = [i for i in self._ids[start:start + BLOCK] if i not in self._rows]
        for found in self.fetch(wanted):
            key = found.id  # type: ignore[attr-defined]
            self._rows[key] = found
            self._cells[key] = self.cells(found)
            self._alerts[key] = self.alerts(found)

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row, column = index.row(), index.column()
        if role == ID_ROLE:
            return self._ids[row]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment[column]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
            return None
        found = self.item(row)
        if found is None:
            return None
        key = self._ids[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[key][column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return ALERT if column in self._alerts[key] else None
        return self.tooltip(found, column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.fields):
            return self.fields[section].label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
