"""Finding the header of a hand-made sheet: title rows skipped, two-row headers combined, blank columns left out."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.errors import KnownError
from app.registers.base import Register
from app.validation import clean_text
from app.wizard.sources import Grid
from app.wizard.synonyms import header_key, header_names

SCAN_ROWS = 30        # the header is looked for in this many rows at the top
SAMPLE_ROWS = 5       # values shown under each column in the mapping step
DATA_LIKE = re.compile(r"^[\d\s.,/年月日:：+\-Xx万元¥￥%]+$")


@dataclass(frozen=True)
class SourceColumn:
    """One column of the sheet: its position, its header text (two rows joined by ·) and a few sample values."""

    index: int                 # 0-based
    header: str
    parts: tuple[str, ...]     # the header's rows, top first (one or two)
    samples: tuple[str, ...]

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def title(self) -> str:
        """What the window shows: the header, or the column letter when it has none."""
        return self.header or f"（第{self.letter}列）"


@dataclass(frozen=True)
class HeaderLayout:
    """Where the header is (1-based sheet rows), where the data starts, and the columns that matter."""

    sheet: str
    header_rows: tuple[int, ...]
    data_start: int            # 1-based row of the first data row
    columns: tuple[SourceColumn, ...]
    guessed: bool = True       # False once the user has set the header row

    def column(self, index: int) -> SourceColumn:
        for c in self.columns:
            if c.index == index:
                return c
        raise KeyError(index)


def column_letter(index: int) -> str:
    """0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime) and cell.time() == datetime.time():
        return cell.date().isoformat()
    return clean_text(cell)


def _filled(row: Sequence[object]) -> list[int]:
    return [i for i, c in enumerate(row) if _text(c)]


def known_names(registers: Iterable[Register]) -> frozenset[str]:
    return frozenset(header_key(n) for r in registers for f in r.fields for n in header_names(f))


def _label_like(cell: object) -> bool:
    """Text that can be a column name: not a number, date, or code."""
    if not isinstance(cell, str):
        return False
    text = _text(cell)
    return bool(text) and len(text) <= 30 and not DATA_LIKE.match(text)


def header_score(row: Sequence[object], names: frozenset[str]) -> int:
    """How much a row looks like a header: known column names count most, other short labels a little."""
    filled = _filled(row)
    if len(filled) < 2:  # a title (merged across the sheet) or a note
        return 0
    known = sum(1 for i in filled if header_key(row[i]) in names)
    labels = sum(1 for i in filled if _label_like(row[i]))
    if labels * 2 < len(filled):
        return 0
    return known * 10 + labels


def _is_sub_header(upper: Sequence[object], lower: Sequence[object], names: frozenset[str]) -> bool:
    """The row below the header is its second row: only labels, at least one a column name, and it
    fills columns the upper row leaves blank (cells merged across a group) or names a known column."""
    filled = _filled(lower)
    if not filled or not all(_label_like(lower[i]) for i in filled):
        return False
    known = [i for i in filled if header_key(lower[i]) in names]
    under_blank = [i for i in filled if i >= len(upper) or not _text(upper[i])]
    under_group = [i for i in filled if i < len(upper) and _text(upper[i]) and header_key(upper[i]) not in names]
    return bool(known) and (bool(under_blank) or bool(under_group))


def guess_header(grid: Grid, sheet: str, registers: Sequence[Register]) -> HeaderLayout:
    """The most header-like of the first rows (ties: the upper one), with the row under it if that is a second one."""
    names = known_names(registers)
    best, best_score = None, 0
    for index, row in enumerate(grid[:SCAN_ROWS]):
        score = header_score(row, names)
        if score > best_score:
            best, best_score = index, score
    if best is None:
        raise KnownError(f"工作表“{sheet}”的前{SCAN_ROWS}行中找不到列名行，请手动指定列名所在的行。")
    rows = 1
    if best + 1 < len(grid) and _is_sub_header(grid[best], grid[best + 1], names):
        rows = 2
    return layout_at(grid, sheet, best + 1, rows, guessed=True)


def layout_at(grid: Grid, sheet: str, header_row: int, rows: int = 1, *, guessed: bool = False) -> HeaderLayout:
    """The layout with the header at 1-based `header_row` spanning `rows` rows (the user's correction).

    In a two-row header a group name merged over several columns (only its first cell holds the
    text) is carried over to each column under it that has a name of its own.
    """
    if not 1 <= header_row <= len(grid):
        raise KnownError(f"列名行应在第1至{len(grid)}行之间。")
    if rows not in (1, 2):
        raise KnownError("列名只能占一行或两行。")
    top = header_row - 1
    header = grid[top:top + rows]
    data = grid[top + rows:]
    width = max((len(r) for r in grid[top:]), default=0)
    upper = [_text(c) for c in header[0]] + [""] * width
    lower = ([_text(c) for c in header[1]] + [""] * width) if rows == 2 else None
    group = ""
    columns: list[SourceColumn] = []
    for index in range(width):
        parts: tuple[str, ...]
        if lower is None:
            parts = (upper[index],) if upper[index] else ()
        else:
            if upper[index]:
                group = upper[index] if lower[index] else ""
            elif not lower[index]:
                group = ""
            top_text = upper[index] or (group if lower[index] else "")
            parts = tuple(p for p in (top_text, lower[index]) if p)
        samples = tuple(_text(r[index]) for r in data[:50] if index < len(r) and _text(r[index]))[:SAMPLE_ROWS]
        if not parts and not any(index < len(r) and _text(r[index]) for r in data):
            continue  # a blank column (or the spare cells of a merged title)
        columns.append(SourceColumn(index, "·".join(parts), parts, samples))
    return HeaderLayout(sheet, tuple(range(header_row, header_row + rows)), header_row + rows, tuple(columns),
                        guessed=guessed)
