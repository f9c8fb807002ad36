"""The demo year's pairings, mutual aid and model workers: “一对一”结对 of cadres with files on record and
what they gave; 职工互助保障 enrolments and claims; the county's 劳模 (动态管理, 走访慰问, 体检, 办实事)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from app.demo import names, places
from app.demo.agenda import Agenda, Year, split, spread, varied
from app.demo.crowd import Crowd, File
from app.services import model_worker_care as care
from app.services import model_worker_subsidy as subsidy
from app.services import model_workers, mutual_aid, pairing
from app.services.model_worker_forms import HonourForm, ModelWorkerForm, StatusChange
from app.services.mutual_aid import ClaimForm, EnrolmentForm
from app.services.pairing import AidForm, PairingForm
from app.services.relief_forms import Recipient
from db.database import tuples
from db.models import FamilyMember, Household, Person

UNION = "县总工会"
CADRE_UNITS = ("柔远镇总工会", "南梁镇总工会", "悦乐镇总工会", "县教育工会", "县卫健系统工会", "县住建系统工会",
               "城壕镇总工会", "县财政局工会", "县人社局工会", "县交通运输系统工会")
PROJECTS = ("养殖肉羊5只", "种植黄花菜3亩", "扶持开办小卖部", "购置农用三轮车", "扶持养蜂10箱", "扶持苹果园改造",
            "扶持开办早餐摊点", "帮助申报特色养殖项目")
GOODS = ("米面油", "冬衣棉被", "学习用品", "取暖煤", "电暖器")
INFO = ("县城用工信息", "特色种养殖技术", "农产品销售渠道", "免费技能培训信息", "创业贷款贴息政策")
PLAN = "职工住院医疗互助保障"
ENROL_DAYS = ((1, 12), (2, 20), (3, 10), (3, 25))
# The county's model workers: (work unit, studio, year of the honour, retires in the report year,
# transferred out the year before). Ten stay on the roll: 篇五's 市级以上劳模10名.
MODEL_WORKERS = (
    ("华池县人民医院", "劳模创新工作室（医学内科）", 2015, False, False),
    ("长庆油田华池服务点", "", 2010, False, False),
    ("华池县第一中学", "", 2012, False, False),
    ("华池县城市公交公司", "", 2016, False, False),
    ("南梁镇苹果种植合作社", "", 2018, False, False),
    ("华池县自来水公司", "", 2014, False, False),
    ("华池县林业总场", "", 2011, True, False),
    ("华池县水泥厂", "", 2005, False, False),
    ("华池县建筑工程公司", "", 2007, False, False),
    ("华池县供销合作社", "", 2008, False, False),
    ("华池县汽车运输公司", "", 2013, False, True),
)
SUBSIDY = Decimal(2000)            # 困难劳模补助金 a half-year
INSURER = "中国职工保险互助会甘肃办事处"
RETIRED_BEFORE = (8, 9)           # indexes of those already retired when the archive was set up


@dataclass(frozen=True)
class Pair:
    """A pairing being planned: its key in the agenda, start, file, the cadre's unit, when it is entered."""

    key: int
    start: datetime.date
    file: File
    unit: str
    entered: datetime.datetime


