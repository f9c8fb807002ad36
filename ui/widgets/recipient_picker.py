"""Choosing whom a relief is for: search people on file or not (name, initials, ID digits), or name a new one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import session
from app.services.relief_forms import Recipient
from app.services.relief_recipients import RecipientChoice, find_recipients

DEBOUNCE_MS = 150
CHOICE_ROLE = Qt.ItemDataRole.UserRole


class RecipientPicker(QWidget):
    """Type to search; ↓ or Enter picks from the list. "不在系统中" names a new person (care activities)."""

    changed = Signal()
    picked = Signal()  # a match chosen (Enter or a click): the dialog moves on to its next field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choice: RecipientChoice | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("recipientSearch")
        self.search.setPlaceholderText("输入姓名、拼音首字母（如 zs）或身份证号后几位查找")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setMaximumHeight(118)
        self.results.hide()
        self.results.installEventFilter(self)
        self.results.itemActivated.connect(self._pick)
        self.results.itemClicked.connect(self._pick)
        self.chosen_label = QLabel("尚未选择受助人", self)
        self.chosen_label.setObjectName("fieldHint")
        self.chosen_label.setWordWrap(True)
        self.new_person = QCheckBox("不在系统中，按姓名新增（慰问类）", self)
        self.new_person.setToolTip("送温暖、夏送清凉、六一慰问等可发给没有档案的人：按这里填写的姓名和身份证号新增人员")
        self.new_person.toggled.connect(self._new_person_toggled)
        self.name_edit = QLineEdit(self)
        self.id_edit = QLineEdit(self)
        self.id_edit.setPlaceholderText("18位，可留空")
        self.phone_edit = QLineEdit(self)
        self.unit_edit = QLineEdit(self)
        self.new_box = QWidget(self)
        form = QFormLayout(self.new_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("姓名", self.name_edit)
        form.addRow("身份证号", self.id_edit)
        form.addRow("电话", self.phone_edit)
        form.addRow("单位", self.unit_edit)
        self.new_box.hide()
        for edit in (self.name_edit, self.id_edit, self.phone_edit, self.unit_edit):
            edit.textChanged.connect(lambda _t: self.changed.emit())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.look_up)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_person)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.new_box)
        self.setFocusProxy(self.search)

    # --- searching and picking -------------------------------------------------------------
    def look_up(self) -> None:
        """Search now (the box waits for a pause in typing)."""
        self._timer.stop()
        self.results.clear()
        found = (find_recipients(self.search.text())
                 if self.search.text().strip() and session.current() is not None else [])
        for choice in found:
            item = QListWidgetItem(choice.describe(), self.results)
            item.setData(CHOICE_ROLE, choice)
        if self.search.text().strip() and not found:
            nothing = QListWidgetItem("没有找到；慰问类可勾选“不在系统中”按姓名新增", self.results)
            nothing.setFlags(Qt.ItemFlag.NoItemFlags)
        self.results.setVisible(self.results.count() > 0)
        if found:
            self.results.setCurrentRow(0)

    def _pick(self, item: QListWidgetItem) -> None:
        choice = item.data(CHOICE_ROLE)
        if isinstance(choice, RecipientChoice):
            self.set_choice(choice)
            self.picked.emit()

    def set_choice(self, choice: RecipientChoice | None) -> None:
        self._choice = choice
        self.results.hide()
        if choice is not None:
            self.new_person.setChecked(False)
            self.search.blockSignals(True)
            self.search.setText(choice.name)
            self.search.blockSignals(False)
        self.chosen_label.setText(f"受助人：{choice.describe()}" if choice else "尚未选择受助人")
        self.chosen_label.setObjectName("fieldOk" if choice else "fieldHint")
        self.chosen_label.style().polish(self.chosen_label)
        self.changed.emit()

    def _new_person_toggled(self, on: bool) -> None:
        self.new_box.setVisible(on)
        self.search.setEnabled(not on)
        if on:
            self._choice = None
            self.results.hide()
            self.chosen_label.setText("按下面填写的姓名新增人员（无档案）")
            if not self.name_edit.text():
                self.name_edit.setText(self.search.text().strip())
            self.name_edit.setFocus()
        else:
            self.chosen_label.setText("尚未选择受助人")
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key == Qt.Key.Key_Down and self.results.isVisible():
                self.results.setFocus()
                return True
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and watched is self.search and self._timer.isActive():
                self.look_up()  # Enter right after typing: search first, then pick
            if enter and self.results.isVisible() and self.results.currentItem() is not None \
                    and watched in (self.search, self.results):
                self._pick(self.results.currentItem())
                return True
        return super().eventFilter(watched, event)

    # --- the result ------------------------------------------------------------------------
    @property
    def choice(self) -> RecipientChoice | None:
        return None if self.new_person.isChecked() else self._choice

    def recipient(self) -> Recipient | None:
        """The person chosen, or the new one typed; None if neither."""
        if self.new_person.isChecked():
            if not self.name_edit.text().strip():
                return None
            return Recipient(name=self.name_edit.text().strip(), id_number=self.id_edit.text().strip() or None,
                             phone=self.phone_edit.text().strip() or None, work_unit=self.unit_edit.text().strip())
        return Recipient(person_id=self._choice.person_id) if self._choice is not None else None
