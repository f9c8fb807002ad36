"""The figures a demo year reproduces: the seed report's county (篇五, with 篇四 where 篇五 is silent), and a
year before with somewhat smaller ones (85–95 % of each line, so "比上年增加" has something to say).

SEED_FIGURES are the report's own words and numbers, typed from /work/shared/seeds (篇五 is 华池县's 2023
report; 篇四 gives 互助保障 and 住房补助), each with the key of the summary (python -m app summary --json)
that must come to it for the report year. YearTargets is what the demo enters to get there, with the lines
the report leaves unsaid (职业介绍, 生活救助, the sources beside 财政配套) filled in by the demo.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from decimal import Decimal

QUILT = Decimal("96.75")    # 夏凉被 each: 3.87万元 for 400 workers


@dataclass(frozen=True)
class YearTargets:
    """One year's lines of work, as the report counts them (people or records, and 元)."""

    warmth: int = 550                    # 元旦春节送温暖: 下岗困难职工及农民工
    warmth_amount: int = 189_000
    medical: int = 2                     # 救助患病人员 (医疗救助)
    students: int = 18                   # 金秋助学: 高考二本线以上
    student_amount: int = 36_000
    screenings: int = 50                 # 下岗女职工“两癌”检查
    summer: int = 400                    # 夏送清凉: one 夏凉被 each
    children: int = 70                   # “六一”慰问困难职工子女及留守儿童
    children_amount: int = 21_000
    serious_illness: int = 9             # 大病救助
    serious_illness_amount: int = 16_000
    housing: int = 31                    # 住房补助 (篇四)
    living: int = 16                     # 生活救助: 天灾人祸、生活难以为继
    petitions: int = 30                  # 来信来访
    consultations: int = 11              # 其中法律咨询
    wage_cases: int = 5                  # 拖欠农民工工资案
    wage_recovered: int = 670_000
    injury_award: int = 35_000           # one 工伤 case settled
    laid_off_sessions: int = 3           # 下岗职工创业培训班
    migrant_sessions: int = 5            # 农民工技能培训班 (砖瓦, 电焊, 刺绣, 种养殖)
    laid_off_trainees: int = 400
    migrant_trainees: int = 780
    re_employed: int = 54                # 下岗职工重新就业
    referrals: int = 96                  # 职业介绍 (not in the report)
    loans: int = 42                      # 下岗困难女职工妇女创业贷款
    loan_amount: int = 1_260_000
    pairings: int = 124                  # “一对一”结对帮扶
    projects: int = 32
    pairing_amount: int = 60_400         # 帮扶资金（物品）
    union_pairings: int = 14             # 其中县总工会干部职工14名, 1.4万元
    union_amount: int = 14_000
    job_info: int = 132                  # 致富信息 (条)
    legal_help: int = 8                  # 法律援助 (人次)
    enrolled: int = 1_200                # 职工互助保障 (篇四)
    claims: int = 20
    visits: int = 10                     # 走访慰问劳模
    visit_amount: int = 8_000
    practical_help: int = 3              # 为困难劳模办实事
    upper_grant: int = 180_000           # 上级拨款
    county_match: int = 180_000          # 县财政按1:1配套
    union_funds: int = 160_000           # 工会经费
    donations: int = 40_000              # 社会捐助

    @property
    def summer_amount(self) -> Decimal:
        return QUILT * self.summer


SEED = YearTargets()


@dataclass(frozen=True)
class SeedFigure:
    """A figure of the seed report and where the summary gives it.

    path: keys into the summary's JSON; value: a count, or an amount as the JSON writes it ("189000.00");
    growth: the figure is 比上年 — the report year's value minus the year before's (--with-previous).
    """

    quote: str
    where: str
    path: tuple[str, ...]
    value: int | str
    growth: bool = False


def _f(quote: str, where: str, path: str, value: int | str, growth: bool = False) -> SeedFigure:
    return SeedFigure(quote, where, tuple(path.split(".")), value, growth)


# 篇五's parts: 一 资金投入; 二 摸底建档 (一是 档案, 二是 信访和法律援助, 三是 慰问救助, 四是 培训就业,
# 五是 一对一); 三 劳模.
FILES, RECEPTION, CARE, JOBS, PAIRS, MODEL = ("篇五 二·一是", "篇五 二·二是", "篇五 二·三是", "篇五 二·四是",
                                              "篇五 二·五是", "篇五 三")
