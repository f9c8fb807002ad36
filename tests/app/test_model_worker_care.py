"""Model-worker care: visits paid from a fund, health checks and their queue, the subsidy account, figures."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import KnownError, ValidationError
from app.services import funds
from app.services import model_worker_care as care
from app.services import model_worker_overview as overview
from app.services import model_worker_subsidy as subsidy
from app.services import model_workers as mw
from app.services.funds import FundEntryForm
from app.services.model_worker_care import HealthCheckForm, InsuranceForm, PracticalHelpForm, VisitForm
from app.services.model_worker_subsidy import SubsidyIncomeForm, SubsidyPaymentForm
from app.services.model_workers import HonourForm, StatusChange
from app.services.relief import record_relief
from app.services.relief_forms import Recipient, ReliefForm
from tests.model_worker_factories import D, add, fund

SPRING = "2025年春节走访劳模"


def visit(worker: int, amount: str = "800", **changes: object) -> VisitForm:
    base = VisitForm(worker, D(2025, 1, 20), "重大节日", "县总工会主席 王明", Decimal(amount), round_name=SPRING)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_the_seed_reports_figures_come_out_of_the_data(office: Path) -> None:
    """市级以上劳模10名，在职7名、退休3名；慰问劳模10人，发放慰问金8000元；为困难劳模兴办实事3件."""
    levels = ["全国", "省部级", "省部级", "市级", "市级", "市级", "市级", "市级", "市级", "市级"]
    workers = [add(n, level=level, on=D(2018 + n % 3, 5, 1)) for n, level in enumerate(levels)]
    for worker, day in zip(workers[7:], (D(2022, 3, 1), D(2024, 8, 1), D(2025, 2, 1)), strict=True):
        mw.record_event(worker, StatusChange("退休", day, "到龄退休", "华人社〔退〕号"))
    money = fund("8000.00")
    for n, worker in enumerate(workers):
        care.record_visit(visit(worker, "800", fund_id=money, occasion="生病住院" if n == 9 else "重大节日",
                                on_date=D(2025, 1, 20 + n % 5)))
    for worker, what in zip(workers[:3], ("协调解决子女入学", "维修住房漏雨", "联系医院专家会诊"), strict=True):
        care.record_practical_help(PracticalHelpForm(worker, D(2025, 4, 2), what))
    figures = overview.model_worker_figures(D(2025, 1, 1), D(2025, 12, 31))
    assert figures.on_roll_end == 10 and figures.city_and_above_end == 10
    assert figures.by_status_end == {"在职": 7, "退休": 3, "调出": 0, "去世": 0, "撤销称号": 0}
    assert figures.by_level_end == {"全国": 1, "省部级": 2, "市级": 7, "县级": 0}
    assert (figures.visits, figures.visited_people, figures.visit_amount) == (10, 10, Decimal("8000.00"))
    assert figures.practical_help == 3 and figures.health_checks == 0 and figures.added == 0
    assert funds.balance(money) == Decimal("0.00")     # the visits were paid out of the fund
    last_year = overview.model_worker_figures(D(2024, 1, 1), D(2024, 12, 31))
    assert last_year.by_status_end["在职"] == 8 and last_year.visits == 0
    # 为30余名劳模先进办理了补充保险: workers insured for a year of the period
    for worker in workers[:4]:
        care.record_insurance(care.InsuranceForm(worker, 2025, "中国人寿华池支公司", Decimal("360")))
    care.record_insurance(care.InsuranceForm(workers[0], 2024, "中国人寿华池支公司", Decimal("300")))
    insured = overview.model_worker_figures(D(2025, 1, 1), D(2025, 12, 31))
    assert (insured.insured, insured.insurance_premium) == (4, Decimal("1440.00"))
    both = overview.model_worker_figures(D(2024, 1, 1), D(2025, 12, 31))
    assert (both.insured, both.insurance_premium) == (4, Decimal("1740.00"))


def test_levels_count_the_highest_honour_among_those_on_roll(office: Path) -> None:
    add(1, level="县级", more=(HonourForm("五一劳动奖章", "市级", 2023),))
    add(2, level="县级")
    gone = add(3, level="全国")
    mw.record_event(gone, StatusChange("调出", D(2024, 1, 1), "调往外省"))
    figures = overview.model_worker_figures(D(2025, 1, 1), D(2025, 6, 30))
    assert figures.by_level_end == {"全国": 0, "省部级": 0, "市级": 1, "县级": 1}
    assert figures.city_and_above_end == 1 and figures.on_roll_end == 2 and figures.by_status_end["调出"] == 1


def test_a_visit_draws_on_its_fund_and_a_short_fund_refuses_it(office: Path) -> None:
    worker = add(1)
    money = fund("1000.00")
    care.record_visit(visit(worker, "600", fund_id=money))
    assert funds.balance(money) == Decimal("400.00") and funds.balance(money, D(2025, 1, 19)) == Decimal("1000.00")
    listed = next(f for f in funds.list_funds() if f.id == money)
    assert (listed.income, listed.paid, listed.balance) == (Decimal("1000.00"), Decimal("600.00"), Decimal("400.00"))
    with pytest.raises(ValidationError, match=re.escape("余额 400.00 元，不足支付慰问金 600.00 元")):
        care.record_visit(visit(worker, "600", fund_id=money, on_date=D(2025, 2, 1)))
    care.record_visit(visit(worker, "0", gifts="米面油一套", fund_id=money, on_date=D(2025, 2, 2)))
    lines = funds.ledger(money, D(2025, 1, 1), D(2025, 6, 30)).lines
    assert [(line.kind, line.description, line.paid) for line in lines[1:]] == [
        ("支出", "劳模走访慰问 1人次", Decimal("600.00"))]
    first = care.visits(worker_id=worker)[0]
    assert first.fund == "劳模慰问资金" and first.round_name == SPRING
    care.delete_record("model_worker_visit", first.id, "录入错误")
    assert funds.balance(money) == Decimal("1000.00")


def test_visits_and_reliefs_from_one_fund_never_take_it_below_zero_on_any_day(office: Path) -> None:
    worker = add(1)
    money = fund("1000.00")
    funds.add_entry(FundEntryForm(money, D(2025, 3, 1), "财政配套", Decimal("500.00")))
    record_relief(ReliefForm(Recipient(name="环卫工人"), "夏送清凉", D(2025, 3, 5), Decimal("1200.00"), money))
    # On 2025-01-20 the fund held 1,000.00, but the March relief needs 700.00 of it.
    with pytest.raises(ValidationError, match=re.escape("2025-01-20起余额 300.00 元，不足支付慰问金 400.00 元")):
        care.record_visit(visit(worker, "400", fund_id=money))
    care.record_visit(visit(worker, "300", fund_id=money))
    # and the other way round: a backdated relief may not spend what the visit took
    with pytest.raises(KnownError, match=re.escape("余额 0.00 元")):
        record_relief(ReliefForm(Recipient(name="环卫工人"), "夏送清凉", D(2025, 2, 1), Decimal("1.00"), money))
    assert funds.balance(money) == Decimal("0.00")


def test_visit_rules(office: Path) -> None:
    worker = add(2)
    with pytest.raises(ValidationError) as caught:
        care.record_visit(VisitForm(worker, D(2025, 7, 1), "串门", " ", Decimal("0")))
    assert {e.field for e in caught.value.errors} == {"occasion", "visitors", "amount", "on_date"}
    with pytest.raises(ValidationError, match="该劳模在2019-01-01尚未建档"):
        care.record_visit(visit(worker, on_date=D(2019, 1, 1)))
    mw.record_event(worker, StatusChange("去世", D(2025, 3, 1), "病故"))
    with pytest.raises(ValidationError, match="自2025-03-01起为“去世”"):
        care.record_visit(visit(worker, on_date=D(2025, 3, 2)))
    care.record_visit(visit(worker, on_date=D(2025, 2, 28)))   # a visit before the change still counts


def test_health_checks_and_the_due_queue(office: Path) -> None:
    city = add(1, level="市级")
    county = add(2, level="县级")
    retired = add(3, level="省部级")
    mw.record_event(retired, StatusChange("退休", D(2024, 1, 1), "到龄退休"))
    dead = add(4, level="全国")
    mw.record_event(dead, StatusChange("去世", D(2025, 2, 1), "病故"))
    assert [line.worker_id for line in care_queue()] == [city, retired]      # by pinyin: 李 before 张
    care.record_health_check(HealthCheckForm(city, 2025, "华池县人民医院", D(2025, 5, 6), "各项指标正常"))
    assert [line.worker_id for line in care_queue()] == [retired]
    with pytest.raises(ValidationError, match="已有2025年的体检记录"):
        care.record_health_check(HealthCheckForm(city, 2025, "庆阳市人民医院", D(2025, 6, 1)))
    with pytest.raises(ValidationError, match="应在2023年"):
        care.record_health_check(HealthCheckForm(retired, 2023, "华池县人民医院", D(2025, 1, 6)))
    with pytest.raises(ValidationError, match="体检医院"):
        care.record_health_check(HealthCheckForm(retired, 2025, "", D(2025, 1, 6)))
    last_year = overview.health_check_due(2024)
    assert {line.worker_id for line in last_year} == {city, retired, dead}
    assert {line.worker_id for line in overview.not_visited()} == {city, county, retired}
    assert care.health_checks(year=2025)[0].hospital == "华池县人民医院"


def care_queue() -> list[overview.QueueLine]:
    return overview.health_check_due()


def test_not_visited_this_year_and_the_timeline(office: Path) -> None:
    seen, unseen = add(1), add(2)
    care.record_visit(visit(seen))
    care.record_insurance(InsuranceForm(seen, 2025, "中国人寿华池支公司", Decimal("120.00")))
    care.record_practical_help(PracticalHelpForm(seen, D(2025, 3, 3), "协调解决住房维修"))
    queue = overview.not_visited(2025)
    assert [line.worker_id for line in queue] == [unseen] and queue[0].last is None
    assert overview.not_visited(2024)[0].worker_id in (seen, unseen) and len(overview.not_visited(2024)) == 2
    kinds = [item.kind for item in overview.timeline(seen)]
    assert kinds == ["办实事", "走访", "补充保险", "动态"]
    mw.record_event(unseen, StatusChange("退休", D(2025, 4, 1), "到龄退休"))
    assert [item.text for item in overview.timeline(unseen) if item.kind == "动态"] == [
        "退休；到龄退休", "新增（在职）；市总工会认定；文号华工发〔2020〕2号"]   # 退休 named once
    with pytest.raises(ValidationError, match="已登记2025年中国人寿华池支公司的保险"):
        care.record_insurance(InsuranceForm(seen, 2025, "中国人寿华池支公司", Decimal("120.00")))
    assert care.insurances(year=2025)[0].premium == Decimal("120.00")


def test_a_subsidy_payment_larger_than_the_balance_is_refused_with_the_balance_shown(office: Path) -> None:
    worker, other = add(1), add(2)
    subsidy.add_income(SubsidyIncomeForm(D(2025, 1, 10), Decimal("3000.00"), "上级拨款", "甘工发〔2025〕3号"))
    subsidy.pay(SubsidyPaymentForm(worker, D(2025, 1, 20), "2025年上半年", Decimal("2000.00")))
    with pytest.raises(KnownError, match=re.escape("困难劳模补助金专户余额 1,000.00 元，不足支付 1,500.00 元")):
        subsidy.pay(SubsidyPaymentForm(other, D(2025, 1, 25), "2025年上半年", Decimal("1500.00")))
    assert subsidy.balance() == Decimal("1000.00")
    subsidy.pay(SubsidyPaymentForm(other, D(2025, 1, 25), "2025年上半年", Decimal("1000.00")))
    assert subsidy.balance() == Decimal("0.00")
    with pytest.raises(ValidationError, match="已发放过“2025年上半年”的补助金"):
        subsidy.pay(SubsidyPaymentForm(other, D(2025, 2, 25), "2025年上半年", Decimal("1.00")))


def test_a_backdated_payment_may_not_spend_money_a_later_payment_used(office: Path) -> None:
    worker, other = add(1), add(2)
    income = subsidy.add_income(SubsidyIncomeForm(D(2025, 1, 10), Decimal("1000.00"), "上级拨款"))
    subsidy.add_income(SubsidyIncomeForm(D(2025, 3, 1), Decimal("500.00"), "财政配套"))
    subsidy.pay(SubsidyPaymentForm(worker, D(2025, 3, 5), "2025年第一季度", Decimal("1200.00")))
    # On 2025-02-01 the account held 1,000.00, but the March payment needs 700.00 of it.
    with pytest.raises(KnownError, match=re.escape("余额 300.00 元，不足支付 400.00 元")):
        subsidy.pay(SubsidyPaymentForm(other, D(2025, 2, 1), "2025年第一季度", Decimal("400.00")))
    with pytest.raises(KnownError, match="余额将为负数"):
        subsidy.delete_entry(income, "录错")
    ledger = subsidy.ledger(D(2025, 3, 1), D(2025, 3, 31))
    assert (ledger.opening, ledger.income, ledger.paid, ledger.closing) == (
        Decimal("1000.00"), Decimal("500.00"), Decimal("1200.00"), Decimal("300.00"))
    assert [line.name for line in subsidy.payments()] == [mw.name_of(worker)]
    with pytest.raises(ValidationError, match="资金来源"):
        subsidy.add_income(SubsidyIncomeForm(D(2025, 1, 10), Decimal("1.00"), "天上掉的"))
    with pytest.raises(ValidationError, match="大于零"):
        subsidy.add_income(SubsidyIncomeForm(D(2025, 1, 10), Decimal("0"), "上级拨款"))


def test_visit_rounds_for_the_signature_sheet(office: Path) -> None:
    a = add(1, level="县级", more=(HonourForm("五一劳动奖章", "省部级", 2020),))
    b = add(2)
    care.record_visit(visit(a, "500", on_date=D(2025, 1, 21)))
    care.record_visit(visit(b, "300.50", on_date=D(2025, 1, 20), gifts="慰问品一份"))
    care.record_visit(visit(b, "200", round_name="", on_date=D(2025, 4, 1), occasion="生病住院"))
    sheet = overview.visit_round(SPRING)
    assert [line.worker_id for line in sheet.lines] == [b, a]
    assert sheet.lines[1].honour == "省部级五一劳动奖章" and sheet.total == Decimal("800.50")
    assert (sheet.start, sheet.end) == (D(2025, 1, 20), D(2025, 1, 21))
    assert [(r.name, r.visits, r.amount) for r in overview.visit_rounds()] == [(SPRING, 2, Decimal("800.50"))]
    with pytest.raises(KnownError, match="没有名为“不存在”的走访批次"):
        overview.visit_round("不存在")
