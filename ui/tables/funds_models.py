"""资金 lists: each fund with money in, paid out and balance; a fund's ledger of a period with running balance."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.money import yuan
from app.services.funds import FundView, Ledger
from ui.tables.text_table import TextTableModel


class FundsModel(TextTableModel):
    headers = ("资金", "专户", "收入", "支出", "余额", "备注")
    numeric = frozenset({2, 3, 4})
    widths = (200, 50, 120, 120, 120)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.funds: list[FundView] = []

    def set_funds(self, funds: Sequence[FundView]) -> None:
        self.funds = list(funds)
        cells = [(f.name + ("" if f.active else "（已停用）"), "是" if f.special else "", yuan(f.income),
                  yuan(f.paid), yuan(f.balance), f.note) for f in self.funds]
        self.set_rows(cells)

    def row_of(self, fund_id: int) -> int | None:
        return next((r for r, f in enumerate(self.funds) if f.id == fund_id), None)


class LedgerModel(TextTableModel):
    """期初余额, each line with the balance after it, 本期合计 and 期末余额."""

    headers = ("日期", "收支", "摘要", "收入", "支出", "余额")
    numeric = frozenset({3, 4, 5})
    widths = (100, 60, 330, 120, 120, 120)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ledger: Ledger | None = None

    def set_ledger(self, ledger: Ledger | None) -> None:
        self.ledger = ledger
        if ledger is None:
            self.set_rows([])
            return
        cells = [(ledger.start.isoformat(), "", "期初余额", "", "", yuan(ledger.opening))]
        for line in ledger.lines:
            cells.append((line.on_date.isoformat(), line.kind, line.description,
                          yuan(line.income) if line.income else "", yuan(line.paid) if line.paid else "",
                          yuan(line.balance)))
        cells.append((ledger.end.isoformat(), "", "本期合计", yuan(ledger.income), yuan(ledger.paid), ""))
        cells.append((ledger.end.isoformat(), "", "期末余额", "", "", yuan(ledger.closing)))
        self.set_rows(cells, bold={0, len(cells) - 2, len(cells) - 1})
