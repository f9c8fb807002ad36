"""Help given (救助): funds and their money in, campaigns, relief records and their in-kind items."""

from __future__ import annotations

import datetime

import peewee

from db.fields import CentsField
from db.models.base import BaseModel
from db.models.households import Household
from db.models.people import Person


class Fund(BaseModel):
    """资金: one pot of money (e.g. 2024年送温暖资金); 专户 for the model workers' subsidy."""

    id = peewee.AutoField()
    name = peewee.CharField(max_length=64, unique=True)
    special = peewee.BooleanField(default=False)
    note = peewee.CharField(max_length=200, default="")
    active = peewee.BooleanField(default=True)
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class FundEntry(BaseModel):
    """资金收入: money in from a source (上级拨款, 财政配套 …); negative only as a correction with a note."""

    id = peewee.AutoField()
    fund = peewee.ForeignKeyField(Fund, backref="entries", on_delete="RESTRICT")
    fund_id: int
    on_date = peewee.DateField(index=True)
    source = peewee.CharField(max_length=16)
    amount = CentsField()
    document_no = peewee.CharField(max_length=32, default="")
    note = peewee.CharField(max_length=200, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class Campaign(BaseModel):
    """帮扶活动/批次: a named drive (2024年元旦春节送温暖, 金秋助学 …) with its standard and fund."""

    id = peewee.AutoField()
    name = peewee.CharField(max_length=64, unique=True)
    relief_type = peewee.CharField(max_length=16)
    start_date = peewee.DateField()
    end_date = peewee.DateField()
    standard_amount = CentsField(null=True)
    standard_items = peewee.CharField(max_length=200, default="")
    fund = peewee.ForeignKeyField(Fund, null=True, backref="campaigns", on_delete="RESTRICT")
    fund_id: int | None
    note = peewee.TextField(default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class Relief(BaseModel):
    """帮扶救助记录: one act of help to one person (and their household if filed)."""

    id = peewee.AutoField()
    person = peewee.ForeignKeyField(Person, backref="reliefs", on_delete="RESTRICT")
    person_id: int
    household = peewee.ForeignKeyField(Household, null=True, backref="reliefs", on_delete="SET NULL")
    household_id: int | None
    relief_type = peewee.CharField(max_length=16, index=True)
    on_date = peewee.DateField(index=True)
    amount = CentsField(default=0)        # cash
    goods_value = CentsField(default=0)   # value of the in-kind items; the fund pays amount + goods_value
    fund = peewee.ForeignKeyField(Fund, null=True, backref="reliefs", on_delete="RESTRICT")
    fund_id: int | None
    campaign = peewee.ForeignKeyField(Campaign, null=True, backref="reliefs", on_delete="RESTRICT")
    campaign_id: int | None
    handler = peewee.CharField(max_length=32, default="")
    temporary = peewee.BooleanField(default=False)
    duplicate_reason = peewee.CharField(max_length=200, null=True)
    overdraw_reason = peewee.CharField(max_length=200, null=True)
    note = peewee.TextField(default="")
    hospital = peewee.CharField(max_length=64, null=True)
    diagnosis = peewee.CharField(max_length=64, null=True)
    total_cost = CentsField(null=True)
    insurance_paid = CentsField(null=True)
    self_paid = CentsField(null=True)
    student = peewee.ForeignKeyField(Person, null=True, backref="studies", on_delete="RESTRICT")
    student_id: int | None
    school = peewee.CharField(max_length=64, null=True)
    school_level = peewee.CharField(max_length=8, null=True)
    admission_year = peewee.IntegerField(null=True)
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class ReliefItem(BaseModel):
    """物资: goods given with a relief (夏凉被 × 1, value 85.00)."""

    id = peewee.AutoField()
    relief = peewee.ForeignKeyField(Relief, backref="items", on_delete="CASCADE")
    relief_id: int
    name = peewee.CharField(max_length=32)
    quantity = peewee.IntegerField(default=1)
    unit = peewee.CharField(max_length=8, default="")
    value = CentsField(default=0)
