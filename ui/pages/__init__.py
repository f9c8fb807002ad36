"""One page per tab of the main window; PAGES lists them in tab order (a new tab: its page file and a line here)."""

from __future__ import annotations

from ui.pages.base import Page
from ui.pages.employment_page import EmploymentPage
from ui.pages.households_page import HouseholdsPage
from ui.pages.legal_cases_page import LegalCasesPage
from ui.pages.model_workers_page import ModelWorkersPage
from ui.pages.petitions_page import PetitionsPage
from ui.pages.relief_page import ReliefPage
from ui.pages.statistics_page import StatisticsPage

PAGES: tuple[type[Page], ...] = (
    HouseholdsPage,
    ReliefPage,
    PetitionsPage,
    LegalCasesPage,
    EmploymentPage,
    ModelWorkersPage,
    StatisticsPage,
)

__all__ = ["PAGES", "Page"]
