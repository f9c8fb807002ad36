"""Office settings, the dated 低保 line and the configurable value lists."""

from __future__ import annotations

import peewee

from db.fields import CentsField
from db.models.base import BaseModel


class Setting(BaseModel):
    """One office setting (帮扶中心名称, 公示天数 …) as text."""

    key = peewee.CharField(max_length=64, primary_key=True)
    value = peewee.TextField()


class PovertyLine(BaseModel):
    """The local 低保 line (元/人/月), valid from a date until the next row's date."""

    id = peewee.AutoField()
    effective_from = peewee.DateField(unique=True)
    monthly_amount = CentsField()
    note = peewee.CharField(max_length=200, default="")


class ValueListItem(BaseModel):
    """One allowed value of a configurable list (困难类别, 致困原因 …)."""

    id = peewee.AutoField()
    list_name = peewee.CharField(max_length=32)
    value = peewee.CharField(max_length=64)
    sort_order = peewee.IntegerField(default=0)
    active = peewee.BooleanField(default=True)

    class Meta:
        indexes = ((("list_name", "value"), True),)
