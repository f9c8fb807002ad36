"""How values read on paper: money with two decimals, dates as 2025-06-30, 是/否, ages, health."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

NO_DISABILITY = ("", "无")


def money(amount: Decimal | None, unit: str = " 元") -> str:
    """1,234.50 元; blank when unknown."""
    return "" if amount is None else f"{amount:,.2f}{unit}"


def area(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:,.2f} ㎡"


def day(value: datetime.date | None) -> str:
    return "" if value is None else value.isoformat()


def yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def text(value: object) -> str:
    return "" if value is None else str(value)


def joined(values: Iterable[str]) -> str:
    return "、".join(v for v in values if v)


def age(birth: datetime.date | None, today: datetime.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def birth_year(birth: datetime.date | None) -> str:
    """1978年: printed forms carry masked ID numbers, and the full birth date is their hidden middle."""
    return "" if birth is None else f"{birth.year}年"


def birth_and_age(birth: datetime.date | None, today: datetime.date) -> str:
    """2008年（17岁）: the year and age only, for the same reason as birth_year."""
    years = age(birth, today)
    return "" if birth is None else f"{birth.year}年（{years}岁）"


def health(state: str | None, disability_type: str | None, grade: str | None) -> str:
    """健康状况, or the disability with its grade (慢性病、肢体残疾二级) when there is one."""
    kind = disability_type or ""
    if kind in NO_DISABILITY:
        return state or ""
    disability = f"{kind}{grade or ''}"
    return f"{state}、{disability}" if state and state not in ("健康", "残疾") else disability
