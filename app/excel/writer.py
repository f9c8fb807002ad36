"""Writing a register to a formatted sheet: title rows, header, typed cells and print setup.

The workbook is openpyxl's write-only (streaming) kind, so 100,000 rows never sit in memory.
Streaming fixes the order of work: column widths, frozen panes and sheet properties are set
before the first row, the title and header rows come first, and the merged title, filter and
page setup are added when the sheet is closed.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.registers.base import Field, Kind, Register

TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = 4

# A text cell starting with one of these could be taken for a formula (or DDE command) when
# the cell is edited or the file is opened by another program: such cells are forced to text.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r", "\n")

TEXT_FORMAT = "@"
PAPER_A4 = 9  # the paperSize code of A4 in SpreadsheetML
NUMBER_FORMATS: dict[Kind, str] = {
    Kind.DATE: "yyyy-mm-dd",
    Kind.MONEY: "#,##0.00",
    Kind.DECIMAL: "0.00",
    Kind.INT: "0",
    Kind.ID_NUMBER: TEXT_FORMAT,
    Kind.CARD: TEXT_FORMAT,
    Kind.MOBILE: TEXT_FORMAT,
    Kind.PHONE: TEXT_FORMAT,
}

THIN = Side(style="thin", color="808080")
HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
HEADER_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
TITLE_FONT = Font(bold=True, size=16)
NOTE_FONT = Font(size=10, color="595959")


@dataclass(frozen=True)
class Heading:
    """The two lines above the header: the register's title and a note (date, count, masking)."""

    title: str
    note: str


def is_formula_like(text: str) -> bool:
    """True for text that Excel or another program could take for a formula."""
    return text.startswith(FORMULA_STARTS) or text in ERROR_CODES


def text_cell(sheet: Any, text: str, *, number_format: str | None = None) -> Any:
    """A cell that holds `text` as a string, whatever it starts with (never a formula)."""
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", text))
    cell.data_type = "s"
    if number_format is not None:
        cell.number_format = number_format
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def new_workbook() -> Any:
    """An empty streaming workbook (openpyxl's write-only mode)."""
    return Workbook(write_only=True)


def discard(workbook: Any) -> None:
    """Close and delete the temporary files of a streaming workbook that will not be saved.

    openpyxl streams each sheet to a temporary file (the rows in clear text, ID numbers included)
    and deletes it only when the workbook is saved or the program ends; after an error or a
    cancel in a long-running window that would leave personal data in the temp folder.
    """
    for sheet in workbook.worksheets:
        stream = getattr(sheet, "_writer", None)
        if stream is None:
            continue
        with contextlib.suppress(Exception):
            if not sheet.closed:
                sheet.close()
        stream.cleanup()


@contextlib.contextmanager
def streaming_workbook() -> Iterator[Any]:
    """A new streaming workbook; its temporary files are removed if the block fails."""
    workbook = new_workbook()
    try:
        yield workbook
    except BaseException:
        discard(workbook)
        raise


class RegisterSheet:
    """One register on one sheet of a streaming workbook, written from top to bottom."""

    def __init__(self, workbook: Any, register: Register, heading: Heading, *,
                 fields: Sequence[Field] | None = None, masked: bool = False,
                 header_notes: Mapping[str, str] | None = None) -> None:
        self.register = register
        self.fields = tuple(fields if fields is not None else register.fields)
        self.masked = masked
        self.rows = 0
        self.sheet = workbook.create_sheet(register.sheet)
        self._formats = [self._number_format(f) for f in self.fields]
        self._set_up_before_rows()
        self._write_heading(heading, header_notes or {})

    @property
    def last_column(self) -> str:
        return str(get_column_letter(max(len(self.fields), 1)))

    @property
    def last_row(self) -> int:
        return HEADER_ROW + self.rows

    def _number_format(self, field: Field) -> str | None:
        if self.masked and field.mask is not None:
            return TEXT_FORMAT
        return NUMBER_FORMATS.get(field.kind)

    def _set_up_before_rows(self) -> None:
        ws = self.sheet
        for index, field in enumerate(self.fields, 1):
            ws.column_dimensions[get_column_letter(index)].width = field.width + 2
        keep_left = next((i for i, f in enumerate(self.fields[:3], 1) if f.key == "name"), 0)
        ws.freeze_panes = f"{get_column_letter(keep_left + 1)}{FIRST_DATA_ROW}"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.row_dimensions[TITLE_ROW].height = 26
        ws.row_dimensions[HEADER_ROW].height = 32

    def _write_heading(self, heading: Heading, notes: Mapping[str, str]) -> None:
        ws = self.sheet
        title = text_cell(ws, heading.title)
        title.font = TITLE_FONT
        # Left-aligned: a title centred over 60 columns would sit off screen to the right.
        title.alignment = Alignment(horizontal="left", vertical="center")
        ws.append([title])
        note = text_cell(ws, heading.note)
        note.font = NOTE_FONT
        ws.append([note])
        header = []
        for field in self.fields:
            cell = text_cell(ws, field.label)
            cell.font = REQUIRED_FONT if field.required else HEADER_FONT
            cell.fill = HEADER_FILL
            cell.border = HEADER_BORDER
            cell.alignment = HEADER_ALIGNMENT
            if field.key in notes:
                comment = Comment(notes[field.key], "帮扶工作台")
                comment.width, comment.height = 260, 140
                cell.comment = comment
            header.append(cell)
        ws.append(header)

    def cell(self, field: Field, number_format: str | None, value: object) -> object:
        """One data cell: typed and formatted; text never becomes a formula."""
        shown = field.cell(value, masked=self.masked)
        if shown is None or shown == "":
            return None
        if isinstance(shown, str):
            if number_format is None and not is_formula_like(shown) and not ILLEGAL_CHARACTERS_RE.search(shown):
                return shown  # plain text needs no style: the fast path for most cells
            return text_cell(self.sheet, shown, number_format=TEXT_FORMAT if number_format else None)
        if isinstance(shown, datetime.date | Decimal | int):
            cell = WriteOnlyCell(self.sheet, shown)
            if number_format is not None:
                cell.number_format = number_format
            return cell
        return text_cell(self.sheet, str(shown))

    def append(self, values: Mapping[str, object]) -> None:
        """One data row from a dict keyed by the register's field keys (missing keys are blank)."""
        get = values.get
        self.sheet.append([self.cell(f, fmt, get(f.key)) for f, fmt in zip(self.fields, self._formats,
                                                                             strict=True)])
        self.rows += 1

    def append_blank_rows(self, count: int) -> None:
        """Empty rows whose cells already carry the column's format (text for ID numbers …)."""
        formats = [fmt or (TEXT_FORMAT if f.is_text_cell else None)
                   for f, fmt in zip(self.fields, self._formats, strict=True)]
        for _ in range(count):
            row: list[object] = []
            for fmt in formats:
                if fmt is None:
                    row.append(None)
                else:
                    cell = WriteOnlyCell(self.sheet, None)
                    cell.number_format = fmt
                    row.append(cell)
            self.sheet.append(row)
        self.rows += count

    def close(self, *, filter_rows: bool = True) -> int:
        """Merge the title, add the filter and the print setup; returns the number of data rows."""
        ws = self.sheet
        last = self.last_column
        if len(self.fields) > 1:
            ws.merged_cells.add(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
            ws.merged_cells.add(f"A{NOTE_ROW}:{last}{NOTE_ROW}")
        if filter_rows:
            ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(self.last_row, HEADER_ROW + 1)}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = PAPER_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.print_options.gridLines = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        return self.rows
