"""Care of one model worker: 走访慰问 (money from a fund, or gifts), 体检, 补充保险 and 办实事; Enter saves."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QSpinBox, QWidget

from app import clock, vocab
from app.errors import KnownError, ValidationError
from app.money import yuan
from app.services import funds
from app.services import model_worker_care as care
from app.services.model_worker_care import HealthCheckForm, InsuranceForm, PracticalHelpForm, VisitForm
from app.services.model_worker_forms import ArchiveLine
from app.services.model_worker_overview import visit_rounds
from ui.dialogs.step_form import StepForm, text_box
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit, MoneyEdit

NO_FUND = "不从资金支出（只送慰问品，或另行报销）"


def completer(parent: QLineEdit, words: list[str]) -> QCompleter:
    found = QCompleter(words, parent)
    found.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    found.setFilterMode(Qt.MatchFlag.MatchContains)
    parent.setCompleter(found)
    return found


class CareDialog(StepForm):
    """One worker's record: subclasses build the fields, `write()` calls the service, `fields` maps errors."""

    what: ClassVar[str] = ""

    def __init__(self, line: ArchiveLine, events: AppEvents, parent: QWidget | None) -> None:
        super().__init__(self.what, parent, heading=f"劳模：{line.name}（{line.top_honour}，{line.status}）")
        self.line = line
        self.events = events
        self.record_id: int | None = None

    def fields(self) -> Mapping[str, QWidget]:
        return {}

    def write(self) -> int:
        raise NotImplementedError

    def announce(self) -> None:
        self.events.announce_model_workers((self.line.worker_id,))

    def save(self) -> None:
        try:
            self.record_id = self.write()
        except ValidationError as exc:
            wrong = {e.field for e in exc.errors}
            for key, widget in self.fields().items():
                widget.setProperty("error", key in wrong)
                widget.style().polish(widget)
            self.refuse(exc, prefix="未登记：")
            return
        except KnownError as exc:
            self.refuse(exc, prefix="未登记：")
            return
        self.announce()
        self.accept()


def amount_of(edit: MoneyEdit, label: str) -> Decimal:
    try:
        return edit.amount() or Decimal("0.00")
    except ValueError as exc:
        raise KnownError(f"{label}：{exc}") from None


