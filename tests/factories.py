"""Valid forms and people for tests (built on the demo data's ID-number generator)."""

from __future__ import annotations

import dataclasses
import datetime
import random
from decimal import Decimal

from app.demo.people import make_id_number, make_mobile
from app.services.household_forms import HouseholdForm, MemberForm

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"


def person_id(seed: int, *, sex: str = "男", year: int = 1975) -> str:
    rng = random.Random(seed)
    return make_id_number(rng, datetime.date(year, 1 + seed % 12, 1 + seed % 28), sex)


def make_form(seed: int = 1, **overrides: object) -> HouseholdForm:
    """A complete, valid household form; the same seed gives the same household."""
    rng = random.Random(seed)
    sex = rng.choice(("男", "女"))
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    child_id = make_id_number(rng, datetime.date(2008, 3, 4), "女")
    form = HouseholdForm(
        name=name,
        id_number=make_id_number(rng, datetime.date(1970 + seed % 20, 1 + seed % 12, 10), sex),
        identity=rng.choice(("职工", "农民工")),
        main_cause="下岗失业",
        secondary_causes=("子女上学",),
        category="深度困难",
        ethnicity="汉族",
        phone=make_mobile(rng),
        address="华池县柔远镇新华路12号",
        work_unit="华池县水泥厂",
        union_name="华池县水泥厂工会",
        work_status="下(待)岗",
        head_monthly_income=Decimal("600.00"),
        other_annual_income=Decimal("1200.00"),
        housing_type="租房",
        housing_area=Decimal("36.50"),
        filed_on=datetime.date(2025, 3, 1),
        members=(
            MemberForm(name=rng.choice(SURNAMES) + "小" + rng.choice(GIVEN), relation="子女",
                       id_number=child_id, identity="学生", unit_or_school="华池县第一中学",
                       education="高中", enrol_year=2023, schooling_years=3),
            MemberForm(name=rng.choice(SURNAMES) + rng.choice(GIVEN), relation="配偶",
                       monthly_income=Decimal("300.00"), identity="务农"),
        ),
    )
    return dataclasses.replace(form, **overrides)  # type: ignore[arg-type]
