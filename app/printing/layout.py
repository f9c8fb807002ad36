"""Drawing helpers shared by the printed forms: page frame, ruled tables, fitted text, flowing blocks."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.paths import APP_TITLE
from app.printing.fonts import FontSet, draw_string, font_set

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * MM
LEFT = MARGIN
RIGHT = PAGE_WIDTH - MARGIN
TOP = PAGE_HEIGHT - MARGIN
BOTTOM = MARGIN
WIDTH = RIGHT - LEFT
CONTENT_TOP = TOP - 18          # below the running header
CONTENT_BOTTOM = BOTTOM + 16    # above the footer

LABEL_GREY = 0.89
BAND_GREY = 0.80
RULE = 0.5
PAD = 3.0
MIN_SIZE = 6.5
ELLIPSIS = "…"
SHRINK = 0.85  # a line this much too wide is set smaller rather than wrapped
CLOSING_PUNCTUATION = set("，。、；：！？）》」』”’,.;:!?)")


class Part(StrEnum):
    """What a drawing pass draws: the ruled grid with its labels, the filled-in values, or both."""

    ALL = "all"
    GRID = "grid"
    VALUES = "values"


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Cell:
    """One cell of a ruled row: a grey label or a value, its width in points."""

    text: str
    width: float
    label: bool = False
    align: Align = Align.CENTER
    who: str | None = None


def label(text: str, width: float) -> Cell:
    return Cell(text, width, label=True)


def value(text: str, width: float, align: Align = Align.CENTER, who: str | None = None) -> Cell:
    return Cell(text, width, align=align, who=who)


class Sheet:
    """An A4 PDF being drawn: text with font fallback, cells that never overflow, and the warnings."""

    def __init__(self, path: Path, *, title: str, office: str, fonts: FontSet | None = None) -> None:
        self.fonts = fonts or font_set()
        # Compressed streams stay binary: ASCII85 on top adds a quarter to the size and to the time.
        rl_config.useA85 = 0
        # The canvas starts in our font: its default Helvetica would be listed in the PDF, not embedded.
        self.canvas = Canvas(str(path), pagesize=A4, initialFontName=self.fonts.primary.name, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setSubject(title)
        self.canvas.setAuthor(office)
        self.canvas.setCreator(APP_TITLE)
        self.subject = ""  # whose file is being drawn: a warning names this person
        self.pages = 0
        self._warnings: dict[str, None] = {}
        self._templates: set[str] = set()

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(self._warnings)

    def add_warning(self, message: str) -> None:
        self._warnings[message] = None

    def note_missing(self, text: str, who: str | None = None) -> None:
        """Remember characters of text that no font can print, naming the person it belongs to."""
        missing = self.fonts.missing(text)
        if not missing:
            return
        person = self.subject if who is None else who
        message = (f"{person}：“{missing}”没有字体可以打印" if person
                   else f"“{text}”中的“{missing}”没有字体可以打印")
        self._warnings[message] = None

    def width(self, text: str, size: float) -> float:
        return self.fonts.width(text, size)

    def text(self, x: float, y: float, text: str, size: float, *, align: Align = Align.LEFT,
             bold: bool = False, who: str | None = None, grey: float = 0.0, char_space: float = 0.0) -> None:
        """Draw one line with its baseline at y; x is the left, centre or right edge per align."""
        if not text:
            return
        self.note_missing(text, who)
        if align is not Align.LEFT:
            width = self.width(text, size) + char_space * (len(text) - 1)
            x -= width / 2 if align is Align.CENTER else width
        canvas = self.canvas
        if grey:
            canvas.setFillGray(grey)
        if bold:  # only the Regular weight is bundled: fill and stroke the outline instead
            canvas.setStrokeGray(grey)
            canvas.setLineWidth(size * 0.035)
        draw_string(canvas, self.fonts, x, y, text, size, mode=2 if bold else None, char_space=char_space)
        if grey:
            canvas.setFillGray(0)

    def fit(self, text: str, size: float, max_width: float) -> str:
        """The text, cut short with an ellipsis if it is wider than max_width."""
        if self.width(text, size) <= max_width:
            return text
        room = max_width - self.width(ELLIPSIS, size)
        kept = ""
        for char in text:
            if self.width(kept + char, size) > room:
                break
            kept += char
        return kept.rstrip() + ELLIPSIS

    def wrap(self, text: str, size: float, max_width: float) -> list[str]:
        """Break text into lines no wider than max_width (any character may start a line, CJK style)."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            if self.width(paragraph, size) <= max_width:
                lines.append(paragraph)
                continue
            line, used = "", 0.0
            for char in paragraph:
                char_width = self.width(char, size)
                if line and used + char_width > max_width and char not in CLOSING_PUNCTUATION:
                    lines.append(line)
                    line, used = "", 0.0
                line += char
                used += char_width
            lines.append(line)
        return lines

    def fit_lines(self, text: str, size: float, width: float, height: float) -> tuple[float, list[str]]:
        """Font size and lines that fit the box: shrink a little, else wrap, then shrink, then cut short."""
        inner = width - 2 * PAD
        one_line = self.width(text, size)
        if "\n" not in text and one_line > inner and one_line * SHRINK <= inner:
            return max(MIN_SIZE, size * inner / one_line * 0.99), [text]
        current = size
        while True:
            leading = current * 1.2
            room = max(1, math.floor((height - 2) / leading))
            lines = self.wrap(text, current, inner)
            if len(lines) <= room:
                return current, lines
            if current <= MIN_SIZE:
                kept = lines[:room]
                kept[-1] = self.fit(kept[-1] + ELLIPSIS, current, inner)
                return current, kept
            current = max(MIN_SIZE, current - 0.5)

    def text_box(self, x: float, y_top: float, width: float, height: float, text: str, size: float, *,
                 align: Align = Align.CENTER, who: str | None = None) -> None:
        """Text fitted into a box and centred vertically; never drawn outside it."""
        if not text:
            return
        size, lines = self.fit_lines(text, size, width, height)
        leading = size * 1.2
        middle = y_top - height / 2 + (len(lines) - 1) * leading / 2
        anchor = {Align.LEFT: x + PAD, Align.CENTER: x + width / 2, Align.RIGHT: x + width - PAD}[align]
        for i, line in enumerate(lines):
            self.text(anchor, middle - i * leading - 0.36 * size, line, size, align=align, who=who)

    def box(self, x: float, y_top: float, width: float, height: float, *, fill: float | None = None,
            line: float = RULE) -> None:
        canvas = self.canvas
        canvas.setLineWidth(line)
        canvas.setStrokeGray(0)
        if fill is not None:
            canvas.setFillGray(fill)
        canvas.rect(x, y_top - height, width, height, stroke=1, fill=1 if fill is not None else 0)
        if fill is not None:
            canvas.setFillGray(0)

    def hline(self, x1: float, x2: float, y: float, line: float = RULE, grey: float = 0.0) -> None:
        self.canvas.setLineWidth(line)
        self.canvas.setStrokeGray(grey)
        self.canvas.line(x1, y, x2, y)
        self.canvas.setStrokeGray(0)

    def row(self, y_top: float, height: float, cells: Sequence[Cell], size: float = 10,
            x: float = LEFT, part: Part = Part.ALL) -> float:
        """A ruled row of cells from x; returns the y of its bottom edge.

        part=GRID draws the boxes and labels only, part=VALUES the values only (see template()).
        """
        for cell in cells:
            if part is not Part.VALUES:
                self.box(x, y_top, cell.width, height, fill=LABEL_GREY if cell.label else None)
            if part is Part.ALL or (part is Part.GRID) == cell.label:
                self.text_box(x, y_top, cell.width, height, cell.text, size, align=cell.align, who=cell.who)
            x += cell.width
        return y_top - height

    def band(self, y_top: float, title: str, height: float = 16, size: float = 10.5) -> float:
        """A full-width grey section heading such as 一、基本情况; returns its bottom."""
        self.box(LEFT, y_top, WIDTH, height, fill=BAND_GREY)
        self.text(LEFT + 2 * PAD, y_top - height / 2 - 0.36 * size, title, size, bold=True)
        return y_top - height

    def ruled_lines(self, y_top: float, count: int, spacing: float, x1: float = LEFT,
                    x2: float = RIGHT) -> float:
        """Lines to write on (the visitor's notes); returns the y of the last one."""
        y = y_top
        for _ in range(count):
            y -= spacing
            self.hline(x1, x2, y, line=0.4, grey=0.35)
        return y

    def title(self, y: float, text: str, size: float = 18) -> None:
        """The form's centred title, faux bold; a short one letter-spaced like 困 难 职 工 档 案 表."""
        spacing = size * 0.3 if len(text) <= 8 else 0.0
        self.text(PAGE_WIDTH / 2, y, text, size, align=Align.CENTER, bold=True, who="", char_space=spacing)

    def running_header(self, office: str, right: str = "") -> None:
        """Office name at the top left, a reference at the top right, a thin rule under them."""
        y = TOP - 9
        self.text(LEFT, y, office, 9, grey=0.25, who="")
        if right:
            self.text(RIGHT, y, right, 9, align=Align.RIGHT, grey=0.25)
        self.hline(LEFT, RIGHT, TOP - 13, line=0.4, grey=0.5)

    def footer(self, page: int, pages: int, left: str = "", right: str = "") -> None:
        """第 N 页 共 M 页 in the middle, optional notes at either side."""
        y = BOTTOM + 2
        self.text(PAGE_WIDTH / 2, y, f"第 {page} 页 共 {pages} 页", 8.5, align=Align.CENTER, grey=0.25)
        if left:
            self.text(LEFT, y, left, 8.5, grey=0.25)
        if right:
            self.text(RIGHT, y, right, 8.5, align=Align.RIGHT, grey=0.25)

    def template(self, name: str, draw: Callable[[], object]) -> None:
        """Draw what is the same on many pages once, as a PDF form, and place it on this page.

        A batch of 650 home-visit forms then repeats one grid instead of drawing it 650 times:
        about twice as fast and a third of the file size.
        """
        if name not in self._templates:
            self.canvas.beginForm(name)
            draw()
            self.canvas.endForm()
            self._templates.add(name)
        self.canvas.doForm(name)

    def end_page(self) -> None:
        self.canvas.showPage()
        self.pages += 1

    def save(self) -> None:
        self.canvas.save()


