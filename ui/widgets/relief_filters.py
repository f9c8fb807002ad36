"""The 救助记录 filter bar: search text, type, category, fund, campaign, and a period with presets."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app import vocab
from app.services.campaigns import CampaignView
from app.services.funds import FundView
from app.services.relief import ReliefQuery
from ui.widgets.household_filters import SearchBox
from ui.widgets.period_picker import ALL, PeriodPicker

DEBOUNCE_MS = 200


class ReliefFilters(QWidget):
    """Emits `changed` when the criteria change: at once for combos and dates, after a pause for typing."""

    changed = Signal()
    submitted = Signal()  # Enter in the search box (↓ too): on to the list, as on the 档案 tab

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox(self)  # Esc clears it
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(
            "搜索：姓名、拼音或首字母（如 zs）、身份证号后几位、档案编号、备注、学校或就读阶段、医院、诊断")
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._submit)
        self.search.move_down.connect(self._submit)
        self.relief_type = self._combo("全部类型", [(t, t) for t in vocab.RELIEF_TYPES])
        self.category = self._combo("全部类别", [])
        self.fund = self._combo("全部资金", [])
        self.campaign = self._combo("全部活动", [])
        self.period = PeriodPicker(self, initial=ALL)
        self.period.changed.connect(self.changed.emit)
        self.clear_button = QPushButton("清除条件", self)
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear)
        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        first.addWidget(self.search, 3)
        for combo in (self.relief_type, self.category, self.fund, self.campaign):
            first.addWidget(combo, 1)
        self.second = QHBoxLayout()
        self.second.setContentsMargins(0, 0, 0, 0)
        self.second.addWidget(self.period)
        self.second.addWidget(self.clear_button)
        self.second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(self.second)

    def _submit(self) -> None:
        if self._timer.isActive():  # what was typed is searched now, not after the pause
            self._timer.stop()
            self.changed.emit()
        self.submitted.emit()

    def _combo(self, everything: str, entries: Sequence[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.addItem(everything, None)
        for text, data in entries:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def load_choices(self, categories: Sequence[str], funds: Sequence[FundView],
                     campaigns: Sequence[CampaignView]) -> None:
        """Refill the combos, keeping what was chosen if it is still there."""
        self._refill(self.category, [(c, c) for c in categories])
        self._refill(self.fund, [(f.name, f.id) for f in funds])
        self._refill(self.campaign, [(c.name, c.id) for c in campaigns])

    @staticmethod
    def _refill(combo: QComboBox, entries: Sequence[tuple[str, object]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in entries:
            combo.addItem(text, data)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def query(self) -> ReliefQuery:
        start, end = self.period.range()
        return ReliefQuery(relief_type=self.relief_type.currentData(), start=start, end=end,
                           fund_id=self.fund.currentData(), campaign_id=self.campaign.currentData(),
                           category=self.category.currentData(), text=self.search.text().strip())

    def is_filtered(self) -> bool:
        return self.query() != ReliefQuery()

    def clear(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        for combo in (self.relief_type, self.category, self.fund, self.campaign):
            combo.setCurrentIndex(0)
        self.period.set_preset(ALL)
        self.blockSignals(False)
        self._timer.stop()
        self.changed.emit()
