"""公示名单: the public-notice list, many households a page, with nothing private on it.

Name, work unit, category, main cause and notice period only: never an ID number, phone, income,
or anything about health (a main cause that would reveal an illness is printed as 不公开).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from app.printing import values as v
from app.printing.layout import (
    CONTENT_TOP,
    LEFT,
    PAGE_WIDTH,
    RIGHT,
    WIDTH,
    Align,
    Block,
    Part,
    Sheet,
    draw_pages,
    label,
    paginate,
    row_block,
    value,
)
from app.printing.source import masked_details
from app.progress import ProgressFn
from app.services.household_forms import HouseholdDetail

TITLE = "困难职工建档公示名单"
COLUMNS = (("序号", 32.0), ("姓名", 60.0), ("工作单位", 118.0), ("困难类别", 58.0), ("主要致困原因", 117.0),
           ("公示期", WIDTH - 385.0))
# Causes that would tell the public about someone's health are not shown on the notice.
PRIVATE_CAUSES = frozenset({"患重特大疾病", "无劳动能力"})
PRIVATE = "不公开"
ROW = 20.0
BODY = 10.5
LEADING = BODY * 1.75
GAP = 8.0


@dataclass(frozen=True)
class NoticeLine:
    """What may be shown publicly about one household, and nothing else."""

    name: str
    work_unit: str
    category: str
    main_cause: str
    period: str


def notice_line(d: HouseholdDetail) -> NoticeLine:
    f = d.form
    period = f"{v.day(d.notice_start)} 至 {v.day(d.notice_end)}" if d.notice_start and d.notice_end else ""
    cause = PRIVATE if f.main_cause in PRIVATE_CAUSES else v.text(f.main_cause)
    return NoticeLine(f.name, f.work_unit, v.text(f.category), cause, period)


def paragraph_block(sheet: Sheet, text: str, *, keep_with_next: bool = False) -> Block:
    """A paragraph of running text wrapped to the page width, first line indented two characters."""
    lines = sheet.wrap("　　" + text, BODY, WIDTH)

    def draw(y: float, _part: Part) -> None:
        for i, line in enumerate(lines):
            sheet.text(LEFT, y - GAP - BODY - i * LEADING, line, BODY, who="")

    return Block(GAP + len(lines) * LEADING, draw, keep_with_next=keep_with_next)


def heading_block(sheet: Sheet, office: str) -> Block:
    def draw(y: float, _part: Part) -> None:
        sheet.title(y - 20, TITLE, size=19)
        sheet.text(PAGE_WIDTH / 2, y - 42, office, 11, align=Align.CENTER, who="")

    return Block(56, draw, keep_with_next=True)


def closing_block(sheet: Sheet, office: str, today: datetime.date) -> Block:
    def draw(y: float, _part: Part) -> None:
        sheet.text(RIGHT - 20, y - 24, office, BODY, align=Align.RIGHT, who="")
        sheet.text(RIGHT - 20, y - 24 - LEADING, today.isoformat(), BODY, align=Align.RIGHT)

    return Block(24 + LEADING + 8, draw)


def line_blocks(sheet: Sheet, lines: Sequence[NoticeLine]) -> list[Block]:
    header = row_block(sheet, [label(t, w) for t, w in COLUMNS], ROW, 10)
    rows = []
    for number, line in enumerate(lines, start=1):
        texts = (str(number), line.name, line.work_unit, line.category, line.main_cause, line.period)
        cells = [value(t, w, Align.LEFT if i == 2 else Align.CENTER, who=line.name)
                 for i, (t, (_, w)) in enumerate(zip(texts, COLUMNS, strict=True))]
        block = row_block(sheet, cells, ROW, 10)
        rows.append(Block(ROW, block.draw, repeat=header))
    return [Block(header.height, header.draw, keep_with_next=True), *rows]


def introduction(count: int, lines: Sequence[NoticeLine]) -> str:
    periods = {line.period for line in lines}
    when = f"公示期为{next(iter(periods)).replace(' 至 ', '至')}。" if len(periods) == 1 and "" not in periods else ""
    return (f"根据困难职工帮扶工作有关规定，经职工本人申请、基层工会审核、入户调查，拟将以下{count}户职工家庭"
            f"认定为困难职工家庭，建立困难职工档案，现予以公示。{when}")


def render(sheet: Sheet, ids: Sequence[int], office: str, today: datetime.date, progress: ProgressFn) -> None:
    total = len(ids)
    lines: list[NoticeLine] = []
    for done, detail in enumerate(masked_details(ids)):
        progress(done, total, f"正在生成第{done + 1}户")
        line = notice_line(detail)
        if not line.period:
            sheet.add_warning(f"{line.name}：档案尚未开始公示（当前为“{detail.status}”），公示期一栏空白")
        lines.append(line)
    blocks = [
        heading_block(sheet, office),
        paragraph_block(sheet, introduction(len(lines), lines)),
        *line_blocks(sheet, lines),
        paragraph_block(sheet, f"公示期内，如对公示对象有异议，请以书面、电话或来访形式向{office}反映。"
                               "反映情况应实事求是，以单位名义反映的须加盖单位公章，以个人名义反映的须署本人真实姓名。",
                        keep_with_next=True),
        closing_block(sheet, office, today),
    ]

    def frame(page: int, pages: int, _part: Part) -> None:
        if page > 1:
            sheet.running_header(office, f"{TITLE}（续）")
        sheet.footer(page, pages)

    draw_pages(sheet, paginate(blocks, top=CONTENT_TOP), frame)
