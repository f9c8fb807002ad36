"""The demo's report year (the year that carries the seed report's figures) and the dates of its records.

The report year is the current year once 1 September has passed (its 送温暖, 六一, 夏送清凉 and 金秋助学 are
over), otherwise the year before: a demo made in March shows last year's full report, not two months of it.
Every record is dated on or before yesterday: a record whose usual date (a training course in November) is
still to come this year is held in the last weeks before today instead, keeping the order of the year.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

DAY = datetime.timedelta(days=1)
CUT_OFF = (9, 1)          # from this day of the year on, the current year is the report year
TAIL_DAYS = 30            # dates after yesterday are squeezed into this many days before it
OPENS, CLOSES = 8 * 60 + 30, 17 * 60 + 30   # office hours, minutes after midnight


@dataclass(frozen=True)
class ReportYear:
    """The report year of a demo made on `today`, and the year-end days the register is counted on."""

    year: int
    today: datetime.date

    @classmethod
    def of(cls, today: datetime.date) -> ReportYear:
        current = (today.month, today.day) >= CUT_OFF
        return cls(today.year if current else today.year - 1, today)

    @property
    def end(self) -> datetime.date:
        """31 December of the report year (its files on record are counted on this day)."""
        return datetime.date(self.year, 12, 31)

    @property
    def previous_end(self) -> datetime.date:
        return datetime.date(self.year - 1, 12, 31)

    @property
    def last(self) -> datetime.date:
        """The last day a record may carry: 31 December, or yesterday while the year is not over."""
        return min(self.end, self.today - DAY)

    def dates(self, year: int) -> Dates:
        """How records of `year` (the report year or the one before) are dated."""
        return Dates(year, min(datetime.date(year, 12, 31), self.today - DAY))


@dataclass(frozen=True)
class Dates:
    """Dating the records of one year: the usual day of each thing, never after `last`."""

    year: int
    last: datetime.date

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    def on(self, month: int, day: int) -> datetime.date:
        """The usual date, or — if it is still to come — a day in the last weeks before `last`, in order."""
        natural = datetime.date(self.year, month, day)
        if natural <= self.last:
            return natural
        end = datetime.date(self.year, 12, 31)
        tail = min(TAIL_DAYS, (self.last - self.first).days)
        share = (natural - self.last).days / max(1, (end - self.last).days)
        return self.last - datetime.timedelta(days=tail) + datetime.timedelta(days=round(share * tail))

    def span(self, start: tuple[int, int], end: tuple[int, int]) -> tuple[datetime.date, datetime.date]:
        """The usual first and last days of something that lasts (the last never before the first)."""
        first = self.on(*start)
        return first, max(first, self.on(*end))

    def between(self, rng: random.Random, start: tuple[int, int], end: tuple[int, int]) -> datetime.date:
        """A working day between two usual dates (both as (month, day))."""
        first, last = self.on(*start), self.on(*end)
        day = first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))
        return self.workday(day)

    def anywhere(self, rng: random.Random) -> datetime.date:
        """A working day anywhere in the year so far."""
        return self.between(rng, (1, 2), (12, 31))

    def workday(self, day: datetime.date) -> datetime.date:
        """A Saturday becomes the Friday before, a Sunday the Monday after (unless that is past `last`)."""
        if day.weekday() == 5:
            day -= DAY
        elif day.weekday() == 6:
            day = day + DAY if day + DAY <= self.last else day - 2 * DAY
        return max(day, self.first)

    def later(self, day: datetime.date, days: int) -> datetime.date:
        """`days` after `day`, but not after `last`."""
        return min(day + datetime.timedelta(days=days), self.last)


def moment(rng: random.Random, day: datetime.date, *, after: datetime.datetime | None = None) -> datetime.datetime:
    """A time in office hours on `day` at which a clerk enters a record (after `after` if given that day)."""
    start = OPENS
    if after is not None and after.date() == day:
        start = max(start, after.hour * 60 + after.minute + 1)
    minute = min(start + rng.randint(0, max(0, CLOSES - start)), 23 * 60 + 58)
    return datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60, rng.randrange(60)))
