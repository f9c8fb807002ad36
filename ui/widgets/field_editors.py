"""An input widget for one register Field, chosen by its kind, with its message shown beside it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import validation as v
from app.registers.base import Field, Kind

PATTERNS = {
    Kind.ID_NUMBER: r"[0-9]{0,17}[0-9Xx]?",
    Kind.MOBILE: r"[0-9+ -]{0,16}",
    Kind.PHONE: r"[0-9+ -]{0,20}",
    Kind.CARD: r"[0-9 -]{0,25}",
    Kind.INT: r"[0-9]{0,4}",
}


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class FieldEditor(QWidget):
    """The input for `field`, a red message under it (set_error) and a grey hint (set_hint)."""

    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.touched = False  # the user has changed it: its messages are shown while typing
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.input = self._build()
        self.input.setObjectName(f"field_{field.key}")
        self.input.setToolTip(field.help)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("fieldHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.hide()
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self._layout.addWidget(self.hint_label)
        self._layout.addWidget(self.error_label)
        self.changed.connect(self._mark_touched)

    def _build(self) -> QWidget:
        raise NotImplementedError

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)

    def _mark_touched(self) -> None:
        self.touched = True

    def value(self) -> object:
        """The typed value, cleaned; raises ValueError with a Chinese message if it cannot be read."""
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        self.blockSignals(True)
        try:
            self._set(value)
        finally:
            self.blockSignals(False)

    def _set(self, value: object) -> None:
        raise NotImplementedError

    def set_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
        if bool(self.input.property("error")) != bool(message):
            self.input.setProperty("error", bool(message))
            _repolish(self.input)

    @property
    def error(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    def set_hint(self, text: str) -> None:
        self.hint_label.setText(text)
        self.hint_label.setVisible(bool(text))

    def set_read_only(self, read_only: bool) -> None:
        self.input.setEnabled(not read_only)

    def focus_input(self) -> None:
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)


class LineEditor(FieldEditor):
    """Text, numbers, codes: a line edit; what it accepts depends on the kind."""

    def _build(self) -> QWidget:
        edit = QLineEdit(self)
        kind = self.field.kind
        if self.field.max_length:
            edit.setMaxLength(self.field.max_length)
        pattern = PATTERNS.get(kind)
        if pattern:
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))
        if kind in (Kind.MONEY, Kind.DECIMAL, Kind.INT):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.setPlaceholderText("0.00" if kind is Kind.MONEY else "")
        elif kind is Kind.DATE:
            edit.setPlaceholderText(self.field.help or "如 2024-05-06")
        elif self.field.help and kind is Kind.TEXT:
            edit.setPlaceholderText(self.field.help)
        edit.textEdited.connect(lambda _text: self.changed.emit())
        self._add(edit)
        self.edit = edit
        return edit

    def text(self) -> str:
        return self.edit.text().strip()

    def value(self) -> object:
        text = self.text()
        kind = self.field.kind
        if not text:
            return None
        if kind is Kind.MONEY:
            return v.parse_money(text)
        if kind is Kind.DECIMAL:
            return v.parse_decimal(text)
        if kind is Kind.INT:
            return v.parse_int(text, minimum=self.field.minimum, maximum=self.field.maximum)
        if kind is Kind.DATE:
            return v.parse_date(text)
        if kind is Kind.ID_NUMBER:
            return text.upper().replace(" ", "")
        if kind in (Kind.MOBILE, Kind.PHONE, Kind.CARD):
            return _cleaned_code(kind, text)
        return text  # free text keeps its full-width punctuation (，（）：), as the import does

    def _set(self, value: object) -> None:
        if value is None or (isinstance(value, Decimal) and value == 0 and self.field.kind is Kind.MONEY):
            self.edit.setText("")
        elif isinstance(value, Decimal) and self.field.kind is Kind.MONEY:
            self.edit.setText(f"{value:.2f}")
        elif isinstance(value, datetime.date):
            self.edit.setText(value.isoformat())
        else:
            self.edit.setText(str(value))
        self.edit.setCursorPosition(0)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.edit.setProperty("readOnlyField", read_only)
        _repolish(self.edit)

    def set_completions(self, words: Sequence[str]) -> None:
        """Offer what was typed before (work units, unions), matching anywhere in the text."""
        completer = QCompleter(list(words), self.edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.edit.setCompleter(completer)


def _cleaned_code(kind: Kind, text: str) -> str:
    """Phone and card numbers without spaces when valid; as typed otherwise (the check reports it)."""
    check = {Kind.MOBILE: v.check_mobile, Kind.PHONE: v.check_phone, Kind.CARD: v.check_card}[kind]
    try:
        return check(text)
    except ValueError:
        return text


class NoteEditor(FieldEditor):
    """Free text over several lines (备注)."""

    def _build(self) -> QWidget:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(64)
        edit.textChanged.connect(self.changed.emit)
        self._add(edit)
        self.edit = edit
        return edit

    def value(self) -> object:
        text = self.edit.toPlainText().strip()
        if self.field.max_length and len(text) > self.field.max_length:
            raise ValueError(f"不能超过{self.field.max_length}个字")
        return text

    def _set(self, value: object) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class ChoiceEditor(FieldEditor):
    """One value from the field's list; an empty entry when the field is optional."""

    def __init__(self, field: Field, choices: Sequence[str], parent: QWidget | None = None) -> None:
        self._choices = list(choices)
        super().__init__(field, parent)

    def _build(self) -> QWidget:
        combo = QComboBox(self)
        combo.setEditable(False)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.addItem("")  # blank: not chosen yet (a required field then reports it)
        combo.addItems(self._choices)
        combo.setMaxVisibleItems(20)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._add(combo)
        self.combo = combo
        return combo

    def value(self) -> object:
        return self.combo.currentText() or None

    def _set(self, value: object) -> None:
        text = "" if value is None else str(value)
        index = self.combo.findText(text)
        if index < 0:  # a value retired from the list (older files) is still shown
            self.combo.addItem(text)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)