def pairings(year: Year, continuing: list[Pair], ending: int) -> list[Pair]:
    """New pairings so that `targets.pairings` households are paired in the year with the `continuing` ones,
    `targets.union_pairings` of them by the union's own cadres; `ending` of the others end in December.
    Returns those still running."""
    t, d, rng = year.targets, year.dates, year.rng
    taken = {p.file.household_id for p in continuing}
    union = sum(p.unit == UNION for p in continuing)
    running = list(continuing)
    keys = year.agenda.lists.setdefault("pairing-keys", [])
    for _ in range(max(0, t.pairings - len(continuing))):
        start = d.between(rng, (1, 20), (3, 31))
        files = year.crowd.pick(year.crowd.on_record(start), 1, taken)
        if not files:
            break
        unit = UNION if union < t.union_pairings else rng.choice(CADRE_UNITS)
        union += unit == UNION
        key = len(keys)
        keys.append(key)
        form = PairingForm(_cadre(year), files[0].household_id, start, cadre_unit=unit, note="“一对一”结对帮扶")
        entered = year.agenda.add(start, year.agenda.keep(f"pairing:{key}", partial(pairing.create_pairing, form)))
        running.append(Pair(key, start, files[0], unit, entered))
    _aid(year, running)
    others = [p for p in running if p.unit != UNION]
    rng.shuffle(others)
    ended = others[:ending]
    for p in ended:
        day = d.between(rng, (12, 20), (12, 30))
        year.agenda.add(day, _end(year.agenda, p.key, day))
    return [p for p in running if p not in ended]


def _end(agenda: Agenda, key: int, day: datetime.date) -> Callable[[], None]:
    return lambda: pairing.end_pairing(agenda.made[f"pairing:{key}"], day)


def _cadre(year: Year) -> str:
    sex = year.rng.choice(("男", "女"))
    return names.full_name(year.rng, sex, year.rng.randint(1968, 1995))


def _aid(year: Year, running: list[Pair]) -> None:
    """What the year's pairings gave: money and goods adding to the year's sum (the union's own cadres
    giving `union_amount` between them), projects, pieces of information and legal help, all before December."""
    t, rng = year.targets, year.rng
    union = [p for p in running if p.unit == UNION]
    others = [p for p in running if p.unit != UNION]
    gifts = [(p, "资金", a) for p, a in zip(union, spread(rng, t.union_amount, len(union), 100), strict=True)]
    valued = rng.sample(others, min(len(others), 60))
    rest = varied(rng, t.pairing_amount - int(sum((a for _, _, a in gifts), Decimal(0))), len(valued), 100, 3)
    gifts += [(p, rng.choice(("资金", "物品")), a) for p, a in zip(valued, rest, strict=True)]
    for p, kind, amount in gifts:
        _give(year, p, AidForm(_day(year, p.start), kind, amount,
                               description=rng.choice(GOODS) if kind == "物品" else "慰问帮扶金"))
    for p in rng.sample(running, min(len(running), t.projects)):
        _give(year, p, AidForm(_day(year, p.start), "项目", description=rng.choice(PROJECTS)))
    informed = rng.sample(running, min(len(running), 40))
    for p, count in zip(informed, split(t.job_info, len(informed)), strict=True):
        if count:
            _give(year, p, AidForm(_day(year, p.start), "致富信息", count=count, description=rng.choice(INFO)))
    for p in rng.sample(running, min(len(running), t.legal_help)):
        _give(year, p, AidForm(_day(year, p.start), "法律援助", description="协助申请劳动仲裁"))


def _day(year: Year, start: datetime.date) -> datetime.date:
    low = max(start, year.dates.first)
    high = min(year.dates.on(12, 15), year.dates.last)
    if high < low:
        return low
    return low + datetime.timedelta(days=year.rng.randint(0, (high - low).days))


def _give(year: Year, pair: Pair, form: AidForm) -> None:
    key = pair.key
    year.agenda.add(form.on_date, lambda: pairing.record_aid(year.agenda.made[f"pairing:{key}"], form),
                    after=pair.entered)


