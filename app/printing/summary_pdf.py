"""帮扶工作统计汇总 (A4 portrait): the period's figures beside a year earlier's with the change, then a page of charts.

Breakdown rows that are zero in both periods are left out; the main figure of every section is always shown.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.graphics import renderPDF

from app import clock, session, vocab
from app.files import atomic_output, explain_os_error
from app.money import figures
from app.printing.layout import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    LEFT,
    WIDTH,
    Align,
    Block,
    Cell,
    Part,
    Sheet,
    band_block,
    label,
    paginate,
    value,
)
from app.printing.reception_parts import heading_block
from app.printing.summary_charts import ChartData, ChartKind, Series, draw_chart
from app.services import audit, settings
from app.services.audit import AuditAction
from app.services.summary import Comparison, compare
from app.services.summary import Period as SummaryPeriod
from app.services.summary_details import MonthFigures, relief_by_month
from app.services.summary_phrases import Figures, count, group, money, period_label
from app.session import Permission

TITLE = "帮扶工作统计汇总"
COLUMNS = (("指标", WIDTH - 300.0), ("单位", 44.0), ("本期", 86.0), ("上年同期", 86.0), ("增减", 84.0))
ROW = 15.0
SIZE = 8.5
CHART_GAP = 12.0
CHART_TITLE = 15.0
INDENT = "　"

Number = int | Decimal


@dataclass(frozen=True)
class Indicator:
    """One row of the figures table."""

    label: str
    unit: str
    now: Number
    before: Number
    main: bool = True     # shown even when zero in both periods


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
        if unit == "元":
            self.found.append(Indicator(label, unit, money(self.current, *key), money(self.previous, *key), main))
        else:
            self.found.append(Indicator(label, unit, count(self.current, *key), count(self.previous, *key), main))

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
            self.found[-1] = Indicator(lead + name, row.unit, row.now, row.before, False)
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


def table(sheet: Sheet, c: Comparison) -> list[Block]:
    """One ruled table: its header on every page, each section a grey band row, then the section's rows."""
    header = Block(20, lambda y, part: sheet.row(y, 20, [label(t, w) for t, w in COLUMNS], 9.5, part=part))
    blocks: list[Block] = []
    for title, rows in sections(c):
        blocks.append(Block(17, _band(sheet, title), repeat=header, keep_with_next=True))
        for row in rows:
            if not (row.main or row.now or row.before):
                continue
            cells = [value(row.label, COLUMNS[0][1], Align.LEFT), value(row.unit, COLUMNS[1][1]),
                     *(value(text, width, Align.RIGHT) for text, (_, width) in
                       zip((shown(row.now), shown(row.before), change(row.now, row.before)), COLUMNS[2:], strict=True))]
            blocks.append(Block(ROW, _ruled(sheet, cells), repeat=header))
    return [Block(header.height, header.draw, keep_with_next=True), *blocks]


def _band(sheet: Sheet, title: str) -> Callable[[float, Part], object]:
    return lambda y, _part: sheet.band(y, title, 17, 9.5)


def _ruled(sheet: Sheet, cells: list[Cell]) -> Callable[[float, Part], object]:
    return lambda y, _part: sheet.row(y, ROW, cells, SIZE)


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


def chart_blocks(sheet: Sheet, found: Sequence[ChartData]) -> list[Block]:
    """Two charts a row, each under its title, three rows filling a page."""
    column = (WIDTH - CHART_GAP) / 2
    height = (CONTENT_TOP - CONTENT_BOTTOM - 30 - 3 * (CHART_TITLE + CHART_GAP)) / 3
    blocks = [band_block(sheet, "附：统计图", gap=0)]
    for first in range(0, len(found), 2):
        pair = found[first:first + 2]

        def draw(y: float, _part: Part, pair: Sequence[ChartData] = pair) -> None:
            for index, data in enumerate(pair):
                x = LEFT + index * (column + CHART_GAP)
                sheet.text(x + 2, y - CHART_GAP - 10, data.title, 9.5, bold=True)
                for name in data.labels:
                    sheet.note_missing(name, who="")
                drawing = draw_chart(data, column, height, sheet.fonts.primary.name)
                renderPDF.draw(drawing, sheet.canvas, x, y - CHART_GAP - CHART_TITLE - height)

        blocks.append(Block(CHART_GAP + CHART_TITLE + height, draw))
    return blocks


def render(sheet: Sheet, c: Comparison, months: Sequence[MonthFigures], earlier: Sequence[MonthFigures],
           office: str, today: datetime.date) -> None:
    shown_period = period_label(c.period)
    previous = period_label(c.period.year_earlier())
    heading = heading_block(sheet, TITLE, f"填报单位：{office}", f"统计期间：{shown_period}（上年同期：{previous}）")
    pages = paginate([heading, *table(sheet, c)], top=CONTENT_TOP, bottom=CONTENT_BOTTOM)
    pages += paginate(chart_blocks(sheet, charts(c, months, earlier)), top=CONTENT_TOP, bottom=CONTENT_BOTTOM)
    count_ = len(pages)
    for number, placed in enumerate(pages, start=1):
        sheet.running_header(office, f"{TITLE}（{shown_period}）")
        sheet.footer(number, count_, left=f"打印日期：{today.isoformat()}",
                     right="增减 = 本期 − 上年同期")
        for block, y in placed:
            block.draw(y, Part.ALL)
        sheet.end_page()


def print_summary(period: SummaryPeriod, out: Path) -> tuple[int, tuple[str, ...]]:
    """Write the summary PDF of a period; returns the number of pages and any warnings (characters no font has)."""
    session.require(Permission.PRINT)
    comparison = compare(period)
    months = relief_by_month(period.start, period.end)
    earlier = relief_by_month(*_earlier(period))
    office = settings.office_name()
    with atomic_output(out) as temp:
        sheet = Sheet(temp, title=f"{TITLE}（{period_label(period)}）", office=office)
        render(sheet, comparison, months, earlier, office, clock.today())
        try:
            sheet.save()
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.PRINT, target_kind="summary", target_label=f"{TITLE} {period_label(period)}",
                 details={"表格": TITLE, "期间": period.describe(), "页数": sheet.pages, "文件": out.name})
    return sheet.pages, sheet.warnings


def _earlier(period: SummaryPeriod) -> tuple[datetime.date, datetime.date]:
    before = period.year_earlier()
    return before.start, before.end

