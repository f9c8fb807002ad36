"""The summary (统计) of a year built through the registers' Excel import: every key of `summary --json` equals the
figure counted in the test from the rows written, for 2024, the year before, a quarter and single days at the edges."""

from __future__ import annotations

import datetime
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import cli, clock, session
from app.errors import KnownError, PermissionDenied
from app.office import close_office, open_office
from app.services import accounts
from app.services import summary as summaries
from app.session import Role, SignedIn
from tests.year_builder import ADMIN, Year, build_office
from tests.year_figures import expected

D = datetime.date
TODAY = D(2025, 6, 30)
YEAR = (D(2024, 1, 1), D(2024, 12, 31))


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Year]]:
    """One county's database holding the year, built once for the module."""
    folder = tmp_path_factory.mktemp("county")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANGFU_DATA_DIR", str(folder / "userdata"))
        yield build_office(folder)


@pytest.fixture
def office_copy(county: tuple[Path, Year], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the county's database for one test, open with the administrator signed in."""
    path = Path(shutil.copy(county[0], tmp_path / "office.sqlite"))
    monkeypatch.setenv("BANGFU_USER", ADMIN[0])
    monkeypatch.setenv("BANGFU_PASSWORD", ADMIN[2])
    clock.fix_today(TODAY)
    open_office(path)
    accounts.sign_in(ADMIN[0], ADMIN[2])
    try:
        yield path
    finally:
        session.set_current(None)
        close_office()
        clock.fix_today(None)


def summary_json(path: Path, start: D, end: D, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    code = cli.main(["summary", "--db", str(path), "--from", start.isoformat(), "--to", end.isoformat(), "--json",
                     *extra])
    out = capsys.readouterr().out
    assert code == 0, out
    found = json.loads(out)
    assert isinstance(found, dict)
    return found


def differences(found: object, wanted: object, where: str = "") -> list[str]:
    """Every key whose value differs (or is missing, or is extra), as path: found != wanted."""
    if isinstance(found, dict) and isinstance(wanted, dict):
        lines = [f"{where}.{k}: extra key" for k in found.keys() - wanted.keys()]
        lines += [f"{where}.{k}: missing" for k in wanted.keys() - found.keys()]
        for key in found.keys() & wanted.keys():
            lines += differences(found[key], wanted[key], f"{where}.{key}")
        return lines
    same = found == wanted and type(found) is type(wanted)
    return [] if same else [f"{where}: {found!r} != {wanted!r}"]


def assert_same(found: object, wanted: object) -> None:
    wrong = differences(found, wanted)
    assert not wrong, "\n".join(sorted(wrong))


def test_every_figure_of_the_year_and_the_year_before_equals_the_records(
        county: tuple[Path, Year], office_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    close_office()
    found = summary_json(office_copy, *YEAR, capsys, "--with-previous")
    year = county[1]
    previous = found.pop("previous_year")
    assert list(found) == ["households", "relief", "petitions", "legal_cases", "training", "employment", "loans",
                           "pairings", "mutual_aid", "model_workers", "funds"]
    assert_same(found, expected(year, *YEAR))
    assert_same(previous, expected(year, D(2023, 1, 1), D(2023, 12, 31)))
    # The figures a report quotes, by hand: 13 files on record at the end of 2024, 5 new, 4 closed;
    # 追回 705,000 元 (the 2023 case closed in 2024 counts in 2024); a payment out of a fund for a 劳模 visit is
    # money out.
    households, legal = found["households"], found["legal_cases"]
    assert isinstance(households, dict) and isinstance(legal, dict)
    assert (households["active_end"], households["new"], households["closed"]) == (13, 5, 4)
    assert legal["recovered"] == "705000.00"


@pytest.mark.parametrize("start, end", [
    (D(2024, 1, 1), D(2024, 3, 31)),      # a quarter
    (D(2024, 12, 31), D(2024, 12, 31)),   # the last day alone
    (D(2025, 1, 1), D(2025, 6, 30)),      # this year so far
    (D(2021, 1, 1), D(2025, 6, 30)),      # everything
    (D(2019, 1, 1), D(2020, 12, 31)),     # before any record: every group still there, with 0
])
def test_any_period_and_its_edges(county: tuple[Path, Year], office_copy: Path, start: D, end: D) -> None:
    found = summaries.to_jsonable(summaries.summary(summaries.Period(start, end)))
    assert_same(found, expected(county[1], start, end))


def test_the_year_earlier_and_the_presets(office_copy: Path) -> None:
    period = summaries.Period(D(2024, 2, 29), D(2024, 12, 31))
    assert period.year_earlier() == summaries.Period(D(2023, 2, 28), D(2023, 12, 31))
    presets = summaries.presets(D(2025, 5, 20))
    assert presets["本季度"] == summaries.Period(D(2025, 4, 1), D(2025, 6, 30))
    assert presets["上年"] == summaries.Period(D(2024, 1, 1), D(2024, 12, 31))
    compared = summaries.compare(summaries.Period(*YEAR))
    assert compared.previous == summaries.summary(summaries.Period(D(2023, 1, 1), D(2023, 12, 31)))
    with pytest.raises(KnownError, match="结束日期不能早于开始日期"):
        summaries.Period(D(2024, 2, 1), D(2024, 1, 1))


def test_figures_need_only_the_right_to_view(office_copy: Path) -> None:
    session.set_current(SignedIn(99, "viewer", "只读", Role.VIEWER))
    assert summaries.summary(summaries.Period(*YEAR))["relief"]
    session.set_current(None)
    with pytest.raises(PermissionDenied):
        summaries.summary(summaries.Period(*YEAR))