def mutual_aid_year(year: Year, pool: list[Recipient]) -> None:
    """职工互助保障: the year's enrolments, day by day in the first quarter, and the claims paid on them."""
    t, d, rng = year.targets, year.dates, year.rng
    chosen = rng.sample(pool, min(len(pool), t.enrolled))
    chosen += [year.crowd.newcomer(work_unit=rng.choice(places.STAFF_UNITS).name)
               for _ in range(t.enrolled - len(chosen))]
    key = year.key("enrolments")
    offset = 0
    for (month, mday), size in zip(ENROL_DAYS, split(len(chosen), len(ENROL_DAYS)), strict=True):
        on = d.workday(d.on(month, mday))
        year.agenda.add(on, _enrol(year, key, chosen[offset:offset + size]))
        offset += size
    for _ in range(t.claims):
        day = d.between(rng, (4, 1), (12, 20))
        kind = rng.choices(("住院", "重疾", "意外"), weights=(7, 2, 1))[0]
        amount = Decimal({"住院": rng.randrange(800, 4000, 100), "重疾": 10000,
                          "意外": rng.randrange(2000, 6000, 500)}[kind])
        form = ClaimForm(day, kind, amount)
        year.agenda.add(day, _claim(year.agenda, key, rng.randrange(len(chosen)), form))


def _claim(agenda: Agenda, key: str, index: int, form: ClaimForm) -> Callable[[], int]:
    return lambda: mutual_aid.record_claim(agenda.lists[key][index], form)


def _enrol(year: Year, key: str, people: list[Recipient]) -> Callable[[], None]:
    def run() -> None:
        for who in people:
            year.agenda.lists.setdefault(key, []).append(
                mutual_aid.enrol(EnrolmentForm(who, year.number, PLAN, Decimal(30), who.work_unit)))
    return run


def enrolment_pool() -> list[Recipient]:
    """Workers of the register who may enrol: heads of files and members at work (their ID numbers known)."""
    heads = [Recipient(person_id=pid, work_unit=unit or "") for pid, unit in tuples(
        Household.select(Household.head, Person.work_unit).join(Person, on=(Household.head == Person.id))
        .order_by(Household.id))]
    members = [Recipient(person_id=pid, work_unit=unit or "") for pid, unit in tuples(
        FamilyMember.select(FamilyMember.person, FamilyMember.unit_or_school).join(Person)
        .where(FamilyMember.identity.in_(("在职职工", "农民工")), Person.id_number.is_null(False))
        .order_by(FamilyMember.id))]
    return heads + members


