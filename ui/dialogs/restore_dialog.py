"""恢复备份 (administrators): the database's backups newest first, or a backup file from elsewhere, confirmed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.backup import BackupInfo
from ui import messages
from ui.tables.backups_model import UNSOUND_TIP, BackupsModel

INTRO = ("用所选备份替换当前数据库的全部内容。恢复前会先自动备份当前数据（列在这里，原因为“恢复前”），"
         "选错了也可以再恢复回来。")
EMPTY = "这个数据库的备份文件夹里还没有备份。可以用“选择文件…”选择别处（如U盘上）的备份文件。"


def confirm_restore(parent: QWidget | None, what: str) -> bool:
    """The last word before the data is replaced: what replaces it, and that the current data is kept first."""
    return messages.confirm(
        parent, "恢复备份",
        f"确定用{what}恢复吗？\n\n"
        "1. 先把当前数据库备份一份（恢复前备份）；\n"
        "2. 再用所选备份替换当前的全部数据：备份之后录入和修改的内容将不再显示，"
        "需要时可从恢复前备份找回。\n\n恢复期间请不要关闭程序。",
        yes="备份当前数据并恢复", no="取消", danger=True)


class RestoreDialog(QDialog):
    """Accepted with `chosen` set to the backup file the administrator confirmed; the window then restores it."""

    def __init__(self, backups: Sequence[BackupInfo], database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复备份")
        self.database = database
        self.chosen: Path | None = None
        self.model = BackupsModel(self)
        self.model.set_backups(backups)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in enumerate((160, 150, 80, 60)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _index: self.accept())  # Enter goes to the default button

        title = QLabel("恢复备份", self)
        title.setObjectName("dialogTitle")
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        where = QLabel(f"当前数据库：{database}", self)
        where.setObjectName("hint")
        where.setWordWrap(True)
        self.empty_label = QLabel(EMPTY, self)
        self.empty_label.setObjectName("warningSummary")
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not backups)

        self.file_button = QPushButton("选择文件…", self)
        self.file_button.setToolTip("恢复别处（如U盘上）的备份文件")
        self.file_button.setAutoDefault(False)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton("恢复所选备份…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.file_button.clicked.connect(self.choose_file)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._selection_changed())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.file_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(760, 440)
        sound = next((row for row in range(self.model.rowCount()) if self.model.backup(row).verified), None)
        if sound is not None:
            self.table.selectRow(sound)
        self._selection_changed()
        self.table.setFocus()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        backup = self.selected()
        self.restore_button.setEnabled(backup is not None and backup.verified)
        if backup is None:
            self.restore_button.setToolTip("请先在列表中选择一个备份")
        elif not backup.verified:
            self.restore_button.setToolTip(f"这个备份{UNSOUND_TIP}")
        else:
            self.restore_button.setToolTip(backup.describe())

    def accept(self) -> None:
        """恢复所选备份, Enter or a double click: confirmed first; 取消 there keeps the list open."""
        backup = self.selected()
        if backup is None or not backup.verified:
            return
        if confirm_restore(self, f" {backup.time:%Y-%m-%d %H:%M:%S} 的备份（{backup.label}）"):
            self.chosen = backup.path
            super().accept()

    def choose_file(self) -> None:
        """A backup from elsewhere (a USB drive, another folder); checked again when it is restored."""
        start = self.model.backup(0).path.parent if self.model.rowCount() else self.database.parent
        chosen, _filter = QFileDialog.getOpenFileName(self, "选择备份文件", str(start),
                                                      "帮扶工作台数据库 (*.sqlite *.db);;所有文件 (*)")
        if chosen and confirm_restore(self, f"备份文件 {chosen} "):
            self.chosen = Path(chosen)
            super().accept()
