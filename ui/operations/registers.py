"""Any register to Excel in the background: the workbook (masked unless asked and allowed) and its import template."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

from app import clock
from app.progress import ProgressFn
from app.session import Permission
from ui import messages
from ui.operations.households import FULL_EXPORT_WARNING, Written, ask_save_path, refused
from ui.tasks import Task, TaskRunner

Done = Callable[[Written], None]


def export_register(parent: QWidget | None, runner: TaskRunner, kind: str, register: str, on_written: Done, *,
                    masked: bool = True, ids: Sequence[int] | None = None, caption: str = "",
                    stem: str = "") -> Task | None:
    """`register` (its Chinese title) as a workbook; the full one is confirmed first. `caption` titles the save
    dialog (default 导出<register>), `stem` starts the file name (default <register>), the date is added."""
    if refused(parent, f"导出{register}", Permission.EXPORT_MASKED if masked else Permission.EXPORT_FULL):
        return None
    if not masked and not messages.confirm(parent, "导出（含完整身份信息）", FULL_EXPORT_WARNING,
                                           yes="确认导出", no="取消"):
        return None
    out = ask_save_path(parent, "export", caption or f"导出{register}",
                        f"{stem or register}-{clock.today().isoformat()}.xlsx", ".xlsx", "Excel 工作簿")
    if out is None:
        return None
    chosen = list(ids) if ids is not None else None

    def work(progress: ProgressFn) -> Written:
        from app.services import exchange  # openpyxl loads on first use

        result = exchange.export_register(kind, out, masked=masked, ids=chosen, progress=progress)
        return Written(result.path, result.rows)

    return runner.run(f"导出{register}", work, parent, on_done=on_written)


def write_template(parent: QWidget | None, runner: TaskRunner, kind: str, register: str,
                   on_written: Done) -> Task | None:
    """The empty import template of a register, with its guide and drop-down lists."""
    out = ask_save_path(parent, "export", f"保存{register}导入模板", f"{register}导入模板.xlsx", ".xlsx",
                        "Excel 工作簿")
    if out is None:
        return None

    def work(_progress: ProgressFn) -> Written:
        from app.services import exchange

        return Written(exchange.write_template(kind, out), 0)

    return runner.run(f"生成{register}导入模板", work, parent, on_done=on_written)
