"""The statistics commands: `summary` (every figure of a period, as text or JSON)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app import validation
from app.errors import KnownError

COMMANDS = frozenset({"summary"})


def add_parsers(commands: argparse._SubParsersAction,  # type: ignore[type-arg]
                add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    summary = commands.add_parser("summary", help="统计：某一期间的全部指标（可输出 JSON）")
    add_db(summary)
    summary.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="开始日期")
    summary.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="结束日期")
    summary.add_argument("--json", action="store_true", help="以 JSON 输出（金额为两位小数的字符串）")
    summary.add_argument("--with-previous", action="store_true", help="同时给出上年同期的数字（previous_year）")


def run(args: argparse.Namespace) -> int:
    from app.services import summary

    try:
        period = summary.Period(validation.parse_date(args.start), validation.parse_date(args.end))
    except ValueError as exc:
        raise KnownError(f"日期：{exc}") from None
    figures = summary.summary(period)
    previous = summary.summary(period.year_earlier()) if args.with_previous else None
    if args.json:
        print(summary.to_json(figures, previous=previous))
        return 0
    print(f"统计期间：{period.describe()}")
    for section, values in figures.items():
        print(f"[{section}]")
        shown = summary.to_jsonable(values)
        if isinstance(shown, dict):
            for key, value in shown.items():
                print(f"  {key}: {value}")
    return 0
