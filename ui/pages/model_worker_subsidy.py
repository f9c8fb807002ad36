"""补助金专户 (part of the 劳模 tab): the balance, money in, payments per person and period, a period's ledger."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import clock, session
from app.errors import KnownError
from app.money import yuan
from app.services import model_worker_subsidy as subsidy
from app.session import Permission
from ui import messages
from ui.dialogs.reason_dialog import ReasonDialog
from ui.dialogs.subsidy_dialogs import SubsidyIncomeDialog, SubsidyPaymentDialog
from ui.events import AppEvents
from ui.operations import model_workers as ops
from ui.operations.households import Written
from ui.pages.model_worker_archive import allow, on_roll_workers
from ui.permissions import guard, refusal
from ui.tables.subsidy_ledger_model import SubsidyLedgerModel, summary
from ui.tables.table_view import list_view
from ui.tasks import Task, TaskRunner
from ui.widgets.period_picker import ALL, LAST_YEAR, THIS_MONTH, THIS_YEAR, PeriodPicker

FIRST_DAY = datetime.date(1950, 1, 1)


class SubsidyPanel(QWidget):
    """The account's ledger for a period, with what can be done to it above."""

    message = Signal(str)

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.runner = runner
        self.dialog: QDialog | None = None
        self.last_task: Task | None = None
        self.model = SubsidyLedgerModel(self)
        self.table = list_view(self, self.model, widths=SubsidyLedgerModel.widths, multi=False)
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("sideTitle")
        self.ledger_label = QLabel(self)
        self.ledger_label.setObjectName("resultLine")
        self.period = PeriodPicker(self, presets=(THIS_YEAR, THIS_MONTH, LAST_YEAR, ALL), initial=THIS_YEAR)
        top = QHBoxLayout()
        self.income_button = self._button(top, "专户入账…", self.open_income)
        self.income_button.setObjectName("primaryButton")
        self.pay_button = self._button(top, "发放补助金…", self.open_payment)
        self.undo_button = self._button(top, "撤销所选记录…", self.undo_entry)
        top.addStretch(1)
        top.addWidget(QLabel("期间", self))
        top.addWidget(self.period)
        self.export_button = self._button(top, "导出专户登记簿…", self.export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.balance_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.ledger_label)
        self.period.changed.connect(self.show_ledger)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.update_actions())
        events.model_workers_changed.connect(lambda _ids: self.reload())

    def _button(self, row: QHBoxLayout, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    # --- what is shown -------------------------------------------------------------------
    def reload(self) -> None:
        if session.current() is None:
            return
        self.balance_label.setText(f"{subsidy.ACCOUNT}　当前余额 {yuan(subsidy.balance())}")
        self.show_ledger()

    def show_ledger(self) -> None:
        if session.current() is None:
            return
        start, end = self.period.range()
        ledger = subsidy.ledger(start or FIRST_DAY, end or clock.today())
        self.model.set_ledger(ledger)
        payments = sum(1 for line in ledger.lines if line.worker_id is not None)
        self.ledger_label.setText(
            f"{self.period.describe()}：期初 {yuan(ledger.opening)} · 收入 {yuan(ledger.income)} · "
            f"发放 {payments} 笔 {yuan(ledger.paid)} · 期末 {yuan(ledger.closing)}")
        self.update_actions()

    def update_actions(self) -> None:
        entry = self.model.entry_at(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        allow(self.undo_button, Permission.DELETE, entry is not None,
              "撤销误登的入账或发放（须说明原因，操作日志保留记录）", "请先在台账中选择一笔入账或发放")

    def apply_account(self) -> None:
        guard(self.income_button, Permission.EDIT, "登记一笔进入专户的资金：上级拨款、财政配套……")
        guard(self.pay_button, Permission.EDIT, "向一位在职或退休劳模发放某一期间的补助金；余额不足时不予发放")
        guard(self.export_button, Permission.EXPORT_MASKED, "把专户的全部入账和发放导出为 Excel（隐去身份信息）")
        self.update_actions()

    # --- actions -------------------------------------------------------------------------
    def _show(self, dialog: QDialog, done: str) -> QDialog:
        self.dialog = dialog

        def finished(code: int) -> None:
            if code == QDialog.DialogCode.Accepted:
                self.message.emit(done)
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def open_income(self) -> QDialog | None:
        if refusal(Permission.EDIT):
            messages.warn(self, "专户入账", refusal(Permission.EDIT))
            return None
        return self._show(SubsidyIncomeDialog(self.events, self.window()), "已入账。")

    def open_payment(self, worker_id: int | None = None) -> QDialog | None:
        if refusal(Permission.EDIT):
            messages.warn(self, "发放补助金", refusal(Permission.EDIT))
            return None
        return self._show(SubsidyPaymentDialog(on_roll_workers(), worker_id, self.events, self.window()),
                          "已发放补助金。")

    def undo_entry(self) -> None:
        index = self.table.currentIndex()
        entry = self.model.entry_at(index.row()) if index.isValid() else None
        if entry is None or refusal(Permission.DELETE):
            return
        what = f"{entry.on_date.isoformat()} {summary(entry)} {yuan(entry.income or entry.paid)}"
        dialog = ReasonDialog("撤销专户记录", f"撤销这笔记录：{what}？\n操作日志将保留原记录。", self.window(),
                              ok="撤销", placeholder="如：金额录错，重新登记")
        self.dialog = dialog

        def finished(code: int) -> None:
            if code == QDialog.DialogCode.Accepted:
                try:
                    subsidy.delete_entry(entry.id, dialog.reason)
                except KnownError as exc:
                    messages.warn(self, "撤销专户记录", str(exc))
                else:
                    self.events.announce_model_workers((entry.worker_id,) if entry.worker_id else ())
                    self.message.emit(f"已撤销：{what}")
            self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def export(self) -> Task | None:
        self.last_task = ops.export_register(self, self.runner, "subsidy-entries", self._written)
        return self.last_task

    def _written(self, written: Written) -> None:
        self.message.emit(f"已导出 {written.count} 笔到 {written.path}")
