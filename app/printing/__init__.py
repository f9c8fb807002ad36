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
