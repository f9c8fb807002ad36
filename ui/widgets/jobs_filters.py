"""A 培训就业 list's filter bar: search text, a choice or two (group, outcome …), a period; changes after a pause."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ui.widgets.period_picker import ALL, PeriodPicker

DEBOUNCE_MS = 200


class JobsFilters(QWidget):
    """Emits `changed`: at once for choices and dates, after a pause for typing."""

    changed = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None, *, period: bool = True,
                 initial: str = ALL) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.combos: list[QComboBox] = []
        self.checks: list[QCheckBox] = []
        self.period: PeriodPicker | None = None
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.search, 3)
        if period:
            self.period = PeriodPicker(self, initial=initial)
            self.period.changed.connect(self.changed.emit)
        self.clear_button = QPushButton("清除条件", self)
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear)
        self._tail_added = False

    def choice(self, everything: str, values: Sequence[str], tooltip: str = "") -> QComboBox:
        """A combo whose first entry (`everything`) means no limit; its data is the value or None."""
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(value, value)
        combo.setToolTip(tooltip)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.row.addWidget(combo, 1)
        self.combos.append(combo)
        return combo

    def check(self, text: str, tooltip: str = "") -> QCheckBox:
        box = QCheckBox(text, self)
        box.setToolTip(tooltip)
        box.toggled.connect(lambda _on: self.changed.emit())
        self.row.addWidget(box)
        self.checks.append(box)
        return box

    def finish(self) -> None:
        """Put the period and 清除条件 after the choices (call once, after adding them)."""
        if self._tail_added:
            return
        self._tail_added = True
        if self.period is not None:
            self.row.addWidget(self.period)
        self.row.addWidget(self.clear_button)

    def flush(self) -> None:
        """Apply typed text now instead of after the pause (tests, Enter)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def text(self) -> str:
        return self.search.text().strip()

    def range(self) -> tuple[datetime.date | None, datetime.date | None]:
        return self.period.range() if self.period is not None else (None, None)

    def is_filtered(self) -> bool:
        start, _end = self.range()
        return bool(self.text()) or start is not None or any(c.currentIndex() > 0 for c in self.combos) \
            or any(b.isChecked() for b in self.checks)

    def clear(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        self._timer.stop()
        for combo in self.combos:
            combo.setCurrentIndex(0)
        for box in self.checks:
            box.setChecked(False)
        if self.period is not None:
            self.period.set_preset(ALL)
        self.blockSignals(False)
        self.changed.emit()
