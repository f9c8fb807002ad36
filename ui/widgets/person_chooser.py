"""Choosing a trainee, worker or borrower: someone found by name, pinyin or ID digits (a file's head or member,
with the group the file suggests), or a new person typed with name and ID number."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)

from app.services.employment_rules import PersonChoice, household_choices
from app.services.relief_forms import Recipient
from app.services.relief_recipients import RecipientChoice
from app.vocab import OPEN_STATUSES
from ui.widgets.person_search import DATA, PersonSearch

OPEN = {str(s) for s in OPEN_STATUSES}


@dataclass(frozen=True)
class Chosen:
    """The person picked: who, their file (if any) and what that file suggests."""

    person_id: int
    name: str
    text: str                         # 张三 622***1234 · 档案 2025-001（在档）
    household_id: int | None
    file_no: str
    file_open: bool                   # a file still being handled or on record (a placement may close its cause)
    suggestion: PersonChoice | None   # the file's head or member, with the suggested groups


class PersonChooser(PersonSearch):
    """Type to search, ↓ or Enter picks; a file's people are listed to pick another; or 新增人员 by name + ID."""

    def __init__(self, parent: QWidget | None = None, *, what: str = "学员", need_id: bool = True,
                 allow_new: bool = True, families: bool = True) -> None:
        super().__init__(parent, placeholder="输入姓名、拼音（如 zhangsan）、身份证号后几位或档案编号查找",
                         list_height=112, new_text="系统中没有此人，新增", new_tip="按下面填写的姓名和身份证号新增人员",
                         nothing_hint="没有找到",
                         new_rows=(("姓名 *", "name_edit", ""),
                                   ("身份证号" + (" *" if need_id else ""), "id_edit",
                                    "18位身份证号" + ("" if need_id else "，可留空")),
                                   ("手机", "phone_edit", "手机号，可留空")))
        self.name_edit: QLineEdit
        self.what = what
        self._families = families   # list a file's people to pick another of them
        self._chosen: Chosen | None = None
        self.family_label = QLabel("该户人员（可改选户内其他人）", self)
        self.family_label.setObjectName("fieldHint")
        self.family = QListWidget(self)
        self.family.setMaximumHeight(96)
        self.family.currentItemChanged.connect(lambda item, _old: self._pick_member(item))
        self.family_label.hide()
        self.family.hide()
        self.show_chosen(f"尚未选择{what}", False)
        self.new_person.setVisible(allow_new)
        self.lay_out(self.family_label, self.family)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def nothing_text(self) -> str:
        return "没有找到；可勾选“系统中没有此人，新增”" if self.new_person.isVisibleTo(self) else "没有找到"

    def take(self, choice: RecipientChoice) -> None:
        self.choose(choice)
        self._focus_next_field()

    def _focus_next_field(self) -> None:
        """After a pick: the file's people if listed (to pick another of them), else the form's next field —
        not the 新增 box beside the search, where what the clerk typed next was lost."""
        if self.family.isVisible():
            self.family.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if not self.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() \
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()
        self.focusNextChild()

    def choose(self, choice: RecipientChoice) -> None:
        """Take this person; a file's people are listed so that another of them can be picked."""
        self.show_name(choice)
        people = household_choices(choice.household_id) if choice.household_id is not None else []
        suggestion = next((p for p in people if p.person_id == choice.person_id), None)
        self._set(Chosen(choice.person_id, choice.name, choice.describe(), choice.household_id, choice.file_no,
                         choice.status in OPEN, suggestion))
        self.family.blockSignals(True)
        self.family.clear()
        for person in people:
            groups = "、".join(dict.fromkeys(g for g in (person.trainee_group, person.placement_group) if g))
            text = f"{person.name}（{person.relation or '本人'}）{person.id_number}" + (f" · 建议：{groups}" if groups
                                                                                    else "")
            item = QListWidgetItem(text, self.family)
            item.setData(DATA, person)
            if person.person_id == choice.person_id:
                self.family.setCurrentItem(item)
        self.family.blockSignals(False)
        several = self._families and len(people) > 1
        self.family_label.setVisible(several)
        self.family.setVisible(several)

    def _pick_member(self, item: QListWidgetItem | None) -> None:
        person = item.data(DATA) if item is not None else None
        current = self._chosen
        if not isinstance(person, PersonChoice) or current is None:
            return
        text = f"{person.name} {person.id_number} · 档案 {person.file_no}（{person.relation}）"
        self._set(Chosen(person.person_id, person.name, text, current.household_id, current.file_no,
                         current.file_open, person))

    def _set(self, chosen: Chosen | None) -> None:
        self._chosen = chosen
        self.show_chosen(f"{self.what}：{chosen.text}" if chosen else f"尚未选择{self.what}", chosen is not None)
        self.changed.emit()

    def _new_person_toggled(self, on: bool) -> None:
        super()._new_person_toggled(on)
        if on:
            self._set(None)
            self.results.hide()
            self.family.hide()
            self.family_label.hide()
            self.chosen_label.setText(f"按下面填写的姓名和身份证号新增{self.what}")
            if not self.name_edit.text() and not any(ch.isdigit() for ch in self.search.text()):
                self.name_edit.setText(self.search.text().strip())
            self.name_edit.setFocus()
        else:
            self._set(None)

    def clear(self) -> None:
        """Ready for the next person: nobody chosen, no file's people listed, nothing typed."""
        self.new_person.setChecked(False)
        self.search.clear()
        self._timer.stop()
        self.results.clear()
        self.results.hide()
        for edit in self.new_edits:
            edit.clear()
        self.family.clear()
        self.family.hide()
        self.family_label.hide()
        self._set(None)

    # --- the result ------------------------------------------------------------------------
    @property
    def chosen(self) -> Chosen | None:
        return None if self.new_person.isChecked() else self._chosen

    def recipient(self) -> Recipient | None:
        """The person chosen, or the new one typed; None if neither."""
        if self.new_person.isChecked():
            return self.typed_person()
        return Recipient(person_id=self._chosen.person_id) if self._chosen is not None else None

    def describe(self) -> str:
        """Who, in a few words, for messages after saving."""
        if self.new_person.isChecked():
            return self.name_edit.text().strip()
        return self._chosen.name if self._chosen is not None else ""
