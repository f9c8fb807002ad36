"""The demo county: same seed same data, every status, rare characters, data the services accept."""

from __future__ import annotations

import datetime
import itertools
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from stdnum import luhn

from app import clock, session
from app.demo import county
from app.demo.names import POLYPHONIC_SURNAMES, RARE_CHARACTERS
from app.errors import KnownError
from app.office import close_office, open_office
from app.progress import Cancelled
from app.services import household_search as q
from app.services import households as hs
from app.services import lifecycle as lc
from app.services import settings
from app.services.household_rules import check_household, derive
from app.session import Role, SignedIn
from app.validation import check_id_number, check_mobile
from app.vocab import WITHDRAW_REASONS, FileStatus
from db.models import FamilyMember, Household, HouseholdEvent, HouseholdSearch, Person
from tests.conftest import TODAY

TABLES = ("person", "household", "family_member", "household_event", "household_search", "poverty_line",
          "setting")


def _build(path: Path, households: int = 650, seed: int = 1) -> county.DemoSummary:
    clock.fix_today(TODAY)
    open_office(path)
    try:
        return county.make_demo(households=households, seed=seed)
    finally:
        close_office()
        clock.fix_today(None)


def _export(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in TABLES}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, county.DemoSummary]:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    return path, _build(path)


@pytest.fixture
def demo(demo_file: tuple[Path, county.DemoSummary]) -> Iterator[county.DemoSummary]:
    """The seed-1, 650-household county, opened with today fixed at 2025-06-30."""
    clock.fix_today(TODAY)
    open_office(demo_file[0])
    session.set_current(SignedIn(0, "admin", "测试员", Role.ADMIN))
    try:
        yield demo_file[1]
    finally:
        session.set_current(None)
        close_office()
        clock.fix_today(None)


def test_same_seed_gives_identical_tables_and_another_seed_does_not(
        demo_file: tuple[Path, county.DemoSummary], tmp_path: Path) -> None:
    again, other = tmp_path / "again.sqlite", tmp_path / "other.sqlite"
    _build(again)
    _build(other, seed=2)
    first = _export(demo_file[0])
    assert first == _export(again)
    assert first["person"] != _export(other)["person"]


def test_summary_counts_equal_the_database(demo: county.DemoSummary) -> None:
    assert demo.households == Household.select().count() == 650
    assert demo.members == FamilyMember.select().count()
    assert demo.by_status == q.status_counts()
    text = demo.describe()
    assert text.startswith("650 户档案、") and f"{demo.members:,} 名家庭成员" in text and "在档" in text


def test_every_status_and_every_work_queue_occurs(demo: county.DemoSummary) -> None:
    assert all(count > 0 for count in demo.by_status.values()), demo.by_status
    assert demo.by_status["在档"] > 0.6 * demo.households
    queues = q.queue_counts()
    # The county's electronic register began in 2019: no closed file has yet been kept ten years.
    assert queues.pop(q.Queue.PAST_RETENTION) == 0
    assert all(count > 0 for count in queues.values()), queues
    notices = list(Household.select().where(Household.status == FileStatus.ON_NOTICE))
    ends = [h.notice_end for h in notices if h.notice_end is not None]
    assert len(ends) == len(notices) and min(ends) < TODAY <= max(ends)
    reasons = {h.close_reason for h in Household.select().where(Household.status == FileStatus.WITHDRAWN)}
    assert reasons == set(WITHDRAW_REASONS)
    assert any(h.last_recheck_on for h in Household.select().where(Household.status == FileStatus.ACTIVE))
    this_year = q.count(q.HouseholdQuery(filed_year=TODAY.year))
    assert 20 <= this_year <= 150
    assert min(q.filed_years()) == 2019


def test_categories_identities_and_causes_in_realistic_proportions(demo: county.DemoSummary) -> None:
    rows = list(Household.select())
    share = {k: v / len(rows) for k, v in Counter(h.category for h in rows).items()}
    assert 0.28 < share["深度困难"] < 0.42 and 0.47 < share["相对困难"] < 0.62 and 0.05 < share["意外致困"] < 0.15
    migrants = sum(h.identity == "农民工" for h in rows) / len(rows)
    assert 0.10 < migrants < 0.20
    causes = Counter(h.main_cause for h in rows)
    assert causes.most_common(1)[0][0] == "患重特大疾病" and len(causes) == 10
    assert any(len(h.secondary_causes.split("、")) == 3 for h in rows)
    assert any(h.housing_area is not None and h.housing_area / h.household_size < 15 for h in rows)
    assert any(h.receives_dibao for h in rows) and any(h.card_number for h in rows)
    assert {h.household_size for h in rows} == set(range(1, 8))
    assert 3 <= len({h.filed_by for h in rows} | {h.reviewed_by for h in rows if h.reviewed_by}) <= 5
    assert settings.office_name() == "华池县总工会困难职工帮扶中心"
    assert settings.poverty_line_on(datetime.date(2025, 3, 1)) == 720


