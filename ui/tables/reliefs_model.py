"""The 救助记录 list: holds the ids a search found and loads their rows in blocks when shown."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app import session
from app.registers.base import Field, Kind
from app.registers.relief import RELIEF
from app.services import relief
from app.services.relief import ReliefQuery
from app.services.relief_forms import ReliefRow
from ui import formatting

BLOCK = 80
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
MARKED = QColor("#fff3d6")  # 临时救助 or a repeat with a reason: the clerk sees it at a glance

# The register's list columns, then what the list adds: the goods, the handler, and the marks.
FIELDS: list[Field] = [
    *RELIEF.list_fields(),
    Field("goods", "物资", width=20),
    Field("handler", "经办人", width=10),
    Field("marks", "标记", width=18),
]


def marks(row: ReliefRow) -> str:
    """临时救助 · 重复救助：reason."""
    parts = []
    if row.temporary:
        parts.append("临时救助")
    if row.duplicate_reason:
        parts.append(f"重复救助：{row.duplicate_reason}")
    return " · ".join(parts)


def cells(row: ReliefRow) -> tuple[str, ...]:
    values: list[str] = []
    for field in FIELDS:
        if field.key == "marks":
            values.append(marks(row))
        elif field.kind is Kind.MONEY:
            value = getattr(row, field.key)
            values.append(formatting.money(value) if value else "")
        else:
            values.append(formatting.display(field, getattr(row, field.key)))
    return tuple(values)


class ReliefsModel(QAbstractTableModel):
    """Lazy: search_reliefs gives the ids (newest first), fetch_reliefs the rows of a block when first painted."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields = FIELDS
        self._query = ReliefQuery()
        self._ids: list[int] = []
        self._rows: dict[int, ReliefRow] = {}
        self._cells: dict[int, tuple[str, ...]] = {}
        self._positions: dict[int, int] | None = None
        self._alignment = [
            int((Qt.AlignmentFlag.AlignRight if formatting.is_numeric(f) else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter) for f in self.fields]

    @property
    def query(self) -> ReliefQuery:
        return self._query

    def set_query(self, query: ReliefQuery) -> None:
        self._query = query
        self.refresh()

    def clear(self) -> None:
        self.beginResetModel()
        self._ids = []
        self._forget()
        self.endResetModel()

    def refresh(self) -> None:
        """Search again and forget every loaded row (after any change)."""
        ids = relief.search_reliefs(self._query)
        self.beginResetModel()
        self._ids = ids
        self._forget()
        self.endResetModel()

    def _forget(self) -> None:
        self._rows.clear()
        self._cells.clear()
        self._positions = None

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def relief_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, relief_id: int) -> int | None:
        if self._positions is None:
            self._positions = {rid: i for i, rid in enumerate(self._ids)}
        return self._positions.get(relief_id)

    def row_data(self, row: int) -> ReliefRow | None:
        if not 0 <= row < len(self._ids):
            return None
        if self._ids[row] not in self._rows:
            self._load_block(row)
        return self._rows.get(self._ids[row])

    def rows_data(self, rows: Iterable[int]) -> list[ReliefRow]:
        return [r for r in (self.row_data(i) for i in sorted(set(rows))) if r is not None]

    def _load_block(self, row: int) -> None:
        if session.current() is None:  # signed out (a restore, another database): nothing is read
            return
        start = row - row % BLOCK
        block = [i for i in self._ids[start:start + BLOCK] if i not in self._rows]
        for item in relief.fetch_reliefs(block):
            self._rows[item.id] = item
            self._cells[item.id] = cells(item)

    def _cell(self, row: int, column: int) -> str | None:
        if not 0 <= row < len(self._ids):
            return None
        found = self._cells.get(self._ids[row])
        if found is None:
            self._load_block(row)
            found = self._cells.get(self._ids[row])
        return found[column] if found else None

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and self.fields[index.column()].kind is Kind.TEXT:
            return self._cell(index.row(), index.column()) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            data = self.row_data(index.row())
            return MARKED if data is not None and (data.temporary or data.duplicate_reason) else None
        if role == ID_ROLE:
            return self._ids[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.fields) \
                and role == Qt.ItemDataRole.DisplayRole:
            return self.fields[section].label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
