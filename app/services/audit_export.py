"""The audit trail (操作日志) as an Excel workbook: every record the chosen filter matches."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell

from app import clock, session
from app.excel import writer
from app.files import atomic_output, explain_os_error
from app.progress import ProgressFn, no_progress
from app.services import audit, settings
from app.services.audit import AuditAction, AuditQuery
from app.services.audit_text import details_text, target_text
from app.session import Permission

SHEET = "操作日志"
COLUMNS: tuple[tuple[str, int], ...] = (("时间", 20), ("账户", 14), ("操作", 12), ("对象", 30), ("详情", 90))
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
EXPORT_LIMIT = 10_000_000  # the whole trail if the filter asks for it
PROGRESS_EVERY = 500


@dataclass(frozen=True)
class AuditExport:
    path: Path
    rows: int


def describe_query(query: AuditQuery) -> str:
    """The filter in words, for the workbook's note and the audit record of the export."""
    parts = []
    if query.since or query.until:
        since = query.since.isoformat() if query.since else "最早"
        until = query.until.isoformat() if query.until else "最近"
        parts.append(f"{since} 至 {until}")
    if query.username:
        parts.append(f"账户 {query.username}")
    if query.action:
        parts.append(f"操作 {query.action}")
    if query.text:
        parts.append(f"含“{query.text}”")
    return "，".join(parts) or "全部记录"


def export_audit(query: AuditQuery, out: Path, *, progress: ProgressFn = no_progress) -> AuditExport:
    """Write the matching records, newest first, to `out` (administrators); the export is itself recorded."""
    session.require(Permission.AUDIT)
    entries = audit.list_records(dataclasses.replace(query, limit=EXPORT_LIMIT))
    scope = describe_query(query)
    total = len(entries)
    with atomic_output(out) as temp, writer.streaming_workbook() as book:
        sheet = book.create_sheet(SHEET)
        _set_up(sheet)
        _heading(sheet, f"{settings.office_name()}操作日志",
                 f"导出日期：{clock.today().isoformat()}  范围：{scope}  共 {total} 条")
        for done, entry in enumerate(entries, 1):
            when = WriteOnlyCell(sheet, entry.at.replace(microsecond=0))
            when.number_format = TIME_FORMAT
            sheet.append([when, writer.text_cell(sheet, entry.username), writer.text_cell(sheet, entry.action),
                          writer.text_cell(sheet, target_text(entry.target_kind, entry.target_label)),
                          writer.text_cell(sheet, details_text(entry.details))])
            if done % PROGRESS_EVERY == 0:
                progress(done, total, "正在导出操作日志")
        last = chr(ord("A") + len(COLUMNS) - 1)
        sheet.auto_filter.ref = f"A{writer.HEADER_ROW}:{last}{max(writer.HEADER_ROW + total, writer.HEADER_ROW + 1)}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = writer.PAPER_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.print_title_rows = f"{writer.HEADER_ROW}:{writer.HEADER_ROW}"
        progress(total, total, "正在保存")
        try:
            book.save(temp)
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.EXPORT, target_kind="audit", target_label=SHEET,
                 details={"登记簿": SHEET, "条数": total, "范围": scope, "文件": Path(out).name})
    return AuditExport(Path(out), total)


def _set_up(sheet: Any) -> None:
    for index, (_title, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = f"A{writer.FIRST_DATA_ROW}"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _heading(sheet: Any, title: str, note: str) -> None:
    title_cell = writer.text_cell(sheet, title)
    title_cell.font = writer.TITLE_FONT
    sheet.append([title_cell])
    note_cell = writer.text_cell(sheet, note)
    note_cell.font = writer.NOTE_FONT
    sheet.append([note_cell])
    header = []
    for text, _width in COLUMNS:
        cell = writer.text_cell(sheet, text)
        cell.font = writer.HEADER_FONT
        cell.fill = writer.HEADER_FILL
        cell.border = writer.HEADER_BORDER
        cell.alignment = writer.HEADER_ALIGNMENT
        header.append(cell)
    sheet.append(header)