class VisitDialog(CareDialog):
    """走访慰问; the round, visitors, occasion, amount, gifts and fund of the last visit are offered again (a round)."""

    what = "走访慰问"
    last: ClassVar[dict[str, Any]] = {}

    def __init__(self, line: ArchiveLine, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(line, events, parent)
        last = VisitDialog.last
        self.on_date = DayEdit(clock.today(), self)
        self.on_date.setMaximumWidth(160)
        self.occasion = QComboBox(self)
        self.occasion.addItems(list(vocab.VISIT_OCCASIONS))
        self.occasion.setCurrentText(last.get("occasion", vocab.VISIT_OCCASIONS[0]))
        self.round_name = QLineEdit(last.get("round_name", ""), self)
        self.round_name.setPlaceholderText(f"如 {clock.today().year}年春节走访劳模（慰问签领表按批次打印）")
        completer(self.round_name, [r.name for r in visit_rounds()])
        self.visitors = QLineEdit(last.get("visitors", ""), self)
        self.visitors.setPlaceholderText("如 县总工会王主席、李部长")
        self.amount = MoneyEdit(self, placeholder="元")
        self.amount.setText(last.get("amount", ""))
        self.gifts = QLineEdit(last.get("gifts", ""), self)
        self.gifts.setPlaceholderText("如 米、面、油各一份")
        self.fund = QComboBox(self)
        self.fund.addItem(NO_FUND, None)
        for fund in funds.list_funds():
            self.fund.addItem(f"{fund.name}（余额 {yuan(fund.balance)}）", fund.id)
        if last.get("fund_id") is not None:
            self.fund.setCurrentIndex(max(self.fund.findData(last["fund_id"]), 0))
        self.note = QLineEdit(self)
        for label, widget in (("走访日期 *", self.on_date), ("走访事由 *", self.occasion),
                              ("走访批次", self.round_name), ("走访人 *", self.visitors),
                              ("慰问金（元）", self.amount), ("慰问品", self.gifts), ("资金", self.fund),
                              ("备注", self.note)):
            self.form.addRow(label, widget)
        self.finish_layout()
        self.resize(560, 0)
        self.on_date.setFocus()

    def fields(self) -> Mapping[str, QWidget]:
        return {"on_date": self.on_date, "occasion": self.occasion, "visitors": self.visitors, "amount": self.amount,
                "gifts": self.gifts, "fund": self.fund, "round_name": self.round_name, "worker": self.on_date}

    def write(self) -> int:
        form = VisitForm(self.line.worker_id, self.on_date.day(), self.occasion.currentText(), self.visitors.text(),
                         amount_of(self.amount, "慰问金"), self.gifts.text(), self.fund.currentData(),
                         self.round_name.text(), self.note.text())
        visit_id = care.record_visit(form)
        VisitDialog.last = {"occasion": form.occasion, "round_name": form.round_name.strip(),
                            "visitors": form.visitors.strip(), "amount": self.amount.text(),
                            "gifts": form.gifts.strip(), "fund_id": form.fund_id}
        return visit_id

    def announce(self) -> None:
        super().announce()
        if self.fund.currentData() is not None:
            self.events.announce_funds((self.fund.currentData(),))


def _year_box(parent: QWidget, latest: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(2000, latest)
    box.setValue(clock.today().year)
    box.setSuffix(" 年")
    box.setMaximumWidth(120)
    return box


class HealthCheckDialog(CareDialog):
    """体检: one a year (done in that year or early the next)."""

    what = "登记体检"

    def __init__(self, line: ArchiveLine, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(line, events, parent)
        self.year = _year_box(self, clock.today().year)
        self.hospital = QLineEdit(self)
        completer(self.hospital, sorted({h.hospital for h in care.health_checks()}))
        self.on_date = DayEdit(clock.today(), self)
        self.on_date.setMaximumWidth(160)
        self.summary_text = text_box(self, "体检结论，如 未见明显异常；血压偏高，建议复查", lines=3)
        for label, widget in (("体检年度 *", self.year), ("体检医院 *", self.hospital), ("体检日期 *", self.on_date),
                              ("体检结论", self.summary_text)):
            self.form.addRow(label, widget)
        self.finish_layout()
        self.resize(520, 0)
        self.hospital.setFocus()

    def fields(self) -> Mapping[str, QWidget]:
        return {"year": self.year, "hospital": self.hospital, "on_date": self.on_date, "worker": self.on_date}

    def write(self) -> int:
        return care.record_health_check(HealthCheckForm(self.line.worker_id, self.year.value(), self.hospital.text(),
                                                        self.on_date.day(), self.summary_text.toPlainText()))


class InsuranceDialog(CareDialog):
    """补充保险: a year's policy with its insurer and premium."""

    what = "登记补充保险"

    def __init__(self, line: ArchiveLine, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(line, events, parent)
        self.year = _year_box(self, clock.today().year + 1)
        self.insurer = QLineEdit(self)
        completer(self.insurer, sorted({i.insurer for i in care.insurances()}))
        self.insurer.setPlaceholderText("如 中国人寿华池支公司")
        self.premium = MoneyEdit(self, placeholder="元")
        for label, widget in (("保险年度 *", self.year), ("保险机构 *", self.insurer), ("保费（元）", self.premium)):
            self.form.addRow(label, widget)
        self.finish_layout()
        self.resize(480, 0)
        self.insurer.setFocus()

    def fields(self) -> Mapping[str, QWidget]:
        return {"year": self.year, "insurer": self.insurer, "premium": self.premium}

    def write(self) -> int:
        return care.record_insurance(InsuranceForm(self.line.worker_id, self.year.value(), self.insurer.text(),
                                                   amount_of(self.premium, "保费")))


class PracticalHelpDialog(CareDialog):
    """为劳模办实事: what was done and when."""

    what = "登记办实事"

    def __init__(self, line: ArchiveLine, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(line, events, parent)
        self.on_date = DayEdit(clock.today(), self)
        self.on_date.setMaximumWidth(160)
        self.what_text = text_box(self, "所办实事，如 协调解决子女入学；帮助申请危房改造", lines=3)
        self.note = QLineEdit(self)
        for label, widget in (("日期 *", self.on_date), ("所办实事 *", self.what_text), ("备注", self.note)):
            self.form.addRow(label, widget)
        self.finish_layout()
        self.resize(520, 0)
        self.what_text.setFocus()

    def fields(self) -> Mapping[str, QWidget]:
        return {"on_date": self.on_date, "what": self.what_text, "worker": self.on_date}

    def write(self) -> int:
        return care.record_practical_help(PracticalHelpForm(self.line.worker_id, self.on_date.day(),
                                                            self.what_text.toPlainText(), self.note.text()))


CARE_DIALOGS: dict[str, Callable[[ArchiveLine, AppEvents, QWidget | None], CareDialog]] = {
    "visit": VisitDialog, "health_check": HealthCheckDialog, "insurance": InsuranceDialog,
    "practical_help": PracticalHelpDialog,
}
