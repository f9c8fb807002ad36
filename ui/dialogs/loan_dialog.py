"""登记创业贷款 (borrower with an ID number: the sex comes from it), or 修改 a loan's amount, bank, term and subsidy."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from app import clock, vocab
from app.services import loans
from app.services.loans import MAX_TERM, LoanForm, LoanView
from app.services.relief_forms import Recipient
from ui.dialogs.jobs_dialogs import person_or_refuse
from ui.dialogs.record_form_dialog import RecordFormDialog
from ui.dialogs.training_session_dialog import completer
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit, MoneyEdit
from ui.widgets.person_chooser import PersonChooser


class LoanDialog(RecordFormDialog):
    """A new loan, or the correction of one (`view`: the borrower stays)."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None, *, view: LoanView | None = None,
                 banks: Sequence[str] = ()) -> None:
        super().__init__("修改创业贷款" if view else "登记创业贷款", parent, width=620)
        self._events = events
        self._view = view
        self.saved_id: int | None = None
        self.chooser = PersonChooser(self, what="借款人", need_id=True)
        self.amount = MoneyEdit(self)
        self.bank = QLineEdit(self)
        self.bank.setCompleter(completer(banks, self))
        self.bank.setPlaceholderText("如 华池县农村信用合作联社")
        self.on_date = DayEdit(clock.today(), self)
        self.term = QSpinBox(self)
        self.term.setRange(1, MAX_TERM)
        self.term.setValue(24)
        self.term.setSuffix(" 个月")
        self.subsidy = MoneyEdit(self)
        self.repayment = QComboBox(self)
        self.repayment.addItems(list(vocab.REPAYMENT_STATES))
        self.note = QLineEdit(self)
        if view is None:
            self.form.addRow("借款人 *", self.chooser)
        else:
            self.chooser.hide()
            self.form.addRow("借款人", QLabel(f"{view.name}（{view.sex}）{view.id_number}", self))
        self.form.addRow("贷款金额（元）*", self.amount)
        self.form.addRow("贷款银行 *", self.bank)
        self.form.addRow("放款日期 *", self.on_date)
        self.form.addRow("期限 *", self.term)
        self.form.addRow("贴息（元）", self.subsidy)
        self.form.addRow("还款情况", self.repayment)
        self.form.addRow("备注", self.note)
        self.fields = {"person": self.chooser.search, "borrower": self.chooser.search, "name": self.chooser.name_edit,
                       "id_number": self.chooser.id_edit, "amount": self.amount, "bank": self.bank,
                       "on_date": self.on_date, "term_months": self.term, "subsidy": self.subsidy,
                       "repayment": self.repayment, "note": self.note}
        if view is not None:
            self.amount.set_amount(view.amount)
            self.bank.setText(view.bank)
            self.on_date.set_day(view.on_date)
            self.term.setValue(view.term_months)
            self.subsidy.set_amount(view.subsidy if view.subsidy else None)
            self.repayment.setCurrentText(view.repayment)
            self.note.setText(view.note)
            self.amount.setFocus()
        else:
            self.chooser.setFocus()

    def save(self) -> None:
        view = self._view

        def write() -> int:
            borrower = Recipient(person_id=view.person_id) if view is not None else \
                person_or_refuse(self.chooser, "借款人")
            form = LoanForm(borrower, self.amount_of(self.amount, "amount", "贷款金额"), self.bank.text(),
                            self.on_date.day(), self.term.value(), self.amount_of(self.subsidy, "subsidy", "贴息"),
                            self.repayment.currentText(), self.note.text())
            if view is None:
                return loans.record_loan(form)
            loans.update_loan(view.id, form)
            return view.id

        ok, saved = self.attempt(write)
        if not ok:
            return
        self.saved_id = saved
        self._events.announce_employment("loans", (saved,))
        if view is None and self.chooser.new_person.isChecked():
            self._events.announce_persons(())
        self.accept()
