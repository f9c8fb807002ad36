"""Planning the files on record (在档): how many of each identity at the end of the report year and of the year
before, by giving every demo file its identity and the window its 认定 or its leaving falls in.

篇五 of the seed reports: 困难职工电子档案650户，比上年增加18户；特困农民工档案93户，比上年增加14户. Migrant workers
are marked by identity in the one register (DOMAIN.md), so the 650 files on record hold the 93 of identity 农民工:
the summary's households.active_end is 650 and its by_identity 农民工 93, each 比上年 as the report says. A county
of DEFAULT_HOUSEHOLDS files has exactly these on record; another size keeps the proportions.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from dataclasses import dataclass

from app.demo.history import START, Fate
from app.demo.report_year import DAY, ReportYear
from app.vocab import FileStatus

S = FileStatus
ON_RECORD = {"职工": 557, "农民工": 93}       # files on record at the end of the report year: 650 in all (篇五)
GROWTH = {"职工": 4, "农民工": 14}            # 比上年增加: 18 in all, 14 of them 农民工
MIGRANT_SHARE = 0.15                          # 农民工 among the files not on record
CLOSED_IN_YEAR = 0.45                         # share of the closed files that left in the report year
ONE_MONTH = datetime.timedelta(days=31)       # 退档 after 脱困 comes at least a month after it


@dataclass(frozen=True)
class OnRecord:
    """Files on record (在档) by identity on 31 December of the report year and of the year before."""

    report_year: int
    at_end: dict[str, int]
    year_before: dict[str, int]


def plan_register(fates: list[Fate], rng: random.Random, today: datetime.date) -> tuple[list[Fate], OnRecord | None]:
    """The fates with identities and windows; None for the counts when the register is too young to plan
    (a report year before 2021: the county's register began in 2019)."""
    report = ReportYear.of(today)
    active = [i for i, f in enumerate(fates) if f.status is S.ACTIVE]
    rng.shuffle(active)
    migrants = round(len(active) * ON_RECORD["农民工"] / sum(ON_RECORD.values()))
    identity = {i: "农民工" if n < migrants else "职工" for n, i in enumerate(active)}
    for i in range(len(fates)):
        if i not in identity:
            identity[i] = "农民工" if rng.random() < MIGRANT_SHARE else "职工"
    planned = [dataclasses.replace(f, identity=identity[i]) for i, f in enumerate(fates)]
    if report.previous_end < datetime.date(2020, 12, 31):
        return planned, None
    closed = [i for i, f in enumerate(fates) if f.status in (S.LIFTED, S.WITHDRAWN)]
    rng.shuffle(closed)
    at_end: dict[str, int] = {}
    year_before: dict[str, int] = {}
    for name in ON_RECORD:
        on = [i for i in active if identity[i] == name]
        gone = [i for i in closed if identity[i] == name]
        at_end[name] = len(on)
        year_before[name] = len(on) - _windows(planned, on, gone, name, report)
    return planned, OnRecord(report.year, at_end, year_before)


def _windows(fates: list[Fate], on: list[int], gone: list[int], identity: str, report: ReportYear) -> int:
    """Give the files of one identity their windows; returns the growth of its files on record in the year."""
    growth = round(len(on) * GROWTH[identity] / ON_RECORD[identity])
    before = report.previous_end
    yesterday = report.today - DAY
    in_year = [i for i in gone if _high(fates[i], report.last, report.today) > before]
    leaving = min(round(len(gone) * CLOSED_IN_YEAR), len(in_year))
    new = min(growth + leaving, len(on))
    leaving = max(0, min(leaving, new - growth))
    later = 0
    if yesterday > report.end:   # the report year is last year: this year so far has comings and goings too
        able = [i for i in in_year[leaving:] if _high(fates[i], yesterday, report.today) > report.end]
        later = min(round(new * (yesterday - report.end).days / 365), len(on) - new, len(able))
        in_year = in_year[:leaving] + able
    for n, i in enumerate(on):
        if n < new:
            window = (before + DAY, report.last)
        elif n < new + later:
            window = (report.end + DAY, yesterday)
        else:
            window = (START, before)
        fates[i] = dataclasses.replace(fates[i], window=window)
    chosen = set(in_year[:leaving + later])
    for n, i in enumerate(in_year[:leaving + later]):
        low, last = (before, report.last) if n < leaving else (report.end, yesterday)
        fates[i] = dataclasses.replace(fates[i], window=(low + DAY, _high(fates[i], last, report.today)),
                                       approved_by=before)
    for i in gone:
        if i not in chosen:
            fates[i] = dataclasses.replace(fates[i], window=(START, before))
    return new - leaving


def _high(fate: Fate, last: datetime.date, today: datetime.date) -> datetime.date:
    """The latest day the file may leave the record: `last`, or a month before today when 退档 follows 脱困."""
    if fate.status is S.WITHDRAWN and fate.variant == "脱困":
        return min(last, today - ONE_MONTH)
    return last
