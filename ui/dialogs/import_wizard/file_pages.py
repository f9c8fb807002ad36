"""The wizard's first two pages: which file and register (encoding shown, every sheet listed), and the header row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.registers import get_register
from app.wizard.importers import importable_kinds
from app.wizard.sources import ENCODINGS
from app.wizard.steps import ImportWizard
from ui.dialogs.import_wizard.models import GridModel
from ui.dialogs.import_wizard.wizard_dialog import ImportWizardDialog, StepPage

FILE_FILTER = "表格文件 (*.xlsx *.xlsm *.xls *.ods *.et *.csv *.tsv *.txt);;所有文件 (*)"
SHOWN_ROWS = 40  # sheet rows shown to find the header in
DETECTED = "（自动识别）"


def busy_label(parent: QWidget) -> QLabel:
    label = QLabel("", parent)
    label.setObjectName("hint")
    return label


class FilePage(StepPage):
    """选择文件: the register to import into, the file, its format and encoding, and its sheets."""

    def __init__(self, dialog: ImportWizardDialog) -> None:
        super().__init__(dialog)
        self.setTitle("第1步：选择文件")
        self.setSubTitle("Excel（.xlsx .xls）、WPS（.et）、LibreOffice（.ods）或 CSV 文件均可。")
        self.kind_combo = QComboBox(self)
        for kind in importable_kinds():
            self.kind_combo.addItem(get_register(kind).title, kind)
        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("请点“选择文件…”")
        self.browse_button = QPushButton("选择文件…", self)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.info_label = QLabel("", self)
        self.info_label.setWordWrap(True)
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.addItem(DETECTED, None)
        for label in ENCODINGS:
            self.encoding_combo.addItem(label, label)
        self.encoding_combo.setEnabled(False)
        self.encoding_combo.setToolTip("文本文件（CSV）的编码；中文乱码时请换一种编码")
        self.encoding_combo.activated.connect(lambda _i: self.reopen())
        self.sheet_list = QListWidget(self)
        self.sheet_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sheet_list.itemActivated.connect(self.choose_sheet)
        self.sheet_list.itemClicked.connect(self.choose_sheet)
        self.busy = busy_label(self)
        form = QFormLayout()
        form.addRow("导入到：", self.kind_combo)
        form.addRow("文件：", row)
        form.addRow("格式：", self.info_label)
        form.addRow("编码：", self.encoding_combo)
        form.addRow("工作表：", self.sheet_list)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        self.kind_combo.activated.connect(lambda _i: self.reopen())
        self.path: Path | None = None

    def show_busy(self, text: str) -> None:
        self.busy.setText(text)

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, "选择要导入的文件", str(self.path.parent if self.path
                                                                                  else Path.home()), FILE_FILTER)
        if chosen:
            self.choose(Path(chosen))

    def choose(self, path: Path, kind: str | None = None) -> None:
        """Open `path` for `kind` (the register chosen above by default)."""
        if kind is not None:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.path = path
        self.path_edit.setText(str(path))
        self.encoding_combo.setCurrentIndex(0)
        self.reopen()

    def reopen(self) -> None:
        if self.path is None or self.dialog.busy:  # one step at a time; 取消 first
            return
        self.dialog.engine = None
        self.completeChanged.emit()
        self.dialog.open_file(self.path, self.kind, self.encoding_combo.currentData(), self.opened)

    def opened(self, engine: ImportWizard) -> None:
        info = engine.info
        self.info_label.setText(info.describe())
        text_file = info.encoding is not None
        self.encoding_combo.setEnabled(text_file)
        if text_file and self.encoding_combo.currentData() is None:
            self.encoding_combo.setItemText(0, f"{info.encoding}{DETECTED}")
        self.sheet_list.clear()
        for sheet in info.sheets:
            item = QListWidgetItem(sheet.name if sheet.visible else f"{sheet.name}（隐藏）", self.sheet_list)
            item.setData(256, sheet.name)
            if sheet.name == engine.sheet:
                item.setSelected(True)
                self.sheet_list.setCurrentItem(item)
        self.completeChanged.emit()

    def choose_sheet(self, item: QListWidgetItem) -> None:
        engine = self.dialog.engine
        name = str(item.data(256))
        if engine is None or name == engine.sheet or self.dialog.busy:
            return

        def work(progress: object) -> None:
            engine.choose_sheet(name, progress=progress)  # type: ignore[arg-type]
            engine.suggest_mapping()

        self.dialog.run_step(f"读取工作表“{name}”", work, lambda _r: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return self.dialog.engine is not None and super().isComplete()


class HeaderPage(StepPage):
    """列名行: where the column names are (found by itself, correctable), one or two rows high."""

    def __init__(self, dialog: ImportWizardDialog) -> None:
        super().__init__(dialog)
        self.setTitle("第2步：列名所在的行")
        self.setSubTitle("标题行、空行和合并单元格已跳过。如识别有误，请改正列名所在的行（蓝色）。")
        self.found_label = QLabel("", self)
        self.found_label.setWordWrap(True)
        self.row_spin = QSpinBox(self)
        self.row_spin.setRange(1, SHOWN_ROWS)
        self.height_combo = QComboBox(self)
        self.height_combo.addItem("一行", 1)
        self.height_combo.addItem("两行（合并表头）", 2)
        self.apply_button = QPushButton("按此识别", self)
        self.apply_button.clicked.connect(self.apply)
        row = QHBoxLayout()
        row.addWidget(QLabel("列名在第", self))
        row.addWidget(self.row_spin)
        row.addWidget(QLabel("行，占", self))
        row.addWidget(self.height_combo)
        row.addWidget(self.apply_button)
        row.addStretch(1)
        self.model = GridModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.clicked.connect(lambda index: self.row_spin.setValue(index.row() + 1))
        self.busy = busy_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.found_label)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.busy)

    def show_busy(self, text: str) -> None:
        self.busy.setText(text)

    def initializePage(self) -> None:
        engine = self.dialog.wizard
        rows = engine.grid()[:SHOWN_ROWS]
        self.row_spin.setRange(1, max(1, len(rows)))
        self.show_layout(engine)

    def show_layout(self, engine: ImportWizard) -> None:
        layout = engine.layout
        first, height = layout.header_rows[0], len(layout.header_rows)
        self.row_spin.setValue(first)
        self.height_combo.setCurrentIndex(height - 1)
        self.model.set_grid(engine.grid()[:SHOWN_ROWS], layout.header_rows)
        rows = "、".join(f"第{n}行" for n in layout.header_rows)
        how = "自动识别" if layout.guessed else "已指定"
        names = "、".join(c.title for c in layout.columns)
        self.found_label.setText(f"{how}：列名在{rows}，数据从第{layout.data_start}行开始，"
                                 f"共 {len(layout.columns)} 列：{names}")

    def wanted(self) -> tuple[int, int]:
        return self.row_spin.value(), int(self.height_combo.currentData())

    def apply(self) -> None:
        engine = self.dialog.wizard
        first, height = self.wanted()
        self.dialog.run_step("识别列名", lambda _p: engine.set_header(first, height),
                             lambda _layout: self.show_layout(engine))

    def validatePage(self) -> bool:
        engine = self.dialog.wizard
        layout = engine.layout
        first, height = self.wanted()
        if (first, height) == (layout.header_rows[0], len(layout.header_rows)):
            return True
        return self.leave_with("识别列名", lambda _p: engine.set_header(first, height), lambda _l: None)
