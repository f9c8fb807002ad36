"""The upward workbook (上报统计表) for the city union: a 汇总 sheet like an official statistics table, then one
sheet per register holding the period's records.

汇总: title, 填报单位 and 统计期间, then 指标 | 单位 | 本期 | 上年同期 | 增减 for every figure of the summary, and
填报人 and 填报日期 under the table; A4 portrait, one page wide, the header repeated on every page. A hidden last
column holds each figure's code (its path in `summary --json`), which the city merge reads. ID numbers are
masked unless full ones are asked for and the account may export them; every workbook is audited.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side

from app import clock, session
from app.excel import writer
from app.files import atomic_output, explain_os_error
from app.progress import ProgressFn, no_progress
from app.reports.fast_sheet import FastRegisterSheet
from app.reports.upward_figures import Line, lines
from app.reports.upward_registers import register_rows
from app.services import audit, settings
from app.services import summary as summaries
from app.services.audit import AuditAction
from app.services.exchange import birth_year_only
from app.session import Permission
from db.database import database

SUMMARY_SHEET = "汇总"
TITLE = "困难职工帮扶工作统计汇总表"
HEADER = ("指标", "单位", "本期", "上年同期", "增减", "指标代码")
HEADER_ROW = 5
OFFICE_LABEL, PERIOD_LABEL, PREVIOUS_LABEL = "填报单位：", "统计期间：", "上年同期："
IDS_LABEL, MASKED, FULL = "身份证号：", "隐去中间位", "含完整身份信息"
FILLED_BY_LABEL, FILLED_ON_LABEL = "填报人：", "填报日期："
WIDTHS = (44, 7, 16, 16, 16, 36)
PROGRESS_EVERY = 1000   # rows
COUNT_FORMAT, MONEY_FORMAT = "#,##0", "#,##0.00"
CHANGE_FORMATS = {COUNT_FORMAT: "+#,##0;-#,##0;0", MONEY_FORMAT: "+#,##0.00;-#,##0.00;0.00"}
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
LEFT, CENTRE, RIGHT = (Alignment(horizontal=h, vertical="center") for h in ("left", "center", "right"))


@dataclass(frozen=True)
class UpwardReport:
    """What was written: the file, the period, the register rows in all and by sheet, whether IDs are masked."""

    path: Path
    period: summaries.Period
    sheets: dict[str, int] = field(default_factory=dict)
    masked: bool = True

    @property
    def rows(self) -> int:
        return sum(self.sheets.values())

    def describe(self) -> str:
        ids = f"身份证号{MASKED}" if self.masked else FULL
        return (f"已生成上报统计表 {self.path}：统计期间 {self.period.describe()}，汇总表和 {len(self.sheets)} 个登记簿"
                f"共 {self.rows} 行（{ids}）")


def _cell(ws: Any, value: object, *, font: Font | None = None, alignment: Alignment | None = None,
          border: Border | None = None, number_format: str | None = None) -> Any:
    cell = writer.text_cell(ws, value) if isinstance(value, str) else WriteOnlyCell(ws, value)
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _figure_row(ws: Any, line: Line) -> list[Any]:
    if not line.code:
        return [_cell(ws, line.label, font=BOLD, border=BOX), *(_cell(ws, None, border=BOX) for _ in range(4))]
    number = MONEY_FORMAT if isinstance(line.current, Decimal) else COUNT_FORMAT
    label = ("    " if line.level == 2 else "  ") + line.label
    return [_cell(ws, label, border=BOX, alignment=LEFT), _cell(ws, line.unit, border=BOX, alignment=CENTRE),
            _cell(ws, line.current, border=BOX, number_format=number),
            _cell(ws, line.previous, border=BOX, number_format=number),
            _cell(ws, line.change, border=BOX, number_format=CHANGE_FORMATS[number]),
            _cell(ws, line.code)]


def write_summary_sheet(book: Any, office: str, comparison: summaries.Comparison, *, masked: bool,
                        filled_by: str, filled_on: datetime.date) -> int:
    """The 汇总 sheet; returns the number of figure lines."""
    ws = book.create_sheet(SUMMARY_SHEET)
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions["ABCDEF"[index]].width = width
    ws.column_dimensions["F"].hidden = True
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.row_dimensions[1].height = 30
    period, previous = comparison.period, comparison.period.year_earlier()
    ws.append([_cell(ws, TITLE, font=Font(bold=True, size=16), alignment=CENTRE)])
    ws.append([_cell(ws, f"{OFFICE_LABEL}{office}", alignment=LEFT), None,
               _cell(ws, f"{PERIOD_LABEL}{period.describe()}", alignment=RIGHT)])
    ws.append([_cell(ws, f"{PREVIOUS_LABEL}{previous.describe()}", alignment=LEFT), None,
               _cell(ws, f"{IDS_LABEL}{MASKED if masked else FULL}", alignment=RIGHT)])
    ws.append([None, None, None, None, _cell(ws, "金额单位：元", alignment=RIGHT)])
    ws.append([_cell(ws, h, font=BOLD, alignment=CENTRE, border=BOX) for h in HEADER[:5]]
              + [_cell(ws, HEADER[5], font=BOLD)])
    table = lines(comparison.current, comparison.previous)
    for line in table:
        ws.append(_figure_row(ws, line))
    last = HEADER_ROW + len(table)
    ws.append([])
    ws.append([_cell(ws, "单位负责人："), None, _cell(ws, f"{FILLED_BY_LABEL}{filled_by}"), None,
               _cell(ws, f"{FILLED_ON_LABEL}{filled_on.isoformat()}")])
    for merged in ("A1:E1", "A2:B2", "C2:E2", "A3:B3", "C3:E3", f"C{last + 2}:D{last + 2}"):
        ws.merged_cells.add(merged)
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = writer.PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:E{last + 2}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return len(table)


def write_upward(period: summaries.Period, out: Path, *, full_ids: bool = False,
                 progress: ProgressFn = no_progress) -> UpwardReport:
    """Write the workbook for the period: 汇总, then every register's records of the period; audited."""
    who = session.require(Permission.EXPORT_FULL if full_ids else Permission.EXPORT_MASKED)
    masked = not full_ids
    masking = f"（身份证号等{MASKED}）" if masked else f"  {FULL}，请妥善保管，勿外传"
    counts: dict[str, int] = {}
    with database.atomic():   # one consistent snapshot: the figures and the rows behind them
        office, today = settings.office_name(), clock.today()
        comparison = summaries.compare(period)
        with atomic_output(out) as temp, writer.streaming_workbook() as book:
            write_summary_sheet(book, office, comparison, masked=masked, filled_by=who.display_name,
                                filled_on=today)
            written = 0
            for found in register_rows(period.start, period.end):
                register = found.register
                progress(written, 0, f"正在写入{register.sheet}")   # total 0: not known before the end
                heading = writer.Heading(f"{office}{register.title}", f"{PERIOD_LABEL}{period.describe()}  "
                                         f"共 {found.count} {found.unit}{masking}")
                sheet = FastRegisterSheet(book, register, heading, masked=masked)
                rows = birth_year_only(found.rows) if masked else found.rows
                for done, values in enumerate(rows, 1):
                    sheet.append(values)
                    if done % PROGRESS_EVERY == 0:   # and a chance to cancel
                        progress(written + done, 0, f"正在写入{register.sheet}")
                counts[register.sheet] = sheet.close()
                written += found.count
            progress(written, written, "正在保存")
            try:
                book.save(temp)
            except OSError as exc:
                raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.EXPORT, target_kind="upward_report", target_label="上报统计表",
                 details={"统计期间": period.describe(), "文件": Path(out).name, "登记簿行数": sum(counts.values()),
                          "身份信息": MASKED if masked else FULL})
    return UpwardReport(Path(out), period, counts, masked)
