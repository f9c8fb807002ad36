"""What an imported relief sheet refers to, looked up in bulk: people by ID number, files, funds, campaigns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.excel.reader import ParsedRow
from app.services import campaigns, funds
from app.vocab import FileStatus
from db.database import tuples
from db.models import FamilyMember, Household, Person

CHUNK = 500  # values per IN (...) list


@dataclass(frozen=True)
class FundRef:
    id: int
    active: bool


@dataclass(frozen=True)
class CampaignRef:
    id: int
    name: str
    relief_type: str
    fund: str                      # the fund's name, "" if none
    standard_amount: Decimal | None
    standard_items: str


@dataclass(frozen=True)
class Known:
    """The records the rows name, as they stand in the database."""

    persons: dict[str, tuple[int, str]]          # ID number → (person id, name)
    funds: dict[str, FundRef]                    # fund name → fund
    fund_names: dict[int, str]
    balances: dict[int, Decimal]                 # fund id → balance now
    campaigns: dict[str, CampaignRef]            # campaign name → campaign
    files: dict[str, tuple[int, str]]            # 档案编号 → (household id, status), for the files named
    people_of: dict[int, set[int]]               # household id → its head and members, for the files named
    on_record: dict[int, int]                    # person id → the file on record (在档) they head or belong to
    members_named: dict[tuple[int, str], int]    # (household id, member's name) → person id


def _chunks(values: Iterable[object]) -> Iterator[list[object]]:
    ordered = sorted(set(values), key=str)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start:start + CHUNK]


def _texts(rows: Sequence[ParsedRow], *keys: str) -> set[str]:
    return {value for r in rows for k in keys if isinstance(value := r.values.get(k), str) and value}


def look_up(rows: Sequence[ParsedRow]) -> Known:
    """Everything the rows refer to, in a few queries per kind whatever the number of rows."""
    persons: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(_texts(rows, "id_number", "student_id_number")):
        for person_id, number, name in tuples(Person.select(Person.id, Person.id_number, Person.name)
                                              .where(Person.id_number.in_(chunk))):
            persons[number] = (person_id, name)
    views = funds.list_funds(include_inactive=True)
    fund_names = {f.id: f.name for f in views}
    refs = {c.name: CampaignRef(c.id, c.name, c.relief_type, c.fund, c.standard_amount, c.standard_items)
            for c in campaigns.list_campaigns()}
    files: dict[str, tuple[int, str]] = {}
    heads: dict[int, int] = {}
    for chunk in _chunks(_texts(rows, "file_no")):
        for household_id, file_no, status, head in tuples(
                Household.select(Household.id, Household.file_no, Household.status, Household.head)
                .where(Household.file_no.in_(chunk))):
            files[file_no] = (household_id, status)
            heads[household_id] = head
    on_record = _on_record([p for p, _name in persons.values()])
    people_of: dict[int, set[int]] = {h: {head} for h, head in heads.items()}
    members_named: dict[tuple[int, str], int] = {}
    for chunk in _chunks([*heads, *on_record.values()]):
        for household_id, person_id, name in tuples(
                FamilyMember.select(FamilyMember.household, Person.id, Person.name).join(Person)
                .where(FamilyMember.household.in_(chunk)).order_by(FamilyMember.sort_order, FamilyMember.id)):
            people_of.setdefault(household_id, set()).add(person_id)
            members_named.setdefault((household_id, name), person_id)
    return Known(persons, {f.name: FundRef(f.id, f.active) for f in views}, fund_names,
                 {f.id: f.balance for f in views}, refs, files, people_of, on_record, members_named)


def _on_record(person_ids: Sequence[int]) -> dict[int, int]:
    """As relief_rules.filed_household, for many people: the file on record they head, else one they belong to."""
    found: dict[int, int] = {}
    members: dict[int, int] = {}
    for chunk in _chunks(person_ids):
        for head, household_id in tuples(Household.select(Household.head, Household.id)
                                         .where(Household.head.in_(chunk), Household.status == FileStatus.ACTIVE)
                                         .order_by(Household.id.desc())):
            found.setdefault(head, household_id)
        for person_id, household_id in tuples(
                FamilyMember.select(FamilyMember.person, FamilyMember.household).join(Household)
                .where(FamilyMember.person.in_(chunk), Household.status == FileStatus.ACTIVE)
                .order_by(FamilyMember.id)):
            members.setdefault(person_id, household_id)
    return {**members, **found}
