"""The demo year's money and help: funds in by source, the campaigns (送温暖, “两癌”检查, 六一, 夏送清凉,
金秋助学) recorded batch by batch, and single reliefs through the year (大病, 医疗, 住房, 生活救助)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from app.demo import places
from app.demo.agenda import Year, split, varied
from app.demo.crowd import File
from app.services import campaign_batch, campaigns, funds, relief
from app.services.campaigns import BatchLine, CampaignForm
from app.services.relief_forms import Recipient, ReliefForm

FUND = "困难职工帮扶资金"
WARMTH_DAYS = ((1, 8), (1, 15), (1, 22), (2, 2))           # 元旦春节送温暖, batch by batch
SUMMER_UNITS = ("华池县环境卫生管理所", "华池县电力安装公司", "华池县城市公交公司", "华池县城区建筑工地")
SUMMER_DAYS = ((6, 24), (6, 26), (6, 28), (7, 2))
HOSPITALS = ("华池县人民医院", "庆阳市人民医院", "甘肃省人民医院", "兰州大学第一医院")


def fund_id(year: Year) -> int:
    return year.agenda.made["fund"]


def money(year: Year) -> None:
    """Money in: 上级拨款 and 工会经费 at the start of the year, 财政配套 (1:1) in spring, 社会捐助 twice."""
    t, d = year.targets, year.dates
    entries = ((d.workday(d.on(1, 4)), "上级拨款", t.upper_grant, "省市总工会帮扶资金"),
               (d.workday(d.on(1, 4)), "工会经费", t.union_funds, "县总工会经费列支"),
               (d.workday(d.on(4, 15)), "财政配套", t.county_match, "县财政按1:1配套"),
               (d.workday(d.on(1, 10)), "社会捐助", t.donations // 2, "元旦春节爱心企业捐助"),
               (d.workday(d.on(8, 20)), "社会捐助", t.donations - t.donations // 2, "金秋助学爱心捐助"))
    for day, source, amount, note in entries:
        year.agenda.add(day, _entry(year, day, source, Decimal(amount), note))


def _entry(year: Year, day: datetime.date, source: str, amount: Decimal, note: str) -> Callable[[], int]:
    return lambda: funds.add_entry(funds.FundEntryForm(fund_id(year), day, source, amount, note=note))


def _campaign(year: Year, key: str, form: Callable[[], CampaignForm], day: datetime.date) -> datetime.datetime:
    return year.agenda.add(day, year.agenda.keep(year.key(key), lambda: campaigns.create_campaign(form()).id))


def _batch(year: Year, key: str, lines: list[BatchLine], day: datetime.date,
           after: datetime.datetime | None = None) -> None:
    if not lines:
        return
    handler = year.rng.choice(places.CLERKS)
    year.agenda.add(day, lambda: campaign_batch.record_batch(year.agenda.made[year.key(key)], lines, day,
                                                             handler=handler), after=after)


def _head(file: File) -> Recipient:
    return Recipient(person_id=file.head_id)


def warmth(year: Year) -> None:
    """元旦春节送温暖: heads of files on record, in four batches; amounts in hundreds adding to the year's sum."""
    t, d, n = year.targets, year.dates, year.number
    start = d.on(*WARMTH_DAYS[0])
    made = _campaign(year, "warmth", lambda: CampaignForm(
        f"{n}年元旦春节送温暖", "送温暖慰问", *d.span((1, 2), (2, 10)), Decimal(300), fund_id=fund_id(year),
        note="慰问下岗困难职工及农民工"), d.on(1, 3))
    # Files on record in January, some of them lifted out later (their relief then stays on the person).
    active = {f.household_id for f in year.crowd.files}
    chosen = year.crowd.pick(year.crowd.on_record(start) + year.crowd.was_on_record(start), t.warmth)
    amounts = varied(year.rng, t.warmth_amount, len(chosen), 100, 1)
    offset = 0
    for (month, day), size in zip(WARMTH_DAYS, split(len(chosen), len(WARMTH_DAYS)), strict=True):
        on = d.workday(d.on(month, day))
        lines = [BatchLine(_head(f), f.household_id if f.household_id in active else None, amount=a)
                 for f, a in zip(chosen[offset:offset + size], amounts[offset:offset + size], strict=True)]
        offset += size
        _batch(year, "warmth", lines, on, after=made)


def screening(year: Year) -> None:
    """“两癌”检查 for laid-off women (三八节): recorded as 其他 with the cost of the check."""
    t, d, n = year.targets, year.dates, year.number
    day = d.workday(d.on(3, 6))
    made = _campaign(year, "screening", lambda: CampaignForm(
        f"{n}年下岗女职工“两癌”检查", "其他", *d.span((3, 1), (3, 10)), Decimal(160), fund_id=fund_id(year),
        note="县人民医院免费“两癌”检查，按人次结算检查费"), d.workday(d.on(3, 2)))
    women = [f for f in year.crowd.on_record(day) if f.sex == "女"]
    chosen = year.crowd.pick(women, t.screenings)
    lines = [BatchLine(_head(f), f.household_id) for f in chosen]
    lines += [BatchLine(year.crowd.newcomer(sex="女", ages=(38, 55), work_unit="华池县食品公司（下岗）"))
              for _ in range(t.screenings - len(chosen))]
    _batch(year, "screening", lines, day, after=made)


