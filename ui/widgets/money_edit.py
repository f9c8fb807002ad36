"""Inputs for money and dates: an amount typed as 1200, 1,200.50 or 1.2万 (right-aligned), a day as 2025-06-30."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget

from app import validation
from app.money import figures


class MoneyEdit(QLineEdit):
    """元 with at most two decimals; blank is None."""

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "0.00") -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(150)

    def amount(self) -> Decimal | None:
        """The amount typed, None if blank; ValueError with a Chinese message if it is not an amount."""
        if not self.text().strip():
            return None
        return validation.parse_money(self.text())

    def amount_or_zero(self) -> Decimal:
        try:
            return self.amount() or Decimal("0.00")
        except ValueError:
            return Decimal("0.00")

    def set_amount(self, value: Decimal | None) -> None:
        self.setText("" if value is None else figures(value).replace(",", ""))


class DayEdit(QDateEdit):
    """A date typed as 2025-06-30 or picked from the calendar."""

    def __init__(self, day: datetime.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(1950, 1, 1))
        self.setMaximumDate(QDate(2100, 12, 31))
        if day is not None:
            self.set_day(day)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the field, as from any other box: QDateEdit would step through year, month and day first,
        and what a user then types for the next field would go into the date."""
        return QWidget.focusNextPrevChild(self, next)

    def day(self) -> datetime.date:
        value = self.date()
        return datetime.date(value.year(), value.month(), value.day())

    def set_day(self, day: datetime.date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))
