"""Files kept past their time: closed files are kept 10 years, then reviewed and deleted."""

from __future__ import annotations

from collections.abc import Sequence

import peewee

from app import clock, session
from app.errors import KnownError
from app.services import audit
from app.services.audit import AuditAction
from app.services.household_search import RETENTION_YEARS, past_retention
from app.session import Permission
from db.database import database, tuples
from db.models import FamilyMember, Household, Person


def purge_households(household_ids: Sequence[int]) -> int:
    """Delete closed files kept their full ten years (administrators, after review), and the
    people recorded only in them; one audit record names every file number. All or nothing."""
    session.require(Permission.PURGE)
    ids = list(dict.fromkeys(household_ids))
    if not ids:
        raise KnownError("没有选择要清理的档案。")
    with database.atomic("IMMEDIATE"):
        rows = list(tuples(Household.select(Household.id, Household.file_no, Household.head)
                           .where(Household.id.in_(ids), past_retention(clock.today()))))
        if len(rows) != len(ids):
            raise KnownError(f"只能清理退档、脱困或不予认定已满{RETENTION_YEARS}年的档案；"
                             "所选档案中有未到期的，未做任何删除。")
        people = {head for _hid, _no, head in rows}
        people |= {pid for (pid,) in tuples(FamilyMember.select(FamilyMember.person)
                                            .where(FamilyMember.household.in_(ids)))}
        Household.delete().where(Household.id.in_(ids)).execute()
        unused = [pid for pid in sorted(people) if _delete_if_unused(pid)]
        numbers = sorted(no for _hid, no, _head in rows)
        audit.record(AuditAction.PURGE, target_kind="household", target_label=f"{len(rows)}户",
                     details={"档案编号": numbers, "删除人员": len(unused)})
    return len(rows)


def _delete_if_unused(person_id: int) -> bool:
    """Delete a person no record refers to any more; the database's foreign keys say whether one does
    (reliefs, petitions, cases, trainings, model workers and other files all keep their people)."""
    try:
        with database.atomic():
            Person.delete().where(Person.id == person_id).execute()
    except peewee.IntegrityError:
        return False
    return True
