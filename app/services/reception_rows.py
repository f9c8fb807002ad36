"""Bulk reading of contacts (信访), legal cases and their applicants as register rows (dicts keyed by field key).

Rows are written as the imports read them: the date and the time of a contact in two columns,
its file by 档案编号 and its case by 案件编号, a case's latest stage with the day it began.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import peewee

from app import clock
from app.services.petitions import status_of
from db.database import dicts, tuples
from db.models import Household, LegalApplicant, LegalCase, LegalCaseStage, Person, Petition

ID_CHUNK = 500
MIDNIGHT = datetime.time()
TIMED_STAGES = ("调解", "仲裁", "诉讼")   # stages whose start day is a column of their own


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[start:start + ID_CHUNK]) for start in range(0, len(ids), ID_CHUNK)]


def _in_order(rows: list[dict[str, Any]], ids: Sequence[int]) -> list[dict[str, Any]]:
    position = {i: n for n, i in enumerate(ids)}
    return sorted(rows, key=lambda r: position[r["_id"]])


def _select(query: Any, model: Any, ids: Sequence[int] | None, order: Sequence[Any]) -> list[dict[str, Any]]:
    """Every row in `order`, or the given ones in the order given."""
    if ids is None:
        return list(dicts(query.order_by(*order)))
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(ids):
        rows += _in_order(list(dicts(query.where(model.id.in_(chunk)))), chunk)
    return rows


def petition_rows(ids: Sequence[int] | None = None) -> list[dict[str, object]]:
    """Every contact by the time received (or the given ones in order), with its four records."""
    outer = peewee.JOIN.LEFT_OUTER
    query = (Petition.select(Petition.id.alias("_id"), Petition.received_at.alias("received_at"),
                             Petition.channel.alias("channel"), Petition.name.alias("name"),
                             Person.id_number.alias("id_number"), Petition.contact.alias("contact"),
                             Petition.work_unit.alias("work_unit"), Petition.category.alias("category"),
                             Petition.content.alias("content"), Petition.workers.alias("workers"),
                             Petition.registered_by.alias("registered_by"), Petition.handed_to.alias("handed_to"),
                             Petition.handed_on.alias("handed_on"), Petition.handed_by.alias("handed_by"),
                             Petition.closed_on.alias("closed_on"), Petition.closed_by.alias("closed_by"),
                             Petition.result.alias("result"), Petition.reply.alias("reply"),
                             Household.file_no.alias("file_no"), LegalCase.case_no.alias("case_no"),
                             Petition.due_on.alias("due_on"))
             .join(Person, outer, on=(Petition.person == Person.id)).switch(Petition)
             .join(Household, outer, on=(Petition.household == Household.id)).switch(Petition)
             .join(LegalCase, outer, on=(Petition.legal_case == LegalCase.id)))
    rows: list[dict[str, object]] = []
    today = clock.today()
    for row in _select(query, Petition, ids, (Petition.received_at, Petition.id)):
        received: datetime.datetime = row.pop("received_at")
        row["received_on"] = received.date()
        row["received_time"] = received.time() if received.time() != MIDNIGHT else None
        status = str(status_of(row["handed_on"], row["closed_on"]))
        overdue = row["closed_on"] is None and row["due_on"] < today
        row["status"] = status + ("（已超期）" if overdue else "")
        rows.append(row)
    return rows


def case_rows(ids: Sequence[int] | None = None) -> list[dict[str, object]]:
    """Every case by the day accepted (or the given ones in order), with its latest stage and named applicants."""
    query = LegalCase.select(
        LegalCase.id.alias("_id"), LegalCase.case_no.alias("case_no"), LegalCase.respondent.alias("respondent"),
        LegalCase.cause.alias("cause"), LegalCase.handling.alias("handling"), LegalCase.partner.alias("partner"),
        LegalCase.lawyer.alias("lawyer"), LegalCase.workers_involved.alias("workers_involved"),
        LegalCase.amount_claimed.alias("amount_claimed"), LegalCase.accepted_on.alias("accepted_on"),
        LegalCase.stage.alias("stage"), LegalCase.closed_on.alias("closed_on"), LegalCase.outcome.alias("outcome"),
        LegalCase.amount_recovered.alias("amount_recovered"), LegalCase.note.alias("note"))
    rows = _select(query, LegalCase, ids, (LegalCase.accepted_on, LegalCase.id))
    wanted = [r["_id"] for r in rows]
    named: dict[int, int] = {}
    began: dict[int, datetime.date] = {}
    for chunk in _chunks(wanted):
        named.update(tuples(LegalApplicant.select(LegalApplicant.case, peewee.fn.COUNT(LegalApplicant.id))
                            .where(LegalApplicant.case.in_(chunk)).group_by(LegalApplicant.case)))
        for case_id, stage, on_date in tuples(LegalCaseStage.select(LegalCaseStage.case, LegalCaseStage.stage,
                                                                    LegalCaseStage.on_date)
                                              .where(LegalCaseStage.case.in_(chunk)).order_by(LegalCaseStage.id)):
            if stage in TIMED_STAGES:
                began[case_id] = on_date
    for row in rows:
        row["named"] = named.get(row["_id"], 0)
        row["stage_on"] = began.get(row["_id"]) if row["stage"] in TIMED_STAGES else None
        if row["closed_on"] is None and row["amount_recovered"] == Decimal("0.00"):
            row["amount_recovered"] = None
    return list(rows)


def applicant_rows(case_ids: Sequence[int] | None = None) -> list[dict[str, object]]:
    """The named workers of every case (or of the given cases), case by case as listed in case_rows."""
    query = (LegalApplicant.select(LegalApplicant.case.alias("_case"), LegalCase.case_no.alias("case_no"),
                                   Person.name.alias("name"), Person.id_number.alias("id_number"),
                                   LegalApplicant.amount_claimed.alias("amount_claimed"),
                                   LegalApplicant.amount_recovered.alias("amount_recovered"))
             .join(LegalCase, on=(LegalApplicant.case == LegalCase.id)).switch(LegalApplicant)
             .join(Person, on=(LegalApplicant.person == Person.id)))
    order = (LegalCase.accepted_on, LegalCase.id, LegalApplicant.id)
    if case_ids is None:
        return list(dicts(query.order_by(*order)))
    rows: list[dict[str, object]] = []
    position = {i: n for n, i in enumerate(case_ids)}
    for chunk in _chunks(case_ids):
        rows += dicts(query.where(LegalApplicant.case.in_(chunk)).order_by(*order))
    return sorted(rows, key=lambda r: position[int(str(r["_case"]))])
