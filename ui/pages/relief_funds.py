"""资金 (part of the 救助 tab): funds with income, paid and balance; new funds, money in, and a period's ledger."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSplitter, QVBoxLayout, QWidget

from app import session
from app.errors import KnownError
from app.money import yuan
from app.services import funds
from app.services.funds import FundView
from app.session import Permission
from ui import messages
from ui.dialogs.fund_dialogs import FundDialog, FundEntryDialog
from ui.events import AppEvents
from ui.operations import relief as ops
from ui.operations.households import Written
from ui.permissions import guard, refusal
from ui.tables.funds_models import FundsModel, LedgerModel
from ui.tables.table_view import list_view
from ui.tasks import Task, TaskRunner
from ui.widgets.period_picker import LAST_YEAR, THIS_MONTH, THIS_YEAR, PeriodPicker


class FundsPanel(QWidget):
    """The funds above (totals under them), the chosen fund's ledger for a period below."""

    message = Signal(str)

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.runner = runner
        self.dialog: FundDialog | FundEntryDialog | None = None
        self.last_task: Task | None = None
        self.model = FundsModel(self)
        self.table = list_view(self, self.model, widths=FundsModel.widths, multi=False)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totalsLine")
        self.ledger_model = LedgerModel(self)
        self.ledger_table = list_view(self, self.ledger_model, widths=LedgerModel.widths, stretch=2)
        self.ledger_label = QLabel(self)
        self.ledger_label.setObjectName("sideTitle")
        self.period = PeriodPicker(self, presets=(THIS_YEAR, THIS_MONTH, LAST_YEAR), initial=THIS_YEAR)

        self.new_button = self._button("新增资金…", self.open_new_fund)
        self.entry_button = self._button("资金入账…", self.open_entry)
        self.entry_button.setObjectName("primaryButton")
        self.ledger_button = self._button("导出台账…", self.export_ledger)
        self.more_button = QPushButton("资金收入登记簿", self)
        self.more_button.setAutoDefault(False)
        menu = QMenu(self.more_button)
        menu.addAction("导出资金收入登记簿…", lambda: ops.export_register(self, self.runner, "fund-entries",
                                                                       self._written))
        menu.addAction("下载资金收入导入模板…", lambda: ops.write_template(self, self.runner, "fund-entries",
                                                                         self._written))
        self.import_action = menu.addAction("导入资金收入…", lambda: ops.import_register(
            self, self.runner, self.events, "fund-entries", self.message.emit))
        self.more_button.setMenu(menu)
        top = QHBoxLayout()
        for button in (self.entry_button, self.new_button, self.more_button):
            top.addWidget(button)
        top.addStretch(1)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.totals_label)
        ledger_bar = QHBoxLayout()
        ledger_bar.addWidget(self.ledger_label)
        ledger_bar.addStretch(1)
        ledger_bar.addWidget(QLabel("期间", self))
        ledger_bar.addWidget(self.period)
        ledger_bar.addWidget(self.ledger_button)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(ledger_bar)
        lower_layout.addWidget(self.ledger_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setSizes([220, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_ledger())
        self.table.activated.connect(lambda _index: self.open_entry())
        self.period.changed.connect(self.show_ledger)
        events.funds_changed.connect(lambda _ids: self.reload())
        events.relief_changed.connect(lambda _ids: self.reload())

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- what is listed --------------------------------------------------------------------
    def reload(self) -> None:
        if session.current() is None:
            return
        keep = self.current()
        views = funds.list_funds(include_inactive=True)
        self.model.set_funds(views)
        active = [f for f in views if f.active]
        income = sum((f.income for f in active), Decimal("0.00"))
        paid = sum((f.paid for f in active), Decimal("0.00"))
        self.totals_label.setText(f"在用资金 {len(active)} 项 · 收入 {yuan(income)} · 支出 {yuan(paid)} · "
                                  f"余额 {yuan(income - paid)}")
        row = self.model.row_of(keep.id) if keep is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self.show_ledger()

    def current(self) -> FundView | None:
        index = self.table.currentIndex()
        return self.model.funds[index.row()] if index.isValid() and index.row() < len(self.model.funds) else None

    def show_ledger(self) -> None:
        fund = self.current()
        start, end = self.period.range()
        if fund is None or start is None or end is None:
            self.ledger_model.set_ledger(None)
            self.ledger_label.setText("资金台账：请先选择资金")
            return
        try:
            ledger = funds.ledger(fund.id, start, end)
        except KnownError as exc:
            self.ledger_label.setText(str(exc))
            return
        self.ledger_model.set_ledger(ledger)
        self.ledger_label.setText(f"资金台账：{fund.name}（期初 {yuan(ledger.opening)}，收入 {yuan(ledger.income)}，"
                                  f"支出 {yuan(ledger.paid)}，期末 {yuan(ledger.closing)}）")

    def select_fund(self, fund_id: int) -> None:
        row = self.model.row_of(fund_id)
        if row is not None:
            self.table.selectRow(row)

    # --- actions ---------------------------------------------------------------------------
    def apply_account(self) -> None:
        guard(self.new_button, Permission.EDIT, "新增一项资金（如 2025年帮扶资金、专户）")
        guard(self.entry_button, Permission.EDIT, "登记一笔资金收入：上级拨款、财政配套、工会经费、社会捐助……")
        guard(self.ledger_button, Permission.EXPORT_MASKED, "把所选资金本期的台账导出为 Excel")
        guard(self.more_button, Permission.EXPORT_MASKED, "资金收入登记簿的导出、模板和导入")
        guard(self.import_action, Permission.IMPORT)

    def open_new_fund(self) -> FundDialog | None:
        if refusal(Permission.EDIT):
            messages.warn(self, "新增资金", refusal(Permission.EDIT))
            return None
        dialog = FundDialog(self.events, self.window())
        self.dialog = dialog

        def finished() -> None:
            if dialog.created is not None:
                self.select_fund(dialog.created.id)
                self.message.emit(f"已新增资金：{dialog.created.name}")
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def open_entry(self) -> FundEntryDialog | None:
        if refusal(Permission.EDIT):
            messages.warn(self, "资金入账", refusal(Permission.EDIT))
            return None
        active = [f for f in self.model.funds if f.active]
        if not active:
            messages.inform(self, "资金入账", "还没有资金，请先“新增资金”。")
            return None
        current = self.current()
        dialog = FundEntryDialog(self.events, active, current.id if current is not None else None, self.window())
        self.dialog = dialog

        def finished() -> None:
            if dialog.entry_id is not None:
                self.message.emit("已入账。")
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def export_ledger(self) -> Task | None:
        fund = self.current()
        start, end = self.period.range()
        if fund is None or start is None or end is None:
            messages.inform(self, "导出资金台账", "请先选择资金和期间。")
            return None
        self.last_task = ops.export_ledger(self, self.runner, fund.id, fund.name, start, end, self._written)
        return self.last_task

    def _written(self, written: Written) -> None:
        self.message.emit(f"已保存 {written.path}")
