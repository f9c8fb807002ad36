"""A demo household's means: address and housing, incomes that meet the 低保 rule, bank card, paperwork."""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app import vocab
from app.demo import members as mem
from app.demo import places
from app.demo.history import Timeline
from app.demo.members import Someone
from app.demo.people import make_card_number

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
# Disposable income per head and month, as a share of the 低保 line, that gives each category.
CATEGORY_BAND = {"深度困难": (0.35, 0.92), "相对困难": (1.08, 1.9), "意外致困": (2.1, 3.0)}
RAISED = "经基层工会和帮扶中心集体研究按深度困难认定"
LOWERED = "家庭已享受低保兜底，另有亲属固定资助，经集体研究按相对困难认定"
URBAN_HOUSING = (("商品房", "承租单位公房", "廉租房", "经济适用房", "租房", "自建房", "无房", "两限房", "其他"),
                 (25, 15, 12, 8, 18, 15, 3, 2, 2))
RURAL_HOUSING = (("自建房", "租房", "其他", "无房"), (70, 15, 10, 5))
AREA = {"商品房": (60, 120), "承租单位公房": (35, 70), "廉租房": (40, 50), "经济适用房": (55, 90),
        "两限房": (60, 90), "租房": (15, 60), "自建房": (60, 160), "其他": (20, 60)}
STUDYING = ("高中", "中职", "大专", "本科")


def place(rng: random.Random, values: dict[str, Any], town: str, identity: str, causes: tuple[str, ...],
          size: int) -> None:
    """Address, hukou, medical insurance and housing (bigger families tend to live in more space)."""
    urban = town == places.SEAT and (identity == "职工" or rng.random() < 0.4)
    hukou = "农业" if identity == "农民工" else rng.choices(vocab.HUKOU_TYPES, weights=(65, 23, 12))[0]
    village = places.village(rng)
    if "未参加社会保险" in causes:
        insurance = rng.choice(("未参保", "居民医保"))
    elif identity == "职工":
        insurance = rng.choices(("职工医保", "居民医保", "未参保"), weights=(85, 12, 3))[0]
    else:
        insurance = rng.choices(("居民医保", "职工医保", "未参保"), weights=(80, 10, 10))[0]
    kinds, weights = URBAN_HOUSING if urban else RURAL_HOUSING
    housing = rng.choices(kinds, weights=weights)[0]
    low, high = AREA.get(housing, (0, 0))
    low, high = int(low * (0.75 + 0.08 * size)), int(high * (0.75 + 0.08 * size))
    values.update(
        hukou_type=hukou, medical_insurance=insurance, housing_type=housing,
        hukou_place=f"{places.PROVINCE_CITY}{places.COUNTY}{town}" + (village if hukou == "农业" else ""),
        address=places.seat_address(rng) if urban else places.rural_address(rng, town, village),
        housing_area=(Decimal(rng.randint(low * 100, high * 100)) / 100).quantize(CENT) if high else None)


def _rigid_wish(rng: random.Random, rule_category: str, causes: tuple[str, ...], people: list[Someone]) -> int:
    """A year's rigid spending (元) the family's causes make likely: treatment, school fees, care."""
    wish = 0 if rng.random() < 0.4 else rng.randint(0, 18) * 100
    if rule_category != "意外致困":
        if "患重特大疾病" in causes:
            wish += rng.randint(60, 450) * 100
        if "子女上学" in causes:
            wish += mem.tuition(people)
        if "无劳动能力" in causes:
            wish += rng.randint(20, 80) * 100
    return wish


