"""The lines of work of the year-end draft: when each has records, and the sentences that say what was done.

Each writer returns its sentences without the closing 。; a sentence whose figure is zero is not written,
and a zero sub-figure is left out of its sentence. `present` decides whether the line is written at all
(this period) and whether a change is worth saying (a year earlier).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from app.services.summary_phrases import (
    Context,
    Figures,
    count,
    counted,
    group,
    join,
    money,
    paid_for,
    pairs,
    people,
    percent,
    times,
    wan,
)

CARE_TYPES = ("送温暖慰问", "生活救助", "住房补助", "六一慰问")
MEDICAL_TYPES = ("医疗救助", "大病救助")
STUDENT_WORDS = {"大学": "大学生", "高中": "高中生", "中职": "中职生", "初中": "初中生", "小学": "小学生",
                 "学前": "学前儿童"}
LEVEL_WORDS = {"全国": "全国劳模", "省部级": "省部级劳模", "市级": "市级劳模", "县级": "县级劳模"}
CITY_AND_ABOVE = ("全国", "省部级", "市级")
KIND_WORDS = {"创业培训": "创业培训班", "技能培训": "技能培训班"}


# 一、建档
def files_present(f: Figures) -> bool:
    return any(count(f, "households", k) for k in ("active_end", "new", "closed"))


def files(c: Context) -> list[str]:
    f, p = c.current, c.previous
    said: list[str] = []
    active = count(f, "households", "active_end")
    if active:
        text = c.pick("lead", (f"{c.as_of}，{c.area}已建立困难职工档案{active}户",
                               f"{c.as_of}，{c.area}在档困难职工档案共{active}户"))
        text += c.change(active, count(p, "households", "active_end"), "户")
        identities = counted(((f"{name}档案", count(f, "households", "by_identity", name, "active_end"))
                              for name in group(f, "households", "by_identity")), "户")
        if len(identities) > 1:
            text += "，其中" + "、".join(identities)
        said.append(text)
    new, closed = count(f, "households", "new"), count(f, "households", "closed")
    steps = [c.pick("new", (f"新认定建档{new}户", f"新建档{new}户"))] if new else []
    steps += [f"已脱困和退档{closed}户"] if closed else []
    if steps:
        said.append(c.when + "，".join(steps))
    if active:
        categories = counted(pairs(f, "households", "by_category"), "户")
        if len(categories) > 1:
            said.append("按困难类别分，" + "、".join(categories))
        causes = sorted((pair for pair in pairs(f, "households", "by_main_cause") if pair[1]),
                        key=lambda pair: -pair[1])[:3]
        if len(causes) == 1:
            said.append(f"主要致困原因为{causes[0][0]}（{causes[0][1]}户）")
        elif causes:
            ranked = [f"{name}（{n}户）" for name, n in causes]
            said.append(f"主要致困原因居前{'两三'[len(causes) - 2]}位的是{join(ranked, '和')}")
    return said


# 二、送温暖和生活救助
def care_present(f: Figures) -> bool:
    return any(times(f, t) for t in CARE_TYPES)


def care(c: Context) -> list[str]:
    f, p = c.current, c.previous
    said: list[str] = []
    n, paid = times(f, "送温暖慰问"), paid_for(f, "送温暖慰问")
    if n:
        said.append(c.pick("warm", (f"坚持开展“送温暖”活动，走访慰问困难职工{n}人次，送去慰问金（物资）{wan(paid)}",
                                    f"深入开展“送温暖”活动，先后筹资{wan(paid)}慰问困难职工{n}人次"))
                    + c.money_change(paid, paid_for(p, "送温暖慰问"), what="慰问金额"))
    n, paid = times(f, "生活救助"), paid_for(f, "生活救助")
    if n:
        said.append(c.pick("living", (f"对生活难以为继的困难职工开展经常性生活救助{n}人次，发放救助金{wan(paid)}",
                                      f"{c.when}救助生活困难职工{n}人次，送去救助金{wan(paid)}"))
                    + c.change(n, times(p, "生活救助"), "人次", what="救助人次"))
    n, paid = times(f, "住房补助"), paid_for(f, "住房补助")
    if n:
        said.append(f"为住房困难的职工家庭发放住房补助{n}人次、{wan(paid)}")
    n, paid = times(f, "六一慰问"), paid_for(f, "六一慰问")
    if n:
        said.append(f"“六一”期间慰问困难职工子女{n}人次，慰问资金{wan(paid)}")
    return said


# 三、医疗救助
def medical_present(f: Figures) -> bool:
    return any(times(f, t) for t in MEDICAL_TYPES)


def medical(c: Context) -> list[str]:
    f, p = c.current, c.previous
    serious, serious_paid = times(f, "大病救助"), paid_for(f, "大病救助")
    n = sum(times(f, t) for t in MEDICAL_TYPES)
    paid = sum((paid_for(f, t) for t in MEDICAL_TYPES), Decimal(0))
    before = sum((paid_for(p, t) for t in MEDICAL_TYPES), Decimal(0))
    if serious == n:
        text = f"对患重特大疾病的困难职工实施大病救助{n}人次，发放救助金{wan(paid)}"
    else:
        text = c.pick("lead", (f"对患重病、大病、长病的困难职工实施医疗救助{n}人次，发放救助金{wan(paid)}",
                               f"协同卫生等部门落实困难职工医疗救助，{c.when}共救助{n}人次、{wan(paid)}"))
        if serious:
            text += f"，其中大病救助{serious}人次、{wan(serious_paid)}"
    return [text + c.money_change(paid, before, what="救助金额")]


# 四、金秋助学
def study_present(f: Figures) -> bool:
    return bool(times(f, "助学救助"))


def study(c: Context) -> list[str]:
    f, p = c.current, c.previous
    paid = paid_for(f, "助学救助")
    levels = c.details.students_by_level
    students = sum(levels.values()) or times(f, "助学救助")
    text = c.pick("lead", (f"开展“金秋助学”活动，资助困难职工子女{students}名，发放助学金{wan(paid)}",
                           f"深入开展“金秋助学”活动，筹资{wan(paid)}资助{students}名困难职工子女圆梦学业"))
    text += c.money_change(paid, paid_for(p, "助学救助"), what="助学金")
    if len(levels) > 1:
        text += "，其中" + "、".join(f"{STUDENT_WORDS.get(level, '其他学生')}{n}名" for level, n in levels.items())
    return [text]


# 五、夏送清凉
def summer_present(f: Figures) -> bool:
    return bool(times(f, "夏送清凉"))


def summer(c: Context) -> list[str]:
    f, p = c.current, c.previous
    n, paid = times(f, "夏送清凉"), paid_for(f, "夏送清凉")
    text = c.pick("lead", (f"筹资{wan(paid)}开展“夏送清凉”活动，慰问高温一线职工和农民工{n}人次",
                           f"开展“夏送清凉”活动，为{n}人次高温一线职工和农民工送去慰问金（物品）{wan(paid)}"))
    return [text + c.change(n, times(p, "夏送清凉"), "人次", what="慰问人次")]


# 六、信访接待
def petitions_present(f: Figures) -> bool:
    return bool(count(f, "petitions", "count"))


def petitions(c: Context) -> list[str]:
    f, p = c.current, c.previous
    total, closed = count(f, "petitions", "count"), count(f, "petitions", "closed")
    channels = [name for name, n in pairs(f, "petitions", "by_channel") if n]
    text = c.pick("lead", (f"{c.when}共接待职工{'、'.join(channels)}{total}人次",
                           f"{c.when}，帮扶中心共接待职工{'、'.join(channels)}{total}人次"))
    text += c.change(total, count(p, "petitions", "count"), "人次")
    categories = counted(pairs(f, "petitions", "by_category"), "人次")
    if categories:
        text += "，其中" + "、".join(categories)
    said = [text]
    if closed == total:
        said.append("做到件件有着落、事事有回音，已全部办结")
    elif closed:
        rate = percent(closed, total)
        said.append(c.pick("closed", (f"已办结{closed}件，办结率{rate}",
                                      f"对反映的问题认真记录、及时办理，已办结{closed}件，办结率{rate}")))
    return said


# 七、法律援助和讨薪
def legal_present(f: Figures) -> bool:
    return bool(count(f, "legal_cases", "count") or money(f, "legal_cases", "recovered") or times(f, "法律援助"))


def legal(c: Context) -> list[str]:
    f, p = c.current, c.previous
    said: list[str] = []
    cases, workers = count(f, "legal_cases", "count"), count(f, "legal_cases", "workers")
    recovered = money(f, "legal_cases", "recovered")
    if cases:
        text = c.pick("lead", (f"{c.when}受理法律援助和劳动争议案件{cases}件",
                               f"{c.when}共办理法律援助案件{cases}件"))
        text += (f"，涉及职工{workers}人" if workers else "") + c.change(cases, count(p, "legal_cases", "count"), "件")
        causes = counted(((name, count(f, "legal_cases", "by_cause", name, "count"))
                          for name in group(f, "legal_cases", "by_cause")), "件")
        if len(causes) > 1:
            text += "，其中" + "、".join(causes)
        said.append(text)
    wage_cases = count(f, "legal_cases", "by_cause", "拖欠工资", "count")
    wages = money(f, "legal_cases", "by_cause", "拖欠工资", "recovered")
    wage_parts = [f"先后协调处理拖欠工资案{wage_cases}起"] if wage_cases else []
    wage_parts += [f"追回拖欠工资{wan(wages)}"] if wages else []
    previous = money(p, "legal_cases", "recovered")
    if wage_parts:
        said.append("，".join(wage_parts) + (c.money_change(wages, previous, what="追回金额")
                                            if wages and wages == recovered else ""))
    if recovered and recovered != wages:
        said.append(f"共为职工追回（挽回）经济损失{wan(recovered)}" + c.money_change(recovered, previous))
    n, paid = times(f, "法律援助"), paid_for(f, "法律援助")
    if n:
        said.append(f"为{n}人次困难职工提供法律援助救助金{wan(paid)}")
    return said


# 八、培训
def training_present(f: Figures) -> bool:
    return bool(count(f, "training", "sessions"))


def training(c: Context) -> list[str]:
    f, p = c.current, c.previous
    sessions, trainees = count(f, "training", "sessions"), count(f, "training", "trainees")
    kinds = [KIND_WORDS.get(kind, f"{kind}班") for kind in c.details.training_kinds]
    text = c.pick("lead", (f"{c.when}先后举办{join(kinds, '和') or '各类培训班'}{sessions}期",
                           f"积极开展职工技能和创业培训，{c.when}共举办{join(kinds, '和') or '培训班'}{sessions}期"))
    text += c.change(sessions, count(p, "training", "sessions"), "期")
    groups = people(pairs(f, "training", "by_group"))
    if groups:
        trades = c.details.training_trades
        text += f"，有{join(groups, '和')}接受了{join(trades, '及')}培训" if trades else f"，培训{join(groups, '和')}"
        if len(groups) > 1:
            text += f"，共{trainees}人次"
    return [text]


# 九、再就业
def jobs_present(f: Figures) -> bool:
    return bool(count(f, "employment", "placements") or count(f, "employment", "referrals")
                or times(f, "就业创业帮扶"))


def jobs(c: Context) -> list[str]:
    f, p = c.current, c.previous
    said: list[str] = []
    placed = count(f, "employment", "placements")
    groups = people(pairs(f, "employment", "placements_by_group"))
    if placed:
        who = join(groups, "和") or f"{placed}名职工"
        text = c.pick("lead", (f"通过发布招工信息、推荐就业等方式，使{who}重新就业",
                               f"积极拓宽就业渠道，帮助{who}实现再就业"))
        if len(groups) > 1:
            text += f"，共{placed}名"
        said.append(text + c.change(placed, count(p, "employment", "placements"), "名"))
    referrals = count(f, "employment", "referrals")
    if referrals:
        said.append(f"免费提供职业介绍{referrals}人次")
    n, paid = times(f, "就业创业帮扶"), paid_for(f, "就业创业帮扶")
    if n:
        said.append(f"向{n}人次困难职工发放就业创业帮扶资金{wan(paid)}")
    return said


# 十、创业贷款
def loans_present(f: Figures) -> bool:
    return bool(count(f, "loans", "count"))


def loans(c: Context) -> list[str]:
    f, p = c.current, c.previous
    n, amount = count(f, "loans", "count"), money(f, "loans", "amount")
    women, women_amount = count(f, "loans", "women"), money(f, "loans", "women_amount")
    verb = c.pick("verb", ("协调争取", "协调落实"))
    change = c.money_change(amount, money(p, "loans", "amount"), what="贷款金额")
    if women == n:
        return [f"为{women}名困难女职工{verb}妇女创业贷款{wan(women_amount)}{change}"]
    text = f"{verb}创业贷款{n}笔、{wan(amount)}{change}"
    if women:
        text += f"，其中为{women}名女职工{verb}妇女创业贷款{wan(women_amount)}"
    return [text]


# 十一、结对帮扶
PAIRING_AID = (("projects", "帮扶项目{}个"), ("job_info", "提供致富信息{}条"), ("legal_help", "提供法律援助{}人次"))


def pairing_present(f: Figures) -> bool:
    return bool(any(count(f, "pairings", k) for k in ("households", "projects", "job_info", "legal_help"))
                or money(f, "pairings", "aid_amount"))


def pairing(c: Context) -> list[str]:
    f, p = c.current, c.previous
    households = count(f, "pairings", "households")
    parts = [f"{c.as_of}，{c.area}工会干部（职工）结对帮扶困难职工{households}户"
             + c.change(households, count(p, "pairings", "households"), "户")] if households else []
    parts += [PAIRING_AID[0][1].format(count(f, "pairings", "projects"))] if count(f, "pairings", "projects") else []
    aid = money(f, "pairings", "aid_amount")
    parts += [f"帮扶资金（物品）{wan(aid)}"] if aid else []
    parts += [template.format(n) for key, template in PAIRING_AID[1:] if (n := count(f, "pairings", key))]
    lead = c.pick("lead", ("继续在各级工会干部职工中广泛开展“一对一”结对帮扶困难职工活动，"
                           "从资金、项目、信息、法律等方面全方位地进行帮扶",
                           "深化工会干部“一对一”结对帮扶，从资金、项目、技能、信息、法律等方面帮助困难职工"))
    return [lead, "，".join(parts)]


# 十二、互助保障
def mutual_present(f: Figures) -> bool:
    return bool(count(f, "mutual_aid", "enrolled") or count(f, "mutual_aid", "claims"))


def mutual(c: Context) -> list[str]:
    f, p = c.current, c.previous
    said: list[str] = []
    enrolled = count(f, "mutual_aid", "enrolled")
    if enrolled:
        said.append(c.pick("lead", (f"{c.when}共有{enrolled}名职工参加职工互助保障",
                                    f"广泛宣传职工互助保障，{c.when}参加互助保障的职工达{enrolled}人"))
                    + c.change(enrolled, count(p, "mutual_aid", "enrolled"), "人"))
    claims, paid = count(f, "mutual_aid", "claims"), money(f, "mutual_aid", "claims_amount")
    if claims:
        said.append(f"为{claims}人次职工办理互助保障赔付" + (f"，赔付金额{wan(paid)}" if paid else ""))
    return said


# 十三、劳模
def workers_present(f: Figures) -> bool:
    return any(count(f, "model_workers", k) for k in ("on_roll_end", "visits", "health_checks", "practical_help"))


def workers(c: Context) -> list[str]:
    f, p = c.current, c.previous
    said: list[str] = []
    on_roll = count(f, "model_workers", "on_roll_end")
    levels = [(name, n) for name, n in pairs(f, "model_workers", "by_level_end") if n]
    if on_roll:
        city = sum(n for name, n in levels if name in CITY_AND_ABOVE)
        if city == on_roll:
            text = f"{c.as_of}，{c.area}共有市级以上劳模{on_roll}名"
        else:
            text = f"{c.as_of}，{c.area}共有劳模{on_roll}名" + (f"（其中市级以上{city}名）" if city else "")
        text += c.change(on_roll, count(p, "model_workers", "on_roll_end"), "名")
        statuses = counted(((s, count(f, "model_workers", "by_status_end", s)) for s in ("在职", "退休")), "名")
        if len(statuses) > 1:
            text += "，其中" + "、".join(statuses)
        said.append(text)
        if len(levels) > 1:
            said.append("按级别分，" + "、".join(f"{LEVEL_WORDS.get(name, name)}{n}名" for name, n in levels))
    visits, visited = count(f, "model_workers", "visits"), count(f, "model_workers", "visited_people")
    if visits:
        paid = money(f, "model_workers", "visit_amount")
        said.append(f"{c.when}先后走访慰问劳模{visited}人" + (f"（{visits}人次）" if visits != visited else "")
                    + (f"，发放慰问金{wan(paid)}" if paid else ""))
    helped = count(f, "model_workers", "practical_help")
    if helped:
        said.append(f"为困难劳模兴办实事{helped}件（次）")
    checks = count(f, "model_workers", "health_checks")
    if checks:
        said.append(c.pick("checks", (f"组织劳模免费体检{checks}人次",
                                      f"为劳模进行免费体检{checks}人次，并记入劳模健康档案")))
    return said


# 十四、资金
def funds_present(f: Figures) -> bool:
    return bool(money(f, "funds", "in") or money(f, "funds", "out") or count(f, "relief", "count"))


def funds(c: Context) -> list[str]:
    f, p = c.current, c.previous
    said: list[str] = []
    money_in = money(f, "funds", "in")
    if money_in:
        text = f"{c.when}共筹集帮扶资金{wan(money_in)}" + c.money_change(money_in, money(p, "funds", "in"))
        sources = [f"{name}{wan(value)}" for name, value in group(f, "funds", "in_by_source").items()
                   if isinstance(value, Decimal) and value]
        if len(sources) > 1:
            text += "，其中" + "、".join(sources)
        said.append(text)
    reliefs, paid, helped = count(f, "relief", "count"), money(f, "relief", "amount"), count(f, "relief", "people")
    if reliefs:
        said.append(c.pick("relief", (f"{c.when}共发放各类帮扶救助资金（物资）{wan(paid)}，"
                                      f"救助困难职工{helped}人、{reliefs}人次",
                                      f"各类帮扶救助累计{reliefs}人次、惠及{helped}人，发放资金（物资）{wan(paid)}"))
                    + c.money_change(paid, money(p, "relief", "amount"), what="发放金额"))
    out, balance = money(f, "funds", "out"), money(f, "funds", "balance_end")
    # Spending is worth its own words only where it is not the relief total just written.
    ledger = [f"从帮扶资金中支出{wan(out)}"] if out and out != paid else []
    ledger += [f"{c.as_of}各项资金结余{wan(balance)}"] if balance and (money_in or out) else []
    if ledger:
        said.append("，".join(ledger))
    return said


@dataclass(frozen=True)
class Line:
    """A line of work: its heading, whether a period has records of it, and its sentences."""

    key: str
    title: str
    present: Callable[[Figures], bool]
    write: Callable[[Context], list[str]]


LINES: tuple[Line, ...] = (
    Line("files", "摸底建档，完善困难职工档案", files_present, files),
    Line("care", "开展送温暖和生活救助", care_present, care),
    Line("medical", "实施医疗救助，缓解因病致困", medical_present, medical),
    Line("study", "开展金秋助学，帮助困难职工子女完成学业", study_present, study),
    Line("summer", "开展“夏送清凉”活动", summer_present, summer),
    Line("petitions", "做好信访接待工作", petitions_present, petitions),
    Line("legal", "加强法律援助，依法维护职工权益", legal_present, legal),
    Line("training", "强化技能和创业培训", training_present, training),
    Line("jobs", "促进困难职工再就业", jobs_present, jobs),
    Line("loans", "协调创业贷款，扶持自主创业", loans_present, loans),
    Line("pairing", "深化“一对一”结对帮扶", pairing_present, pairing),
    Line("mutual", "推进职工互助保障", mutual_present, mutual),
    Line("workers", "加强劳模管理和服务", workers_present, workers),
    Line("funds", "多渠道筹集和管理帮扶资金", funds_present, funds),
)
