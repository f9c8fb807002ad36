"""数据库已损坏: what the start-up check found, in plain Chinese, and the newest verified backup offered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import paths
from app.services.backup import megabytes
from app.services.integrity import DatabaseDamaged
from ui.dialogs.login_dialog import dialog_heading


def backup_summary(exc: DatabaseDamaged) -> str:
    """The offer, in one paragraph (only called when there is a backup)."""
    assert exc.backup is not None
    b = exc.backup
    return (f"可以用最新的完好备份恢复：{b.time:%Y-%m-%d %H:%M}（{b.label}，{megabytes(b.size)}）。"
            "恢复需要这个备份中管理员账户的用户名和密码。备份之后录入的内容不在备份中，恢复后请核对补录。")


class DamagedDatabaseDialog(QDialog):
    """Accepted: the user wants the backup restored (asked only when there is one); rejected: leave it alone."""

    def __init__(self, exc: DatabaseDamaged, parent: QWidget | None = None, *, quit_text: str = "退出") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"数据库已损坏 — {paths.APP_TITLE}")
        self.explanation = QLabel(str(exc), self)
        self.explanation.setObjectName("errorSummary")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.offer = QLabel(backup_summary(exc) if exc.backup is not None else "", self)
        self.offer.setWordWrap(True)
        self.offer.setVisible(exc.backup is not None)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton("用这个备份恢复…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setVisible(exc.backup is not None)
        self.quit_button = self.buttons.addButton(quit_text, QDialogButtonBox.ButtonRole.RejectRole)
        (self.restore_button if exc.backup is not None else self.quit_button).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(dialog_heading(self, "数据库文件已损坏", "程序没有打开它，也没有改动它。"))
        layout.addWidget(self.explanation)
        layout.addWidget(self.offer)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.setMaximumWidth(760)
