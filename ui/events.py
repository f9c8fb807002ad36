"""Changes broadcast to every page: a page listens and refreshes what it shows; none polls another."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """One instance per main window, handed to its pages, dialogs and operations."""

    # Ids of the hardship files a write touched (created, edited, a lifecycle step, deleted).
    households_changed = Signal(object)  # tuple[int, ...]
    # Another database file was opened (the window names it); data_replaced follows.
    database_opened = Signal(object)  # Path
    # Any record may have changed (another database opened, or a backup restored): every page reloads all it shows.
    data_replaced = Signal()
    # Someone else signed in (or the signed-in account's role or name changed): what may be done changed.
    account_changed = Signal()
    # Office settings were saved (name, notice days, idle lock, 低保 lines, value lists).
    settings_changed = Signal()
    # Ids of relief records recorded or withdrawn (one by one, a campaign's batch, an import).
    relief_changed = Signal(object)  # tuple[int, ...]
    # Ids of campaigns created or changed (a batch recorded under one changes its 人次 and 金额).
    campaigns_changed = Signal(object)  # tuple[int, ...]
    # Ids of funds created, paid into or drawn on (their balances changed).
    funds_changed = Signal(object)  # tuple[int, ...]
    # Ids of persons added or changed outside a household's file (care-activity recipients not on file).
    persons_changed = Signal(object)  # tuple[int, ...]
    # Ids of petitions (信访) registered, handed on, closed or linked to a file or a case.
    petitions_changed = Signal(object)  # tuple[int, ...]
    # Ids of legal-aid cases (法律援助) opened, corrected, given a stage or closed.
    cases_changed = Signal(object)  # tuple[int, ...]
    # Ids of training sessions (培训班) created, corrected or deleted, or whose trainees changed.
    training_changed = Signal(object)  # tuple[int, ...]
    # A 培训就业 register changed: its kind ("placements", "referrals", "loans", "pairings", "mutual-aid") and ids.
    employment_changed = Signal(str, object)  # str, tuple[int, ...]
    # Ids of model workers (劳模) whose archive, status ledger, visits, health checks, insurance, practical help or
    # subsidy payments changed; () for many at once (an import) or money into the 补助金专户.
    model_workers_changed = Signal(object)  # tuple[int, ...]

    def announce_households(self, ids: tuple[int, ...] | list[int]) -> None:
        self.households_changed.emit(tuple(ids))

    def announce_relief(self, ids: tuple[int, ...] | list[int]) -> None:
        self.relief_changed.emit(tuple(ids))

    def announce_campaigns(self, ids: tuple[int, ...] | list[int]) -> None:
        self.campaigns_changed.emit(tuple(ids))

    def announce_funds(self, ids: tuple[int, ...] | list[int]) -> None:
        self.funds_changed.emit(tuple(ids))

    def announce_persons(self, ids: tuple[int, ...] | list[int]) -> None:
        self.persons_changed.emit(tuple(ids))

    def announce_petitions(self, ids: tuple[int, ...] | list[int]) -> None:
        self.petitions_changed.emit(tuple(ids))

    def announce_cases(self, ids: tuple[int, ...] | list[int]) -> None:
        self.cases_changed.emit(tuple(ids))

    def announce_training(self, ids: tuple[int, ...] | list[int]) -> None:
        self.training_changed.emit(tuple(ids))

    def announce_employment(self, kind: str, ids: tuple[int, ...] | list[int]) -> None:
        self.employment_changed.emit(kind, tuple(ids))

    def announce_model_workers(self, ids: tuple[int, ...] | list[int]) -> None:
        self.model_workers_changed.emit(tuple(ids))

    def announce_database(self, path: Path) -> None:
        self.database_opened.emit(path)
        self.data_replaced.emit()

    def announce_data_replaced(self) -> None:
        """A restore replaced the whole database under the same name."""
        self.data_replaced.emit()

    def announce_account(self) -> None:
        self.account_changed.emit()

    def announce_settings(self) -> None:
        self.settings_changed.emit()
