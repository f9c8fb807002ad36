"""Relief actions that write files or read workbooks, in the background: prints, exports, templates, imports."""

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

REGISTER_TITLES = {"relief": "帮扶救助登记簿", "campaigns": "帮扶活动登记簿", "fund-entries": "资金收入登记簿"}
IMPORT_TITLES = {"relief": "导入救助记录", "campaigns": "导入帮扶活动", "fund-entries": "导入资金收入"}
Done = Callable[[Written], None]


def _open_pdf(parent: QWidget | None, title: str, written: Written, on_written: Done) -> None:
    if written.warnings:
        messages.warn(parent, title, "\n".join(written.warnings))
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
    on_written(written)


def print_approval(parent: QWidget | None, runner: TaskRunner, relief_ids: Sequence[int],
                   on_written: Done) -> Task | None:
    """救助审批表 for the selected reliefs (one form each), opened when written."""
    title = "打印救助审批表"
    if refused(parent, title, Permission.PRINT):
        return None
    if not relief_ids:
        messages.inform(parent, title, "请先在列表中选择要打印审批表的救助记录。")
        return None
    out = ask_save_path(parent, "print", f"{title}（{len(relief_ids)} 份）",
                        f"救助审批表-{clock.today().isoformat()}.pdf", ".pdf", "PDF 文件")
    if out is None:
        return None
    chosen = list(relief_ids)

    def work(progress: ProgressFn) -> Written:
        from app import printing

        result = printing.print_approval(chosen, out, progress=progress)
        return Written(result.path, result.pages, tuple(result.warnings))

    return runner.run(title, work, parent, on_done=lambda w: _open_pdf(parent, title, w, on_written))


def print_roster(parent: QWidget | None, runner: TaskRunner, on_written: Done, *, campaign_id: int | None = None,
                 relief_ids: Sequence[int] | None = None, name: str = "发放花名册") -> Task | None:
    """发放花名册（签领表） of a campaign or of the selected reliefs (ID numbers masked), opened when written."""
    title = "打印发放花名册（签领表）"
    if refused(parent, title, Permission.PRINT):
        return None
    if campaign_id is None and not relief_ids:
        messages.inform(parent, title, "请先在列表中选择要列入签领表的救助记录。")
        return None
    out = ask_save_path(parent, "print", title, f"{name}-{clock.today().isoformat()}.pdf", ".pdf", "PDF 文件")
    if out is None:
        return None
    chosen = list(relief_ids) if relief_ids else None

    def work(progress: ProgressFn) -> Written:
        from app import printing

        result = printing.print_roster(out, campaign_id=campaign_id, relief_ids=chosen, progress=progress)
        return Written(result.path, result.pages, tuple(result.warnings))

    return runner.run(title, work, parent, on_done=lambda w: _open_pdf(parent, title, w, on_written))


def export_roster(parent: QWidget | None, runner: TaskRunner, on_written: Done, *, campaign_id: int | None = None,
                  relief_ids: Sequence[int] | None = None, name: str = "发放花名册") -> Task | None:
    """The same roster as an Excel workbook (ID numbers masked)."""
    title = "导出发放花名册（Excel）"
    if refused(parent, title, Permission.EXPORT_MASKED):
        return None
    if campaign_id is None and not relief_ids:
        messages.inform(parent, title, "请先在列表中选择要列入花名册的救助记录。")
        return None
    out = ask_save_path(parent, "export", title, f"{name}-{clock.today().isoformat()}.xlsx", ".xlsx",
                        "Excel 工作簿")
    if out is None:
        return None
    chosen = list(relief_ids) if relief_ids else None

    def work(progress: ProgressFn) -> Written:
        from app.services import roster_export

        result = roster_export.export_roster(out, campaign_id=campaign_id, relief_ids=chosen, progress=progress)
        return Written(result.path, result.count)

    return runner.run(title, work, parent, on_done=on_written)


def export_register(parent: QWidget | None, runner: TaskRunner, kind: str, on_written: Done, *, masked: bool = True,
                    ids: Sequence[int] | None = None) -> Task | None:
    """A relief register as a workbook (masked unless asked and allowed; the full one is confirmed first)."""
    register = REGISTER_TITLES[kind]
    suffix = "（隐去身份信息）" if masked and kind == "relief" else ""
    return registers.export_register(parent, runner, kind, register, on_written, masked=masked, ids=ids,
                                     caption=f"导出{register}{suffix}", stem=f"{register}{suffix}")


def write_template(parent: QWidget | None, runner: TaskRunner, kind: str, on_written: Done) -> Task | None:
    """The empty import template of a relief register (with its guide and drop-down lists)."""
    return registers.write_template(parent, runner, kind, REGISTER_TITLES[kind], on_written)


def import_register(parent: QWidget | None, runner: TaskRunner, events: AppEvents, kind: str,
                    on_imported: Callable[[str], None], path: Path | None = None) -> Task | None:
    """Choose a workbook and import it in the background: all rows or none; every problem listed with its row."""
    title = IMPORT_TITLES[kind]
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
        events.announce_relief(())
        events.announce_campaigns(())
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


def export_ledger(parent: QWidget | None, runner: TaskRunner, fund_id: int, fund: str, start: datetime.date,
                  end: datetime.date, on_written: Done) -> Task | None:
    title = "导出资金台账"
    if refused(parent, title, Permission.EXPORT_MASKED):
        return None
    out = ask_save_path(parent, "export", title, f"资金台账-{fund}-{start.isoformat()}至{end.isoformat()}.xlsx",
                        ".xlsx", "Excel 工作簿")
    if out is None:
        return None

    def work(_progress: ProgressFn) -> Written:
        from app.services.ledger_export import export_ledger as write

        result = write(fund_id, start, end, out)
        return Written(result.path, result.lines)

    return runner.run(title, work, parent, on_done=on_written)
