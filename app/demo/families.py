"""Demo households: a head worker, the family, incomes that produce the planned category, housing, bank."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app import vocab
from app.demo import means, names, places
from app.demo import members as mem
from app.demo.history import Fate, Timeline
from app.demo.members import HeadFacts, Someone
from app.demo.people import (
    age_on,
    birth_for_age,
    county_region,
    make_unique_id_number,
    make_unique_mobile,
)
from app.services.household_forms import HouseholdForm, MemberForm

ZERO = Decimal("0.00")
CATEGORY_WEIGHTS = (("深度困难", 35), ("相对困难", 55), ("意外致困", 10))
CAUSE_WEIGHTS = {
    "职工": (("患重特大疾病", 30), ("下岗失业", 18), ("子女上学", 16), ("无劳动能力", 10),
           ("有劳动能力而未就业", 5), ("未参加社会保险", 3), ("社会保险待遇落实不到位", 5),
           ("遭受意外事故", 4), ("遭受自然灾害", 2), ("其他", 7)),
    "农民工": (("患重特大疾病", 28), ("下岗失业", 4), ("子女上学", 18), ("无劳动能力", 8),
            ("有劳动能力而未就业", 12), ("未参加社会保险", 12), ("社会保险待遇落实不到位", 2),
            ("遭受意外事故", 8), ("遭受自然灾害", 4), ("其他", 4)),
}
ACCIDENT_CAUSES = (("遭受意外事故", 55), ("遭受自然灾害", 20), ("患重特大疾病", 25))
WORK_STATUS = {
    "下岗失业": (("下(待)岗", 55), ("失(无)业", 35), ("内退", 10)),
    "有劳动能力而未就业": (("失(无)业", 1),),
    "无劳动能力": (("病休", 50), ("病退", 30), ("在岗", 20)),
    "患重特大疾病": (("在岗", 55), ("病休", 30), ("病退", 15)),
    "社会保险待遇落实不到位": (("退休", 60), ("内退", 20), ("下(待)岗", 20)),
    "遭受意外事故": (("在岗", 70), ("病休", 30)),
    "未参加社会保险": (("在岗", 60), ("失(无)业", 40)),
}
MIGRANT_STATUS = {"下(待)岗": "失(无)业", "内退": "失(无)业", "病退": "病休", "退休": "在岗"}
HEAD_INCOME = {"在岗": (1800, 3500), "下(待)岗": (0, 800), "失(无)业": (0, 500), "退休": (1800, 3200),
               "病退": (1300, 2200), "病休": (800, 1600), "内退": (1100, 1800)}
SIZE_WEIGHTS = (5, 12, 27, 30, 14, 8, 4)   # households with 0 … 6 members
SECONDARY_COUNT = (30, 40, 22, 8)


@dataclass(frozen=True)
class Plan:
    """What a demo file is meant to be before its people are made up."""

    fate: Fate
    category: str          # the category on file
    rule_category: str     # what the incomes give (differs when the office overrode the rule)
    identity: str
    main_cause: str
    secondary_causes: tuple[str, ...]
    surname: str | None = None
    rare: tuple[tuple[str, str], ...] = ()   # (role, character): role is head, spouse or child


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def draft_plan(rng: random.Random, fate: Fate) -> Plan:
    """Category, identity and causes in realistic proportions (the national 困难职工档案 mix)."""
    category = _weighted(rng, CATEGORY_WEIGHTS)
    rule = category
    if category != "意外致困" and rng.random() < 0.03:
        rule = "相对困难" if category == "深度困难" else "深度困难"
    identity = "农民工" if rng.random() < 0.15 else "职工"
    identity = fate.identity or identity      # the county's plan decides where it counts files on record
    cause = _weighted(rng, ACCIDENT_CAUSES if category == "意外致困" else CAUSE_WEIGHTS[identity])
    if fate.variant == "死亡":
        cause = "患重特大疾病"
    count = rng.choices(range(4), weights=SECONDARY_COUNT)[0]
    pool = [c for c in vocab.CAUSES if c != cause and c != "其他"]
    chosen = set(rng.sample(pool, count))
    secondary = tuple(c for c in vocab.CAUSES if c in chosen)
    return Plan(fate, category, rule, identity, cause, secondary)


class FamilyMaker:
    """Makes one household form after another, keeping ID numbers and phones unique."""

    def __init__(self, used_ids: set[int], used_phones: set[int]) -> None:
        self.used_ids = used_ids
        self.used_phones = used_phones

    def make(self, rng: random.Random, plan: Plan, timeline: Timeline, line: Decimal,
             file_no: str, household_id: int) -> HouseholdForm:
        ref = timeline.status_since
        causes = (plan.main_cause, *plan.secondary_causes)
        rare = dict(plan.rare)
        identity = plan.identity
        unit = self._unit(rng, identity, plan.main_cause)
        status = _weighted(rng, WORK_STATUS.get(plan.main_cause, (("在岗", 85), ("下(待)岗", 15))))
        if plan.rule_category == "深度困难" and status == "在岗" and rng.random() < 0.35:
            status = rng.choice(("下(待)岗", "失(无)业"))
        if identity == "农民工":
            status = MIGRANT_STATUS.get(status, status)
        sex = "男" if rng.random() < (0.75 if identity == "农民工" else 0.56) else "女"
        if "head" in rare:
            sex = names.rare_sex(rare["head"])
        elif "spouse" in rare:
            sex = "女" if names.rare_sex(rare["spouse"]) == "男" else "男"
        age = self._head_age(rng, status, identity, sex, "子女上学" in causes)
        if plan.fate.variant == "退休" and timeline.closed_on is not None:
            birth = birth_for_age(rng, 60 if sex == "男" else 50, timeline.closed_on)
            status, age = "退休", age_on(birth, ref)
        else:
            birth = birth_for_age(rng, age, ref)
        surname = plan.surname or names.pick_surname(rng)
        given = names.rare_given_name(rng, rare["head"], sex, birth.year) if "head" in rare else \
            names.given_name(rng, sex, birth.year)
        town = unit.town if identity == "职工" and rng.random() < 0.75 else places.pick_town(rng)
        ethnicity = rng.choices(("汉族", "回族", "满族"), weights=(975, 20, 5))[0]
        facts = HeadFacts(surname, sex, age, birth, identity, town, ethnicity)
        people = self._family(rng, plan, facts, ref, rare)
        mem.finish(rng, people, facts, ref, self.used_ids)
        head_health, disability, grade, note = self._health(rng, plan, status, people)
        head_income = self._head_income(rng, status, unit.struggling, identity)
        marital = self._marital(rng, people, age)
        single_parent = marital != "已婚" and any(p.relation == "子女" and age_on(p.birth, ref) < 18 for p in people)
        other = Decimal(rng.randint(100, 600) * 10) if town != places.SEAT or rng.random() < 0.45 else ZERO
        values: dict[str, Any] = dict(
            name=surname + given, id_number=make_unique_id_number(
                rng, birth, sex, county_region(rng, birth, 0.95 if identity == "农民工" else 0.88), self.used_ids),
            identity=identity, main_cause=plan.main_cause, file_no=file_no, sex=sex, birth_date=birth,
            ethnicity=ethnicity, political_status=self._politics(rng, identity, age),
            health=head_health, disability_type=disability, disability_grade=grade,
            marital_status=marital, phone=make_unique_mobile(rng, self.used_phones),
            filing_level=rng.choices(vocab.FILING_LEVELS, weights=(0, 3, 9, 70, 18))[0],
            category=plan.category, secondary_causes=plan.secondary_causes, work_status=status,
            model_worker_type=rng.choices(vocab.MODEL_WORKER_TYPES, weights=(985, 0, 3, 10, 2))[0],
            work_unit=unit.name, unit_nature=unit.nature, enterprise_status=unit.status,
            industry=unit.industry, union_name=unit.union, single_parent=single_parent,
            head_monthly_income=head_income, other_annual_income=other, filed_on=timeline.filed_on, note=note,
            filed_by=timeline.filed_by, reviewed_by=timeline.reviewed_by or "", entered_by=timeline.entered_by,
        )
        means.place(rng, values, town, identity, causes, 1 + len(people))
        means.money(rng, values, plan.category, plan.rule_category, causes, line, people, ref)
        values["zero_employment"] = status not in ("在岗", "退休", "离休") and not any(
            p.identity in mem.WORKING for p in people)
        means.paperwork(rng, values, plan.category, causes, timeline, people, household_id)
        values["members"] = tuple(_member_form(p) for p in people)
        return HouseholdForm(**values)

    @staticmethod
    def _unit(rng: random.Random, identity: str, cause: str) -> places.WorkUnit:
        units = places.MIGRANT_UNITS if identity == "农民工" else places.STAFF_UNITS
        if cause == "下岗失业" and identity == "职工":
            units = tuple(u for u in units if u.struggling)
        return rng.choices(units, weights=[u.weight for u in units])[0]

    @staticmethod
    def _head_age(rng: random.Random, status: str, identity: str, sex: str, students: bool) -> int:
        if status == "退休":
            return rng.randint(60, 68) if sex == "男" else rng.randint(52, 64)
        if status == "内退":
            return rng.randint(50, 58)
        low = 33 if students else (22 if identity == "农民工" else 26)
        return int(rng.triangular(low, 59, 42 if identity == "农民工" else 47))

    @staticmethod
    def _family(rng: random.Random, plan: Plan, facts: HeadFacts, ref: datetime.date,
                rare: dict[str, str]) -> list[Someone]:
        count = rng.choices(range(7), weights=SIZE_WEIGHTS)[0]
        students = "子女上学" in (plan.main_cause, *plan.secondary_causes)
        need_child = students or "child" in rare
        count = max(count, 1 if need_child or "spouse" in rare else 0, 2 if need_child and "spouse" in rare else 0)
        spouse = "spouse" in rare or (count >= 1 and facts.age >= 24 and rng.random() < 0.78)
        slots = count - spouse
        children = 0
        if slots and facts.age >= 22:
            children = min(slots, rng.choices((1, 2, 3), weights=(50, 38, 12))[0])
        children = max(children, 1 if need_child else 0)
        count = max(count, spouse + children)
        people = mem.make_members(rng, facts, ref, count, spouse=spouse, children=children, student=students)
        for role, char in rare.items():
            relation = {"spouse": "配偶", "child": "子女"}.get(role)
            target = next((p for p in people if p.relation == relation), None)
            if target is not None:
                if relation == "子女":
                    target.sex = names.rare_sex(char)
                given = names.rare_given_name(rng, char, target.sex, target.birth.year)
                target.name = target.name[0] + given
        return people

    @staticmethod
    def _health(rng: random.Random, plan: Plan, status: str,
                people: list[Someone]) -> tuple[str, str, str | None, str]:
        """Head's health and disability, a patient in the family if illness is a cause, and a note."""
        causes = (plan.main_cause, *plan.secondary_causes)
        health = rng.choices(("健康", "一般", "慢性病"), weights=(55, 30, 15))[0]
        disability, grade = "无", None
        notes: list[str] = []
        if "无劳动能力" in causes:
            if rng.random() < 0.7:
                health, disability = "残疾", rng.choices(
                    ("肢体残疾", "视力残疾", "听力残疾", "精神残疾", "智力残疾", "多重残疾"),
                    weights=(50, 15, 10, 10, 5, 10))[0]
                grade = rng.choices(vocab.DISABILITY_GRADES, weights=(15, 35, 35, 15))[0]
                notes.append(f"本人{disability}{grade}，" + ("只能从事轻体力工作，收入低" if status == "在岗"
                                                               else "无法正常工作"))
            else:
                health = "慢性病"
                notes.append("本人长期患病，丧失劳动能力")
        if "患重特大疾病" in causes:
            disease = rng.choice(places.DISEASES)
            candidates = [p for p in people if p.relation in ("配偶", "子女", "父母") and p.health != "残疾"]
            if status in ("病休", "病退") or not candidates or rng.random() < 0.3 or plan.fate.variant == "死亡":
                health = "患重特大疾病"
                notes.append(f"本人患{disease}，长期治疗，医疗费用负担重")
            else:
                patient = rng.choice(candidates)
                patient.health, patient.income = "患重特大疾病", ZERO
                if patient.identity in mem.WORKING:
                    patient.identity, patient.unit_or_school = "无业", ""
                notes.append(f"{patient.relation}{patient.name}患{disease}，长期治疗，医疗费用负担重")
        students = sum(1 for p in people if p.student)
        if "子女上学" in causes and students:
            notes.append(f"{students}名子女在校就读，教育支出大")
        notes.append({
            "下岗失业": "原单位经营困难，下岗后靠打零工维持生活",
            "有劳动能力而未就业": "多次求职未果，暂无稳定工作",
            "未参加社会保险": "单位未为其缴纳社会保险",
            "社会保险待遇落实不到位": "单位欠缴社会保险，养老待遇未落实",
            "遭受意外事故": "年内遭遇交通事故，医疗及误工损失大",
            "遭受自然灾害": "暴雨致窑洞坍塌，房屋受损严重",
            "其他": "家庭负担重，收入低",
        }.get(plan.main_cause, ""))
        return health, disability, grade, "；".join(n for n in notes if n)

    @staticmethod
    def _head_income(rng: random.Random, status: str, struggling: bool, identity: str) -> Decimal:
        low, high = HEAD_INCOME[status]
        if status == "在岗":
            low, high = (2000, 4000) if identity == "农民工" else (1200, 2200) if struggling else (low, high)
        return Decimal(rng.randint(low // 10, high // 10) * 10)

    @staticmethod
    def _politics(rng: random.Random, identity: str, age: int) -> str:
        if age < 28 and rng.random() < 0.3:
            return "共青团员"
        return "中共党员" if rng.random() < (0.12 if identity == "职工" else 0.03) else "群众"

    @staticmethod
    def _marital(rng: random.Random, people: list[Someone], age: int) -> str:
        if any(p.relation == "配偶" for p in people):
            return "已婚"
        if any(p.relation == "子女" for p in people):
            return "离异" if rng.random() < 0.6 else "丧偶"
        if age < 30:
            return "未婚"
        return rng.choices(("未婚", "离异", "丧偶"), weights=(30, 40, 30))[0]


def _member_form(p: Someone) -> MemberForm:
    return MemberForm(
        name=p.name, relation=p.relation, id_number=p.id_number, sex=p.sex, birth_date=p.birth,
        ethnicity=p.ethnicity, political_status=p.political_status, health=p.health,
        disability_type=p.disability_type, disability_grade=p.disability_grade, monthly_income=p.income,
        identity=p.identity, medical_insurance=p.medical_insurance, unit_or_school=p.unit_or_school,
        education=p.education, enrol_year=p.enrol_year, schooling_years=p.schooling_years)
