"""培训就业 actions that write files or read workbooks, in the background: the sign-in sheet, register exports,
import templates and imports."""

from __future__ import annotations

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

TITLES = {"training-sessions": "培训班登记簿", "trainees": "培训学员登记簿", "placements": "再就业登记簿",
          "referrals": "职业介绍登记簿", "loans": "创业贷款登记簿", "pairings": "一对一结对帮扶登记簿",
          "pairing-aid": "结对帮扶记录登记簿", "mutual-aid": "职工互助保障参保登记簿",
          "mutual-aid-claims": "职工互助保障理赔登记簿"}
# What an import of a kind may have changed: the kinds employment_changed names (training has its own signal).
CHANGES = {"placements": "placements", "referrals": "referrals", "loans": "loans", "pairings": "pairings",
           "pairing-aid": "pairings", "mutual-aid": "mutual-aid", "mutual-aid-claims": "mutual-aid"}
Done = Callable[[Written], None]


def print_sign_in(parent: QWidget | None, runner: TaskRunner, session_id: int, name: str,
                  on_written: Done) -> Task | None:
    """培训签到表 of a session (ID numbers masked), written in the background and opened."""
    title = "打印培训签到表"
    if refused(parent, title, Permission.PRINT):
        return None
    out = ask_save_path(parent, "print", title, f"{name}签到表-{clock.today().isoformat()}.pdf", ".pdf", "PDF 文件")
    if out is None:
        return None

    def work(progress: ProgressFn) -> Written:
        from app import printing

        result = printing.print_sign_in(session_id, out, progress)
        return Written(result.path, result.pages, tuple(result.warnings))

    def done(written: Written) -> None:
        if written.warnings:
            messages.warn(parent, title, "\n".join(written.warnings))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
        on_written(written)

    return runner.run(title, work, parent, on_done=done)


def export_register(parent: QWidget | None, runner: TaskRunner, kind: str, on_written: Done, *, masked: bool = True,
                    ids: Sequence[int] | None = None, scope: str = "") -> Task | None:
    """A register as a workbook: masked unless asked and allowed (the full one is confirmed first)."""
    register = TITLES[kind]
    suffix = "（隐去身份信息）" if masked else "（含完整身份信息）"
    return registers.export_register(parent, runner, kind, register, on_written, masked=masked, ids=ids,
                                     caption=f"导出{register}{scope}", stem=f"{register}{suffix}")


def write_template(parent: QWidget | None, runner: TaskRunner, kind: str, on_written: Done) -> Task | None:
    """The empty import template of a register, with its guide and drop-down lists."""
    return registers.write_template(parent, runner, kind, TITLES[kind], on_written)


def import_register(parent: QWidget | None, runner: TaskRunner, events: AppEvents, kind: str,
                    on_imported: Callable[[str], None], path: Path | None = None) -> Task | None:
    """Choose a workbook and import it in the background: all rows or none; every problem listed with its row."""
    title = f"导入{TITLES[kind].removesuffix('登记簿')}"
    if refused(parent, title, Permission.IMPORT):
        return None
    source = path or ask_open_path(parent, "import", title, "Excel 工作簿", ".xlsx")
    if source is None:
        return None

    def work(progress: ProgressFn) -> str:
        from app.services import exchange

        return exchange.import_register(kind, source, progress=progress).describe()

    def done(text: str) -> None:
        events.announce_persons(())
        if kind in CHANGES:
            events.announce_employment(CHANGES[kind], ())
        else:
            events.announce_training(())
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