SEED_FIGURES: tuple[SeedFigure, ...] = (
    _f("已建立困难职工电子档案650户", FILES, "households.active_end", 650),
    _f("比上年增加18户", FILES, "households.active_end", 18, growth=True),
    _f("同时还建立特困农民工档案93户", FILES, "households.by_identity.农民工.active_end", 93),
    _f("（农民工档案）比上年增加14户", FILES, "households.by_identity.农民工.active_end", 14, growth=True),
    _f("共接待职工来信来访30人（次）", RECEPTION, "petitions.count", 30),
    _f("其中法律咨询11人（次）", RECEPTION, "petitions.by_category.法律咨询", 11),
    _f("直至双方达成赔偿3.5万元的协议（工伤）", RECEPTION, "legal_cases.by_cause.工伤赔偿.recovered", "35000.00"),
    _f("协调处理拖欠农民工工资案5起", RECEPTION, "legal_cases.by_cause.拖欠工资.count", 5),
    _f("追回拖欠农民工工资67万元", RECEPTION, "legal_cases.by_cause.拖欠工资.recovered", "670000.00"),
    _f("先后筹资18.9万元慰问救助下岗困难职工及农民工550名（人数）", CARE, "relief.by_type.送温暖慰问.count", 550),
    _f("先后筹资18.9万元慰问救助下岗困难职工及农民工550名（金额）", CARE, "relief.by_type.送温暖慰问.amount",
       "189000.00"),
    _f("省部级劳模10人", CARE, "model_workers.by_level_end.省部级", 10),
    _f("18名困难职工家庭及农民工家庭子女进行救助", CARE, "relief.by_type.助学救助.count", 18),
    _f("发放救助金3.6万元", CARE, "relief.by_type.助学救助.amount", "36000.00"),
    _f("为50名下岗女职工到县人民医院进行了“两癌”检查", CARE, "relief.by_type.其他.count", 50),
    _f("救助2名患病人员", CARE, "relief.by_type.医疗救助.count", 2),
    _f("筹资3.87万元开展“夏送清凉”活动", CARE, "relief.by_type.夏送清凉.amount", "38700.00"),
    _f("400多名一线职工和农民工每人送去夏凉被1块", CARE, "relief.by_type.夏送清凉.count", 400),
    _f("举办下岗职工创业培训班和农民工技能培训班8期", JOBS, "training.sessions", 8),
    _f("有400名下岗职工……接受了培训", JOBS, "training.by_group.下岗职工", 400),
    _f("780名农民工接受了砖瓦、电焊、刺绣及种养殖培训", JOBS, "training.by_group.农民工", 780),
    _f("使54名下岗职工重新就业", JOBS, "employment.placements_by_group.下岗职工", 54),
    _f("为42名下岗困难女职工协调争取妇女创业贷款（人数）", JOBS, "loans.women", 42),
    _f("妇女创业贷款126万元", JOBS, "loans.women_amount", "1260000.00"),
    _f("帮扶困难职工124名", PAIRS, "pairings.households", 124),
    _f("帮扶项目32个", PAIRS, "pairings.projects", 32),
    _f("帮扶资金（物品）6.04万元", PAIRS, "pairings.aid_amount", "60400.00"),
    _f("提供致富信息132条", PAIRS, "pairings.job_info", 132),
    _f("提供法律援助8人次", PAIRS, "pairings.legal_help", 8),
    _f("“六一”期间慰问困难职工子女及留守儿童70人", PAIRS, "relief.by_type.六一慰问.count", 70),
    _f("慰问资金2.1万元", PAIRS, "relief.by_type.六一慰问.amount", "21000.00"),
    _f("实施大病救助9人", PAIRS, "relief.by_type.大病救助.count", 9),
    _f("（大病救助）1.6万元", PAIRS, "relief.by_type.大病救助.amount", "16000.00"),
    _f("全县共有市级以上劳模10名", MODEL, "model_workers.on_roll_end", 10),
    _f("其中在职7名", MODEL, "model_workers.by_status_end.在职", 7),
    _f("退休3名", MODEL, "model_workers.by_status_end.退休", 3),
    _f("今年先后慰问劳模10人", MODEL, "model_workers.visited_people", 10),
    _f("发放慰问金8000元", MODEL, "model_workers.visit_amount", "8000.00"),
    _f("为困难劳模兴办实事3件（次）", MODEL, "model_workers.practical_help", 3),
    _f("县财政按1：1配套要求，落实帮扶资金18万元", "篇五 一", "funds.in_by_source.财政配套", "180000.00"),
    _f("全区已有1200余人次职工参加了职工互助保障计划", "篇四", "mutual_aid.enrolled", 1200),
    _f("20余名患病住院职工获得了赔付", "篇四", "mutual_aid.claims", 20),
    _f("把31户无住房或住房人均不足15平方米的困难职工家庭纳入……住房补助", "篇四", "relief.by_type.住房补助.count", 31),
)


def figure_of(summary: dict[str, object], figure: SeedFigure) -> int | str:
    """The figure as the summary JSON (with "previous_year") gives it."""
    def at(root: object) -> object:
        for key in figure.path:
            assert isinstance(root, dict), figure.path
            root = root[key]
        return root

    value = at(summary)
    if figure.growth:
        before = at(summary["previous_year"])
        assert isinstance(value, int) and isinstance(before, int)
        return value - before
    assert isinstance(value, int | str)
    return value
STEPS = {"warmth_amount": 100, "student_amount": 2000, "children_amount": 300, "serious_illness_amount": 500,
         "wage_recovered": 1000, "injury_award": 1000, "loan_amount": 10_000, "pairing_amount": 100,
         "union_amount": 1000, "visit_amount": 800, "upper_grant": 10_000, "county_match": 10_000,
         "union_funds": 10_000, "donations": 5_000}
FIXED = frozenset({"medical", "laid_off_sessions", "wage_cases"})     # small counts the year before shares


def year_before(rng: random.Random, seed: YearTargets = SEED) -> YearTargets:
    """Each line at 85–95 % of the report year (amounts in round figures; the county match stays 1:1)."""
    values: dict[str, int] = {}
    for field in dataclasses.fields(seed):
        value = getattr(seed, field.name)
        if field.name in FIXED:
            values[field.name] = value
            continue
        step = STEPS.get(field.name, 1)
        values[field.name] = max(step, round(value * rng.uniform(0.85, 0.95) / step) * step)
    values["county_match"] = values["upper_grant"]
    values["consultations"] = min(values["consultations"], values["petitions"] - values["wage_cases"] - 4)
    values["union_pairings"] = min(values["union_pairings"], values["pairings"])
    values["student_amount"] = 2000 * values["students"]
    values["visit_amount"] = 800 * values["visits"]
    values["children_amount"] = 300 * values["children"]
    return YearTargets(**values)
