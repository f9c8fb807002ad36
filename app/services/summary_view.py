"""What the 统计 tab and the printed summary show of a period: the indicator rows (本期, 上年同期, 增减, each with
the path of its figure in the summary, for its records) and the data of the charts; no Qt, no reportlab.

Breakdown rows that are zero in both periods are left out; the main figure of every section is always shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from app import session, vocab
from app.money import figures
from app.services.summary import Comparison, Period, compare
from app.services.summary_details import MonthFigures, relief_by_month
from app.services.summary_phrases import Figures, count, group, money
from app.session import Permission

INDENT = "\u3000"

Number = int | Decimal


class ChartKind(StrEnum):
    COLUMNS = "columns"     # upright bars: months
    BARS = "bars"           # lying bars: named groups with long names
    PIE = "pie"             # shares of a whole


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Number, ...]


@dataclass(frozen=True)
class ChartData:
    """What a chart shows: its categories and one or two series (this period, a year earlier)."""

    title: str
    unit: str                       # 元, 户, 人次 …: amounts in 元 are drawn in 万元 when large
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    kind: ChartKind

    @property
    def empty(self) -> bool:
        return not self.labels or not any(v for s in self.series for v in s.values)


@dataclass(frozen=True)
class Indicator:
    """One row of the figures table."""

    label: str
    unit: str
    now: Number
    before: Number
    main: bool = True     # shown even when zero in both periods
    path: tuple[str, ...] = ()   # where the figure is in the summary: ("relief", "by_type", "生活救助", "amount")


def change(now: Number, before: Number) -> str:
    """+3, -2, 0; amounts with two decimals and thousands separated: +1,000.00."""
    diff = now - before
    if isinstance(diff, Decimal):
        return ("+" if diff > 0 else "") + figures(diff)
    return f"{diff:+d}" if diff else "0"


def shown(value: Number) -> str:
    return figures(value) if isinstance(value, Decimal) else str(value)


class Rows:
    """Indicators of one section, read from the current and previous figures by the same path."""

    def __init__(self, current: Figures, previous: Figures, section: str) -> None:
        self.current, self.previous, self.section = current, previous, section
        self.found: list[Indicator] = []

    def add(self, label: str, unit: str, *path: str, main: bool = True) -> None:
        key = (self.section, *path)
        read = money if unit == "元" else count
        self.found.append(Indicator(label, unit, read(self.current, *key), read(self.previous, *key), main, key))

    def breakdown(self, caption: str, unit: str, *path: str, leaf: str = "") -> None:
        """按类型：生活救助 … one row per name of a group (this period's names, then any a year earlier had)."""
        names = list(group(self.current, self.section, *path)) + [
            n for n in group(self.previous, self.section, *path) if n not in group(self.current, self.section, *path)]
        first = True
        for name in names:
            before = len(self.found)
            self.add(name, unit, *path, name, *((leaf,) if leaf else ()), main=False)
            row = self.found[-1]
            if not row.now and not row.before:
                del self.found[before:]
                continue
            lead = f"{INDENT}{caption}：" if first else INDENT * (len(caption) + 2)
            self.found[-1] = Indicator(lead + name, row.unit, row.now, row.before, False, row.path)
            first = False


def sections(c: Comparison) -> Iterator[tuple[str, list[Indicator]]]:
    cur, prev = c.current, c.previous
    r = Rows(cur, prev, "households")
    r.add("期末在档困难职工档案", "户", "active_end")
    r.breakdown("其中", "户", "by_identity", leaf="active_end")
    r.add("本期新认定建档", "户", "new")
    r.add("本期脱困、退档", "户", "closed")
    r.breakdown("按困难类别", "户", "by_category")
    r.breakdown("按主要致困原因", "户", "by_main_cause")
    yield "一、困难职工档案", r.found
    r = Rows(cur, prev, "relief")
    r.add("帮扶救助", "人次", "count")
    r.add("受助人数", "人", "people")
    r.add("救助金额（含物资）", "元", "amount")
    r.breakdown("按类型", "人次", "by_type", leaf="count")
    r.breakdown("按类型", "元", "by_type", leaf="amount")
    yield "二、帮扶救助", r.found
    r = Rows(cur, prev, "petitions")
    r.add("信访接待", "人次", "count")
    r.add("已办结", "件", "closed")
    r.add("期末逾期未办结", "件", "overdue_open")
    r.breakdown("按方式", "人次", "by_channel")
    r.breakdown("按类别", "人次", "by_category")
    yield "三、信访接待", r.found
    r = Rows(cur, prev, "legal_cases")
    r.add("受理法律援助案件", "件", "count")
    r.add("涉及职工", "人", "workers")
    r.add("追回（挽回）金额", "元", "recovered")
    r.breakdown("按案由", "件", "by_cause", leaf="count")
    r.breakdown("按案由追回", "元", "by_cause", leaf="recovered")
    yield "四、法律援助", r.found
    r = Rows(cur, prev, "training")
    r.add("举办培训班", "期", "sessions")
    r.add("培训", "人次", "trainees")
    r.breakdown("其中", "人次", "by_group")
    yield "五、培训", r.found
    r = Rows(cur, prev, "employment")
    r.add("实现再就业", "名", "placements")
    r.breakdown("其中", "名", "placements_by_group")
    r.add("职业介绍", "人次", "referrals")
    jobs = r.found
    r = Rows(cur, prev, "loans")
    r.add("创业贷款", "笔", "count")
    r.add("贷款金额", "元", "amount")
    r.add("其中：女职工贷款", "笔", "women", main=False)
    r.add("　　　女职工贷款金额", "元", "women_amount", main=False)
    yield "六、再就业和创业贷款", jobs + r.found
    r = Rows(cur, prev, "pairings")
    r.add("结对帮扶困难职工", "户", "households")
    r.add("帮扶项目", "个", "projects")
    r.add("帮扶资金（物品）", "元", "aid_amount")
    r.add("提供致富信息", "条", "job_info")
    r.add("提供法律援助", "人次", "legal_help")
    pairing = r.found
    r = Rows(cur, prev, "mutual_aid")
    r.add("参加职工互助保障", "人", "enrolled")
    r.add("互助保障赔付", "人次", "claims")
    r.add("赔付金额", "元", "claims_amount")
    yield "七、结对帮扶和互助保障", pairing + r.found
    r = Rows(cur, prev, "model_workers")
    r.add("期末在册劳模（在职、退休）", "名", "on_roll_end")
    r.breakdown("按状态", "名", "by_status_end")
    r.breakdown("按级别", "名", "by_level_end")
    r.add("走访慰问", "人次", "visits")
    r.add("慰问劳模", "人", "visited_people")
    r.add("慰问金额", "元", "visit_amount")
    r.add("劳模体检", "人次", "health_checks")
    r.add("为困难劳模办实事", "件", "practical_help")
    yield "八、劳模", r.found
    r = Rows(cur, prev, "funds")
    r.add("筹集帮扶资金", "元", "in")
    r.breakdown("按来源", "元", "in_by_source")
    r.add("帮扶资金支出", "元", "out")
    r.add("期末资金结余", "元", "balance_end")
    yield "九、资金", r.found


def _named(values: dict[str, object], names: Sequence[str]) -> tuple[str, ...]:
    """The vocabulary's names first, then any other found in the data."""
    return (*(n for n in names if n in values), *(n for n in values if n not in names))


def charts(c: Comparison, months: Sequence[MonthFigures], earlier: Sequence[MonthFigures]) -> list[ChartData]:
    cur, prev = c.current, c.previous
    single_year = c.period.start.year == c.period.end.year
    month_labels = tuple(f"{m.month.month}月" if single_year else f"{m.month:%y.%m}" for m in months)
    types = tuple(t for t in _named(group(cur, "relief", "by_type"), vocab.RELIEF_TYPES)
                  if money(cur, "relief", "by_type", t, "amount") or money(prev, "relief", "by_type", t, "amount"))
    causes = tuple(n for n in _named(group(cur, "households", "by_main_cause"), vocab.CAUSES)
                   if count(cur, "households", "by_main_cause", n))
    petitions = tuple(n for n in _named(group(cur, "petitions", "by_category"), vocab.PETITION_CATEGORIES)
                      if count(cur, "petitions", "by_category", n) or count(prev, "petitions", "by_category", n))
    categories = _named(group(cur, "households", "by_category"), vocab.CATEGORIES)
    statuses = _named(group(cur, "model_workers", "by_status_end"), vocab.MODEL_WORKER_STATUSES)

    def two(names: Sequence[str], value: Callable[[Figures, str], Number]) -> tuple[Series, Series]:
        return (Series("本期", tuple(value(cur, n) for n in names)),
                Series("上年同期", tuple(value(prev, n) for n in names)))

    return [
        ChartData("帮扶救助金额（按月）", "元", month_labels,
                  (Series("本期", tuple(m.amount for m in months)),
                   Series("上年同期", tuple(m.amount for m in earlier))), ChartKind.COLUMNS),
        ChartData("帮扶救助金额（按类型）", "元", types,
                  two(types, lambda f, n: money(f, "relief", "by_type", n, "amount")), ChartKind.BARS),
        ChartData("困难职工档案（按困难类别，期末在档）", "户", categories,
                  (Series("本期", tuple(count(cur, "households", "by_category", n) for n in categories)),),
                  ChartKind.PIE),
        ChartData("困难职工档案（按主要致困原因）", "户", causes,
                  (Series("本期", tuple(count(cur, "households", "by_main_cause", n) for n in causes)),),
                  ChartKind.BARS),
        ChartData("信访接待（按类别）", "人次", petitions,
                  two(petitions, lambda f, n: count(f, "petitions", "by_category", n)), ChartKind.BARS),
        ChartData("劳模（按状态，期末）", "名", statuses,
                  (Series("本期", tuple(count(cur, "model_workers", "by_status_end", n) for n in statuses)),),
                  ChartKind.PIE),
    ]



@dataclass(frozen=True)
class SummaryView:
    """Everything the 统计 tab shows of a period, read in one go in the background."""

    comparison: Comparison
    sections: tuple[tuple[str, tuple[Indicator, ...]], ...]
    charts: tuple[ChartData, ...]


def summary_view(period: Period) -> SummaryView:
    """The table's rows and the charts of a period and the same period a year earlier."""
    session.require(Permission.VIEW)
    comparison = compare(period)
    months = relief_by_month(period.start, period.end)
    before = period.year_earlier()
    earlier = relief_by_month(before.start, before.end)
    found = tuple((title, tuple(r for r in rows if r.main or r.now or r.before))
                  for title, rows in sections(comparison))
    return SummaryView(comparison, found, tuple(charts(comparison, months, earlier)))
