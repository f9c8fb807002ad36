"""A period: presets (本年, 本季度, 本月, 上年, 全部) and two date pickers; picking a date makes it 自定义."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app import clock
from ui.widgets.money_edit import DayEdit

ALL = "全部时间"
THIS_YEAR = "本年"
THIS_QUARTER = "本季度"
THIS_MONTH = "本月"
LAST_YEAR = "上年"
CUSTOM = "自定义"


def preset_range(preset: str, today: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day of a preset period (None: no limit)."""
    if preset == THIS_YEAR:
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
    if preset == LAST_YEAR:
        return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
    if preset == THIS_QUARTER:
        first = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        following = datetime.date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1)
        return first, following - datetime.timedelta(days=1)
    if preset == THIS_MONTH:
        following = datetime.date(today.year + today.month // 12, today.month % 12 + 1, 1)
        return datetime.date(today.year, today.month, 1), following - datetime.timedelta(days=1)
    return None


class PeriodPicker(QWidget):
    """Emits `changed` when the period changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, presets: tuple[str, ...] = (ALL, THIS_YEAR, THIS_MONTH,
                                                                                       LAST_YEAR),
                 initial: str = ALL) -> None:
        super().__init__(parent)
        self.preset = QComboBox(self)
        self.preset.addItems([*presets, CUSTOM])
        self.preset.setToolTip("期间：选择预设，或在右边选择起止日期")
        today = clock.today()
        self.start = DayEdit(datetime.date(today.year, 1, 1), self)
        self.end = DayEdit(today, self)
        self._quiet = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preset)
        layout.addWidget(self.start)
        layout.addWidget(QLabel("至", self))
        layout.addWidget(self.end)
        self.preset.currentTextChanged.connect(self._preset_chosen)
        self.start.dateChanged.connect(lambda _d: self._dates_edited())
        self.end.dateChanged.connect(lambda _d: self._dates_edited())
        self.set_preset(initial)

    def set_preset(self, preset: str) -> None:
        self.preset.setCurrentText(preset)
        self._preset_chosen(preset)

    def _preset_chosen(self, preset: str) -> None:
        if self._quiet:
            return
        span = preset_range(preset, clock.today())
        if span is not None:
            self._quiet = True
            self.start.set_day(span[0])
            self.end.set_day(span[1])
            self._quiet = False
        shown = preset != ALL
        self.start.setEnabled(shown)
        self.end.setEnabled(shown)
        self.changed.emit()

    def _dates_edited(self) -> None:
        if self._quiet:
            return
        if self.preset.currentText() != CUSTOM:
            self._quiet = True
            self.preset.setCurrentText(CUSTOM)
            self._quiet = False
        self.changed.emit()

    def range(self) -> tuple[datetime.date | None, datetime.date | None]:
        if self.preset.currentText() == ALL:
            return None, None
        return self.start.day(), self.end.day()

    def describe(self) -> str:
        start, end = self.range()
        return "全部时间" if start is None or end is None else f"{start.isoformat()} 至 {end.isoformat()}"