@dataclass(frozen=True)
class Block:
    """A piece of a flowing form with a fixed height, drawn with its top edge at y (all or one Part)."""

    height: float
    draw: Callable[[float, Part], object]
    repeat: Block | None = None     # drawn first when this block opens a page (a table's header)
    keep_with_next: bool = False    # never leave this block alone at the foot of a page


Page = list[tuple[Block, float]]
Frame = Callable[[int, int, Part], None]


def paginate(blocks: Sequence[Block], top: float = CONTENT_TOP, bottom: float = CONTENT_BOTTOM) -> list[Page]:
    """Place blocks top to bottom, starting a new page when the next one (and its group) would not fit."""
    pages: list[Page] = [[]]
    y = top
    for i, block in enumerate(blocks):
        need, j = block.height, i
        while blocks[j].keep_with_next and j + 1 < len(blocks):
            j += 1
            need += blocks[j].height
        if y - need < bottom and pages[-1]:
            pages.append([])
            y = top
            if block.repeat is not None:
                pages[-1].append((block.repeat, y))
                y -= block.repeat.height
        pages[-1].append((block, y))
        y -= block.height
    return pages


def draw_pages(sheet: Sheet, pages: Sequence[Page], frame: Frame, template: str | None = None) -> None:
    """Draw placed blocks page by page; frame(page, pages, part) adds the running header and footer.

    With a template name the grid of each page is drawn once per document and reused (see
    Sheet.template): pass one only when every document with that name has the same grid.
    """
    count = len(pages)
    for number, placed in enumerate(pages, start=1):

        def grid(number: int = number, placed: Page = placed) -> None:
            frame(number, count, Part.GRID)
            for block, y in placed:
                block.draw(y, Part.GRID)

        part = Part.ALL
        if template is not None:
            sheet.template(f"{template}P{number}of{count}", grid)
            part = Part.VALUES
        frame(number, count, part)
        for block, y in placed:
            block.draw(y, part)
        sheet.end_page()


def row_block(sheet: Sheet, cells: Sequence[Cell], height: float = 20, size: float = 10) -> Block:
    """A ruled row as a block of a flowing form."""
    return Block(height, lambda y, part: sheet.row(y, height, cells, size, part=part))


def band_block(sheet: Sheet, title: str, gap: float = 4, height: float = 15) -> Block:
    """A section heading (with a little space above it) that always stays with what follows."""

    def draw(y: float, part: Part) -> None:
        if part is not Part.VALUES:
            sheet.band(y - gap, title, height)

    return Block(height + gap, draw, keep_with_next=True)
