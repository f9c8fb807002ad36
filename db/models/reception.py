"""Reception and legal aid: petitions (信访接待) with their four records, legal cases (法律援助) with applicants."""

from __future__ import annotations

import datetime

import peewee

from db.fields import CentsField
from db.models.base import BaseModel
from db.models.households import Household
from db.models.people import Person


class LegalCase(BaseModel):
    """法律援助/劳动争议案件: one or many workers against an employer, with dated stages and the money recovered."""

    id = peewee.AutoField()
    case_no = peewee.CharField(max_length=32, unique=True)
    respondent = peewee.CharField(max_length=128)            # 被申请单位
    cause = peewee.CharField(max_length=16, index=True)       # 案由
    handling = peewee.CharField(max_length=16, index=True)    # 处理方式
    partner = peewee.CharField(max_length=64, default="")     # 联合执法的单位, e.g. 劳动监察大队
    lawyer = peewee.CharField(max_length=32, default="")      # 承办律师
    workers_involved = peewee.IntegerField(default=1)         # 涉及职工人数 (named or not)
    amount_claimed = CentsField(default=0)
    amount_recovered = CentsField(default=0)                  # 追回/赔偿金额
    stage = peewee.CharField(max_length=8, index=True)        # the latest stage: 受理 … 结案
    accepted_on = peewee.DateField(index=True)
    closed_on = peewee.DateField(null=True, index=True)
    outcome = peewee.TextField(default="")
    note = peewee.TextField(default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class LegalApplicant(BaseModel):
    """One named worker of a case, with their own amounts where known."""

    id = peewee.AutoField()
    case = peewee.ForeignKeyField(LegalCase, backref="applicants", on_delete="CASCADE")
    case_id: int
    person = peewee.ForeignKeyField(Person, backref="legal_cases", on_delete="RESTRICT")
    person_id: int
    amount_claimed = CentsField(null=True)
    amount_recovered = CentsField(null=True)


class LegalCaseStage(BaseModel):
    """A dated stage of a case (受理, 调解, 仲裁, 诉讼, 结案), appended and never edited."""

    id = peewee.AutoField()
    case = peewee.ForeignKeyField(LegalCase, backref="stages", on_delete="CASCADE")
    case_id: int
    stage = peewee.CharField(max_length=8)
    on_date = peewee.DateField()
    note = peewee.TextField(default="")
    by_name = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)

    class Meta:
        table_name = "legal_stage"  # "legal_case_stage" is the name of the index on LegalCase.stage


class Petition(BaseModel):
    """信访接待: a letter, call or visit, and the four records — 登记, 送达办理, 办结, 帮扶档案."""

    id = peewee.AutoField()
    channel = peewee.CharField(max_length=4, index=True)       # 来信/来电/来访
    received_at = peewee.DateTimeField(index=True)
    person = peewee.ForeignKeyField(Person, null=True, backref="petitions", on_delete="RESTRICT")
    person_id: int | None
    anonymous = peewee.BooleanField(default=False)
    name = peewee.CharField(max_length=64, default="")           # as given (blank when anonymous)
    contact = peewee.CharField(max_length=32, default="")
    work_unit = peewee.CharField(max_length=128, default="")
    category = peewee.CharField(max_length=8, index=True)
    content = peewee.TextField()
    workers = peewee.IntegerField(default=1)                     # how many workers the matter concerns
    registered_by = peewee.CharField(max_length=32, default="")
    handed_to = peewee.CharField(max_length=64, null=True)       # 送达办理: department or person
    handed_on = peewee.DateField(null=True)
    handed_by = peewee.CharField(max_length=32, null=True)
    due_on = peewee.DateField(index=True)                        # received + the office's time limit
    closed_on = peewee.DateField(null=True, index=True)
    closed_by = peewee.CharField(max_length=32, null=True)
    result = peewee.TextField(default="")                        # 办结: what was done
    reply = peewee.TextField(default="")                         # what the worker was told
    household = peewee.ForeignKeyField(Household, null=True, backref="petitions", on_delete="SET NULL")
    household_id: int | None
    legal_case = peewee.ForeignKeyField(LegalCase, null=True, backref="petitions", on_delete="SET NULL")
    legal_case_id: int | None
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class PetitionEvent(BaseModel):
    """One step of a petition's handling (登记, 送达办理, 办结, 关联档案 …), appended and never edited."""

    id = peewee.AutoField()
    petition = peewee.ForeignKeyField(Petition, backref="events", on_delete="CASCADE")
    petition_id: int
    action = peewee.CharField(max_length=8)
    on_date = peewee.DateField()
    by_name = peewee.CharField(max_length=32, default="")
    note = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)
