"""发放花名册（签领表）: A4 landscape, a ruled row per recipient, page subtotals, a grand total, signature lines.

Drawn on the canvas: every full page shares one grid (a PDF form drawn once), and only the
values are drawn per page, so 10,000 rows take less time than platypus needs for a bare table.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import A4, landscape

from app.money import capitals, figures
from app.printing.layout import MARGIN, PAD, Align, Sheet, label
from app.progress import ProgressFn
from app.services.roster_data import (
    COLUMNS,
    Roster,
    RosterKind,
    RosterLine,
    describe_items,
    head_count,
    header,
    item_totals,
    money_total,
    page_slices,
    shown_amount,
)

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
LEFT = MARGIN
RIGHT = PAGE_WIDTH - MARGIN
WIDTH = RIGHT - LEFT
TOP = PAGE_HEIGHT - MARGIN
BOTTOM = MARGIN
TABLE_TOP = TOP - 46
HEADER_HEIGHT = 24.0
ROW = 22.0                   # room to sign in: 7.8 mm
TOTAL_ROW = 22.0
SIGNATURE_GAP = 26.0         # from the foot of the table to the baseline of 经办人/审核人
FOOTER_ROOM = 16.0
SIZE = 9.5
OUTER = 0.9
NONE = "—"
SIGNERS = ("经办人", "审核人", "负责人")  # the lines under the table, on every page


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    align: Align = Align.CENTER


# Widths in points; 0 takes what is left of the page width (工作单位/住址).
WIDTHS: dict[RosterKind, dict[str, float]] = {
    RosterKind.CASH: {"number": 32, "name": 60, "id_number": 118, "unit": 0, "category": 60, "amount": 72,
                      "capitals": 118, "signature": 96, "date": 60},
    RosterKind.MIXED: {"number": 30, "name": 56, "id_number": 116, "unit": 0, "category": 56, "goods": 96,
                       "amount": 66, "capitals": 104, "signature": 76, "date": 50},
    RosterKind.IN_KIND: {"number": 32, "name": 60, "id_number": 118, "unit": 0, "category": 60, "goods": 120,
                         "amount": 70, "signature": 96, "date": 60},
}
LEFT_ALIGNED = frozenset({"unit", "goods"})


def columns(kind: RosterKind) -> tuple[Column, ...]:
    widths = WIDTHS[kind]
    rest = WIDTH - sum(widths.values())
    return tuple(Column(key, header(key, kind), widths[key] or rest,
                        Align.LEFT if key in LEFT_ALIGNED else Align.CENTER) for key in COLUMNS[kind])


# The money columns; everything before them is spanned by the label of a total row.
MONEY_KEYS = ("goods", "amount", "capitals")


def rows_per_page() -> int:
    room = TABLE_TOP - HEADER_HEIGHT - TOTAL_ROW - (BOTTOM + FOOTER_ROOM + SIGNATURE_GAP + 8)
    return int(room // ROW)


@functools.lru_cache(maxsize=4096)
def _capitals(amount: Decimal) -> str:
    """Cached: a campaign's roster repeats one or two amounts thousands of times."""
    return capitals(amount)


def cell_texts(line: RosterLine, number: int, kind: RosterKind) -> dict[str, str]:
    """What each column shows for one recipient (see roster_data.shown_amount for the money)."""
    money = shown_amount(line, kind)
    figure, spelled = (NONE, NONE) if money is None else (figures(money), _capitals(money))
    return {"number": str(number), "name": line.name, "id_number": line.id_number or NONE, "unit": line.unit,
            "category": line.category, "goods": line.goods, "amount": figure, "capitals": spelled}


