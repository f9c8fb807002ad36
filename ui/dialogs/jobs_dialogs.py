"""再就业 and 职业介绍 dialogs: a placement (which may close the file's unemployment cause) and a referral."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from app import clock, vocab
from app.errors import FieldError, ValidationError
from app.services import employment
from app.services.employment import PlacementChange, PlacementForm, PlacementView, ReferralForm
from app.services.employment_rules import UNEMPLOYMENT_CAUSES
from app.services.relief_forms import Recipient
from ui.dialogs.record_form_dialog import RecordFormDialog
from ui.dialogs.training_session_dialog import completer
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit
from ui.widgets.person_chooser import PersonChooser

NO_FILE = "所选人员没有在办的困难职工档案，无致困原因可关闭"


def person_or_refuse(chooser: PersonChooser, what: str) -> Recipient:
    """The chosen or typed person; a ValidationError on the search box if there is none."""
    person = chooser.recipient()
    if person is None:
        raise ValidationError([FieldError("person", what, f"请先查找并选择{what}，或勾选“系统中没有此人，新增”"
                                          "并填写姓名和身份证号")])
    return person


class PlacementDialog(RecordFormDialog):
    """登记再就业 (or 修改 a placement: the person stays and the file is not changed again)."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None, *, view: PlacementView | None = None,
                 employers: Sequence[str] = ()) -> None:
        super().__init__("修改再就业记录" if view else "登记再就业", parent, width=620)
        self._events = events
        self._view = view
        self.change: PlacementChange | None = None
        self.chooser = PersonChooser(self, what="就业人员")
        self.group = QComboBox(self)
        self.group.addItems(list(vocab.PLACEMENT_GROUPS))
        self.employer = QLineEdit(self)
        self.employer.setCompleter(completer(employers, self))
        self.job = QLineEdit(self)
        self.on_date = DayEdit(clock.today(), self)
        self.how_found = QComboBox(self)
        self.how_found.addItems(["", *vocab.HOW_FOUND])
        self.close_cause = QCheckBox("关闭该户的失业致困原因", self)
        self.close_cause.setEnabled(False)
        self.close_cause.setToolTip(NO_FILE)
        self.note = QLineEdit(self)
        if view is None:
            self.form.addRow("就业人员 *", self.chooser)
        else:
            self.chooser.hide()
            self.form.addRow("就业人员", QLabel(f"{view.name} {view.id_number}" +
                                               (f" · 档案 {view.file_no}" if view.file_no else ""), self))
        self.form.addRow("人员类别 *", self.group)
        self.form.addRow("就业单位 *", self.employer)
        self.form.addRow("岗位", self.job)
        self.form.addRow("就业日期 *", self.on_date)
        self.form.addRow("就业途径", self.how_found)
        if view is None:
            self.form.addRow("", self.close_cause)
        self.form.addRow("备注", self.note)
        self.fields = {"person": self.chooser.search, "name": self.chooser.name_edit,
                       "id_number": self.chooser.id_edit, "group": self.group, "employer": self.employer,
                       "job": self.job, "on_date": self.on_date, "how_found": self.how_found, "note": self.note}
        self.chooser.changed.connect(self._person_chosen)
        if view is not None:
            self.group.setCurrentText(view.group)
            self.employer.setText(view.employer)
            self.job.setText(view.job)
            self.on_date.set_day(view.on_date)
            self.how_found.setCurrentText(view.how_found)
            self.note.setText(view.note)
            self.employer.setFocus()
        else:
            self.chooser.setFocus()

    def _person_chosen(self) -> None:
        chosen = self.chooser.chosen
        if chosen is not None and chosen.suggestion is not None and chosen.suggestion.placement_group:
            self.group.setCurrentText(chosen.suggestion.placement_group)
        has_file = chosen is not None and chosen.file_open
        self.close_cause.setEnabled(has_file)
        if has_file and chosen is not None:
            self.close_cause.setText(f"关闭档案 {chosen.file_no} 的失业致困原因")
            self.close_cause.setToolTip(f"从该档案的致困原因中去掉“{'、'.join(UNEMPLOYMENT_CAUSES)}”"
                                        "（主要原因由次要原因中的第一项替代），记入操作日志")
        else:
            self.close_cause.setChecked(False)
            self.close_cause.setText("关闭该户的失业致困原因")
            self.close_cause.setToolTip(NO_FILE)

    def save(self) -> None:
        view = self._view

        def write() -> PlacementChange | None:
            person = Recipient(person_id=view.person_id) if view is not None else \
                person_or_refuse(self.chooser, "就业人员")
            form = PlacementForm(person, self.group.currentText(), self.employer.text(), self.on_date.day(),
                                 self.job.text(), self.how_found.currentText(),
                                 self.close_cause.isEnabled() and self.close_cause.isChecked(), self.note.text())
            if view is None:
                return employment.record_placement(form)
            employment.update_placement(view.id, form)
            return None

        ok, change = self.attempt(write)
        if not ok:
            return
        self.change = change
        if change is not None:
            self._events.announce_employment("placements", (change.placement_id,))
            if change.household_id is not None:
                self._events.announce_households((change.household_id,))
            if self.chooser.new_person.isChecked():
                self._events.announce_persons(())
        elif view is not None:
            self._events.announce_employment("placements", (view.id,))
        self.accept()


class ReferralDialog(RecordFormDialog):
    """登记职业介绍: who was introduced to which employer; the outcome may follow later."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None, *, employers: Sequence[str] = ()) -> None:
        super().__init__("登记职业介绍", parent, width=620)
        self._events = events
        self.saved_id: int | None = None
        self.chooser = PersonChooser(self, what="求职人员", need_id=False)
        self.employer = QLineEdit(self)
        self.employer.setCompleter(completer(employers, self))
        self.on_date = DayEdit(clock.today(), self)
        self.outcome = QComboBox(self)
        self.outcome.addItems(list(vocab.REFERRAL_OUTCOMES))
        self.outcome.setCurrentText("待反馈")
        self.note = QLineEdit(self)
        self.form.addRow("求职人员 *", self.chooser)
        self.form.addRow("用人单位 *", self.employer)
        self.form.addRow("介绍日期 *", self.on_date)
        self.form.addRow("结果", self.outcome)
        self.form.addRow("备注", self.note)
        self.fields = {"person": self.chooser.search, "name": self.chooser.name_edit,
                       "id_number": self.chooser.id_edit, "employer": self.employer, "on_date": self.on_date,
                       "outcome": self.outcome, "note": self.note}
        self.chooser.setFocus()

    def save(self) -> None:
        ok, saved = self.attempt(lambda: employment.record_referral(ReferralForm(
            person_or_refuse(self.chooser, "求职人员"), self.employer.text(), self.on_date.day(),
            self.outcome.currentText(), self.note.text())))
        if not ok:
            return
        self.saved_id = saved
        self._events.announce_employment("referrals", (saved,))
        if self.chooser.new_person.isChecked():
            self._events.announce_persons(())
        self.accept()
