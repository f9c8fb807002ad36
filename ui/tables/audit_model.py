"""操作日志: the audit records a filter matches, newest first, read a page at a time as the list scrolls."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.services import audit
from app.services.audit import AuditAction, AuditEntry, AuditQuery
from app.services.audit_text import details_text, target_text

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("时间", "账户", "操作", "对象", "详情")
PAGE = 500
FAILED = QColor("#c62828")


@dataclass(frozen=True)
class AuditRow:
    """One record as shown: its texts made once, when the page is read."""

    entry: AuditEntry
    cells: tuple[str, str, str, str, str]


def shown(entry: AuditEntry) -> AuditRow:
    return AuditRow(entry, (f"{entry.at:%Y-%m-%d %H:%M:%S}", entry.username, entry.action,
                            target_text(entry.target_kind, entry.target_label), details_text(entry.details)))


class AuditModel(QAbstractTableModel):
    """Reads PAGE records, and the next PAGE when the view scrolls to the end (fetchMore)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = AuditQuery(limit=PAGE)
        self._rows: list[AuditRow] = []
        self._more = False

    def set_query(self, query: AuditQuery) -> None:
        self.beginResetModel()
        self.query = dataclasses.replace(query, limit=PAGE)
        entries = audit.list_records(self.query)
        self._rows = [shown(e) for e in entries]
        self._more = len(entries) == PAGE
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self.query)

    def row(self, row: int) -> AuditRow:
        return self._rows[row]

    @property
    def has_more(self) -> bool:
        return self._more

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The next page: the first len+PAGE records again, keeping those older than the last one shown.

        (Records appended meanwhile go to the top and are shown by the next refresh.)
        """
        if parent.isValid() or not self._more or not self._rows:
            return
        wanted = len(self._rows) + PAGE
        entries = audit.list_records(dataclasses.replace(self.query, limit=wanted))
        oldest = self._rows[-1].entry.id
        new = [shown(e) for e in entries if e.id < oldest]
        self._more = len(entries) == wanted and bool(new)
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 3:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and row.entry.action == AuditAction.LOGIN_FAILED:
            return FAILED
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
