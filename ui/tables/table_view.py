"""A read-only list view set up the way every list of the program is: whole rows, alternating colours, no grid noise."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.registers.base import Field
from ui.tables.columns import fit_columns


def list_view(parent: QWidget, model: QAbstractItemModel, *, fields: Sequence[Field] | None = None,
              widths: Sequence[int] = (), multi: bool = True, stretch: int | None = None) -> QTableView:
    """`stretch`: the column that takes the spare width (default the last)."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    if fields is not None:
        fit_columns(table, fields)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def selected_rows(table: QTableView) -> list[int]:
    """Selected row numbers, read from the selection's ranges (fast for long lists)."""
    rows: set[int] = set()
    for block in table.selectionModel().selection():
        rows.update(range(block.top(), block.bottom() + 1))
    return sorted(rows)
