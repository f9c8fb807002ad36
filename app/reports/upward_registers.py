"""The register sheets of the upward workbook: for each register, the records of the period and their rows.

Which records belong to a period follows the summary: files on the roll at some time in it (在档 at its end or
left in it) with their members; reliefs, money in, contacts, placements, referrals, loans, pairing aid, claims,
model-worker events, visits, health checks and subsidy entries dated in it; campaigns and pairings running
in it; training sessions starting in it with their trainees; legal cases accepted or closed in it with their
applicants; enrolments of its years; model workers on the roll (在职, 退休) at its end. The rows come from the
same row functions as each register's own export, so the columns are the register descriptions'.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from app.registers import get_register
from app.registers.base import Register
from app.services import (
    employment_exchange,
    employment_rows,
    household_rows,
    model_worker_exchange,
    reception_rows,
    relief_exchange,
    relief_rows,
)
from app.services.model_workers import status_on
from app.services.summary_sections import files_on_roll
from db.database import tuples
from db.models import (
    Campaign,
    FundEntry,
    LegalCase,
    Loan,
    MutualAidClaim,
    MutualAidEnrolment,
    Pairing,
    PairingAid,
    Petition,
    Placement,
    Referral,
    Relief,
    TrainingSession,
)

Rows = Iterable[dict[str, object]]
ON_ROLL = ("在职", "退休")
UNITS: dict[str, str] = {**relief_exchange.UNITS, **employment_exchange.UNITS, **model_worker_exchange.UNITS,
                         "households": "户", "family-members": "人", "petitions": "件", "legal-cases": "件",
                         "legal-applicants": "人"}


@dataclass(frozen=True)
class RegisterRows:
    """One register sheet: its description, how many rows, and the rows (read as they are written)."""

    register: Register
    count: int
    rows: Rows

    @property
    def unit(self) -> str:
        return UNITS.get(self.register.kind, "条")


def _ids(query: Any) -> list[int]:
    return [int(i) for (i,) in tuples(query)]


def _dated(model: Any, start: datetime.date, end: datetime.date, column: Any = None) -> list[int]:
    """The ids of a model's records dated in the period, by date then as entered."""
    on = column if column is not None else model.on_date
    return _ids(model.select(model.id).where(on.between(start, end)).order_by(on, model.id))


def _worker_rows(kind: str, start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    """A model-worker register's rows dated in the period (a subsidy entry keeps its running balance)."""
    # The 劳模 export's own row function: its ids are model workers, not records, so the dates are chosen here.
    rows = model_worker_exchange._rows(kind, None)
    return [r for r in rows if _within(r.get("on_date"), start, end)]


def _within(day: object, start: datetime.date, end: datetime.date) -> bool:
    return isinstance(day, datetime.date) and start <= day <= end


def _households(start: datetime.date, end: datetime.date) -> Iterator[RegisterRows]:
    files = files_on_roll(start, end)
    yield RegisterRows(get_register("households"), len(files), household_rows.household_rows(files))
    yield RegisterRows(get_register("family-members"), household_rows.member_count(files),
                       household_rows.member_rows(files))


def _relief(start: datetime.date, end: datetime.date) -> Iterator[RegisterRows]:
    reliefs = _dated(Relief, start, end)
    yield RegisterRows(get_register("relief"), len(reliefs), relief_rows.relief_rows(reliefs))
    campaigns = _ids(Campaign.select(Campaign.id).where(Campaign.start_date <= end, Campaign.end_date >= start)
                     .order_by(Campaign.start_date, Campaign.id))
    found = relief_rows.campaign_rows(campaigns)
    yield RegisterRows(get_register("campaigns"), len(found), found)
    entries = relief_rows.fund_entry_rows(_dated(FundEntry, start, end))
    yield RegisterRows(get_register("fund-entries"), len(entries), entries)


def _reception(start: datetime.date, end: datetime.date) -> Iterator[RegisterRows]:
    after_end = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time())
    received = (Petition.received_at >= datetime.datetime.combine(start, datetime.time())) & (
        Petition.received_at < after_end)
    petitions = reception_rows.petition_rows(_ids(
        Petition.select(Petition.id).where(received).order_by(Petition.received_at, Petition.id)))
    yield RegisterRows(get_register("petitions"), len(petitions), petitions)
    case_ids = _ids(LegalCase.select(LegalCase.id).where(
        LegalCase.accepted_on.between(start, end) | LegalCase.closed_on.between(start, end))
        .order_by(LegalCase.accepted_on, LegalCase.id))
    cases = reception_rows.case_rows(case_ids)
    yield RegisterRows(get_register("legal-cases"), len(cases), cases)
    applicants = reception_rows.applicant_rows(case_ids)
    yield RegisterRows(get_register("legal-applicants"), len(applicants), applicants)


def _jobs(start: datetime.date, end: datetime.date) -> Iterator[RegisterRows]:
    session_ids = _dated(TrainingSession, start, end, TrainingSession.start_date)
    for kind, rows in (("training-sessions", employment_rows.session_rows(session_ids)),
                       ("trainees", employment_rows.trainee_rows(None, sessions=session_ids)),
                       ("placements", employment_rows.placement_rows(_dated(Placement, start, end))),
                       ("referrals", employment_rows.referral_rows(_dated(Referral, start, end))),
                       ("loans", employment_rows.loan_rows(_dated(Loan, start, end)))):
        yield RegisterRows(get_register(kind), len(rows), rows)
    running = Pairing.start_date <= end
    running &= Pairing.end_date.is_null(True) | (Pairing.end_date >= start)
    pairings = employment_rows.pairing_rows(_ids(Pairing.select(Pairing.id).where(running)
                                                 .order_by(Pairing.start_date, Pairing.id)))
    aid = employment_rows.aid_rows(_dated(PairingAid, start, end))
    enrolled = employment_rows.enrolment_rows(_ids(
        MutualAidEnrolment.select(MutualAidEnrolment.id)
        .where(MutualAidEnrolment.year.between(start.year, end.year))
        .order_by(MutualAidEnrolment.year, MutualAidEnrolment.id)))
    claims = employment_rows.claim_rows(_dated(MutualAidClaim, start, end))
    for kind, rows in (("pairings", pairings), ("pairing-aid", aid), ("mutual-aid", enrolled),
                       ("mutual-aid-claims", claims)):
        yield RegisterRows(get_register(kind), len(rows), rows)


def _model_workers(start: datetime.date, end: datetime.date) -> Iterator[RegisterRows]:
    on_roll = [w for w, (status, _since) in status_on(end).items() if status in ON_ROLL]
    workers = list(model_worker_exchange._rows("model-workers", on_roll))
    yield RegisterRows(get_register("model-workers"), len(workers), workers)
    for kind in ("model-worker-events", "model-worker-visits", "health-checks", "subsidy-entries"):
        rows = _worker_rows(kind, start, end)
        yield RegisterRows(get_register(kind), len(rows), rows)


PARTS: tuple[Callable[[datetime.date, datetime.date], Iterator[RegisterRows]], ...] = (
    _households, _relief, _reception, _jobs, _model_workers)


def register_rows(start: datetime.date, end: datetime.date) -> Iterator[RegisterRows]:
    """Every register's sheet for the period, in the order of the office's lines of work."""
    for part in PARTS:
        yield from part(start, end)


def count_rows(start: datetime.date, end: datetime.date) -> dict[str, int]:
    """How many rows each register's sheet of the period has, by sheet name (for the audit trail, tests)."""
    return {found.register.sheet: found.count for found in register_rows(start, end)}
