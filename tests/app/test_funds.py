"""Funds: money in by source, relief paid out, balances to the fen, the ledger, no overdraft without a reason."""

from __future__ import annotations

import datetime
import itertools
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import KnownError
from app.services import accounts, funds
from app.services import settings as settings_service
from app.services.funds import FundEntryForm
from app.services.relief import record_relief
from app.services.relief_forms import Recipient, ReliefForm
from app.session import Role
from db.database import database
from tests.relief_factories import D, filed, fund_with, head_of


def _care(fund_id: int, amount: str, name: str = "环卫工人") -> ReliefForm:
    return ReliefForm(Recipient(name=name), "夏送清凉", D(2025, 6, 20), Decimal(amount), fund_id)


def test_balance_is_money_in_minus_relief_paid(office: Path) -> None:
    fund = fund_with("10000.00")
    funds.add_entry(FundEntryForm(fund, D(2025, 2, 1), "社会捐助", Decimal("500.50")))
    record_relief(_care(fund, "300.25"))
    view = funds.list_funds()[0]
    assert (view.income, view.paid, view.balance) == (Decimal("10500.50"), Decimal("300.25"), Decimal("10200.25"))


def test_a_relief_the_fund_cannot_pay_is_refused_unless_an_administrator_gives_a_reason(office: Path) -> None:
    fund = fund_with("100.00")
    accounts.create_account("jingban", "张经办", Role.CLERK, "clerk-pass-1")
    accounts.sign_in("jingban", "clerk-pass-1")
    with pytest.raises(KnownError, match=re.escape("余额 100.00 元，不足支付 150.00 元")):
        record_relief(_care(fund, "150"))
    with pytest.raises(KnownError, match="须由管理员办理"):
        record_relief(ReliefForm(Recipient(name="甲"), "夏送清凉", D(2025, 6, 20), Decimal("150"), fund,
                                 overdraw_reason="上级资金下月到账"))
    accounts.sign_in("admin", "test-pass-1")
    record_relief(ReliefForm(Recipient(name="甲"), "夏送清凉", D(2025, 6, 20), Decimal("150"), fund,
                             overdraw_reason="上级资金下月到账"))
    assert funds.balance(fund) == Decimal("-50.00")


def test_corrections_need_a_note_and_cannot_go_below_zero(office: Path) -> None:
    fund = fund_with("100.00")
    with pytest.raises(KnownError, match="说明原因"):
        funds.add_entry(FundEntryForm(fund, D(2025, 2, 1), "上级拨款", Decimal("-10")))
    with pytest.raises(KnownError) as refused:
        funds.add_entry(FundEntryForm(fund, D(2025, 2, 1), "上级拨款", Decimal("-200"), note="冲减"))
    assert str(refused.value) == "“2025年帮扶资金”余额 ¥100.00，冲减 ¥200.00 后余额将为负数（差 ¥100.00），不能冲减。"
    with pytest.raises(KnownError, match="资金来源"):
        funds.add_entry(FundEntryForm(fund, D(2025, 2, 1), "彩票", Decimal("10")))


def test_ledger_of_a_period_opens_and_closes_on_the_balances(office: Path) -> None:
    fund = fund_with("1000.00")
    record_relief(ReliefForm(Recipient(name="甲"), "夏送清凉", D(2025, 1, 20), Decimal("100"), fund))
    funds.add_entry(FundEntryForm(fund, D(2025, 3, 1), "财政配套", Decimal("200")))
    record_relief(ReliefForm(Recipient(name="乙"), "夏送清凉", D(2025, 3, 5), Decimal("50"), fund))
    record_relief(ReliefForm(Recipient(name="丙"), "夏送清凉", D(2025, 3, 5), Decimal("25"), fund))
    ledger = funds.ledger(fund, D(2025, 2, 1), D(2025, 3, 31))
    assert ledger.opening == Decimal("900.00")
    assert [(line.kind, line.income, line.paid) for line in ledger.lines] == [
        ("收入", Decimal("200.00"), Decimal("0.00")), ("支出", Decimal("0.00"), Decimal("75.00"))]
    assert "夏送清凉 2人次" in ledger.lines[1].description
    assert ledger.closing == funds.balance(fund) == Decimal("1025.00")


NAMES = itertools.count()


@pytest.fixture
def recipient(office: Path) -> int:
    settings_service.put("duplicate_rule", "off")  # this property is about money, not the one-a-year rule
    return head_of(filed(1))


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_balance_equals_in_minus_out_to_the_fen_after_ten_thousand_records(recipient: int, seed: int) -> None:
    """Property: whatever 10,000 random entries and reliefs were written, balance = Σin − Σout exactly."""
    rng = random.Random(seed)
    fund_ids = [funds.create_fund(f"资金{next(NAMES)}").id for _ in range(3)]
    expected = {f: 0 for f in fund_ids}
    with database.atomic():
        for n in range(10_000):
            fund = rng.choice(fund_ids)
            cents = rng.randrange(1, 1_000_000)
            amount = Decimal(cents) / 100
            if rng.random() < 0.4:
                funds.add_entry(FundEntryForm(fund, D(2025, 1, 1 + n % 28), "工会经费", amount))
                expected[fund] += cents
            else:
                record_relief(ReliefForm(Recipient(person_id=recipient), "其他", D(2025, 2, 1 + n % 28), amount,
                                         fund, overdraw_reason="测试"))
                expected[fund] -= cents
    for fund in fund_ids:
        assert funds.balance(fund) == Decimal(expected[fund]) / 100
    assert sum(v.balance for v in funds.list_funds() if v.id in fund_ids) == Decimal(sum(expected.values())) / 100


def test_entries_in_the_future_are_refused(office: Path) -> None:
    fund = fund_with("1.00")
    with pytest.raises(KnownError, match="晚于今天"):
        funds.add_entry(FundEntryForm(fund, datetime.date(2026, 1, 1), "上级拨款", Decimal("1")))


def test_a_relief_dated_before_the_money_came_in_is_refused(office: Path) -> None:
    fund = funds.create_fund("后到的资金").id
    funds.add_entry(FundEntryForm(fund, D(2025, 3, 1), "上级拨款", Decimal("1000")))
    with pytest.raises(KnownError, match=re.escape("2025-02-01起余额 0.00 元")):
        record_relief(ReliefForm(Recipient(name="甲"), "夏送清凉", D(2025, 2, 1), Decimal("100"), fund))
    record_relief(ReliefForm(Recipient(name="甲"), "夏送清凉", D(2025, 3, 2), Decimal("900"), fund))
    with pytest.raises(KnownError, match=re.escape("2025-03-01起余额 100.00 元")):  # would dip below zero later
        record_relief(ReliefForm(Recipient(name="乙"), "夏送清凉", D(2025, 3, 1), Decimal("200"), fund))
    assert funds.available_on(fund, D(2025, 3, 1)) == Decimal("100.00")
