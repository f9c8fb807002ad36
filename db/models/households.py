"""Hardship files (困难职工档案): Household, its FamilyMember rows and HouseholdEvent history."""

from __future__ import annotations

import datetime

import peewee

from db.fields import CentsField
from db.models.base import BaseModel
from db.models.people import Person


class Household(BaseModel):
    """困难职工档案 (户): one file per household, headed by a worker (职工本人)."""

    id = peewee.AutoField()
    file_no = peewee.CharField(max_length=32, unique=True)
    filing_level = peewee.CharField(max_length=8, null=True)
    head = peewee.ForeignKeyField(Person, backref="headed_files", on_delete="RESTRICT")
    head_id: int  # peewee's raw foreign-key accessor, declared for the type checker
    category = peewee.CharField(max_length=16, null=True, index=True)
    category_reason = peewee.CharField(max_length=200, null=True)
    identity = peewee.CharField(max_length=8, index=True)
    main_cause = peewee.CharField(max_length=32, null=True, index=True)
    secondary_causes = peewee.CharField(max_length=200, default="")
    work_status = peewee.CharField(max_length=16, null=True)
    model_worker_type = peewee.CharField(max_length=8, null=True)
    single_parent = peewee.BooleanField(default=False)
    zero_employment = peewee.BooleanField(default=False)
    unit_nature = peewee.CharField(max_length=16, null=True)
    enterprise_status = peewee.CharField(max_length=16, null=True)
    industry = peewee.CharField(max_length=32, null=True)
    union_name = peewee.CharField(max_length=128, null=True, index=True)
    head_monthly_income = CentsField(default=0)
    other_annual_income = CentsField(default=0)
    rigid_expenses = CentsField(default=0)
    accident_losses = CentsField(default=0)
    # Derived by the service on every save, stored so lists can sort and filter by them.
    household_size = peewee.IntegerField(default=1)
    annual_income = CentsField(default=0)
    per_capita_monthly = CentsField(default=0)
    receives_dibao = peewee.BooleanField(default=False)
    dibao_amount = CentsField(default=0)
    housing_type = peewee.CharField(max_length=16, null=True)
    housing_area = CentsField(null=True)  # m², two decimals
    bank_name = peewee.CharField(max_length=64, null=True)
    bank_branch = peewee.CharField(max_length=64, null=True)
    card_number = peewee.CharField(max_length=32, null=True)
    attachments = peewee.CharField(max_length=300, default="")
    filed_by = peewee.CharField(max_length=32, null=True)
    reviewed_by = peewee.CharField(max_length=32, null=True)
    entered_by = peewee.CharField(max_length=32, null=True)
    hardship_cert_no = peewee.CharField(max_length=32, null=True)
    note = peewee.TextField(default="")
    status = peewee.CharField(max_length=8, index=True)
    status_since = peewee.DateField()
    filed_on = peewee.DateField(index=True)
    approved_on = peewee.DateField(null=True)
    last_recheck_on = peewee.DateField(null=True)
    surveyed_on = peewee.DateField(null=True)
    notice_start = peewee.DateField(null=True)
    notice_end = peewee.DateField(null=True)
    closed_on = peewee.DateField(null=True)
    close_reason = peewee.CharField(max_length=32, null=True)
    created_at = peewee.DateTimeField(default=datetime.datetime.now)
    updated_at = peewee.DateTimeField(default=datetime.datetime.now, index=True)


class FamilyMember(BaseModel):
    """家庭成员: a person living in the household, other than the head."""

    id = peewee.AutoField()
    household = peewee.ForeignKeyField(Household, backref="members", on_delete="CASCADE")
    person = peewee.ForeignKeyField(Person, backref="memberships", on_delete="RESTRICT")
    household_id: int
    person_id: int
    relation = peewee.CharField(max_length=16)
    monthly_income = CentsField(default=0)
    identity = peewee.CharField(max_length=16, null=True)
    unit_or_school = peewee.CharField(max_length=128, null=True)
    education = peewee.CharField(max_length=8, null=True)
    enrol_year = peewee.IntegerField(null=True)
    schooling_years = peewee.IntegerField(null=True)
    sort_order = peewee.IntegerField(default=0)


class HouseholdEvent(BaseModel):
    """One dated lifecycle step of a file (申报, 基层审核 … 退档), appended and never edited."""

    id = peewee.AutoField()
    household = peewee.ForeignKeyField(Household, backref="events", on_delete="CASCADE")
    household_id: int
    on_date = peewee.DateField()
    action = peewee.CharField(max_length=8)
    status_after = peewee.CharField(max_length=8)
    by_name = peewee.CharField(max_length=32, default="")
    note = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=datetime.datetime.now)


class HouseholdSearch(BaseModel):
    """The text search-as-you-type scans: name, pinyin forms, ID, phone, unit, file number.

    Kept in its own narrow table so a scan reads a few MB, not every column of every file.
    """

    household = peewee.ForeignKeyField(Household, primary_key=True, on_delete="CASCADE",
                                       backref="search_row")
    text = peewee.TextField()
