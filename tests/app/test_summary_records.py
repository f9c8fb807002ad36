"""The records behind a figure of the summary: as many as the figure counts, and the amounts add up to it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.services import summary as summaries
from app.services.summary_records import NOT_LISTED, figure_records
from tests.app.test_summary_draft import YEAR, build_year

COUNTED = [
    ("households", "active_end"), ("households", "new"), ("households", "closed"),
    ("households", "by_identity", "职工", "active_end"), ("households", "by_category", "深度困难"),
    ("relief", "count"), ("relief", "by_type", "生活救助", "count"),
    ("petitions", "count"), ("petitions", "closed"), ("petitions", "overdue_open"),
    ("petitions", "by_channel", "来访"), ("petitions", "by_category", "法律咨询"),
    ("legal_cases", "count"), ("model_workers", "on_roll_end"), ("model_workers", "visits"),
    ("model_workers", "by_status_end", "在职"), ("model_workers", "health_checks"), ("model_workers", "practical_help"),
]


def figure(figures: summaries.Figures, path: tuple[str, ...]) -> object:
    value: object = figures
    for key in path:
        assert isinstance(value, dict)
        value = value[key]
    return value


def test_each_figure_lists_as_many_records_as_it_counts(office: Path) -> None:
    build_year()
    found = summaries.summary(YEAR)
    for path in COUNTED:
        records = figure_records(YEAR, path)
        assert records.total == figure(found, path), path
        assert len(records.rows) == records.total and all(len(r) == len(records.headers) for r in records.rows)
    assert figure(found, ("relief", "count"))
    assert figure(found, ("model_workers", "health_checks")) and figure(found, ("model_workers", "practical_help"))


def test_the_amounts_listed_add_up_to_the_figure(office: Path) -> None:
    build_year()
    found = summaries.summary(YEAR)
    listed = figure_records(YEAR, ("relief", "amount"))
    total = sum((Decimal(row[5].replace(",", "")) for row in listed.rows), Decimal(0))
    assert total == figure(found, ("relief", "amount"))
    cases = figure_records(YEAR, ("legal_cases", "recovered"))
    assert sum((Decimal(r[6].replace(",", "")) for r in cases.rows), Decimal(0)) == figure(
        found, ("legal_cases", "recovered"))


def test_a_figure_counted_by_its_own_register_points_there(office: Path) -> None:
    assert figure_records(YEAR, ("training", "sessions")).note == NOT_LISTED
