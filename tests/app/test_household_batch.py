"""The wizard's column-at-a-time check and write of new files store what create_household stores, row for row."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from stdnum import luhn

from app import clock
from app.demo.people import make_id_number, make_mobile
from app.office import close_office, open_office
from app.progress import Cancelled
from app.registers.households import HOUSEHOLDS
from app.services import accounts, household_batch, settings
from app.services import households as hs
from app.services.household_import import BLANK_HOUSEHOLD, file_state, with_values
from app.wizard.importers import RowStatus
from app.wizard.steps import ImportWizard
from tests.app.test_household_bulk import _dump
from tests.conftest import ADMIN, TODAY
from tests.factories import make_form

D = datetime.date
COLUMNS = ("file_no", "name", "id_number", "sex", "birth_date", "phone", "address", "identity", "main_cause",
           "secondary_causes", "category", "category_reason", "ethnicity", "work_unit", "union_name",
           "head_monthly_income", "other_annual_income", "rigid_expenses", "receives_dibao", "dibao_amount",
           "card_number", "note", "filed_on", "status", "surveyed_on", "approved_on", "closed_on", "close_reason")
STATES: tuple[tuple[str | None, D | None, D | None, D | None, str | None], ...] = (
    (None, None, None, None, None), ("公示", D(2025, 3, 1), None, None, None),
    ("在档", D(2025, 3, 1), D(2025, 4, 1), None, None), ("退档", None, None, D(2025, 5, 1), "退休"),
    ("入户调查", None, None, None, None), ("申报", None, None, None, None))
ON_RECORD_MEMBER = make_form(80).members[0].id_number
CARD = "622202020011234567" + luhn.calc_check_digit("622202020011234567")


def _sheet_rows() -> list[list[object]]:
    """Forty rows as an office types them: few distinct incomes and dates, so rows share their checks."""
    rng = random.Random(4)
    rows: list[list[object]] = []
    for n in range(40):
        sex = ("男", "女")[n % 2]
        number = make_id_number(rng, D(1965 + n % 30, 1 + n % 12, 1 + n % 27), sex)
        if n == 39:
            number = ON_RECORD_MEMBER  # a member of a file on record becomes the head of a new one
        status, surveyed, approved, closed, reason = STATES[n % len(STATES)]
        income = ("600", "1200", "3000", "800.5")[n % 4]
        rows.append([
            f"2025-{900 + n:04d}" if n % 3 == 0 else None, f"张{'三四五六七'[n % 5]}{n}", number,
            sex if n % 4 else None, D(1965 + n % 30, 1 + n % 12, 1 + n % 27) if n % 5 == 1 else None,
            make_mobile(rng) if n % 6 else None, "华池县柔远镇" if n % 2 else None, ("职工", "农民工")[n % 2],
            ("下岗失业", "患重特大疾病")[n % 2], "子女上学" if n % 7 == 3 else None,
            (None, "深度困难", "相对困难", "意外致困")[n % 4], "家中有病人" if n % 4 else None,
            "汉族" if n % 3 else "回族", f"华池县{'水泥厂' if n % 2 else '纺织厂'}", "县总工会" if n % 5 else None,
            income, "1200" if n % 3 else None, "2400" if n % 8 == 0 else None, "是" if n % 9 == 0 else None,
            "320.50" if n % 9 == 0 else None, CARD if n == 7 else None,
            "住院\n第二行" if n == 11 else None, (D(2025, 3, 1), D(2025, 2, 1))[n % 2], status, surveyed, approved,
            closed, reason])
    return rows


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([HOUSEHOLDS.field(k).label for k in COLUMNS])
    for row in _sheet_rows():
        sheet.append(row)
    book.save(path)
    return path


def _open(path: Path) -> None:
    clock.fix_today(TODAY)
    open_office(path)
    accounts.create_first_admin(ADMIN[0], ADMIN[1], ADMIN[2])
    accounts.sign_in(ADMIN[0], ADMIN[2])
    settings.set_poverty_line(D(2025, 1, 1), Decimal("600"))
    settings.set_poverty_line(D(2025, 2, 15), Decimal("650"))  # rows filed on either side of it
    hs.create_household(make_form(80))  # its member is on record before the import


def _through_the_wizard(path: Path, source: Path) -> tuple[dict[str, list[tuple[Any, ...]]], list[Any]]:
    _open(path)
    try:
        wizard = ImportWizard(source, "households")
        wizard.choose_sheet()
        wizard.suggest_mapping()
        preview = wizard.check()
        assert not preview.problems, [p.describe() for p in preview.problems]
        assert preview.counts.new == 40
        wizard.confirm()
        clean = wizard.clean()
        values = [clean.values_at(at) for at in range(len(clean))]
        return _dump(), values
    finally:
        close_office()
        clock.fix_today(None)


def _one_by_one(path: Path, rows: list[Any]) -> dict[str, list[tuple[Any, ...]]]:
    _open(path)
    try:
        numbered = sorted(range(len(rows)), key=lambda at: not rows[at].get("file_no"))
        for at in numbered:
            values = rows[at]
            errors: list[Any] = []
            state = file_state(values, at, "Sheet", HOUSEHOLDS, errors)
            assert state is not None and not errors
            form = with_values(BLANK_HOUSEHOLD, values)
            hs.create_household(form, accept_warnings=True, state=state)
        return _dump()
    finally:
        close_office()
        clock.fix_today(None)


def test_the_wizard_stores_what_create_household_stores(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "在册.xlsx")
    wizard, values = _through_the_wizard(tmp_path / "a.sqlite", source)
    one_by_one = _one_by_one(tmp_path / "b.sqlite", values)
    assert len(one_by_one["household"]) == 41 and len(one_by_one["event"]) > 41
    for table in one_by_one:
        assert wizard[table] == one_by_one[table], table


def test_a_shared_problem_is_reported_on_every_row_of_its_group(office: Path, tmp_path: Path) -> None:
    settings.set_poverty_line(D(2025, 1, 1), Decimal("600"))
    rows = _sheet_rows()[:8]
    for row in rows[:4]:
        row[COLUMNS.index("filed_on")] = D(2026, 1, 1)  # after today: a finding about a value rows share
    rows[5][COLUMNS.index("sex")] = "女" if rows[5][COLUMNS.index("sex")] == "男" else "男"  # one row's own
    book = openpyxl.Workbook()
    book.active.append([HOUSEHOLDS.field(k).label for k in COLUMNS])
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "x.xlsx")
    wizard = ImportWizard(tmp_path / "x.xlsx", "households")
    preview = wizard.check()
    statuses = {r.number: r.status for r in preview.rows}
    assert [statuses[n] for n in range(2, 10)] == [RowStatus.REJECTED] * 4 + [RowStatus.NEW, RowStatus.REJECTED,
                                                                              RowStatus.NEW, RowStatus.NEW]
    found = {(p.row, p.field, p.message) for p in preview.problems}
    assert {(n, "filed_on", "不能晚于今天") for n in range(2, 6)} <= found
    assert any(row == 7 and field == "sex" and "与身份证号不符" in message for row, field, message in found)


def _schema_and_counts() -> tuple[list[tuple[Any, ...]], list[int]]:
    from db.database import database

    schema = database.execute_sql("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    counts = [database.execute_sql(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("person", "household", "household_search", "household_event")]
    return schema, counts


def test_a_large_batch_builds_the_indexes_after_its_rows(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(household_batch, "REBUILD_FROM", 1)  # forty rows count as a large batch here
    source = _workbook(tmp_path / "在册.xlsx")
    rebuilt, values = _through_the_wizard(tmp_path / "a.sqlite", source)
    assert rebuilt == _one_by_one(tmp_path / "b.sqlite", values)
    open_office(tmp_path / "a.sqlite")
    try:
        from db.database import database

        indexes = {n for (n,) in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"person_id_number", "household_file_no", "household_event_household_id"} <= indexes
        assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_office()


def test_a_cancel_after_the_indexes_were_dropped_leaves_everything_as_it_was(office: Path, tmp_path: Path,
                                                                               monkeypatch: Any) -> None:
    monkeypatch.setattr(household_batch, "REBUILD_FROM", 1)
    settings.set_poverty_line(D(2025, 1, 1), Decimal("600"))
    hs.create_household(make_form(80))
    wizard = ImportWizard(_workbook(tmp_path / "在册.xlsx"), "households")
    assert wizard.check().counts.new == 40
    before = _schema_and_counts()
    written: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        if message == "正在写入档案" and done > total // 2:
            written.append(done)
            if len(written) == 3:  # persons and households are in, their indexes not yet
                from db.database import database

                dropped = database.execute_sql("SELECT name FROM sqlite_master WHERE name = 'person_id_number'")
                assert dropped.fetchone() is None
                raise Cancelled

    with pytest.raises(Cancelled):
        wizard.confirm(progress)
    assert _schema_and_counts() == before
    from db.database import database

    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_file_entered_after_the_check_stops_the_import_with_its_row(office: Path, tmp_path: Path) -> None:
    from app.errors import ValidationError
    from db.database import database

    settings.set_poverty_line(D(2025, 1, 1), Decimal("600"))
    wizard = ImportWizard(_workbook(tmp_path / "在册.xlsx"), "households")
    assert wizard.check().counts.new == 40
    row = _sheet_rows()[6]  # sheet row 8
    hs.create_household(make_form(5, id_number=row[COLUMNS.index("id_number")], file_no=""))  # someone else, meanwhile
    with pytest.raises(ValidationError) as raised:
        wizard.confirm()
    assert [(e.row, e.field) for e in raised.value.errors] == [(8, "id_number")]
    assert "检查之后刚录入" in raised.value.errors[0].message
    assert database.execute_sql("SELECT count(*) FROM household").fetchone()[0] == 1
