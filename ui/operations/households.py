"""Actions on hardship files shared by the 档案 page and the menus: export, print, delete, purge."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app import clock
from app.errors import KnownError
from app.progress import ProgressFn
from app.services import households
from app.services.household_forms import HouseholdRow
from app.session import Permission
from ui import messages
from ui.events import AppEvents
from ui.permissions import refusal
from ui.tasks import Task, TaskRunner

PRINT_TITLES = {"home-visit": "入户调查表", "file-form": "档案表", "notice": "公示名单"}
PRINT_DEFAULTS = {"home-visit": "待入户调查的档案", "file-form": "所有在办档案", "notice": "正在公示的档案"}
FULL_EXPORT_WARNING = ("导出的工作簿将含完整的身份证号、手机号和银行卡号，仅用于向上级报送。\n\n"
                       "本次导出将记入操作日志（导出人、时间、文件名）。请妥善保管文件，用后及时删除，勿外传。\n\n"
                       "确定导出吗？")
_last_folder: dict[str, Path] = {}


@dataclass(frozen=True)
class Written:
    """A file a background task finished writing."""

    path: Path
    count: int                       # rows exported or pages printed
    warnings: tuple[str, ...] = ()


def refused(parent: QWidget | None, title: str, permission: Permission) -> bool:
    """Say so (and True) if the signed-in account may not do this; the service would refuse anyway."""
    reason = refusal(permission)
    if reason:
        messages.warn(parent, title, reason)
    return bool(reason)


def _folder(kind: str) -> Path:
    if kind in _last_folder:
        return _last_folder[kind]
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    # a Documents folder that does not exist made the chooser start in the program's working folder
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def ask_save_path(parent: QWidget | None, kind: str, title: str, name: str, suffix: str,
                  description: str) -> Path | None:
    """The save dialog, starting in the user's Documents (or where they saved last time)."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(_folder(kind) / name),
                                                  f"{description} (*{suffix})")
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    _last_folder[kind] = path.parent
    return path


def ask_open_path(parent: QWidget | None, kind: str, title: str, description: str, suffix: str) -> Path | None:
    """The open dialog, starting where the user opened a file of this kind last time (else Documents)."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(_folder(kind)),
                                                  f"{description} (*{suffix});;所有文件 (*)")
    if not chosen:
        return None
    _last_folder[kind] = Path(chosen).parent
    return Path(chosen)


def export_households(parent: QWidget | None, runner: TaskRunner, *, masked: bool,
                      ids: Sequence[int] | None, on_written: Callable[[Written], None]) -> Task | None:
    """Ask where, then export the register (all files, or these ids) as a workbook in the background.

    Masked by default. The full-identity export (for reporting upward) is confirmed first: it is
    recorded in the audit trail with who, when and the file name.
    """
    permission = Permission.EXPORT_MASKED if masked else Permission.EXPORT_FULL
    if refused(parent, "导出档案登记簿", permission):
        return None
    if not masked and not messages.confirm(parent, "导出（含完整身份信息）", FULL_EXPORT_WARNING,
                                           yes="确认导出", no="取消"):
        return None
    title = "导出档案登记簿（隐去身份信息）" if masked else "导出档案登记簿"
    name = f"困难职工档案登记簿{'（隐去身份信息）' if masked else ''}-{clock.today().isoformat()}.xlsx"
    out = ask_save_path(parent, "export", title, name, ".xlsx", "Excel 工作簿")
    if out is None:
        return None
    chosen = list(ids) if ids is not None else None

    def work(progress: ProgressFn) -> Written:
        from app.services import exchange  # openpyxl loads on first use, not at start-up

        # The service writes to a temporary file and renames it: a cancelled export leaves nothing.
        result = exchange.export_register("households", out, masked=masked, ids=chosen, progress=progress)
        return Written(result.path, result.rows)

    return runner.run(title, work, parent, on_done=on_written)


def print_households(parent: QWidget | None, runner: TaskRunner, form: str, ids: Sequence[int] | None,
                     on_written: Callable[[Written], None]) -> Task | None:
    """Ask where, print the form for these ids (or the form's default set) to a PDF, then open it."""
    title = PRINT_TITLES[form]
    if refused(parent, f"打印{title}", Permission.PRINT):
        return None
    scope = f"所选 {len(ids)} 户" if ids else PRINT_DEFAULTS[form]
    out = ask_save_path(parent, "print", f"打印{title}（{scope}）", f"{title}-{clock.today().isoformat()}.pdf",
                        ".pdf", "PDF 文件")
    if out is None:
        return None
    chosen = list(ids) if ids else None

    def work(progress: ProgressFn) -> Written:
        from app import printing  # reportlab loads on first use, not at start-up

        result = printing.print_forms(form, out, ids=chosen, progress=progress)
        return Written(result.path, result.pages, tuple(result.warnings))

    def done(written: Written) -> None:
        if written.warnings:
            messages.warn(parent, f"打印{title}", "\n".join(written.warnings))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
        on_written(written)

    return runner.run(f"打印{title}（{scope}）", work, parent, on_done=done)


def delete_household(parent: QWidget | None, events: AppEvents, row: HouseholdRow) -> bool:
    """Delete a file entered by mistake (only at 申报), after a confirmation naming it."""
    if not messages.confirm(parent, "删除档案",
                            f"确定删除档案 {row.file_no} {row.name} 吗？\n\n"
                            "只有误录入、仍为“申报”的档案可以删除，删除后不能恢复。\n"
                            "已进入审核的档案请使用“不予认定”或“退档”。",
                            yes="删除", no="取消", danger=True):
        return False
    try:
        change = households.delete_household(row.id)
    except KnownError as exc:
        messages.warn(parent, "不能删除", str(exc))
        return False
    events.announce_households(change.household_ids)
    return True


def purge_households(parent: QWidget | None, rows: Sequence[HouseholdRow]) -> int:
    """Delete closed files kept their full ten years (administrators), after a confirmation naming them."""
    if not rows or refused(parent, "清理过期档案", Permission.PURGE):
        return 0
    names = "、".join(f"{r.file_no} {r.name}" for r in rows[:5]) + (f" 等 {len(rows)} 户" if len(rows) > 5 else "")
    if not messages.confirm(parent, "清理过期档案",
                            f"确定删除 {names} 吗？\n\n这些档案退档、脱困或不予认定已满10年。删除后不能恢复，"
                            "删除的档案编号记入操作日志。", yes="删除", no="取消", danger=True):
        return 0
    from app.services import retention

    try:
        return retention.purge_households([r.id for r in rows])
    except KnownError as exc:
        messages.warn(parent, "未能清理", str(exc))
        return 0
