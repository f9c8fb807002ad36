"""The 劳模 filter bar: status, highest level, words, the day the archive is shown as of, and the two work queues."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app import clock, vocab
from ui.widgets.money_edit import DayEdit

ALL_STATUSES = "全部状态"
ALL_LEVELS = "全部级别"
EVERYONE = ""
CHECK_DUE = "health"
NOT_VISITED = "visit"
QUEUE_NAMES = {EVERYONE: "全部", CHECK_DUE: "体检到期", NOT_VISITED: "今年未走访"}
QUEUE_TIPS = {EVERYONE: "不按工作提醒筛选",
              CHECK_DUE: "市级以上劳模（在职或退休）今年还没有体检记录的",
              NOT_VISITED: "在职或退休的劳模今年还没有走访慰问记录的"}
DEBOUNCE_MS = 200


class ModelWorkerFilters(QWidget):
    """Emits `changed` when anything that narrows the list changes (typing waits for a pause)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QComboBox(self)
        self.status.addItems([ALL_STATUSES, *vocab.MODEL_WORKER_STATUSES])
        self.status.setToolTip("按当前状态（或所选日期时的状态）筛选")
        self.level = QComboBox(self)
        self.level.addItems([ALL_LEVELS, *vocab.HONOUR_LEVELS])
        self.level.setToolTip("按所获荣誉的最高级别筛选")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("查找：姓名、单位、工作室或身份证号末几位")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.as_of = DayEdit(clock.today(), self)
        self.as_of.setMaximumDate(QDate(clock.today().year, clock.today().month, clock.today().day))
        self.as_of.setToolTip("查看某一天时的劳模档案：当时在档的人、当时的状态和已获的称号")
        self.today_button = QPushButton("回到今天", self)
        self.today_button.setAutoDefault(False)
        self.today_button.clicked.connect(lambda: self.as_of.set_day(clock.today()))
        self.queues = QButtonGroup(self)
        self.queue_buttons: dict[str, QPushButton] = {}
        for key, name in QUEUE_NAMES.items():
            button = QPushButton(name, self)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setToolTip(QUEUE_TIPS[key])
            button.setObjectName("queueButton")
            self.queues.addButton(button)
            self.queue_buttons[key] = button
        self.queue_buttons[EVERYONE].setChecked(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.level)
        layout.addWidget(self.search, 1)
        layout.addSpacing(8)
        layout.addWidget(QLabel("截至", self))
        layout.addWidget(self.as_of)
        layout.addWidget(self.today_button)
        layout.addSpacing(12)
        reminders = QLabel("工作提醒", self)
        reminders.setObjectName("sideTitle")
        layout.addWidget(reminders)
        for button in self.queue_buttons.values():
            layout.addWidget(button)

        self.status.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.level.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.flush)
        self.as_of.dateChanged.connect(lambda _d: self._day_changed())
        self.queues.buttonToggled.connect(lambda _b, on: self.changed.emit() if on else None)
        self._day_changed(quiet=True)

    def flush(self) -> None:
        """Apply the typed words now (Enter)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def _day_changed(self, *, quiet: bool = False) -> None:
        past = self.day() is not None
        self.today_button.setEnabled(past)
        for key, button in self.queue_buttons.items():
            button.setEnabled(not past or key == EVERYONE)
        if past and self.queue() != EVERYONE:
            self.queue_buttons[EVERYONE].setChecked(True)  # the queues are about today; that emits changed
            return
        if not quiet:
            self.changed.emit()

    # --- what the list is narrowed to ----------------------------------------------------
    def day(self) -> datetime.date | None:
        """The day chosen, None for today."""
        chosen = self.as_of.day()
        return chosen if chosen < clock.today() else None

    def status_text(self) -> str:
        return "" if self.status.currentIndex() == 0 else self.status.currentText()

    def level_text(self) -> str:
        return "" if self.level.currentIndex() == 0 else self.level.currentText()

    def words(self) -> str:
        return self.search.text().strip()

    def queue(self) -> str:
        return next((key for key, b in self.queue_buttons.items() if b.isChecked()), EVERYONE)

    def choose_queue(self, key: str) -> None:
        self.as_of.set_day(clock.today())
        self.queue_buttons[key].setChecked(True)

    def is_filtered(self) -> bool:
        return bool(self.status_text() or self.level_text() or self.words() or self.queue() or self.day())

    def show_counts(self, total: int, check_due: int, not_visited: int) -> None:
        counts = {EVERYONE: total, CHECK_DUE: check_due, NOT_VISITED: not_visited}
        for key, button in self.queue_buttons.items():
            button.setText(f"{QUEUE_NAMES[key]} {counts[key]}")


def describe_day(day: datetime.date | None) -> str:
    return "" if day is None else f"{day.isoformat()} 时的档案（历史）"

