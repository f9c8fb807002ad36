"""Custom column types: exact money in integer fen and fixed-point decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import peewee

CENT = Decimal("0.01")


def to_cents(value: Decimal) -> int:
    """Decimal yuan (or m²) → integer hundredths, rounded half up."""
    return int((value.quantize(CENT, rounding=ROUND_HALF_UP) * 100).to_integral_value())


def from_cents(value: int) -> Decimal:
    """Integer hundredths → Decimal with two places."""
    return (Decimal(value) / 100).quantize(CENT)


class CentsField(peewee.IntegerField):
    """A Decimal with two places stored exactly as an integer count of hundredths.

    Used for money (元 stored as 分) and areas (m²); never a float anywhere.
    """

    def db_value(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money and areas must be Decimal, never float")
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        return to_cents(Decimal(value))

    def python_value(self, value: Any) -> Any:
        if value is None:
            return None
        return from_cents(int(value))
