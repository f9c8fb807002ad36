"""The summary for a period (统计): every figure the office reports upward, and the same period a year earlier.

Each section is computed from the records by its own function; a group with no records
still appears, with 0. Amounts are Decimal here and strings with two decimals in JSON.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from app import clock, session
from app.errors import KnownError
from app.services import summary_sections as sections
from app.session import Permission

Figures = dict[str, object]


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise KnownError("统计期间的结束日期不能早于开始日期。")

    def year_earlier(self) -> Period:
        return Period(_minus_year(self.start), _minus_year(self.end))

    def describe(self) -> str:
        return f"{self.start.isoformat()} 至 {self.end.isoformat()}"


def _minus_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def presets(today: datetime.date | None = None) -> dict[str, Period]:
    """本年, 本季度, 本月, 上年 (each up to its natural end)."""
    today = today or clock.today()
    quarter = (today.month - 1) // 3
    q_start = datetime.date(today.year, 3 * quarter + 1, 1)
    q_end = (datetime.date(today.year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1) - datetime.timedelta(days=1))
    m_end = datetime.date(today.year + (today.month == 12), today.month % 12 + 1, 1) - datetime.timedelta(days=1)
    return {
        "本年": Period(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)),
        "本季度": Period(q_start, q_end),
        "本月": Period(datetime.date(today.year, today.month, 1), m_end),
        "上年": Period(datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)),
    }


SECTIONS: tuple[tuple[str, Callable[[datetime.date, datetime.date], Figures]], ...] = (
    ("households", sections.households),
    ("relief", sections.relief),
    ("petitions", sections.petitions),
    ("legal_cases", sections.legal_cases),
    ("training", sections.training),
    ("employment", sections.employment),
    ("loans", sections.loans),
    ("pairings", sections.pairings),
    ("mutual_aid", sections.mutual_aid),
    ("model_workers", sections.model_workers),
    ("funds", sections.funds),
)


def summary(period: Period) -> Figures:
    """Every figure for the period, section by section."""
    session.require(Permission.VIEW)
    return {name: compute(period.start, period.end) for name, compute in SECTIONS}


@dataclass(frozen=True)
class Comparison:
    period: Period
    current: Figures
    previous: Figures


def compare(period: Period) -> Comparison:
    """The period's figures and those of the same period a year earlier."""
    return Comparison(period, summary(period), summary(period.year_earlier()))


def to_jsonable(value: object) -> object:
    """Amounts as strings with two decimals, counts as integers, groups as objects."""
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal('0.01'))}"
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def to_json(figures: Figures, *, previous: Figures | None = None) -> str:
    """Exactly the sections' keys; with `previous`, one more key "previous_year" holding the same for a year earlier."""
    payload = {name: to_jsonable(value) for name, value in figures.items()}
    if previous is not None:
        payload["previous_year"] = to_jsonable(previous)
    return json.dumps(payload, ensure_ascii=False, indent=2)
