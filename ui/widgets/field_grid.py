"""Lays out field editors as label/input pairs, two pairs a row; long fields take a whole row."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.registers.base import Kind
from ui.widgets.field_editors import FieldEditor

WIDE_TEXT = 20  # a text field this wide (in Excel characters) or more gets a row of its own


def is_wide(editor: FieldEditor) -> bool:
    field = editor.field
    return field.kind is Kind.MULTI or (field.kind is Kind.TEXT and field.width >= WIDE_TEXT)


def field_label(editor: FieldEditor) -> QLabel:
    """The field's Chinese label; a red * marks a required one."""
    field = editor.field
    star = '<span style="color:#c62828">*</span>' if field.required else ""
    label = QLabel(f"{field.label}{star}")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    label.setObjectName("fieldLabel")
    label.setBuddy(editor.input)
    label.setToolTip(field.help)
    return label


def grid_of(editors: Iterable[FieldEditor], parent: QWidget, columns: int = 2,
            label_width: int = 0) -> QGridLayout:
    """A grid of label/input pairs in the order given, `columns` pairs a row.

    Give the same `label_width` to several grids and their inputs line up.
    """
    grid = QGridLayout(parent)
    grid.setHorizontalSpacing(8)
    grid.setVerticalSpacing(6)
    row, col = 0, 0
    for editor in editors:
        wide = is_wide(editor)
        if wide and col:
            row, col = row + 1, 0
        grid.addWidget(field_label(editor), row, col * 2)
        span = columns * 2 - 1 if wide else 1
        grid.addWidget(editor, row, col * 2 + 1, 1, span)
        col = 0 if wide else col + 1
        if col == 0 or col >= columns:
            row, col = row + 1, 0
    for c in range(columns):
        grid.setColumnStretch(c * 2 + 1, 1)
        grid.setColumnMinimumWidth(c * 2, label_width)
    return grid


def label_width(editors: Iterable[FieldEditor], parent: QWidget) -> int:
    """The width of the longest label among these fields (for lining up several grids)."""
    metrics = parent.fontMetrics()
    return max((metrics.horizontalAdvance(e.field.label + "*") for e in editors), default=0) + 4
