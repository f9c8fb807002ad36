"""The 帮扶档案's training and jobs lines: a household's people's trainings, placements and loans, and its pairings.

Kept free of the other services (only models and dataclasses), so that relief_forms.HelpHistory can hold
these lines without an import cycle.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from db.database import tuples
from db.models import (
    FamilyMember,
    Household,
    Loan,
    Pairing,
    PairingAid,
    Person,
    Placement,
    Trainee,
    TrainingSession,
)


@dataclass(frozen=True)
class TrainingHelp:
    name: str                   # who in the household
    session: str
    kind: str
    trade: str
    start_date: datetime.date
    end_date: datetime.date
    group: str
    completed: bool
    certificate_no: str


@dataclass(frozen=True)
class PlacementHelp:
    name: str
    on_date: datetime.date
    employer: str
    job: str
    group: str
    how_found: str


@dataclass(frozen=True)
class LoanHelp:
    name: str
    on_date: datetime.date
    amount: Decimal
    bank: str
    term_months: int
    subsidy: Decimal
    repayment: str


@dataclass(frozen=True)
class PairingAidHelp:
    on_date: datetime.date
    kind: str                   # 资金 / 物品 / 项目 / 致富信息 / 法律援助
    amount: Decimal
    count: int
    description: str


@dataclass(frozen=True)
class PairingHelp:
    cadre_name: str
    cadre_unit: str
    start_date: datetime.date
    end_date: datetime.date | None
    aid: tuple[PairingAidHelp, ...]

    @property
    def amount(self) -> Decimal:
        """Money and goods given (projects, information and legal help carry no amount)."""
        return sum((a.amount for a in self.aid), Decimal("0.00"))


@dataclass(frozen=True)
class JobsHelp:
    trainings: tuple[TrainingHelp, ...]
    placements: tuple[PlacementHelp, ...]
    loans: tuple[LoanHelp, ...]
    pairings: tuple[PairingHelp, ...]


def _people(household_id: int) -> list[int]:
    people = {pid for (pid,) in tuples(Household.select(Household.head).where(Household.id == household_id))}
    people |= {pid for (pid,) in tuples(FamilyMember.select(FamilyMember.person)
                                        .where(FamilyMember.household == household_id))}
    return sorted(people)


def household_jobs(household_id: int) -> JobsHelp:
    """Everything from training and jobs a household had, newest first (the caller checked the permission).

    Trainings, placements and loans are those of its head and members (and any recorded on the file);
    pairings are the household's own, each with its aid in date order.
    """
    people = _people(household_id)
    trainings = tuple(TrainingHelp(*row) for row in tuples(
        Trainee.select(Person.name, TrainingSession.name, TrainingSession.kind, TrainingSession.trade,
                       TrainingSession.start_date, TrainingSession.end_date, Trainee.group, Trainee.completed,
                       Trainee.certificate_no)
        .join(TrainingSession).switch(Trainee).join(Person).where(Trainee.person.in_(people))
        .order_by(TrainingSession.start_date.desc(), Trainee.id.desc())))
    mine = Placement.person.in_(people) | (Placement.household == household_id)
    placements = tuple(PlacementHelp(*row) for row in tuples(
        Placement.select(Person.name, Placement.on_date, Placement.employer, Placement.job, Placement.group,
                         Placement.how_found)
        .join(Person).where(mine).order_by(Placement.on_date.desc(), Placement.id.desc())))
    owed = Loan.person.in_(people) | (Loan.household == household_id)
    loans = tuple(LoanHelp(*row) for row in tuples(
        Loan.select(Person.name, Loan.on_date, Loan.amount, Loan.bank, Loan.term_months, Loan.subsidy, Loan.repayment)
        .join(Person).where(owed).order_by(Loan.on_date.desc(), Loan.id.desc())))
    aid: dict[int, list[PairingAidHelp]] = {}
    for pairing_id, *values in tuples(
            PairingAid.select(PairingAid.pairing, PairingAid.on_date, PairingAid.kind, PairingAid.amount,
                              PairingAid.count, PairingAid.description)
            .join(Pairing).where(Pairing.household == household_id).order_by(PairingAid.on_date, PairingAid.id)):
        aid.setdefault(pairing_id, []).append(PairingAidHelp(*values))
    pairings = tuple(PairingHelp(name, unit, start, end, tuple(aid.get(pid, ()))) for pid, name, unit, start, end in
                     tuples(Pairing.select(Pairing.id, Pairing.cadre_name, Pairing.cadre_unit, Pairing.start_date,
                                           Pairing.end_date).where(Pairing.household == household_id)
                            .order_by(Pairing.start_date.desc(), Pairing.id.desc())))
    return JobsHelp(trainings, placements, loans, pairings)
