"""Figures beyond the summary's sections for the year-end draft and the printed summary: relief by month, students
by school level, the kinds and trades of the training sessions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import peewee

from app import session, vocab
from app.session import Permission
from db.database import tuples
from db.fields import from_cents
from db.models import Relief, TrainingSession


@dataclass(frozen=True)
class MonthFigures:
    """One calendar month of a period (cut to the period at either end): reliefs (人次) and their amount."""

    month: datetime.date      # the first of the month
    count: int
    amount: Decimal


@dataclass(frozen=True)
class DraftDetails:
    """What the year-end draft says beyond the summary: 大学生12名、高中生5名; 砖瓦、电焊、刺绣培训."""

    students_by_level: dict[str, int]     # 助学救助: distinct students per school level, vocabulary order
    training_kinds: tuple[str, ...]       # 创业培训, 技能培训 (those with a session starting in the period)
    training_trades: tuple[str, ...]      # 电焊, 刺绣 … in vocabulary order, then any other named trade


def months_of(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The calendar months the period touches, each as (first day, last day) cut to the period."""
    found = []
    first = start.replace(day=1)
    while first <= end:
        following = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        found.append((max(first, start), min(following - datetime.timedelta(days=1), end)))
        first = following
    return found


def relief_by_month(start: datetime.date, end: datetime.date) -> list[MonthFigures]:
    """Relief (cash and goods) of each month of the period, months without any included with 0."""
    session.require(Permission.VIEW)
    found = []
    for low, high in months_of(start, end):
        # One indexed range query a month: portable SQL (no strftime), and a year is twelve of them.
        money = peewee.fn.SUM(Relief.amount + Relief.goods_value)
        count, cents = next(tuples(Relief.select(peewee.fn.COUNT(Relief.id), money)
                                   .where(Relief.on_date.between(low, high))))
        found.append(MonthFigures(low.replace(day=1), int(count), from_cents(int(cents or 0))))
    return found


def draft_details(start: datetime.date, end: datetime.date) -> DraftDetails:
    session.require(Permission.VIEW)
    levels: dict[str, int] = dict.fromkeys(vocab.SCHOOL_LEVELS, 0)
    # Every student aid names its student (relief_rules); one student helped twice is one student.
    for level, students in tuples(
            Relief.select(Relief.school_level, peewee.fn.COUNT(peewee.fn.DISTINCT(Relief.student)))
            .where(Relief.on_date.between(start, end), Relief.relief_type.in_(sorted(vocab.EDUCATION_RELIEF)))
            .group_by(Relief.school_level)):
        key = level or "其他"
        levels[key] = levels.get(key, 0) + int(students)
    kinds: set[str] = set()
    trades: set[str] = set()
    for kind, trade in tuples(TrainingSession.select(TrainingSession.kind, TrainingSession.trade).distinct()
                              .where(TrainingSession.start_date.between(start, end))):
        kinds.add(kind)
        if trade and trade != "其他":
            trades.add(trade)
    return DraftDetails({k: n for k, n in levels.items() if n},
                        _ordered(kinds, vocab.TRAINING_KINDS), _ordered(trades, vocab.TRAINING_TRADES))


def _ordered(values: set[str], order: tuple[str, ...]) -> tuple[str, ...]:
    return (*(v for v in order if v in values), *sorted(values - set(order)))
