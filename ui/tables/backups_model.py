"""备份: the open database's backups in its backups folder, newest first (a few dozen at most, read at once)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.backup import BackupInfo, megabytes

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("备份时间", "原因", "大小", "状态", "文件名")
UNSOUND = QColor("#8a94a3")


UNSOUND_TIP = "文件不完整或不是本程序的数据库，不能用来恢复"


def state_text(info: BackupInfo) -> str:
    return "完好" if info.verified else "不可用"


class BackupsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backups: list[BackupInfo] = []

    def set_backups(self, backups: Sequence[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self.endResetModel()

    def backup(self, row: int) -> BackupInfo:
        return self._backups[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        info = self._backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (f"{info.time:%Y-%m-%d %H:%M:%S}", info.label, megabytes(info.size), state_text(info),
                      info.path.name)
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path) if info.verified else f"{info.path}：{UNSOUND_TIP}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not info.verified:
            return UNSOUND
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
