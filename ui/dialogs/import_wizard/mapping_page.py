"""The wizard's 列对应 page: each column of the sheet onto a field of the register, suggested, editable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.progress import ProgressFn
from app.wizard.preview import Preview
from ui import messages
from ui.dialogs.import_wizard.file_pages import busy_label
from ui.dialogs.import_wizard.wizard_dialog import ImportWizardDialog, StepPage

HEADERS = ("列", "列名", "样例", "导入为", "依据")
LEFT_OUT = "（不导入）"


class MappingPage(StepPage):
    """列对应: the saved mapping of this layout, else one suggested from the headers; saved again after the import."""

    def __init__(self, dialog: ImportWizardDialog) -> None:
        super().__init__(dialog)
        self.setTitle("第3步：列对应")
        self.setSubTitle("每一列导入为哪一项（已按列名推荐，可修改）。导入后记住此对应，同样格式的文件下次自动对应。")
        self.note_label = QLabel("", self)
        self.note_label.setWordWrap(True)
        self.missing_label = QLabel("", self)
        self.missing_label.setObjectName("errorSummary")
        self.missing_label.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((40, 160, 260, 200)):
            self.table.setColumnWidth(column, width)
        self.combos: dict[int, QComboBox] = {}
        self.busy = busy_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.busy)

    def show_busy(self, text: str) -> None:
        self.busy.setText(text)

    def initializePage(self) -> None:
        engine = self.dialog.wizard
        fields = engine.register.importable_fields()
        columns = engine.layout.columns
        self.table.setRowCount(len(columns))
        self.combos = {}
        for row, column in enumerate(columns):
            self.table.setItem(row, 0, QTableWidgetItem(column.letter))
            self.table.setItem(row, 1, QTableWidgetItem(column.title))
            samples = QTableWidgetItem("，".join(column.samples))
            samples.setToolTip("\n".join(column.samples))
            self.table.setItem(row, 2, samples)
            combo = QComboBox(self.table)
            combo.addItem(LEFT_OUT, None)
            for f in fields:
                combo.addItem(f"{f.label}{'（必填）' if f.required else ''}", f.key)
            combo.setMaxVisibleItems(20)
            combo.activated.connect(lambda _i, c=column.index, box=combo: self.assign(c, box.currentData()))
            self.table.setCellWidget(row, 3, combo)
            self.table.setItem(row, 4, QTableWidgetItem(""))
            self.combos[column.index] = combo
        self.show_mapping()

    def show_mapping(self) -> None:
        engine = self.dialog.wizard
        mapping = engine.mapping
        for row, a in enumerate(mapping.assignments):
            combo = self.combos.get(a.column)
            if combo is None:
                continue
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(a.field)))
            combo.blockSignals(False)
            item = self.table.item(row, 4)
            if item is not None:
                item.setText(a.how_text if a.field else "")
        saved = any(a.how == "saved" for a in mapping.assignments)
        mapped = sum(1 for a in mapping.assignments if a.field)
        self.note_label.setText(("已按上次导入同样格式文件时保存的对应填好。" if saved else "")
                                + f"导入到“{engine.register.title}”："
                                  f"{len(mapping.assignments)} 列中已对应 {mapped} 列。")
        missing = mapping.missing(engine.register)
        self.missing_label.setText("尚未对应的必填项：" + "、".join(f.label for f in missing) if missing else "")
        self.missing_label.setVisible(bool(missing))

    def assign(self, column: int, field: object) -> None:
        self.dialog.wizard.assign(column, None if field is None else str(field))
        self.show_mapping()

    def validatePage(self) -> bool:
        engine = self.dialog.wizard
        missing = engine.mapping.missing(engine.register)
        if missing:
            labels = "、".join(f.label for f in missing)
            messages.warn(self, "列对应", f"还没有对应到必填的列：{labels}。请在“导入为”中指定。")
            return False
        def work(progress: ProgressFn) -> tuple[Preview, int]:
            preview = engine.check(progress)
            clean = engine.clean()
            clean.changes_for(None)  # the cleaning record's rows found here, not on the window's thread
            return preview, clean.error_count

        return self.leave_with("检查数据", work, self.checked)

    def checked(self, result: tuple[Preview, int]) -> None:
        self.dialog.preview, self.dialog.clean_errors = result
