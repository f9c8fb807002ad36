"""Finding whom a relief is for: people on file or not, by name, pinyin, initials or ID digits; a file's people."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app import session, vocab
from app.services import household_search
from app.session import Permission
from app.validation import clean_text, mask_id_number
from app.vocab import FileStatus
from db.database import tuples
from db.models import FamilyMember, Household, Person

HEAD = "职工本人"


@dataclass(frozen=True)
class RecipientChoice:
    """A person who may receive help, with the file they head or belong to (if any); ID number masked."""

    person_id: int
    name: str
    id_number: str
    household_id: int | None
    file_no: str
    status: str          # the file's status, "" without a file
    category: str
    relation: str        # 职工本人, or the member's relation to the head
    work_unit: str

    @property
    def on_record(self) -> bool:
        return self.status == FileStatus.ACTIVE

    def describe(self) -> str:
        """张三 110***********1234 · 档案 2025-001（在档，深度困难）."""
        text = f"{self.name} {self.id_number}".strip()
        if self.household_id is None:
            return f"{text} · 无档案"
        who = "" if self.relation == HEAD else f"，{self.relation}"
        return f"{text} · 档案 {self.file_no}（{self.status}{'，' + self.category if self.category else ''}{who}）"


@dataclass(frozen=True)
class HouseholdPerson:
    """The head or a member of a file, as a student aid form offers them."""

    person_id: int
    name: str
    relation: str
    identity: str
    school: str
    school_level: str | None
    enrol_year: int | None

    @property
    def studying(self) -> bool:
        return self.identity == "学生"


def find_recipients(text: str, limit: int = 30) -> list[RecipientChoice]:
    """Heads of files matching the words (as the 档案 search), then anyone else whose name, full pinyin or ID
    number matches; the person whose whole name was typed first, then files on record."""
    session.require(Permission.VIEW)
    words = clean_text(text).split()
    if not words:
        return []
    head_ids = household_search.search_ids(household_search.HouseholdQuery(text=text))[:limit]
    found = _heads(head_ids)
    seen = {c.person_id for c in found}
    if len(found) < limit:
        found += [c for c in _others(words, limit - len(found), seen) if c.person_id not in seen]
    exact = " ".join(words)   # 马丽 typed in full comes before 马丽芳, whatever their files
    found.sort(key=lambda c: (c.name != exact, not c.on_record, c.household_id is None))
    return found[:limit]


def _heads(household_ids: list[int]) -> list[RecipientChoice]:
    if not household_ids:
        return []
    rows = tuples(Household.select(Household.id, Household.file_no, Household.status, Household.category, Person.id,
                                   Person.name, Person.id_number, Person.work_unit)
                  .join(Person, on=(Household.head == Person.id)).where(Household.id.in_(household_ids)))
    by_id = {row[0]: row for row in rows}
    return [RecipientChoice(pid, name, mask_id_number(number), hid, file_no, status, category or "", HEAD, unit or "")
            for hid, file_no, status, category, pid, name, number, unit in (by_id[i] for i in household_ids
                                                                             if i in by_id)]


def _others(words: list[str], limit: int, skip: set[int]) -> list[RecipientChoice]:
    """People matched by name, full-pinyin prefix or ID digits, with the file they belong to."""
    query = Person.select(Person.id, Person.name, Person.id_number, Person.work_unit)
    for word in words:
        if re.fullmatch(r"[A-Za-z]+", word):
            query = query.where(Person.name_pinyin.startswith(word.lower()))
        elif re.fullmatch(r"\d+[Xx]?", word):
            query = query.where(Person.id_number.contains(word.upper()))
        else:
            query = query.where(Person.name.contains(word))
    if skip:
        query = query.where(Person.id.not_in(sorted(skip)))
    people = list(tuples(query.order_by(Person.name_pinyin).limit(limit)))
    files = _files_of([p[0] for p in people])
    result = []
    for pid, name, number, unit in people:
        hid, file_no, status, category, relation = files.get(pid, (None, "", "", "", ""))
        result.append(RecipientChoice(pid, name, mask_id_number(number), hid, file_no, status, category, relation,
                                      unit or ""))
    return result


def _files_of(person_ids: list[int]) -> dict[int, tuple[int, str, str, str, str]]:
    """person → (household, file no, status, category, relation): a file on record preferred."""
    if not person_ids:
        return {}
    found: dict[int, tuple[int, str, str, str, str]] = {}
    heads = tuples(Household.select(Household.head, Household.id, Household.file_no, Household.status,
                                    Household.category).where(Household.head.in_(person_ids)))
    members = tuples(FamilyMember.select(FamilyMember.person, Household.id, Household.file_no, Household.status,
                                         Household.category, FamilyMember.relation).join(Household)
                     .where(FamilyMember.person.in_(person_ids)))
    candidates = [(pid, (hid, file_no, status, category or "", HEAD)) for pid, hid, file_no, status, category in heads]
    candidates += [(pid, (hid, file_no, status, category or "", relation))
                   for pid, hid, file_no, status, category, relation in members]
    for pid, entry in candidates:
        if pid not in found or (entry[2] == FileStatus.ACTIVE and found[pid][2] != FileStatus.ACTIVE):
            found[pid] = entry
    return found


def recipient_choice(person_id: int) -> RecipientChoice | None:
    """The choice for one known person (after a dialog reopens with them)."""
    session.require(Permission.VIEW)
    row = Person.select(Person.id, Person.name, Person.id_number, Person.work_unit).where(Person.id == person_id)
    people = list(tuples(row))
    if not people:
        return None
    pid, name, number, unit = people[0]
    hid, file_no, status, category, relation = _files_of([pid]).get(pid, (None, "", "", "", ""))
    return RecipientChoice(pid, name, mask_id_number(number), hid, file_no, status, category, relation, unit or "")


def household_people(household_id: int) -> list[HouseholdPerson]:
    """The head and the members of a file, students marked with their school level."""
    session.require(Permission.VIEW)
    people: list[HouseholdPerson] = []
    for pid, name in tuples(Household.select(Person.id, Person.name).join(Person, on=(Household.head == Person.id))
                            .where(Household.id == household_id)):
        people.append(HouseholdPerson(pid, name, HEAD, "", "", None, None))
    members = (FamilyMember.select(Person.id, Person.name, FamilyMember.relation, FamilyMember.identity,
                                   FamilyMember.unit_or_school, FamilyMember.education, FamilyMember.enrol_year)
               .join(Person).where(FamilyMember.household == household_id)
               .order_by(FamilyMember.sort_order, FamilyMember.id))
    for pid, name, relation, identity, school, education, enrol in tuples(members):
        level = vocab.SCHOOL_LEVEL_OF_EDUCATION.get(education or "")
        people.append(HouseholdPerson(pid, name, relation, identity or "", school or "", level, enrol))
    return people
