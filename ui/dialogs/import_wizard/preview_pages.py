"""The wizard's last pages: what cleaning changed, the preview with duplicates and a choice per group, the result."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import session
from app.session import Permission
from app.wizard.apply import ImportOutcome
from app.wizard.importers import RowStatus
from app.wizard.preview import CHOICE_TEXT, Choice, Preview, RowPreview
from ui import messages
from ui.dialogs.import_wizard.file_pages import busy_label
from ui.dialogs.import_wizard.models import FIRST_FIELD, ChangesModel, PreviewModel
from ui.dialogs.import_wizard.wizard_dialog import ImportWizardDialog, StepPage

MAX_CHOICE_BOXES = 300  # groups past these are decided with the buttons below the list
ROW_FILTERS: tuple[tuple[str, RowStatus | str | None], ...] = (
    ("全部行", None), ("有错误", RowStatus.REJECTED), ("新增", RowStatus.NEW), ("更新", RowStatus.UPDATE),
    ("未变化", RowStatus.UNCHANGED), ("跳过", RowStatus.SKIPPED), ("重复或需核对", "groups"))


def _table(parent: QWidget, model: object) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)  # type: ignore[arg-type]
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


class CleaningPage(StepPage):
    """清洗: every rule with how many cells it changed, and each change (row, column, before, after)."""

    def __init__(self, dialog: ImportWizardDialog) -> None:
        super().__init__(dialog)
        self.setTitle("第4步：数据清洗")
        self.setSubTitle("日期、金额、全角数字、多余空格、可选值别名已统一。请核对清洗前后的值。")
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.rule_combo = QComboBox(self)
        self.rule_combo.activated.connect(lambda _i: self.show_changes())
        self.model = ChangesModel(self)
        self.table = _table(self, self.model)
        for column, width in enumerate((60, 110, 220, 220)):
            self.table.setColumnWidth(column, width)
        row = QHBoxLayout()
        row.addWidget(QLabel("显示：", self))
        row.addWidget(self.rule_combo)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        clean = self.dialog.wizard.clean()
        rules = "；".join(f"{rule} {count} 处" for rule, count in sorted(clean.rule_counts.items(),
                                                                       key=lambda kv: -kv[1])) or "没有需要清洗的值"
        skipped = (f"；已略过空行和合计、制表人等行：第{'、'.join(map(str, clean.skipped_rows[:20]))}行"
                   + ("等" if len(clean.skipped_rows) > 20 else "")) if clean.skipped_rows else ""
        self.summary.setText(f"共 {len(clean.rows)} 行数据。清洗规则：{rules}{skipped}。"
                             f"无法识别的值（{self.dialog.clean_errors} 处）在下一步标出。")
        self.rule_combo.clear()
        self.rule_combo.addItem(f"全部改动（{sum(clean.rule_counts.values())}）", None)
        for rule, count in sorted(clean.rule_counts.items(), key=lambda kv: -kv[1]):
            self.rule_combo.addItem(f"{rule}（{count}）", rule)
        self.show_changes()

    def show_changes(self) -> None:
        self.model.set_items(self.dialog.wizard.clean().changes_for(self.rule_combo.currentData()))


class PreviewPage(StepPage):
    """预览: every row with its problems, the counts, duplicate groups with a choice each; 导入 writes it all."""

    def __init__(self, dialog: ImportWizardDialog) -> None:
        super().__init__(dialog)
        self.setTitle("第5步：预览与重复")
        self.setSubTitle("尚未写入任何数据。红色为有错误的行（出错的格更深），黄色为重复或需核对的行。")
        self.setCommitPage(True)
        self.counts_label = QLabel("", self)
        self.counts_label.setObjectName("countsSummary")
        self.counts_label.setWordWrap(True)
        self.filter_combo = QComboBox(self)
        for text, _status in ROW_FILTERS:
            self.filter_combo.addItem(text)
        self.filter_combo.activated.connect(lambda _i: self.show_rows())
        self.shown_label = QLabel("", self)
        self.model = PreviewModel(self)
        self.table = _table(self, self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.groups_label = QLabel("", self)
        self.groups = QTableWidget(0, 3, self)
        self.groups.setHorizontalHeaderLabels(["重复或需核对", "行号", "处理"])
        self.groups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.groups.verticalHeader().hide()
        self.groups.setColumnWidth(0, 520)
        self.groups.setColumnWidth(1, 120)
        self.groups.horizontalHeader().setStretchLastSection(True)
        self.groups.itemSelectionChanged.connect(self.show_group_rows)
        self.all_skip = QPushButton("全部跳过", self)
        self.all_skip.clicked.connect(lambda: self.decide_all(Choice.SKIP))
        self.all_update = QPushButton("全部更新系统中的记录", self)
        self.all_update.clicked.connect(lambda: self.decide_all(Choice.UPDATE))
        self.leave_out = QCheckBox("跳过有错误的行，只导入无误的行", self)
        self.save_button = QPushButton("保存未导入的行…", self)
        self.save_button.setToolTip("问题清单（行号、列、原因）和原样的行，改正后可再导入")
        self.save_button.clicked.connect(self.save_rejected)
        top = QHBoxLayout()
        top.addWidget(QLabel("显示：", self))
        top.addWidget(self.filter_combo)
        top.addWidget(self.shown_label, 1)
        rows_box = QWidget(self)
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.addLayout(top)
        rows_layout.addWidget(self.table, 1)
        groups_box = QWidget(self)
        groups_layout = QVBoxLayout(groups_box)
        groups_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.groups_label, 1)
        buttons.addWidget(self.all_skip)
        buttons.addWidget(self.all_update)
        groups_layout.addLayout(buttons)
        groups_layout.addWidget(self.groups, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(rows_box)
        splitter.addWidget(groups_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.leave_out)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        self.busy = busy_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.busy)

    def show_busy(self, text: str) -> None:
        self.busy.setText(text)

    def initializePage(self) -> None:
        self.show_preview(self.dialog.wizard.preview)

    def show_preview(self, preview: Preview) -> None:
        self.dialog.preview = preview
        counts = preview.counts
        self.counts_label.setText(
            f"<b>共 {counts.total} 行：新增 {counts.new}，更新 {counts.updated}，未变化 {counts.unchanged}，"
            f"跳过 {counts.skipped}，<span style='color:#b02a37'>有错误 {counts.rejected}</span></b>"
            + ("".join(f"<br>{p.message}" for p in preview.problems if p.row is None)))
        self.leave_out.setEnabled(counts.rejected > 0)
        self.save_button.setEnabled(counts.rejected + counts.skipped > 0)
        self.show_rows()
        self.show_groups(preview)

    def rows(self) -> Sequence[RowPreview]:
        preview = self.dialog.wizard.preview
        wanted = ROW_FILTERS[max(0, self.filter_combo.currentIndex())][1]
        if wanted is None:
            return preview.rows
        if wanted == "groups":
            return preview.flagged_rows()
        return preview.rows_where(RowStatus(wanted))

    def show_rows(self, rows: Sequence[RowPreview] | None = None) -> None:
        engine = self.dialog.wizard
        shown = self.rows() if rows is None else rows
        clean = engine.clean()
        columns = engine.mapping.columns()

        def raw(number: int, key: str) -> object:
            cells, index = clean.source_of(number), columns.get(key, -1)
            return cells[index] if 0 <= index < len(cells) else None

        self.model.set_rows(shown, clean.fields, masked=not session.may(Permission.REVEAL), raw=raw)
        self.shown_label.setText(f"{len(shown)} 行")
        for column, width in enumerate((50, 60, 300)):
            self.table.setColumnWidth(column, width)
        for column, f in enumerate(clean.fields, FIRST_FIELD):
            self.table.setColumnWidth(column, max(70, min(170, f.width * 9)))

    def show_groups(self, preview: Preview) -> None:
        groups = preview.groups
        self.groups_label.setText(f"重复或需核对：{len(groups)} 组（每组选择如何处理）" if groups
                                  else "没有重复的行。")
        self.all_skip.setEnabled(bool(groups))
        self.all_update.setEnabled(any(Choice.UPDATE in g.choices and g.where == "database" for g in groups))
        self.groups.setRowCount(len(groups))
        for row, group in enumerate(groups):
            self.groups.setItem(row, 0, QTableWidgetItem(group.description))
            self.groups.setItem(row, 1, QTableWidgetItem("、".join(map(str, group.rows))))
            if row < MAX_CHOICE_BOXES:
                combo = QComboBox(self.groups)
                for choice in group.choices:
                    combo.addItem(CHOICE_TEXT[choice], choice)
                combo.setCurrentIndex(max(0, combo.findData(group.choice)))
                combo.activated.connect(lambda _i, g=group.id, box=combo: self.decide(g, box.currentData()))
                self.groups.setCellWidget(row, 2, combo)
            else:
                self.groups.setItem(row, 2, QTableWidgetItem(group.choice_text))

    def show_group_rows(self) -> None:
        """Selecting a group lists its rows above."""
        selected = {i.row() for i in self.groups.selectedIndexes()}
        groups = self.dialog.wizard.preview.groups
        numbers = {n for r in selected if r < len(groups) for n in groups[r].rows}
        if numbers:
            self.show_rows(self.dialog.wizard.preview.rows_numbered(numbers))

    def decide(self, group_id: str, choice: object) -> None:
        self.decide_many({group_id: Choice(str(choice))})

    def decide_all(self, choice: Choice) -> None:
        preview = self.dialog.wizard.preview
        self.decide_many({g.id: choice for g in preview.groups if choice in g.choices})

    def decide_many(self, choices: dict[str, Choice]) -> None:
        engine = self.dialog.wizard
        self.dialog.run_step("重新检查", lambda progress: engine.decide_many(choices, progress), self.show_preview)

    def save_rejected(self) -> None:
        engine = self.dialog.wizard
        source = engine.info.path
        chosen, _filter = QFileDialog.getSaveFileName(self, "保存未导入的行", str(source.with_name(
            f"{source.stem}-未导入的行.xlsx")), "Excel 工作簿 (*.xlsx)")
        if not chosen:
            return
        out = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx")
        self.dialog.run_step("保存未导入的行", lambda _p: engine.save_rejected(out, include_skipped=True),
                             lambda path: messages.inform(self, "保存未导入的行", f"已保存：{path}"))

    def validatePage(self) -> bool:
        if self._leave_ok:  # the import has just finished
            return True
        engine = self.dialog.wizard
        counts = engine.preview.counts
        leave_out = self.leave_out.isChecked()
        if counts.rejected and not leave_out:
            messages.warn(self, "导入", f"有 {counts.rejected} 行有错误。请改正文件后重新导入，"
                                        "或勾选“跳过有错误的行”（可先保存未导入的行）。")
            return False
        text = (f"将新增 {counts.new} 条、更新 {counts.updated} 条"
                + (f"，跳过 {counts.skipped + counts.rejected} 行" if counts.skipped + counts.rejected else "")
                + "。\n导入前会自动备份数据库；导入全部完成或全部不做。确定导入？")
        if not messages.confirm(self, "导入", text, yes="导入", no="取消"):
            return False
        return self.leave_with("导入", lambda progress: engine.confirm(progress, leave_out_rejected=leave_out),
                               self.dialog.imported_now)


class ResultPage(StepPage):
    """结果: what was written, the backup made before it, and the rows left out (can be saved)."""

    def __init__(self, dialog: ImportWizardDialog) -> None:
        super().__init__(dialog)
        self.setTitle("导入完成")
        self.result_label = QLabel("", self)
        self.result_label.setObjectName("resultSummary")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton("保存未导入的行…", self)
        self.save_button.clicked.connect(lambda: self.dialog.preview_page.save_rejected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        outcome: ImportOutcome | None = self.dialog.outcome
        if outcome is None:
            return
        lines = [outcome.describe()]
        if outcome.backup is not None:
            lines.append(f"导入前的数据已备份到：{outcome.backup}")
        lines.append("本文件的列对应已保存，同样格式的文件下次会自动对应。")
        self.result_label.setText("\n\n".join(lines))
        left_out = outcome.counts.skipped + outcome.counts.rejected
        self.save_button.setVisible(left_out > 0)
        self.save_button.setText(f"保存未导入的 {left_out} 行…")
