"""Figures and lists about the whole register (queue counts, unions, years), read in the background."""

from __future__ import annotations

from dataclasses import dataclass

from app.progress import ProgressFn
from app.services import household_search as search


@dataclass(frozen=True)
class RegisterSummary:
    """What the tab shows beside the list: work-queue counts, files per status, choices typed before."""

    queues: dict[search.Queue, int]
    statuses: dict[str, int]
    unions: list[str]
    years: list[int]
    work_units: list[str]

    @property
    def total(self) -> int:
        return sum(self.statuses.values())


def load_summary(_progress: ProgressFn) -> RegisterSummary:
    """Several counting queries (about 0.2 s on 100,000 files): run off the GUI thread."""
    return RegisterSummary(
        queues=search.queue_counts(),
        statuses=search.status_counts(),
        unions=search.union_names(),
        years=search.filed_years(),
        work_units=search.work_units(),
    )
