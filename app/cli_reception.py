"""The print commands of reception and legal aid: 信访接待登记表 (--id), 办结报告 (--petition/--case), 法律援助统计."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from app.errors import KnownError

FORMS = frozenset({"petition", "closing-report", "legal-stats"})
OPTIONS = ("id", "petition", "case", "month", "start", "end")


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options of `print` that choose a contact, a case or a period."""
    parser.add_argument("--id", metavar="N", help="petition：信访记录编号，逗号分隔可打印多份")
    parser.add_argument("--petition", metavar="N", help="closing-report：信访记录编号")
    parser.add_argument("--case", metavar="N", help="closing-report：法律援助案件编号（如 法援2025-001）或内部编号")
    parser.add_argument("--month", metavar="YYYY-MM", help="legal-stats：统计月份，如 2025-05")
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="legal-stats：统计期间的开始日期")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="legal-stats：统计期间的结束日期")


def given(args: argparse.Namespace) -> bool:
    return any(getattr(args, name, None) for name in OPTIONS)


def _number(text: str, what: str) -> int:
    if not text.strip().isdigit():
        raise KnownError(f"{what}应为数字编号，如 12。")
    return int(text.strip())


def _case_id(text: str) -> int:
    """A case by its 案件编号 (法援2025-001) or its internal number."""
    from app.services.legal_cases import CaseQuery, get_cases, search_cases

    wanted = text.strip()
    if wanted.isdigit():
        return int(wanted)
    found = [c.id for c in get_cases(search_cases(CaseQuery(text=wanted))) if c.case_no == wanted]
    if not found:
        raise KnownError(f"没有案件编号为“{wanted}”的法律援助案件。")
    return found[0]


def _date(text: str, what: str) -> datetime.date:
    from app.validation import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise KnownError(f"{what}：{exc}") from None


def _period(args: argparse.Namespace) -> tuple[datetime.date, datetime.date]:
    from app.printing.legal_stats import month_range

    if args.month and (args.start or args.end):
        raise KnownError("--month 与 --from/--to 只能用一种。")
    if args.month:
        try:
            return month_range(args.month)
        except ValueError as exc:
            raise KnownError(str(exc)) from None
    if not (args.start and args.end):
        raise KnownError("法律援助统计请用 --month 指定月份，或用 --from 和 --to 指定统计期间。")
    return _date(args.start, "--from"), _date(args.end, "--to")


def _only(args: argparse.Namespace, allowed: tuple[str, ...]) -> None:
    extra = [name for name in OPTIONS if getattr(args, name, None) and name not in allowed]
    flags = {"start": "--from", "end": "--to"}
    if extra:
        raise KnownError(f"{'、'.join(flags.get(n, '--' + n) for n in extra)} 不用于 {args.form}。")


def print_form(args: argparse.Namespace) -> int:
    """Run `print petition|closing-report|legal-stats`; the account is signed in and the database open."""
    from app import printing

    if args.form not in FORMS:
        raise KnownError("--id、--petition、--case、--month、--from、--to "
                         "只用于 petition、closing-report 和 legal-stats。")
    others = [f"--{name.replace('_', '-')}" for name in ("ids", "campaign", "session", "worker", "round", "full_ids")
              if getattr(args, name, None)]
    if others:
        raise KnownError(f"{'、'.join(others)} 不用于 {args.form}。")
    out = Path(args.out)
    if args.form == "petition":
        _only(args, ("id",))
        if not args.id:
            raise KnownError("信访接待登记表请用 --id 指定信访记录编号。")
        ids = [_number(part, "--id") for part in args.id.replace("，", ",").split(",") if part.strip()]
        printed = printing.print_petition(ids, out)
    elif args.form == "closing-report":
        _only(args, ("petition", "case"))
        if bool(args.petition) == bool(args.case):
            raise KnownError("办结报告请用 --petition 指定信访记录，或用 --case 指定法律援助案件（二选一）。")
        printed = printing.print_closing_report(
            out, petition_id=_number(args.petition, "--petition") if args.petition else None,
            case_id=_case_id(args.case) if args.case else None)
    else:
        _only(args, ("month", "start", "end"))
        start, end = _period(args)
        printed = printing.print_legal_stats(start, end, out)
    print(f"已生成 {printed.path}：{printed.pages} 页")
    for warning in printed.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0
