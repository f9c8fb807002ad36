"""Today's date in one place, so tests and demo data can fix it."""

from __future__ import annotations

import datetime

_fixed: datetime.date | None = None


def today() -> datetime.date:
    return _fixed or datetime.date.today()


def now() -> datetime.datetime:
    if _fixed is not None:
        return datetime.datetime.combine(_fixed, datetime.datetime.now().time())
    return datetime.datetime.now()


def fix_today(day: datetime.date | None) -> None:
    """Pretend today is `day` (None returns to the real date)."""
    global _fixed
    _fixed = day
