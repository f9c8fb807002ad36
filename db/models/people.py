"""Person (人员): anyone the office deals with, one row per person, keyed by ID number."""

from __future__ import annotations

import datetime

import peewee

from db.models.base import BaseModel


class Person(BaseModel):
    """人员: worker, family member, student, trainee, model worker or petitioner."""

    id = peewee.AutoField()
    name = peewee.CharField(max_length=64)
    id_number = peewee.CharField(max_length=18, null=True, unique=True)  # 公民身份号码, text
    sex = peewee.CharField(max_length=2, null=True)
    birth_date = peewee.DateField(null=True)
    ethnicity = peewee.CharField(max_length=16, null=True)
    political_status = peewee.CharField(max_length=16, null=True)
    health = peewee.CharField(max_length=16, null=True)
    disability_type = peewee.CharField(max_length=16, null=True)
    disability_grade = peewee.CharField(max_length=8, null=True)
    marital_status = peewee.CharField(max_length=8, null=True)
    hukou_type = peewee.CharField(max_length=8, null=True)
    hukou_place = peewee.CharField(max_length=128, null=True)
    medical_insurance = peewee.CharField(max_length=16, null=True)
    phone = peewee.CharField(max_length=20, null=True)
    work_unit = peewee.CharField(max_length=128, null=True)
    address = peewee.CharField(max_length=200, null=True)
    name_pinyin = peewee.CharField(max_length=200, default="", index=True)  # sort key
    created_at = peewee.DateTimeField(default=datetime.datetime.now)
    updated_at = peewee.DateTimeField(default=datetime.datetime.now)
