"""The filter bars of the 信访 and 法律援助 lists: search text, status, kind, and a period with presets."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app import vocab
from app.services.legal_cases import CaseQuery
from app.services.petitions import PetitionQuery
from app.vocab import PetitionStatus
from ui.widgets.period_picker import ALL, PeriodPicker

DEBOUNCE_MS = 200
OPEN, CLOSED = "在办", "已结案"


class FilterBar(QWidget):
    """Emits `changed` when the criteria change: at once for combos and dates, after a pause for typing."""

    changed = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.combos: list[QComboBox] = []
        self.period = PeriodPicker(self, initial=ALL)
        self.period.preset.setToolTip("期间（按接待或受理日期）：本年、本月、上年，或在右边选择起止日期")
        self.period.changed.connect(self.changed.emit)
        self.clear_button = QPushButton("清除条件", self)
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.search, 3)

    def combo(self, everything: str, values: Sequence[str], tooltip: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(value, value)
        combo.setToolTip(tooltip)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.combos.append(combo)
        self.row.addWidget(combo)
        return combo

    def finish(self) -> None:
        self.row.addWidget(self.period)
        self.row.addWidget(self.clear_button)

    def flush(self) -> None:
        """Apply typed text now (Enter in the search box)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def text(self) -> str:
        return self.search.text().strip()

    def span(self) -> tuple[datetime.date | None, datetime.date | None]:
        return self.period.range()

    def clear(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        for combo in self.combos:
            combo.setCurrentIndex(0)
        self.period.set_preset(ALL)
        self.blockSignals(False)
        self._timer.stop()
        self.changed.emit()


class PetitionFilters(FilterBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("搜索：姓名、内容、单位、电话后几位", parent)
        self.status = self.combo("全部状态", [str(s) for s in PetitionStatus], "已登记：未送达；办理中：已送达未办结")
        self.channel = self.combo("全部方式", vocab.PETITION_CHANNELS, "来信、来电、来访")
        self.category = self.combo("全部类别", vocab.PETITION_CATEGORIES, "反映问题的类别")
        self.finish()

    def query(self, overdue_on: datetime.date | None = None) -> PetitionQuery:
        start, end = self.span()
        status = self.status.currentData()
        return PetitionQuery(status=PetitionStatus(status) if status else None, channel=self.channel.currentData(),
                             category=self.category.currentData(), start=start, end=end, overdue_on=overdue_on,
                             text=self.text())


class CaseFilters(FilterBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("搜索：案号、被申请单位、申请人姓名", parent)
        self.cause = self.combo("全部案由", vocab.LEGAL_CAUSES, "案由")
        self.handling = self.combo("全部处理方式", vocab.LEGAL_HANDLINGS, "处理方式")
        self.state = self.combo("在办和已结案", (OPEN, CLOSED), "在办：尚未结案的案件")
        self.finish()

    def query(self) -> CaseQuery:
        start, end = self.span()
        state = self.state.currentData()
        return CaseQuery(cause=self.cause.currentData(), handling=self.handling.currentData(),
                         open_only=state == OPEN, closed_only=state == CLOSED, start=start, end=end,
                         text=self.text())
