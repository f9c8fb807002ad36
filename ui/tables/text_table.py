"""A read-only table of text cells (rows made by the caller from dataclasses): alignment, bold rows, red minus."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NEGATIVE = QColor("#c62828")


class TextTableModel(QAbstractTableModel):
    """A read-only table of text cells; columns listed in `numeric` are right-aligned."""

    headers: tuple[str, ...] = ()
    numeric: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None, *, headers: Sequence[str] = (),
                 numeric: Iterable[int] = ()) -> None:
        super().__init__(parent)
        if headers:
            self.headers = tuple(headers)
            self.numeric = frozenset(numeric)
        self._cells: list[tuple[str, ...]] = []
        self._bold: set[int] = set()

    def set_rows(self, cells: list[tuple[str, ...]], bold: Iterable[int] = ()) -> None:
        self.beginResetModel()
        self._cells, self._bold = cells, set(bold)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numeric:
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and index.row() in self._bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in self.numeric \
                and self._cells[index.row()][index.column()].startswith("-¥"):
            return NEGATIVE  # a fund below zero
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
