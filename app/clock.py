"""Today's date in one place, so tests and demo data can fix it."""

from __future__ import annotations

import datetime

_fixed: datetime.date | None = None
_moment: datetime.datetime | None = None


def today() -> datetime.date:
    if _moment is not None:
        return _moment.date()
    return _fixed or datetime.date.today()


def now() -> datetime.datetime:
    if _moment is not None:
        return _moment
    if _fixed is not None:
        return datetime.datetime.combine(_fixed, datetime.datetime.now().time())
    return datetime.datetime.now()


def fix_today(day: datetime.date | None) -> None:
    """Pretend today is `day` (None returns to the real date)."""
    global _fixed
    _fixed = day


def set_moment(moment: datetime.datetime | None) -> None:
    """Pretend it is exactly `moment`, date and time (the demo enters a year of records at the hours a clerk
    would have); None returns to fix_today's day or the real clock."""
    global _moment
    _moment = moment
