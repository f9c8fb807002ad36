"""A model worker's honours as rows to fill in: title, level, year awarded, document number; add and remove rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app import clock, vocab
from app.services.model_worker_forms import FIRST_YEAR, HonourForm, HonourView

HEADERS = ("称号", "级别", "授予年份", "文号", "")
DEFAULT_LEVEL = "市级"


class HonourRow:
    """The four fields of one honour and its remove button (widgets owned by the editor)."""

    def __init__(self, parent: QWidget) -> None:
        self.title = QComboBox(parent)
        self.title.addItems(list(vocab.HONOUR_TITLES))
        self.level = QComboBox(parent)
        self.level.addItems(list(vocab.HONOUR_LEVELS))
        self.level.setCurrentText(DEFAULT_LEVEL)
        self.year = QSpinBox(parent)
        self.year.setRange(FIRST_YEAR, clock.today().year)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(" 年")
        self.year.setMinimumWidth(96)
        self.document_no = QLineEdit(parent)
        self.document_no.setPlaceholderText("如 庆市发〔2015〕12号")
        self.remove = QPushButton("删除", parent)
        self.remove.setAutoDefault(False)
        self.remove.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.remove.setToolTip("删除这一项称号")

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.title, self.level, self.year, self.document_no, self.remove)

    def form(self) -> HonourForm:
        return HonourForm(self.title.currentText(), self.level.currentText(), self.year.value(),
                          self.document_no.text().strip())


class HonoursEditor(QWidget):
    """Starts with one row; 添加称号 adds another (several honours are allowed, at least one is needed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[HonourRow] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setColumnStretch(3, 1)
        for column, text in enumerate(HEADERS):
            label = QLabel(text, self)
            label.setObjectName("fieldHint")
            self.grid.addWidget(label, 0, column)
        self.add_button = QPushButton("添加称号", self)
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip("再添加一项荣誉称号（如先后获得市级、省部级劳模）")
        self.add_button.clicked.connect(lambda: self.add_row().title.setFocus())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_row()

    def add_row(self, honour: HonourForm | HonourView | None = None) -> HonourRow:
        row = HonourRow(self)
        if honour is not None:
            row.title.setCurrentText(honour.title)
            row.level.setCurrentText(honour.level)
            row.year.setValue(honour.year)
            row.document_no.setText(honour.document_no)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._relayout()
        return row

    def remove_row(self, row: HonourRow) -> None:
        if row not in self.rows:
            return
        self.rows.remove(row)
        for widget in row.widgets:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._relayout()

    def _relayout(self) -> None:
        for number, row in enumerate(self.rows, 1):
            for column, widget in enumerate(row.widgets):
                self.grid.addWidget(widget, number, column)
            row.remove.setEnabled(len(self.rows) > 1)
        previous: QWidget | None = None
        for row in self.rows:
            for widget in row.widgets[:4]:
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.add_button)

    def set_honours(self, honours: Sequence[HonourView]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for honour in honours:
            self.add_row(honour)
        if not self.rows:
            self.add_row()

    def honours(self) -> tuple[HonourForm, ...]:
        return tuple(row.form() for row in self.rows)

    @property
    def first_field(self) -> QWidget:
        return self.rows[0].title