def money(rng: random.Random, values: dict[str, Any], category: str, rule_category: str, causes: tuple[str, ...],
          line: Decimal, people: list[Someone], ref: datetime.date) -> None:
    """Incomes, rigid spending, losses and 低保 such that the 低保 rule gives `rule_category`.

    The family first moves towards the category on its own (an idle adult finds work, or a
    working member loses the job); earnings are then scaled at most ×0.5–×1.6 and rigid
    spending (or other income) takes up the rest. When the office's category differs from
    the rule's, the file carries the reason, as check_household demands.
    """
    size = 1 + len(people)
    low, high = CATEGORY_BAND[rule_category]
    rigid_wish = _rigid_wish(rng, rule_category, causes, people)
    yearly_line = float(line) * 12 * size
    head_income: Decimal = values["head_monthly_income"]
    other: Decimal = values["other_annual_income"]

    def natural() -> Decimal:
        return (head_income + sum((p.income for p in people), ZERO)) * 12 + other

    def share_now() -> float:
        return (float(natural()) - rigid_wish) / yearly_line

    while share_now() < low and mem.put_to_work(rng, people, ref):
        pass
    while share_now() > high * 1.25 and mem.lay_off(rng, people):
        pass
    share = share_now()
    if share > high:
        share = high - rng.uniform(0, 0.3) * (high - low)
    elif share < low:
        share = low + rng.uniform(0, 0.3) * (high - low)
    disposable = int(share * yearly_line)
    total = natural()
    if total > 0:
        factor = min(max(Decimal(disposable + rigid_wish) / total, Decimal("0.5")), Decimal("1.6"))
        head_income, other = _tens(head_income * factor), _tens(other * factor)
        for person in people:
            person.income = _tens(person.income * factor)
    annual = natural()
    if annual < disposable:
        other += _tens(Decimal(disposable) - annual + 5)
        annual = (head_income + sum((p.income for p in people), ZERO)) * 12 + other
        disposable = int(annual)  # no rigid spending left; a few 元 more than aimed at
    losses = ZERO
    if rule_category == "意外致困":
        losses = Decimal(int(annual * Decimal(str(rng.uniform(0.9, 2.4))) / 100) * 100)
    dibao = category != rule_category == "深度困难" or (
        rule_category == "深度困难" and rng.random() < 0.45) or (rule_category == "相对困难" and rng.random() < 0.1)
    per_person = int(line * Decimal(str(rng.uniform(0.3, 0.65))))
    reason = "" if category == rule_category else RAISED if category == "深度困难" else LOWERED
    values.update(
        head_monthly_income=head_income, other_annual_income=other, rigid_expenses=annual - disposable,
        accident_losses=losses, receives_dibao=dibao, category_reason=reason,
        dibao_amount=Decimal(rng.randint(1, size) * per_person) if dibao else ZERO)


def paperwork(rng: random.Random, values: dict[str, Any], category: str, causes: tuple[str, ...],
              timeline: Timeline, people: list[Someone], household_id: int) -> None:
    """Bank card, attachments and the 特困职工证 number."""
    bank_name = branch = ""
    card = None
    if rng.random() < 0.72:
        bank = rng.choices(places.BANKS, weights=places.BANK_WEIGHTS)[0]
        bank_name, branch = bank.name, rng.choice(bank.branches)
        card = make_card_number(rng, bank.card_prefix)
    wanted = {"申请书", "身份证/户口本"}
    if rng.random() < 0.85:
        wanted.add("收入证明")
    if "患重特大疾病" in causes or values["disability_type"] != "无":
        wanted.add("诊断书/医疗票据")
    if "子女上学" in causes or any(p.education in STUDYING for p in people):
        wanted.add("学费票据/录取通知书")
    if values["receives_dibao"]:
        wanted.add("低保证")
    if values["work_status"] == "在岗" and rng.random() < (0.4 if values["identity"] == "职工" else 0.2):
        wanted.add("劳动合同")
    if timeline.notice_start is not None:
        wanted.add("公示材料")
    cert = ""
    if category == "深度困难" and timeline.approved_on is not None and rng.random() < 0.4:
        cert = f"华工困证〔{timeline.approved_on.year}〕{household_id:04d}号"
    values.update(bank_name=bank_name, bank_branch=branch, card_number=card, hardship_cert_no=cert,
                  attachments=tuple(a for a in vocab.ATTACHMENTS if a in wanted))


def _tens(value: Decimal) -> Decimal:
    return (value / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 10
