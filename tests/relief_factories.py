"""Households on record, funds and reliefs for the relief tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from app.services import funds, lifecycle
from app.services import households as hs
from app.services.funds import FundEntryForm
from tests.factories import make_form

D = datetime.date


def filed(seed: int, **overrides: object) -> int:
    """A household taken through the whole lifecycle to 在档 in spring 2025."""
    hid = hs.create_household(make_form(seed, filed_on=D(2025, 1, 2), **overrides)).household_ids[0]
    for action, day in ((lifecycle.A.REVIEW, D(2025, 1, 3)), (lifecycle.A.SURVEY, D(2025, 1, 4)),
                        (lifecycle.A.NOTICE, D(2025, 1, 5)), (lifecycle.A.APPROVE, D(2025, 1, 20))):
        lifecycle.apply_step(hid, lifecycle.StepRequest(action, day))
    return hid


def head_of(household_id: int) -> int:
    from db.models import Household

    return int(Household.get_by_id(household_id).head_id)


def fund_with(amount: str, name: str = "2025年帮扶资金") -> int:
    fund = funds.create_fund(name)
    funds.add_entry(FundEntryForm(fund.id, D(2024, 1, 1), "上级拨款", Decimal(amount), "XX-001"))
    return fund.id
