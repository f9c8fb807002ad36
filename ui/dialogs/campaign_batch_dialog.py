"""登记发放 for a campaign: recipients chosen by rules, a preview edited by hand, the batch recorded in one step."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock, session, vocab
from app.errors import KnownError, ValidationError
from app.money import yuan
from app.progress import ProgressFn
from app.services import campaigns, funds
from app.services.campaign_batch import record_batch
from app.services.campaigns import BatchResult, CampaignView, parse_items
from app.services.relief import DuplicateRelief
from app.session import Permission
from ui import messages
from ui.events import AppEvents
from ui.operations import relief as ops
from ui.operations.households import Written
from ui.permissions import guard
from ui.tables.candidates_model import REASON, WIDTHS, CandidatesModel
from ui.tables.table_view import list_view
from ui.tasks import Task, TaskRunner
from ui.widgets.money_edit import DayEdit
from ui.widgets.recipient_rules import RecipientRules


class CampaignBatchDialog(QDialog):
    """Nothing is written until every repeat has a reason or is unticked; then the roster can be printed."""

    def __init__(self, events: AppEvents, runner: TaskRunner, campaign: CampaignView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.runner = runner
        self.campaign = campaign
        self.result: BatchResult | None = None
        self.task: Task | None = None
        self._rows: list[int] = []
        self.setWindowTitle(f"登记发放：{campaign.name}")
        self.goods_each = sum((i.value for i in parse_items(campaign.standard_items)), Decimal("0.00"))
        self.fund = next((f for f in funds.list_funds() if f.id == campaign.fund_id), None)

        standard = " + ".join(t for t in (yuan(campaign.standard_amount) if campaign.standard_amount else "",
                                          campaign.standard_items) if t) or "未定标准（逐人填写金额）"
        heading = QLabel(f"{campaign.name} · {campaign.relief_type} · {campaign.start_date.isoformat()} 至 "
                         f"{campaign.end_date.isoformat()} · 每人 {standard} · 资金：{campaign.fund or '未指定'}", self)
        heading.setObjectName("dialogTitle")
        heading.setWordWrap(True)
        self.rules = RecipientRules(self)
        if campaign.relief_type in vocab.EDUCATION_RELIEF:
            # 助学 is given for a student: only files with one, each line then names its student (with 不限
            # every file was found, and each line without a student was refused only at 登记发放)
            self.rules.student_levels.set_ticked(vocab.SCHOOL_LEVELS)
        self.on_date = DayEdit(default_day(campaign), self)
        self.find_button = QPushButton("查找对象", self)
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.find)
        find_row = QHBoxLayout()
        find_row.addWidget(QLabel("发放日期", self))
        find_row.addWidget(self.on_date)
        find_row.addStretch(1)
        find_row.addWidget(self.find_button)

        self.model = CandidatesModel(self)
        self.table: QTableView = list_view(self, self.model, widths=WIDTHS)
        self.table.setEditTriggers(QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed
                                   | QTableView.EditTrigger.AnyKeyPressed)
        self.all_button = self._button("全选", lambda: self.model.set_all(True))
        self.none_button = self._button("全不选", lambda: self.model.set_all(False))
        self.drop_repeats = self._button("不发本年已获者", lambda: self.model.set_all(False, only_repeats=True))
        self.bulk_reason = QLineEdit(self)
        self.bulk_reason.setPlaceholderText("同一理由填入所有未填理由的重复者")
        self.fill_button = self._button("填入理由", self._fill_reasons)
        tools = QHBoxLayout()
        for widget in (self.all_button, self.none_button, self.drop_repeats):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.bulk_reason, 1)
        tools.addWidget(self.fill_button)

        self.summary = QLabel(self)
        self.summary.setObjectName("totalsLine")
        self.problems = QLabel(self)
        self.problems.setObjectName("errorSummary")
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.overdraw = QLineEdit(self)
        self.overdraw.setPlaceholderText("资金余额不足：超支理由（管理员）")
        self.overdraw.hide()
        self.record_button = QPushButton("登记发放", self)
        self.record_button.setObjectName("primaryButton")
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(self.record)
        self.print_button = self._button("打印发放花名册…", self.print_roster)
        self.excel_button = self._button("导出 Excel 花名册…", self.export_roster)
        self.close_button = self._button("关闭", self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.summary, 1)
        footer.addWidget(self.overdraw, 1)
        for button in (self.record_button, self.print_button, self.excel_button, self.close_button):
            footer.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.rules)
        layout.addLayout(find_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)
        layout.addWidget(self.problems)
        layout.addLayout(footer)
        self.model.dataChanged.connect(lambda *_a: self._show_summary())
        self.model.modelReset.connect(self._show_summary)
        guard(self.print_button, Permission.PRINT, "发放花名册（签领表），身份证号隐去中间位")
        guard(self.excel_button, Permission.EXPORT_MASKED, "Excel 版发放花名册，身份证号隐去中间位")
        self._set_recorded(False)
        self.resize(1240, 720)
        self._show_summary()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- the preview -----------------------------------------------------------------------
    def find(self) -> None:
        """Candidates by the rules, for the year of the date given (repeats marked)."""
        try:
            found = campaigns.candidates(self.rules.rule(), self.campaign.relief_type, self.on_date.day().year)
        except KnownError as exc:
            messages.warn(self, "查找对象", str(exc))
            return
        self.model.set_candidates(found, self.campaign.standard_amount)
        self.problems.hide()
        self.table.setFocus()

    def _fill_reasons(self) -> None:
        reason = self.bulk_reason.text().strip()
        if reason:
            self.model.fill_reasons(reason)

    def _show_summary(self) -> None:
        rows = self.model.included_rows()
        total = self.model.cash_total() + self.goods_each * len(rows)
        repeats = [r for r in rows if self.model.lines[r].candidate.already or self.model.lines[r].conflict]
        text = f"候选 {self.model.rowCount()} 人 · 发放 {len(rows)} 人 · 合计 {yuan(total)}"
        if repeats:
            text += f" · 其中重复 {len(repeats)} 人（须填写理由或取消勾选）"
        short = self.fund is not None and total > self.fund.balance
        if self.fund is not None:
            text += f" · “{self.fund.name}”余额 {yuan(self.fund.balance)}"
            if short:
                text += f"，不足 {yuan(total - self.fund.balance)}"
        self.overdraw.setVisible(short and session.may(Permission.OVERDRAW) and self.result is None)
        self.summary.setText(text)

    # --- recording ---------------------------------------------------------------------------
    def record(self) -> Task | None:
        """Check the ticked lines in the background; every conflict is listed and nothing written until resolved."""
        lines, rows = self.model.batch()
        if not lines:
            messages.inform(self, "登记发放", "没有勾选任何发放对象。请先“查找对象”并勾选。")
            return None
        missing = self.model.unresolved()
        if missing:
            self._show_problems([f"{self.model.lines[r].candidate.name}：本年已获同类救助，须填写理由或取消勾选"
                                 for r in missing])
            self.table.setCurrentIndex(self.model.index(missing[0], REASON))
            return None
        day = self.on_date.day()
        reason = self.overdraw.text().strip() if self.overdraw.isVisible() else ""
        self._rows = rows

        def work(progress: ProgressFn) -> BatchResult:
            return record_batch(self.campaign.id, lines, day, overdraw_reason=reason, progress=progress)

        self.record_button.setEnabled(False)
        self.task = self.runner.run(f"登记发放：{self.campaign.name}（{len(lines)} 人）", work, self,
                                    on_done=self._recorded, on_error=self._refused)
        self.task.finished.connect(lambda: self.record_button.setEnabled(self.result is None))
        return self.task

    def _refused(self, error: KnownError) -> None:
        if isinstance(error, DuplicateRelief):
            marked = self.model.mark_conflicts(error.conflicts, self._rows)
            self._show_problems([f"{self.model.lines[r].candidate.name}（{self.model.lines[r].candidate.file_no}）："
                                 f"{self.model.lines[r].conflict}" for r in marked],
                                intro="以下对象与已有救助重复，未登记任何记录。请填写理由或取消勾选后重新登记：")
            if marked:
                self.table.setCurrentIndex(self.model.index(marked[0], REASON))
        elif isinstance(error, ValidationError):
            self._show_problems([self._where(e.row) + f"{e.label}：{e.message}" for e in error.errors],
                                intro="未登记任何记录：")
        else:
            self._show_problems([str(error)], intro="未登记任何记录：")

    def _where(self, line: int | None) -> str:
        if line is None or not 1 <= line <= len(self._rows):
            return ""
        return f"{self.model.lines[self._rows[line - 1]].candidate.name}："

    def _show_problems(self, lines: list[str], intro: str = "") -> None:
        shown = lines[:12] + ([f"……另有 {len(lines) - 12} 处"] if len(lines) > 12 else [])
        self.problems.setText((intro + "\n" if intro else "") + "\n".join(shown))
        self.problems.show()

    def _recorded(self, result: BatchResult) -> None:
        self.result = result
        self.problems.hide()
        self._set_recorded(True)
        self.events.announce_relief(result.change.relief_ids)
        self.events.announce_funds(result.change.fund_ids)
        self.events.announce_campaigns((self.campaign.id,))
        marked = f"，其中重复救助（有理由）{result.conflicts_marked} 人" if result.conflicts_marked else ""
        self.summary.setText(f"已登记 {result.count} 人次，金额 {yuan(result.total)}{marked}。可打印发放花名册。")

    def _set_recorded(self, recorded: bool) -> None:
        """After recording: the preview is fixed, and the roster can be printed or exported."""
        self.model.set_editable(not recorded)
        for widget in (self.rules, self.on_date, self.find_button, self.all_button, self.none_button,
                       self.drop_repeats, self.bulk_reason, self.fill_button, self.record_button):
            widget.setEnabled(not recorded and session.may(Permission.EDIT))
        self.print_button.setVisible(recorded)
        self.excel_button.setVisible(recorded)
        if recorded:
            self.overdraw.hide()
            self.close_button.setDefault(True)

    def reject(self) -> None:
        """Esc or 关闭; not while the batch is being recorded (its result comes back to this dialog)."""
        if self.task is not None and self.task.running:
            return
        super().reject()

    def print_roster(self) -> Task | None:
        return ops.print_roster(self, self.runner, self._written, campaign_id=self.campaign.id,
                                name=f"{self.campaign.name}发放花名册")

    def export_roster(self) -> Task | None:
        return ops.export_roster(self, self.runner, self._written, campaign_id=self.campaign.id,
                                 name=f"{self.campaign.name}发放花名册")

    def _written(self, written: Written) -> None:
        self.summary.setText(f"已保存 {written.path}")


def default_day(campaign: CampaignView) -> datetime.date:
    """Today, or the campaign's last day if it is over."""
    return min(clock.today(), campaign.end_date)
