"""Printed forms (PDF, A4): 入户调查表, 困难职工档案表 and 公示名单, for a selection or the usual batch."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app import clock, session
from app.errors import KnownError
from app.files import atomic_output, explain_os_error
from app.printing import file_form, home_visit, notice
from app.printing.layout import Sheet
from app.progress import ProgressFn, no_progress
from app.services import audit, settings
from app.services.audit import AuditAction
from app.services.household_search import OPEN, HouseholdQuery, Queue, search_ids
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
