"""救助审批表: one relief on an A4 portrait form, with the three approvers' opinion boxes."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from app.printing.layout import (
    BOTTOM,
    CONTENT_TOP,
    LABEL_GREY,
    LEFT,
    PAD,
    RIGHT,
    WIDTH,
    Align,
    Block,
    Cell,
    Part,
    Sheet,
    band_block,
    draw_pages,
    label,
    paginate,
    row_block,
    value,
)
from app.progress import ProgressFn
from app.services.approval_data import OPINIONS, REASON, ApprovalData, Pair, sections

TITLE = "救助审批表"
C = (66.0, 86.0, 52.0, 64.0, 62.0, 70.0, 58.0, WIDTH - 458.0)   # label, value … ×4
ROW = 20.0
REASON_HEIGHT = 72.0
OPINION_HEIGHT = 92.0


def cells(row: Sequence[Pair]) -> list[Cell]:
    """A row of label/value pairs on the grid C."""
    found: list[Cell] = []
    column = 0
    for pair in row:
        found.append(label(pair.label, C[column]))
        width = sum(C[column + 1:column + 1 + pair.span])
        found.append(value(pair.value, width, Align.LEFT if pair.left else Align.CENTER))
        column += 1 + pair.span
    return found


def text_block(sheet: Sheet, title: str, text: str, height: float) -> Block:
    """A labelled box of free text (申请理由), wrapped and shrunk to fit."""

    def draw(y: float, part: Part) -> None:
        if part is not Part.VALUES:
            sheet.box(LEFT, y, C[0], height, fill=LABEL_GREY)
            sheet.text_box(LEFT, y, C[0], height, title, 10)
            sheet.box(LEFT + C[0], y, WIDTH - C[0], height)
        if part is not Part.GRID and text:
            size, wrapped = sheet.fit_lines(text, 10, WIDTH - C[0] - 2 * PAD, height - 2 * PAD)
            for i, line in enumerate(wrapped):
                sheet.text(LEFT + C[0] + 2 * PAD, y - PAD - size - i * size * 1.2, line, size)

    return Block(height, draw)


def opinion_block(sheet: Sheet, title: str) -> Block:
    """A full-width box for one approver: the opinion, 签字 and 日期 at its foot."""

    def draw(y: float, part: Part) -> None:
        if part is Part.VALUES:
            return
        bottom = y - OPINION_HEIGHT
        sheet.box(LEFT, y, C[0], OPINION_HEIGHT, fill=LABEL_GREY)
        shown = f"{title[:len(title) // 2]}\n{title[len(title) // 2:]}" if len(title) > 6 else title
        sheet.text_box(LEFT, y, C[0], OPINION_HEIGHT, shown, 10)
        sheet.box(LEFT + C[0], y, WIDTH - C[0], OPINION_HEIGHT)
        date = "日期：　　　年　　月　　日"
        sign = RIGHT - 3 * PAD - sheet.width(date, 10.5) - 190
        sheet.text(sign, bottom + 12, "签字：", 10.5)
        sheet.hline(sign + sheet.width("签字：", 10.5), sign + 150, bottom + 10, line=0.4, grey=0.35)
        sheet.text(RIGHT - 3 * PAD, bottom + 12, date, 10.5, align=Align.RIGHT)

    return Block(OPINION_HEIGHT, draw)


def title_block(sheet: Sheet, d: ApprovalData) -> Block:
    def draw(y: float, part: Part) -> None:
        sheet.title(y - 18, TITLE)
        sheet.text(LEFT, y - 40, f"救助类型：{d.relief_type}", 10)
        sheet.text(RIGHT, y - 40, "填表日期：　　　年　　月　　日", 10, align=Align.RIGHT)

    return Block(48, draw, keep_with_next=True)


def approval_blocks(sheet: Sheet, d: ApprovalData) -> list[Block]:
    blocks = [title_block(sheet, d)]
    numbers = "一二三四五六"
    found = sections(d)
    for number, section in zip(numbers, found, strict=False):
        blocks.append(band_block(sheet, f"{number}、{section.title}", gap=0 if number == "一" else 4))
        blocks += [row_block(sheet, cells(row), ROW) for row in section.rows]
    blocks += [band_block(sheet, f"{numbers[len(found)]}、申请理由及审批"),
               text_block(sheet, REASON, d.note, REASON_HEIGHT), *(opinion_block(sheet, title) for title in OPINIONS)]
    return blocks


def render(sheet: Sheet, forms: Sequence[ApprovalData], office: str, today: datetime.date,
           progress: ProgressFn) -> None:
    total = len(forms)
    for done, d in enumerate(forms):
        progress(done, total, f"正在生成第{done + 1}份")
        sheet.subject = d.name

        def frame(page: int, pages: int, part: Part, d: ApprovalData = d) -> None:
            sheet.running_header(office, f"记录编号：{d.relief_id}")
            sheet.footer(page, pages, left=f"打印日期：{today.isoformat()}", right=d.name)

        draw_pages(sheet, paginate(approval_blocks(sheet, d), top=CONTENT_TOP, bottom=BOTTOM + 16), frame)
