"""Choosing whom a relief is for: search people on file or not (name, initials, ID digits), or name a new one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from app.services.relief_forms import Recipient
from app.services.relief_recipients import RecipientChoice
from ui.widgets.person_search import PersonSearch


class RecipientPicker(PersonSearch):
    """Type to search; ↓ or Enter picks from the list. "不在系统中" names a new person (care activities)."""

    picked = Signal()  # a match chosen (Enter or a click): the dialog moves on to its next field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, placeholder="输入姓名、拼音首字母（如 zs）或身份证号后几位查找", list_height=118,
                         new_text="不在系统中，按姓名新增（慰问类）",
                         new_tip="送温暖、夏送清凉、六一慰问等可发给没有档案的人：按这里填写的姓名和身份证号新增人员",
                         nothing_hint="没有找到；慰问类可勾选“不在系统中”按姓名新增",
                         new_rows=(("姓名", "name_edit", ""), ("身份证号", "id_edit", "18位，可留空"),
                                   ("电话", "phone_edit", ""), ("单位", "unit_edit", "")))
        self.name_edit: QLineEdit
        self.unit_edit: QLineEdit
        self._choice: RecipientChoice | None = None
        self.search.setObjectName("recipientSearch")
        self.show_chosen("尚未选择受助人", False)
        self.lay_out()

    def take(self, choice: RecipientChoice) -> None:
        self.set_choice(choice)
        self.picked.emit()

    def set_choice(self, choice: RecipientChoice | None) -> None:
        self._choice = choice
        self.results.hide()
        if choice is not None:
            self.show_name(choice)
        self.show_chosen(f"受助人：{choice.describe()}" if choice else "尚未选择受助人", choice is not None)
        self.changed.emit()

    def _new_person_toggled(self, on: bool) -> None:
        super()._new_person_toggled(on)
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

    # --- the result ------------------------------------------------------------------------
    @property
    def choice(self) -> RecipientChoice | None:
        return None if self.new_person.isChecked() else self._choice

    def recipient(self) -> Recipient | None:
        """The person chosen, or the new one typed; None if neither."""
        if self.new_person.isChecked():
            return self.typed_person(work_unit=self.unit_edit.text().strip())
        return Recipient(person_id=self._choice.person_id) if self._choice is not None else None
