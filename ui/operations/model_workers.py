"""劳模 work that writes or reads files, in the background: 劳模档案卡, 慰问签领表, the five registers in Excel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.errors import KnownError, ValidationError
from app.progress import ProgressFn
from app.registers.model_workers import REGISTERS
from app.session import Permission
from ui import messages
from ui.dialogs.import_problems_dialog import ImportProblemsDialog
from ui.events import AppEvents
from ui.operations import registers
from ui.operations.households import Written, ask_open_path, ask_save_path, refused
from ui.tasks import Task, TaskRunner

TITLES = {r.kind: r.title for r in REGISTERS}   # model-workers → 劳模档案登记簿, …
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


def print_card(parent: QWidget | None, runner: TaskRunner, worker_id: int, name: str,
               on_written: Done) -> Task | None:
    """劳模档案卡 of one model worker (ID number and phone masked)."""
    def draw(out: Path, progress: ProgressFn) -> Written:
        from app import printing  # reportlab loads on first use, not at start-up

        result = printing.print_worker_card(worker_id, out, progress)
        return Written(result.path, result.pages, tuple(result.warnings))

    return _print(parent, runner, "打印劳模档案卡", f"劳模档案卡-{name}", draw, on_written)


def print_round(parent: QWidget | None, runner: TaskRunner, round_name: str, on_written: Done) -> Task | None:
    """慰问签领表 of one visit round (amounts in figures and capitals)."""
    def draw(out: Path, progress: ProgressFn) -> Written:
        from app import printing

        result = printing.print_visit_roster(round_name, out, progress)
        return Written(result.path, result.pages, tuple(result.warnings))

    return _print(parent, runner, "打印慰问签领表", f"慰问签领表-{round_name}", draw, on_written)


def export_register(parent: QWidget | None, runner: TaskRunner, kind: str, on_written: Done, *,
                    masked: bool = True, ids: Sequence[int] | None = None) -> Task | None:
    """A register as a workbook: masked unless asked and allowed (the full one is confirmed first)."""
    suffix = "（隐去身份信息）" if masked else ""
    return registers.export_register(parent, runner, kind, TITLES[kind], on_written, masked=masked, ids=ids,
                                     caption=f"导出{TITLES[kind]}{suffix}", stem=f"{TITLES[kind]}{suffix}")


def write_template(parent: QWidget | None, runner: TaskRunner, kind: str, on_written: Done) -> Task | None:
    """The empty import template of a register (with its guide and drop-down lists)."""
    return registers.write_template(parent, runner, kind, TITLES[kind], on_written)


def import_register(parent: QWidget | None, runner: TaskRunner, events: AppEvents, kind: str,
                    on_imported: Callable[[str], None]) -> Task | None:
    """All rows or none; every problem listed with its row and column."""
    title = f"导入{TITLES[kind]}"
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
        events.announce_model_workers(())
        if kind == "model-worker-visits":
            events.announce_funds(())
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
