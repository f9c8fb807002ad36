"""A campaign's preview list: candidates ticked in or out by hand, each line's amount and reason for a repeat."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app import validation
from app.money import figures, yuan
from app.services.campaigns import BatchLine, Candidate, line_from
from app.services.relief_forms import Conflict

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("发放", "档案编号", "姓名", "身份证号", "单位", "类别", "身份", "学生", "现金", "本年已获/重复",
           "重复救助理由")
WIDTHS = (44, 96, 70, 150, 170, 76, 60, 90, 96, 210)
INCLUDE, AMOUNT, REPEAT, REASON = 0, 8, 9, 10
ALREADY = QColor("#fff3d6")      # had this kind of help this year: look again
UNRESOLVED = QColor("#fde2e0")   # a conflict the batch found, still without a reason
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass
class PreviewLine:
    """One candidate and what the clerk decided about them."""

    candidate: Candidate
    included: bool = True
    amount: Decimal | None = None    # None: the campaign's standard
    reason: str = ""
    conflict: str = ""               # what record_batch found against this line

    @property
    def needs_reason(self) -> bool:
        return self.included and bool(self.conflict or self.candidate.already) and not self.reason.strip()


class CandidatesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[PreviewLine] = []
        self.standard = Decimal("0.00")
        self.editable = True

    def set_candidates(self, candidates: Sequence[Candidate], standard: Decimal | None) -> None:
        self.beginResetModel()
        self.standard = standard or Decimal("0.00")
        self.lines = [PreviewLine(c) for c in candidates]
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, len(HEADERS) - 1))

    # --- what the batch is made of ---------------------------------------------------------
    def amount_of(self, line: PreviewLine) -> Decimal:
        return self.standard if line.amount is None else line.amount

    def included_rows(self) -> list[int]:
        return [r for r, line in enumerate(self.lines) if line.included]

    def batch(self) -> tuple[list[BatchLine], list[int]]:
        """The ticked lines as the service takes them, and the model row of each batch line."""
        rows = self.included_rows()
        lines = []
        for row in rows:
            line = self.lines[row]
            base = line_from(line.candidate)
            lines.append(BatchLine(base.recipient, base.household_id, amount=line.amount,
                                   duplicate_reason=line.reason.strip(), student=base.student, school=base.school,
                                   school_level=base.school_level, admission_year=base.admission_year))
        return lines, rows

    def cash_total(self) -> Decimal:
        return sum((self.amount_of(line) for line in self.lines if line.included), Decimal("0.00"))

    def unresolved(self) -> list[int]:
        return [r for r, line in enumerate(self.lines) if line.needs_reason]

    def mark_conflicts(self, conflicts: Sequence[Conflict], rows: Sequence[int]) -> list[int]:
        """Attach what the batch found to its lines (batch line → model row); returns the rows marked."""
        marked = []
        for conflict in conflicts:
            if conflict.line is None or not 0 <= conflict.line < len(rows):
                continue
            row = rows[conflict.line]
            self.lines[row].conflict = conflict.describe().split("：", 1)[-1]
            marked.append(row)
            self._changed(row)
        return marked

    def set_all(self, included: bool, *, only_repeats: bool = False) -> None:
        for line in self.lines:
            if not only_repeats or line.candidate.already or line.conflict:
                line.included = included
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, len(HEADERS) - 1))

    def fill_reasons(self, reason: str) -> int:
        """The same reason on every ticked repeat that has none yet."""
        count = 0
        for row, line in enumerate(self.lines):
            if line.needs_reason:
                line.reason = reason
                count += 1
                self._changed(row)
        return count

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def _text(self, line: PreviewLine, column: int) -> str:
        c = line.candidate
        if column == AMOUNT:
            return yuan(self.amount_of(line))
        if column == REPEAT:
            return line.conflict or ("本年已获同类救助" if c.already else "")
        if column == REASON:
            return line.reason
        if column == 7:
            return f"{c.student_name}（{c.school_level}）" if c.student_name else ""
        values = ("", c.file_no, c.name, c.id_number, c.work_unit, c.category, c.identity)
        return values[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.EditRole:
            return figures(self.amount_of(line)).replace(",", "") if column == AMOUNT else self._text(line, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == INCLUDE:
            return Qt.CheckState.Checked if line.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return RIGHT
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.needs_reason and line.conflict:
                return UNRESOLVED
            if line.conflict or line.candidate.already:
                return ALREADY
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == REASON and (line.conflict or line.candidate.already):
                return "双击填写重复救助的理由；不再发放请取消勾选"
            if column == AMOUNT:
                return "双击修改本人金额（默认为活动标准）"
            return self._text(line, column) or None
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.editable:
            return False
        line = self.lines[index.row()]
        column = index.column()
        if column == INCLUDE and role == Qt.ItemDataRole.CheckStateRole:
            line.included = Qt.CheckState(value) == Qt.CheckState.Checked  # type: ignore[call-overload]
        elif column == AMOUNT and role == Qt.ItemDataRole.EditRole:
            try:
                amount = validation.parse_money(value)
            except ValueError:
                return False
            line.amount = None if amount == self.standard else amount
        elif column == REASON and role == Qt.ItemDataRole.EditRole:
            line.reason = str(value or "").strip()
        else:
            return False
        self._changed(index.row())
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS) \
                and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() == INCLUDE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if self.editable and index.column() in (AMOUNT, REASON):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags
