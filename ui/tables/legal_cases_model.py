"""The 法律援助 list: the cases a search found, newest first, loaded in blocks; amounts as ¥1,234.50."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.registers.base import Field, Kind
from app.services import legal_cases
from app.services.legal_cases import CaseQuery, LegalCaseView
from ui import formatting
from ui.tables.lazy_ids_model import LazyIdsModel

FIELDS: tuple[Field, ...] = (
    Field("case_no", "案号", width=12),
    Field("accepted_on", "受理日期", width=10),
    Field("respondent", "被申请单位", width=22),
    Field("cause", "案由", width=8),
    Field("handling", "处理方式", width=8),
    Field("workers_involved", "涉及职工", Kind.INT, width=8),
    Field("amount_recovered", "追回金额", Kind.MONEY, width=14),
    Field("stage", "阶段", width=6),
)
HANDLING = 4


def cells(view: LegalCaseView) -> tuple[str, ...]:
    recovered = formatting.money(view.amount_recovered) if view.closed_on is not None else ""
    return (view.case_no, formatting.day(view.accepted_on), view.respondent, view.cause, view.handling,
            str(view.workers_involved), recovered, view.stage)


class LegalCasesModel(LazyIdsModel):
    """search_cases gives the ids (newest first), get_cases the rows of a block."""

    fields = FIELDS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = CaseQuery()

    def set_query(self, query: CaseQuery) -> None:
        self.query = query
        self.refresh()

    def search_ids(self) -> list[int]:
        return legal_cases.search_cases(self.query)

    def fetch(self, ids: Sequence[int]) -> Sequence[object]:
        return legal_cases.get_cases(ids)

    def cells(self, item: object) -> tuple[str, ...]:
        assert isinstance(item, LegalCaseView)
        return cells(item)

    def tooltip(self, item: object, column: int) -> str | None:
        assert isinstance(item, LegalCaseView)
        if column == HANDLING and item.partner:
            return f"{item.handling}（{item.partner}）"
        return super().tooltip(item, column)

    def case(self, row: int) -> LegalCaseView | None:
        found = self.item(row)
        return found if isinstance(found, LegalCaseView) else None
