"""恢复备份 of a damaged database: an administrator of the backup signs for it; the copy runs in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app import paths
from app.errors import KnownError
from app.progress import ProgressFn
from app.services import restore
from app.services.backup import BackupInfo
from app.services.restore import RestoreResult
from ui.tasks import Task, TaskRunner
from ui.widgets.password_fields import error_label, password_edit, show_error
from ui.window_settings import last_username, remember_username


class RestoreAdminDialog(QDialog):
    """用户名 and 密码 of an administrator in the backup; 恢复 runs restore.replace_damaged with progress.

    Accepted once the backup is in place, the database open and that administrator signed in
    (`restored`). A wrong password, or any other refusal, is said here and the dialog stays open.
    """

    def __init__(self, database: Path, backup: BackupInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"恢复备份 — {paths.APP_TITLE}")
        self.database, self.backup = database, backup
        self.restored: RestoreResult | None = None
        self.task: Task | None = None
        self.runner = TaskRunner(self)
        intro = QLabel(f"将用 {backup.time:%Y-%m-%d %H:%M} 的备份（{backup.label}）替换损坏的数据库。"
                       "请输入这个备份中管理员账户的用户名和密码。", self)
        intro.setWordWrap(True)
        where = QLabel(f"备份文件：{backup.path}", self)
        where.setObjectName("hint")
        where.setWordWrap(True)
        self.username_edit = QLineEdit(last_username(), self)
        self.username_edit.setMaxLength(32)
        self.password_edit = password_edit(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("管理员用户名", self.username_edit)
        form.addRow("密码", self.password_edit)
        self.error_label = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton("恢复", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.cancel_button.setAutoDefault(False)  # Enter never cancels, wherever the focus went meanwhile
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)
        (self.password_edit if self.username_edit.text() else self.username_edit).setFocus()

    @property
    def busy(self) -> bool:
        return self.task is not None

    def accept(self) -> None:
        """Enter or 恢复: start the restore in the background (the dialog waits for it)."""
        if self.busy:
            return
        username, password = self.username_edit.text().strip(), self.password_edit.text()
        if not username or not password:
            show_error(self.error_label, "请输入管理员的用户名和密码。")
            (self.password_edit if username else self.username_edit).setFocus()
            return
        show_error(self.error_label, "")
        self._set_working(True)
        database, source = self.database, self.backup.path

        def work(progress: ProgressFn) -> RestoreResult:
            return restore.replace_damaged(database, source, username, password, progress, holder="程序窗口")

        self.task = self.runner.run("恢复备份", work, self, on_done=self._restored, on_error=self._refused)
        self.task.finished.connect(self._finished)

    def reject(self) -> None:
        """取消 or Esc: while the copy runs, ask it to stop (it stops only before the file is replaced)."""
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()

    def _restored(self, result: RestoreResult) -> None:
        self.restored = result
        remember_username(self.username_edit.text().strip())

    def _refused(self, exc: KnownError) -> None:
        show_error(self.error_label, str(exc))
        self.password_edit.clear()

    def _finished(self) -> None:
        outcome = self.task.outcome if self.task is not None else ""
        self.task = None
        self._set_working(False)
        if self.restored is not None:
            super().accept()
        elif outcome == "cancelled":
            show_error(self.error_label, "已取消：损坏的数据库留在原处，没有被替换。")
        elif outcome == "crash":
            show_error(self.error_label, "恢复没有完成：程序出错，详细信息已记入日志。")

    def _set_working(self, working: bool) -> None:
        for widget in (self.username_edit, self.password_edit, self.restore_button):
            widget.setEnabled(not working)
        self.restore_button.setText("正在恢复…" if working else "恢复")
        if not working:
            self.restore_button.setDefault(True)
            self.password_edit.setFocus()
