"""Asks why before something is undone (撤销救助记录): a short reason, required; Enter confirms, Esc cancels."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    def __init__(self, title: str, text: str, parent: QWidget | None = None, *, ok: str = "确定",
                 placeholder: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(text, self)
        label.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(placeholder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok)
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(QLabel("原因 *", self))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.label = label
        # Tall enough for the wrapped text: at (440, 0) Qt's minimum height ignores wrapping, and the
        # record being undone (its first line) and the end of the note were cut off
        self.resize(440, max(self.heightForWidth(440), self.sizeHint().height()))

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def accept(self) -> None:
        if self.reason:
            super().accept()
