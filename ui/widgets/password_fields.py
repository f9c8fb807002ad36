"""Typing a new password twice, with the password rule checked and shown under the field as it is typed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import KnownError
from app.services import accounts

RULE = f"至少{accounts.MIN_PASSWORD}位，请混合使用字母和数字"


def password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


def error_label(parent: QWidget) -> QLabel:
    """A red message inside a dialog (hidden while empty)."""
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
    fit_height(label.window())


def fit_height(window: QWidget) -> None:
    """Grow a shown dialog to fit a message that wraps: its minimum size leaves out a wrapped label's
    height for its width, so the fields above would be squeezed to slivers instead."""
    if not window.isVisible() or window.layout() is None:
        return
    needed = window.heightForWidth(window.width())
    if needed > window.height():
        window.resize(window.width(), needed)


class NewPasswordFields(QObject):
    """Two rows of a form: the new password with its rule under it, and the same again."""

    changed = Signal()

    def __init__(self, form: QFormLayout, parent: QWidget, *, label: str = "密码",
                 repeat_label: str = "再次输入密码") -> None:
        super().__init__(parent)
        self.edit = password_edit(parent)
        self.repeat = password_edit(parent)
        self.rule_label = QLabel(RULE, parent)
        self.rule_label.setObjectName("fieldHint")
        self.rule_label.setWordWrap(True)
        self.repeat_label = QLabel(parent)
        self.repeat_label.setObjectName("fieldError")
        self.repeat_label.hide()
        form.addRow(label, self._stacked(parent, self.edit, self.rule_label))
        form.addRow(repeat_label, self._stacked(parent, self.repeat, self.repeat_label))
        self.edit.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)

    @staticmethod
    def _stacked(parent: QWidget, edit: QLineEdit, label: QLabel) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(edit)
        layout.addWidget(label)
        return box

    @property
    def password(self) -> str:
        return self.edit.text()

    def rule_problem(self) -> str:
        """What accounts.check_password says about the password typed (empty when it is acceptable)."""
        try:
            accounts.check_password(self.edit.text())
        except KnownError as exc:
            return str(exc)
        return ""

    def problem(self) -> str:
        """The first thing to fix before the password can be used, or ""."""
        rule = self.rule_problem()
        if rule:
            return rule
        if self.repeat.text() != self.edit.text():
            return "两次输入的密码不一致。"
        return ""

    def _update(self) -> None:
        typed = self.edit.text()
        rule = self.rule_problem() if typed else ""
        if not typed:
            self.rule_label.setText(RULE)
            self.rule_label.setObjectName("fieldHint")
        elif rule:
            self.rule_label.setText(rule)
            self.rule_label.setObjectName("fieldError")
        else:
            self.rule_label.setText("✓ 密码符合要求")
            self.rule_label.setObjectName("fieldOk")
        self.rule_label.style().unpolish(self.rule_label)
        self.rule_label.style().polish(self.rule_label)
        mismatch = bool(self.repeat.text()) and self.repeat.text() != typed
        self.repeat_label.setText("两次输入的密码不一致" if mismatch else "")
        self.repeat_label.setVisible(mismatch)
        self.changed.emit()

    def clear(self) -> None:
        self.edit.clear()
        self.repeat.clear()
