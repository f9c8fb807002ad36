"""The 统计 tab's figures: 指标, 单位, 本期, 上年同期, 增减, each section under a grey title row."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.summary_view import INDENT, Indicator, change, shown

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("指标", "单位", "本期", "上年同期", "增减")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
BAND = QColor("#e8ecf1")
UP, DOWN = QColor("#1b5e20"), QColor("#c62828")


def _label(label: str) -> str:
    """A breakdown row after the first is indented as deep as its caption on paper; here by three characters."""
    name = label.lstrip(INDENT)
    return label if "：" in label or len(label) - len(name) <= 1 else INDENT * 3 + name


class SummaryModel(QAbstractTableModel):
    """Rows are a section's title (a str) or one of its indicators."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[str | Indicator] = []

    def set_sections(self, sections: tuple[tuple[str, tuple[Indicator, ...]], ...]) -> None:
        self.beginResetModel()
        found: list[str | Indicator] = []
        for title, rows in sections:
            found += [title, *rows]
        self._rows = found
        self.endResetModel()

    def indicator(self, row: int) -> Indicator | None:
        """The indicator of a row, None for a section's title row."""
        item = self._rows[row] if 0 <= row < len(self._rows) else None
        return item if isinstance(item, Indicator) else None

    def find(self, label: str) -> int:
        """The row of the first indicator whose label (without its indent) is this, or -1."""
        for row, item in enumerate(self._rows):
            if isinstance(item, Indicator) and item.label.strip(INDENT).split("：")[-1] == label:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], str):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item, column = self._rows[index.row()], index.column()
        if isinstance(item, str):
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return item
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(BAND)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            cells = (_label(item.label), item.unit, shown(item.now), shown(item.before), change(item.now, item.before))
            return cells[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return CENTRE if column == 1 else RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and item.now != item.before:
            return UP if item.now > item.before else DOWN
        if role == Qt.ItemDataRole.FontRole and item.main:
            font = QFont()
            font.setBold(column == 2)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return "双击查看这个数字的记录"
        if role == Qt.ItemDataRole.UserRole:
            return item.now if isinstance(item.now, Decimal) else int(item.now)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None
