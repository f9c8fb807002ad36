"""信访接待登记表: one letter, call or visit on an A4 portrait form, with its four records (四有) and signatures."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from app.printing import values as v
from app.printing.layout import (
    BOTTOM,
    CONTENT_TOP,
    WIDTH,
    Align,
    Block,
    Part,
    Sheet,
    band_block,
    draw_pages,
    label,
    paginate,
    value,
)
from app.printing.reception_parts import (
    BOX_LABEL,
    Pair,
    cells,
    heading_block,
    record_box,
    rows_block,
    signature_block,
    text_area,
)
from app.progress import ProgressFn
from app.services.petitions import PetitionView
from app.validation import mask_phone
from app.vocab import PetitionStatus

TITLE = "信访接待登记表"
G = (64.0, 104.0, 60.0, 112.0, 60.0, WIDTH - 400.0)              # label, value × 3 across the page
R = (66.0, 98.0, 60.0, 96.0, 54.0, WIDTH - BOX_LABEL - 374.0)    # the same inside a record box
CONTENT_LINES = 12
PERSON = {"来信": "来信人", "来电": "来电人", "来访": "来访人"}
HANDED = "送达办理"


def petition_no(view: PetitionView) -> str:
    """How a contact is referred to on paper: 信访 2025-0012 (the year received and the record's number)."""
    return f"信访{view.received_at.year}-{view.id:04d}"


def status_text(view: PetitionView) -> str:
    """已办结, 办理中 or 已登记, and whether the time limit was or is being overrun."""
    text = str(view.status)
    if view.status is PetitionStatus.CLOSED and view.closed_on is not None and view.closed_on > view.due_on:
        return text + "（超期）"
    return text + "（已超期）" if view.overdue else text


def handed_notes(view: PetitionView) -> tuple[str, str]:
    """Who handed it on (the latest time) and every hand-on with its date and note, for the 送达办理 box."""
    handed = [e for e in view.events if e.action == HANDED]
    by = handed[-1].by_name if handed else ""
    return by, "；".join(f"{e.on_date.isoformat()} {e.note}" for e in handed)


def basic_rows(view: PetitionView) -> list[list[Pair]]:
    person = PERSON.get(view.channel, "来访人")
    return [
        [Pair("编号", petition_no(view)), Pair("接待时间", f"{view.received_at:%Y-%m-%d %H:%M}"),
         Pair("方式", view.channel)],
        [Pair(person, view.name), Pair("身份证号", view.id_number), Pair("联系电话", mask_phone(view.contact))],
        [Pair("工作单位", view.work_unit, 3, left=True), Pair("涉及人数", f"{view.workers} 人")],
        [Pair("类别", view.category), Pair("办理时限", f"{view.due_on.isoformat()}前"),
         Pair("办理状态", status_text(view))],
    ]


def record_blocks(sheet: Sheet, view: PetitionView) -> list[Block]:
    """接待登记, 送达办理, 办结, 帮扶档案: each a box, with room to write where the step is still to come."""
    handed_by, handed = handed_notes(view)
    rest = sum(R[1:])
    on_time = "" if view.closed_on is None else ("是" if view.closed_on <= view.due_on else "否（超期）")
    return [
        record_box(sheet, "接待登记", [cells(R, [Pair("登记人", view.registered_by),
                                                Pair("登记日期", v.day(view.received_at.date())),
                                                Pair("登记方式", view.channel)])], (26,)),
        record_box(sheet, HANDED, [
            cells(R, [Pair("送达部门（人）", view.handed_to, 3, left=True), Pair("送达日期", v.day(view.handed_on))]),
            [label("办理说明", R[0]), value(handed, sum(R[1:4]), Align.LEFT), label("经办人", R[4]),
             value(handed_by, R[5])],
        ], (24, 24 if handed else 34)),
        record_box(sheet, "办结", [
            [label("办理结果", R[0]), value(view.result, rest, Align.LEFT)],
            [label("答复情况", R[0]), value(view.reply, rest, Align.LEFT)],
            cells(R, [Pair("办结日期", v.day(view.closed_on)), Pair("办结人", view.closed_by),
                      Pair("是否按时", on_time)]),
        ], (24 if view.result else 40, 24 if view.reply else 34, 24)),
        record_box(sheet, "帮扶档案", [cells(R, [Pair("关联档案", view.file_no), Pair("关联案件", view.case_no, 3)])],
                   (26,)),
    ]


def petition_blocks(sheet: Sheet, view: PetitionView) -> list[Block]:
    again = band_block(sheet, "二、反映问题（续）")
    return [
        heading_block(sheet, TITLE, f"编号：{petition_no(view)}", f"接待日期：{view.received_at:%Y-%m-%d}"),
        band_block(sheet, "一、基本情况", gap=0),
        rows_block(sheet, [cells(G, row, who=view.name) for row in basic_rows(view)]),
        band_block(sheet, "二、反映问题"),
        *text_area(sheet, view.content, lines=CONTENT_LINES, again=again),
        band_block(sheet, "三、办理情况（接待登记、送达办理、办结、帮扶档案）"),
        *record_blocks(sheet, view),
        signature_block(sheet, ("接待人", "负责人")),
    ]


def render(sheet: Sheet, views: Sequence[PetitionView], office: str, today: datetime.date,
           progress: ProgressFn) -> None:
    total = len(views)
    for done, view in enumerate(views):
        progress(done, total, f"正在生成第{done + 1}份")
        sheet.subject = view.name

        def frame(page: int, pages: int, _part: Part, view: PetitionView = view) -> None:
            sheet.running_header(office, f"编号：{petition_no(view)}")
            sheet.footer(page, pages, left=f"打印日期：{today.isoformat()}", right=view.name)

        draw_pages(sheet, paginate(petition_blocks(sheet, view), top=CONTENT_TOP, bottom=BOTTOM + 16), frame)
