"""The records behind one figure of the 统计 tab, read-only, with how many there are."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.services.summary_records import FigureRecords
from ui.tables.table_view import list_view
from ui.tables.text_table import TextTableModel

NUMERIC = frozenset({"现金", "物资折价", "合计", "金额", "追回金额", "涉及职工", "学员", "数量", "结对数"})


class FigureRecordsDialog(QDialog):
    def __init__(self, figure: str, value: str, records: FigureRecords, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{figure}：{value}")
        self.records = records
        layout = QVBoxLayout(self)
        heading = f"{records.title}，共 {records.total} 条" if records.title else figure
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("sectionTitle")
        layout.addWidget(self.heading)
        if records.note:
            self.note = QLabel(records.note, self)
            self.note.setWordWrap(True)
            layout.addWidget(self.note)
        self.model = TextTableModel(self, headers=records.headers,
                                    numeric=[i for i, h in enumerate(records.headers) if h in NUMERIC])
        self.model.set_rows(list(records.rows))
        if records.headers:
            self.table = list_view(self, self.model)
            self.table.resizeColumnsToContents()
            for column in range(len(records.headers)):
                self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
            layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 460 if records.headers else 160)
