"""慰问签领表: a visit round on A4 landscape — one ruled row per model worker to sign, amounts also in capitals.

Every page repeats the title and the header row and carries its page number; with more than one
page each has a subtotal, and the last page the total (in figures and capitals) and the lines
for 经办人 and 审核人.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape

from app import clock, session
from app.files import atomic_output, explain_os_error
from app.money import capitals, figures
from app.printing import PrintResult
from app.printing.layout import MARGIN, Align, Cell, Sheet, label, value
from app.progress import ProgressFn, no_progress
from app.services import audit, settings
from app.services.audit import AuditAction
from app.services.model_worker_overview import RoundLine, VisitRound, visit_round
from app.session import Permission

TITLE = "劳模慰问签领表"
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
LEFT, RIGHT, TOP, BOTTOM = MARGIN, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN, MARGIN
WIDTH = RIGHT - LEFT
TABLE_TOP = TOP - 50
HEADER = 24.0
ROW = 24.0                      # room to sign in
SIGNATURES = 34.0               # 经办人 / 审核人 under the table
FOOTER = 16.0
SIZE = 10.0
NONE = "—"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    align: Align = Align.CENTER


def columns(with_gifts: bool) -> tuple[Column, ...]:
    """序号, 姓名, 称号/级别, 工作单位 (what is left), 金额, 金额大写, [慰问品,] 领取人签字, 日期."""
    spec = [("number", "序号", 34.0), ("name", "姓名", 64.0), ("honour", "称号/级别", 116.0), ("unit", "工作单位", 0.0),
            ("amount", "金额(元)", 72.0), ("capitals", "金额大写", 128.0)]
    if with_gifts:
        spec.append(("gifts", "慰问品", 92.0))
    spec += [("signature", "领取人签字", 96.0), ("date", "日期", 70.0)]
    rest = WIDTH - sum(width for _, _, width in spec)
    return tuple(Column(key, header, width or rest, Align.LEFT if key in ("unit", "gifts") else Align.CENTER)
                 for key, header, width in spec)


def rows_per_page() -> int:
    room: float = TABLE_TOP - HEADER - 2 * ROW - SIGNATURES - (BOTTOM + FOOTER)
    return max(1, math.floor(room / ROW))


def line_texts(line: RoundLine, number: int) -> dict[str, str]:
    paid = line.amount > 0
    return {"number": str(number), "name": line.name, "honour": line.honour, "unit": line.work_unit,
            "amount": figures(line.amount) if paid else NONE, "capitals": capitals(line.amount) if paid else NONE,
            "gifts": line.gifts}


class RosterPages:
    """Draws the pages of one round on a landscape sheet."""

    def __init__(self, sheet: Sheet, data: VisitRound, office: str, today: datetime.date) -> None:
        self.sheet, self.data, self.office, self.today = sheet, data, office, today
        self.columns = columns(any(line.gifts for line in data.lines))
        keys = [c.key for c in self.columns]
        self.label_width = sum(c.width for c in self.columns[:keys.index("amount")])
        self.amount_width = next(c.width for c in self.columns if c.key == "amount")

    def heading(self, page: int) -> None:
        sheet, data = self.sheet, self.data
        suffix = "" if page == 1 else "（续）"
        sheet.text(PAGE_WIDTH / 2, TOP - 18, TITLE + suffix, 17, align=Align.CENTER, bold=True, who="")
        y = TOP - 40
        period = data.start.isoformat()
        if data.end != data.start:
            period += f" 至 {data.end.isoformat()}"
        sheet.text(LEFT, y, f"发放单位：{self.office}", 10, who="")
        sheet.text(PAGE_WIDTH / 2, y, f"走访批次：{data.name}　　走访日期：{period}", 10, align=Align.CENTER, who="")
        if data.funds:
            sheet.text(RIGHT, y, f"资金来源：{'、'.join(data.funds)}", 10, align=Align.RIGHT, who="")

    def row(self, y: float, texts: dict[str, str], *, header: bool = False, who: str | None = None) -> float:
        cells: list[Cell] = [label(c.header, c.width) if header else value(texts.get(c.key, ""), c.width, c.align, who)
                             for c in self.columns]
        return self.sheet.row(y, HEADER if header else ROW, cells, SIZE, x=LEFT)

    def total(self, y: float, title: str, lines: Sequence[RoundLine], *, bold: bool = False) -> float:
        """小计 or 合计: the count on the left, the sum in figures and capitals on the right."""
        money = sum((line.amount for line in lines), ZERO)
        rest = WIDTH - self.label_width - self.amount_width
        cells = [value(title, self.label_width), value(figures(money), self.amount_width),
                 value(f"大写：{capitals(money)}", rest, Align.LEFT)]
        sheet = self.sheet
        sheet.canvas.setFillGray(0.95)
        sheet.canvas.rect(LEFT, y - ROW, WIDTH, ROW, stroke=0, fill=1)
        sheet.canvas.setFillGray(0)
        return sheet.row(y, ROW, cells, SIZE + (0.5 if bold else 0), x=LEFT)

    def signatures(self, y: float) -> None:
        sheet = self.sheet
        slot = WIDTH / 3
        for i, who in enumerate(("经办人", "审核人")):
            x = LEFT + i * slot
            sheet.text(x, y, f"{who}：", 11)
            sheet.hline(x + sheet.width(f"{who}：", 11), x + slot - 30, y - 2)
        sheet.text(LEFT + 2 * slot, y, "日期：　　　　年　　　月　　　日", 11)

    def page(self, lines: Sequence[RoundLine], first: int, page: int, pages: int) -> None:
        sheet = self.sheet
        self.heading(page)
        y = self.row(TABLE_TOP, {}, header=True)
        for offset, line in enumerate(lines):
            y = self.row(y, line_texts(line, first + offset + 1), who=line.name)
        if pages > 1:
            y = self.total(y, f"本页小计（{len(lines)}人）", lines)
        if page == pages:
            y = self.total(y, f"合计 {len(self.data.lines)} 人", self.data.lines, bold=True)
            self.signatures(y - SIGNATURES + 8)
        sheet.canvas.setLineWidth(0.9)
        sheet.canvas.rect(LEFT, y, WIDTH, TABLE_TOP - y, stroke=1, fill=0)
        sheet.text(PAGE_WIDTH / 2, BOTTOM + 2, f"第 {page} 页 共 {pages} 页", 8.5, align=Align.CENTER, grey=0.25)
        sheet.text(LEFT, BOTTOM + 2, f"打印日期：{self.today.isoformat()}", 8.5, grey=0.25)
        sheet.text(RIGHT, BOTTOM + 2, "领取人请核对金额后本人签字", 8.5, align=Align.RIGHT, grey=0.25)


def render(sheet: Sheet, data: VisitRound, office: str, today: datetime.date, progress: ProgressFn) -> None:
    sheet.canvas.setPageSize((PAGE_WIDTH, PAGE_HEIGHT))
    pages = RosterPages(sheet, data, office, today)
    per_page = rows_per_page()
    starts = list(range(0, len(data.lines), per_page)) or [0]
    for number, start in enumerate(starts, 1):
        progress(number - 1, len(starts), f"正在生成第{number}页")
        pages.page(data.lines[start:start + per_page], start, number, len(starts))
        sheet.end_page()


def print_roster(round_name: str, out: Path, progress: ProgressFn = no_progress) -> PrintResult:
    """慰问签领表 of one visit round; the print is audited."""
    session.require(Permission.PRINT)
    data = visit_round(round_name)
    office = settings.office_name()
    with atomic_output(out) as temp:
        sheet = Sheet(temp, title=f"{TITLE} {data.name}", office=office)
        render(sheet, data, office, clock.today(), progress)
        progress(sheet.pages, sheet.pages, "正在保存PDF文件")
        try:
            sheet.save()
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.PRINT, target_kind="model_worker_visit", target_label=f"{TITLE} {data.name}",
                 details={"表格": TITLE, "批次": data.name, "人数": len(data.lines), "金额": figures(data.total),
                          "页数": sheet.pages, "文件": Path(out).name})
    return PrintResult(Path(out), sheet.pages, sheet.warnings)
