"""办结报告: how one contact (信访) or one legal-aid case was handled and closed, on A4 portrait, for signing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.money import capitals, figures
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
    row_block,
    value,
)
from app.printing.petition_form import petition_no
from app.printing.reception_parts import (
    DATE_BLANK,
    Pair,
    cells,
    heading_block,
    long_text_rows,
    office_block,
    rows_block,
    signature_block,
    table_blocks,
)
from app.progress import ProgressFn
from app.services.legal_cases import LegalCaseView
from app.services.petitions import PetitionView
from app.validation import mask_phone

PETITION_TITLE = "信访事项办结报告"
CASE_TITLE = "法律援助案件办结报告"
G = (72.0, 100.0, 64.0, 100.0, 64.0, WIDTH - 400.0)             # label, value × 3
STEPS = (("日期", 72.0), ("环节", 64.0), ("办理情况", WIDTH - 200.0), ("经办人", 64.0))
APPLICANTS = (("序号", 36.0), ("姓名", 100.0), ("身份证号", 150.0), ("请求金额(元)", 112.0),
              ("追回金额(元)", WIDTH - 398.0))
SIGNERS = ("承办人", "审核人", "负责人")
NUMBERS = "一二三四五六"
STEP_NOTE = 60     # characters of the result repeated on the timeline's closing step


@dataclass(frozen=True)
class Report:
    """What a closing report prints: its title, reference and sections, whatever it is about."""

    title: str
    reference: str
    closed_on: datetime.date | None
    subject: str
    matter: list[list[Pair]]
    applicants: list[list[str]] | None   # a case's applicants table (None for a contact)
    applicants_note: str
    applicant_totals: list[str] | None  # 合计: how many named, the known amounts added up
    steps: list[tuple[str, str, str, str]]
    result: list[list[Pair]]
    amount: Decimal | None               # money recovered, printed in figures and in capitals


def amount_pairs(amount: Decimal) -> list[Pair]:
    return [Pair("追回金额", f"{figures(amount)} 元"), Pair("大写", f"人民币{capitals(amount)}", 3, left=True)]


def petition_report(view: PetitionView, case: LegalCaseView | None) -> Report:
    """A contact's report; when it led to a legal case, that case's outcome and money are part of the result."""
    result = [[Pair("办理结果", view.result, 5, left=True)], [Pair("答复情况", view.reply, 5, left=True)],
              [Pair("办结日期", v.day(view.closed_on)), Pair("办结人", view.closed_by),
               Pair("是否按时", "是" if view.closed_on and view.closed_on <= view.due_on else "否（超期）")],
              [Pair("关联档案", view.file_no), Pair("关联案件", view.case_no, 3)]]
    amount = None
    if case is not None and case.closed_on is not None:
        result.insert(2, [Pair("案件结果", f"{case.case_no}：{case.outcome}（{case.closed_on.isoformat()}结案）", 5,
                               left=True)])
        amount = case.amount_recovered
    matter = [
        [Pair("来访人" if view.channel == "来访" else f"{view.channel}人", view.name),
         Pair("身份证号", view.id_number), Pair("联系电话", mask_phone(view.contact))],
        [Pair("方式", view.channel), Pair("接待时间", f"{view.received_at:%Y-%m-%d %H:%M}"),
         Pair("类别", view.category)],
        [Pair("工作单位", view.work_unit, 3, left=True), Pair("涉及人数", f"{view.workers} 人")],
        [Pair("反映问题", view.content, 5, left=True)],
    ]
    steps = [(e.on_date.isoformat(), e.action, step_note(e.note, view.result), e.by_name) for e in view.events]
    return Report(PETITION_TITLE, f"编号：{petition_no(view)}", view.closed_on, view.name, matter, None, "", None,
                  steps, result, amount)


def case_report(case: LegalCaseView) -> Report:
    """A case's report: the parties, every named worker with their amounts, the dated stages, the outcome."""
    named = len(case.applicants)
    unnamed = case.workers_involved - named
    matter = [
        [Pair("案件编号", case.case_no), Pair("受理日期", case.accepted_on.isoformat()),
         Pair("结案日期", v.day(case.closed_on))],
        [Pair("被申请单位", case.respondent, 3, left=True), Pair("案由", case.cause)],
        [Pair("处理方式", case.handling), Pair("联合执法单位", case.partner or "—"),
         Pair("承办律师", case.lawyer or "—")],
        [Pair("涉及职工", f"{case.workers_involved} 人"), Pair("列名申请人", f"{named} 人"),
         Pair("请求金额", v.money(case.amount_claimed))],
    ]
    if case.note:
        matter.append([Pair("备注", case.note, 5, left=True)])
    rows = [[str(n), a.name, a.id_number, _amount(a.amount_claimed), _amount(a.amount_recovered)]
            for n, a in enumerate(case.applicants, 1)]
    note = f"涉及职工 {case.workers_involved} 人，列名申请人 {named} 人"
    if unnamed > 0:
        note += f"，另有 {unnamed} 人未列名"
    steps = [(s.on_date.isoformat(), s.stage, step_note(s.note, case.outcome), s.by_name) for s in case.stages]
    result = [[Pair("处理结果", case.outcome, 5, left=True)]]
    totals = ["合计", f"{named} 人", "", _known(a.amount_claimed for a in case.applicants),
              _known(a.amount_recovered for a in case.applicants)]
    return Report(CASE_TITLE, f"案件编号：{case.case_no}", case.closed_on, case.case_no, matter, rows, note, totals,
                  steps, result, case.amount_recovered)


