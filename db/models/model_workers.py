"""Model workers (劳模): archive and honours, the status ledger, visits, health checks,
the hardship-subsidy special account, supplementary insurance and practical help."""

from __future__ import annotations

import datetime

import peewee

from db.fields import CentsField
from db.models.base import BaseModel
from db.models.people import Person
from db.models.relief import Fund


class ModelWorker(BaseModel):
    """劳模档案: one person; the current status comes from the ledger, never typed."""

    id = peewee.AutoField()
    person = peewee.ForeignKeyField(Person, unique=True, backref="model_worker", on_delete="RESTRICT")
    person_id: int
    work_unit = peewee.CharField(max_length=128, default="")
    job = peewee.CharField(max_length=64, default="")
    phone = peewee.CharField(max_length=20, default="")
    address = peewee.CharField(max_length=200, default="")
    studio = peewee.CharField(max_length=128, default="")     # 劳模创新工作室
    photo = peewee.BlobField(null=True)
    note = peewee.TextField(default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class Honour(BaseModel):
    """称号: 劳动模范, 先进工作者, 五一劳动奖章 … with its level and year."""

    id = peewee.AutoField()
    model_worker = peewee.ForeignKeyField(ModelWorker, backref="honours", on_delete="CASCADE")
    model_worker_id: int
    title = peewee.CharField(max_length=32)
    level = peewee.CharField(max_length=8, index=True)        # 全国 / 省部级 / 市级 / 县级
    year = peewee.IntegerField()
    document_no = peewee.CharField(max_length=64, default="")


class ModelWorkerEvent(BaseModel):
    """动态管理: every change of status, dated, with reason and document; nothing is overwritten."""

    id = peewee.AutoField()
    model_worker = peewee.ForeignKeyField(ModelWorker, backref="events", on_delete="CASCADE")
    model_worker_id: int
    on_date = peewee.DateField(index=True)
    event = peewee.CharField(max_length=8)                    # 新增 / 调出 / 退休 / 去世 / 撤销称号
    status_after = peewee.CharField(max_length=8)             # 在职 / 退休 / 调出 / 去世 / 撤销称号
    reason = peewee.CharField(max_length=200, default="")
    document_no = peewee.CharField(max_length=64, default="")
    by_name = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class ModelWorkerVisit(BaseModel):
    """走访慰问: a visit (重大节日, 突发困难, 思想波动, 生病住院), who went, money or gifts, from which fund."""

    id = peewee.AutoField()
    model_worker = peewee.ForeignKeyField(ModelWorker, backref="visits", on_delete="CASCADE")
    model_worker_id: int
    on_date = peewee.DateField(index=True)
    occasion = peewee.CharField(max_length=8)
    round_name = peewee.CharField(max_length=64, default="", index=True)   # a visit round, e.g. 2025年春节走访
    visitors = peewee.CharField(max_length=64, default="")
    amount = CentsField(default=0)
    gifts = peewee.CharField(max_length=100, default="")
    fund = peewee.ForeignKeyField(Fund, null=True, backref="model_worker_visits", on_delete="RESTRICT")
    fund_id: int | None
    note = peewee.CharField(max_length=200, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class HealthCheck(BaseModel):
    """体检: once a year for model workers at city level and above."""

    id = peewee.AutoField()
    model_worker = peewee.ForeignKeyField(ModelWorker, backref="health_checks", on_delete="CASCADE")
    model_worker_id: int
    year = peewee.IntegerField(index=True)
    hospital = peewee.CharField(max_length=64)
    on_date = peewee.DateField()
    summary = peewee.TextField(default="")


class SubsidyEntry(BaseModel):
    """困难劳模补助金专户: money in (no worker) and payments to a worker for a period; never below zero."""

    id = peewee.AutoField()
    on_date = peewee.DateField(index=True)
    model_worker = peewee.ForeignKeyField(ModelWorker, null=True, backref="subsidies", on_delete="RESTRICT")
    model_worker_id: int | None
    period = peewee.CharField(max_length=32, default="")       # e.g. 2025年上半年
    amount = CentsField()                                      # > 0 in; payments stored as > 0 with a worker
    source = peewee.CharField(max_length=16, default="")       # for money in
    document_no = peewee.CharField(max_length=64, default="")
    note = peewee.CharField(max_length=200, default="")
    created_by = peewee.CharField(max_length=32, default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class SupplementaryInsurance(BaseModel):
    """补充保险: a year's policy for a model worker."""

    id = peewee.AutoField()
    model_worker = peewee.ForeignKeyField(ModelWorker, backref="insurances", on_delete="CASCADE")
    model_worker_id: int
    year = peewee.IntegerField()
    insurer = peewee.CharField(max_length=64)
    premium = CentsField(default=0)


class PracticalHelp(BaseModel):
    """为劳模办实事: what was done, and when."""

    id = peewee.AutoField()
    model_worker = peewee.ForeignKeyField(ModelWorker, backref="practical_help", on_delete="CASCADE")
    model_worker_id: int
    on_date = peewee.DateField(index=True)
    what = peewee.CharField(max_length=200)
    note = peewee.CharField(max_length=200, default="")
