"""Backups from the window: the daily one after sign-in, 立即备份 and 备份到…, and 恢复备份, each in the background."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app import clock
from app.errors import KnownError
from app.progress import ProgressFn
from app.services import backup, restore
from app.services.backup import BackupInfo
from app.services.restore import RestoreResult
from app.session import Permission
from ui.operations.households import refused
from ui.tasks import Task, TaskRunner
from ui.window_settings import window_settings

log = logging.getLogger("bangfu.ui.backup")

DAILY_SHOW_AFTER_MS = 5000  # the daily backup shows its progress only if it is really taking a while
BACKUP_FOLDER = "backup/folder"  # where 备份到… last wrote (a USB drive, say)


def daily_backup(parent: QWidget | None, runner: TaskRunner, report: Callable[[str], None]) -> Task:
    """Back up the open database if no backup was made today; the outcome goes to `report` (the status bar).

    Nobody asked for it, so nothing pops up unless it takes long, and a failure, whatever it is,
    is a line in the status bar (and the log), never a crash dialog: work goes on without it.
    """
    def work(progress: ProgressFn) -> BackupInfo | None:
        try:
            return backup.daily_backup_if_due(progress)
        except KnownError:
            raise
        except Exception as exc:
            log.exception("每日自动备份出错")
            raise KnownError(f"出错（{exc}），详细信息已记入日志。") from exc

    def done(info: BackupInfo | None) -> None:
        if info is not None:
            report(f"今日自动备份已完成：{info.path}")

    return runner.run("每日自动备份", work, parent, on_done=done,
                      on_error=lambda exc: report(f"每日自动备份未完成：{exc}"),
                      show_after_ms=DAILY_SHOW_AFTER_MS)


def backup_to_folder(parent: QWidget | None, runner: TaskRunner, on_done: Callable[[BackupInfo], None]) -> Task | None:
    """立即备份: a verified copy into the database's own backups folder, asking nothing."""
    if refused(parent, "立即备份", Permission.BACKUP):
        return None
    return runner.run("立即备份", lambda progress: backup.backup_now(backup.MANUAL, progress=progress), parent,
                      on_done=on_done)


def ask_backup_file(parent: QWidget | None, database: Path) -> Path | None:
    """Where 备份到… should write: a file name proposed in the folder used last time (e.g. a USB drive)."""
    state = window_settings()
    last = state.value(BACKUP_FOLDER, "")
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(last) if isinstance(last, str) and last else Path(documents or Path.home())
    name = f"{database.stem}-备份-{clock.now():%Y%m%d-%H%M}.sqlite"
    chosen, _filter = QFileDialog.getSaveFileName(parent, "备份到", str(folder / name),
                                                  "帮扶工作台数据库 (*.sqlite);;所有文件 (*)")
    if not chosen:
        return None
    path = Path(chosen)
    if not path.is_dir() and path.suffix.lower() not in (".sqlite", ".db"):
        path = path.with_name(path.name + ".sqlite")
    state.setValue(BACKUP_FOLDER, str(path if path.is_dir() else path.parent))
    state.sync()
    return path


def backup_to_file(parent: QWidget | None, runner: TaskRunner, database: Path,
                   on_done: Callable[[BackupInfo], None]) -> Task | None:
    """备份到…: a verified copy to a file or folder of the user's choosing; it is theirs, never rotated."""
    if refused(parent, "备份到", Permission.BACKUP):
        return None
    target = ask_backup_file(parent, database)
    if target is None:
        return None
    return runner.run("备份到", lambda progress: backup.backup_now(backup.MANUAL, target, progress), parent,
                      on_done=on_done)


def restore_from(parent: QWidget | None, runner: TaskRunner, source: Path,
                 on_done: Callable[[RestoreResult], None]) -> Task | None:
    """Replace the open database's contents with a backup (the confirmation was asked by the restore dialog)."""
    if refused(parent, "恢复备份", Permission.RESTORE):
        return None
    return runner.run("恢复备份", lambda progress: restore.restore_backup(source, progress), parent, on_done=on_done)
