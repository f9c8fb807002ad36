"""Opening a spreadsheet nobody designed: xlsx/xls/ods/et through python-calamine, CSV/TSV with its encoding found."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from app.errors import KnownError

Grid = list[list[object]]
TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
# Label shown to the user, Python codec.
ENCODINGS = {"UTF-8": "utf-8", "UTF-8（带BOM）": "utf-8-sig", "GB18030/GBK": "gb18030",
             "UTF-16": "utf-16", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be"}
SNIFF_BYTES = 64 * 1024
DELIMITERS = {",": "逗号", "\t": "制表符", ";": "分号", "|": "竖线"}


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of a workbook as listed to the user (a CSV file has one, named after the file)."""

    name: str
    visible: bool


@dataclass(frozen=True)
class SourceInfo:
    """What was opened: its format, and for text files the encoding and separator found (shown to the user)."""

    path: Path
    format: str                # "xlsx", "xls", "ods", "csv" …
    sheets: tuple[SheetInfo, ...]
    encoding: str | None = None   # a label of ENCODINGS, text files only
    delimiter: str | None = None  # text files only

    @property
    def first_sheet(self) -> str:
        visible = [s.name for s in self.sheets if s.visible]
        return (visible or [s.name for s in self.sheets])[0]

    def describe(self) -> str:
        if self.encoding is None:
            return f"{self.path.name}（{self.format}，{len(self.sheets)} 个工作表）"
        separator = DELIMITERS.get(self.delimiter or "", "")
        return f"{self.path.name}（{self.format}，编码 {self.encoding}，分隔符 {separator}）"


def detect_encoding(data: bytes) -> str:
    """The label (of ENCODINGS) of the encoding a text file is in: BOM first, then UTF-8, then GB18030.

    Files saved by Chinese Excel and WPS are GBK (GB18030 is its superset) unless saved as
    'CSV UTF-8'; UTF-16 comes from Excel's 'Unicode text'. A file that is none of these is refused.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "UTF-8（带BOM）"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    head = data[:SNIFF_BYTES]
    if head and head.count(0) * 4 > len(head):  # UTF-16 without a BOM: every other byte of ASCII is 0
        even_zeros = head[0::2].count(0)
        return "UTF-16BE" if even_zeros > head[1::2].count(0) else "UTF-16LE"
    for label in ("UTF-8", "GB18030/GBK"):
        try:
            data.decode(ENCODINGS[label])
        except UnicodeDecodeError:
            continue
        return label
    raise KnownError("无法识别文本文件的编码（不是 UTF-8、GBK/GB18030 或 UTF-16）。"
                     "请在 Excel 或 WPS 中另存为“CSV UTF-8”或 Excel 工作簿后再导入。")


def detect_delimiter(text: str, suffix: str) -> str:
    """The separator of a text table: the one that splits the first lines into the same, largest number of cells."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    if not lines:
        return "\t" if suffix == ".tsv" else ","
    best, best_score = "\t" if suffix == ".tsv" else ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        common = max(set(counts), key=counts.count)
        score = (common if common > 1 else 0, counts.count(common))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _text_grid(text: str, delimiter: str) -> Grid:
    grid: Grid = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        grid.append([cell if cell.strip() else None for cell in row])
    return grid


class Source:
    """An opened spreadsheet: its info and, once read, each sheet's rows (index 0 is row 1)."""

    def __init__(self, info: SourceInfo, book: CalamineWorkbook | None, grid: Grid | None) -> None:
        self.info = info
        self._book = book
        self._grids: dict[str, Grid] = {} if grid is None else {info.sheets[0].name: grid}

    def rows(self, sheet: str) -> Grid:
        """Every row of the sheet from row 1 and column A on; blank cells are None."""
        if sheet not in self._grids:
            if self._book is None or sheet not in {s.name for s in self.info.sheets}:
                raise KnownError(f"{self.info.path.name} 中没有工作表“{sheet}”。")
            try:
                self._grids[sheet] = _sheet_grid(self._book, sheet)
            except (CalamineError, ValueError) as exc:
                raise KnownError(f"无法读取工作表“{sheet}”：{exc}") from None
        return self._grids[sheet]


def _sheet_grid(book: CalamineWorkbook, sheet: str) -> Grid:
    """The sheet from A1 on (as to_python(skip_empty_area=False) gives it), row by row: iter_rows hands each row over
    on its own, so a reading thread lets the window's thread run in between (to_python converts the whole sheet
    while holding the interpreter: a stall of the window)."""
    data = book.get_sheet_by_name(sheet)
    # iter_rows repeats the blank rows above a sheet's first filled row (python-calamine 0.9): then to_python.
    rows: Iterable[list[Any]] = (data.iter_rows() if (data.start or (0, 0))[0] == 0
                                 else data.to_python(skip_empty_area=False))
    return [[None if c == "" else c for c in row] if "" in row else row for row in rows]  # blank cells: None


def open_source(path: Path, *, encoding: str | None = None) -> Source:
    """Open a workbook or a text table; `encoding` (a label of ENCODINGS) overrides the one detected."""
    path = Path(path)
    if not path.is_file():
        raise KnownError(f"找不到文件 {path}。")
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnownError(f"无法读取 {path}：{exc.strerror or exc}。请确认文件没有被其他程序独占打开。") from None
    if suffix in TEXT_SUFFIXES:
        return _open_text(path, data, suffix, encoding)
    return _open_book(path, data, suffix)


def _open_text(path: Path, data: bytes, suffix: str, encoding: str | None) -> Source:
    label = encoding or detect_encoding(data)
    if label not in ENCODINGS:
        raise KnownError(f"不支持的编码“{label}”（可选：{'、'.join(ENCODINGS)}）。")
    try:
        text = data.decode(ENCODINGS[label])
    except UnicodeDecodeError:
        raise KnownError(f"{path.name} 不是 {label} 编码，请换一种编码重试。") from None
    text = text.removeprefix("\ufeff")
    delimiter = detect_delimiter(text, suffix)
    grid = _text_grid(text, delimiter)
    info = SourceInfo(path, suffix.lstrip(".") or "csv", (SheetInfo(path.stem, True),), label, delimiter)
    return Source(info, None, grid)


def _open_book(path: Path, data: bytes, suffix: str) -> Source:
    """calamine by content, so that WPS's .et and misnamed files open too."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, OSError, ValueError) as exc:
        if data[:4] == b"PK\x03\x04" or data[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
            raise KnownError(f"无法读取 {path.name}：{exc}。文件可能已损坏或设置了打开密码，"
                             "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。") from None
        raise KnownError(f"无法读取 {path.name}：它不是 Excel（.xlsx/.xls）、WPS 表格或 .ods 文件，"
                         "也不是 CSV 文本文件。") from None
    sheets = tuple(SheetInfo(m.name, m.visible == SheetVisibleEnum.Visible) for m in book.sheets_metadata)
    if not sheets:
        raise KnownError(f"{path.name} 中没有工作表。")
    kind = suffix.lstrip(".") or "xlsx"
    return Source(SourceInfo(path, kind, sheets), book, None)
