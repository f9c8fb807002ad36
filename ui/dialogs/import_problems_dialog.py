"""Why an import was refused: every problem with its sheet, row and column; the list can be copied."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError
from ui.tables.problems_model import ProblemsModel


class ImportProblemsDialog(QDialog):
    """Nothing was written; the clerk corrects the workbook (the copied list helps) and imports again."""

    def __init__(self, title: str, problems: Sequence[FieldError], parent: QWidget | None = None, *,
                 intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model = ProblemsModel(problems, self)
        text = intro or (f"发现 {len(problems)} 处问题，未导入任何记录。请在工作簿中改正后重新导入。"
                         "（可复制问题清单，粘贴到 Excel 或发给他人）")
        label = QLabel(text, self)
        label.setObjectName("errorSummary")
        label.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((90, 60, 120)):
            self.table.setColumnWidth(column, width)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.copy_button = buttons.addButton("复制问题清单", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Copy, self.table, self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.model.as_text())
        self.copy_button.setText("已复制")
