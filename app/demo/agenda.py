"""The demo year's agenda: every entry a clerk makes, at the moment they make it, run in time order.

Each line of work adds its entries (a service call on a day); the agenda gives each a time in office
hours, sorts them all, and runs them one after another with the clock set to that moment, so every
record, its history and the audit trail carry the day and hour it was entered. Entries that need what
an earlier one made (a campaign's id, a case to close) find it in `made`, filled as the agenda runs.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from app import clock
from app.demo.crowd import Crowd
from app.demo.report_year import Dates, moment
from app.demo.targets import YearTargets
from app.progress import ProgressFn, no_progress

OPENING = datetime.time(8, 30)


@dataclass(order=True)
class Entry:
    at: datetime.datetime
    seq: int
    act: Callable[[], object] = field(compare=False)


class Agenda:
    """Entries to run in time order, and what they made (by the key their maker chose)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.entries: list[Entry] = []
        self.made: dict[str, int] = {}
        self.lists: dict[str, list[int]] = {}

    def add(self, day: datetime.date, act: Callable[[], object], *, after: datetime.datetime | None = None,
            opening: bool = False) -> datetime.datetime:
        """Enter `act` on `day` (later that day than `after`, if given; first thing if `opening`);
        returns the moment chosen."""
        at = datetime.datetime.combine(day, OPENING) if opening else moment(self.rng, day, after=after)
        self.entries.append(Entry(at, len(self.entries), act))
        return at

    def keep(self, key: str, act: Callable[[], int]) -> Callable[[], None]:
        """An act whose result (an id) is kept under `key`."""
        def run() -> None:
            self.made[key] = act()
        return run

    def collect(self, key: str, act: Callable[[], int]) -> Callable[[], None]:
        """An act whose result (an id) is added to the list `key`."""
        def run() -> None:
            self.lists.setdefault(key, []).append(act())
        return run

    def run(self, progress: ProgressFn = no_progress) -> int:
        """Run every entry in time order with the clock at its moment; returns how many ran."""
        self.entries.sort()
        total = len(self.entries)
        try:
            for done, entry in enumerate(self.entries, 1):
                clock.set_moment(entry.at)
                entry.act()
                if done % 200 == 0 or done == total:
                    progress(done, total, f"已录入 {done:,} / {total:,} 条演示年度记录")
        finally:
            clock.set_moment(None)
        return total


def spread(rng: random.Random, total: int, count: int, unit: int) -> list[Decimal]:
    """`count` amounts, each a multiple of `unit`, as even as can be, summing to `total` (元)."""
    if count <= 0:
        return []
    if total % unit:
        raise ValueError(f"{total} is not a multiple of {unit}")
    base = total // count // unit * unit
    extra = (total - base * count) // unit
    amounts = [Decimal(base + (unit if i < extra else 0)) for i in range(count)]
    rng.shuffle(amounts)
    return amounts


def varied(rng: random.Random, total: int, count: int, unit: int, steps: int) -> list[Decimal]:
    """Like spread, but amounts differ by up to `steps` units either way (pairs give and take, the sum holds):
    300, 400 and 500 元 around 400, rather than 400 for everyone."""
    amounts = spread(rng, total, count, unit)
    for i in range(0, count - 1, 2):
        low = -min(steps, int(amounts[i] // unit) - 1)
        high = min(steps, int(amounts[i + 1] // unit) - 1)
        move = Decimal(unit * rng.randint(low, high))
        amounts[i], amounts[i + 1] = amounts[i] + move, amounts[i + 1] - move
    return amounts


def split(total: int, parts: int) -> list[int]:
    """`total` in `parts` whole numbers as even as can be (the larger first)."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


@dataclass(frozen=True)
class Year:
    """One year to fill: the agenda, the people, what the year should show, how its days are dated."""

    agenda: Agenda
    crowd: Crowd
    targets: YearTargets
    dates: Dates
    rng: random.Random

    @property
    def number(self) -> int:
        return self.dates.year

    def key(self, name: str) -> str:
        """A key in the agenda's `made` for this year."""
        return f"{self.number}:{name}"
