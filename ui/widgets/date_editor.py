"""A date field: typed as 2025-06-30 (also 2025/6/30, 20250630) or picked from a calendar; blank allowed."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QMenu, QToolButton, QWidget, QWidgetAction

from app import paths
from ui.widgets.field_editors import LineEditor


class DateEditor(LineEditor):
    """A date typed as 2025-06-30 (also 2025/6/30, 20250630) or picked from a calendar."""

    def _build(self) -> QWidget:
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self._layout.addWidget(row)
        self._row_layout = box
        edit = super()._build()
        self._layout.removeWidget(edit)
        box.addWidget(edit, 1)
        button = QToolButton(row)
        button.setIcon(QIcon(str(paths.resource("icons", "calendar.svg"))))
        button.setToolTip("从日历中选择")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.calendar.clicked.connect(lambda d: (self._pick(d), menu.close()))
        self.calendar.activated.connect(lambda d: (self._pick(d), menu.close()))
        button.setMenu(menu)
        box.addWidget(button)
        self.calendar_button = button
        return edit

    def _sync_calendar(self) -> None:
        try:
            current = self.value()
        except ValueError:
            current = None
        if isinstance(current, datetime.date):
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _pick(self, qdate: QDate) -> None:
        self.edit.setText(datetime.date(qdate.year(), qdate.month(), qdate.day()).isoformat())
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.calendar_button.setEnabled(not read_only)
