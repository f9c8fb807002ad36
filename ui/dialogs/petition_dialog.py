"""接待登记: a letter, call or visit registered quickly from the keyboard; the person known already or new.

The same dialog corrects an open contact's registration (修改登记), prefilled with it."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app import clock, vocab
from app.errors import KnownError, ValidationError
from app.services import household_search, petitions
from app.services.petitions import PetitionForm
from app.services.relief_forms import Recipient
from app.services.relief_recipients import RecipientChoice, recipient_choice
from ui.dialogs.step_form import StepForm, text_box
from ui.events import AppEvents
from ui.widgets.person_field import PersonField

DEFAULT_CHANNEL = "来访"
CALL = "来电"


def _qdatetime(moment: datetime.datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


class PetitionDialog(StepForm):
    """Focus starts on the name; Tab through the fields, Enter saves, Esc cancels.

    Given `editing` (the contact's id and its form as registered, phone in full), it corrects that contact.
    """

    def __init__(self, events: AppEvents, parent: QWidget | None = None, *,
                 editing: tuple[int, PetitionForm] | None = None) -> None:
        if editing is None:
            super().__init__("信访接待登记", parent, heading="来信、来电、来访当场登记；来电可匿名。")
        else:
            super().__init__("修改信访登记", parent,
                             heading="更正登记时的错漏；送达办理和办结的记录不变，办理时限从改后的接待日期起算。")
        self._events = events
        self._editing = editing
        self.petition_id: int | None = editing[0] if editing is not None else None
        self.channel = QComboBox(self)
        self.channel.addItems(list(vocab.PETITION_CHANNELS))
        self.channel.setCurrentText(DEFAULT_CHANNEL)
        self.anonymous = QCheckBox("匿名（仅来电）", self)
        self.received_at = QDateTimeEdit(_qdatetime(clock.now()), self)
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_at.setCalendarPopup(True)
        self.person = PersonField(self)
        self.id_number = QLineEdit(self)
        self.id_number.setPlaceholderText("18位，可不填")
        self.id_number.setMaxLength(18)
        self.contact = QLineEdit(self)
        self.contact.setPlaceholderText("手机或固定电话")
        self.work_unit = QLineEdit(self)
        self.work_unit.setPlaceholderText("所在单位或务工单位")
        units = QCompleter(household_search.work_units(), self.work_unit)
        units.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        units.setFilterMode(Qt.MatchFlag.MatchContains)
        self.work_unit.setCompleter(units)
        self.category = QComboBox(self)
        self.category.addItems(list(vocab.PETITION_CATEGORIES))
        self.content = text_box(self, "反映的问题和诉求", lines=4)
        self.workers = QSpinBox(self)
        self.workers.setRange(1, 9999)
        self.workers.setSuffix(" 人")
        self.workers.setMaximumWidth(140)
        self.received_at.setMaximumWidth(200)
        self.workers.setToolTip("本次反映涉及的职工人数（集体反映时填总人数）")

        top = QHBoxLayout()
        top.addWidget(self.channel)
        top.addWidget(self.anonymous)
        top.addStretch(1)
        channel_row = QWidget(self)
        channel_row.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)
        self.form.addRow("方式 *", channel_row)
        self.form.addRow("接待时间 *", self.received_at)
        self.form.addRow("姓名 *", self.person)
        self.form.addRow("身份证号", self.id_number)
        self.form.addRow("联系电话", self.contact)
        self.form.addRow("工作单位", self.work_unit)
        self.form.addRow("类别 *", self.category)
        self.form.addRow("内容 *", self.content)
        self.form.addRow("涉及人数", self.workers)
        self.finish_layout()

        self.channel.currentTextChanged.connect(lambda _text: self._channel_changed())
        self.anonymous.toggled.connect(lambda _on: self._anonymous_changed())
        self.person.picked.connect(self._picked)
        for first, second in ((self.channel, self.anonymous), (self.anonymous, self.received_at),
                              (self.received_at, self.person.edit), (self.person.edit, self.id_number),
                              (self.id_number, self.contact), (self.contact, self.work_unit),
                              (self.work_unit, self.category), (self.category, self.content),
                              (self.content, self.workers)):
            self.setTabOrder(first, second)
        self._channel_changed()
        if editing is not None:
            self._fill(editing[1])
        self.resize(560, 0)
        self.person.setFocus()

    def _fill(self, form: PetitionForm) -> None:
        """The contact as registered, to be corrected; a known person comes back as picked."""
        self.channel.setCurrentText(form.channel)
        self.anonymous.setChecked(form.anonymous)
        self.received_at.setDateTime(_qdatetime(form.received_at))
        self.contact.setText(form.contact)
        self.work_unit.setText(form.work_unit)
        self.category.setCurrentText(form.category)
        self.content.setPlainText(form.content)
        self.workers.setValue(form.workers)
        if form.person is not None and form.person.person_id is not None:
            self.person.set_choice(recipient_choice(form.person.person_id))

    def _channel_changed(self) -> None:
        call = self.channel.currentText() == CALL
        self.anonymous.setEnabled(call)
        if not call:
            self.anonymous.setChecked(False)

    def _anonymous_changed(self) -> None:
        anonymous = self.anonymous.isChecked()
        self.person.setEnabled(not anonymous)
        self.id_number.setEnabled(not anonymous and self.person.choice is None)
        label = self.form.labelForField(self.person)
        if isinstance(label, QLabel):
            label.setText("姓名" if anonymous else "姓名 *")   # an anonymous call needs no name

    def _picked(self, choice: RecipientChoice | None) -> None:
        """A known person brings their (masked) ID number and unit; a new one types them."""
        self.id_number.setReadOnly(choice is not None)
        self.id_number.setFocusPolicy(Qt.FocusPolicy.NoFocus if choice is not None else Qt.FocusPolicy.StrongFocus)
        self.id_number.setProperty("readOnlyField", choice is not None)
        self.id_number.style().polish(self.id_number)
        if choice is not None:
            self.id_number.setText(choice.id_number)
            if not self.work_unit.text().strip():
                self.work_unit.setText(choice.work_unit)
        else:
            self.id_number.clear()

    def form_data(self) -> PetitionForm:
        moment = self.received_at.dateTime()
        received = datetime.datetime(moment.date().year(), moment.date().month(), moment.date().day(),
                                     moment.time().hour(), moment.time().minute())
        anonymous = self.anonymous.isChecked()
        person: Recipient | None = None
        if not anonymous:
            choice = self.person.choice
            if choice is not None:
                person = Recipient(person_id=choice.person_id)
            elif self.person.name:
                person = Recipient(name=self.person.name, id_number=self.id_number.text().strip() or None,
                                   phone=self.contact.text().strip() or None,
                                   work_unit=self.work_unit.text().strip())
        return PetitionForm(channel=self.channel.currentText(), received_at=received,
                            category=self.category.currentText(), content=self.content.toPlainText(),
                            person=person, anonymous=anonymous, contact=self.contact.text(),
                            work_unit=self.work_unit.text(), workers=self.workers.value())

    def _mark(self, error: ValidationError | None) -> None:
        fields = {"name": self.person.edit, "id_number": self.id_number, "contact": self.contact,
                  "content": self.content, "received_at": self.received_at}
        wrong = {e.field for e in error.errors} if error is not None else set()
        for key, widget in fields.items():
            widget.setProperty("error", key in wrong)
            widget.style().polish(widget)

    def save(self) -> None:
        form = self.form_data()
        try:
            if self._editing is not None:
                petition_id = self._editing[0]
                petitions.update_petition(petition_id, form)
            else:
                petition_id = petitions.register_petition(form)
        except ValidationError as exc:
            self._mark(exc)
            self.refuse(exc)
            return
        except KnownError as exc:
            self.refuse(exc)
            return
        self.petition_id = petition_id
        self._events.announce_petitions((petition_id,))
        if form.person is not None and form.person.person_id is None:
            self._events.announce_persons(())
        self.accept()
