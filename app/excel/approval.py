"""The Excel version of the 救助审批表: one sheet per relief, the PDF's grid of label/value pairs, one A4 page."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.excel.writer import PAPER_A4, TEXT_FORMAT, is_formula_like
from app.services.approval_data import GRID, OPINIONS, REASON, ApprovalData, Pair, sections

TITLE = "救助审批表"
WIDTHS = (12, 14, 10, 12, 12, 13, 11, 14)
ROW_HEIGHT = 20.0
REASON_HEIGHT = 64.0
OPINION_HEIGHT = 80.0
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LABEL_FILL = PatternFill("solid", start_color="E3E3E3", end_color="E3E3E3")
BAND_FILL = PatternFill("solid", start_color="CCCCCC", end_color="CCCCCC")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
BOTTOM_RIGHT = Alignment(horizontal="right", vertical="bottom", wrap_text=True)
SIGNED = "签字：＿＿＿＿＿＿＿＿　　　日期：　　　年　　月　　日"
NUMBERS = "一二三四五六"
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


class ApprovalSheet:
    """One 救助审批表 on a worksheet, row by row."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = 0
        for index, width in enumerate(WIDTHS, 1):
            ws.column_dimensions[get_column_letter(index)].width = width

    def put(self, column: int, text: str, *, span: int = 1, alignment: Alignment = CENTER,
            fill: PatternFill | None = None, font: Font | None = None, border: bool = True) -> None:
        """Text in the current row from a column (1-based) over `span` columns, merged and ruled."""
        ws = self.ws
        cell = ws.cell(self.row, column)
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", text) if text else None
        if text:
            cell.data_type = "s"      # never a formula, whatever the text starts with
            cell.number_format = TEXT_FORMAT
            cell.quotePrefix = is_formula_like(text)
        cell.alignment = alignment
        if fill is not None:
            cell.fill = fill
        if font is not None:
            cell.font = font
        if border:
            for col in range(column, column + span):
                ws.cell(self.row, col).border = BORDER
        if span > 1:
            ws.merge_cells(start_row=self.row, start_column=column, end_row=self.row, end_column=column + span - 1)

    def next_row(self, height: float = ROW_HEIGHT) -> None:
        self.row += 1
        self.ws.row_dimensions[self.row].height = height

    def pairs(self, row: Sequence[Pair]) -> None:
        self.next_row()
        column = 1
        for pair in row:
            self.put(column, pair.label, fill=LABEL_FILL)
            self.put(column + 1, pair.value, span=pair.span, alignment=LEFT if pair.left else CENTER)
            column += 1 + pair.span

    def band(self, title: str) -> None:
        self.next_row(18)
        self.put(1, title, span=GRID, alignment=LEFT, fill=BAND_FILL, font=Font(bold=True))

    def boxed(self, title: str, text: str, height: float, alignment: Alignment) -> None:
        self.next_row(height)
        self.put(1, title, fill=LABEL_FILL)
        self.put(2, text, span=GRID - 1, alignment=alignment)


def write_approval(ws: Any, d: ApprovalData, office: str, today: datetime.date) -> None:
    sheet = ApprovalSheet(ws)
    sheet.next_row(30)
    sheet.put(1, TITLE, span=GRID, font=Font(bold=True, size=16), border=False)
    sheet.next_row(18)
    sheet.put(1, f"救助类型：{d.relief_type}", span=4, alignment=LEFT, border=False)
    sheet.put(5, "填表日期：　　　年　　月　　日", span=4, alignment=Alignment(horizontal="right"), border=False)
    found = sections(d)
    for number, section in zip(NUMBERS, found, strict=False):
        sheet.band(f"{number}、{section.title}")
        for row in section.rows:
            sheet.pairs(row)
    sheet.band(f"{NUMBERS[len(found)]}、申请理由及审批")
    sheet.boxed(REASON, d.note, REASON_HEIGHT, TOP_LEFT)
    for title in OPINIONS:
        sheet.boxed(title, SIGNED, OPINION_HEIGHT, BOTTOM_RIGHT)
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.oddHeader.left.text = office
    ws.oddHeader.right.text = f"记录编号：{d.relief_id}"
    ws.oddFooter.left.text = f"打印日期：{today.isoformat()}"
    ws.oddFooter.right.text = d.name


def sheet_name(number: int, d: ApprovalData) -> str:
    """审批表1-张三: unique, at most 31 characters, none that Excel forbids."""
    return SHEET_NAME_BAD.sub("", f"{number}-{d.name}")[:31]


def write_approvals(book: Any, forms: Sequence[ApprovalData], office: str, today: datetime.date) -> None:
    """One sheet per relief in a normal (not streaming) workbook: a form is a few dozen cells."""
    for number, d in enumerate(forms, start=1):
        write_approval(book.create_sheet(sheet_name(number, d)), d, office, today)

