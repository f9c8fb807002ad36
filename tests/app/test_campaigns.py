"""Campaigns: recipients chosen by rules, a whole batch recorded in one step, conflicts listed first."""

from __future__ import annotations

import dataclasses
import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest

from app.demo.county import make_demo
from app.errors import KnownError, ValidationError
from app.services import campaigns, funds
from app.services.campaign_batch import record_batch
from app.services.campaigns import CampaignForm, RecipientRule
from app.services.relief import DuplicateRelief, record_relief
from app.services.relief_forms import ItemForm, Recipient, ReliefForm
from db.models import AuditRecord, Relief
from tests.relief_factories import D, fund_with


@pytest.fixture
def county(office: Path) -> Path:
    make_demo(households=800, seed=3)
    return office


def _campaign(fund: int, name: str = "2025年元旦春节送温暖", amount: str = "300") -> int:
    return campaigns.create_campaign(CampaignForm(name, "送温暖慰问", D(2025, 1, 1), D(2025, 2, 28),
                                                  standard_amount=Decimal(amount), fund_id=fund)).id


def test_a_batch_of_550_with_three_already_helped_writes_nothing_until_each_has_a_reason(county: Path) -> None:
    fund = fund_with("500000")
    campaign = _campaign(fund)
    chosen = campaigns.candidates(RecipientRule(), "送温暖慰问", 2025)[:550]
    assert len(chosen) == 550
    for early in chosen[10:13]:
        record_relief(ReliefForm(Recipient(person_id=early.person_id), "送温暖慰问", D(2025, 1, 5), Decimal("200"),
                                 fund))
    before = Relief.select().count()
    lines = [campaigns.line_from(c) for c in chosen]
    with pytest.raises(DuplicateRelief) as caught:
        record_batch(campaign, lines, D(2025, 1, 20))
    listed = sorted(c.line for c in caught.value.conflicts if c.line is not None)
    assert listed == [10, 11, 12]
    assert all(c.name in {x.name for x in chosen[10:13]} for c in caught.value.conflicts)
    assert Relief.select().count() == before
    lines[10] = dataclasses.replace(lines[10], duplicate_reason="家中突发变故，再次慰问")
    with pytest.raises(DuplicateRelief) as again:
        record_batch(campaign, lines, D(2025, 1, 20))
    assert sorted(c.line for c in again.value.conflicts if c.line is not None) == [11, 12]
    kept = lines[:11] + lines[13:]  # two removed by hand
    result = record_batch(campaign, kept, D(2025, 1, 20))
    assert (result.count, result.total, result.conflicts_marked) == (548, Decimal("164400.00"), 1)
    assert Relief.select().count() == before + 548
    assert funds.balance(fund) == Decimal("500000.00") - Decimal("600.00") - Decimal("164400.00")
    view = campaigns.get_campaign(campaign)
    assert (view.recipients, view.total) == (548, Decimal("164400.00"))
    assert AuditRecord.select().where(AuditRecord.target_kind == "campaign").count() == 2  # created, recorded


def test_candidates_by_rule(county: Path) -> None:
    everyone = campaigns.candidates(RecipientRule(), "金秋助学", 2025)
    deep = campaigns.candidates(RecipientRule(categories=("深度困难",)), "助学救助", 2025)
    migrants = campaigns.candidates(RecipientRule(identities=("农民工",)), "助学救助", 2025)
    students = campaigns.candidates(RecipientRule(student_levels=("大学",)), "助学救助", 2025)
    assert 0 < len(deep) < len(everyone) and 0 < len(migrants) < len(everyone)
    assert students and all(c.student_id and c.school_level == "大学" for c in students)
    sick = campaigns.candidates(RecipientRule(causes=("患重特大疾病",)), "大病救助", 2025)
    assert 0 < len(sick) < len(everyone)


def test_student_aid_campaign_names_the_student_on_the_parents_file(county: Path) -> None:
    fund = fund_with("100000")
    campaign = campaigns.create_campaign(CampaignForm("2025年金秋助学", "助学救助", D(2025, 6, 1), D(2025, 6, 30),
                                                      standard_amount=Decimal("2000"), fund_id=fund)).id
    chosen = campaigns.candidates(RecipientRule(student_levels=("大学", "高中")), "助学救助", 2025)[:18]
    result = record_batch(campaign, [campaigns.line_from(c) for c in chosen], D(2025, 6, 25))
    assert result.count == len(chosen) and result.total == Decimal(2000 * len(chosen))
    assert all(r.student_id is not None for r in Relief.select().where(Relief.campaign == campaign))


def test_in_kind_campaign_for_front_line_workers_not_on_file(office: Path) -> None:
    fund = fund_with("40000")
    campaign = campaigns.create_campaign(CampaignForm("2025年夏送清凉", "夏送清凉", D(2025, 6, 1), D(2025, 6, 30),
                                                      standard_items="夏凉被×1条@96.75", fund_id=fund)).id
    lines = [campaigns.BatchLine(Recipient(name=f"环卫工人{n}")) for n in range(400)]
    result = record_batch(campaign, lines, D(2025, 6, 25))
    assert result.total == Decimal("38700.00")  # 400 × 96.75: the 3.87万元 of the seed report
    assert funds.balance(fund) == Decimal("1300.00")


def test_bad_lines_are_all_reported_with_their_line_numbers(office: Path) -> None:
    fund = fund_with("1000")
    campaign = _campaign(fund, amount="100")
    lines = [campaigns.BatchLine(Recipient(name="")), campaigns.BatchLine(Recipient(name="好人")),
             campaigns.BatchLine(Recipient(name="坏号", id_number="110105194912310021"))]
    with pytest.raises(ValidationError) as caught:
        record_batch(campaign, lines, D(2025, 1, 20))
    assert sorted(e.row for e in caught.value.errors if e.row) == [1, 3]
    assert Relief.select().count() == 0


def test_a_batch_the_fund_cannot_pay_is_refused(office: Path) -> None:
    fund = fund_with("250")
    campaign = _campaign(fund, amount="100")
    with pytest.raises(KnownError, match=re.escape("不足支付 300.00 元")):
        record_batch(campaign, [campaigns.BatchLine(Recipient(name=f"人{n}")) for n in range(3)], D(2025, 1, 20))


def test_item_standards_are_parsed(office: Path) -> None:
    assert campaigns.parse_items("夏凉被×1条@85、大米×2袋@60") == (
        ItemForm("夏凉被", 1, "条", Decimal("85.00")), ItemForm("大米", 2, "袋", Decimal("120.00")))
    with pytest.raises(KnownError, match="格式不对"):
        campaigns.parse_items("大米两袋")


def test_campaign_needs_a_name_type_and_sensible_dates(office: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        campaigns.create_campaign(CampaignForm("", "不存在", datetime.date(2025, 2, 1), datetime.date(2025, 1, 1)))
    assert {e.field for e in caught.value.errors} == {"name", "relief_type", "end_date"}
