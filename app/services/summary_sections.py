"""The summary's sections, one function each: (start, end) → that line of work's figures for the period."""

from __future__ import annotations

import datetime
from decimal import Decimal

import peewee

from app import vocab
from app.services.legal_cases import legal_figures
from app.vocab import FileStatus
from db.database import database, tuples
from db.fields import from_cents
from db.models import FundEntry, Household, HouseholdEvent, Petition, Relief

Figures = dict[str, object]
ZERO = Decimal("0.00")
CLOSING = (str(FileStatus.LIFTED), str(FileStatus.WITHDRAWN))


def _status_on(day: datetime.date) -> dict[int, str]:
    """Every file's status at the end of `day`, from its history (the last step on or before that day)."""
    # Steps are appended in date order (lifecycle guards it), so the highest id on or before the day is the last.
    cursor = database.execute_sql(
        "SELECT e.household_id, e.status_after FROM household_event e "
        "JOIN (SELECT MAX(id) AS last FROM household_event WHERE on_date <= ? GROUP BY household_id) latest "
        "ON latest.last = e.id", (day.isoformat(),))
    return dict(cursor.fetchall())


def households(start: datetime.date, end: datetime.date) -> Figures:
    """Files 在档 on the last day, approved (认定) and closed (脱困, 退档) in the period, and how they divide."""
    status = _status_on(end)
    active = {hid for hid, s in status.items() if s == FileStatus.ACTIVE}
    info = {hid: (identity, category, cause) for hid, identity, category, cause in tuples(
        Household.select(Household.id, Household.identity, Household.category, Household.main_cause))}
    approved = {hid for (hid,) in tuples(Household.select(Household.id)
                                         .where(Household.approved_on.between(start, end)))}
    closed = {hid for (hid,) in tuples(HouseholdEvent.select(HouseholdEvent.household).distinct()
                                       .where(HouseholdEvent.on_date.between(start, end),
                                              HouseholdEvent.status_after.in_(CLOSING)))}
    by_identity = {name: {"active_end": 0, "new": 0} for name in vocab.IDENTITIES}
    by_category: dict[str, int] = {name: 0 for name in vocab.CATEGORIES}
    by_cause: dict[str, int] = {name: 0 for name in vocab.CAUSES}
    for hid in active:
        identity, category, cause = info.get(hid, ("", "", ""))
        by_identity.setdefault(identity, {"active_end": 0, "new": 0})["active_end"] += 1
        by_category[category or "未分类"] = by_category.get(category or "未分类", 0) + 1
        by_cause[cause or "其他"] = by_cause.get(cause or "其他", 0) + 1
    for hid in approved:
        identity = info.get(hid, ("", "", ""))[0]
        by_identity.setdefault(identity, {"active_end": 0, "new": 0})["new"] += 1
    return {"active_end": len(active), "new": len(approved), "closed": len(closed), "by_identity": by_identity,
            "by_category": by_category, "by_main_cause": by_cause}


def relief(start: datetime.date, end: datetime.date) -> Figures:
    """人次, 金额 (cash and goods), people helped, by type."""
    by_type: dict[str, dict[str, object]] = {t: {"count": 0, "amount": ZERO} for t in vocab.RELIEF_TYPES}
    count, total = 0, 0
    for relief_type, n, money in tuples(
            Relief.select(Relief.relief_type, peewee.fn.COUNT(Relief.id),
                          peewee.fn.SUM(Relief.amount + Relief.goods_value))
            .where(Relief.on_date.between(start, end)).group_by(Relief.relief_type)):
        by_type[relief_type] = {"count": int(n), "amount": from_cents(int(money or 0))}
        count, total = count + int(n), total + int(money or 0)
    people = Relief.select(peewee.fn.COUNT(peewee.fn.DISTINCT(Relief.person))).where(
        Relief.on_date.between(start, end)).scalar()
    return {"count": count, "amount": from_cents(total), "people": int(people or 0), "by_type": by_type}


