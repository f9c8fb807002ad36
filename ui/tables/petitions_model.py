"""The 信访 list: the contacts a search found, newest first, loaded in blocks; overdue limits in red."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.registers.base import Field
from app.services import petitions
from app.services.petitions import PetitionQuery, PetitionView
from ui import formatting
from ui.tables.lazy_ids_model import LazyIdsModel

SUMMARY_CHARS = 40

FIELDS: tuple[Field, ...] = (
    Field("received_at", "接待时间", width=16),
    Field("channel", "方式", width=4),
    Field("name", "姓名", width=8),
    Field("category", "类别", width=8),
    Field("summary", "内容摘要", width=36),
    Field("status", "状态", width=6),
    Field("handed", "送达", width=18),
    Field("due_on", "时限", width=14),
    Field("closed_on", "办结", width=10),
)
SUMMARY = 4
HANDED = 6
DUE = 7


def summary(content: str) -> str:
    """The content on one line, cut after SUMMARY_CHARS characters."""
    line = " ".join(content.split())
    return line if len(line) <= SUMMARY_CHARS else line[:SUMMARY_CHARS] + "…"


def cells(view: PetitionView) -> tuple[str, ...]:
    due = formatting.day(view.due_on) + (" 超期" if view.overdue else "")
    return (f"{view.received_at:%Y-%m-%d %H:%M}", view.channel, view.name, view.category, summary(view.content),
            str(view.status), view.handed_to, due, formatting.day(view.closed_on))


class PetitionsModel(LazyIdsModel):
    """search_petitions gives the ids (newest first), get_petitions the rows of a block."""

    fields = FIELDS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = PetitionQuery()

    def set_query(self, query: PetitionQuery) -> None:
        self.query = query
        self.refresh()

    def search_ids(self) -> list[int]:
        return petitions.search_petitions(self.query)

    def fetch(self, ids: Sequence[int]) -> Sequence[object]:
        return petitions.get_petitions(ids)

    def cells(self, item: object) -> tuple[str, ...]:
        assert isinstance(item, PetitionView)
        return cells(item)

    def alerts(self, item: object) -> frozenset[int]:
        assert isinstance(item, PetitionView)
        return frozenset({DUE}) if item.overdue else frozenset()

    def tooltip(self, item: object, column: int) -> str | None:
        assert isinstance(item, PetitionView)
        if column == SUMMARY:
            return item.content
        if column == HANDED and item.handed_on is not None:
            return f"{formatting.day(item.handed_on)} 送{item.handed_to}"
        if column == DUE and item.overdue:
            return f"办理时限 {formatting.day(item.due_on)}，已超期未办结"
        return super().tooltip(item, column)

    def petition(self, row: int) -> PetitionView | None:
        found = self.item(row)
        return found if isinstance(found, PetitionView) else None