def test_rare_characters_are_in_names_and_the_survey_queue(demo: county.DemoSummary) -> None:
    names = [p.name for p in Person.select(Person.name)]
    for char in RARE_CHARACTERS:
        assert any(char in name for name in names), char
    assert any("\U0002020c" in n for n in names) and ord("\U0002020c") > 0xFFFF
    heads = {p.name[0] for p in Person.select().join(Household, on=(Household.head == Person.id))}
    assert set(POLYPHONIC_SURNAMES) <= heads
    due = q.search_ids(q.HouseholdQuery(queue=q.Queue.SURVEY_DUE))
    due_names = [d.form.name for d in hs.get_households(due) if d.status == FileStatus.REVIEWED]
    assert any("\U0002020c" in n for n in due_names) and any("堃" in n for n in due_names)


def test_every_id_number_is_valid_unique_and_matches_the_person(demo: county.DemoSummary) -> None:
    numbers = []
    for person in Person.select():
        assert person.name.strip() and person.sex in ("男", "女") and person.birth_date is not None
        assert person.birth_date <= TODAY
        if person.phone:
            check_mobile(person.phone)
        if person.id_number is None:
            continue
        info = check_id_number(person.id_number)
        assert (info.sex, info.birth_date) == (person.sex, person.birth_date), person.name
        numbers.append(person.id_number)
    assert len(numbers) == len(set(numbers)) > 0.95 * Person.select().count()
    assert all(luhn.is_valid(h.card_number) for h in Household.select() if h.card_number)


def test_every_file_passes_the_services_checks_and_keeps_derived_figures(demo: county.DemoSummary) -> None:
    ids = [h.id for h in Household.select(Household.id).order_by(Household.id)]
    for household_id in ids:
        detail = hs.get_household(household_id, reveal=True)
        result = check_household(detail.form, household_id=household_id)
        assert not result.errors, (detail.form.file_no, result.errors)
        row = Household.get_by_id(household_id)
        derived = derive(detail.form, settings.poverty_line_on(row.filed_on))
        assert (row.household_size, row.annual_income, row.per_capita_monthly) == (
            derived.household_size, derived.annual_income, derived.per_capita_monthly)
        assert result.derived.suggested_category == row.category or row.category_reason
        assert hs.search_text(detail.form.name, detail.form.id_number, detail.form.phone, detail.form.work_unit,
                              row.file_no) == HouseholdSearch.get_by_id(household_id).text


def test_histories_follow_the_lifecycle_rules(demo: county.DemoSummary) -> None:
    events: dict[int, list[HouseholdEvent]] = {}
    for event in HouseholdEvent.select().order_by(HouseholdEvent.id):
        events.setdefault(event.household_id, []).append(event)
    for row in Household.select():
        steps = events[row.id]
        days = [e.on_date for e in steps]
        assert days == sorted(days) and days[-1] <= TODAY and days[0] == row.filed_on
        assert [e.created_at for e in steps] == sorted(e.created_at for e in steps)
        assert steps[-1].status_after == row.status and row.status_since == days[-1]
        assert (row.created_at, row.updated_at) == (steps[0].created_at, steps[-1].created_at)
        for before, after in itertools.pairwise(steps):
            sources, target = lc.TRANSITIONS[lc.A(after.action)]
            assert before.status_after in sources and after.status_after == target, row.file_no
        if row.notice_start:
            assert row.notice_end == row.notice_start + datetime.timedelta(days=6)
        if row.approved_on:
            assert row.surveyed_on and row.notice_end and row.notice_end < row.approved_on


def test_demo_files_carry_on_through_the_lifecycle_services(office: Path) -> None:
    county.make_demo(households=60, seed=3)
    ended = q.search_ids(q.HouseholdQuery(queue=q.Queue.NOTICE_ENDED))
    lc.apply_step(ended[0], lc.StepRequest(lc.A.APPROVE, TODAY))
    reviewed = q.search_ids(q.HouseholdQuery(status=FileStatus.REVIEWED))
    lc.apply_step(reviewed[0], lc.StepRequest(lc.A.SURVEY, TODAY))
    detail = hs.get_household(reviewed[0], reveal=True)
    hs.update_household(detail.id, detail.form)
    assert hs.get_household(ended[0], reveal=True).status == FileStatus.ACTIVE


def test_a_database_with_files_is_refused(demo: county.DemoSummary) -> None:
    with pytest.raises(KnownError, match="已有 650 户档案"):
        county.make_demo(households=10)
    assert Household.select().count() == 650


def test_cancelling_leaves_the_database_empty(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(county, "CHUNK", 40)
    calls: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        calls.append(done)
        if len(calls) == 2:
            raise Cancelled()

    with pytest.raises(Cancelled):
        county.make_demo(households=120, progress=progress)
    assert calls == [40, 80]
    assert Household.select().count() == Person.select().count() == HouseholdEvent.select().count() == 0
    summary = county.make_demo(households=120, progress=lambda done, total, message: calls.append(done))
    assert calls[-1] == 120 and summary.households == Household.select().count() == 120


def test_every_rare_character_occurs_even_in_a_small_county(office: Path) -> None:
    county.make_demo(households=12, seed=5)
    names = "".join(p.name for p in Person.select(Person.name))
    assert all(char in names for char in RARE_CHARACTERS)
