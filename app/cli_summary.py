"""The statistics commands: `summary` (every figure of a period, as text or JSON), `report-pdf` (the summary with
its charts as a PDF), `draft` (the year-end draft, 工作总结素材, as .docx or .txt) and `report` (the upward workbook
for the city union); `merge` (the city's merge of several counties' upward workbooks, no database)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app import validation
from app.errors import KnownError

if TYPE_CHECKING:
    from app.services.summary import Period

COMMANDS = frozenset({"summary", "report-pdf", "draft", "report"})
NO_DATABASE = frozenset({"merge"})   # run before any database is opened or anyone signs in


def add_parsers(commands: argparse._SubParsersAction,  # type: ignore[type-arg]
                add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    summary = commands.add_parser("summary", help="统计：某一期间的全部指标（可输出 JSON）")
    add_db(summary)
    _add_period(summary)
    summary.add_argument("--json", action="store_true", help="以 JSON 输出（金额为两位小数的字符串）")
    summary.add_argument("--with-previous", action="store_true", help="同时给出上年同期的数字（previous_year）")
    _add_pdf_and_draft_parsers(commands, add_db)
    report = commands.add_parser("report", help="上报统计表：汇总表（本期、上年同期、增减）和本期各登记簿（.xlsx）")
    add_db(report)
    _add_period(report)
    report.add_argument("--out", required=True, metavar="F.xlsx", help="输出的工作簿")
    report.add_argument("--full-ids", action="store_true",
                        help="登记簿中写完整身份证号（仅管理员，记入操作日志）。默认隐去中间位")
    merge = commands.add_parser("merge", help="合并各县（区）的上报统计表：每县一行和合计，并列出在多个县登记的人员")
    merge.add_argument("inputs", nargs="+", metavar="A.xlsx", help="各县（区）的上报统计表")
    merge.add_argument("--out", required=True, metavar="city.xlsx", help="输出的全市汇总工作簿")


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="开始日期")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="结束日期")


def _add_pdf_and_draft_parsers(commands: argparse._SubParsersAction,  # type: ignore[type-arg]
                               add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    pdf = commands.add_parser("report-pdf", help="统计汇总 PDF：本期、上年同期、增减，附统计图")
    add_db(pdf)
    _add_period(pdf)
    pdf.add_argument("--out", required=True, metavar="F.pdf", help="PDF 文件")
    draft = commands.add_parser("draft", help="工作总结素材：按期间的数字写成的段落（.docx 或 .txt）")
    add_db(draft)
    _add_period(draft)
    draft.add_argument("--out", required=True, metavar="F.docx|F.txt", help="Word 文档或文本文件")


def _period(args: argparse.Namespace) -> Period:
    from app.services.summary import Period

    try:
        return Period(validation.parse_date(args.start), validation.parse_date(args.end))
    except ValueError as exc:
        raise KnownError(f"日期：{exc}") from None


def run(args: argparse.Namespace) -> int:
    if args.command == "report-pdf":
        return _report_pdf(args)
    if args.command == "draft":
        return _draft(args)
    if args.command == "report":
        return _upward(args)
    if args.command == "merge":
        return _merge(args)
    return _summary(args)


def _upward(args: argparse.Namespace) -> int:
    from app.reports.upward import write_upward

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise KnownError(f"上报统计表只能保存为 .xlsx 文件，而不是“{out.name}”。")
    print(write_upward(_period(args), out, full_ids=args.full_ids).describe())
    return 0


def _merge(args: argparse.Namespace) -> int:
    from app.reports.city_merge import merge_workbooks

    print(merge_workbooks([Path(p) for p in args.inputs], Path(args.out)).describe())
    return 0


def _summary(args: argparse.Namespace) -> int:
    from app.services import summary

    period = _period(args)
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


def _report_pdf(args: argparse.Namespace) -> int:
    from app.printing.summary_pdf import print_summary

    period = _period(args)
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise KnownError(f"统计汇总只能保存为 .pdf 文件，而不是“{out.name}”。")
    pages, warnings = print_summary(period, out)
    print(f"已生成 {out}：{pages} 页")
    for warning in warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0


def _draft(args: argparse.Namespace) -> int:
    from app.services.summary_draft import save_draft, summary_draft

    period = _period(args)
    draft = summary_draft(period)
    saved = save_draft(draft, Path(args.out))
    print(f"已生成 {saved}：{len(draft.paragraphs)} 段")
    return 0
