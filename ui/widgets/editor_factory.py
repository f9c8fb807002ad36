"""Which editor a register Field gets, by its kind (one description drives list and dialog alike)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.registers.base import Field, Kind
from ui.widgets.date_editor import DateEditor
from ui.widgets.field_editors import (
    BoolEditor,
    ChoiceEditor,
    DerivedEditor,
    FieldEditor,
    LineEditor,
    MultiEditor,
    NoteEditor,
)

LONG_TEXT_KEYS = frozenset({"note"})  # several lines


def make_editor(field: Field, lists: dict[str, tuple[str, ...]], parent: QWidget | None = None) -> FieldEditor:
    """The editor for a field, by its kind (derived fields are read-only)."""
    if field.derived:
        return DerivedEditor(field, parent)
    kind = field.kind
    if kind is Kind.CHOICE:
        return ChoiceEditor(field, lists.get(field.choices or field.key, ()), parent)
    if kind is Kind.MULTI:
        return MultiEditor(field, lists.get(field.choices or field.key, ()), parent)
    if kind is Kind.BOOL:
        return BoolEditor(field, parent)
    if kind is Kind.DATE:
        return DateEditor(field, parent)
    if kind is Kind.TEXT and field.key in LONG_TEXT_KEYS:
        return NoteEditor(field, parent)
    return LineEditor(field, parent)
