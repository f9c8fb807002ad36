"""困难劳模补助金专户 dialogs: money in (date, source, amount, voucher) and a payment to a model worker for a period."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app import clock
from app.errors import KnownError, ValidationError
from app.money import yuan
from app.services import model_worker_subsidy as subsidy
from app.services import settings
from app.services.model_worker_forms import ArchiveLine
from app.services.model_worker_subsidy import SubsidyIncomeForm, SubsidyPaymentForm
from ui.dialogs.step_form import StepForm
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit, MoneyEdit


def this_half_year() -> str:
    """2025年上半年 (or 下半年): the usual period of a hardship subsidy."""
    today = clock.today()
    return f"{today.year}年{'上' if today.month <= 6 else '下'}半年"


class SubsidyForm(StepForm):
    """The account's balance above the form; a refused write shows the service's reason (with the balance)."""

    def __init__(self, title: str, events: AppEvents, parent: QWidget | None, *, ok: str) -> None:
        super().__init__(title, parent, ok=ok, heading=f"{subsidy.ACCOUNT}当前余额 {yuan(subsidy.balance())}")
        self.events = events
        self.entry_id: int | None = None
        self.on_date = DayEdit(clock.today(), self)
        self.on_date.setMaximumWidth(160)
        self.amount = MoneyEdit(self, placeholder="元")
        self.document_no = QLineEdit(self)
        self.document_no.setPlaceholderText("凭证号")
        self.note = QLineEdit(self)
        self.marked: dict[str, QWidget] = {"on_date": self.on_date, "amount": self.amount}

    def amount_value(self) -> Decimal:
        try:
            return self.amount.amount() or Decimal("0.00")
        except ValueError as exc:
            raise KnownError(f"金额：{exc}") from None

    def write(self) -> tuple[int, tuple[int, ...]]:
        """Store the entry; returns its id and the workers it concerns."""
        raise NotImplementedError

    def save(self) -> None:
        try:
            self.entry_id, workers = self.write()
        except ValidationError as exc:
            wrong = {e.field for e in exc.errors}
            for key, widget in self.marked.items():
                widget.setProperty("error", key in wrong)
                widget.style().polish(widget)
            self.refuse(exc, prefix=f"未{self.ok_button.text()}：")
            return
        except KnownError as exc:
            self.refuse(exc, prefix="")
            return
        self.events.announce_model_workers(workers)
        self.accept()


class SubsidyIncomeDialog(SubsidyForm):
    """专户入账: 上级拨款, 财政配套 … (the office's list of fund sources)."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__("补助金专户入账", events, parent, ok="入账")
        self.source = QComboBox(self)
        self.source.addItems(list(settings.value_lists().get("fund_source", ())))
        self.marked["source"] = self.source
        for label, widget in (("入账日期 *", self.on_date), ("资金来源 *", self.source), ("金额（元）*", self.amount),
                              ("凭证号", self.document_no), ("备注", self.note)):
            self.form.addRow(label, widget)
        self.finish_layout()
        self.resize(480, 0)
        self.amount.setFocus()

    def write(self) -> tuple[int, tuple[int, ...]]:
        form = SubsidyIncomeForm(self.on_date.day(), self.amount_value(), self.source.currentText(),
                                 self.document_no.text(), self.note.text())
        return subsidy.add_income(form), ()


class SubsidyPaymentDialog(SubsidyForm):
    """发放补助金 to one model worker (in work or retired) for a period; refused above the balance."""

    def __init__(self, workers: Sequence[ArchiveLine], worker_id: int | None, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__("发放困难劳模补助金", events, parent, ok="发放")
        self.worker = QComboBox(self)
        for line in workers:
            self.worker.addItem(f"{line.name}（{line.top_honour}，{line.work_unit or '无单位'}）", line.worker_id)
        if worker_id is not None:
            self.worker.setCurrentIndex(max(self.worker.findData(worker_id), 0))
        else:  # chosen on purpose: the first of the list was paid when nobody looked at this box
            self.worker.setPlaceholderText("请选择劳模")
            self.worker.setCurrentIndex(-1)
        self.period = QLineEdit(this_half_year(), self)
        self.period.setPlaceholderText("如 2025年上半年；同一人同一期间只发一次")
        self.marked.update(worker=self.worker, period=self.period)
        for label, widget in (("劳模 *", self.worker), ("发放日期 *", self.on_date), ("补助期间 *", self.period),
                              ("补助金额（元）*", self.amount), ("凭证号", self.document_no), ("备注", self.note)):
            self.form.addRow(label, widget)
        self.finish_layout()
        self.resize(520, 0)
        (self.amount if worker_id is not None else self.worker).setFocus()

    def write(self) -> tuple[int, tuple[int, ...]]:
        worker_id = self.worker.currentData()
        if worker_id is None:
            raise KnownError("请选择领取补助金的劳模。" if self.worker.count()
                             else "没有在职或退休的劳模可以发放补助金。")
        form = SubsidyPaymentForm(int(worker_id), self.on_date.day(), self.period.text(), self.amount_value(),
                                  self.document_no.text(), self.note.text())
        return subsidy.pay(form), (form.worker_id,)
