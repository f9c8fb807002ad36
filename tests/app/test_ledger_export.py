"""The fund ledger workbook: opening, lines, period totals and closing balance, as the ledger service gives them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from app.services import funds
from app.services.funds import FundEntryForm
from app.services.ledger_export import export_ledger
from app.services.relief import record_relief
from app.services.relief_forms import Recipient, ReliefForm
from tests.relief_factories import D, filed, fund_with, head_of


def test_ledger_workbook_has_opening_lines_totals_and_closing(office: Path, tmp_path: Path) -> None:
    fund = fund_with("1000.00")
    funds.add_entry(FundEntryForm(fund, D(2025, 3, 2), "社会捐助", Decimal("250.50"), "JZ-7"))
    record_relief(ReliefForm(Recipient(person_id=head_of(filed(1))), "生活救助", D(2025, 3, 5), Decimal("300"), fund))
    result = export_ledger(fund, D(2025, 2, 1), D(2025, 6, 30), tmp_path / "台账.xlsx")
    assert result.lines == 2 and result.ledger.closing == Decimal("950.50")
    rows = list(load_workbook(result.path).active.iter_rows(values_only=True))
    assert "2025年帮扶资金" in str(rows[0][0]) and rows[2][:3] == ("日期", "收支", "摘要")
    assert rows[3][2] == "期初余额" and rows[3][5] == 1000
    assert rows[4][1:4] == ("收入", "社会捐助；凭证JZ-7", 250.5)
    assert rows[5][1] == "支出" and rows[5][4] == 300 and rows[5][5] == 950.5
    assert rows[-2][2:5] == ("本期合计", 250.5, 300) and rows[-1][2] == "期末余额" and rows[-1][5] == 950.5
