"""Problems found in an import (or a batch): sheet, row, column and what is wrong, one per line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.errors import FieldError

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("工作表", "行号", "列", "问题")


class ProblemsModel(QAbstractTableModel):
    def __init__(self, problems: Sequence[FieldError] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems = list(problems)

    def set_problems(self, problems: Sequence[FieldError]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    @staticmethod
    def cells(problem: FieldError) -> tuple[str, str, str, str]:
        return (problem.sheet or "", "" if problem.row is None else str(problem.row), problem.label, problem.message)

    def as_text(self) -> str:
        """Tab-separated, header first: pastes into Excel or a message as a table."""
        lines = ["\t".join(HEADERS)] + ["\t".join(self.cells(p)) for p in self._problems]
        return "\n".join(lines)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        text = self.cells(self._problems[index.row()])[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