class MultiEditor(FieldEditor):
    """Several values from a list: a grid of check boxes."""

    COLUMNS = 4

    def __init__(self, field: Field, choices: Sequence[str], parent: QWidget | None = None) -> None:
        self._choices = list(choices)
        super().__init__(field, parent)

    def _build(self) -> QWidget:
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.boxes: list[QCheckBox] = []
        for i, choice in enumerate(self._choices):
            self._add_box(grid, i, choice)
        self._add(box)
        self._grid = grid
        return box

    def _add_box(self, grid: QGridLayout, index: int, text: str) -> None:
        check = QCheckBox(text)
        check.toggled.connect(lambda _on: self.changed.emit())
        grid.addWidget(check, index // self.COLUMNS, index % self.COLUMNS)
        self.boxes.append(check)

    def value(self) -> object:
        return tuple(b.text() for b in self.boxes if b.isChecked())

    def _set(self, value: object) -> None:
        wanted = list(value) if isinstance(value, tuple | list) else []
        for extra in wanted:
            if extra not in [b.text() for b in self.boxes]:
                self._add_box(self._grid, len(self.boxes), extra)
        for b in self.boxes:
            b.setChecked(b.text() in wanted)

    def focus_input(self) -> None:
        if self.boxes:
            self.boxes[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def set_error(self, message: str | None) -> None:
        super().set_error(message)
        for b in self.boxes:
            if bool(b.property("error")) != bool(message):
                b.setProperty("error", bool(message))
                _repolish(b)


class BoolEditor(FieldEditor):
    """是/否: a check box."""

    def _build(self) -> QWidget:
        check = QCheckBox("是", self)
        check.toggled.connect(lambda _on: self.changed.emit())
        self._add(check)
        self.check = check
        return check

    def value(self) -> object:
        return self.check.isChecked()

    def _set(self, value: object) -> None:
        self.check.setChecked(bool(value))


class DerivedEditor(LineEditor):
    """A figure the program computes (家庭人口, 月人均收入 …): shown, never typed."""

    def _build(self) -> QWidget:
        edit = super()._build()
        self.set_read_only(True)
        edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        edit.setPlaceholderText("")
        return edit

    def value(self) -> object:
        return None