def _amount(amount: Decimal | None) -> str:
    return "" if amount is None else figures(amount)


def _known(amounts: Iterable[Decimal | None]) -> str:
    """The sum of the amounts that are known (blank when none is)."""
    known = [a for a in amounts if a is not None]
    return figures(sum(known, Decimal("0.00"))) if known else ""


def step_note(note: str, result: str) -> str:
    """A step's note for the timeline; the closing step repeats the result, so a long one is only begun."""
    if note == result and len(note) > STEP_NOTE:
        return note[:STEP_NOTE - 20] + "……（全文见办理结果）"
    return note


def pair_blocks(sheet: Sheet, rows: Sequence[Sequence[Pair]], who: str) -> list[Block]:
    """Rows of label/value pairs; a row that is one long text across the page may run on over several rows."""
    blocks = []
    for row in rows:
        if len(row) == 1 and row[0].span == len(G) - 1:
            blocks += long_text_rows(sheet, row[0].label, row[0].value, G[0])
        else:
            blocks.append(rows_block(sheet, [cells(G, row, who=who)]))
    return blocks


def report_blocks(sheet: Sheet, report: Report, office: str) -> list[Block]:
    closed = f"办结日期：{v.day(report.closed_on)}"
    blocks = [heading_block(sheet, report.title, report.reference, closed)]
    sections = iter(NUMBERS)
    blocks += [band_block(sheet, f"{next(sections)}、基本情况", gap=0), *pair_blocks(sheet, report.matter,
                                                                                   report.subject)]
    if report.applicants is not None:
        number = next(sections)
        again = band_block(sheet, f"{number}、申请人（续）")
        blocks += [band_block(sheet, f"{number}、申请人"),
                   *table_blocks(sheet, APPLICANTS, report.applicants, again, right=(3, 4),
                                 totals=report.applicant_totals),
                   row_block(sheet, [label("说明", G[0]), value(report.applicants_note, WIDTH - G[0], Align.LEFT)])]
    number = next(sections)
    again = band_block(sheet, f"{number}、办理经过（续）")
    blocks += [band_block(sheet, f"{number}、办理经过"), *table_blocks(sheet, STEPS, report.steps, again, left=(2,))]
    result = [*report.result, *([amount_pairs(report.amount)] if report.amount is not None else [])]
    blocks += [band_block(sheet, f"{next(sections)}、办理结果"), *pair_blocks(sheet, result, report.subject),
               signature_block(sheet, SIGNERS, keep_with_next=True), office_block(sheet, office, DATE_BLANK)]
    return blocks


def render(sheet: Sheet, reports: Sequence[Report], office: str, today: datetime.date, progress: ProgressFn) -> None:
    total = len(reports)
    for done, report in enumerate(reports):
        progress(done, total, f"正在生成第{done + 1}份")
        sheet.subject = report.subject

        def frame(page: int, pages: int, _part: Part, report: Report = report) -> None:
            sheet.running_header(office, report.reference)
            sheet.footer(page, pages, left=f"打印日期：{today.isoformat()}", right=report.subject)

        draw_pages(sheet, paginate(report_blocks(sheet, report, office), top=CONTENT_TOP, bottom=BOTTOM + 16), frame)
