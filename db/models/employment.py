"""Training and jobs (培训就业): sessions and trainees, placements, referrals, start-up loans,
one-to-one pairing of cadres with households, and mutual-aid insurance."""

from __future__ import annotations

import datetime

import peewee

from db.fields import CentsField
from db.models.base import BaseModel
from db.models.households import Household
from db.models.people import Person
from db.models.relief import Fund


class TrainingSession(BaseModel):
    """培训班（期）: one class, e.g. 2025年第一期电焊技能培训班."""

    id = peewee.AutoField()
    name = peewee.CharField(max_length=64, unique=True)
    kind = peewee.CharField(max_length=8)                 # 创业培训 / 技能培训
    trade = peewee.CharField(max_length=16, default="")   # 电焊, 刺绣, 砖瓦, 种养殖 …
    start_date = peewee.DateField(index=True)
    end_date = peewee.DateField()
    place = peewee.CharField(max_length=64, default="")
    organiser = peewee.CharField(max_length=64, default="")
    cost = CentsField(default=0)
    fund = peewee.ForeignKeyField(Fund, null=True, backref="training_sessions", on_delete="RESTRICT")
    fund_id: int | None
    note = peewee.TextField(default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class Trainee(BaseModel):
    """One person in one session, with their group (下岗职工, 农民工 …), completion and certificate."""

    id = peewee.AutoField()
    session = peewee.ForeignKeyField(TrainingSession, backref="trainees", on_delete="CASCADE")
    session_id: int
    person = peewee.ForeignKeyField(Person, backref="trainings", on_delete="RESTRICT")
    person_id: int
    group = peewee.CharField(max_length=8, index=True)
    completed = peewee.BooleanField(default=False)
    certificate_no = peewee.CharField(max_length=32, default="")
    note = peewee.CharField(max_length=200, default="")

    class Meta:
        indexes = ((("session", "person"), True),)


class Placement(BaseModel):
    """就业安置/再就业: a person back in work."""

    id = peewee.AutoField()
    person = peewee.ForeignKeyField(Person, backref="placements", on_delete="RESTRICT")
    person_id: int
    group = peewee.CharField(max_length=8, index=True)        # 下岗职工 / 农民工 / 失业人员 / 其他
    employer = peewee.CharField(max_length=128)
    job = peewee.CharField(max_length=64, default="")
    on_date = peewee.DateField(index=True)
    how_found = peewee.CharField(max_length=16, default="")
    household = peewee.ForeignKeyField(Household, null=True, backref="placements", on_delete="SET NULL")
    household_id: int | None
    note = peewee.CharField(max_length=200, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class Referral(BaseModel):
    """职业介绍: a person introduced to an employer, and how it went."""

    id = peewee.AutoField()
    person = peewee.ForeignKeyField(Person, backref="referrals", on_delete="RESTRICT")
    person_id: int
    employer = peewee.CharField(max_length=128)
    on_date = peewee.DateField(index=True)
    outcome = peewee.CharField(max_length=8, default="待反馈")   # 已录用 / 未录用 / 待反馈
    note = peewee.CharField(max_length=200, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class Loan(BaseModel):
    """创业贷款: a start-up loan arranged for a person (the reports count those to laid-off women)."""

    id = peewee.AutoField()
    person = peewee.ForeignKeyField(Person, backref="loans", on_delete="RESTRICT")
    person_id: int
    amount = CentsField()
    bank = peewee.CharField(max_length=64)
    on_date = peewee.DateField(index=True)
    term_months = peewee.IntegerField(default=12)
    subsidy = CentsField(default=0)                          # 贴息
    repayment = peewee.CharField(max_length=8, default="还款中")  # 还款中 / 已结清 / 逾期
    household = peewee.ForeignKeyField(Household, null=True, backref="loans", on_delete="SET NULL")
    household_id: int | None
    note = peewee.CharField(max_length=200, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class Pairing(BaseModel):
    """一对一结对帮扶: a cadre paired with a household from a date."""

    id = peewee.AutoField()
    cadre_name = peewee.CharField(max_length=32)
    cadre_unit = peewee.CharField(max_length=128, default="")
    cadre_phone = peewee.CharField(max_length=20, default="")
    household = peewee.ForeignKeyField(Household, backref="pairings", on_delete="CASCADE")
    household_id: int
    start_date = peewee.DateField(index=True)
    end_date = peewee.DateField(null=True)
    note = peewee.CharField(max_length=200, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class PairingAid(BaseModel):
    """What a pairing gave: money, goods (with value), a project, job/income information, legal help."""

    id = peewee.AutoField()
    pairing = peewee.ForeignKeyField(Pairing, backref="aid", on_delete="CASCADE")
    pairing_id: int
    on_date = peewee.DateField(index=True)
    kind = peewee.CharField(max_length=8, index=True)       # 资金 / 物品 / 项目 / 致富信息 / 法律援助
    amount = CentsField(default=0)                           # money, or the value of goods
    count = peewee.IntegerField(default=1)                   # e.g. pieces of information
    description = peewee.CharField(max_length=200, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class MutualAidEnrolment(BaseModel):
    """职工互助保障: a person enrolled in a plan for a year."""

    id = peewee.AutoField()
    person = peewee.ForeignKeyField(Person, backref="mutual_aid", on_delete="RESTRICT")
    person_id: int
    year = peewee.IntegerField(index=True)
    plan = peewee.CharField(max_length=32)
    premium = CentsField(default=0)
    work_unit = peewee.CharField(max_length=128, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)

    class Meta:
        indexes = ((("person", "year", "plan"), True),)


class MutualAidClaim(BaseModel):
    """A claim paid under an enrolment (住院, 重疾 …)."""

    id = peewee.AutoField()
    enrolment = peewee.ForeignKeyField(MutualAidEnrolment, backref="claims", on_delete="RESTRICT")
    enrolment_id: int
    on_date = peewee.DateField(index=True)
    kind = peewee.CharField(max_length=8)
    amount = CentsField()
    note = peewee.CharField(max_length=200, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)
