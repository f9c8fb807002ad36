"""Bulk reading of the 培训就业 records as register rows (dicts keyed by field key) for export.

Each register is read in a few joined queries; a row names what it refers to as the import reads it
(a session by name, a household by its head's ID number, an enrolment by ID number, year and plan), so an
exported sheet imports as it stands into another database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import peewee

from app.registers.employment import GROUP_COLUMNS
from app.services import employment_rules as rules
from app.services import pairing, training
from db.database import tuples
from db.fields import from_cents
from db.models import (
    Household,
    Loan,
    MutualAidClaim,
    MutualAidEnrolment,
    Pairing,
    PairingAid,
    Person,
    Placement,
    Referral,
    Trainee,
    TrainingSession,
)

Rows = list[dict[str, object]]
Head = Person.alias("head")


def _limit(query: Any, column: Any, ids: Sequence[int] | None) -> Any:
    return query if ids is None else query.where(column.in_(list(ids)))


def _ordered(rows: Rows, ids: Sequence[int] | None) -> Rows:
    """Rows in the order of the ids asked for (a selection keeps its order), else as queried."""
    if ids is None:
        return rows
    position = {i: n for n, i in enumerate(ids)}
    return sorted(rows, key=lambda r: position.get(int(str(r["_id"])), 0))


def session_rows(ids: Sequence[int] | None) -> Rows:
    """培训班 with their counts; all sessions oldest first, or the given ones."""
    if ids is None:
        ids = [i for (i,) in tuples(TrainingSession.select(TrainingSession.id)
                                    .order_by(TrainingSession.start_date, TrainingSession.id))]
    rows: Rows = []
    for s in training.session_views(ids):
        row: dict[str, object] = {"_id": s.id, "name": s.name, "kind": s.kind, "trade": s.trade,
                                  "start_date": s.start_date, "end_date": s.end_date, "place": s.place,
                                  "organiser": s.organiser, "cost": s.cost, "fund": s.fund, "note": s.note,
                                  "trainees": s.trainees, "completed": s.completed, "certified": s.certified}
        row.update({GROUP_COLUMNS[g]: n for g, n in s.by_group.items() if g in GROUP_COLUMNS})
        rows.append(row)
    return rows


def trainee_rows(ids: Sequence[int] | None, *, sessions: Sequence[int] | None = None) -> Rows:
    """培训学员: the given trainees, or those of the given sessions, or all; by session, then as added."""
    query = (Trainee.select(Trainee.id, TrainingSession.name, Person.id, Person.name, Person.id_number, Person.sex,
                            Trainee.group, Trainee.completed, Trainee.certificate_no, Person.phone, Person.work_unit,
                            Trainee.note)
             .join(TrainingSession).switch(Trainee).join(Person)
             .order_by(TrainingSession.start_date, TrainingSession.id, Trainee.id))
    query = _limit(_limit(query, Trainee.id, ids), Trainee.session, sessions)
    found = list(tuples(query))
    files = rules.files_of([r[2] for r in found])
    keys = ("_id", "session", "_person", "name", "id_number", "sex", "group", "completed", "certificate_no", "phone",
            "work_unit", "note")
    rows = [dict(zip(keys, r, strict=True)) for r in found]
    for row in rows:
        row["file_no"] = files.get(int(str(row["_person"])), "")
    return _ordered(rows, ids)


def placement_rows(ids: Sequence[int] | None) -> Rows:
    query = (Placement.select(Placement.id, Person.name, Person.id_number, Placement.group, Placement.employer,
                              Placement.job, Placement.on_date, Placement.how_found, Household.file_no, Placement.note)
             .join(Person, on=(Placement.person == Person.id)).switch(Placement)
             .join(Household, peewee.JOIN.LEFT_OUTER, on=(Placement.household == Household.id))
             .order_by(Placement.on_date, Placement.id))
    keys = ("_id", "name", "id_number", "group", "employer", "job", "on_date", "how_found", "file_no", "note")
    return _ordered([dict(zip(keys, r, strict=True)) for r in tuples(_limit(query, Placement.id, ids))], ids)


def referral_rows(ids: Sequence[int] | None) -> Rows:
    query = (Referral.select(Referral.id, Person.name, Person.id_number, Referral.employer, Referral.on_date,
                             Referral.outcome, Referral.note)
             .join(Person).order_by(Referral.on_date, Referral.id))
    keys = ("_id", "name", "id_number", "employer", "on_date", "outcome", "note")
    return _ordered([dict(zip(keys, r, strict=True)) for r in tuples(_limit(query, Referral.id, ids))], ids)


def loan_rows(ids: Sequence[int] | None) -> Rows:
    query = (Loan.select(Loan.id, Person.name, Person.id_number, Person.sex, Loan.amount, Loan.bank, Loan.on_date,
                         Loan.term_months, Loan.subsidy, Loan.repayment, Household.file_no, Loan.note)
             .join(Person, on=(Loan.person == Person.id)).switch(Loan)
             .join(Household, peewee.JOIN.LEFT_OUTER, on=(Loan.household == Household.id))
             .order_by(Loan.on_date, Loan.id))
    keys = ("_id", "name", "id_number", "sex", "amount", "bank", "on_date", "term_months", "subsidy", "repayment",
            "file_no", "note")
    return _ordered([dict(zip(keys, r, strict=True)) for r in tuples(_limit(query, Loan.id, ids))], ids)


def pairing_rows(ids: Sequence[int] | None) -> Rows:
    """结对帮扶 with the totals of its aid (all years)."""
    if ids is None:
        ids = [i for (i,) in tuples(Pairing.select(Pairing.id).order_by(Pairing.start_date, Pairing.id))]
    heads = dict(tuples(Pairing.select(Pairing.id, Head.id_number).join(Household)
                        .join(Head, on=(Household.head == Head.id)).where(Pairing.id.in_(list(ids)))))
    rows: Rows = []
    for p in pairing.pairing_views(ids):
        rows.append({"_id": p.id, "head_id_number": heads.get(p.id), "head_name": p.head_name, "file_no": p.file_no,
                     "cadre_name": p.cadre_name, "cadre_unit": p.cadre_unit, "cadre_phone": p.cadre_phone,
                     "start_date": p.start_date, "end_date": p.end_date, "note": p.note, "aid_amount": p.aid_amount,
                     "projects": p.counts.get("项目", 0), "job_info": p.counts.get("致富信息", 0),
                     "legal_help": p.counts.get("法律援助", 0)})
    return rows


def aid_rows(ids: Sequence[int] | None, *, pairings: Sequence[int] | None = None) -> Rows:
    """结对帮扶记录: the given records, or those of the given pairings, or all; by date."""
    query = (PairingAid.select(PairingAid.id, Head.id_number, Head.name, Pairing.cadre_name, PairingAid.on_date,
                               PairingAid.kind, PairingAid.amount, PairingAid.count, PairingAid.description)
             .join(Pairing).join(Household).join(Head, on=(Household.head == Head.id))
             .order_by(PairingAid.on_date, PairingAid.id))
    query = _limit(_limit(query, PairingAid.id, ids), PairingAid.pairing, pairings)
    keys = ("_id", "head_id_number", "head_name", "cadre_name", "on_date", "kind", "amount", "count", "description")
    rows = [dict(zip(keys, r, strict=True)) for r in tuples(query)]
    for row in rows:
        if row["kind"] not in pairing.VALUED:
            row["amount"] = None
    return _ordered(rows, ids)


def enrolment_rows(ids: Sequence[int] | None) -> Rows:
    """互助保障参保 with the number and amount of claims paid."""
    paid = {eid: (int(n), from_cents(int(cents or 0))) for eid, n, cents in tuples(
        MutualAidClaim.select(MutualAidClaim.enrolment, peewee.fn.COUNT(MutualAidClaim.id),
                              peewee.fn.SUM(MutualAidClaim.amount)).group_by(MutualAidClaim.enrolment))}
    query = (MutualAidEnrolment.select(MutualAidEnrolment.id, Person.name, Person.id_number, MutualAidEnrolment.year,
                                       MutualAidEnrolment.plan, MutualAidEnrolment.premium,
                                       MutualAidEnrolment.work_unit)
             .join(Person).order_by(MutualAidEnrolment.year, Person.name_pinyin, MutualAidEnrolment.id))
    keys = ("_id", "name", "id_number", "year", "plan", "premium", "work_unit")
    rows = [dict(zip(keys, r, strict=True)) for r in tuples(_limit(query, MutualAidEnrolment.id, ids))]
    for row in rows:
        count, amount = paid.get(int(str(row["_id"])), (0, Decimal("0.00")))
        row.update(claims=count, claimed=amount)
    return _ordered(rows, ids)


def claim_rows(ids: Sequence[int] | None, *, enrolments: Sequence[int] | None = None) -> Rows:
    query = (MutualAidClaim.select(MutualAidClaim.id, Person.name, Person.id_number, MutualAidEnrolment.year,
                                   MutualAidEnrolment.plan, MutualAidClaim.on_date, MutualAidClaim.kind,
                                   MutualAidClaim.amount, MutualAidClaim.note)
             .join(MutualAidEnrolment).join(Person).order_by(MutualAidClaim.on_date, MutualAidClaim.id))
    query = _limit(_limit(query, MutualAidClaim.id, ids), MutualAidClaim.enrolment, enrolments)
    keys = ("_id", "name", "id_number", "year", "plan", "on_date", "kind", "amount", "note")
    return _ordered([dict(zip(keys, r, strict=True)) for r in tuples(query)], ids)


def book_rows(kind: str, ids: Sequence[int] | None) -> Iterator[Rows]:
    """The rows of each sheet of a kind's workbook, in sheet order (children of the selected parents)."""
    if kind == "training-sessions":
        yield session_rows(ids)
        yield trainee_rows(None, sessions=ids)
    elif kind == "pairings":
        yield pairing_rows(ids)
        yield aid_rows(None, pairings=ids)
    elif kind == "mutual-aid":
        yield enrolment_rows(ids)
        yield claim_rows(None, enrolments=ids)
    else:
        single = {"trainees": trainee_rows, "placements": placement_rows, "referrals": referral_rows,
                  "loans": loan_rows, "pairing-aid": aid_rows, "mutual-aid-claims": claim_rows}
        yield single[kind](ids)
