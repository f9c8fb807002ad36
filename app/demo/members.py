"""Demo family members: spouse, children at school, elderly parents, with ages that fit the head."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from app.demo import names, places
from app.demo.people import age_on, birth_for_age, county_region, make_unique_id_number

ZERO = Decimal("0.00")
EARNING = {  # monthly income range (元) by member identity
    "在职职工": (1800, 3200), "农民工": (2000, 4000), "务农": (200, 600), "下岗失业": (0, 500),
    "退休": (1500, 2800), "无业": (0, 0), "学生": (0, 0), "学龄前": (0, 0), "其他": (0, 300),
}
WORKING = frozenset({"在职职工", "农民工"})
IDLE = frozenset({"无业", "下岗失业"})
TUITION = {"学前": 1500, "小学": 600, "初中": 1200, "高中": 4000, "中职": 3000, "大专": 9000, "本科": 12000}


@dataclass
class Someone:
    """A family member being put together (mutable until it becomes a MemberForm)."""

    name: str
    relation: str
    sex: str
    birth: datetime.date
    identity: str = "无业"
    income: Decimal = ZERO
    unit_or_school: str = ""
    education: str | None = None
    enrol_year: int | None = None
    schooling_years: int | None = None
    health: str = "健康"
    disability_type: str = "无"
    disability_grade: str | None = None
    political_status: str = "群众"
    medical_insurance: str = "居民医保"
    ethnicity: str = "汉族"
    id_number: str | None = None

    @property
    def student(self) -> bool:
        return self.identity == "学生"


@dataclass(frozen=True)
class HeadFacts:
    """What the member generator needs to know about the head of the household."""

    surname: str
    sex: str
    age: int
    birth: datetime.date
    identity: str
    town: str
    ethnicity: str


def _income(rng: random.Random, identity: str) -> Decimal:
    low, high = EARNING.get(identity, (0, 0))
    return Decimal(rng.randint(low // 10, high // 10) * 10) if high else ZERO


def _school(rng: random.Random, person: Someone, ref: datetime.date, town: str, must_study: bool) -> bool:
    """Put a child in the school its age fits on `ref`; False if it is past school age."""
    year = ref.year if ref.month >= 9 else ref.year - 1
    age = age_on(person.birth, datetime.date(year, 9, 1))
    grade = age - 6
    if age < 3:
        person.identity = "学龄前"
        return True
    if grade < 0:
        person.identity, person.education = "学龄前", "学前"
        person.unit_or_school = rng.choice(places.KINDERGARTENS) if town == places.SEAT else f"{town}中心幼儿园"
        person.enrol_year, person.schooling_years = year - (age - 3), 3
        return True
    if grade >= 9 and not must_study and rng.random() < 0.1:
        return False  # left school and went to work
    if grade <= 5:
        level, school, first, years = "小学", places.primary_school(rng, town), 0, 6
    elif grade <= 8:
        level, school, first, years = "初中", places.middle_school(rng, town), 6, 3
    elif grade <= 11:
        vocational = rng.random() < 0.25
        level = "中职" if vocational else "高中"
        school = rng.choice(places.VOCATIONAL if vocational else places.HIGH)
        first, years = 9, 3
    elif grade <= 15:
        college = grade <= 14 and rng.random() < 0.4
        level = "大专" if college else "本科"
        school = rng.choice(places.COLLEGES if college else places.UNIVERSITIES)
        first, years = 12, 3 if college else 4
    else:
        return False
    person.identity, person.education, person.unit_or_school = "学生", level, school
    person.enrol_year, person.schooling_years = year - (grade - first), years
    if age >= 14 and rng.random() < 0.4:
        person.political_status = "共青团员"
    return True


def _adult_work(rng: random.Random, person: Someone, choices: tuple[tuple[str, int], ...]) -> None:
    person.identity = rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]
    person.income = _income(rng, person.identity)
    if person.identity in WORKING:
        person.unit_or_school = rng.choice(places.MEMBER_JOBS)
        person.medical_insurance = "职工医保" if person.identity == "在职职工" else "居民医保"
    elif person.identity == "退休":
        person.medical_insurance = "职工医保"


def make_members(rng: random.Random, head: HeadFacts, ref: datetime.date, count: int, *,
                 spouse: bool, children: int, student: bool) -> list[Someone]:
    """`count` members: a spouse if asked, then children, elderly parents, grandchildren, siblings."""
    people: list[Someone] = []
    other_sex = "女" if head.sex == "男" else "男"
    spouse_surname = ""
    oldest = min(30, head.age - 20)
    if spouse:
        age = max(20, head.age + (rng.randint(-5, 1) if head.sex == "男" else rng.randint(-1, 5)))
        birth = birth_for_age(rng, age, ref)
        spouse_surname = names.pick_surname(rng, avoid=head.surname)
        mate = Someone(names.full_name(rng, other_sex, birth.year, spouse_surname), "配偶", other_sex, birth)
        jobs = (("务农", 40), ("农民工", 35), ("无业", 25)) if head.identity == "农民工" else (
            ("在职职工", 35), ("农民工", 15), ("务农", 10), ("无业", 25), ("下岗失业", 10),
            ("退休", 30 if age >= 55 else 0))
        _adult_work(rng, mate, jobs)
        people.append(mate)
        oldest = min(oldest, age - 20)
    father_surname = head.surname if head.sex == "男" else (
        spouse_surname or (names.pick_surname(rng) if rng.random() < 0.7 else head.surname))
    for index in range(children if oldest >= 0 else 0):
        must = student and index == 0
        low, high = (min(7, oldest), min(21, oldest)) if must else (0, oldest)
        if must and high >= 15 and rng.random() < 0.6:
            low = 15
        sex = "男" if rng.random() < 0.52 else "女"
        birth = _spaced_birth(rng, low, high, ref, [p.birth for p in people if p.relation == "子女"])
        child = Someone(names.full_name(rng, sex, birth.year, father_surname), "子女", sex, birth)
        if not _school(rng, child, ref, head.town, must):
            _adult_work(rng, child, (("在职职工", 30), ("农民工", 40), ("无业", 20), ("下岗失业", 10)))
        people.append(child)
    while len(people) < count:
        people.append(_relative(rng, head, ref, people, spouse_surname, father_surname))
    return people[:count]


def _spaced_birth(rng: random.Random, low: int, high: int, ref: datetime.date,
                  siblings: list[datetime.date]) -> datetime.date:
    """A birth date for an age in [low, high] at least ten months from each sibling's (else a twin)."""
    for _attempt in range(8):
        birth = birth_for_age(rng, rng.randint(low, high), ref)
        if all(abs((birth - other).days) >= 300 for other in siblings):
            return birth
    return rng.choice(siblings)


