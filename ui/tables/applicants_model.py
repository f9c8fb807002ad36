"""A legal-aid case's applicants as a small editable table: name and ID number of new ones, each worker's amounts."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from app import validation
from app.money import figures
from ui import formatting
from ui.tables.lazy_ids_model import LEFT, RIGHT

Index = QModelIndex | QPersistentModelIndex
NAME, ID_NUMBER, CLAIMED, RECOVERED = range(4)
HEADERS = ("姓名", "身份证号", "请求金额", "追回金额")


@dataclass(frozen=True)
class ApplicantRow:
    """One applicant: a known person (person_id, ID number masked) or a new one typed here."""

    person_id: int | None
    name: str
    id_number: str = ""
    claimed: Decimal | None = None
    recovered: Decimal | None = None
    note: str = ""              # where a known person was found ("档案 2025-001")


class ApplicantsModel(QAbstractTableModel):
    """recovering=False (new case): names, ID numbers and amounts claimed are typed; True (结案): amounts recovered."""

    problem = Signal(str)   # an amount that could not be read, in Chinese

    def __init__(self, parent: QObject | None = None, *, recovering: bool = False) -> None:
        super().__init__(parent)
        self.recovering = recovering
        self._rows: list[ApplicantRow] = []

    # --- the rows ------------------------------------------------------------------------
    @property
    def rows(self) -> list[ApplicantRow]:
        return list(self._rows)

    def set_rows(self, rows: Iterable[ApplicantRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def add(self, row: ApplicantRow) -> int:
        """Append a row (a known person only once); returns its position."""
        if row.person_id is not None:
            for position, existing in enumerate(self._rows):
                if existing.person_id == row.person_id:
                    return position
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()
        return len(self._rows) - 1

    def remove(self, positions: Iterable[int]) -> None:
        for position in sorted(set(positions), reverse=True):
            if 0 <= position < len(self._rows):
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                self.endRemoveRows()

    def total(self, recovered: bool) -> Decimal:
        values = (r.recovered if recovered else r.claimed for r in self._rows)
        return sum((v for v in values if v is not None), Decimal("0.00"))

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (4 if self.recovering else 3)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in (CLAIMED, RECOVERED) else LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return row.note or ("新增人员（按姓名和身份证号登记）" if row.person_id is None else None)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        edit = role == Qt.ItemDataRole.EditRole
        if column == NAME:
            return row.name
        if column == ID_NUMBER:
            return row.id_number
        amount = row.claimed if column == CLAIMED else row.recovered
        if amount is None:
            return ""
        return figures(amount).replace(",", "") if edit else formatting.money(amount)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() \
                or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row, column = self._rows[index.row()], index.column()
        text = str(value or "").strip()
        if column == NAME:
            changed = dataclasses.replace(row, name=text)
        elif column == ID_NUMBER:
            changed = dataclasses.replace(row, id_number=text.upper())
        else:
            try:
                amount = validation.parse_money(text) if text else None
            except ValueError as exc:
                self.problem.emit(f"第{index.row() + 1}行{HEADERS[column]}：{exc}")
                return False
            key = "claimed" if column == CLAIMED else "recovered"
            changed = dataclasses.replace(row, **{key: amount})
        self._rows[index.row()] = changed
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.columnCount():
            return HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row, column = self._rows[index.row()], index.column()
        if self.recovering:
            editable = column == RECOVERED
        else:
            editable = column == CLAIMED or (column in (NAME, ID_NUMBER) and row.person_id is None)
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags
