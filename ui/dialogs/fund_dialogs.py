"""资金 dialogs: a new fund (name, 专户, note) and money paid in (date, source, amount, document number, note)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import KnownError
from app.money import yuan
from app.services import funds, settings
from app.services.funds import FundEntryForm, FundView
from app.validation import parse_money
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit, MoneyEdit


class _FormDialog(QDialog):
    """A short form: the problem above it, 保存 (Enter) and 取消 (Esc) below."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.summary = QLabel(self)
        self.summary.setObjectName("errorSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.form = QFormLayout()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.save_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.resize(460, 0)

    def save(self) -> None:
        """Each dialog saves its own form (subclasses)."""
        raise NotImplementedError

    def refuse(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.show()


class FundDialog(_FormDialog):
    """新增资金: e.g. 2025年帮扶资金, or a 专户 such as 劳模补助金专户."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__("新增资金", parent)
        self._events = events
        self.created: FundView | None = None
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(f"如 {clock.today().year}年帮扶资金")
        self.special = QCheckBox("专户（专款专用）", self)
        self.note = QLineEdit(self)
        self.form.addRow("资金名称 *", self.name)
        self.form.addRow("", self.special)
        self.form.addRow("备注", self.note)
        self.name.setFocus()

    def save(self) -> None:
        try:
            self.created = funds.create_fund(self.name.text(), special=self.special.isChecked(),
                                             note=self.note.text())
        except KnownError as exc:
            self.refuse(f"未保存：{exc}")
            return
        self._events.announce_funds((self.created.id,))
        self.accept()


class FundEntryDialog(_FormDialog):
    """资金入账: money in from a source on the office's list; a negative amount corrects an earlier entry."""

    def __init__(self, events: AppEvents, fund_list: list[FundView], fund_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__("资金入账", parent)
        self._events = events
        self.entry_id: int | None = None
        self.fund = QComboBox(self)
        for fund in fund_list:
            self.fund.addItem(f"{fund.name}（余额 {yuan(fund.balance)}）", fund.id)
        if fund_id is not None:
            self.fund.setCurrentIndex(max(self.fund.findData(fund_id), 0))
        self.on_date = DayEdit(clock.today(), self)
        self.source = QComboBox(self)
        self.source.addItems(list(settings.value_lists().get("fund_source", ())))
        self.amount = MoneyEdit(self)
        self.document_no = QLineEdit(self)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("冲减（负数金额）须说明原因")
        self.form.addRow("资金 *", self.fund)
        self.form.addRow("入账日期 *", self.on_date)
        self.form.addRow("资金来源 *", self.source)
        self.form.addRow("金额（元）*", self.amount)
        self.form.addRow("凭证号", self.document_no)
        self.form.addRow("备注", self.note)
        self.amount.setFocus()

    def save(self) -> None:
        if self.fund.currentData() is None:
            self.refuse("请先新增资金。")
            return
        try:
            amount = parse_money(self.amount.text(), allow_negative=True)
        except ValueError as exc:
            self.refuse(f"金额：{exc}")
            return
        form = FundEntryForm(self.fund.currentData(), self.on_date.day(), self.source.currentText(), amount,
                             self.document_no.text().strip(), self.note.text().strip())
        try:
            self.entry_id = funds.add_entry(form)
        except KnownError as exc:
            self.refuse(f"未入账：{exc}")
            if amount < 0 and not form.note:  # a deduction needs its reason: the cursor goes where it is typed
                self.note.setFocus()
            return
        self._events.announce_funds((form.fund_id,))
        self.accept()
