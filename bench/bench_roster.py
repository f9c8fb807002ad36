"""Benchmark: printing a 10,000-row 发放花名册 (goal ≤ 1.2 × a bare reportlab LongTable of the same rows).

    python bench/bench_roster.py [--rows 10000] [--runs 3]

Builds a demo county in a temporary folder and records one campaign of N recipients with
campaign_batch.record_batch, then times, alternately and in the same process:

* app.printing.print_roster for the campaign: reading the rows, masking, capitals, drawing,
  page subtotals, saving the PDF and the audit record;
* a bare platypus LongTable of the same strings (序号 … 金额大写 and two blank signing columns) in the
  same font, column widths, row height and page size, header row repeated, grid lines, built to a file.

Prints the median of each, every run, and the ratio.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.2
AMOUNTS = {"深度困难": Decimal("1200"), "相对困难": Decimal("800"), "意外致困": Decimal("650.50")}


def build(rows: int) -> int:
    """A county with a campaign of `rows` recipients; returns the campaign's id."""
    from app.demo.county import make_demo
    from app.services import campaigns, funds
    from app.services.campaign_batch import record_batch
    from app.services.campaigns import BatchLine, CampaignForm, RecipientRule
    from app.services.funds import FundEntryForm

    start = time.perf_counter()
    make_demo(households=int(rows * 1.4), seed=11)
    fund = funds.create_fund("送温暖资金").id
    funds.add_entry(FundEntryForm(fund, datetime.date(2025, 1, 1), "上级拨款", Decimal("99999999.00")))
    campaign = campaigns.create_campaign(CampaignForm(
        "2025年元旦春节送温暖", "送温暖慰问", datetime.date(2025, 1, 1), datetime.date(2025, 2, 28), Decimal("500"),
        "", fund)).id
    chosen = campaigns.candidates(RecipientRule(), "送温暖慰问", 2025)[:rows]
    if len(chosen) < rows:
        raise SystemExit(f"only {len(chosen)} households on record")
    lines = [BatchLine(campaigns.line_from(c).recipient, c.household_id, amount=AMOUNTS.get(c.category))
             for c in chosen]
    record_batch(campaign, lines, datetime.date(2025, 1, 20))
    print(f"county of {int(rows * 1.4):,} households and a campaign of {rows:,} built in "
          f"{time.perf_counter() - start:.1f} s")
    return campaign


def bare_table(path: Path, data: list[list[str]], widths: list[float], row: float, font: str) -> int:
    """The same rows as a plain platypus LongTable: no fitting, no totals, no fallback fonts."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    margin = 15 * 72 / 25.4
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin)
    table = LongTable(data, colWidths=widths, rowHeights=row, repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 9.5), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("BACKGROUND", (0, 0), (-1, 0), "#e3e3e3")]))
    doc.build([table])
    return int(doc.page)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    os.environ["BANGFU_DATA_DIR"] = str(folder / "data")

    from app import clock, printing
    from app.office import close_office, open_office
    from app.printing import roster
    from app.printing.fonts import font_set
    from app.services import accounts
    from app.services.roster_data import RosterKind, read_roster

    clock.fix_today(datetime.date(2025, 6, 30))
    open_office(folder / "bench.sqlite")
    accounts.create_first_admin("admin", "测试", "bench-pass-1")
    accounts.sign_in("admin", "bench-pass-1")
    campaign = build(args.rows)
    data = read_roster(campaign_id=campaign)
    columns = roster.columns(data.kind)
    assert data.kind is RosterKind.CASH
    header = [c.header for c in columns]
    rows = [header] + [[roster.cell_texts(line, n, data.kind).get(c.key, "") for c in columns]
                       for n, line in enumerate(data.lines, start=1)]
    widths = [c.width for c in columns]
    font = font_set().primary.name
    ours, bare = [], []
    for run in range(args.runs):
        start = time.perf_counter()
        printed = printing.print_roster(folder / f"roster{run}.pdf", campaign_id=campaign)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        pages = bare_table(folder / f"bare{run}.pdf", rows, widths, roster.ROW, font)
        bare.append(time.perf_counter() - start)
        print(f"run {run + 1}: print_roster {ours[-1]:.2f} s ({printed.pages} pages, "
              f"{(folder / f'roster{run}.pdf').stat().st_size / 1e6:.1f} MB)   bare LongTable {bare[-1]:.2f} s "
              f"({pages} pages, {(folder / f'bare{run}.pdf').stat().st_size / 1e6:.1f} MB)", flush=True)
    close_office()
    shutil.rmtree(folder, ignore_errors=True)   # a county's worth of personal data: not left in /tmp
    measured, baseline = statistics.median(ours), statistics.median(bare)
    ratio = measured / baseline
    print(f"\nprint a {args.rows:,}-row roster (median of {args.runs}): {measured:.2f} s")
    print(f"bare LongTable of the same rows:            {baseline:.2f} s")
    print(f"ratio {ratio:.2f}   goal ≤ {GOAL_RATIO}: {'yes' if ratio <= GOAL_RATIO else 'NO'}")
    return 0 if ratio <= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
