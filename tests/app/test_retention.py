"""Closed files are kept ten years, then offered for review and deleted by an administrator."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from app import clock
from app.errors import KnownError, PermissionDenied
from app.services import accounts, lifecycle, retention
from app.services import household_search as search
from app.services import households as hs
from app.session import Role
from db.models import AuditRecord, Person
from tests.factories import make_form

D = datetime.date


def _closed(seed: int, day: datetime.date) -> int:
    hid = hs.create_household(make_form(seed, filed_on=D(2013, 1, 1))).household_ids[0]
    lifecycle.apply_step(hid, lifecycle.StepRequest(lifecycle.A.REJECT, day, note="收入超过标准"))
    return hid


def test_only_files_closed_ten_years_ago_are_offered_and_purged(office: Path) -> None:
    clock.fix_today(D(2014, 1, 1))
    old = _closed(1, D(2014, 1, 1))
    clock.fix_today(D(2015, 8, 1))
    young = _closed(2, D(2015, 8, 1))  # ten years are up only on 2025-08-01
    clock.fix_today(D(2025, 6, 30))
    assert search.search_ids(search.HouseholdQuery(queue=search.Queue.PAST_RETENTION)) == [old]
    with pytest.raises(KnownError, match="未到期"):
        retention.purge_households([old, young])
    people_before = Person.select().count()
    assert retention.purge_households([old]) == 1
    assert Person.select().count() == people_before - 3  # the head and two members
    with pytest.raises(KnownError):
        hs.get_household(old)
    assert hs.get_household(young).status == "不予认定"
    record = AuditRecord.select().where(AuditRecord.action == "清理档案").get()
    assert "2013-0001" in record.details


def test_a_clerk_may_not_purge(office: Path) -> None:
    clock.fix_today(D(2014, 1, 1))
    old = _closed(3, D(2014, 1, 1))
    clock.fix_today(D(2025, 6, 30))
    accounts.create_account("jingban", "张经办", Role.CLERK, "clerk-pass-1")
    accounts.sign_in("jingban", "clerk-pass-1")
    with pytest.raises(PermissionDenied):
        retention.purge_households([old])
