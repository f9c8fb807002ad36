"""The 统计 tab: a period's figures beside a year earlier's with the change, the charts, the records behind a
figure, and the exports (统计汇总 PDF, 上报表, 工作总结素材, 合并各县报表)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import session
from app.errors import KnownError
from app.progress import ProgressFn
from app.services.settings import office_name
from app.services.summary import Period
from app.services.summary_draft import SummaryDraft, write_draft
from app.services.summary_records import FigureRecords, figure_records
from app.services.summary_view import Indicator, SummaryView, shown, summary_view
from app.session import Permission
from ui.dialogs.figure_records_dialog import FigureRecordsDialog
from ui.dialogs.summary_draft_dialog import SummaryDraftDialog
from ui.events import AppEvents
from ui.operations import statistics as operations
from ui.operations.households import Written
from ui.pages.base import Page
from ui.permissions import guard
from ui.tables.summary_model import SummaryModel
from ui.tables.table_view import list_view
from ui.tasks import Task, TaskRunner
from ui.widgets.period_picker import LAST_YEAR, THIS_MONTH, THIS_QUARTER, THIS_YEAR, PeriodPicker
from ui.widgets.summary_chart import chart_view

NOW, BEFORE = 2, 3   # the columns of this period's and last year's figure


class StatisticsPage(Page):
    """统计: every figure of a period from the records, with no hand counting."""

    title = "统计"
    state_key = "statistics"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.view: SummaryView | None = None
        self.records_dialog: FigureRecordsDialog | None = None
        self.draft_dialog: SummaryDraftDialog | None = None
        self._task: Task | None = None
        self._again = False
        self._stale = True
        self.picker = PeriodPicker(self, presets=(THIS_YEAR, THIS_QUARTER, THIS_MONTH, LAST_YEAR), initial=THIS_YEAR)
        self.period_note = QLabel(self)
        self.period_note.setObjectName("hint")
        self.upward_button = QPushButton("导出上报表", self)
        # the city compares counties by full ID number (合并各县报表): offered only to whom may export them
        self.upward_full_button = QPushButton("上报表（含完整身份）", self)
        self.pdf_button = QPushButton("导出PDF", self)
        self.draft_button = QPushButton("工作总结素材", self)
        self.merge_button = QPushButton("合并各县报表", self)
        top = QHBoxLayout()
        top.addWidget(QLabel("统计期间", self))
        top.addWidget(self.picker)
        top.addWidget(self.period_note)
        top.addStretch(1)
        for button in (self.upward_button, self.upward_full_button, self.pdf_button, self.draft_button,
                       self.merge_button):
            top.addWidget(button)

        self.model = SummaryModel(self)
        self.table = list_view(self, self.model, multi=False, stretch=0)
        self.table.setAlternatingRowColors(False)
        self.table.setMinimumWidth(480)
        for column, width in ((1, 40), (2, 86), (3, 86), (4, 80)):
            self.table.setColumnWidth(column, width)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._activated)
        self.charts = QWidget(self)
        self.chart_grid = QGridLayout(self.charts)
        self.chart_grid.setContentsMargins(0, 0, 0, 0)
        self.chart_grid.setSpacing(8)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([540, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.picker.changed.connect(self.refresh)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.draft_button.clicked.connect(self.show_draft)
        self.upward_button.clicked.connect(self.export_upward)
        self.upward_full_button.clicked.connect(lambda: self.export_upward(full_ids=True))
        self.merge_button.clicked.connect(self.merge)
        for signal in (events.households_changed, events.relief_changed, events.funds_changed,
                       events.petitions_changed, events.cases_changed, events.training_changed,
                       events.model_workers_changed):
            signal.connect(lambda _ids: self._changed())
        events.employment_changed.connect(lambda _kind, _ids: self._changed())
        events.data_replaced.connect(self.reload)
        self.apply_account()

    # --- what the window calls -----------------------------------------------------------------
    def reload(self) -> None:
        self._changed()

    def apply_account(self) -> None:
        guard(self.pdf_button, Permission.PRINT, "本期统计汇总和统计图，生成 PDF")
        guard(self.upward_button, Permission.EXPORT_MASKED, "向市总工会上报的统计表（Excel，身份证号隐去中间位）")
        self.upward_full_button.setVisible(session.may(Permission.EXPORT_FULL))
        guard(self.upward_full_button, Permission.EXPORT_FULL,
              "上报统计表，含完整身份证号：市总工会据此比对各县重复登记的人员；导出记入操作日志")
        guard(self.draft_button, Permission.VIEW, "按本期数字写成的年终总结素材，可修改、复制、保存")
        guard(self.merge_button, Permission.EXPORT_MASKED, "把各县的上报表合并为全市汇总，并列出多县重复的人员")

    def save_state(self, state: QSettings) -> None:
        state.setValue(f"{self.state_key}/splitter", self.splitter.saveState())

    def restore_state(self, state: QSettings) -> None:
        saved = state.value(f"{self.state_key}/splitter")
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.splitter.restoreState(saved)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- the figures ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None

    def period(self) -> Period | None:
        start, end = self.picker.range()
        if start is None or end is None:
            return None
        try:
            return Period(start, end)
        except KnownError as exc:
            self.period_note.setText(str(exc))
            return None

    def _changed(self) -> None:
        """Records changed: read again now if shown, else when next shown (statistics over years take a while)."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if session.current() is None:
            return
        period = self.period()
        if period is None:
            return
        self._stale = False
        if self._task is not None:
            self._again = True
            return
        self.set_status("正在统计…")
        task = self.readers.run("统计", lambda _progress: summary_view(period), self, on_done=self._show,
                                cancellable=False, quiet=True)
        task.finished.connect(self._finished)
        self._task = task

    def _finished(self) -> None:
        self._task = None
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, view: SummaryView) -> None:
        if view.comparison.period != self.period():
            return   # the period was changed meanwhile: the next read shows it
        self.view = view
        self.model.set_sections(view.sections)
        before = view.comparison.period.year_earlier()
        self.period_note.setText(f"上年同期：{before.describe()}　点击数字查看记录")
        while self.chart_grid.count():
            item = self.chart_grid.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        # One chart a row across the width: long names beside the bars, the pies' legends beside them.
        for row, data in enumerate(view.charts):
            self.chart_grid.addWidget(chart_view(data, self.charts), row, 0)
        relief = next((r for _t, rows in view.sections for r in rows if r.path == ("relief", "amount")), None)
        files = next((r for _t, rows in view.sections for r in rows if r.path == ("households", "active_end")), None)
        parts = [view.comparison.period.describe()]
        if files is not None:
            parts.append(f"在档 {shown(files.now)} 户")
        if relief is not None:
            parts.append(f"救助 ¥{shown(relief.now)}")
        self.set_status(" · ".join(parts))

    # --- the records behind a figure -----------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        if index.column() in (NOW, BEFORE):
            self.show_records(index.row(), earlier=index.column() == BEFORE)

    def _activated(self, index: QModelIndex) -> None:
        self.show_records(index.row(), earlier=index.column() == BEFORE)

    def show_records(self, row: int, *, earlier: bool = False) -> None:
        indicator = self.model.indicator(row)
        if indicator is None or self.view is None:
            return
        period = self.view.comparison.period
        if earlier:
            period = period.year_earlier()
        value = shown(indicator.before if earlier else indicator.now)
        label = f"{indicator.label.strip().split('：')[-1]}（{'上年同期' if earlier else '本期'}）"
        self.readers.run("读取记录", lambda _progress: figure_records(period, indicator.path), self,
                         on_done=lambda records: self._records_read(label, value, indicator, records),
                         cancellable=False)

    def _records_read(self, label: str, value: str, indicator: Indicator, records: FigureRecords) -> None:
        if self.records_dialog is not None:
            self.records_dialog.close()
        self.records_dialog = FigureRecordsDialog(label, f"{value}{indicator.unit}", records, self)
        self.records_dialog.show()

    # --- exports -------------------------------------------------------------------------------
    def _written(self, written: Written) -> None:
        self.message.emit(f"已导出 {written.path}")

    def export_pdf(self) -> None:
        period = self.period()
        if period is not None:
            operations.export_summary_pdf(self, self.runner, period, self._written)

    def export_upward(self, *, full_ids: bool = False) -> None:
        period = self.period()
        if period is not None:
            operations.export_upward(self, self.runner, period, self._written, full_ids=full_ids)

    def merge(self) -> None:
        operations.merge_counties(self, self.runner, lambda _text: self.message.emit("已合并各县报表"))

    def show_draft(self) -> None:
        view = self.view
        if view is None:
            return

        def work(_progress: ProgressFn) -> SummaryDraft:
            return write_draft(view.comparison, office_name())

        self.readers.run("工作总结素材", work, self, on_done=self._draft_written, cancellable=False)

    def _draft_written(self, draft: SummaryDraft) -> None:
        if self.draft_dialog is not None:
            self.draft_dialog.close()
        self.draft_dialog = SummaryDraftDialog(draft, self.runner, self)
        self.draft_dialog.show()
