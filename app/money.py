"""Money as people read it: ¥1,234.50 in lists and 壹仟贰佰叁拾肆元伍角 on anything a recipient signs."""

from __future__ import annotations

from decimal import Decimal

import cn2an

CENT = Decimal("0.01")


def figures(amount: Decimal) -> str:
    """1,234.50 (two decimals, thousands separated)."""
    return f"{amount.quantize(CENT):,.2f}"


def yuan(amount: Decimal) -> str:
    """¥1,234.50; a negative amount (a refund, a correction) as -¥320.00."""
    if amount < 0:
        return f"-¥{figures(-amount)}"
    return f"¥{figures(amount)}"


def capitals(amount: Decimal) -> str:
    """The amount in capitals (大写) as on a cheque or receipt: 壹仟贰佰元整, 叁元陆角, 零元整."""
    value = amount.quantize(CENT)
    if value < 0:
        return "负" + capitals(-value)
    text: str = cn2an.an2cn(format(value, "f"), "rmb")
    return text
