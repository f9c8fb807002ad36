"""What the 信访 and 法律援助 dialogs share: a form, a red summary of what is wrong; Enter saves, Esc cancels."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError

HINT = "回车保存（多行文字中按 Ctrl+回车）· Esc 取消 · 带 * 的为必填项"


def text_box(parent: QWidget, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
    """A multi-line field in which Tab moves on (and Enter starts a new line)."""
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class StepForm(QDialog):
    """Subclasses fill `form` and implement `save()`, calling `refuse()` when the service says no."""

    def __init__(self, title: str, parent: QWidget | None = None, *, ok: str = "保存", heading: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.summary = QLabel(self)
        self.summary.setObjectName("errorSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("fieldHint")
        self.heading.setWordWrap(True)
        self.heading.setVisible(bool(heading))
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok)
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(HINT, self)
        hint.setObjectName("hint")
        footer = QHBoxLayout()
        footer.addWidget(hint)
        footer.addStretch(1)
        footer.addWidget(self.buttons)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.summary)
        self.body.addLayout(self.form)
        self.footer = footer
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.save)

    def finish_layout(self, *, stretch: bool = True) -> None:
        """After the form (and anything added below it): the buttons last; spare height below the form."""
        if stretch:
            self.body.addStretch(1)
        self.body.addLayout(self.footer)

    def save(self) -> None:
        raise NotImplementedError

    def refuse(self, error: KnownError | str, *, prefix: str = "未保存：") -> None:
        """Show what is wrong above the form (nothing was written)."""
        if isinstance(error, ValidationError):
            text = prefix + "\n" + "\n".join(f"· {e.label}：{e.message}" for e in error.errors)
        else:
            text = f"{prefix}{error}"
        self.summary.setText(text)
        self.summary.show()
