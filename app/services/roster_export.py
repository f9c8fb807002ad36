"""Workbooks of the 发放花名册 and the 救助审批表 (Excel versions of the prints), checked and audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from app import clock, session
from app.excel import approval, roster, writer
from app.files import atomic_output, explain_os_error
from app.progress import ProgressFn, no_progress
from app.services import audit, settings
from app.services.approval_data import read_approvals
from app.services.audit import AuditAction
from app.services.roster_data import read_roster
from app.session import Permission


@dataclass(frozen=True)
class WorkbookResult:
    path: Path
    count: int      # people on the roster, or approval forms


def _save(book: Any, temp: Path, out: Path) -> None:
    try:
        book.save(temp)
    except OSError as exc:
        raise explain_os_error(out, exc) from exc


def export_roster(out: Path, *, campaign_id: int | None = None, relief_ids: Sequence[int] | None = None,
                  full_ids: bool = False, progress: ProgressFn = no_progress) -> WorkbookResult:
    """The roster of a campaign or of the given reliefs as a workbook; ID numbers masked unless full_ids."""
    session.require(Permission.EXPORT_FULL if full_ids else Permission.EXPORT_MASKED)
    data = read_roster(campaign_id=campaign_id, relief_ids=relief_ids, full_ids=full_ids)
    office = settings.office_name()
    with atomic_output(out) as temp, writer.streaming_workbook() as book:
        pages = roster.write_roster(book, data, office, clock.today(), progress)
        progress(len(data.lines), len(data.lines), "正在保存")
        _save(book, temp, out)
    audit.record(AuditAction.EXPORT, target_kind="campaign" if campaign_id is not None else "relief",
                 target_id=campaign_id, target_label=data.title,
                 details={"表格": data.title, "人数": len(data.lines), "金额": str(data.total), "页数": pages,
                          "文件": Path(out).name, "身份信息": "含完整身份证号" if full_ids else "隐去中间位"})
    return WorkbookResult(Path(out), len(data.lines))


def export_approval(relief_ids: int | Sequence[int], out: Path) -> WorkbookResult:
    """救助审批表 as a workbook, one sheet per relief (always masked: the form is for signing, not reporting)."""
    session.require(Permission.EXPORT_MASKED)
    forms = read_approvals([relief_ids] if isinstance(relief_ids, int) else list(relief_ids))
    book = Workbook()
    book.remove(book.active)
    approval.write_approvals(book, forms, settings.office_name(), clock.today())
    with atomic_output(out) as temp:
        _save(book, temp, out)
    audit.record(AuditAction.EXPORT, target_kind="relief", target_id=forms[0].relief_id if len(forms) == 1 else None,
                 target_label=approval.TITLE,
                 details={"表格": approval.TITLE, "份数": len(forms), "文件": Path(out).name})
    return WorkbookResult(Path(out), len(forms))
