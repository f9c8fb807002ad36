"""The demo year's training and jobs: 下岗职工创业培训班 and 农民工技能培训班 (砖瓦, 电焊, 刺绣, 种养殖) with
their trainees, 再就业 of laid-off workers, 职业介绍, and 妇女创业贷款 for laid-off women."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from functools import partial

from app.demo import places
from app.demo.agenda import Year, split, varied
from app.demo.crowd import File
from app.services import employment, loans, training
from app.services.employment import PlacementForm, ReferralForm
from app.services.loans import LoanForm
from app.services.relief_forms import Recipient
from app.services.training import SessionForm, TraineeForm

UNEMPLOYED = ("下岗失业", "有劳动能力而未就业")
# (kind, trade, usual start (month, day), days)
LAID_OFF_SESSIONS = (("创业培训", "", (3, 12), 10), ("创业培训", "", (6, 10), 10), ("创业培训", "", (9, 16), 10))
MIGRANT_SESSIONS = (("技能培训", "砖瓦", (3, 20), 15), ("技能培训", "电焊", (4, 15), 20),
                    ("技能培训", "刺绣", (5, 12), 15), ("技能培训", "种养殖", (7, 8), 12),
                    ("技能培训", "电焊", (10, 14), 20))
PLACES = ("华池县职业教育中心", "华池县总工会职工培训中心", "柔远镇农民工培训基地")
EMPLOYERS = ("华池县物业管理公司", "华池县家政服务中心", "华池县商贸超市有限公司", "长庆油田华池服务点",
             "华池县保安服务公司", "华池县快递物流站点", "华池县城市公交公司", "华池县城区餐饮店")
HOW_FOUND = ("招聘会", "职业介绍", "公益性岗位", "自主创业")
JOBS = ("保洁员", "保安", "收银员", "家政服务员", "快递分拣员", "厨师", "电焊工", "绣娘", "养殖技术员")
ORDINALS = "一二三四五六七八九十"


def training_and_jobs(year: Year) -> None:
    laid_off = _sessions(year, LAID_OFF_SESSIONS, "下岗职工", year.targets.laid_off_trainees,
                         [f for f in year.crowd.files if f.main_cause in UNEMPLOYED])
    _sessions(year, MIGRANT_SESSIONS, "农民工", year.targets.migrant_trainees,
              [f for f in year.crowd.files if f.identity == "农民工"])
    _placements(year, laid_off)
    _referrals(year)
    _loans(year)


def _sessions(year: Year, plans: tuple[tuple[str, str, tuple[int, int], int], ...], group: str, trainees: int,
              files: list[File]) -> list[tuple[datetime.date, Recipient]]:
    """The sessions of one group and their trainees (heads of files first, then people new here);
    returns each trainee with the day their session ended."""
    d, rng, n = year.dates, year.rng, year.number
    finished: list[tuple[datetime.date, Recipient]] = []
    taken: set[int] = set()
    for index, ((kind, trade, (month, day), days), size) in enumerate(zip(plans, split(trainees, len(plans)),
                                                                            strict=True)):
        start = d.workday(d.on(month, day))
        end = d.later(start, days - 1)
        label = (f"{n}年第{ORDINALS[index]}期下岗职工创业培训班" if group == "下岗职工"
                 else f"{n}年农民工{trade}技能培训班（第{ORDINALS[index]}期）")
        form = SessionForm(label, kind, start, end, trade=trade, place=rng.choice(PLACES),
                           organiser="县总工会、县就业局",
                           cost=Decimal(size * rng.choice((120, 150, 180))), note="免费培训")
        key = year.key(f"session:{group}:{index}")
        made = year.agenda.add(start - datetime.timedelta(days=7) if start.toordinal() - 7 >= d.first.toordinal()
                               else start, year.agenda.keep(key, partial(training.create_session, form)))
        heads = year.crowd.pick([f for f in files if f.approved_on <= start], size // 4, taken)
        people = [Recipient(person_id=f.head_id) for f in heads]
        people += [year.crowd.newcomer(ages=(20, 52), work_unit="" if group == "下岗职工" else
                                       rng.choice(places.MIGRANT_UNITS).name) for _ in range(size - len(people))]
        for chunk in range(0, len(people), 40):
            batch = people[chunk:chunk + 40]
            year.agenda.add(end, _trainees(year, key, group, batch), after=made if end == start else None)
        finished += [(end, who) for who in people]
    return finished


def _trainees(year: Year, key: str, group: str, people: list[Recipient]) -> Callable[[], None]:
    def run() -> None:
        for who in people:
            training.add_trainee(year.agenda.made[key], TraineeForm(who, group, completed=True))
    return run


def _placements(year: Year, laid_off: list[tuple[datetime.date, Recipient]]) -> None:
    """Laid-off workers back in work, mostly trainees after their course, the rest found by the office."""
    rng, d = year.rng, year.dates
    count = year.targets.re_employed
    trained = rng.sample(laid_off, min(len(laid_off), count * 2 // 3))
    for ended, who in trained:
        day = d.later(ended, rng.randint(10, 60))
        _placement(year, who, day, "培训推荐")
    for _ in range(count - len(trained)):
        _placement(year, year.crowd.newcomer(ages=(30, 52)), d.anywhere(rng), rng.choice(HOW_FOUND))


def _placement(year: Year, who: Recipient, day: datetime.date, how: str) -> None:
    form = PlacementForm(who, "下岗职工", year.rng.choice(EMPLOYERS), day, job=year.rng.choice(JOBS), how_found=how)
    year.agenda.add(day, partial(employment.record_placement, form))


def _referrals(year: Year) -> None:
    rng, d = year.rng, year.dates
    for _ in range(year.targets.referrals):
        day = d.anywhere(rng)
        outcome = rng.choices(("已录用", "未录用", "待反馈"), weights=(5, 3, 2))[0]
        form = ReferralForm(year.crowd.newcomer(ages=(20, 50)), rng.choice(EMPLOYERS), day, outcome=outcome)
        year.agenda.add(day, partial(employment.record_referral, form))


def _loans(year: Year) -> None:
    """妇女创业贷款 for laid-off women: women heading a file first, then others the office helped."""
    t, rng, d = year.targets, year.rng, year.dates
    women = [f for f in year.crowd.files if f.sex == "女" and f.main_cause in UNEMPLOYED]
    heads = year.crowd.pick(women, t.loans // 3)
    borrowers = [Recipient(person_id=f.head_id) for f in heads]
    borrowers += [year.crowd.newcomer(sex="女", ages=(28, 50)) for _ in range(t.loans - len(borrowers))]
    for who, amount in zip(borrowers, varied(rng, t.loan_amount, t.loans, 10_000, 1), strict=True):
        day = d.between(rng, (3, 1), (11, 30))
        form = LoanForm(who, amount, rng.choice(("华池县农村信用社", "甘肃银行华池支行")), day, term_months=24,
                        subsidy=(amount * Decimal("0.03")).quantize(Decimal("0.01")), note="妇女创业担保贷款")
        year.agenda.add(day, partial(loans.record_loan, form))