def children(year: Year) -> None:
    """“六一”慰问: one child of a file on record per household, then 留守儿童 with no file here."""
    t, d, n = year.targets, year.dates, year.number
    day = d.workday(d.on(5, 29))
    made = _campaign(year, "children", lambda: CampaignForm(
        f"{n}年“六一”慰问困难职工子女及留守儿童", "六一慰问", *d.span((5, 25), (6, 1)), Decimal(300),
        fund_id=fund_id(year)), d.workday(d.on(5, 20)))
    on_record = {f.household_id for f in year.crowd.on_record(day)}
    seen: set[int] = set()
    kids = []
    for m in year.crowd.members:
        if m.household_id in on_record and m.household_id not in seen and 3 <= _age(m.birth, day) <= 13:
            seen.add(m.household_id)
            kids.append(m)
    year.rng.shuffle(kids)
    kids = kids[:t.children * 3 // 4]
    lines = [BatchLine(Recipient(person_id=k.person_id), k.household_id) for k in kids]
    lines += [BatchLine(year.crowd.child_name(), note="留守儿童") for _ in range(t.children - len(kids))]
    _batch(year, "children", lines, day, after=made)


def summer(year: Year) -> None:
    """夏送清凉: a 夏凉被 each for front-line workers (环卫, 电力, 公交, 建筑工地), unit by unit."""
    t, d, n = year.targets, year.dates, year.number
    made = _campaign(year, "summer", lambda: CampaignForm(
        f"{n}年“夏送清凉”", "夏送清凉", *d.span((6, 20), (7, 10)), standard_items=f"夏凉被×1条@{_quilt(year)}",
        fund_id=fund_id(year), note="慰问一线职工和农民工"), d.workday(d.on(6, 21)))
    for unit, (month, day), size in zip(SUMMER_UNITS, SUMMER_DAYS, split(t.summer, len(SUMMER_UNITS)), strict=True):
        lines = [BatchLine(year.crowd.newcomer(work_unit=unit, phone=False)) for _ in range(size)]
        _batch(year, "summer", lines, d.workday(d.on(month, day)), after=made)


def _quilt(year: Year) -> str:
    return f"{year.targets.summer_amount / year.targets.summer:.2f}"


def students(year: Year) -> None:
    """金秋助学: children of files on record who passed the 高考 (二本线以上), 2,000 元 each."""
    t, d, n = year.targets, year.dates, year.number
    day = d.workday(d.on(8, 28))
    made = _campaign(year, "students", lambda: CampaignForm(
        f"{n}年金秋助学", "助学救助", *d.span((8, 15), (9, 10)), Decimal(2000), fund_id=fund_id(year),
        note="资助考入二本线以上的困难职工及农民工子女"), d.workday(d.on(8, 18)))
    files = {f.household_id: f for f in year.crowd.on_record(day)}
    candidates = sorted((m for m in year.crowd.members if m.household_id in files and 17 <= _age(m.birth, day) <= 20),
                        key=lambda m: (m.education != "高中", m.identity != "学生", m.person_id))
    lines: list[BatchLine] = []
    seen: set[int] = set()
    amount = Decimal(t.student_amount // t.students)
    for m in candidates:
        if len(lines) == t.students:
            break
        if m.household_id in seen:
            continue
        seen.add(m.household_id)
        lines.append(BatchLine(_head(files[m.household_id]), m.household_id, amount=amount,
                               student=Recipient(person_id=m.person_id), school=year.rng.choice(places.UNIVERSITIES),
                               school_level="大学", admission_year=n))
    _batch(year, "students", lines, day, after=made)


def single_reliefs(year: Year) -> None:
    """Help through the year, one record at a time: 大病救助, 医疗救助, 住房补助, 生活救助."""
    t, d = year.targets, year.dates
    taken: dict[str, set[int]] = {}
    ill = [f for f in year.crowd.files if f.main_cause == "患重特大疾病"]
    plans = (("大病救助", ill, t.serious_illness, t.serious_illness_amount, 100, 5),
             ("医疗救助", ill, t.medical, 3000 * t.medical, 100, 10),
             ("住房补助", year.crowd.files, t.housing, 4000 * t.housing, 500, 2),     # 3000—5000元 (篇四)
             ("生活救助", year.crowd.files, t.living, 1000 * t.living, 100, 5))
    for relief_type, pool, count, total, unit, steps in plans:
        for amount in varied(year.rng, total, count, unit, steps):
            day = d.between(year.rng, *(((10, 8), (11, 30)) if relief_type == "住房补助" else ((1, 10), (12, 28))))
            files = year.crowd.pick([f for f in pool if f.approved_on <= day], 1, taken.setdefault(relief_type, set()))
            if files:
                year.agenda.add(day, _single(year, relief_type, files[0], day, amount))


def _single(year: Year, relief_type: str, file: File, day: datetime.date, amount: Decimal) -> Callable[[], object]:
    rng = year.rng
    handler, note = rng.choice(places.CLERKS), ""
    total = insured = None
    hospital = diagnosis = ""
    if relief_type in ("大病救助", "医疗救助"):
        total = amount * rng.randint(8, 20)
        insured = (total * Decimal(rng.choice(("0.55", "0.6", "0.65", "0.7")))).quantize(Decimal("1"))
        hospital, diagnosis = rng.choice(HOSPITALS), rng.choice(places.DISEASES)
    elif relief_type == "生活救助":
        note = rng.choice(("遭受火灾", "家中房屋漏雨受损", "生活难以为继", "突发意外致困"))

    def run() -> object:
        return relief.record_relief(ReliefForm(
            _head(file), relief_type, day, amount, fund_id=fund_id(year), household_id=file.household_id,
            handler=handler, note=note, hospital=hospital, diagnosis=diagnosis, total_cost=total,
            insurance_paid=insured))
    return run


def _age(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
