"""The demo's year of work: every register filled for the report year and the year before, through the services.

After the register of files is written (county.make_demo), the year's records are entered as the office
would have entered them — funds, campaigns and reliefs, petitions and cases, training and jobs, pairings,
mutual aid, model workers — each by its service, as the demo clerk, at the hour it was done. The report
year shows the seed report's figures (targets.SEED); the year before somewhat smaller ones.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from app import session
from app.demo import year_care, year_jobs, year_reception, year_relief
from app.demo.agenda import Agenda, Year
from app.demo.crowd import Crowd
from app.demo.report_year import ReportYear
from app.demo.targets import SEED, year_before
from app.progress import ProgressFn, no_progress
from app.services import funds
from app.session import Role, SignedIn
from db.database import database

CLERK = SignedIn(0, "jingban", "张经办", Role.CLERK)   # the demo's clerk account (accounts.DEMO_ACCOUNTS)
NEW_PAIRINGS = 20          # pairings the report year starts; the others run on from the year before


@dataclass(frozen=True)
class YearSummary:
    report_year: int
    entries: int

    def describe(self) -> str:
        year = self.report_year
        return (f"{year - 1}、{year}两年的救助、信访、法律援助、培训就业、结对帮扶、互助保障和劳模记录"
                f"（统计年度 {year}，{self.entries:,} 次录入）")


def make_year(seed: int = 1, progress: ProgressFn = no_progress) -> YearSummary | None:
    """Enter the report year and the year before (None when the register is too young for a report year)."""
    from app import clock

    today = clock.today()
    report = ReportYear.of(today)
    if report.previous_end < datetime.date(2020, 12, 31):
        return None
    rng = random.Random(f"bangfu-demo:{seed}:year")
    crowd = Crowd(rng, today)
    agenda = Agenda(rng)
    before = Year(agenda, crowd, year_before(rng), report.dates(report.year - 1), rng)
    current = Year(agenda, crowd, SEED, report.dates(report.year), rng)
    start = before.dates.workday(before.dates.on(1, 2))
    agenda.add(start, agenda.keep("fund", lambda: funds.create_fund(year_relief.FUND, note="困难职工帮扶专项资金").id),
               opening=True)
    year_care.model_worker_archive(agenda, crowd, before)
    pool = year_care.enrolment_pool()
    for year, is_report in ((before, False), (current, True)):
        year_relief.money(year)
        year_relief.warmth(year)
        year_relief.screening(year)
        year_relief.children(year)
        year_relief.summer(year)
        year_relief.students(year)
        year_relief.single_reliefs(year)
        year_reception.reception(year)
        year_jobs.training_and_jobs(year)
        year_care.mutual_aid_year(year, pool)
        year_care.model_worker_year(year, is_report)
    ending = max(0, before.targets.pairings - (current.targets.pairings - NEW_PAIRINGS))
    running = year_care.pairings(before, [], ending)
    year_care.pairings(current, running, 0)
    signed_in = session.current()
    session.set_current(CLERK)
    # A new demo file: nothing to lose if the machine stops now, so skip the wait for the disk on every commit.
    database.execute_sql("PRAGMA synchronous=OFF")
    try:
        entries = agenda.run(progress)
    finally:
        database.execute_sql("PRAGMA synchronous=FULL")
        session.set_current(signed_in)
    return YearSummary(report.year, entries)
