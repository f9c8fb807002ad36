"""The records behind a figure of the summary: as many as the figure counts, and the amounts add up to it."""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from app import clock, session
from app.office import close_office, open_office
from app.services import accounts
from app.services import summary as summaries
from app.services.summary_records import NOT_LISTED, FigureRecords, figure_records
from tests.app.test_summary_draft import YEAR, build_year
from tests.year_builder import ADMIN, Year, build_office

D = datetime.date
FULL_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
# The registers' sections: every figure of them lists its records.
REGISTERS = ("training", "employment", "loans", "pairings", "mutual_aid")
# Figures that add up a quantity (aid given in pieces): the 数量 column adds up to them.
SUMMED = {("pairings", "projects"), ("pairings", "job_info"), ("pairings", "legal_help")}

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


def leaves(value: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The paths of every figure under `path` (a group's names included, zero or not)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, (*path, key))
    else:
        yield path


def column(records: FigureRecords, header: str) -> list[str]:
    at = records.headers.index(header)
    return [row[at] for row in records.rows]


def check_register_figures(period: summaries.Period) -> dict[tuple[str, ...], FigureRecords]:
    """Every figure of the registers' sections for the period: as many records as it counts (or, for a
    quantity, the 数量 adding up to it), amounts adding up to it, no full ID number shown."""
    found = summaries.summary(period)
    listed = {}
    for section in REGISTERS:
        for path in leaves(found[section], (section,)):
            value, records = figure(found, path), figure_records(period, path)
            where = (period.describe(), path)
            assert records.title and records.headers and not records.note, where
            assert len(records.rows) == records.total and all(len(r) == len(records.headers) for r in records.rows)
            if isinstance(value, Decimal):
                assert sum((Decimal(v.replace(",", "")) for v in column(records, "金额")), Decimal(0)) == value, where
            elif path in SUMMED:
                assert sum(int(v) for v in column(records, "数量")) == value, where
            else:
                assert records.total == value, where
            shown = " ".join(cell for row in records.rows for cell in row)
            assert not FULL_ID.search(shown), where
            listed[path] = records
    return listed


def test_every_figure_of_the_registers_lists_its_records(office: Path) -> None:
    build_year()
    listed = check_register_figures(YEAR)
    found = summaries.summary(YEAR)
    for path in (("training", "sessions"), ("training", "trainees"), ("training", "by_group", "农民工"),
                 ("employment", "placements"), ("employment", "referrals"), ("loans", "women_amount"),
                 ("pairings", "households"), ("pairings", "job_info"), ("pairings", "aid_amount"),
                 ("mutual_aid", "enrolled"), ("mutual_aid", "claims_amount")):
        assert figure(found, path), path     # the year has records behind each of these
    assert column(listed[("training", "by_group", "农民工")], "姓名") == ["学员4", "学员5"]
    assert column(listed[("pairings", "job_info")], "数量") == ["3"]   # one record of three pieces
    assert all("*" in number for number in column(listed[("loans", "count")], "身份证号"))


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Year]]:
    """The year built through the registers' Excel import (tests/year_builder.py), once for the module."""
    folder = tmp_path_factory.mktemp("county")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANGFU_DATA_DIR", str(folder / "userdata"))
        yield build_office(folder)


def test_the_records_follow_the_summarys_rules_at_the_edges(county: tuple[Path, Year], tmp_path: Path) -> None:
    """Sessions, placements, loans and claims on a period's first and last day; pairings running across it or
    ended in it; a household paired twice and a person enrolled in two plans counted once."""
    clock.fix_today(D(2025, 6, 30))
    open_office(Path(shutil.copy(county[0], tmp_path / "office.sqlite")))
    accounts.sign_in(ADMIN[0], ADMIN[2])
    try:
        for start, end in ((D(2024, 1, 1), D(2024, 12, 31)), (D(2024, 1, 1), D(2024, 3, 31)),
                           (D(2024, 12, 31), D(2024, 12, 31)), (D(2023, 12, 31), D(2023, 12, 31)),
                           (D(2025, 1, 1), D(2025, 6, 30))):
            check_register_figures(summaries.Period(start, end))
        paired = figure_records(summaries.Period(D(2024, 1, 1), D(2024, 12, 31)), ("pairings", "households"))
        assert "2" in column(paired, "结对数")   # the household paired by two cadres is one row
    finally:
        session.set_current(None)
        close_office()
        clock.fix_today(None)


def test_a_figure_with_no_records_of_its_own_points_to_its_tab(office: Path) -> None:
    assert figure_records(YEAR, ("funds", "balance_end")).note == NOT_LISTED
