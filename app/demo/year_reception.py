"""The demo year's reception and legal aid: 来信来访 registered, handed on and closed (四有); the wage cases
taken up with the labour inspectors (联合执法) and the 工伤 case, each closed with the money recovered."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from decimal import Decimal

from app import clock
from app.demo import places
from app.demo.agenda import Year, varied
from app.services import legal_cases, petitions
from app.services.legal_cases import ApplicantForm, LegalCaseForm
from app.services.petitions import PetitionForm
from app.services.relief_forms import Recipient

CONTENT = {
    "法律咨询": ("咨询劳动合同到期不续签的经济补偿", "咨询企业改制后工龄认定和社保接续", "咨询病假期间工资待遇",
             "咨询解除劳动合同的程序", "咨询退休年龄和养老金计算"),
    "劳动争议": ("单位未足额缴纳社会保险", "单位调岗降薪，要求协调", "被单位辞退未获经济补偿"),
    "困难求助": ("家庭成员患病，生活困难，申请救助", "下岗多年无固定收入，申请建档", "子女上学费用困难，申请帮助"),
    "政策咨询": ("咨询困难职工建档条件", "咨询金秋助学申请材料", "咨询创业贷款贴息政策"),
}
WAGE_RESPONDENTS = ("华池县城区某住宅小区建筑工地", "华池县公路建设项目部（分包队）", "柔远镇某砖厂",
                    "华池县某商住楼施工项目部", "南梁镇某养殖场建设工地")
INJURY_RESPONDENT = "华池县南梁路住宅楼施工项目部"
INSPECTORS = "县劳动执法大队"
HANDED_TO = ("县人社局劳动监察大队", "县劳动人事争议仲裁院", "县法律援助中心", "县民政局", "县医保局")
# Categories beside 法律咨询, the wage petitions and the 工伤 one, in proportion.
OTHER_SHARES = (("劳动争议", 4), ("困难求助", 5), ("政策咨询", 4))


def reception(year: Year) -> None:
    t, d, rng = year.targets, year.dates, year.rng
    others = t.petitions - t.consultations - t.wage_cases - 1
    weights = sum(w for _, w in OTHER_SHARES)
    counts = [others * w // weights for _, w in OTHER_SHARES]
    counts[0] += others - sum(counts)
    plain = [category for (category, _), n in zip(OTHER_SHARES, counts, strict=True) for _ in range(n)]
    plain += ["法律咨询"] * t.consultations
    for category in plain:
        day = d.anywhere(rng)
        channel = "来信" if rng.random() < 0.25 else "来访"
        who: Recipient = year.crowd.newcomer()
        files = year.crowd.on_record(day)
        if category == "困难求助" and files:
            who = Recipient(person_id=rng.choice(files).head_id)
        _contact(year, day, channel, category, rng.choice(CONTENT[category]), who)
    amounts = varied(rng, t.wage_recovered, t.wage_cases, 1000, 50)
    for n, amount in enumerate(amounts):
        day = d.between(rng, (1 + 2 * n, 5), (2 + 2 * n, 20))
        _case(year, day, "拖欠工资", WAGE_RESPONDENTS[n % len(WAGE_RESPONDENTS)], amount, rng.randint(8, 40), n)
    _case(year, d.workday(d.on(4, 3)), "工伤赔偿", INJURY_RESPONDENT, Decimal(t.injury_award), 1, len(amounts))


def _contact(year: Year, day: datetime.date, channel: str, category: str, content: str, who: Recipient) -> None:
    rng = year.rng
    key = year.key(f"petition:{len(year.agenda.entries)}")
    received = year.agenda.add(day, year.agenda.keep(key, _register(channel, day, category, content, who)))
    handed = d_hand = None
    if category != "法律咨询" or rng.random() < 0.3:
        d_hand = year.dates.later(day, rng.randint(1, 5))
        to = rng.choice(HANDED_TO)
        handed = year.agenda.add(d_hand, lambda: petitions.hand_on(year.agenda.made[key], to, d_hand), after=received)
    closing = year.dates.later(d_hand or day, rng.randint(0, 3) if category == "法律咨询" else rng.randint(5, 25))
    result = "当场解答，职工表示满意" if category == "法律咨询" else "已协调办理，答复职工"
    year.agenda.add(closing, lambda: petitions.close_petition(year.agenda.made[key], result, closing),
                    after=handed or received)


def _register(channel: str, day: datetime.date, category: str, content: str, who: Recipient,
              workers: int = 1) -> Callable[[], int]:
    def run() -> int:
        return petitions.register_petition(PetitionForm(channel, clock.now(), category, content, who,
                                                        contact=who.phone or "", work_unit=who.work_unit,
                                                        workers=workers))
    return run


def _case(year: Year, day: datetime.date, cause: str, respondent: str, amount: Decimal, workers: int, n: int) -> None:
    """A petition, the case opened from it with the inspectors, and its closing with the money recovered."""
    rng, crowd = year.rng, year.crowd
    migrant = places.MIGRANT_UNITS[0].name
    speaker = crowd.newcomer(sex="男", ages=(25, 55), work_unit=migrant)
    named = [speaker] + [crowd.newcomer(ages=(22, 58), work_unit=migrant) for _ in range(min(workers, 6) - 1)]
    category = "拖欠工资" if cause == "拖欠工资" else "工伤"
    content = (f"{respondent}拖欠{workers}名农民工工资" if cause == "拖欠工资"
               else "在施工项目部做清洁时被塔吊碰伤，工队负责人拒绝支付赔偿")
    pkey, ckey = year.key(f"wage-petition:{n}"), year.key(f"case:{n}")
    received = year.agenda.add(day, year.agenda.keep(pkey, _register("来访", day, category, content, speaker, workers)))
    accepted = year.dates.later(day, rng.randint(0, 2))
    form = LegalCaseForm(respondent, cause, "联合执法", accepted, workers, tuple(ApplicantForm(r) for r in named),
                         partner=INSPECTORS, lawyer="李文华（常年法律顾问）", amount_claimed=amount,
                         note="联合县劳动执法大队调查处理")

    def open_case() -> int:
        return legal_cases.open_case(dataclasses.replace(form, petition_id=year.agenda.made[pkey]))
    opened = year.agenda.add(accepted, year.agenda.keep(ckey, open_case), after=received)
    closed_on = year.dates.later(accepted, rng.randint(20, 45))
    outcome = "双方达成赔偿协议，已足额支付" if cause == "工伤赔偿" else "经联合执法，拖欠工资已全部追回发放"
    closing = year.agenda.add(closed_on, lambda: legal_cases.close_case(year.agenda.made[ckey], closed_on, outcome,
                                                                         amount), after=opened)
    year.agenda.add(closed_on, lambda: petitions.close_petition(year.agenda.made[pkey], outcome, closed_on),
                    after=closing)