def _relative(rng: random.Random, head: HeadFacts, ref: datetime.date, people: list[Someone],
              spouse_surname: str, father_surname: str) -> Someone:
    """One more member: an elderly parent while they can be alive, else a grandchild or sibling."""
    elderly = sum(1 for p in people if p.relation in ("父母", "岳父母/公婆"))
    if head.age <= 62 and elderly < 2:
        first = next((p for p in people if p.relation in ("父母", "岳父母/公婆")), None)
        in_law = bool(spouse_surname) and rng.random() < 0.35
        sex = "男" if rng.random() < 0.4 else "女"
        if first is not None:  # the other parent of the same couple
            in_law, sex = first.relation != "父母", "女" if first.sex == "男" else "男"
        age = rng.randint(max(60, head.age + 20), max(61, min(90, head.age + 38)))
        birth = birth_for_age(rng, age, ref)
        family = spouse_surname if in_law else head.surname
        surname = family if sex == "男" else names.pick_surname(rng, avoid=family)
        person = Someone(names.full_name(rng, sex, birth.year, surname), "岳父母/公婆" if in_law else "父母",
                         sex, birth, health=rng.choice(("慢性病", "慢性病", "一般", "健康")))
        _adult_work(rng, person, (("退休", 30 if head.identity == "职工" else 5), ("务农", 40), ("无业", 30)))
        return person
    sex = "男" if rng.random() < 0.5 else "女"
    if head.age >= 42 and rng.random() < 0.6:
        birth = _spaced_birth(rng, 0, min(12, head.age - 42), ref, [p.birth for p in people if p.relation == "孙子女"])
        person = Someone(names.full_name(rng, sex, birth.year, father_surname), "孙子女", sex, birth)
        _school(rng, person, ref, head.town, True)
        return person
    siblings = [head.birth, *(p.birth for p in people if p.relation == "兄弟姐妹")]
    birth = _spaced_birth(rng, max(18, head.age - 8), max(18, head.age + 8), ref, siblings)
    person = Someone(names.full_name(rng, sex, birth.year, head.surname), "兄弟姐妹", sex, birth)
    if rng.random() < 0.5:
        person.health, person.disability_type = "残疾", rng.choice(("智力残疾", "精神残疾", "肢体残疾"))
        person.disability_grade = rng.choice(("一级", "二级", "二级", "三级"))
    else:
        _adult_work(rng, person, (("农民工", 40), ("无业", 40), ("务农", 20)))
    return person


def put_to_work(rng: random.Random, people: list[Someone], ref: datetime.date) -> bool:
    """One idle, healthy member of working age finds work; False if there is nobody."""
    for person in people:
        if person.identity in IDLE and 18 <= age_on(person.birth, ref) <= 58 and person.health in ("健康", "一般"):
            person.identity = rng.choice(("农民工", "在职职工"))
            person.income = _income(rng, person.identity)
            person.unit_or_school = rng.choice(places.MEMBER_JOBS)
            return True
    return False


def lay_off(rng: random.Random, people: list[Someone]) -> bool:
    """One earning member loses the job; False if nobody earns a wage."""
    for person in people:
        if person.identity in WORKING:
            person.identity = "下岗失业" if person.identity == "在职职工" else "无业"
            person.income = _income(rng, person.identity)
            person.unit_or_school = ""
            return True
    return False


def finish(rng: random.Random, people: list[Someone], head: HeadFacts, ref: datetime.date,
           used_ids: set[int]) -> None:
    """Ethnicity, party membership and ID numbers (a few infants not yet registered)."""
    for person in people:
        person.ethnicity = head.ethnicity if rng.random() < 0.97 else "汉族"
        if person.political_status == "群众" and age_on(person.birth, ref) >= 25 and rng.random() < 0.06:
            person.political_status = "中共党员"
        if person.medical_insurance == "居民医保" and rng.random() < 0.04:
            person.medical_insurance = "未参保"
        if person.identity == "学龄前" and person.education is None and rng.random() < 0.15:
            continue
        region = county_region(rng, person.birth, 0.75 if person.relation == "配偶" else 0.9)
        person.id_number = make_unique_id_number(rng, person.birth, person.sex, region, used_ids)


def tuition(people: list[Someone]) -> int:
    """A year's school costs (元) for the students of the household."""
    return sum(TUITION.get(p.education or "", 0) for p in people if p.student or p.education == "学前")
