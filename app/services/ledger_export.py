"""The fund ledger of a period as a workbook: opening balance, every line, totals and closing balance."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from app import clock, session
from app.files import atomic_output, explain_os_error
from app.services import audit, funds, settings
from app.services.audit import AuditAction
from app.services.funds import Ledger
from app.session import Permission

HEADERS = ("日期", "收支", "摘要", "收入（元）", "支出（元）", "余额（元）")
WIDTHS = (12, 8, 40, 14, 14, 14)
MONEY_FORMAT = "#,##0.00"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
TOTAL_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")


@dataclass(frozen=True)
class LedgerFile:
    path: Path
    lines: int
    ledger: Ledger


def _row(ws: Any, values: tuple[object, ...], *, bold: bool = False, fill: PatternFill | None = None) -> None:
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        cell.border = BORDER
        if isinstance(cell.value, Decimal):
            cell.number_format = MONEY_FORMAT
            cell.alignment = Alignment(horizontal="right")
        if isinstance(cell.value, datetime.date):
            cell.number_format = "yyyy-mm-dd"
        if bold:
            cell.font = Font(bold=True)
        if fill is not None:
            cell.fill = fill


def export_ledger(fund_id: int, start: datetime.date, end: datetime.date, out: Path) -> LedgerFile:
    """Write the ledger of one fund for a period (资金台账) to an A4 workbook; audited."""
    session.require(Permission.EXPORT_MASKED)
    ledger = funds.ledger(fund_id, start, end)
    book = Workbook()
    ws = book.active
    ws.title = "资金台账"
    ws.append([f"{settings.office_name()}资金台账：{ledger.fund}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.append([f"期间：{start.isoformat()} 至 {end.isoformat()}    导出日期：{clock.today().isoformat()}"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    _row(ws, HEADERS, bold=True, fill=FILL)
    _row(ws, (start, "", "期初余额", None, None, ledger.opening), bold=True)
    for line in ledger.lines:
        _row(ws, (line.on_date, line.kind, line.description, line.income or None, line.paid or None, line.balance))
    _row(ws, (end, "", "本期合计", ledger.income, ledger.paid, None), bold=True, fill=TOTAL_FILL)
    _row(ws, (end, "", "期末余额", None, None, ledger.closing), bold=True, fill=TOTAL_FILL)
    for column, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[chr(64 + column)].width = width
    ws.print_title_rows = "3:3"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = "A4"
    with atomic_output(out) as temp:
        try:
            book.save(temp)
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.EXPORT, target_kind="fund", target_id=fund_id, target_label=ledger.fund,
                 details={"表格": "资金台账", "资金": ledger.fund, "期间": f"{start.isoformat()}至{end.isoformat()}",
                          "行数": len(ledger.lines), "文件": Path(out).name})
    return LedgerFile(Path(out), len(ledger.lines), ledger)
