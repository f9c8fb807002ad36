"""法律援助统计: a month's (or any period's) legal-aid cases by cause and by handling, and the contacts received.

The case figures are legal_figures() as they stand: cases and workers counted by the day a case was
accepted, money by the day it was closed. Contacts are counted by the day received; 已办结 means
closed by the last day of the period.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app import vocab
from app.money import capitals, figures
from app.printing.layout import BOTTOM, CONTENT_TOP, LEFT, WIDTH, Block, Part, Sheet, band_block, draw_pages, paginate
from app.printing.reception_parts import Pair, cells, heading_block, rows_block, signature_block, table_blocks
from app.progress import ProgressFn
from app.services.legal_cases import CaseQuery, LegalCaseView, LegalFigures, get_cases, legal_figures, search_cases
from app.services.petitions import PetitionQuery, get_petitions, search_petitions

TITLE = "法律援助统计表"
G = (72.0, 100.0, 64.0, 100.0, 64.0, WIDTH - 400.0)
HALF = WIDTH / 2
FIGURE_COLUMNS = (("案由", 62.0), ("受理件数", 50.0), ("涉及职工", 50.0), ("追回金额(元)", HALF - 162.0),
                  ("处理方式", 62.0), ("受理件数", 50.0), ("涉及职工", 50.0), ("追回金额(元)", HALF - 162.0))
TABLE_ROW = 18.0
CHANNEL_COLUMNS = (("方式", 130.0), ("接待件数", 95.0), ("涉及人数", 95.0), ("其中已办结", 95.0),
                   ("办结率", WIDTH - 415.0))
CATEGORY_COLUMNS = (("类别", 130.0), *((c, 62.0) for c in vocab.PETITION_CHANNELS), ("合计", 62.0),
                    ("其中已办结", WIDTH - 378.0))
CASE_COLUMNS = (("案件编号", 70.0), ("被申请单位", WIDTH - 406.0), ("案由", 52.0), ("处理方式", 52.0),
                ("职工", 32.0), ("受理日期", 64.0), ("结案日期", 64.0), ("追回金额(元)", 72.0))
NOTES = ("说明：1. 受理件数、涉及职工按受理日期在统计期内的案件计（涉及职工含未列名的职工）；"
         "追回金额按结案日期在统计期内的案件计，本期受理、以后结案的案件在结案的当期计入。"
         "2. 信访按接待日期计；“已办结”指截至统计期末已办结。")
SIGNERS = ("制表人", "审核人", "负责人")


@dataclass(frozen=True)
class ContactFigures:
    """The contacts received in a period: per channel (件数, 人数, 已办结) and per category and channel."""

    by_channel: dict[str, tuple[int, int, int]]
    by_category: dict[str, dict[str, int]]
    closed_by_category: dict[str, int]

    @property
    def count(self) -> int:
        return sum(c for c, _, _ in self.by_channel.values())

    @property
    def closed(self) -> int:
        return sum(c for _, _, c in self.by_channel.values())


@dataclass(frozen=True)
class LegalStats:
    start: datetime.date
    end: datetime.date
    legal: LegalFigures
    contacts: ContactFigures
    cases: tuple[LegalCaseView, ...]   # accepted or closed in the period

    @property
    def period(self) -> str:
        return period_text(self.start, self.end)


def month_range(text: str) -> tuple[datetime.date, datetime.date]:
    """2025-05 → (2025-05-01, 2025-05-31); ValueError when it is no month."""
    try:
        first = datetime.date.fromisoformat(f"{text.strip()}-01")
    except ValueError:
        raise ValueError(f"“{text}”不是月份，应写成 2025-05") from None
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def period_text(start: datetime.date, end: datetime.date) -> str:
    """2025年5月, 2025年, or 2025-04-01至2025-06-30."""
    if (start.day, end.month, end.day) == (1, 12, 31) and start.month == 1 and start.year == end.year:
        return f"{start.year}年"
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) and \
            end.day == calendar.monthrange(end.year, end.month)[1]:
        return f"{start.year}年{start.month}月"
    return f"{start.isoformat()}至{end.isoformat()}"


def contact_figures(start: datetime.date, end: datetime.date) -> ContactFigures:
    views = get_petitions(search_petitions(PetitionQuery(start=start, end=end)))
    by_channel = {c: (0, 0, 0) for c in vocab.PETITION_CHANNELS}
    by_category: dict[str, dict[str, int]] = {c: dict.fromkeys(vocab.PETITION_CHANNELS, 0)
                                              for c in vocab.PETITION_CATEGORIES}
    closed_by_category = dict.fromkeys(vocab.PETITION_CATEGORIES, 0)
    for view in views:
        closed = int(view.closed_on is not None and view.closed_on <= end)
        count, workers, done = by_channel.get(view.channel, (0, 0, 0))
        by_channel[view.channel] = (count + 1, workers + view.workers, done + closed)
        row = by_category.setdefault(view.category, dict.fromkeys(vocab.PETITION_CHANNELS, 0))
        row[view.channel] = row.get(view.channel, 0) + 1
        closed_by_category[view.category] = closed_by_category.get(view.category, 0) + closed
    return ContactFigures(by_channel, by_category, closed_by_category)


def read_stats(start: datetime.date, end: datetime.date) -> LegalStats:
    """The figures of the period and the cases behind them (accepted in it, or closed in it)."""
    accepted = search_cases(CaseQuery(start=start, end=end))
    closed = [c.id for c in get_cases(search_cases(CaseQuery(closed_only=True)))
              if c.closed_on is not None and start <= c.closed_on <= end]
    ids = list(dict.fromkeys([*accepted, *closed]))
    cases = sorted(get_cases(ids), key=lambda c: (c.accepted_on, c.case_no))
    return LegalStats(start, end, legal_figures(start, end), contact_figures(start, end), tuple(cases))


def _share(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def figure_rows(groups: dict[str, tuple[int, int, Decimal]], names: Sequence[str]) -> list[list[str]]:
    """A row per name in vocabulary order, then any other value met in the data."""
    keys = [*names, *(k for k in groups if k not in names)]
    return [[key, str(groups[key][0]), str(groups[key][1]), figures(groups[key][2])] for key in keys if key in groups]


def side_by_side(left: list[list[str]], right: list[list[str]]) -> list[list[str]]:
    """Two four-column tables as one: by cause on the left, by handling on the right."""
    blank = ["", "", "", ""]
    return [(left[i] if i < len(left) else blank) + (right[i] if i < len(right) else blank)
            for i in range(max(len(left), len(right)))]


def summary_block(sheet: Sheet, s: LegalStats) -> Block:
    f = s.legal
    return rows_block(sheet, [
        cells(G, [Pair("受理案件", f"{f.count} 件"), Pair("涉及职工", f"{f.workers} 人"),
                  Pair("本期结案", f"{f.closed} 件")]),
        cells(G, [Pair("追回金额", f"{figures(f.recovered)} 元"), Pair("大写", f"人民币{capitals(f.recovered)}", 3,
                                                                  left=True)]),
        cells(G, [Pair("信访接待", f"{s.contacts.count} 件"), Pair("其中已办结", f"{s.contacts.closed} 件"),
                  Pair("办结率", _share(s.contacts.closed, s.contacts.count))]),
    ])


def notes_block(sheet: Sheet) -> Block:
    lines = sheet.wrap(NOTES, 9, WIDTH)

    def draw(y: float, _part: Part) -> None:
        for i, line in enumerate(lines):
            sheet.text(LEFT, y - 14 - i * 12, line, 9, grey=0.2)

    return Block(10 + 12 * len(lines), draw)


def stats_blocks(sheet: Sheet, s: LegalStats, office: str) -> list[Block]:
    """The statistics sheet itself: one page for a month, signed at its foot."""
    f, c = s.legal, s.contacts
    figures_band = band_block(sheet, "二、法律援助案件（按案由、按处理方式）")
    by_channel = band_block(sheet, "三、信访接待（按方式）")
    by_category = band_block(sheet, "四、信访接待（按类别）")
    total = [str(f.count), str(f.workers), figures(f.recovered)]
    channel_rows = [[name, str(n), str(w), str(d), _share(d, n)] for name, (n, w, d) in c.by_channel.items()]
    workers = sum(w for _, w, _ in c.by_channel.values())
    category_rows = [[name, *(str(row.get(ch, 0)) for ch in vocab.PETITION_CHANNELS), str(sum(row.values())),
                      str(c.closed_by_category.get(name, 0))] for name, row in c.by_category.items()]
    category_totals = ["合计", *(str(c.by_channel.get(ch, (0, 0, 0))[0]) for ch in vocab.PETITION_CHANNELS),
                       str(c.count), str(c.closed)]
    channel_totals = ["合计", str(c.count), str(workers), str(c.closed), _share(c.closed, c.count)]
    return [
        heading_block(sheet, TITLE, f"填报单位：{office}", f"统计期间：{s.period}"),
        band_block(sheet, "一、总体情况", gap=0), summary_block(sheet, s),
        figures_band, *table_blocks(sheet, FIGURE_COLUMNS, side_by_side(figure_rows(f.by_cause, vocab.LEGAL_CAUSES),
                                                                        figure_rows(f.by_handling,
                                                                                    vocab.LEGAL_HANDLINGS)),
                                    figures_band, right=(3, 7), totals=["合计", *total, "合计", *total],
                                    total_labels=(0, 4), row=TABLE_ROW),
        by_channel, *table_blocks(sheet, CHANNEL_COLUMNS, channel_rows, by_channel, row=TABLE_ROW,
                                  totals=channel_totals),
        by_category, *table_blocks(sheet, CATEGORY_COLUMNS, category_rows, by_category, totals=category_totals,
                                   row=TABLE_ROW),
        notes_block(sheet),
        signature_block(sheet, SIGNERS, gap=26),
    ]


def case_list_blocks(sheet: Sheet, s: LegalStats) -> list[Block]:
    """附表: the cases behind the figures, on pages of their own after the signed sheet."""
    listed = band_block(sheet, f"附表：本期案件明细（{s.period}）", gap=0)
    again = band_block(sheet, "附表：本期案件明细（续）", gap=0)
    rows = [[k.case_no, k.respondent, k.cause, k.handling, str(k.workers_involved), k.accepted_on.isoformat(),
             k.closed_on.isoformat() if k.closed_on else f"（{k.stage}）",
             figures(k.amount_recovered) if counted(k, s) else ""] for k in s.cases]
    totals = ["合计", f"共 {len(s.cases)} 件", "", "", "", "", "", figures(s.legal.recovered)]
    return [listed, *table_blocks(sheet, CASE_COLUMNS, rows, again, left=(1,), right=(7,), totals=totals, size=8.5,
                                  row=TABLE_ROW)]


def counted(case: LegalCaseView, s: LegalStats) -> bool:
    """Its money is in this period's figures: it closed within the period."""
    return case.closed_on is not None and s.start <= case.closed_on <= s.end


def render(sheet: Sheet, s: LegalStats, office: str, today: datetime.date, progress: ProgressFn) -> None:
    progress(0, 1, "正在生成统计表")

    def frame(page: int, pages: int, _part: Part) -> None:
        sheet.running_header(office, f"{TITLE}（{s.period}）")
        sheet.footer(page, pages, left=f"打印日期：{today.isoformat()}")

    pages = paginate(stats_blocks(sheet, s, office), top=CONTENT_TOP, bottom=BOTTOM + 16)
    if s.cases:
        pages += paginate(case_list_blocks(sheet, s), top=CONTENT_TOP, bottom=BOTTOM + 16)
    draw_pages(sheet, pages, frame)
