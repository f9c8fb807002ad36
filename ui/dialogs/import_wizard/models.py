"""Table models of the import wizard: the sheet's first rows, the cleaning record, and the preview of every row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.registers.base import Field
from app.wizard.cleaning import Change, shown
from app.wizard.importers import RowStatus
from app.wizard.preview import RowPreview

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
PAGE = 500  # rows handed to the view at a time (fetchMore)
FIRST_FIELD = 3  # preview columns: 行号, 状态, 问题与提示, then the fields
ERROR_BACK = QBrush(QColor("#f8d7da"))
ERROR_CELL = QBrush(QColor("#f1a7ae"))
WARNING_BACK = QBrush(QColor("#fff3cd"))
SKIPPED_FORE = QBrush(QColor("#7a7a7a"))
HEADER_BACK = QBrush(QColor("#dbe8f7"))
STATUS_BACK = {RowStatus.NEW: QBrush(QColor("#d4edda")), RowStatus.UPDATE: QBrush(QColor("#d6e9f8"))}


class PagedModel(QAbstractTableModel, Generic[T]):
    """Read-only rows held as plain values, shown to the view a page at a time."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: Sequence[T] = ()
        self._shown = 0

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = items
        self._shown = min(PAGE, len(items))
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._items[row]

    @property
    def total(self) -> int:
        return len(self._items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._items)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = min(PAGE, len(self._items) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

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

    def text(self, item: T, column: int) -> str:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._shown:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(self._items[index.row()], index.column())
        return None


class GridModel(PagedModel[Sequence[object]]):
    """The first rows of the sheet as read, numbered like the sheet, the header rows highlighted."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.header_rows: tuple[int, ...] = ()
        self.width = 0

    def set_grid(self, rows: Sequence[Sequence[object]], header_rows: tuple[int, ...]) -> None:
        self.width = max((len(r) for r in rows), default=0)
        self.header_rows = header_rows
        self.headers = tuple(_letter(i) for i in range(self.width))
        self.set_items(rows)

    def text(self, item: Sequence[object], column: int) -> str:
        return shown(item[column]) if column < len(item) and item[column] is not None else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.row() + 1 in self.header_rows:
            return HEADER_BACK
        return super().data(index, role)


def _letter(index: int) -> str:
    from app.wizard.headers import column_letter

    return column_letter(index)


class ChangesModel(PagedModel[Change]):
    """What each cleaning rule changed: row, column, before, after."""

    headers = ("行号", "列", "原值", "清洗后", "规则")

    def text(self, item: Change, column: int) -> str:
        return (str(item.row), item.label, item.before, item.after, item.rule)[column]


class PreviewModel(PagedModel[RowPreview]):
    """Every row as it would be imported: status, its problems, the cleaned values (a cell with a problem shows
    what the file held, highlighted)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields: tuple[Field, ...] = ()
        self.masked = True
        self._raw: Callable[[int, str], object] = lambda _n, _k: None

    def set_rows(self, rows: Sequence[RowPreview], fields: Sequence[Field], *, masked: bool,
                 raw: Callable[[int, str], object] | None = None) -> None:
        """`raw(row number, field key)`: the cell as read, shown where the value could not be used."""
        self.fields, self.masked = tuple(fields), masked
        self._raw = raw or (lambda _n, _k: None)
        self.headers = ("行号", "状态", "问题与提示", *(f.label for f in self.fields))
        self.set_items(rows)

    def field_at(self, column: int) -> Field | None:
        return self.fields[column - FIRST_FIELD] if FIRST_FIELD <= column < FIRST_FIELD + len(self.fields) else None

    def text(self, item: RowPreview, column: int) -> str:
        if column == 0:
            return str(item.number)
        if column == 1:
            return item.status_text
        field = self.field_at(column)
        if field is None:
            notes = [f"{p.label}：{p.message}" if p.label else p.message for p in item.problems]
            notes += [f"提示：{w.message}" for w in item.warnings]
            return "；".join(notes)
        value = item.values.get(field.key)
        if value is None and any(p.field == field.key for p in item.problems):
            raw = self._raw(item.number, field.key)
            return "" if raw is None else shown(raw)
        return field.display(value, masked=self.masked)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._shown:
            return None
        item = self._items[index.row()]
        column = index.column()
        field = self.field_at(column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if item.status is RowStatus.REJECTED:
                has_problem = field is not None and any(p.field == field.key for p in item.problems)
                return ERROR_CELL if has_problem else ERROR_BACK
            if item.warnings or item.groups:
                return WARNING_BACK
            return STATUS_BACK.get(item.status) if column == 1 else None
        if role == Qt.ItemDataRole.ForegroundRole and item.status is RowStatus.SKIPPED:
            return SKIPPED_FORE
        if role == Qt.ItemDataRole.ToolTipRole and field is not None:
            found = [p.message for p in item.problems if p.field == field.key]
            if found:
                return "；".join(found)
        return super().data(index, role)
