"""A legal-aid case's steps: 添加阶段 (调解/仲裁/诉讼), 结案 (outcome required, amounts); the month of 法律援助统计."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QLineEdit, QTableView, QWidget

from app import clock, vocab
from app.errors import KnownError
from app.money import yuan
from app.services import legal_cases
from app.services.legal_cases import LegalCaseView
from ui.dialogs.step_form import StepForm, text_box
from ui.events import AppEvents
from ui.tables.applicants_model import ApplicantRow, ApplicantsModel
from ui.widgets.money_edit import DayEdit, MoneyEdit

STEPS = tuple(s for s in vocab.LEGAL_STAGES if s not in ("受理", "结案"))
MONTHS_OFFERED = 36


def describe(case: LegalCaseView) -> str:
    return f"{case.case_no} {case.respondent}（{case.cause}，{case.stage}）"


class CaseStageDialog(StepForm):
    """调解, 仲裁 or 诉讼 on a day, with a note."""

    def __init__(self, case: LegalCaseView, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__("添加阶段", parent, heading=f"案件：{describe(case)}")
        self._case = case
        self._events = events
        self.stage = QComboBox(self)
        self.stage.addItems(list(STEPS))
        self.on_date = DayEdit(clock.today(), self)
        self.on_date.setMaximumWidth(160)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("如：约谈项目负责人；向县仲裁院提交仲裁申请")
        self.form.addRow("阶段 *", self.stage)
        self.form.addRow("日期 *", self.on_date)
        self.form.addRow("说明", self.note)
        self.finish_layout()
        self.resize(480, 0)
        self.stage.setFocus()

    def save(self) -> None:
        try:
            legal_cases.add_stage(self._case.id, self.stage.currentText(), self.on_date.day(), self.note.text())
        except KnownError as exc:
            self.refuse(exc)
            return
        self._events.announce_cases((self._case.id,))
        self.accept()


class CloseCaseDialog(StepForm):
    """结案: the outcome (required), the amount recovered or awarded, and each named worker's share where known."""

    def __init__(self, case: LegalCaseView, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__("结案", parent, ok="结案", heading=f"案件：{describe(case)}；请求金额 "
                         f"{yuan(case.amount_claimed)}，涉及职工 {case.workers_involved} 人")
        self._case = case
        self._events = events
        self.on_date = DayEdit(clock.today(), self)
        self.on_date.setMaximumWidth(160)
        self.outcome = text_box(self, "处理结果（必填）：如 达成调解协议，一次性支付拖欠工资", lines=3)
        self.recovered = MoneyEdit(self, placeholder="可留空")
        self.total_hint = QLabel(self)
        self.total_hint.setObjectName("fieldHint")
        self.model = ApplicantsModel(self, recovering=True)
        self.model.set_rows(ApplicantRow(a.person_id, a.name, a.id_number, a.amount_claimed, a.amount_recovered)
                            for a in case.applicants)
        self.model.problem.connect(lambda text: self.refuse(text, prefix=""))
        self.model.dataChanged.connect(lambda *_a: self._show_total())
        self.form.addRow("结案日期 *", self.on_date)
        self.form.addRow("处理结果 *", self.outcome)
        self.form.addRow("追回金额（元）", self.recovered)
        self.form.addRow("", self.total_hint)
        if case.applicants:
            self.table = QTableView(self)
            self.table.setModel(self.model)
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                       | QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.AnyKeyPressed)
            self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.table.setMinimumHeight(140)
            self.form.addRow("各人追回", self.table)
        self.finish_layout()
        self._show_total()
        self.resize(720, 0)
        self.outcome.setFocus()

    def _show_total(self) -> None:
        named = self.model.total(recovered=True)
        self.total_hint.setText(f"列名职工追回合计 {yuan(named)}（追回金额留空即按此数；填写时不能少于此数）"
                                if self._case.applicants else "本案未列名申请人，只填追回总额")

    def amount(self) -> Decimal:
        """ValueError (Chinese) if the total cannot be read; blank: the named workers' sum."""
        try:
            typed = self.recovered.amount()
        except ValueError as exc:
            raise ValueError(f"追回金额：{exc}") from None
        return typed if typed is not None else self.model.total(recovered=True)

    def save(self) -> None:
        if not self.outcome.toPlainText().strip():
            self.refuse("结案须写明处理结果。")
            self.outcome.setFocus()
            return
        shares = {r.person_id: r.recovered for r in self.model.rows
                  if r.person_id is not None and r.recovered is not None}
        try:
            legal_cases.close_case(self._case.id, self.on_date.day(), self.outcome.toPlainText(), self.amount(),
                                   shares)
        except ValueError as exc:
            self.refuse(str(exc))
            return
        except KnownError as exc:
            self.refuse(exc)
            return
        self._events.announce_cases((self._case.id,))
        self.accept()


def month_span(first: datetime.date) -> tuple[datetime.date, datetime.date]:
    following = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


class MonthDialog(StepForm):
    """Which month the 法律援助统计 covers (this month first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("法律援助统计", parent, ok="生成",
                         heading="按月统计受理案件（案由、处理方式、涉及职工）和追回金额。")
        self.month = QComboBox(self)
        today = clock.today()
        first = datetime.date(today.year, today.month, 1)
        for _ in range(MONTHS_OFFERED):
            self.month.addItem(f"{first.year}年{first.month}月", first)
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        self.form.addRow("统计月份 *", self.month)
        self.finish_layout()
        self.month.setFocus()

    def span(self) -> tuple[datetime.date, datetime.date]:
        first = self.month.currentData()
        assert isinstance(first, datetime.date)
        return month_span(first)

    def save(self) -> None:
        self.accept()
