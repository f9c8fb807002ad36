"""A register sheet whose data rows go to the sheet's XML stream as whole rows, not cell objects.

openpyxl's write-only mode still builds a cell object per value, binds its type, and serialises each cell
as its own element (a styled cell costs more: it is passed as a cell, which openpyxl tells apart by
catching an exception). For the upward workbook's 100,000 rows that is most of the time. Here each data row
is written as one piece of SpreadsheetML (typed values, the same style ids openpyxl registers for the same
number formats), parsed by the XML library openpyxl writes with and handed to its stream. Titles, header,
merged cells, filter and page setup stay RegisterSheet's. If openpyxl's internals are not as expected, the
sheet falls back to RegisterSheet.append: slower, same workbook.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import fromstring

from app.excel import writer
from app.registers.base import Field, Kind

EPOCH = datetime.date(1899, 12, 30)   # day 0 of Excel's 1900 date system, for days after 1900-03-01
Cell = Callable[[str, object], str]
BATCH = 256   # rows parsed at once
TYPED = frozenset({Kind.MONEY, Kind.DECIMAL, Kind.INT, Kind.DATE})   # Field.cell gives these as they are


class FastRegisterSheet(writer.RegisterSheet):
    """RegisterSheet with a fast path for data rows (same values, types and number formats)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ws = self.sheet
        stream: Any = getattr(ws, "_writer", None)
        self.fast = stream is not None and hasattr(ws, "_values_to_row") and hasattr(stream, "write_row")
        if not self.fast:
            return
        self._letters = [get_column_letter(i) for i in range(1, len(self.fields) + 1)]
        self._keys = [f.key for f in self.fields]
        self._pending: list[str] = []
        self._xf: Any = None
        self._quoted = self._style_id(None, quote=True)
        self._cells = [self._column_writer(f, fmt) for f, fmt in zip(self.fields, self._formats, strict=True)]
        # From here on each appended row is our XML: openpyxl passes it through untouched to write_row.
        ws._values_to_row = lambda values, _row: values
        stream.write_row = self._write_row

    def _style_id(self, number_format: str | None, *, quote: bool = False) -> int:
        """The workbook's style id of a cell with this format (registered as openpyxl would for a cell)."""
        probe = WriteOnlyCell(self.sheet)
        if number_format is not None:
            probe.number_format = number_format
        if quote:
            probe.quotePrefix = True
        return int(probe.style_id)

    def _column_writer(self, field: Field, number_format: str | None) -> Cell:
        """How one column's value (as the row function gives it) becomes a <c> element: what Field.cell and
        RegisterSheet.cell make of it, written directly."""
        styled = f' s="{self._style_id(number_format)}"' if number_format is not None else ""
        text_style = f' s="{self._style_id(writer.TEXT_FORMAT)}"' if number_format is not None else ""
        quoted = f' s="{self._style_id(writer.TEXT_FORMAT, quote=True)}"' if number_format else \
            f' s="{self._quoted}"'
        masking = self.masked and field.mask is not None
        typed = field.kind in TYPED

        def text(ref: str, value: str) -> str:
            if not value:
                return ""
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            style = quoted if writer.is_formula_like(value) else text_style
            space = ' xml:space="preserve"' if value != value.strip() else ""
            return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'

        def cell(ref: str, value: object) -> str:
            if value is None or value == ():
                return ""
            if masking:
                return text(ref, field.display(value, masked=True))
            if type(value) is str:
                return text(ref, value)
            if not typed:
                return text(ref, field.display(value))
            if isinstance(value, datetime.datetime):
                day = value - datetime.datetime(1899, 12, 30)
                return f'<c r="{ref}"{styled} t="n"><v>{day.days + day.seconds / 86400}</v></c>'
            if isinstance(value, datetime.date):
                return f'<c r="{ref}"{styled} t="n"><v>{(value - EPOCH).days}</v></c>'
            if isinstance(value, Decimal):
                return f'<c r="{ref}"{styled} t="n"><v>{value:f}</v></c>'
            if isinstance(value, int | float) and not isinstance(value, bool):
                return f'<c r="{ref}"{styled} t="n"><v>{value}</v></c>'
            return text(ref, str(value))

        return cell

    def append(self, values: Mapping[str, object]) -> None:
        if not self.fast:
            super().append(values)
            return
        get = values.get
        self.sheet.append([get(key) for key in self._keys])
        self.rows += 1

    def _write_row(self, xf: Any, values: list[object], row_idx: int) -> None:
        """Called by openpyxl's row stream with the row as appended (the row function's values) and its number;
        rows are parsed and handed on BATCH at a time (and the rest when the sheet is closed)."""
        row = str(row_idx)
        cells = "".join([cell(letter + row, value)
                         for letter, cell, value in zip(self._letters, self._cells, values, strict=True)])
        self._pending.append(f'<row r="{row}">{cells}</row>')
        self._xf = xf
        if len(self._pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            for element in fromstring(f"<rows>{''.join(self._pending)}</rows>"):
                self._xf.write(element)
            self._pending.clear()

    def close(self, *, filter_rows: bool = True) -> int:
        if self.fast:
            self._flush()
        return super().close(filter_rows=filter_rows)
