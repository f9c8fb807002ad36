"""The 档案 list: holds the ids a search found and loads their rows in blocks when shown."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app import session
from app.registers.base import Field, Kind
from app.registers.households import HOUSEHOLDS
from app.services import household_search as search
from app.services.household_forms import HouseholdRow
from ui import formatting

BLOCK = 80
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole


class HouseholdsModel(QAbstractTableModel):
    """Lazy: search_ids gives the order, fetch_rows the rows of a block when first painted.

    Sorting asks the database again (server-side), so no proxy model is involved.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields: list[Field] = HOUSEHOLDS.list_fields()
        self._query = search.HouseholdQuery()
        self._ids: list[int] = []
        self._rows: dict[int, HouseholdRow] = {}
        self._cells: dict[int, tuple[str, ...]] = {}  # display text per loaded row, made once
        self._positions: dict[int, int] | None = None
        self._alignment = [
            int((Qt.AlignmentFlag.AlignRight if formatting.is_numeric(f) else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter)
            for f in self.fields]
        self._tooltips = [f.kind is Kind.TEXT for f in self.fields]

    # --- what is listed ------------------------------------------------------------------
    @property
    def query(self) -> search.HouseholdQuery:
        return self._query

    def set_query(self, query: search.HouseholdQuery) -> None:
        """Search again with new criteria (the sort order is kept)."""
        self._query = dataclasses.replace(query, sort=self._query.sort, descending=self._query.descending)
        self.refresh()

    def refresh(self) -> None:
        """Search again and forget every loaded row (called after any change)."""
        ids = search.search_ids(self._query)
        self.beginResetModel()
        self._ids = ids
        self._rows.clear()
        self._cells.clear()
        self._positions = None
        self.endResetModel()

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def household_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, household_id: int) -> int | None:
        if self._positions is None:
            self._positions = {hid: i for i, hid in enumerate(self._ids)}
        return self._positions.get(household_id)

    def row_data(self, row: int) -> HouseholdRow | None:
        """The list row at `row`, loading its block if needed."""
        if not 0 <= row < len(self._ids):
            return None
        hid = self._ids[row]
        found = self._rows.get(hid)
        if found is None:
            self._load_block(row)
            found = self._rows.get(hid)
        return found

    def rows_data(self, rows: Iterable[int]) -> list[HouseholdRow]:
        result = []
        for row in sorted(set(rows)):
            data = self.row_data(row)
            if data is not None:
                result.append(data)
        return result

    def _load_block(self, row: int) -> None:
        if session.current() is None:  # signed out (a restore, another database): nothing is read
            return
        start = row - row % BLOCK
        block = [i for i in self._ids[start:start + BLOCK] if i not in self._rows]
        for item in search.fetch_rows(block):
            self._rows[item.id] = item
            self._cells[item.id] = tuple(formatting.display(f, getattr(item, f.key)) for f in self.fields)

    def _cell(self, row: int, column: int) -> str | None:
        if not 0 <= row < len(self._ids):
            return None
        cells = self._cells.get(self._ids[row])
        if cells is None:
            self._load_block(row)
            cells = self._cells.get(self._ids[row])
        return cells[column] if cells else None

    @property
    def loaded_rows(self) -> int:
        return len(self._rows)

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
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltips[index.column()]:
            return self._cell(index.row(), index.column())
        if role == ID_ROLE:
            return self._ids[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.fields):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.fields[section].label
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"点击按“{self.fields[section].label}”排序"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.fields):
            return
        key = self.fields[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if key not in search.SORT_COLUMNS:
            return
        if (key, descending) == (self._query.sort, self._query.descending) and self._ids:
            return
        self._query = dataclasses.replace(self._query, sort=key, descending=descending)
        self.refresh()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        keys = [f.key for f in self.fields]
        column = keys.index(self._query.sort) if self._query.sort in keys else 0
        order = Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder
        return column, order
