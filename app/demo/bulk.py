"""Writing demo files straight into the tables, row for row what households._write and apply_step store."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee

from app.demo.history import Timeline
from app.pinyin import sort_key
from app.services.household_detail import HEAD_PERSON_FIELDS, HOUSEHOLD_COLUMNS, MEMBER_COLUMNS, PERSON_FIELDS
from app.services.household_forms import Derived, HouseholdForm, MemberForm
from app.services.households import (
    search_text,
)
from db.database import database
from db.fields import CentsField, to_cents
from db.models import BaseModel, FamilyMember, Household, HouseholdEvent, HouseholdSearch, Person

PERSON_COLUMNS = ("id", "name", "id_number", "name_pinyin", *HEAD_PERSON_FIELDS, "created_at", "updated_at")
HOUSEHOLD_ROW = (
    "id", "file_no", "head_id", *HOUSEHOLD_COLUMNS, "secondary_causes", "attachments", "household_size",
    "annual_income", "per_capita_monthly", "status", "status_since", "filed_on", "approved_on",
    "last_recheck_on", "surveyed_on", "notice_start", "notice_end", "closed_on", "close_reason",
    "created_at", "updated_at",
)
MEMBER_ROW = ("id", "household_id", "person_id", *MEMBER_COLUMNS, "sort_order")
EVENT_ROW = ("id", "household_id", "on_date", "action", "status_after", "by_name", "note", "created_at")
SEARCH_ROW = ("household_id", "text")
# Columns the services store as None when the form leaves them blank ("" → None).
OR_NONE = ("category_reason", "bank_name", "bank_branch", "hardship_cert_no", "filed_by", "reviewed_by",
           "entered_by")


@dataclass(frozen=True)
class FirstIds:
    """The next free id of each table (the demo writes explicit ids so rows can refer to each other)."""

    person: int
    household: int
    member: int
    event: int

    @classmethod
    def read(cls) -> FirstIds:
        def after(model: type[BaseModel]) -> int:
            top = model.select(peewee.fn.MAX(model._meta.primary_key)).scalar()
            return int(top or 0) + 1

        return cls(after(Person), after(Household), after(FamilyMember), after(HouseholdEvent))


@dataclass
class Batch:
    """Rows for a chunk of households, in insertion order, with the next ids to hand out."""

    next_person: int
    next_member: int
    next_event: int
    sort_keys: dict[str, str]   # name → pinyin sort key, shared by all batches (names repeat a lot)
    persons: list[tuple[Any, ...]] = field(default_factory=list)
    households: list[tuple[Any, ...]] = field(default_factory=list)
    members: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    searches: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, household_id: int, form: HouseholdForm, derived: Derived, timeline: Timeline) -> None:
        """One file: head, household row, search text, members and its history."""
        created, updated = timeline.created_at, timeline.updated_at
        head_id = self._person(form.name, form.id_number, [getattr(form, k) for k in HEAD_PERSON_FIELDS],
                               created, updated)
        values = {k: _blank_none(getattr(form, k)) for k in HOUSEHOLD_COLUMNS}
        values.update({k: getattr(form, k) or None for k in OR_NONE})
        values["note"] = form.note
        values.update(
            id=household_id, file_no=form.file_no, head_id=head_id,
            secondary_causes="、".join(form.secondary_causes), attachments="、".join(form.attachments),
            household_size=derived.household_size, annual_income=derived.annual_income,
            per_capita_monthly=derived.per_capita_monthly, status=str(timeline.fate.status),
            status_since=timeline.status_since, filed_on=timeline.filed_on, approved_on=timeline.approved_on,
            last_recheck_on=timeline.last_recheck_on, surveyed_on=timeline.surveyed_on,
            notice_start=timeline.notice_start, notice_end=timeline.notice_end, closed_on=timeline.closed_on,
            close_reason=timeline.close_reason, created_at=created, updated_at=updated)
        self.households.append(tuple(values[k] for k in HOUSEHOLD_ROW))
        self.searches.append((household_id, search_text(form.name, form.id_number, form.phone, form.work_unit,
                                                        form.file_no)))
        for order, member in enumerate(form.members):
            self._member(household_id, order, member, created, updated)
        for step in timeline.steps:
            self.events.append((self.next_event, household_id, step.on_date, str(step.action),
                                str(step.status_after), step.by_name, step.note, step.at))
            self.next_event += 1

    def _person(self, name: str, id_number: str | None, values: Sequence[object],
                created: datetime.datetime, updated: datetime.datetime) -> int:
        person_id = self.next_person
        self.next_person += 1
        cleaned = [_blank_none(v) for v in values]
        name = name.strip()
        key = self.sort_keys.get(name)
        if key is None:
            key = self.sort_keys[name] = sort_key(name)
        self.persons.append((person_id, name, id_number or None, key, *cleaned, created, updated))
        return person_id

    def _member(self, household_id: int, order: int, member: MemberForm, created: datetime.datetime,
                updated: datetime.datetime) -> None:
        own = dict(zip(PERSON_FIELDS, (getattr(member, k) for k in PERSON_FIELDS), strict=True))
        person_id = self._person(member.name, member.id_number,
                                 [own.get(k) for k in HEAD_PERSON_FIELDS], created, updated)
        self.members.append((self.next_member, household_id, person_id,
                             *(_blank_none(getattr(member, k)) for k in MEMBER_COLUMNS), order))
        self.next_member += 1

    def write(self) -> None:
        """Insert every row of the batch (the caller holds the transaction)."""
        _insert(Person, PERSON_COLUMNS, self.persons)
        _insert(Household, HOUSEHOLD_ROW, self.households)
        _insert(HouseholdSearch, SEARCH_ROW, self.searches)
        _insert(FamilyMember, MEMBER_ROW, self.members)
        _insert(HouseholdEvent, EVENT_ROW, self.events)


def _blank_none(value: object) -> object:
    return None if value == "" else value


def _converter(model_field: peewee.Field) -> Callable[[Any], Any] | None:
    """How the column's value is stored: fen for money and areas, ISO text for dates (as peewee does)."""
    if isinstance(model_field, CentsField):
        return lambda v: None if v is None else to_cents(v)
    if isinstance(model_field, peewee.DateTimeField):
        return lambda v: None if v is None else v.isoformat(" ")
    if isinstance(model_field, peewee.DateField):
        return lambda v: None if v is None else v.isoformat()
    return None


def _insert(model: type[BaseModel], columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """executemany with one prepared statement: peewee's insert_many builds SQL text per row, far slower."""
    if not rows:
        return
    fields = [model._meta.columns[c] for c in columns]
    converters = [(i, conv) for i, f in enumerate(fields) if (conv := _converter(f)) is not None]
    if converters:
        converted = []
        for row in rows:
            values = list(row)
            for i, conv in converters:
                values[i] = conv(values[i])
            converted.append(values)
        rows = [tuple(v) for v in converted]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    sql = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})'
    database.connection().executemany(sql, rows)


def delete_from(first: FirstIds) -> None:
    """Remove everything a failed or cancelled demo run wrote (rows at or after the first ids)."""
    with database.atomic("IMMEDIATE"):
        HouseholdSearch.delete().where(HouseholdSearch.household >= first.household).execute()
        HouseholdEvent.delete().where(HouseholdEvent.id >= first.event).execute()
        FamilyMember.delete().where(FamilyMember.id >= first.member).execute()
        Household.delete().where(Household.id >= first.household).execute()
        Person.delete().where(Person.id >= first.person).execute()
