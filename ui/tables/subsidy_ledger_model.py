"""困难劳模补助金专户 ledger of a period: 期初余额, every entry with the balance after it, 本期合计, 期末余额."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.money import yuan
from app.services.model_worker_subsidy import SubsidyLedger, SubsidyLine
from ui.tables.text_table import TextTableModel


def summary(line: SubsidyLine) -> str:
    """收入 from its source, or 发放 to a worker for a period."""
    if line.worker_id is None:
        return f"{line.source}入账"
    return f"{line.name} {line.period}补助金"


class SubsidyLedgerModel(TextTableModel):
    """Rows 1..n are the period's entries (`entry_at` gives the one on a row); the others are totals."""

    headers = ("日期", "收支", "摘要", "收入", "支出", "余额", "凭证号", "备注")
    numeric = frozenset({3, 4, 5})
    widths = (96, 50, 230, 110, 110, 120, 150)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ledger: SubsidyLedger | None = None

    def set_ledger(self, ledger: SubsidyLedger | None) -> None:
        self.ledger = ledger
        if ledger is None:
            self.set_rows([])
            return
        cells = [(ledger.start.isoformat(), "", "期初余额", "", "", yuan(ledger.opening), "", "")]
        for line in ledger.lines:
            cells.append((line.on_date.isoformat(), "发放" if line.worker_id is not None else "收入", summary(line),
                          yuan(line.income) if line.income else "", yuan(line.paid) if line.paid else "",
                          yuan(line.balance), line.document_no, line.note))
        cells.append((ledger.end.isoformat(), "", "本期合计", yuan(ledger.income), yuan(ledger.paid), "", "", ""))
        cells.append((ledger.end.isoformat(), "", "期末余额", "", "", yuan(ledger.closing), "", ""))
        self.set_rows(cells, bold={0, len(cells) - 2, len(cells) - 1})

    def entry_at(self, row: int) -> SubsidyLine | None:
        """The entry shown on `row`, None for the opening, total and closing rows."""
        if self.ledger is None or not 1 <= row <= len(self.ledger.lines):
            return None
        return self.ledger.lines[row - 1]
