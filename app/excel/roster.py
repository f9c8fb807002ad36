"""The Excel version of the 发放花名册（签领表）: the same columns and totals as the PDF, set up to print on A4.

Totals are computed values, never formulas. The roster prints like the PDF: title, header and
signature lines on every page, a 本页小计 row before each page break and the 合计 at the end.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from app.excel.writer import HEADER_FILL, NOTE_FONT, PAPER_A4, TEXT_FORMAT, text_cell
from app.money import capitals
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

ROWS_PER_PAGE = 16          # and a total row: with the repeated title rows this fits an A4 landscape page
ROW_HEIGHT = 23.0           # points: room to sign
MONEY_FORMAT = "#,##0.00"
WIDTHS = {"number": 6, "name": 10, "id_number": 21, "unit": 26, "category": 10, "goods": 16, "amount": 12,
          "capitals": 24, "signature": 16, "date": 10}
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOTAL_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
TITLE_FONT = Font(bold=True, size=16)
BOLD = Font(bold=True)
SIGNATURES = "经办人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿　　负责人：＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日"
DASH = "—"


class RosterSheet:
    """One roster on one sheet of a streaming workbook, written top to bottom."""

    def __init__(self, book: Any, roster: Roster, office: str, today: datetime.date) -> None:
        self.roster = roster
        self.kind = roster.kind
        self.keys = COLUMNS[self.kind]
        self.ws = book.create_sheet("发放花名册")
        self.row = 0
        ws = self.ws
        ws.sheet_properties.pageSetUpPr.fitToPage = True   # a sheet property: set before the first row
        for index, key in enumerate(self.keys, 1):
            ws.column_dimensions[get_column_letter(index)].width = WIDTHS[key]
        self.last = get_column_letter(len(self.keys))
        self.label_span = next(i for i, key in enumerate(self.keys) if key in ("goods", "amount"))
        self.spelled_from = self.keys.index("capitals" if "capitals" in self.keys else "signature")
        hint = "含完整身份证号，请妥善保管，勿外传" if roster.full_ids else "身份证号已隐去中间位"
        fund = f"　资金来源：{roster.fund}" if roster.fund else ""
        self._line(text_cell(ws, roster.title), 30, TITLE_FONT, Alignment(horizontal="center", vertical="center"))
        note = f"发放单位：{office}　{roster.period}{fund}　打印日期：{today.isoformat()}　（{hint}）"
        self._line(text_cell(ws, note), 20, NOTE_FONT, Alignment(horizontal="left", vertical="center"))
        heads = []
        for key in self.keys:
            cell = text_cell(ws, header(key, self.kind))
            cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BORDER, CENTER
            heads.append(cell)
        self._append(heads, 28)

    def _line(self, cell: Any, height: float, font: Font, alignment: Alignment) -> None:
        """A line of text across the whole width (title, note)."""
        cell.font, cell.alignment = font, alignment
        self._append([cell], height)
        self.ws.merged_cells.add(f"A{self.row}:{self.last}{self.row}")

    def _append(self, cells: Sequence[object], height: float) -> None:
        self.row += 1
        self.ws.row_dimensions[self.row].height = height
        self.ws.append(list(cells))

    def _cell(self, value: object, alignment: Alignment = CENTER, number_format: str | None = None,
              font: Font | None = None, fill: PatternFill | None = None) -> Any:
        cell = text_cell(self.ws, value) if isinstance(value, str) else WriteOnlyCell(self.ws, value)
        cell.border, cell.alignment = BORDER, alignment
        if number_format is not None:
            cell.number_format = number_format
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        return cell

    def line(self, number: int, line: RosterLine) -> None:
        money = shown_amount(line, self.kind)
        values: dict[str, tuple[object, Alignment, str | None]] = {
            "number": (number, CENTER, None), "name": (line.name, CENTER, None),
            "id_number": (line.id_number or DASH, CENTER, TEXT_FORMAT), "unit": (line.unit, LEFT, None),
            "category": (line.category, CENTER, None), "goods": (line.goods, LEFT, None),
            "amount": (DASH if money is None else money, CENTER, None if money is None else MONEY_FORMAT),
            "capitals": (DASH if money is None else capitals(money), CENTER, None),
        }
        self._append([self._cell(*values.get(key, ("", CENTER, None))) for key in self.keys], ROW_HEIGHT)

    def total(self, title: str, lines: Sequence[RosterLine], bold: bool = False) -> None:
        """本页小计 or 合计: the count over the first columns, goods, money in figures, capitals to the right edge."""
        font = BOLD if bold else None
        money = money_total(lines, self.kind)
        spelled = f"大写：{capitals(money)}" if self.kind is RosterKind.IN_KIND else capitals(money)
        values: dict[str, tuple[object, Alignment, str | None]] = {
            self.keys[0]: (title, CENTER, None), self.keys[self.spelled_from]: (spelled, LEFT, None),
            "goods": (describe_items(item_totals(lines)), LEFT, None), "amount": (money, CENTER, MONEY_FORMAT)}
        cells = [self._cell(*values.get(key, ("", CENTER, None)), font, TOTAL_FILL) for key in self.keys]
        self._append(cells, ROW_HEIGHT)
        row = self.row
        self.ws.merged_cells.add(f"A{row}:{get_column_letter(self.label_span)}{row}")
        if self.spelled_from < len(self.keys) - 1:
            self.ws.merged_cells.add(f"{get_column_letter(self.spelled_from + 1)}{row}:{self.last}{row}")

    def close(self) -> None:
        """Print setup: A4 landscape, one page wide, header rows and signature lines on every page."""
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = PAPER_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_options.horizontalCentered = True
        ws.print_title_rows = "1:3"
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top, ws.page_margins.bottom, ws.page_margins.footer = 0.5, 0.9, 0.3
        ws.oddFooter.left.text = SIGNATURES
        ws.oddFooter.left.size = 10
        ws.oddFooter.right.text = "第 &P 页 共 &N 页"
        ws.oddFooter.right.size = 9


def write_roster(book: Any, roster: Roster, office: str, today: datetime.date, progress: ProgressFn) -> int:
    """The roster on a sheet of `book`; returns the number of printed pages it is laid out for."""
    sheet = RosterSheet(book, roster, office, today)
    lines = roster.lines
    slices = page_slices(len(lines), ROWS_PER_PAGE)
    for page, rows in enumerate(slices, start=1):
        chunk = lines[rows.start:rows.stop]
        for offset, line in enumerate(chunk):
            sheet.line(rows.start + offset + 1, line)
        sheet.total(f"本页小计（{head_count(chunk, spaced=False)}）", chunk)
        if page < len(slices):
            sheet.ws.row_breaks.append(Break(id=sheet.row))
        if page % 50 == 1:
            progress(rows.start, len(lines), "正在写入花名册")
    sheet.total(f"合计 {head_count(lines)}", lines, bold=True)
    sheet.close()
    return len(slices)

