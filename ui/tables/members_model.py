"""家庭成员 of the file being edited: a small table over MemberForm values, problems marked per row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.registers.base import Field
from app.registers.households import MEMBER_FIELDS
from app.services.household_forms import MemberForm
from ui import formatting

Index = QModelIndex | QPersistentModelIndex
TABLE_KEYS = ("name", "relation", "id_number", "sex", "birth_date", "monthly_income", "identity",
              "health", "unit_or_school")
ERROR_BRUSH = QBrush(QColor("#fdecea"))


class MembersModel(QAbstractTableModel):
    """The members in order; a row with problems is tinted and explains them in its tooltip."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        by_key = {f.key: f for f in MEMBER_FIELDS}
        self.fields: list[Field] = [by_key[k] for k in TABLE_KEYS]
        self._members: list[MemberForm] = []
        self._problems: dict[int, list[str]] = {}

    @property
    def members(self) -> tuple[MemberForm, ...]:
        return tuple(self._members)

    def set_members(self, members: Sequence[MemberForm]) -> None:
        self.beginResetModel()
        self._members = list(members)
        self._problems = {}
        self.endResetModel()

    def member(self, row: int) -> MemberForm:
        return self._members[row]

    def append(self, member: MemberForm) -> int:
        row = len(self._members)
        self.beginInsertRows(QModelIndex(), row, row)
        self._members.append(member)
        self.endInsertRows()
        return row

    def replace(self, row: int, member: MemberForm) -> None:
        self._members[row] = member
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.fields) - 1))

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._members[row]
        self._problems = {}
        self.endRemoveRows()

    def move(self, row: int, to: int) -> bool:
        """Move one member up or down (the order is printed on the forms)."""
        if not (0 <= row < len(self._members) and 0 <= to < len(self._members)) or row == to:
            return False
        destination = to + 1 if to > row else to
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._members.insert(to, self._members.pop(row))
        self._problems = {}
        self.endMoveRows()
        return True

    def set_problems(self, problems: dict[int, list[str]]) -> None:
        """Messages per row (from the file check); an empty dict clears them."""
        if problems == self._problems:
            return
        self._problems = {r: list(m) for r, m in problems.items()}
        if self._members:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._members) - 1, len(self.fields) - 1))

    def problems(self, row: int) -> list[str]:
        return list(self._problems.get(row, []))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        field = self.fields[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return formatting.display(field, getattr(self._members[index.row()], field.key))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if formatting.is_numeric(field) else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self._problems:
            return ERROR_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and index.row() in self._problems:
            return "\n".join(self._problems[index.row()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.fields):
            return self.fields[section].label
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._members):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
