"""The people a demo year deals with: the register's files and members as they stand, and new people.

Files are read once, after the register is written: who heads a file on record (在档) now and since when,
its identity and main cause; the members who are students or small children. New people (trainees,
workers given a summer quilt, borrowers, cadres) get names and valid ID numbers not yet in the database.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import peewee

from app.demo import names, people, places
from app.services.relief_forms import Recipient
from app.vocab import FileStatus
from db.database import tuples
from db.models import FamilyMember, Household, HouseholdEvent, Person

CLOSED = (str(FileStatus.LIFTED), str(FileStatus.WITHDRAWN))


@dataclass(frozen=True)
class File:
    """A file on record now: its head, since when it is on record, and what the year's help looks at."""

    household_id: int
    head_id: int
    approved_on: datetime.date
    identity: str
    category: str
    main_cause: str
    sex: str
    birth: datetime.date


@dataclass(frozen=True)
class Member:
    household_id: int
    person_id: int
    birth: datetime.date
    identity: str
    education: str


class Crowd:
    """Files on record, their members, and a maker of new people with unique ID numbers."""

    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.files = [File(hid, head, approved, identity or "职工", category or "", cause or "", sex or "男",
                           birth or datetime.date(1975, 1, 1))
                      for hid, head, approved, identity, category, cause, sex, birth in tuples(
                          Household.select(Household.id, Household.head, Household.approved_on, Household.identity,
                                           Household.category, Household.main_cause, Person.sex, Person.birth_date)
                          .join(Person, on=(Household.head == Person.id))
                          .where(Household.status == FileStatus.ACTIVE, Household.approved_on.is_null(False))
                          .order_by(Household.id))]
        active = {f.household_id for f in self.files}
        self.members = [Member(hid, pid, birth, identity or "", education or "")
                        for hid, pid, birth, identity, education in tuples(
                            FamilyMember.select(FamilyMember.household, FamilyMember.person, Person.birth_date,
                                                FamilyMember.identity, FamilyMember.education)
                            .join(Person).order_by(FamilyMember.id))
                        if hid in active and birth is not None]
        left = dict(tuples(HouseholdEvent.select(HouseholdEvent.household, peewee.fn.MIN(HouseholdEvent.on_date))
                           .where(HouseholdEvent.status_after.in_(CLOSED)).group_by(HouseholdEvent.household)))
        # Files no longer on record, with the day they left: they had their share of help while on record.
        self.former = [(File(hid, head, approved, identity or "职工", category or "", cause or "", sex or "男",
                             birth or datetime.date(1975, 1, 1)), _date(left[hid]))
                       for hid, head, approved, identity, category, cause, sex, birth in tuples(
                           Household.select(Household.id, Household.head, Household.approved_on, Household.identity,
                                            Household.category, Household.main_cause, Person.sex, Person.birth_date)
                           .join(Person, on=(Household.head == Person.id))
                           .where(Household.status.in_(CLOSED), Household.approved_on.is_null(False))
                           .order_by(Household.id)) if hid in left]
        self.used_ids = {int(n[:17]) for (n,) in tuples(Person.select(Person.id_number)
                                                         .where(Person.id_number.is_null(False))) if n[:17].isdigit()}
        self.used_phones: set[int] = set()

    def on_record(self, day: datetime.date) -> list[File]:
        """Files on record now that were already on record on `day`."""
        return [f for f in self.files if f.approved_on <= day]

    def was_on_record(self, day: datetime.date) -> list[File]:
        """Files on record on `day` that have left the record since."""
        return [f for f, left in self.former if f.approved_on <= day < left]

    def pick(self, files: list[File], count: int, taken: set[int] | None = None) -> list[File]:
        """`count` different files (none of `taken`, which then holds them too), in a random order."""
        taken = taken if taken is not None else set()
        pool = [f for f in files if f.household_id not in taken]
        chosen = self.rng.sample(pool, min(count, len(pool)))
        taken.update(f.household_id for f in chosen)
        return chosen

    def newcomer(self, *, sex: str | None = None, ages: tuple[int, int] = (22, 55), work_unit: str = "",
                 phone: bool = True) -> Recipient:
        """Someone not yet in the database: name, ID number (华池县 mostly), mobile."""
        rng = self.rng
        sex = sex or rng.choice(("男", "女"))
        birth = people.make_birth(rng, ages[0], ages[1], self.today)
        region = people.county_region(rng, birth)
        number = people.make_unique_id_number(rng, birth, sex, region, self.used_ids)
        mobile = people.make_unique_mobile(rng, self.used_phones) if phone else None
        return Recipient(name=names.full_name(rng, sex, birth.year), id_number=number, phone=mobile,
                         work_unit=work_unit)

    def child_name(self) -> Recipient:
        """A child of the county with no file here (留守儿童): name only."""
        sex = self.rng.choice(("男", "女"))
        return Recipient(name=names.full_name(self.rng, sex, self.today.year - 9))

    def town(self) -> str:
        return places.pick_town(self.rng)


def _date(value: object) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
