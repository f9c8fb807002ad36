"""Bulk reading of hardship files as register rows (dicts keyed by field key) for the Excel export.

One joined query per register, streamed, instead of get_household() per file: the derived
figures are the columns the household service stores on every save.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import peewee

from app.services.household_detail import HEAD_PERSON_FIELDS, HOUSEHOLD_COLUMNS, MEMBER_COLUMNS, PERSON_FIELDS
from app.services.household_forms import HouseholdForm, MemberForm
from db.database import dicts
from db.models import FamilyMember, Household, Person

CENT = Decimal("0.01")
ID_CHUNK = 500  # ids per IN (...) list: far below SQLite's limit on bound variables
MULTI_COLUMNS = ("secondary_causes", "attachments")
STORED_HOUSEHOLD = (*HOUSEHOLD_COLUMNS, *MULTI_COLUMNS, "file_no", "household_size", "annual_income",
                    "per_capita_monthly", "filed_on", "status", "status_since", "approved_on",
                    "last_recheck_on", "closed_on", "close_reason", "surveyed_on", "notice_start",
                    "notice_end")

Head = Person.alias("head")
# Text the forms hold as "" when blank (stored as NULL): the rows match HouseholdDetail.register_values().
BLANK_TEXT = {f.name for f in dataclasses.fields(HouseholdForm) if f.default == ""}
BLANK_MEMBER_TEXT = {f.name for f in dataclasses.fields(MemberForm) if f.default == ""}


def _household_columns() -> dict[str, Any]:
    columns: dict[str, Any] = {"_id": Household.id, "name": Person.name, "id_number": Person.id_number}
    columns.update({k: getattr(Person, k) for k in HEAD_PERSON_FIELDS})
    columns.update({k: getattr(Household, k) for k in STORED_HOUSEHOLD})
    return columns


def _member_columns() -> dict[str, Any]:
    columns: dict[str, Any] = {"_household": Household.id, "head_id_number": Head.id_number,
                               "head_name": Head.name, "name": Person.name, "id_number": Person.id_number}
    columns.update({k: getattr(Person, k) for k in PERSON_FIELDS})
    columns.update({k: getattr(FamilyMember, k) for k in MEMBER_COLUMNS})
    return columns


def _select(model: type[peewee.Model], columns: dict[str, Any]) -> Any:
    return model.select(*(column.alias(key) for key, column in columns.items()))


def exported_keys() -> tuple[set[str], set[str]]:
    """The field keys the bulk rows fill, for households and for members (checked by a test)."""
    households = set(_household_columns()) - {"_id"} | {"area_per_capita"}
    return households, set(_member_columns()) - {"_household"}


def _household_row(row: dict[str, Any]) -> dict[str, object]:
    for key in BLANK_TEXT:
        row[key] = row[key] or ""
    for key in MULTI_COLUMNS:
        row[key] = tuple(x for x in (row[key] or "").split("、") if x)
    area = row["housing_area"]
    size = row["household_size"] or 1
    row["area_per_capita"] = None if area is None else (area / size).quantize(CENT, rounding=ROUND_HALF_UP)
    return row


def _member_row(row: dict[str, Any]) -> dict[str, object]:
    for key in BLANK_MEMBER_TEXT:
        row[key] = row[key] or ""
    return row


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start:start + ID_CHUNK]


def _in_given_order(rows: list[dict[str, Any]], key: str, ids: Sequence[int]) -> list[dict[str, Any]]:
    position = {i: n for n, i in enumerate(ids)}
    return sorted(rows, key=lambda r: position[r[key]])


def household_count(ids: Sequence[int] | None) -> int:
    if ids is None:
        return int(Household.select().count())
    return sum(int(Household.select().where(Household.id.in_(list(c))).count()) for c in _chunks(ids))


def member_count(ids: Sequence[int] | None) -> int:
    if ids is None:
        return int(FamilyMember.select().count())
    return sum(int(FamilyMember.select().where(FamilyMember.household.in_(list(c))).count())
               for c in _chunks(ids))


def household_rows(ids: Sequence[int] | None = None) -> Iterator[dict[str, object]]:
    """Every file (ordered by 档案编号), or the given ones in the given order, as register values."""
    query = _select(Household, _household_columns()).join(Person, on=(Household.head == Person.id))
    if ids is None:
        for row in dicts(query.order_by(Household.file_no)):
            yield _household_row(row)
        return
    for chunk in _chunks(ids):
        rows = list(dicts(query.where(Household.id.in_(list(chunk)))))
        for row in _in_given_order(rows, "_id", chunk):
            yield _household_row(row)


def member_rows(ids: Sequence[int] | None = None) -> Iterator[dict[str, object]]:
    """The members of those files, grouped by file in the same order as household_rows()."""
    query = (
        _select(FamilyMember, _member_columns())
        .join(Person, on=(FamilyMember.person == Person.id))
        .switch(FamilyMember).join(Household, on=(FamilyMember.household == Household.id))
        .join(Head, on=(Household.head == Head.id)))
    if ids is None:
        for row in dicts(query.order_by(Household.file_no, FamilyMember.sort_order, FamilyMember.id)):
            yield _member_row(row)
        return
    for chunk in _chunks(ids):
        rows = list(dicts(query.where(Household.id.in_(list(chunk)))
                          .order_by(FamilyMember.sort_order, FamilyMember.id)))
        for row in _in_given_order(rows, "_household", chunk):
            yield _member_row(row)
