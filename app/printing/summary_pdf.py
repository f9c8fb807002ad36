"""帮扶工作统计汇总 (A4 portrait): the period's figures beside a year earlier's with the change, then a page of charts.

The rows and the charts' data are summary_view's, the same the 统计 tab shows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.graphics import renderPDF

from app import clock, session
from app.files import atomic_output, explain_os_error
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
from app.printing.summary_charts import draw_chart
from app.services import audit, settings
from app.services.audit import AuditAction
from app.services.summary import Comparison, compare
from app.services.summary import Period as SummaryPeriod
from app.services.summary_details import MonthFigures, relief_by_month
from app.services.summary_phrases import period_label
from app.services.summary_view import ChartData, change, charts, sections, shown
from app.session import Permission

TITLE = "帮扶工作统计汇总"
COLUMNS = (("指标", WIDTH - 300.0), ("单位", 44.0), ("本期", 86.0), ("上年同期", 86.0), ("增减", 84.0))
ROW = 15.0
SIZE = 8.5
CHART_GAP = 12.0
CHART_TITLE = 15.0



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

