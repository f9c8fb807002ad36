"""The 救助 tab: 救助记录, 帮扶活动 and 资金, each a part of its own; the year's figures in the status bar."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app import clock, session
from app.money import yuan
from app.progress import ProgressFn
from app.services import funds, relief
from app.services.relief import ReliefQuery
from ui.events import AppEvents
from ui.pages.base import Page
from ui.pages.relief_campaigns import CampaignsPanel
from ui.pages.relief_funds import FundsPanel
from ui.pages.relief_records import ReliefRecordsPanel
from ui.tasks import Task, TaskRunner


def year_figures(_progress: ProgressFn) -> tuple[int, int, Decimal, Decimal]:
    """This year's 人次 and 金额, and what all active funds hold (read in the background)."""
    today = clock.today()
    count, amount = relief.totals(ReliefQuery(start=datetime.date(today.year, 1, 1),
                                              end=datetime.date(today.year, 12, 31)))
    return today.year, count, amount, funds.total_balance()


class ReliefPage(Page):
    """帮扶救助: who was helped with what and from which money; campaigns; funds and their ledgers."""

    title = "救助"
    state_key = "relief"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.records = ReliefRecordsPanel(events, runner, self.readers, self)
        self.campaigns = CampaignsPanel(events, runner, self)
        self.funds = FundsPanel(events, runner, self)
        self.parts = QTabWidget(self)
        self.parts.setObjectName("subTabs")
        self.parts.addTab(self.records, "救助记录")
        self.parts.addTab(self.campaigns, "帮扶活动")
        self.parts.addTab(self.funds, "资金")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addWidget(self.parts)
        self._figures_task: Task | None = None
        self._figures_again = False
        for part in (self.records, self.campaigns, self.funds):
            part.message.connect(self.message.emit)
        for signal in (events.relief_changed, events.funds_changed):
            signal.connect(lambda _ids: self.refresh_figures())
        events.data_replaced.connect(self.reload)
        self.set_status("正在统计…")
        self.apply_account()
        self.reload()

    def reload(self) -> None:
        if session.current() is None:
            return
        self.records.reload()
        self.campaigns.reload()
        self.funds.reload()
        self.refresh_figures()

    def apply_account(self) -> None:
        self.records.apply_account()
        self.campaigns.apply_account()
        self.funds.apply_account()

    def refresh_figures(self) -> None:
        if self._figures_task is not None:
            self._figures_again = True
            return
        task = self.readers.run("统计本年救助", year_figures, self, on_done=self._show_figures, cancellable=False,
                                quiet=True)
        task.finished.connect(self._figures_finished)
        self._figures_task = task

    def _figures_finished(self) -> None:
        self._figures_task = None
        if self._figures_again:
            self._figures_again = False
            self.refresh_figures()

    @property
    def busy(self) -> bool:
        return self._figures_task is not None or self.records.totals_pending

    def _show_figures(self, figures: tuple[int, int, Decimal, Decimal]) -> None:
        year, count, amount, balance = figures
        self.set_status(f"{year}年救助 {count} 人次 {yuan(amount)} · 资金余额 {yuan(balance)}")

    def save_state(self, state: QSettings) -> None:
        state.setValue(f"{self.state_key}/columns", self.records.table.horizontalHeader().saveState())
        state.setValue(f"{self.state_key}/part", self.parts.currentIndex())

    def restore_state(self, state: QSettings) -> None:
        header = state.value(f"{self.state_key}/columns")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.records.table.horizontalHeader().restoreState(header)
        part = state.value(f"{self.state_key}/part")
        if part is not None:
            self.parts.setCurrentIndex(int(part))  # type: ignore[call-overload]
