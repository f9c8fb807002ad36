"""Amounts in figures and in capitals (大写)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.money import capitals, figures, yuan


@pytest.mark.parametrize(("amount", "text"), [
    ("1200", "壹仟贰佰元整"), ("1200.50", "壹仟贰佰元伍角"), ("0.05", "伍分"), ("18900.00", "壹万捌仟玖佰元整"),
    ("1010.01", "壹仟零壹拾元零壹分"), ("0", "零元整"), ("36000", "叁万陆仟元整"), ("670000", "陆拾柒万元整"),
])
def test_capitals(amount: str, text: str) -> None:
    assert capitals(Decimal(amount)) == text


def test_figures() -> None:
    assert figures(Decimal("1234.5")) == "1,234.50"
    assert yuan(Decimal("18900")) == "¥18,900.00"


def test_a_negative_amount_shows_its_sign_before_the_currency() -> None:
    from app.money import yuan
    from ui.formatting import money as on_screen

    assert yuan(Decimal("-320")) == on_screen(Decimal("-320")) == "-¥320.00"
    assert yuan(Decimal("1234.5")) == on_screen(Decimal("1234.5")) == "¥1,234.50"
    assert yuan(Decimal("0")) == "¥0.00" and on_screen(None) == ""
