"""Benchmark: recording a campaign of 5,000 recipients in one step (goal ≤ 2 s).

    python bench/bench_campaign.py [--recipients 5000] [--runs 3]

Builds a demo county big enough (once per run, in a temporary folder), then times
campaign_batch.record_batch — every check (who may receive it, the one-a-year rule against the
database and within the batch, the fund) and the writes — against a bare baseline measured in the
same run: the same number of rows inserted into the relief table with executemany.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 2.0


def main() -> int:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-campaign-"))
    os.environ["BANGFU_DATA_DIR"] = str(folder / "data")

    from app import clock
    from app.demo.county import make_demo
    from app.office import close_office, open_office
    from app.services import accounts, campaigns, funds, settings
    from app.services.campaign_batch import record_batch
    from app.services.campaigns import CampaignForm, RecipientRule
    from app.services.funds import FundEntryForm
    from db.database import database

    clock.fix_today(datetime.date(2025, 12, 20))
    open_office(folder / "bench.sqlite")
    accounts.create_first_admin("admin", "测试", "bench-pass-1")
    accounts.sign_in("admin", "bench-pass-1")
    start = time.perf_counter()
    make_demo(households=int(args.recipients * 1.4), seed=7)
    print(f"demo county built in {time.perf_counter() - start:.1f} s")
    settings.put("duplicate_rule", "household-year")
    fund = funds.create_fund("送温暖资金").id
    funds.add_entry(FundEntryForm(fund, datetime.date(2025, 1, 1), "上级拨款", Decimal("99999999.00")))
    chosen = campaigns.candidates(RecipientRule(), "送温暖慰问", 2025)[: args.recipients]
    if len(chosen) < args.recipients:
        raise SystemExit(f"only {len(chosen)} households on record")
    timings, bare = [], []
    for run in range(args.runs):
        campaign = campaigns.create_campaign(CampaignForm(f"送温暖{run}", "送温暖慰问", datetime.date(2025, 1, 1),
                                                          datetime.date(2025, 12, 31), Decimal("500"), "", fund)).id
        lines = [campaigns.BatchLine(campaigns.line_from(c).recipient, c.household_id,
                                     duplicate_reason="" if run == 0 else "基准测试重复登记") for c in chosen]
        start = time.perf_counter()
        result = record_batch(campaign, lines, datetime.date(2025, 12, 1 + run))
        timings.append(time.perf_counter() - start)
        assert result.count == args.recipients
        rows = [(c.person_id, c.household_id, "其他", "2025-12-10", 50000, 0, fund, None, "基准", 0, None, None, "",
                 None, None, None, None, "基准", "2025-12-10 00:00:00") for c in chosen]
        start = time.perf_counter()
        with database.atomic("IMMEDIATE"):
            database.cursor().executemany(
                "INSERT INTO relief (person_id, household_id, relief_type, on_date, amount, goods_value, fund_id, "
                "campaign_id, handler, temporary, duplicate_reason, overdraw_reason, note, student_id, school, "
                "school_level, admission_year, created_by, created_at) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        bare.append(time.perf_counter() - start)
    close_office()
    measured, baseline = statistics.median(timings), statistics.median(bare)
    print(f"\nrecord a {args.recipients:,}-recipient campaign (median of {args.runs}): {measured:.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in timings)})")
    print(f"bare executemany of the same rows: {baseline:.2f} s   ratio {measured / baseline:.1f}")
    print(f"goal ≤ {GOAL_SECONDS:.1f} s: {'yes' if measured <= GOAL_SECONDS else 'NO'}")
    return 0 if measured <= GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
