"""How values look on screen: money as ¥1,234.50, dates as 2025-06-30."""

from __future__ import annotations

import datetime
from decimal import Decimal

from app.money import yuan
from app.registers.base import Field, Kind

NUMERIC_KINDS = (Kind.MONEY, Kind.DECIMAL, Kind.INT)


def money(value: Decimal | None) -> str:
    """¥1,234.50, -¥320.00 (blank for None)."""
    if value is None:
        return ""
    return yuan(value)


def day(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def display(field: Field, value: object) -> str:
    """A register value as a list cell shows it."""
    if field.kind is Kind.MONEY and isinstance(value, Decimal):
        return money(value)
    return field.display(value)


def is_numeric(field: Field) -> bool:
    """Numbers are right-aligned."""
    return field.kind in NUMERIC_KINDS
