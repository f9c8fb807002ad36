"""关联档案: find the hardship file a contact belongs to (name, initials, file number, ID digits) and tie them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from app.errors import KnownError
from app.services import household_search, petitions
from app.services.household_forms import HouseholdRow
from app.services.household_search import HouseholdQuery
from app.services.petitions import PetitionView
from ui.dialogs.petition_steps import describe
from ui.dialogs.step_form import StepForm
from ui.events import AppEvents

LIMIT = 50
ID_ROLE = Qt.ItemDataRole.UserRole


def row_text(row: HouseholdRow) -> str:
    """2025-001 张三 110***********1234 · 在档 · 县水泥厂."""
    return " · ".join(p for p in (f"{row.file_no} {row.name} {row.id_number}".strip(), row.status, row.work_unit) if p)


class HouseholdLinkDialog(StepForm):
    """Type to search; ↓ to the list, Enter ties the contact to the file chosen."""

    def __init__(self, view: PetitionView, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__("关联帮扶档案", parent, ok="关联", heading=f"信访：{describe(view)}"
                         + (f"；现关联档案 {view.file_no}" if view.file_no else ""))
        self._view = view
        self._events = events
        self.household_id: int | None = None
        self.search = QLineEdit(view.name if view.name != "匿名" else "", self)
        self.search.setPlaceholderText("姓名、拼音首字母、档案编号或身份证号后几位")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setMinimumHeight(160)
        self.results.itemActivated.connect(lambda _item: self.save())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.look_up)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.form.addRow("查找档案", self.search)
        self.form.addRow("", self.results)
        self.finish_layout()
        self.resize(560, 0)
        self.look_up()
        self.search.setFocus()

    def look_up(self) -> None:
        self._timer.stop()
        self.results.clear()
        text = self.search.text().strip()
        ids = household_search.search_ids(HouseholdQuery(text=text))[:LIMIT] if text else []
        for row in household_search.fetch_rows(ids):
            item = QListWidgetItem(row_text(row), self.results)
            item.setData(ID_ROLE, row.id)
        if self.results.count():
            self.results.setCurrentRow(0)
        elif text:
            nothing = QListWidgetItem("没有找到档案", self.results)
            nothing.setFlags(Qt.ItemFlag.NoItemFlags)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.results.setFocus()
            return True
        return super().eventFilter(watched, event)

    def save(self) -> None:
        if self._timer.isActive():
            self.look_up()
        item = self.results.currentItem()
        household_id = item.data(ID_ROLE) if item is not None else None
        if not isinstance(household_id, int):
            self.refuse("请先查找并选择要关联的档案。")
            return
        try:
            petitions.link(self._view.id, household_id=household_id)
        except KnownError as exc:
            self.refuse(exc)
            return
        self.household_id = household_id
        self._events.announce_petitions((self._view.id,))
        self.accept()
