"""低保标准 in the settings dialog: every dated line (元/人/月), and new ones added until 保存."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app import validation as v
from app.services import settings
from app.services.settings import PovertyLineEntry
from ui import formatting
from ui.widgets.password_fields import error_label, show_error

HEADERS = ("起始日期", "元/人/月", "说明", "")
PENDING = QColor("#1d5fa8")


def _day(qdate: QDate) -> datetime.date:
    return datetime.date(qdate.year(), qdate.month(), qdate.day())


class PovertyLinesEditor(QWidget):
    """The stored lines and the lines to add; save() writes the new ones (each audited by the service)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending: list[PovertyLineEntry] = []
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(3, 110)
        today = clock.today()
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setPlaceholderText("如 820.00")
        self.amount_edit.setMaximumWidth(110)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(100)
        self.note_edit.setPlaceholderText("如 县民政局2025年第3号文")
        self.add_button = QPushButton("添加", self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_line)
        self.amount_edit.returnPressed.connect(self.add_line)
        row = QHBoxLayout()
        for label, widget in (("起始日期", self.date_edit), ("元/人/月", self.amount_edit), ("说明", self.note_edit)):
            row.addWidget(QLabel(label, self))
            row.addWidget(widget, 1 if widget is self.note_edit else 0)
        row.addWidget(self.add_button)
        hint = QLabel("新标准从起始日期起用于计算“按低保标准推荐”的困难类别，之前的档案按当时的标准。"
                      "同一起始日期再次添加会替换原金额。点“保存”后生效。", self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.error_label = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(hint)
        self.refresh()

    def refresh(self) -> None:
        """Stored lines merged with the ones waiting to be saved, by date."""
        stored = {line.effective_from: line for line in settings.poverty_lines()}
        waiting = {line.effective_from: line for line in self.pending}
        in_force = max((d for d in stored if d <= clock.today()), default=None)
        days = sorted(set(stored) | set(waiting))
        self.table.setRowCount(len(days))
        for row, day in enumerate(days):
            line = waiting.get(day) or stored[day]
            state = "保存后生效" if day in waiting else ("现行标准" if day == in_force else "")
            values = (day.isoformat(), formatting.money(line.monthly_amount).removeprefix("¥"), line.note, state)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if day in waiting:
                    item.setForeground(PENDING)
                self.table.setItem(row, column, item)

    def add_line(self) -> bool:
        """Add the typed line to the table (written on 保存); a bad amount is said under the row."""
        try:
            amount = v.parse_money(self.amount_edit.text())
            if amount <= 0:
                raise ValueError("必须大于0")
        except ValueError as exc:
            show_error(self.error_label, f"低保标准金额：{exc}")
            self.amount_edit.setFocus()
            return False
        show_error(self.error_label, "")
        day = _day(self.date_edit.date())
        self.pending = [p for p in self.pending if p.effective_from != day]
        self.pending.append(PovertyLineEntry(day, Decimal(amount), self.note_edit.text().strip()))
        self.amount_edit.clear()
        self.note_edit.clear()
        self.refresh()
        return True

    @property
    def dirty(self) -> bool:
        return bool(self.pending)

    def save(self) -> int:
        """Write the new lines one by one (a line written is no longer pending); the number written."""
        written = 0
        while self.pending:
            line = self.pending[0]
            settings.set_poverty_line(line.effective_from, line.monthly_amount, line.note)
            self.pending.pop(0)
            written += 1
        return written
