"""The 劳模 tab: 劳模档案 (archive, ledger, care, prints, registers) and 补助金专户; figures in the status bar."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app import clock, session
from app.money import yuan
from app.progress import ProgressFn
from app.services import model_worker_overview as overview
from app.services import model_worker_subsidy as subsidy
from app.services import model_workers as mw
from ui.events import AppEvents
from ui.pages.base import Page
from ui.pages.model_worker_archive import ArchivePanel
from ui.pages.model_worker_subsidy import SubsidyPanel
from ui.tasks import Task, TaskRunner


@dataclass(frozen=True)
class Figures:
    in_work: int
    retired: int
    not_visited: int
    check_due: int
    balance: Decimal
    insured: int = 0    # 今年补充保险: workers with this year's policy


def read_figures(_progress: ProgressFn) -> Figures:
    """Who is on roll today, the two queues and the special account's balance (read in the background)."""
    today = clock.today()
    counts = mw.counts_on(today)
    insured = overview.model_worker_figures(today.replace(month=1, day=1), today.replace(month=12, day=31)).insured
    return Figures(counts["在职"], counts["退休"], len(overview.not_visited()), len(overview.health_check_due()),
                   subsidy.balance(), insured)


def figures_line(figures: Figures) -> str:
    return (f"劳模 在职 {figures.in_work} · 退休 {figures.retired} · 今年未走访 {figures.not_visited} · "
            f"体检到期 {figures.check_due} · 今年补充保险 {figures.insured} 人 · 专户余额 {yuan(figures.balance)}")


class ModelWorkersPage(Page):
    """劳模: who they are and what was done for them; the hardship subsidy account."""

    title = "劳模"
    state_key = "model_workers"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.archive = ArchivePanel(events, runner, self)
        self.subsidy = SubsidyPanel(events, runner, self)
        self.parts = QTabWidget(self)
        self.parts.setObjectName("subTabs")
        self.parts.addTab(self.archive, "劳模档案")
        self.parts.addTab(self.subsidy, "补助金专户")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addWidget(self.parts)
        self.figures: Figures | None = None
        self._figures_task: Task | None = None
        self._figures_again = False
        for part in (self.archive, self.subsidy):
            part.message.connect(self.message.emit)
        events.model_workers_changed.connect(lambda _ids: self.refresh_figures())
        events.data_replaced.connect(self.reload)
        self.set_status("正在统计…")
        self.apply_account()
        self.reload()

    def reload(self) -> None:
        if session.current() is None:
            return
        self.archive.reload()
        self.subsidy.reload()
        self.refresh_figures()

    def apply_account(self) -> None:
        self.archive.apply_account()
        self.subsidy.apply_account()

    # --- the status bar, read in the background ------------------------------------------
    def refresh_figures(self) -> None:
        if session.current() is None:
            return
        if self._figures_task is not None:
            self._figures_again = True  # one more pass after the running one: it may predate the change
            return
        task = self.readers.run("统计劳模", read_figures, self, on_done=self._show_figures, cancellable=False,
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
        return self._figures_task is not None

    def _show_figures(self, figures: Figures) -> None:
        self.figures = figures
        self.set_status(figures_line(figures))

    # --- window state --------------------------------------------------------------------
    def save_state(self, state: QSettings) -> None:
        state.setValue(f"{self.state_key}/columns", self.archive.table.horizontalHeader().saveState())
        state.setValue(f"{self.state_key}/splitter", self.archive.splitter.saveState())
        state.setValue(f"{self.state_key}/part", self.parts.currentIndex())

    def restore_state(self, state: QSettings) -> None:
        for key, target in (("columns", self.archive.table.horizontalHeader()), ("splitter", self.archive.splitter)):
            saved = state.value(f"{self.state_key}/{key}")
            if isinstance(saved, QByteArray) and not saved.isEmpty():
                target.restoreState(saved)
        part = state.value(f"{self.state_key}/part")
        if part is not None:
            self.parts.setCurrentIndex(int(part))  # type: ignore[call-overload]
