"""A short record form for the 培训就业 dialogs: problems listed above it and marked on their fields; Enter saves,
Esc cancels."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, KnownError, ValidationError
from ui.widgets.money_edit import MoneyEdit


class RecordFormDialog(QDialog):
    """Subclasses fill `form`, name their fields in `fields` (the services' keys) and implement save()."""

    def __init__(self, title: str, parent: QWidget | None, *, save_text: str = "保存", width: int = 520) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields: dict[str, QWidget] = {}
        self.summary = QLabel(self)
        self.summary.setObjectName("errorSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text)
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.summary)
        self.body.addLayout(self.form)
        self.body.addWidget(self.buttons)
        self.resize(width, 0)

    def save(self) -> None:
        raise NotImplementedError

    def attempt(self, work: Callable[[], Any], prefix: str = "未保存") -> tuple[bool, Any]:
        """Run the service call; a KnownError is shown on the form (and its fields) instead of closing."""
        self.clear_problems()
        try:
            return True, work()
        except KnownError as exc:
            self.show_problem(exc, prefix)
            return False, None

    @staticmethod
    def amount_of(edit: MoneyEdit, key: str, label: str) -> Decimal:
        """The amount typed (blank is 0.00); a ValidationError on that field if it is not an amount."""
        try:
            return edit.amount() or Decimal("0.00")
        except ValueError as exc:
            raise ValidationError([FieldError(key, label, str(exc))]) from None

    def clear_problems(self) -> None:
        self.summary.hide()
        for widget in self.fields.values():
            if widget.property("error"):
                widget.setProperty("error", False)
                widget.style().polish(widget)

    def show_problem(self, exc: KnownError | str, prefix: str = "未保存") -> None:
        if isinstance(exc, ValidationError):
            lines = [e.describe() for e in exc.errors]
            for error in exc.errors:
                widget = self.fields.get(error.field)
                if widget is not None:
                    widget.setProperty("error", True)
                    widget.style().polish(widget)
            first = next((self.fields[e.field] for e in exc.errors if e.field in self.fields), None)
            if first is not None:
                first.setFocus()
            text = f"{prefix}，请改正：\n" + "\n".join(f"· {line}" for line in lines)
        else:
            text = f"{prefix}：{exc}"
        self.summary.setText(text)
        self.summary.show()
