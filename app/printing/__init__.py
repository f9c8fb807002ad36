"""Printed forms (PDF, A4): 入户调查表, 档案表, 公示名单, 发放花名册 and 救助审批表, for a selection or a batch."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app import clock, session
from app.errors import KnownError
from app.files import atomic_output, explain_os_error
from app.printing import approval, file_form, home_visit, notice, roster
from app.printing.layout import Sheet
from app.progress import ProgressFn, no_progress
from app.services import audit, settings
from app.services.approval_data import read_approvals
from app.services.audit import AuditAction
from app.services.household_search import OPEN, HouseholdQuery, Queue, search_ids
from app.services.roster_data import read_roster
from app.session import Permission
from app.vocab import FileStatus

Render = Callable[[Sheet, Sequence[int], str, datetime.date, ProgressFn], None]


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    warnings: tuple[str, ...]   # e.g. '王𪚥：“𪚥”没有字体可以打印'


@dataclass(frozen=True)
class FormKind:
    title: str
    default: HouseholdQuery     # the batch printed when no ids are given
    nothing: str                # the message when that batch is empty
    render: Render


FORMS: dict[str, FormKind] = {
    "home-visit": FormKind(home_visit.TITLE, HouseholdQuery(queue=Queue.SURVEY_DUE, sort="file_no"),
                           "没有待入户调查的档案，无需打印。", home_visit.render),
    "file-form": FormKind(file_form.TITLE, HouseholdQuery(status=OPEN, sort="file_no"),
                          "没有在办的档案，无需打印档案表。", file_form.render),
    "notice": FormKind(notice.TITLE, HouseholdQuery(status=str(FileStatus.ON_NOTICE), sort="file_no"),
                       "没有正在公示的档案，无需打印公示名单。", notice.render),
}


def print_forms(form: str, out: Path, *, ids: Sequence[int] | None = None,
                progress: ProgressFn = no_progress) -> PrintResult:
    """Write one form for the given files (in that order), or for the usual batch when ids is None.

    progress(done, total, message) is called per household and may raise Cancelled: then no file
    is written and an existing file at `out` is left as it was.
    """
    session.require(Permission.PRINT)
    kind = FORMS.get(form)
    if kind is None:
        raise KnownError(f"没有“{form}”这种表格，可选：{'、'.join(FORMS)}。")
    if ids is None:
        selected = search_ids(kind.default)
        if not selected:
            raise KnownError(kind.nothing)
    else:
        selected = list(dict.fromkeys(ids))
        if not selected:
            raise KnownError("没有选择任何档案，请先在列表中选择要打印的档案。")
    office = settings.office_name()
    today = clock.today()
    with atomic_output(out) as temp:
        sheet = Sheet(temp, title=kind.title, office=office)
        kind.render(sheet, selected, office, today, progress)
        progress(len(selected), len(selected), "正在保存PDF文件")
        try:
            sheet.save()
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.PRINT, target_kind="household", target_label=kind.title,
                 details={"表格": kind.title, "户数": len(selected), "页数": sheet.pages, "文件": Path(out).name})
    return PrintResult(Path(out), sheet.pages, sheet.warnings)


def _save(sheet: Sheet, out: Path) -> None:
    try:
        sheet.save()
    except OSError as exc:
        raise explain_os_error(out, exc) from exc


def print_roster(out: Path, *, campaign_id: int | None = None, relief_ids: Sequence[int] | None = None,
                 full_ids: bool = False, progress: ProgressFn = no_progress) -> PrintResult:
    """发放花名册（签领表） of a campaign, or of the given reliefs in that order; A4 landscape.

    ID numbers are masked unless full_ids, which needs the right to export them in full; either
    way the print is recorded in the audit trail.
    """
    session.require(Permission.PRINT)
    if full_ids:
        session.require(Permission.EXPORT_FULL)
    data = read_roster(campaign_id=campaign_id, relief_ids=relief_ids, full_ids=full_ids)
    office = settings.office_name()
    with atomic_output(out) as temp:
        sheet = Sheet(temp, title=data.title, office=office)
        roster.render(sheet, data, office, clock.today(), progress)
        progress(sheet.pages, sheet.pages, "正在保存PDF文件")
        _save(sheet, out)
    audit.record(AuditAction.PRINT, target_kind="campaign" if campaign_id is not None else "relief",
                 target_id=campaign_id, target_label=data.title,
                 details={"表格": data.title, "人数": len(data.lines), "金额": str(data.total),
                          "页数": sheet.pages, "文件": Path(out).name,
                          "身份信息": "含完整身份证号" if full_ids else "隐去中间位"})
    return PrintResult(Path(out), sheet.pages, sheet.warnings)


def print_approval(relief_ids: int | Sequence[int], out: Path, *,
                   progress: ProgressFn = no_progress) -> PrintResult:
    """救助审批表: one form (A4 portrait) for each given relief, in that order."""
    session.require(Permission.PRINT)
    wanted = [relief_ids] if isinstance(relief_ids, int) else list(relief_ids)
    forms = read_approvals(wanted)
    office = settings.office_name()
    with atomic_output(out) as temp:
        sheet = Sheet(temp, title=approval.TITLE, office=office)
        approval.render(sheet, forms, office, clock.today(), progress)
        progress(len(forms), len(forms), "正在保存PDF文件")
        _save(sheet, out)
    audit.record(AuditAction.PRINT, target_kind="relief", target_id=forms[0].relief_id if len(forms) == 1 else None,
                 target_label=approval.TITLE if len(forms) > 1 else f"{approval.TITLE} {forms[0].name}",
                 details={"表格": approval.TITLE, "份数": len(forms), "页数": sheet.pages, "文件": Path(out).name})
    return PrintResult(Path(out), sheet.pages, sheet.warnings)


def print_sign_in(session_id: int, out: Path, progress: ProgressFn = no_progress) -> PrintResult:
    """培训签到表 of a training session: every trainee with a blank sign-in column per day, ID numbers masked."""
    from app.printing import sign_in
    from app.services import training

    session.require(Permission.PRINT)
    view = training.get_session(session_id)
    trainees = training.session_trainees(session_id)
    if not trainees:
        raise KnownError(f"“{view.name}”还没有学员，请先添加学员再打印签到表。")
    office = settings.office_name()
    title = sign_in.sheet_title(view.name)
    with atomic_output(out) as temp:
        sheet = Sheet(temp, title=title, office=office)
        sign_in.render(sheet, view, trainees, office, clock.today(), progress)
        progress(sheet.pages, sheet.pages, "正在保存PDF文件")
        try:
            sheet.save()
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.PRINT, target_kind="training_session", target_id=session_id, target_label=title,
                 details={"表格": sign_in.TITLE, "人数": len(trainees), "页数": sheet.pages, "文件": Path(out).name})
    return PrintResult(Path(out), sheet.pages, sheet.warnings)


def print_worker_card(worker_id: int, out: Path, progress: ProgressFn = no_progress) -> PrintResult:
    """劳模档案卡 of one model worker (A4; ID number and phone masked)."""
    from app.printing import model_worker_card

    return model_worker_card.print_card(worker_id, out, progress)


def print_visit_roster(round_name: str, out: Path, progress: ProgressFn = no_progress) -> PrintResult:
    """慰问签领表 of one visit round (A4 landscape; amounts in figures and capitals)."""
    from app.printing import visit_roster

    return visit_roster.print_roster(round_name, out, progress)


def _draw(out: Path, title: str, draw: Callable[[Sheet, str, datetime.date], None]) -> Sheet:
    """Write one PDF through `draw(sheet, office, today)`; an existing file at `out` is replaced only on success."""
    office = settings.office_name()
    with atomic_output(out) as temp:
        sheet = Sheet(temp, title=title, office=office)
        draw(sheet, office, clock.today())
        _save(sheet, out)
    return sheet


def print_petition(petition_ids: int | Sequence[int], out: Path, *, progress: ProgressFn = no_progress) -> PrintResult:
    """信访接待登记表: one form (A4 portrait) for each given contact, in that order; ID numbers and phones masked."""
    from app.printing import petition_form
    from app.services.petitions import get_petition

    session.require(Permission.PRINT)
    wanted = [petition_ids] if isinstance(petition_ids, int) else list(dict.fromkeys(petition_ids))
    if not wanted:
        raise KnownError("没有选择任何信访记录，请先在列表中选择要打印的记录。")
    views = [get_petition(i) for i in wanted]
    sheet = _draw(out, petition_form.TITLE, lambda s, office, today: petition_form.render(
        s, views, office, today, progress))
    one = views[0] if len(views) == 1 else None
    audit.record(AuditAction.PRINT, target_kind="petition", target_id=one.id if one else None,
                 target_label=f"{petition_form.TITLE} {petition_form.petition_no(one)}" if one else petition_form.TITLE,
                 details={"表格": petition_form.TITLE, "份数": len(views), "页数": sheet.pages, "文件": Path(out).name})
    return PrintResult(Path(out), sheet.pages, sheet.warnings)


def print_closing_report(out: Path, *, petition_id: int | None = None, case_id: int | None = None) -> PrintResult:
    """办结报告 of one contact or one legal-aid case (A4 portrait); only a closed one has a report."""
    from app.printing import closing_report
    from app.services.legal_cases import get_case
    from app.services.petitions import get_petition

    session.require(Permission.PRINT)
    if (petition_id is None) == (case_id is None):
        raise KnownError("办结报告请选择一条信访记录或一个法律援助案件（二选一）。")
    if petition_id is not None:
        view = get_petition(petition_id)
        if view.closed_on is None:
            raise KnownError(f"信访 {view.name or '匿名'}（{view.received_at:%Y-%m-%d}）尚未办结，"
                             "办结后才能打印办结报告。")
        case = get_case(view.legal_case_id) if view.legal_case_id is not None else None
        report = closing_report.petition_report(view, case)
        target, target_id = "petition", petition_id
    else:
        assert case_id is not None
        found = get_case(case_id)
        if found.closed_on is None:
            raise KnownError(f"案件 {found.case_no} 尚未结案（当前阶段：{found.stage}），结案后才能打印办结报告。")
        report = closing_report.case_report(found)
        target, target_id = "legal_case", case_id
    sheet = _draw(out, report.title, lambda s, office, today: closing_report.render(
        s, [report], office, today, no_progress))
    audit.record(AuditAction.PRINT, target_kind=target, target_id=target_id,
                 target_label=f"{report.title} {report.reference.split('：', 1)[1]}",
                 details={"表格": report.title, "页数": sheet.pages, "文件": Path(out).name})
    return PrintResult(Path(out), sheet.pages, sheet.warnings)


def print_legal_stats(start: datetime.date, end: datetime.date, out: Path) -> PrintResult:
    """法律援助统计表 of a month or any period (A4 portrait): cases by cause and by handling, contacts received."""
    from app.printing import legal_stats

    session.require(Permission.PRINT)
    if end < start:
        raise KnownError("统计期间的结束日期不能早于开始日期。")
    stats = legal_stats.read_stats(start, end)
    sheet = _draw(out, legal_stats.TITLE, lambda s, office, today: legal_stats.render(
        s, stats, office, today, no_progress))
    audit.record(AuditAction.PRINT, target_kind="legal_case", target_label=f"{legal_stats.TITLE} {stats.period}",
                 details={"表格": legal_stats.TITLE, "期间": stats.period, "案件": stats.legal.count,
                          "追回金额": str(stats.legal.recovered), "页数": sheet.pages, "文件": Path(out).name})
    return PrintResult(Path(out), sheet.pages, sheet.warnings)
