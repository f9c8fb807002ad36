"""Column widths of a table view from the register's Field.width (the same widths the Excel export uses)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from app.registers.base import Field, Kind

MAX_TEXT_CHARS = 18  # a text column shows at most this many half-width characters before eliding


def column_widths(fields: Sequence[Field], half_char_px: int, header_px: Sequence[int]) -> list[int]:
    """Never narrower than the header; long texts (units, unions) capped, the rest elided."""
    widths = []
    for field, header in zip(fields, header_px, strict=True):
        chars = min(field.width, MAX_TEXT_CHARS) if field.kind is Kind.TEXT else field.width
        widths.append(max(header + 26, chars * half_char_px + 10))
    return widths


def fit_columns(view: QTableView, fields: Sequence[Field]) -> None:
    """Set the initial widths without reading any rows (the list may hold 100,000)."""
    half = (view.fontMetrics().horizontalAdvance("中") + 1) // 2
    bold = view.horizontalHeader().font()
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    headers = [metrics.horizontalAdvance(f.label) for f in fields]
    for column, width in enumerate(column_widths(fields, half, headers)):
        view.setColumnWidth(column, width)
