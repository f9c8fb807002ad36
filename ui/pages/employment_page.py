"""The 培训就业 tab: 培训班, 就业安置, 职业介绍, 创业贷款, 结对帮扶 and 互助保障, each a part of its own; the year's
figures in the status bar."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app import clock, session
from app.money import yuan
from app.progress import ProgressFn
from app.services import employment, loans, mutual_aid, pairing, training
from ui.events import AppEvents
from ui.pages.base import Page
from ui.pages.employment_jobs import LoansPanel, PlacementsPanel, ReferralsPanel
from ui.pages.employment_mutual_aid import MutualAidPanel
from ui.pages.employment_pairing import PairingPanel
from ui.pages.employment_training import TrainingPanel
from ui.tasks import Task, TaskRunner


@dataclass(frozen=True)
class YearFigures:
    year: int
    training: training.TrainingFigures
    jobs: employment.EmploymentFigures
    loans: loans.LoanFigures
    pairing: pairing.PairingFigures
    mutual_aid: mutual_aid.MutualAidFigures

    def describe(self) -> str:
        cost = f"（费用 {yuan(self.training.cost)}）" if self.training.cost else ""
        return (f"{self.year}年 培训 {self.training.sessions} 期 {self.training.trainees} 人{cost} · "
                f"再就业 {self.jobs.placements} 人 · 创业贷款 {self.loans.count} 笔 {yuan(self.loans.amount)} · "
                f"结对 {self.pairing.households} 户 · 互助保障 {self.mutual_aid.enrolled} 人")


def year_figures(_progress: ProgressFn) -> YearFigures:
    """This year's figures of every register (read in the background)."""
    year = clock.today().year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return YearFigures(year, training.training_figures(start, end), employment.employment_figures(start, end),
                       loans.loan_figures(start, end), pairing.pairing_figures(start, end),
                       mutual_aid.mutual_aid_figures(start, end))


class EmploymentPage(Page):
    """培训就业: training sessions and trainees, placements, referrals, start-up loans, pairing, mutual aid."""

    title = "培训就业"
    state_key = "employment"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.training = TrainingPanel(events, runner, self)
        self.placements = PlacementsPanel(events, runner, self)
        self.referrals = ReferralsPanel(events, runner, self)
        self.loans = LoansPanel(events, runner, self)
        self.pairing = PairingPanel(events, runner, self)
        self.mutual_aid = MutualAidPanel(events, runner, self)
        self.parts = QTabWidget(self)
        self.parts.setObjectName("subTabs")
        for part, text in ((self.training, "培训班"), (self.placements, "就业安置"), (self.referrals, "职业介绍"),
                           (self.loans, "创业贷款"), (self.pairing, "结对帮扶"), (self.mutual_aid, "互助保障")):
            self.parts.addTab(part, text)
            part.message.connect(self.message.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addWidget(self.parts)
        self._figures_task: Task | None = None
        self._figures_again = False
        events.training_changed.connect(lambda _ids: self.refresh_figures())
        events.employment_changed.connect(lambda _kind, _ids: self.refresh_figures())
        events.data_replaced.connect(self.reload)
        self.set_status("正在统计…")
        self.apply_account()
        self.reload()

    @property
    def panels(self) -> tuple[TrainingPanel, PlacementsPanel, ReferralsPanel, LoansPanel, PairingPanel,
                              MutualAidPanel]:
        return self.training, self.placements, self.referrals, self.loans, self.pairing, self.mutual_aid

    def reload(self) -> None:
        if session.current() is None:
            return
        for panel in self.panels:
            panel.reload()
        self.refresh_figures()

    def apply_account(self) -> None:
        for panel in self.panels:
            panel.apply_account()

    # --- the year's figures, read in the background --------------------------------------
    def refresh_figures(self) -> None:
        if session.current() is None:
            return
        if self._figures_task is not None:
            self._figures_again = True   # one more pass: the running read may predate the change
            return
        task = self.readers.run("统计本年培训就业", year_figures, self, on_done=self._show_figures,
                                cancellable=False, quiet=True)
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

    def _show_figures(self, figures: YearFigures) -> None:
        self.set_status(figures.describe())

    # --- window state --------------------------------------------------------------------
    def save_state(self, state: QSettings) -> None:
        state.setValue(f"{self.state_key}/part", self.parts.currentIndex())
        state.setValue(f"{self.state_key}/sessions", self.training.sessions_table.horizontalHeader().saveState())
        state.setValue(f"{self.state_key}/trainees", self.training.trainees_table.horizontalHeader().saveState())

    def restore_state(self, state: QSettings) -> None:
        part = state.value(f"{self.state_key}/part")
        if part is not None:
            self.parts.setCurrentIndex(int(part))  # type: ignore[call-overload]
        for key, table in (("sessions", self.training.sessions_table), ("trainees", self.training.trainees_table)):
            header = state.value(f"{self.state_key}/{key}")
            if isinstance(header, QByteArray) and not header.isEmpty():
                table.horizontalHeader().restoreState(header)
