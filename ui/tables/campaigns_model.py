"""帮扶活动 list: each campaign with its type, dates, standard, fund, 人次 and 金额."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.money import yuan
from app.services.campaigns import CampaignView

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("活动名称", "救助类型", "开始日期", "结束日期", "每人标准", "资金", "人次", "金额")
WIDTHS = (230, 90, 92, 92, 200, 150, 60, 120)
NUMERIC = {6, 7}


def standard(view: CampaignView) -> str:
    parts = [yuan(view.standard_amount)] if view.standard_amount else []
    if view.standard_items:
        parts.append(view.standard_items)
    return " + ".join(parts)


class CampaignsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.views: list[CampaignView] = []

    def set_campaigns(self, views: Sequence[CampaignView]) -> None:
        self.beginResetModel()
        self.views = list(views)
        self.endResetModel()

    def row_of(self, campaign_id: int) -> int | None:
        return next((r for r, v in enumerate(self.views) if v.id == campaign_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.views)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    @staticmethod
    def cells(view: CampaignView) -> tuple[str, ...]:
        return (view.name, view.relief_type, view.start_date.isoformat(), view.end_date.isoformat(), standard(view),
                view.fund, str(view.recipients), yuan(view.total))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        view = self.views[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(view)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and view.note:
            return f"备注：{view.note}"
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
