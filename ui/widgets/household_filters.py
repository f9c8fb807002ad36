"""The 档案 filter bar: a search box that filters as you type, and one combo per filter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.services import household_search as search
from app.vocab import FileStatus

DEBOUNCE_MS = 150
ALL = None


class SearchBox(QLineEdit):
    """Esc clears it; ↓ moves into the list."""

    move_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down:
            self.move_down.emit()
            return
        super().keyPressEvent(event)


class HouseholdFilters(QWidget):
    """Emits `changed` when the criteria change: at once for combos, after a pause for typing."""

    changed = Signal()
    submitted = Signal()  # Enter in the search box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox(self)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("搜索：姓名、拼音或首字母（如 zs）、身份证号、手机、单位、档案编号")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._submit)
        self.category = self._combo("全部类别")
        self.identity = self._combo("全部身份")
        self.status = self._combo("全部状态")
        self.status.setToolTip("档案状态；“在办”即办理中（申报至公示）及在档")
        self.main_cause = self._combo("全部致困原因")
        self.union_name = self._combo("全部工会")
        self.filed_year = self._combo("全部建档年度")
        self.clear_button = QPushButton("清除条件", self)
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for combo in (self.category, self.identity, self.status, self.main_cause, self.union_name,
                      self.filed_year):
            layout.addWidget(combo)
        layout.addWidget(self.clear_button)
        focus = QShortcut(QKeySequence.StandardKey.Find, self)
        focus.setContext(Qt.ShortcutContext.WindowShortcut)
        focus.activated.connect(lambda: (self.search.setFocus(), self.search.selectAll()))

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(len(everything) * 2)  # "全部…" fits; the popup is wider
        combo.addItem(everything, ALL)
        combo.setMaxVisibleItems(20)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def _submit(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()
        self.submitted.emit()

    @staticmethod
    def _fill(combo: QComboBox, items: Sequence[tuple[str, object]]) -> None:
        """Replace the choices, keeping the current one if it still exists."""
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        view = combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 32)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def load_choices(self, lists: dict[str, tuple[str, ...]], unions: Sequence[str],
                     years: Sequence[int]) -> None:
        """Fill the combos from the value lists and what is on file (unions, years filed)."""
        self._fill(self.category, [(c, c) for c in lists.get("category", ())])
        self._fill(self.identity, [(c, c) for c in lists.get("identity", ())])
        # 在办 alone: "在办（办理中及在档）" was cut to "在办（办理中" in the narrow combo; the tooltip explains it
        statuses = [(search.OPEN, search.OPEN)] + [(str(s), str(s)) for s in FileStatus]
        self._fill(self.status, statuses)
        self.status.setItemData(1, "在办：办理中（申报至公示）及在档的档案", Qt.ItemDataRole.ToolTipRole)
        self._fill(self.main_cause, [(c, c) for c in lists.get("cause", ())])
        self._fill(self.union_name, [(u, u) for u in unions])
        self._fill(self.filed_year, [(f"{y}年建档", y) for y in years])

    def query(self, queue: search.Queue | None) -> search.HouseholdQuery:
        return search.HouseholdQuery(
            text=self.search.text().strip(),
            category=self.category.currentData(),
            identity=self.identity.currentData(),
            status=self.status.currentData(),
            main_cause=self.main_cause.currentData(),
            union_name=self.union_name.currentData(),
            filed_year=self.filed_year.currentData(),
            queue=queue,
        )

    def is_filtered(self) -> bool:
        return bool(self.search.text().strip()) or any(
            c.currentIndex() > 0 for c in (self.category, self.identity, self.status, self.main_cause,
                                           self.union_name, self.filed_year))

    def clear(self) -> None:
        self._timer.stop()
        for widget in (self.search, self.category, self.identity, self.status, self.main_cause,
                       self.union_name, self.filed_year):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.category, self.identity, self.status, self.main_cause, self.union_name,
                      self.filed_year):
            combo.setCurrentIndex(0)
        for widget in (self.search, self.category, self.identity, self.status, self.main_cause,
                       self.union_name, self.filed_year):
            widget.blockSignals(False)
        self.changed.emit()
