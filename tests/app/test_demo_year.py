"""The demo's year of work: `python -m app demo` then `summary --json` for the report year gives every figure
of the seed report (app/demo/targets.SEED_FIGURES), whichever side of 1 September the demo is made on."""

from __future__ import annotations

import contextlib
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from app import cli, clock
from app.demo import county
from app.demo.report_year import ReportYear
from app.demo.targets import SEED_FIGURES, SeedFigure, figure_of
from app.office import close_office, open_office
from app.services import accounts, audit
from db.models import AuditRecord, Pairing, PairingAid

pytestmark = pytest.mark.slow
D = datetime.date
Built = tuple[Path, int, dict[str, object]]
# Before 1 September the report year is last year (and this year's first months follow it in the register);
# from 1 September on it is the current year, its last weeks not yet come.
TODAYS = (D(2025, 6, 30), D(2025, 11, 20))


@pytest.fixture(scope="module", params=TODAYS, ids=str)
def demo_year(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo database made on that day, as the command makes it, and the report year's summary JSON."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    year = ReportYear.of(request.param).year
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        monkeypatch.setenv("BANGFU_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
        monkeypatch.setenv("BANGFU_USER", "admin")
        monkeypatch.setenv("BANGFU_PASSWORD", "admin1234")
        clock.fix_today(request.param)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli.main(["demo", "--db", str(path)]) == 0
            with contextlib.redirect_stdout(out):
                assert cli.main(["summary", "--db", str(path), "--from", f"{year}-01-01", "--to", f"{year}-12-31",
                                 "--json", "--with-previous"]) == 0
        finally:
            clock.fix_today(None)
    return path, year, json.loads(out.getvalue())


@pytest.mark.parametrize("figure", SEED_FIGURES, ids=lambda f: f.quote[:20])
def test_the_summary_gives_the_seed_figure(demo_year: Built, figure: SeedFigure) -> None:
    assert figure_of(demo_year[2], figure) == figure.value, (figure.where, figure.quote, ".".join(figure.path))


def test_the_year_before_has_each_line_too_and_no_more(demo_year: Built) -> None:
    before = demo_year[2]["previous_year"]
    assert isinstance(before, dict)
    for figure in SEED_FIGURES:
        if figure.growth or "by_status_end" in figure.path:   # a retirement moves one from 在职 to 退休
            continue
        then = figure_of(before, figure)
        assert 0 < Decimal(then) <= Decimal(figure.value), (figure.quote, then)


def test_the_year_was_entered_through_the_services_in_time_order(demo_year: Built) -> None:
    path, year, _summary = demo_year
    open_office(path)
    try:
        assert audit.verify_chain() == []
        clerk = list(AuditRecord.select().where(AuditRecord.username == "jingban").order_by(AuditRecord.id))
        assert len(clerk) > 5000
        times = [datetime.datetime.fromisoformat(r.at) for r in clerk]
        assert times == sorted(times) and all(8 <= t.hour < 18 for t in times)
        assert times[0].year == year - 1 and times[-1].year == year
        kinds = {r.target_kind for r in clerk}
        assert {"fund", "campaign", "relief", "petition", "legal_case", "training_session", "trainee", "placement",
                "referral", "loan", "pairing", "pairing_aid", "mutual_aid", "mutual_aid_claim",
                "model_worker"} <= kinds, kinds
    finally:
        close_office()


def test_the_union_cadres_own_pairings(demo_year: Built) -> None:
    """篇五: 其中县总工会14名干部职工为帮扶的14名特困职工帮扶资金（物品）1.4万元 (no summary figure per unit)."""
    path, year, _summary = demo_year
    first, last = D(year, 1, 1), D(year, 12, 31)
    open_office(path)
    try:
        union = [p.id for p in Pairing.select().where(
            Pairing.cadre_unit == "县总工会", Pairing.start_date <= last,
            Pairing.end_date.is_null(True) | (Pairing.end_date >= first))]
        given = [a.amount for a in PairingAid.select().where(
            PairingAid.pairing.in_(union), PairingAid.on_date.between(first, last),
            PairingAid.kind.in_(("资金", "物品")))]
        assert len(union) == 14 and sum(given, Decimal(0)) == Decimal("14000.00")
    finally:
        close_office()


def test_the_command_line_default_is_the_full_county() -> None:
    assert cli.DEMO_HOUSEHOLDS == county.DEFAULT_HOUSEHOLDS