def petitions(start: datetime.date, end: datetime.date) -> Figures:
    """Contacts received in the period, how many of them closed, open ones overdue at its end."""
    received = (Petition.received_at >= datetime.datetime.combine(start, datetime.time())) & (
        Petition.received_at < datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
    by_channel = {c: 0 for c in vocab.PETITION_CHANNELS}
    by_category = {c: 0 for c in vocab.PETITION_CATEGORIES}
    for channel, n in tuples(Petition.select(Petition.channel, peewee.fn.COUNT(Petition.id))
                             .where(received).group_by(Petition.channel)):
        by_channel[channel] = int(n)
    for category, n in tuples(Petition.select(Petition.category, peewee.fn.COUNT(Petition.id))
                              .where(received).group_by(Petition.category)):
        by_category[category] = int(n)
    closed = Petition.select().where(received, Petition.closed_on.is_null(False), Petition.closed_on <= end).count()
    overdue = Petition.select().where(
        Petition.received_at < datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()),
        Petition.due_on < end, Petition.closed_on.is_null(True) | (Petition.closed_on > end)).count()
    return {"count": sum(by_channel.values()), "closed": int(closed), "overdue_open": int(overdue),
            "by_channel": by_channel, "by_category": by_category}


def legal_cases(start: datetime.date, end: datetime.date) -> Figures:
    found = legal_figures(start, end)
    return {"count": found.count, "workers": found.workers, "recovered": found.recovered,
            "by_cause": {cause: {"count": n, "workers": w, "recovered": money}
                         for cause, (n, w, money) in found.by_cause.items()}}


def funds(start: datetime.date, end: datetime.date) -> Figures:
    """Money in by source and paid out in the period; the balance of all funds at its end."""
    in_by_source: dict[str, Decimal] = {s: ZERO for s in vocab.FUND_SOURCES}
    money_in = 0
    for source, money in tuples(FundEntry.select(FundEntry.source, peewee.fn.SUM(FundEntry.amount))
                                .where(FundEntry.on_date.between(start, end)).group_by(FundEntry.source)):
        in_by_source[source] = from_cents(int(money or 0))
        money_in += int(money or 0)
    out = Relief.select(peewee.fn.SUM(Relief.amount + Relief.goods_value)).where(
        Relief.on_date.between(start, end), Relief.fund.is_null(False)).scalar()
    all_in = FundEntry.select(peewee.fn.SUM(FundEntry.amount)).where(FundEntry.on_date <= end).scalar()
    all_out = Relief.select(peewee.fn.SUM(Relief.amount + Relief.goods_value)).where(
        Relief.on_date <= end, Relief.fund.is_null(False)).scalar()
    return {"in": from_cents(money_in), "in_by_source": in_by_source, "out": from_cents(int(out or 0)),
            "balance_end": from_cents(int(all_in or 0) - int(all_out or 0))}


def training(start: datetime.date, end: datetime.date) -> Figures:
    from app.services.training import training_figures

    found = training_figures(start, end)
    return {"sessions": found.sessions, "trainees": found.trainees, "by_group": dict(found.by_group)}


def employment(start: datetime.date, end: datetime.date) -> Figures:
    from app.services.employment import employment_figures

    found = employment_figures(start, end)
    return {"placements": found.placements, "placements_by_group": dict(found.placements_by_group),
            "referrals": found.referrals}


def loans(start: datetime.date, end: datetime.date) -> Figures:
    from app.services.loans import loan_figures

    found = loan_figures(start, end)
    return {"count": found.count, "amount": found.amount, "women": found.women, "women_amount": found.women_amount}


def pairings(start: datetime.date, end: datetime.date) -> Figures:
    from app.services.pairing import pairing_figures

    found = pairing_figures(start, end)
    return {"households": found.households, "projects": found.projects, "aid_amount": found.aid_amount,
            "job_info": found.job_info, "legal_help": found.legal_help}


def mutual_aid(start: datetime.date, end: datetime.date) -> Figures:
    from app.services.mutual_aid import mutual_aid_figures

    found = mutual_aid_figures(start, end)
    return {"enrolled": found.enrolled, "claims": found.claims, "claims_amount": found.claims_amount}


def model_workers(start: datetime.date, end: datetime.date) -> Figures:
    from app.services.model_worker_overview import model_worker_figures

    found = model_worker_figures(start, end)
    return {"on_roll_end": found.on_roll_end, "by_status_end": dict(found.by_status_end),
            "by_level_end": dict(found.by_level_end), "visits": found.visits, "visited_people": found.visited_people,
            "visit_amount": found.visit_amount, "health_checks": found.health_checks,
            "practical_help": found.practical_help}
