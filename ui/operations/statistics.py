"""统计 work that writes files, in the background: the summary PDF, the upward workbook, the city merge.

reportlab and openpyxl (app/printing, app/reports) load when first used, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app import clock
from app.progress import ProgressFn
from app.services.summary import Period
from app.services.summary_phrases import period_label
from app.session import Permission
from ui import messages
from ui.operations.households import Written, ask_save_path, refused
from ui.tasks import Task, TaskRunner

Done = Callable[[Written], None]


def _opened(parent: QWidget | None, title: str, on_written: Done) -> Done:
    def done(written: Written) -> None:
        if written.warnings:
            messages.warn(parent, title, "\n".join(written.warnings))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
        on_written(written)

    return done


def export_summary_pdf(parent: QWidget | None, runner: TaskRunner, period: Period, on_written: Done) -> Task | None:
    """帮扶工作统计汇总 with its charts, as a PDF, then open it."""
    title = "导出统计汇总（PDF）"
    if refused(parent, title, Permission.PRINT):
        return None
    out = ask_save_path(parent, "print", title, f"帮扶工作统计汇总-{period_label(period)}.pdf", ".pdf", "PDF 文件")
    if out is None:
        return None

    def work(_progress: ProgressFn) -> Written:
        from app.printing.summary_pdf import print_summary  # reportlab loads on first use

        pages, warnings = print_summary(period, out)
        return Written(out, pages, warnings)

    return runner.run(title, work, parent, on_done=_opened(parent, title, on_written))


def export_upward(parent: QWidget | None, runner: TaskRunner, period: Period, on_written: Done, *,
                  full_ids: bool = False) -> Task | None:
    """The upward workbook (汇总 and one sheet per register; IDs masked unless `full_ids`), then open it."""
    title = "导出上报表（含完整身份信息）" if full_ids else "导出上报表"
    if refused(parent, title, Permission.EXPORT_FULL if full_ids else Permission.EXPORT_MASKED):
        return None
    name = f"帮扶工作统计上报表-{period_label(period)}{'-含完整身份信息' if full_ids else ''}.xlsx"
    out = ask_save_path(parent, "export", title, name, ".xlsx", "Excel 工作簿")
    if out is None:
        return None

    def work(progress: ProgressFn) -> Written:
        from app.reports import upward

        report = upward.write_upward(period, out, full_ids=full_ids, progress=progress)
        return Written(report.path, report.rows)

    return runner.run(title, work, parent, on_done=_opened(parent, title, on_written))


def merge_counties(parent: QWidget | None, runner: TaskRunner, on_done: Callable[[str], None]) -> Task | None:
    """Several counties' upward workbooks into one city workbook; says what was merged and who appears twice."""
    title = "合并各县报表"
    chosen, _filter = QFileDialog.getOpenFileNames(parent, f"{title}：选择各县的上报表", "",
                                                   "Excel 工作簿 (*.xlsx)")
    if not chosen:
        return None
    inputs = [Path(name) for name in chosen]
    out = ask_save_path(parent, "export", f"{title}：保存为", f"全市汇总-{clock.today().isoformat()}.xlsx", ".xlsx",
                        "Excel 工作簿")
    if out is None:
        return None

    def work(_progress: ProgressFn) -> str:
        from app.reports.city_merge import merge_workbooks

        return merge_workbooks(inputs, out).describe()

    def done(text: str) -> None:
        messages.inform(parent, title, text)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
        on_done(text)

    return runner.run(title, work, parent, on_done=done)
