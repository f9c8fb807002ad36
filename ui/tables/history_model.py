"""办理记录: the dated history of one file (every lifecycle step, who, why)."""

from __future__ import annotations

from collections.abc import Sequence

from app.services.household_forms import HouseholdEventView
from ui.tables.rows_model import RowsModel

HEADERS = ("日期", "操作", "状态", "经办人", "说明")


class HistoryModel(RowsModel[HouseholdEventView]):
    headers = HEADERS

    def set_events(self, events: Sequence[HouseholdEventView]) -> None:
        self.set_items(events)

    def texts(self, item: HouseholdEventView) -> tuple[str, ...]:
        return item.on_date.isoformat(), item.action, item.status_after, item.by_name, item.note

    def tooltip(self, item: HouseholdEventView) -> object:
        return f"录入时间：{item.created_at:%Y-%m-%d %H:%M}"
