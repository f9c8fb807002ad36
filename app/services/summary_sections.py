"""The summary's sections, one function each: (start, end) → that line of work's figures for the period.

Each section reads its tables in one or two aggregate queries (no Python loop over records): over a
million reliefs the relief and fund figures come from the covering index relief_summary (schema v7).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import peewee

from app import vocab
from app.services.legal_cases import legal_figures
from app.vocab import FileStatus
from db.database import database, tuples
from db.fields import from_cents
from db.models import FundEntry, ModelWorkerVisit, Petition

Figures = dict[str, object]
ZERO = Decimal("0.00")
CLOSING = (str(FileStatus.LIFTED), str(FileStatus.WITHDRAWN))

# A file is on record (在档) from the day it was approved (认定) until the day it first left: 脱困 or 退档,
# whichever came first (a lifted file withdrawn later keeps the day it was lifted). The approval day is the
# file's own column, or for an imported file without one the day its history first shows it 在档; the day it
# left is its first closing step, or its closing date when that is earlier (an imported history holds only
# the status the file had when imported, dated as the register said).
FILES_CTE = """
WITH history AS (
    SELECT household_id,
           MIN(CASE WHEN status_after = :active THEN on_date END) AS first_active,
           MIN(CASE WHEN status_after IN (:lifted, :withdrawn) THEN on_date END) AS first_closed
    FROM household_event GROUP BY household_id),
files AS (
    SELECT h.id, h.file_no, h.identity, h.category, h.main_cause,
           COALESCE(h.approved_on, history.first_active) AS became,
           CASE WHEN h.status IN (:lifted, :withdrawn) AND h.closed_on IS NOT NULL
                     AND (history.first_closed IS NULL OR h.closed_on < history.first_closed)
                THEN h.closed_on ELSE history.first_closed END AS left_on
    FROM household h LEFT JOIN history ON history.household_id = h.id)
"""
FILES_SQL = FILES_CTE + """
SELECT identity, category, main_cause,
       SUM(became <= :end AND (left_on IS NULL OR left_on > :end)),
       SUM(became BETWEEN :start AND :end),
       SUM(left_on BETWEEN :start AND :end)