class RosterPages:
    """Draws the pages of one roster on a landscape sheet."""

    def __init__(self, sheet: Sheet, roster: Roster, office: str, today: datetime.date) -> None:
        self.sheet = sheet
        self.roster = roster
        self.office = office
        self.today = today
        self.kind = roster.kind
        self.columns = columns(self.kind)
        self.edges = [LEFT]
        for column in self.columns:
            self.edges.append(self.edges[-1] + column.width)
        keys = [c.key for c in self.columns]
        labelled = next(i for i, key in enumerate(keys) if key in MONEY_KEYS)
        self.label_width = self.edges[labelled] - LEFT
        # In the total rows the capitals run on to the right edge (the signing columns are empty there).
        self.spelled_from = self.edges[keys.index("capitals" if "capitals" in keys else "signature")]

    # Text ------------------------------------------------------------------------------------------

    def cell(self, x: float, y_top: float, width: float, height: float, text: str, align: Align,
             size: float = SIZE, who: str | None = None, bold: bool = False) -> None:
        """Text centred vertically in a cell: drawn straight when it fits, else shrunk or wrapped to fit."""
        if not text:
            return
        sheet = self.sheet
        inner = width - 2 * PAD
        used = sheet.width(text, size)
        if used > inner:
            sheet.text_box(x, y_top, width, height, text, size, align=align, who=who)
            return
        if align is Align.CENTER:
            x += (width - used) / 2
        elif align is Align.RIGHT:
            x += width - PAD - used
        else:
            x += PAD
        sheet.text(x, y_top - height / 2 - 0.36 * size, text, size, who=who, bold=bold)

    # The grid --------------------------------------------------------------------------------------

    def grid(self, rows: int, last: bool) -> None:
        """Title, header, ruled rows, the total rows and the signature line: the same on pages alike."""
        sheet = self.sheet
        roster = self.roster
        sheet.text(PAGE_WIDTH / 2, TOP - 16, roster.title, 16, align=Align.CENTER, bold=True, who="")
        y = TOP - 36
        sheet.text(LEFT, y, f"发放单位：{self.office}", 9.5, who="")
        sheet.text(PAGE_WIDTH / 2, y, roster.period, 9.5, align=Align.CENTER)
        if roster.fund:
            sheet.text(RIGHT, y, f"资金来源：{roster.fund}", 9.5, align=Align.RIGHT, who="")
        y = sheet.row(TABLE_TOP, HEADER_HEIGHT, [label(c.header, c.width) for c in self.columns], size=10, x=LEFT)
        body_bottom = y - rows * ROW
        totals = 2 if last else 1
        bottom = body_bottom - totals * TOTAL_ROW
        canvas = sheet.canvas
        canvas.setLineWidth(0.5)
        canvas.setStrokeGray(0)
        path = canvas.beginPath()
        for i in range(1, rows + 1):
            path.moveTo(LEFT, y - i * ROW)
            path.lineTo(RIGHT, y - i * ROW)
        for i in range(1, totals):
            path.moveTo(LEFT, body_bottom - i * TOTAL_ROW)
            path.lineTo(RIGHT, body_bottom - i * TOTAL_ROW)
        for edge in self.edges[1:-1]:
            spanned = edge < LEFT + self.label_width or edge > self.spelled_from
            path.moveTo(edge, y)
            path.lineTo(edge, body_bottom if spanned else bottom)
        canvas.drawPath(path, stroke=1, fill=0)
        for i in range(totals):
            top = body_bottom - i * TOTAL_ROW
            canvas.setFillGray(0.95)
            canvas.rect(LEFT, top - TOTAL_ROW, WIDTH, TOTAL_ROW, stroke=0, fill=1)
            canvas.setFillGray(0)
        canvas.setLineWidth(OUTER)
        canvas.rect(LEFT, bottom, WIDTH, TABLE_TOP - bottom, stroke=1, fill=0)
        canvas.line(LEFT, body_bottom, RIGHT, body_bottom)
        self.signature_line(bottom - SIGNATURE_GAP)
        hint = "含完整身份证号，请妥善保管，勿外传" if roster.full_ids else "身份证号已隐去中间位"
        sheet.text(LEFT, BOTTOM + 2, f"打印日期：{self.today.isoformat()}", 8.5, grey=0.25)
        sheet.text(RIGHT, BOTTOM + 2, hint, 8.5, align=Align.RIGHT, grey=0.25)

    def signature_line(self, y: float) -> None:
        """经办人：____ 审核人：____ 负责人：____ 日期：　年　月　日, spread over the page width."""
        sheet = self.sheet
        slot = WIDTH / (len(SIGNERS) + 1)
        for i, who in enumerate(SIGNERS):
            x = LEFT + i * slot
            sheet.text(x, y, f"{who}：", 10.5)
            start = x + sheet.width(f"{who}：", 10.5)
            sheet.hline(start, x + slot - 24, y - 2, line=0.5)
        sheet.text(LEFT + len(SIGNERS) * slot, y, "日期：　　　　年　　　月　　　日", 10.5)

    # Values ----------------------------------------------------------------------------------------

    def values(self, lines: Sequence[RosterLine], first: int, page: int, pages: int, last: bool) -> None:
        y = TABLE_TOP - HEADER_HEIGHT
        kind, columns, edges = self.kind, self.columns, self.edges
        for offset, line in enumerate(lines):
            texts = cell_texts(line, first + offset + 1, kind)
            for column, x in zip(columns, edges, strict=False):
                text = texts.get(column.key, "")
                who = line.name if column.key in ("name", "unit") else None
                self.cell(x, y, column.width, ROW, text, column.align, who=who)
            y -= ROW
        y = self.total_row(y, f"本页小计（{head_count(lines, spaced=False)}）", lines)
        if last:
            self.total_row(y, f"合计 {head_count(self.roster.lines)}", self.roster.lines, bold=True)
        self.sheet.text(PAGE_WIDTH / 2, BOTTOM + 2, f"第 {page} 页 共 {pages} 页", 8.5, align=Align.CENTER,
                        grey=0.25)

    def total_row(self, y: float, title: str, lines: Sequence[RosterLine], bold: bool = False) -> float:
        """本页小计 or 合计: the count, the goods added up, the money in figures and in capitals."""
        self.cell(LEFT, y, self.label_width, TOTAL_ROW, title, Align.CENTER, size=10, bold=bold)
        in_kind = self.kind is RosterKind.IN_KIND
        money = money_total(lines, self.kind)
        texts = {"goods": describe_items(item_totals(lines)), "amount": figures(money)}
        for i, column in enumerate(self.columns):
            if column.key in texts:
                self.cell(self.edges[i], y, column.width, TOTAL_ROW, texts[column.key], column.align, bold=bold)
        spelled = f"大写：{_capitals(money)}" if in_kind else _capitals(money)
        self.cell(self.spelled_from, y, RIGHT - self.spelled_from, TOTAL_ROW, spelled, Align.LEFT, bold=bold)
        return y - TOTAL_ROW


def render(sheet: Sheet, roster: Roster, office: str, today: datetime.date, progress: ProgressFn) -> None:
    """Every page of the roster, full pages on a shared grid, the last with the grand total."""
    sheet.canvas.setPageSize((PAGE_WIDTH, PAGE_HEIGHT))
    pages = RosterPages(sheet, roster, office, today)
    slices = page_slices(len(roster.lines), rows_per_page())
    count = len(slices)
    kind = roster.kind
    for number, rows in enumerate(slices, start=1):
        if number % 20 == 1:
            progress(number - 1, count, "正在生成发放花名册")
        last = number == count
        if last:
            pages.grid(len(rows), last=True)
        else:
            sheet.template(f"Roster{kind}{len(rows)}", functools.partial(pages.grid, len(rows), False))
        pages.values(roster.lines[rows.start:rows.stop], rows.start, number, count, last)
        sheet.end_page()
