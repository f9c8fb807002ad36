"""职工互助保障 dialogs: a person enrolled in a plan for a year, and a claim paid under an enrolment."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from app import clock, vocab
from app.services import mutual_aid
from app.services.mutual_aid import FIRST_YEAR, ClaimForm, EnrolmentForm, EnrolmentView
from ui.dialogs.jobs_dialogs import person_or_refuse
from ui.dialogs.record_form_dialog import RecordFormDialog
from ui.dialogs.training_session_dialog import completer
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit, MoneyEdit
from ui.widgets.person_chooser import PersonChooser


class EnrolmentDialog(RecordFormDialog):
    """登记参保: who, which year, which plan (typed or one used before), premium and work unit."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None, *, plans: Sequence[str] = (),
                 units: Sequence[str] = ()) -> None:
        super().__init__("登记互助保障参保", parent, width=620)
        self._events = events
        self.saved_id: int | None = None
        self.chooser = PersonChooser(self, what="参保职工", need_id=False)
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, clock.today().year + 1)
        self.year.setValue(clock.today().year)
        self.plan = QComboBox(self)
        self.plan.setEditable(True)
        self.plan.addItems(list(plans) or ["住院医疗互助保障"])
        self.premium = MoneyEdit(self)
        self.work_unit = QLineEdit(self)
        self.work_unit.setCompleter(completer(units, self))
        self.form.addRow("参保职工 *", self.chooser)
        self.form.addRow("参保年度 *", self.year)
        self.form.addRow("保障项目 *", self.plan)
        self.form.addRow("缴费金额（元）", self.premium)
        self.form.addRow("工作单位", self.work_unit)
        self.fields = {"person": self.chooser.search, "name": self.chooser.name_edit,
                       "id_number": self.chooser.id_edit, "year": self.year, "plan": self.plan,
                       "premium": self.premium, "work_unit": self.work_unit}
        self.chooser.setFocus()

    def save(self) -> None:
        ok, saved = self.attempt(lambda: mutual_aid.enrol(EnrolmentForm(
            person_or_refuse(self.chooser, "参保职工"), self.year.value(), self.plan.currentText(),
            self.amount_of(self.premium, "premium", "缴费金额"), self.work_unit.text())))
        if not ok:
            return
        self.saved_id = saved
        self._events.announce_employment("mutual-aid", (saved,))
        if self.chooser.new_person.isChecked():
            self._events.announce_persons(())
        self.accept()


class ClaimDialog(RecordFormDialog):
    """登记理赔: the day paid, the kind (住院, 重疾 …), the amount."""

    def __init__(self, events: AppEvents, enrolment: EnrolmentView, parent: QWidget | None = None) -> None:
        super().__init__(f"登记理赔 — {enrolment.name}", parent, width=480)
        self._events = events
        self._enrolment = enrolment
        self.saved_id: int | None = None
        self.on_date = DayEdit(clock.today(), self)
        self.kind = QComboBox(self)
        self.kind.addItems(list(vocab.MUTUAL_AID_CLAIM_KINDS))
        self.amount = MoneyEdit(self)
        self.note = QLineEdit(self)
        self.form.addRow("参保", QLabel(f"{enrolment.name} {enrolment.year}年 {enrolment.plan}", self))
        self.form.addRow("赔付日期 *", self.on_date)
        self.form.addRow("理赔类型 *", self.kind)
        self.form.addRow("赔付金额（元）*", self.amount)
        self.form.addRow("备注", self.note)
        self.fields = {"on_date": self.on_date, "kind": self.kind, "amount": self.amount, "note": self.note}
        self.kind.setFocus()

    def save(self) -> None:
        ok, saved = self.attempt(lambda: mutual_aid.record_claim(self._enrolment.id, ClaimForm(
            self.on_date.day(), self.kind.currentText(), self.amount_of(self.amount, "amount", "赔付金额"),
            self.note.text())))
        if ok:
            self.saved_id = saved
            self._events.announce_employment("mutual-aid", (self._enrolment.id,))
            self.accept()
