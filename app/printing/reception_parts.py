"""Pieces shared by the reception and legal-aid prints: label/value rows, ruled text areas, record boxes, signatures."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from app.printing.layout import (
    LABEL_GREY,
    LEFT,
    PAD,
    RIGHT,
    RULE,
    WIDTH,
    Align,
    Block,
    Cell,
    Part,
    Sheet,
    label,
    value,
)

SIZE = 10.0
ROW = 20.0
LINE = 17.0               # a ruled writing line of a text area
MAX_ROW = 160.0           # a wrapped row never grows past this (its text shrinks instead)
LONG_CHUNK = 10           # lines of a long text per row, so that it can flow onto the next page
BOX_LABEL = 32.0          # the grey column on the left of a record box, its title set vertically
DATE_BLANK = "　　　　年　　月　　日"


@dataclass(frozen=True)
class Pair:
    """A label and its value spanning `span` value columns of a grid."""

    label: str
    value: str
    span: int = 1
    left: bool = False    # long text: aligned left


def cells(grid: Sequence[float], pairs: Sequence[Pair], who: str | None = None) -> list[Cell]:
    """A row of label/value pairs on a grid of label, value, label, value … widths."""
    found: list[Cell] = []
    column = 0
    for pair in pairs:
        found.append(label(pair.label, grid[column]))
        width = sum(grid[column + 1:column + 1 + pair.span])
        found.append(value(pair.value, width, Align.LEFT if pair.left else Align.CENTER, who=who))
        column += 1 + pair.span
    return found


def natural_height(sheet: Sheet, text: str, width: float, minimum: float = ROW, size: float = SIZE) -> float:
    """The height a cell of this width needs to show all of the text wrapped at `size`."""
    lines = len(sheet.wrap(text, size, width - 2 * PAD)) if text else 1
    return max(minimum, math.ceil(lines * size * 1.2 + 2 * PAD + 2))


def text_height(sheet: Sheet, text: str, width: float, minimum: float = ROW, size: float = SIZE) -> float:
    """natural_height, but at most MAX_ROW (a longer text is set smaller, then cut short)."""
    return min(MAX_ROW, natural_height(sheet, text, width, minimum, size))


def long_text_rows(sheet: Sheet, title: str, text: str, label_width: float) -> list[Block]:
    """A full-width label/value row for a text of any length: a row per few lines, free to flow onto the next
    page (the label on the first, 续 on the others), so nothing is cut short."""
    width = WIDTH - label_width
    lines = sheet.wrap(text, SIZE, width - 2 * PAD) if text else [""]
    chunks = [lines[i:i + LONG_CHUNK] for i in range(0, len(lines), LONG_CHUNK)]
    return [rows_block(sheet, [[label(title if n == 0 else f"{title}\n（续）", label_width),
                                value("\n".join(chunk), width, Align.LEFT)]]) for n, chunk in enumerate(chunks)]


def row_height(sheet: Sheet, row: Sequence[Cell], minimum: float = ROW, size: float = SIZE) -> float:
    """Tall enough for the longest value of the row."""
    return max((text_height(sheet, c.text, c.width, minimum, size) for c in row if not c.label), default=minimum)


def rows_block(sheet: Sheet, rows: Sequence[Sequence[Cell]], x: float = LEFT, minimum: float = ROW,
               size: float = SIZE) -> Block:
    """Ruled rows kept together, each as tall as its longest value needs."""
    heights = [row_height(sheet, row, minimum, size) for row in rows]

    def draw(y: float, _part: Part) -> None:
        for row, height in zip(rows, heights, strict=True):
            y = sheet.row(y, height, row, size, x=x)

    return Block(sum(heights), draw)


def table_blocks(sheet: Sheet, columns: Sequence[tuple[str, float]], rows: Sequence[Sequence[str]], again: Block,
                 *, left: Sequence[int] = (), right: Sequence[int] = (), totals: Sequence[str] | None = None,
                 total_labels: Sequence[int] = (0,), size: float = 9.5, row: float = ROW) -> list[Block]:
    """A ruled table: its header, a row each (at least `row` high), an optional 合计 row (grey in `total_labels`).

    On a new page the heading `again` (marked 续) and the header are drawn first. Columns listed
    in `left` (text) and `right` (figures) are aligned that way, the others centred.
    """
    header = Block(22, lambda y, part: sheet.row(y, 22, [label(t, w) for t, w in columns], size, part=part))

    def continued(y: float, part: Part) -> None:
        again.draw(y, part)
        header.draw(y - again.height, part)

    def align(index: int) -> Align:
        return Align.LEFT if index in left else Align.RIGHT if index in right else Align.CENTER

    repeat = Block(again.height + header.height, continued)
    blocks = [Block(header.height, header.draw, keep_with_next=True)]
    for texts in rows:
        line = [value(t, w, align(i)) for i, (t, (_, w)) in enumerate(zip(texts, columns, strict=True))]
        block = rows_block(sheet, [line], minimum=row, size=size)
        blocks.append(Block(block.height, block.draw, repeat=repeat))
    if totals is not None:
        line = [label(t, w) if i in total_labels else value(t, w, align(i))
                for i, (t, (_, w)) in enumerate(zip(totals, columns, strict=True))]
        block = rows_block(sheet, [line], minimum=row, size=size)
        blocks.append(Block(block.height, block.draw, repeat=repeat))
    return blocks


def box_title(title: str, height: float) -> str:
    """The title one character a line when the box is tall enough, else two a line (接待 / 登记)."""
    step = 1 if height >= len(title) * SIZE * 1.25 + 2 * PAD else 2
    return "\n".join(title[i:i + step] for i in range(0, len(title), step))


def record_box(sheet: Sheet, title: str, rows: Sequence[Sequence[Cell]], minima: Sequence[float] = ()) -> Block:
    """One of the 四有 records: a grey title column on the left, its rows of label/value pairs beside it.

    minima gives each row's least height (room to write by hand when the step is still to come).
    """
    heights = [row_height(sheet, row, minima[i] if i < len(minima) else ROW) for i, row in enumerate(rows)]
    total = sum(heights)
    for row in rows:
        for left, cell in itertools.pairwise(row):
            if not cell.label and natural_height(sheet, cell.text, cell.width) > MAX_ROW:
                sheet.add_warning(f"“{left.text}”文字过长，{title}一栏只印出能容纳的部分")

    def draw(y: float, _part: Part) -> None:
        sheet.box(LEFT, y, BOX_LABEL, total, fill=LABEL_GREY)
        sheet.text_box(LEFT, y, BOX_LABEL, total, box_title(title, total), SIZE)
        for row, height in zip(rows, heights, strict=True):
            y = sheet.row(y, height, row, SIZE, x=LEFT + BOX_LABEL)

    return Block(total, draw)


def text_area(sheet: Sheet, text: str, *, lines: int, again: Block | None = None, size: float = 10.5) -> list[Block]:
    """A full-width box of ruled lines holding text (at least `lines` lines, more when the text needs them).

    Each line is its own block, so a long text flows onto the next page, where `again` (a
    section heading marked 续) is drawn first.
    """
    wrapped = sheet.wrap(text, size, WIDTH - 4 * PAD) if text else []
    wrapped += [""] * max(0, lines - len(wrapped))
    blocks = []
    for index, line in enumerate(wrapped):
        last = index == len(wrapped) - 1

        def draw(y: float, _part: Part, line: str = line, last: bool = last) -> None:
            sheet.canvas.setLineWidth(RULE)
            sheet.canvas.setStrokeGray(0)
            sheet.canvas.line(LEFT, y, LEFT, y - LINE)
            sheet.canvas.line(RIGHT, y, RIGHT, y - LINE)
            if last:
                sheet.hline(LEFT, RIGHT, y - LINE)
            else:
                sheet.hline(LEFT + PAD, RIGHT - PAD, y - LINE, line=0.3, grey=0.6)
            sheet.text(LEFT + 2 * PAD, y - LINE + 4.5, line, size)

        blocks.append(Block(LINE, draw, repeat=again))
    return blocks


def signature_block(sheet: Sheet, signers: Sequence[str], *, gap: float = 30.0, keep_with_next: bool = False) -> Block:
    """签字 lines side by side, each with its date under it."""
    slot = WIDTH / len(signers)

    def draw(y: float, _part: Part) -> None:
        base = y - gap
        for i, who in enumerate(signers):
            x = LEFT + i * slot
            caption = f"{who}（签字）："
            sheet.text(x, base, caption, 10.5)
            sheet.hline(x + sheet.width(caption, 10.5), x + slot - 12, base - 2, line=0.4, grey=0.35)
            sheet.text(x, base - 22, f"日期：{DATE_BLANK}", 9.5)

    return Block(gap + 30, draw, keep_with_next=keep_with_next)


def office_block(sheet: Sheet, office: str, day: str) -> Block:
    """The office's name and a date at the foot on the right, where its seal goes."""

    def draw(y: float, _part: Part) -> None:
        sheet.text(RIGHT - 16, y - 16, f"{office}（盖章）", 10.5, align=Align.RIGHT, who="")
        sheet.text(RIGHT - 16, y - 33, day, 10.5, align=Align.RIGHT)

    return Block(38, draw)


def heading_block(sheet: Sheet, title: str, left: str, right: str) -> Block:
    """The form's title and a line under it with a reference on each side."""

    def draw(y: float, _part: Part) -> None:
        sheet.title(y - 18, title)
        sheet.text(LEFT, y - 40, left, 10)
        sheet.text(RIGHT, y - 40, right, 10, align=Align.RIGHT)

    return Block(48, draw, keep_with_next=True)
