"""培训签到表: a session's trainees, one ruled row each, with a blank sign-in column per training day.

Up to five days fit on A4 portrait, up to ten on landscape; a longer session is printed as several sheets
of at most ten days (第1—7天, 第8—14天), each with every trainee. Each page repeats the title and the header
row and is numbered; the last page of a sheet has a 实到人数 row and the signature line. ID numbers are masked.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape, portrait

from app.printing.layout import MARGIN, Align, Cell, Sheet, label, value
from app.progress import ProgressFn
from app.services.training import SessionView, TraineeView

TITLE = "培训签到表"
PORTRAIT_DAYS = 5
MAX_DAYS = 10                 # day columns on one sheet
FIXED = (("序号", 28.0), ("姓名", 64.0), ("性别", 28.0), ("身份证号", 112.0), ("类别", 54.0))
HEADER = 30.0
ROW = 24.0                    # room to sign: 8.5 mm
SIZE = 10.0
FOOTER = 18.0
CLOSING = ROW + 40.0          # the 实到人数 row and the signature line under the table
SIGNERS = ("负责人（签字）：", "经办人（签字）：")


@dataclass(frozen=True)
class Geometry:
    """One orientation's page and where the table goes."""

    width: float
    height: float

    @property
    def inner(self) -> float:
        return self.width - 2 * MARGIN

    @property
    def table_top(self) -> float:
        return self.height - MARGIN - 52

    @property
    def bottom(self) -> float:
        return MARGIN + FOOTER

    @property
    def rows_per_page(self) -> int:
        return int((self.table_top - HEADER - self.bottom) // ROW)


def sheet_title(session: str) -> str:
    """2025年第一期电焊培训班签到表 (not …培训班培训签到表)."""
    return f"{session}{'签到表' if session.endswith(('班', '培训')) else TITLE}"


def day_groups(start: datetime.date, end: datetime.date) -> list[list[tuple[int, datetime.date]]]:
    """(day number, date) of every training day, split evenly into sheets of at most MAX_DAYS."""
    days = [(n + 1, start + datetime.timedelta(days=n)) for n in range((end - start).days + 1)]
    sheets = math.ceil(len(days) / MAX_DAYS)
    size = math.ceil(len(days) / sheets)
    return [days[i:i + size] for i in range(0, len(days), size)]


def page_slices(count: int, per_page: int) -> list[range]:
    """Rows of each page; the last page keeps room for the closing rows (and holds at least one trainee)."""
    room = per_page - math.ceil(CLOSING / ROW)
    slices: list[range] = []
    start = 0
    while count - start > room:
        take = min(per_page, count - start - 1)
        slices.append(range(start, start + take))
        start += take
    slices.append(range(start, count))
    return slices


class SignInPages:
    """Draws the pages of one session's sign-in sheets."""

    def __init__(self, sheet: Sheet, session: SessionView, trainees: Sequence[TraineeView], office: str,
                 today: datetime.date) -> None:
        self.sheet, self.session, self.trainees = sheet, session, trainees
        self.office, self.today = office, today
        self.groups = day_groups(session.start_date, session.end_date)
        widest = max(len(g) for g in self.groups)
        size = portrait(A4) if widest <= PORTRAIT_DAYS else landscape(A4)
        self.geometry = Geometry(*size)
        fixed = sum(w for _, w in FIXED)
        self.day_width = (self.geometry.inner - fixed) / widest
        self.slices = page_slices(len(trainees), self.geometry.rows_per_page)
        self.pages = len(self.slices) * len(self.groups)

    def columns(self, days: Sequence[tuple[int, datetime.date]]) -> list[tuple[str, float]]:
        spare = self.geometry.inner - sum(w for _, w in FIXED) - self.day_width * len(days)
        first = [(name, width + (spare if name == "身份证号" else 0.0)) for name, width in FIXED]
        return first + [(f"第{n}天\n{d.month}月{d.day}日", self.day_width) for n, d in days]

    def heading(self, days: Sequence[tuple[int, datetime.date]]) -> None:
        sheet, s, g = self.sheet, self.session, self.geometry
        title = sheet_title(s.name)
        if len(self.groups) > 1:
            title += f"（第{days[0][0]}—{days[-1][0]}天）"
        top = g.height - MARGIN
        sheet.text(g.width / 2, top - 16, sheet.fit(title, 16, g.inner), 16, align=Align.CENTER, bold=True, who="")
        info = f"培训日期：{s.start_date.isoformat()} 至 {s.end_date.isoformat()}（共{s.days}天）"
        if s.place:
            info += f"　培训地点：{s.place}"
        if s.organiser:
            info += f"　主办单位：{s.organiser}"
        sheet.text(g.width / 2, top - 36, sheet.fit(info, 9.5, g.inner), 9.5, align=Align.CENTER, who="")

    def footer(self, page: int) -> None:
        sheet, g = self.sheet, self.geometry
        y = MARGIN + 2
        sheet.text(g.width / 2, y, f"第 {page} 页 共 {self.pages} 页", 8.5, align=Align.CENTER, grey=0.25)
        sheet.text(MARGIN, y, f"{self.office}　打印日期：{self.today.isoformat()}", 8.5, grey=0.25, who="")
        sheet.text(g.width - MARGIN, y, "身份证号已隐去中间位", 8.5, align=Align.RIGHT, grey=0.25)

    def page(self, days: Sequence[tuple[int, datetime.date]], rows: range, number: int, last: bool) -> None:
        sheet, g = self.sheet, self.geometry
        columns = self.columns(days)
        self.heading(days)
        y = sheet.row(g.table_top, HEADER, [label(text, width) for text, width in columns], size=9.5, x=MARGIN)
        for index in rows:
            t = self.trainees[index]
            texts = (str(index + 1), t.name, t.sex, t.id_number, t.group)
            cells: list[Cell] = [value(text, width, who=t.name if i == 1 else None)
                                 for i, (text, (_, width)) in enumerate(zip(texts, columns, strict=False))]
            cells += [value("", width) for _, width in columns[len(FIXED):]]
            y = sheet.row(y, ROW, cells, size=SIZE, x=MARGIN)
        if last:
            spanned = sum(w for _, w in columns[:len(FIXED)])
            cells = [label(f"实到人数（应到 {len(self.trainees)} 人）", spanned)]
            cells += [value("", width) for _, width in columns[len(FIXED):]]
            y = sheet.row(y, ROW, cells, size=SIZE, x=MARGIN)
            self.signature_line(y - 28)
        self.footer(number)
        sheet.end_page()

    def signature_line(self, y: float) -> None:
        sheet, g = self.sheet, self.geometry
        slot = g.inner / (len(SIGNERS) + 1)
        for i, who in enumerate(SIGNERS):
            x = MARGIN + i * slot
            sheet.text(x, y, who, 10.5)
            sheet.hline(x + sheet.width(who, 10.5), x + slot - 20, y - 2)
        sheet.text(MARGIN + len(SIGNERS) * slot, y, "日期：　　　　年　　　月　　　日", 10.5)


def render(sheet: Sheet, session: SessionView, trainees: Sequence[TraineeView], office: str, today: datetime.date,
           progress: ProgressFn) -> None:
    """Every page of the session's sign-in sheets, one run of pages per group of days."""
    pages = SignInPages(sheet, session, trainees, office, today)
    sheet.canvas.setPageSize((pages.geometry.width, pages.geometry.height))
    number = 0
    for days in pages.groups:
        for i, rows in enumerate(pages.slices):
            number += 1
            progress(number - 1, pages.pages, f"正在生成第{number}页")
            pages.page(days, rows, number, last=i == len(pages.slices) - 1)
