"""信访 and 法律援助 work that writes or reads files, in the background: the three forms, the registers in Excel."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app import clock
from app.errors import KnownError, ValidationError
from app.progress import ProgressFn
from app.session import Permission
from ui import messages
from ui.dialogs.import_problems_dialog import ImportProblemsDialog
from ui.events import AppEvents
from ui.operations import registers
from ui.operations.households import Written, ask_open_path, ask_save_path, refused
from ui.tasks import Task, TaskRunner

REGISTERS = {"petitions": "信访接待登记簿", "legal-cases": "法律援助案件登记簿"}
Done = Callable[[Written], None]
PdfWork = Callable[[Path, ProgressFn], Written]


def _print(parent: QWidget | None, runner: TaskRunner, title: str, name: str, draw: PdfWork,
           on_written: Done) -> Task | None:
    """Ask where, write the PDF in the background, then open it."""
    if refused(parent, title, Permission.PRINT):
        return None
    out = ask_save_path(parent, "print", title, f"{name}.pdf", ".pdf", "PDF 文件")
    if out is None:
        return None

    def opened(written: Written) -> None:
        if written.warnings:
            messages.warn(parent, title, "\n".join(written.warnings))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
        on_written(written)

    return runner.run(title, lambda progress: draw(out, progress), parent, on_done=opened)


def print_petition_forms(parent: QWidget | None, runner: TaskRunner, petition_ids: Sequence[int],
                         on_written: Done) -> Task | None:
    """信访接待登记表, one form for each selected contact."""
    chosen = list(petition_ids)

    def draw(out: Path, progress: ProgressFn) -> Written:
        from app import printing  # reportlab loads on first use, not at start-up

        result = printing.print_petition(chosen, out, progress=progress)
        return Written(result.path, result.pages, tuple(result.warnings))

    return _print(parent, runner, f"打印信访接待登记表（{len(chosen)} 份）",
                  f"信访接待登记表-{clock.today().isoformat()}", draw, on_written)


def print_closing_report(parent: QWidget | None, runner: TaskRunner, on_written: Done, *, name: str,
                         petition_id: int | None = None, case_id: int | None = None) -> Task | None:
    """办结报告 of one closed contact or case."""
    def draw(out: Path, _progress: ProgressFn) -> Written:
        from app import printing

        result = printing.print_closing_report(out, petition_id=petition_id, case_id=case_id)
        return Written(result.path, result.pages, tuple(result.warnings))

    return _print(parent, runner, "打印办结报告", f"办结报告-{name}", draw, on_written)


def print_legal_stats(parent: QWidget | None, runner: TaskRunner, start: datetime.date, end: datetime.date,
                      on_written: Done) -> Task | None:
    """法律援助统计 of a month (or any period)."""
    def draw(out: Path, _progress: ProgressFn) -> Written:
        from app import printing

        result = printing.print_legal_stats(start, end, out)
        return Written(result.path, result.pages, tuple(result.warnings))

    return _print(parent, runner, "法律援助统计", f"法律援助统计-{start:%Y年%m月}", draw, on_written)


def export_register(parent: QWidget | None, runner: TaskRunner, kind: str, ids: Sequence[int] | None,
                    on_written: Done) -> Task | None:
    """The register (ID numbers masked) of the listed records, or of all when `ids` is None."""
    register = REGISTERS[kind]
    title = f"导出{register}"
    if refused(parent, title, Permission.EXPORT_MASKED):
        return None
    out = ask_save_path(parent, "export", title, f"{register}（隐去身份信息）-{clock.today().isoformat()}.xlsx",
                        ".xlsx", "Excel 工作簿")
    if out is None:
        return None
    chosen = list(ids) if ids is not None else None

    def work(progress: ProgressFn) -> Written:
        from app.services import exchange  # openpyxl loads on first use

        result = exchange.export_register(kind, out, masked=True, ids=chosen, progress=progress)
        return Written(result.path, result.rows)

    return runner.run(title, work, parent, on_done=on_written)


def write_template(parent: QWidget | None, runner: TaskRunner, kind: str, on_written: Done) -> Task | None:
    """The empty import template of a register, with its guide and drop-down lists."""
    return registers.write_template(parent, runner, kind, REGISTERS[kind], on_written)


def import_register(parent: QWidget | None, runner: TaskRunner, events: AppEvents, kind: str,
                    on_imported: Callable[[str], None]) -> Task | None:
    """All rows or none; every problem listed with its row and column."""
    title = f"导入{REGISTERS[kind]}"
    if refused(parent, title, Permission.IMPORT):
        return None
    source = ask_open_path(parent, "import", title, "Excel 工作簿", ".xlsx")
    if source is None:
        return None

    def work(progress: ProgressFn) -> str:
        from app.services import exchange

        return exchange.import_register(kind, source, progress=progress).describe()

    def done(text: str) -> None:
        events.announce_persons(())
        events.announce_petitions(())
        events.announce_cases(())
        messages.inform(parent, title, text)
        on_imported(text)

    def failed(error: KnownError) -> None:
        if isinstance(error, ValidationError):
            dialog = ImportProblemsDialog(f"{title}：未导入", error.errors, parent)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
        else:
            messages.warn(parent, title, str(error))

    return runner.run(title, work, parent, on_done=done, on_error=failed)
