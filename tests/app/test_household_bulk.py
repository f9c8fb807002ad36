"""The import's bulk writer stores exactly what create_household stores, row for row."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

from app import clock
from app.office import close_office, open_office
from app.services import accounts, household_bulk
from app.services import households as hs
from app.services.household_forms import FileState, HouseholdForm, MemberForm
from app.services.household_rules import check_household
from db.database import database
from tests.app.test_exchange import _varied_form
from tests.conftest import ADMIN, TODAY
from tests.factories import make_form

D = datetime.date
STATES = [FileState("申报"), FileState("公示", surveyed_on=D(2025, 3, 1)),
          FileState("在档", approved_on=D(2025, 4, 1), surveyed_on=D(2025, 3, 1), notice_start=D(2025, 3, 10),
                    notice_end=D(2025, 3, 16)),
          FileState("退档", closed_on=D(2025, 5, 1), close_reason="退休"), FileState("入户调查")]
SKIP = {"id", "head_id", "household_id", "person_id", "created_at", "updated_at"}


def _forms() -> list[tuple[HouseholdForm, FileState | None]]:
    forms: list[Any] = [_varied_form(n) for n in range(1, 13)]
    forms = [dataclasses.replace(f, file_no="" if n % 3 == 0 else f.file_no) for n, f in enumerate(forms)]
    # a head who is also a member of another file in the batch, and a head already on record as a member
    shared = MemberForm(name=forms[1].name, relation="子女", id_number=forms[1].id_number)
    forms.append(dataclasses.replace(make_form(90, file_no=""), members=(shared,)))
    forms.append(make_form(91, id_number=make_form(80).members[0].id_number, name="早在册"))
    return [(form, STATES[n % len(STATES)]) for n, form in enumerate(forms)]


def _dump() -> dict[str, list[tuple[Any, ...]]]:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        cursor = database.execute_sql(sql)
        names = [d[0] for d in cursor.description]
        kept = [tuple(v for k, v in zip(names, row, strict=True) if k not in SKIP) for row in cursor]
        return sorted(kept, key=repr)

    return {
        "household": rows("SELECT h.*, p.id_number AS head FROM household h JOIN person p ON p.id = h.head_id"),
        "person": rows("SELECT * FROM person"),
        "member": rows("SELECT m.*, h.file_no, p.id_number FROM family_member m JOIN household h "
                       "ON h.id = m.household_id JOIN person p ON p.id = m.person_id"),
        "event": rows("SELECT e.*, h.file_no FROM household_event e JOIN household h ON h.id = e.household_id"),
        "search": rows("SELECT s.text, h.file_no FROM household_search s JOIN household h ON h.id = s.household_id"),
    }


def _build(path: Path, bulk: bool) -> dict[str, list[tuple[Any, ...]]]:
    clock.fix_today(TODAY)
    open_office(path)
    try:
        accounts.create_first_admin(ADMIN[0], ADMIN[1], ADMIN[2])
        accounts.sign_in(ADMIN[0], ADMIN[2])
        hs.create_household(make_form(80))  # its member is on record before the batch
        batch = sorted(_forms(), key=lambda item: not item[0].file_no)  # as the import orders them
        if bulk:
            checked = [(check_household(form), state) for form, state in batch]
            with database.atomic("IMMEDIATE"):
                assert household_bulk.taken_meanwhile(checked) == []
                household_bulk.create_imported(checked)
        else:
            for form, state in batch:
                hs.create_household(form, accept_warnings=True, state=state)
        return _dump()
    finally:
        close_office()
        clock.fix_today(None)


def test_bulk_and_one_by_one_store_the_same_rows(tmp_path: Path) -> None:
    one_by_one = _build(tmp_path / "a.sqlite", bulk=False)
    bulk = _build(tmp_path / "b.sqlite", bulk=True)
    assert len(one_by_one["household"]) == 15 and len(one_by_one["event"]) > 15
    for table in one_by_one:
        assert bulk[table] == one_by_one[table], table


def test_a_file_entered_meanwhile_is_caught_inside_the_transaction(office: Path) -> None:
    form = make_form(5, file_no="2025-0500")
    checked = [(check_household(form), None)]
    hs.create_household(dataclasses.replace(form, file_no="2025-0500"))  # someone else, after the check
    with database.atomic("IMMEDIATE"):
        found = household_bulk.taken_meanwhile(checked)
    assert {problem.field for _index, problem in found} == {"id_number", "file_no"}


def test_lookups_take_any_number_of_values_in_one_query(office: Path) -> None:
    hs.create_household(make_form(1))
    on_record = make_form(1).id_number
    sql = "SELECT id_number FROM person WHERE id_number IN ({})"
    many = [f"{n:018d}" for n in range(1200)] + [on_record, on_record]
    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    try:
        assert household_bulk.select_in(sql, many) == [(on_record,)]  # past CHUNK: one JSON array
        assert household_bulk.select_in(sql, [on_record, "x"]) == [(on_record,)]  # a few: parameters
        assert household_bulk.select_in(sql, []) == []
    finally:
        database.connection().set_trace_callback(None)
    assert len(statements) == 3 and "NOT EXISTS" in statements[0] and "json_each" in statements[1]


def test_a_lookup_in_an_empty_table_sends_no_values(office: Path) -> None:
    many = [f"{n:018d}" for n in range(1200)]
    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    try:
        assert household_bulk.select_in("SELECT h.id FROM household h JOIN person p ON h.head_id = p.id "
                                         "WHERE p.id_number IN ({})", many) == []
        counted = household_bulk.select_in("SELECT COUNT(*) FROM household WHERE file_no IN ({})", many)
    finally:
        database.connection().set_trace_callback(None)
    assert counted == [(0,)]  # an aggregate gives a row even from an empty table: asked as it is
    assert len(statements) == 2 and "NOT EXISTS" in statements[0] and "json_each" in statements[1]
