"""Finding a relief's recipient: heads by name, initials or ID digits, members with their file, a file's people."""

from __future__ import annotations

from pathlib import Path

from app.services import households as hs
from app.services.relief_recipients import HEAD, find_recipients, household_people, recipient_choice
from app.validation import mask_id_number
from db.models import FamilyMember, Household, Person
from tests.factories import make_form
from tests.relief_factories import filed, head_of


def test_heads_by_name_initials_and_last_id_digits_files_on_record_first(office: Path) -> None:
    on_record = filed(1, name="张伟强")
    applied = hs.create_household(make_form(2, name="张伟明")).household_ids[0]
    head = Person.get_by_id(head_of(on_record))
    by_name = find_recipients("张伟")
    assert [c.household_id for c in by_name][:2] == [on_record, applied]
    assert by_name[0].on_record and by_name[0].relation == HEAD and by_name[0].id_number == mask_id_number(
        head.id_number)
    assert [c.person_id for c in find_recipients("zwq")] == [head.id]
    assert head.id in [c.person_id for c in find_recipients(head.id_number[-6:])]
    assert "档案" in by_name[0].describe() and "在档" in by_name[0].describe()
    assert find_recipients("   ") == []


def test_members_found_with_their_file_people_of_a_file_with_students(office: Path) -> None:
    hid = filed(3)
    student = FamilyMember.get((FamilyMember.household == hid) & (FamilyMember.identity == "学生"))
    name = student.person.name
    found = [c for c in find_recipients(name) if c.person_id == student.person_id]
    assert found and found[0].household_id == hid and found[0].relation == "子女"
    people = household_people(hid)
    assert people[0].relation == HEAD and people[0].person_id == Household.get_by_id(hid).head_id
    studying = [p for p in people if p.studying]
    assert [(p.person_id, p.school_level, p.enrol_year) for p in studying] == [(student.person_id, "高中", 2023)]
    again = recipient_choice(student.person_id)
    assert again is not None and again.household_id == hid
    assert recipient_choice(999_999) is None


def test_people_without_a_file(office: Path) -> None:
    person = Person.create(name="李师傅", name_pinyin="lishifu", id_number="11010519491231002X")
    found = find_recipients("李师")
    assert [(c.person_id, c.household_id, c.status) for c in found] == [(person.id, None, "")]
    assert find_recipients("lishi")[0].describe().endswith("无档案")


def test_the_whole_name_typed_comes_first_before_longer_names_on_record(office: Path) -> None:
    on_record = filed(4, name="马丽芳")
    person = Person.create(name="马丽", name_pinyin="mali", id_number="11010519491231002X")
    found = find_recipients("马丽")
    assert [c.person_id for c in found][:2] == [person.id, head_of(on_record)]   # Enter takes the first
