"""备份: the open database's backups in its backups folder, newest first (a few dozen at most, read at once)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.services.backup import BackupInfo, megabytes
from ui.tables.rows_model import RowsModel

HEADERS = ("备份时间", "原因", "大小", "状态", "文件名")
UNSOUND = QColor("#8a94a3")
UNSOUND_TIP = "文件不完整或不是本程序的数据库，不能用来恢复"
SIZE = 2


def state_text(info: BackupInfo) -> str:
    return "完好" if info.verified else "不可用"


class BackupsModel(RowsModel[BackupInfo]):
    headers = HEADERS

    def set_backups(self, backups: Sequence[BackupInfo]) -> None:
        self.set_items(backups)

    def backup(self, row: int) -> BackupInfo:
        return self.item(row)

    def texts(self, item: BackupInfo) -> tuple[str, ...]:
        return f"{item.time:%Y-%m-%d %H:%M:%S}", item.label, megabytes(item.size), state_text(item), item.path.name

    def tooltip(self, item: BackupInfo) -> object:
        return str(item.path) if item.verified else f"{item.path}：{UNSOUND_TIP}"

    def alignment(self, column: int) -> object:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column == SIZE else None

    def foreground(self, item: BackupInfo) -> object:
        return None if item.verified else UNSOUND