def model_worker_archive(agenda: Agenda, crowd: Crowd, first: Year) -> None:
    """The archive of the county's 劳模, set up at the start of the first year (新增 dated when each was
    named), with those who had retired by then."""
    rng, d = first.rng, first.dates
    day = d.workday(d.on(1, 5))
    for index, (unit, studio, honoured, retires, _leaves) in enumerate(MODEL_WORKERS):
        ages = (61, 70) if index in RETIRED_BEFORE else (59, 60) if retires else (38, 55)
        who = crowd.newcomer(sex="男" if retires else None, ages=ages, work_unit=unit)
        honour = HonourForm("劳动模范", "省部级", honoured, f"甘政发〔{honoured}〕{rng.randint(10, 90)}号")
        form = ModelWorkerForm(who, (honour,), work_unit=unit, studio=studio, phone=who.phone or "")
        added = datetime.date(max(honoured + 1, 2019), 5, 1)
        made = agenda.add(day, agenda.keep(f"worker:{index}", partial(
            model_workers.add_model_worker, form, added, reason="建立劳模动态管理档案")))
        if index in RETIRED_BEFORE:
            when = added + datetime.timedelta(days=(day - added).days * (index % 3 + 1) // 4)
            agenda.add(day, _event(agenda, index, StatusChange("退休", when, "达到法定退休年龄")), after=made)


def _event(agenda: Agenda, index: int, change: StatusChange) -> Callable[[], int]:
    return lambda: model_workers.record_event(agenda.made[f"worker:{index}"], change)


def model_worker_year(year: Year, report: bool) -> None:
    """The year's changes (调出 the year before, a retirement in the report year), the 春节 visits (800 元
    each), 体检 for those on the roll, and the practical problems solved."""
    t, d, rng, agenda = year.targets, year.dates, year.rng, year.agenda
    gone = [i for i, w in enumerate(MODEL_WORKERS) if w[4]]
    retiring = [i for i, w in enumerate(MODEL_WORKERS) if w[3]]
    if not report:
        for i in gone:
            day = d.workday(d.on(6, 10))
            agenda.add(day, _event(agenda, i, StatusChange("调出", day, "调往庆阳市工作")))
    on_roll = [i for i in range(len(MODEL_WORKERS)) if i not in gone]
    visit_day = d.workday(d.on(1, 20))
    visited = on_roll[:t.visits]
    for i in visited:
        form = care.VisitForm(0, visit_day, "重大节日", "县总工会主席、副主席", Decimal(t.visit_amount // len(visited)),
                              gifts="米面油", round_name=f"{year.number}年元旦春节走访慰问劳模")
        agenda.add(visit_day, _visit(agenda, i, form))
    if report:
        for i in retiring:
            day = d.workday(d.on(5, 8))
            agenda.add(day, _event(agenda, i, StatusChange("退休", day, "达到法定退休年龄")))
    _special_account(year, [i for i in on_roll if i in RETIRED_BEFORE])
    insured_on = d.workday(d.on(3, 16))
    for i in on_roll:
        agenda.add(insured_on, _insure(agenda, i, year.number))
    check_day = d.workday(d.on(9, 22))
    for i in on_roll:
        agenda.add(check_day, _check(agenda, i, year.number, check_day))
    for n in range(t.practical_help):
        day = d.between(rng, (2, 1), (12, 20))
        what = ("协调解决子女就业问题", "帮助维修住房", "协调办理住院医疗费用报销", "帮助解决取暖问题")[n % 4]
        i = on_roll[(n * 3) % len(on_roll)]
        agenda.add(day, _help(agenda, i, day, what))


def _visit(agenda: Agenda, index: int, form: care.VisitForm) -> Callable[[], int]:
    return lambda: care.record_visit(care.VisitForm(
        agenda.made[f"worker:{index}"], form.on_date, form.occasion, form.visitors, form.amount, form.gifts,
        agenda.made["fund"], form.round_name))


def _check(agenda: Agenda, index: int, year: int, day: datetime.date) -> Callable[[], int]:
    return lambda: care.record_health_check(care.HealthCheckForm(agenda.made[f"worker:{index}"], year,
                                                                 "华池县人民医院", day, "未见明显异常"))


def _help(agenda: Agenda, index: int, day: datetime.date, what: str) -> Callable[[], int]:
    return lambda: care.record_practical_help(care.PracticalHelpForm(agenda.made[f"worker:{index}"], day, what))


def _special_account(year: Year, hard_up: list[int]) -> None:
    """困难劳模补助金专户: the year's grant in January, then each retired model worker in hardship paid by half-year."""
    d, agenda, n = year.dates, year.agenda, year.number
    grant = SUBSIDY * 2 * len(hard_up)
    if not grant:
        return
    on = d.workday(d.on(1, 10))
    agenda.add(on, partial(subsidy.add_income, subsidy.SubsidyIncomeForm(
        on, grant, "上级拨款", document_no=f"甘工发〔{n}〕{year.rng.randint(3, 30)}号", note="省级困难劳模生活补助金")))
    for period, (month, day) in ((f"{n}年上半年", (6, 25)), (f"{n}年下半年", (12, 10))):
        paid = d.workday(d.on(month, day))
        for i in hard_up:
            agenda.add(paid, _pay(agenda, i, paid, period))


def _pay(agenda: Agenda, index: int, day: datetime.date, period: str) -> Callable[[], int]:
    return lambda: subsidy.pay(subsidy.SubsidyPaymentForm(agenda.made[f"worker:{index}"], day, period, SUBSIDY))


def _insure(agenda: Agenda, index: int, year: int) -> Callable[[], int]:
    return lambda: care.record_insurance(care.InsuranceForm(agenda.made[f"worker:{index}"], year, INSURER,
                                                            Decimal(100)))