FROM files GROUP BY identity, category, main_cause
"""
# The files on the roll at some time in the period (those 在档 at its end and those that left in it), by 档案编号.
ON_ROLL_SQL = FILES_CTE + """
SELECT id FROM files WHERE became <= :end AND (left_on IS NULL OR left_on >= :start) ORDER BY file_no
"""
RELIEF_SQL = ("SELECT relief_type, COUNT(*), SUM(amount + goods_value) FROM relief "
              "WHERE on_date BETWEEN ? AND ? GROUP BY relief_type")
PEOPLE_SQL = "SELECT COUNT(DISTINCT person_id) FROM relief WHERE on_date BETWEEN ? AND ?"
# Money paid out of the funds: in the period, and everything up to its end (for the balance), in one pass.
PAID_SQL = ("SELECT SUM(CASE WHEN on_date >= ? THEN amount + goods_value ELSE 0 END), SUM(amount + goods_value) "
            "FROM relief WHERE on_date <= ? AND fund_id IS NOT NULL")


def _int(value: Any) -> int:
    """A count or a sum of fen from SQL (NULL when no row matched) as an int."""
    return int(value or 0)


def _file_params(start: datetime.date, end: datetime.date) -> dict[str, str]:
    return {"active": str(FileStatus.ACTIVE), "lifted": CLOSING[0], "withdrawn": CLOSING[1],
            "start": start.isoformat(), "end": end.isoformat()}


def files_on_roll(start: datetime.date, end: datetime.date) -> list[int]:
    """The ids of the files 在档 at some time in the period (active_end and closed together), by 档案编号."""
    return [int(i) for (i,) in database.execute_sql(ON_ROLL_SQL, _file_params(start, end)).fetchall()]


def households(start: datetime.date, end: datetime.date) -> Figures:
    """Files 在档 on the last day, approved (认定) in the period, and those that left the roll (脱困, 退档) in it."""
    params = _file_params(start, end)
    by_identity = {name: {"active_end": 0, "new": 0} for name in vocab.IDENTITIES}
    by_category: dict[str, int] = dict.fromkeys(vocab.CATEGORIES, 0)
    by_cause: dict[str, int] = dict.fromkeys(vocab.CAUSES, 0)
    active_end = new = closed = 0
    for identity, category, cause, active, approved, left in database.execute_sql(FILES_SQL, params).fetchall():
        active, approved = _int(active), _int(approved)
        active_end, new, closed = active_end + active, new + approved, closed + _int(left)
        group = by_identity.setdefault(identity, {"active_end": 0, "new": 0})
        group["active_end"] += active
        group["new"] += approved
        if active:
            by_category[category or "未分类"] = by_category.get(category or "未分类", 0) + active
            by_cause[cause or "其他"] = by_cause.get(cause or "其他", 0) + active
    return {"active_end": active_end, "new": new, "closed": closed, "by_identity": by_identity,
            "by_category": by_category, "by_main_cause": by_cause}


def relief(start: datetime.date, end: datetime.date) -> Figures:
    """人次, 金额 (cash and the value of goods), people helped, by type."""
    by_type: dict[str, dict[str, object]] = {t: {"count": 0, "amount": ZERO} for t in vocab.RELIEF_TYPES}
    count, total = 0, 0
    days = (start.isoformat(), end.isoformat())
    for relief_type, n, money in database.execute_sql(RELIEF_SQL, days).fetchall():
        by_type[relief_type] = {"count": int(n), "amount": from_cents(_int(money))}
        count, total = count + int(n), total + _int(money)
    people = database.execute_sql(PEOPLE_SQL, days).fetchone()[0]
    return {"count": count, "amount": from_cents(total), "people": _int(people), "by_type": by_type}


def petitions(start: datetime.date, end: datetime.date) -> Figures:
    """Contacts received in the period, how many of them closed by its end, open ones overdue at its end."""
    after_end = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time())
    received = (Petition.received_at >= datetime.datetime.combine(start, datetime.time())) & (
        Petition.received_at < after_end)
    by_channel = dict.fromkeys(vocab.PETITION_CHANNELS, 0)
    by_category = dict.fromkeys(vocab.PETITION_CATEGORIES, 0)
    count = closed = 0
    done = peewee.Case(None, [((Petition.closed_on.is_null(False) & (Petition.closed_on <= end)), 1)], 0)
    for channel, category, n, n_closed in tuples(
            Petition.select(Petition.channel, Petition.category, peewee.fn.COUNT(Petition.id), peewee.fn.SUM(done))
            .where(received).group_by(Petition.channel, Petition.category)):
        by_channel[channel] = by_channel.get(channel, 0) + int(n)
        by_category[category] = by_category.get(category, 0) + int(n)
        count, closed = count + int(n), closed + _int(n_closed)
    overdue = Petition.select().where(
        Petition.received_at < after_end, Petition.due_on < end,
        Petition.closed_on.is_null(True) | (Petition.closed_on > end)).count()
    return {"count": count, "closed": closed, "overdue_open": int(overdue), "by_channel": by_channel,
            "by_category": by_category}


def legal_cases(start: datetime.date, end: datetime.date) -> Figures:
    """Cases accepted in the period and the workers they involve; money recovered in cases closed in it."""
    found = legal_figures(start, end)
    return {"count": found.count, "workers": found.workers, "recovered": found.recovered,
            "by_cause": {cause: {"count": n, "workers": w, "recovered": money}
                         for cause, (n, w, money) in found.by_cause.items()}}


def funds(start: datetime.date, end: datetime.date) -> Figures:
    """Money in by source and paid out in the period (reliefs and 劳模 visits paid from a fund); the balance
    of all funds at its end."""
    in_by_source: dict[str, Decimal] = dict.fromkeys(vocab.FUND_SOURCES, ZERO)
    money_in = all_in = 0
    for source, in_period, until_end in tuples(
            FundEntry.select(FundEntry.source,
                             peewee.fn.SUM(peewee.Case(None, [(FundEntry.on_date >= start, FundEntry.amount)], 0)),
                             peewee.fn.SUM(FundEntry.amount))
            .where(FundEntry.on_date <= end).group_by(FundEntry.source)):
        if _int(in_period) or source in in_by_source:
            in_by_source[source] = from_cents(_int(in_period))
        money_in, all_in = money_in + _int(in_period), all_in + _int(until_end)
    relief_out, relief_all = database.execute_sql(PAID_SQL, (start.isoformat(), end.isoformat())).fetchone()
    V = ModelWorkerVisit
    visits_out, visits_all = next(tuples(V.select(
        peewee.fn.SUM(peewee.Case(None, [(V.on_date >= start, V.amount)], 0)), peewee.fn.SUM(V.amount))
        .where(V.on_date <= end, V.fund.is_null(False))))
    out = _int(relief_out) + _int(visits_out)
    return {"in": from_cents(money_in), "in_by_source": in_by_source, "out": from_cents(out),
            "balance_end": from_cents(all_in - _int(relief_all) - _int(visits_all))}


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
