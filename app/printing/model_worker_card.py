"""劳模档案卡: one model worker on A4 — photo, details, honours, the status ledger, visits and health checks."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.utils import ImageReader

from app import clock, session
from app.files import atomic_output, explain_os_error
from app.money import figures
from app.printing import PrintResult
from app.printing.layout import (
    CONTENT_TOP,
    LEFT,
    PAD,
    RIGHT,
    WIDTH,
    Align,
    Block,
    Cell,
    Part,
    Sheet,
    band_block,
    draw_pages,
    label,
    paginate,
    row_block,
    value,
)
from app.progress import ProgressFn, no_progress
from app.services import audit, settings
from app.services import model_worker_care as care
from app.services import model_worker_subsidy as subsidy
from app.services import model_workers as mw
from app.services.audit import AuditAction
from app.session import Permission

TITLE = "劳模档案卡"
ROW = 20.0
PHOTO_WIDTH = 96.0
C = (62.0, 76.0, 52.0, 76.0, 62.0, WIDTH - PHOTO_WIDTH - 328.0)     # label, value ×3 beside the photo
HONOUR_COLUMNS = (("序号", 32.0), ("称号", 150.0), ("级别", 70.0), ("授予年份", 70.0), ("文件文号", WIDTH - 322.0))
EVENT_COLUMNS = (("日期", 70.0), ("变动", 56.0), ("变动后状态", 64.0), ("原因", WIDTH - 356.0), ("文号", 110.0),
                 ("经办人", 56.0))
VISIT_COLUMNS = (("日期", 70.0), ("事由", 62.0), ("走访人", 110.0), ("慰问金(元)", 72.0),
                 ("慰问品、批次、备注", WIDTH - 314.0))
CHECK_COLUMNS = (("年度", 50.0), ("体检日期", 70.0), ("体检医院", 140.0), ("体检结论", WIDTH - 260.0))
SHOWN_VISITS = 10
NONE = "无"


@dataclass(frozen=True)
class Card:
    """What the card prints (ID number and phone masked)."""

    worker: mw.ModelWorkerView
    photo: bytes | None
    visits: tuple[care.VisitView, ...]
    checks: tuple[care.HealthCheckView, ...]
    payments: tuple[subsidy.SubsidyLine, ...]
    insurances: tuple[care.InsuranceView, ...]
    help: tuple[care.PracticalHelpView, ...]


def read_card(worker_id: int) -> Card:
    return Card(mw.get_model_worker(worker_id), mw.get_photo(worker_id), tuple(care.visits(worker_id=worker_id)),
                tuple(care.health_checks(worker_id=worker_id)), tuple(subsidy.payments(worker_id)),
                tuple(care.insurances(worker_id=worker_id)), tuple(care.practical_help(worker_id=worker_id)))


def span(first: int, last: int) -> float:
    return sum(C[first:last + 1])


def basic_rows(card: Card) -> list[list[Cell]]:
    w, line = card.worker, card.worker.line
    left = Align.LEFT
    return [
        [label("姓名", C[0]), value(line.name, C[1]), label("性别", C[2]), value(line.sex, C[3]),
         label("出生年份", C[4]), value(f"{line.birth_year}年" if line.birth_year else "", C[5])],
        [label("身份证号", C[0]), value(w.id_number, span(1, 3)), label("民族", C[4]), value(w.ethnicity, C[5])],
        [label("政治面貌", C[0]), value(w.political_status, C[1]), label("最高级别", C[2]),
         value(line.highest_level, C[3]), label("当前状态", C[4]), value(line.status, C[5])],
        [label("工作单位", C[0]), value(line.work_unit, span(1, 3), left), label("职务", C[4]), value(line.job, C[5])],
        [label("联系电话", C[0]), value(w.phone, C[1]), label("家庭住址", C[2]), value(w.address, span(3, 5), left)],
        [label("创新工作室", C[0]), value(line.studio or NONE, span(1, 5), left)],
    ]


def basic_block(sheet: Sheet, card: Card) -> Block:
    """The details in a grid, the photo (or a box to paste one) to the right."""
    rows = basic_rows(card)
    height = ROW * len(rows)

    def draw(y: float, part: Part) -> None:
        for i, cells in enumerate(rows):
            sheet.row(y - i * ROW, ROW, cells, 10, part=part)
        x = LEFT + WIDTH - PHOTO_WIDTH
        sheet.box(x, y, PHOTO_WIDTH, height)
        if card.photo is None:
            sheet.text(x + PHOTO_WIDTH / 2, y - height / 2 + 2, "照片", 11, align=Align.CENTER, grey=0.55)
            sheet.text(x + PHOTO_WIDTH / 2, y - height / 2 - 14, "（一寸免冠）", 8, align=Align.CENTER, grey=0.55)
            return
        sheet.canvas.drawImage(ImageReader(io.BytesIO(card.photo)), x + PAD, y - height + PAD, PHOTO_WIDTH - 2 * PAD,
                               height - 2 * PAD, preserveAspectRatio=True, anchor="c")

    return Block(height, draw)


def table_blocks(sheet: Sheet, title: str, columns: Sequence[tuple[str, float]], rows: Sequence[Sequence[str]],
                 *, lefts: frozenset[int] = frozenset(), who: str = "", note: str = "") -> list[Block]:
    """A band, the header (repeated on a new page) and one ruled row each; 无 when there are none."""
    band = band_block(sheet, title)
    header = row_block(sheet, [label(t, w) for t, w in columns], 18, 9.5)

    def again(y: float, part: Part) -> None:
        band_block(sheet, f"{title}（续）").draw(y, part)
        header.draw(y - band.height, part)

    repeat = Block(band.height + header.height, again)
    blocks = [band]
    if note:
        summary = row_block(sheet, [value(note, WIDTH, Align.LEFT)], ROW, 9.5)
        blocks.append(Block(ROW, summary.draw, keep_with_next=True))
    blocks.append(Block(header.height, header.draw, keep_with_next=True))
    for texts in rows or [[NONE] + [""] * (len(columns) - 1)]:
        cells = [value(t, w, Align.LEFT if i in lefts else Align.CENTER, who=who)
                 for i, (t, (_, w)) in enumerate(zip(texts, columns, strict=True))]
        blocks.append(Block(ROW, row_block(sheet, cells, ROW, 9.5).draw, repeat=repeat))
    return blocks


def visit_note(visits: Sequence[care.VisitView], today: datetime.date) -> str:
    total = sum((visit.amount for visit in visits), Decimal("0.00"))
    this_year = [visit for visit in visits if visit.on_date.year == today.year]
    year_total = sum((visit.amount for visit in this_year), Decimal("0.00"))
    shown = f"；下表列最近{SHOWN_VISITS}次" if len(visits) > SHOWN_VISITS else ""
    return (f"累计走访慰问 {len(visits)} 次，慰问金合计 {figures(total)} 元；{today.year}年 {len(this_year)} 次，"
            f"{figures(year_total)} 元{shown}")


def other_rows(card: Card) -> list[list[Cell]]:
    payments = "；".join(f"{p.period} {figures(p.paid)}元" for p in card.payments) or NONE
    insured = "；".join(f"{i.year}年度 {i.insurer} 保费{figures(i.premium)}元" for i in card.insurances) or NONE
    helped = "；".join(f"{h.on_date.isoformat()} {h.what}" for h in card.help) or NONE
    left = Align.LEFT
    return [[label("困难补助金", 80), value(payments, WIDTH - 80, left)],
            [label("补充保险", 80), value(insured, WIDTH - 80, left)],
            [label("办实事", 80), value(helped, WIDTH - 80, left)]]


def card_blocks(sheet: Sheet, card: Card, today: datetime.date) -> list[Block]:
    line = card.worker.line
    name = line.name

    def heading(y: float, _part: Part) -> None:
        sheet.title(y - 18, TITLE)
        sheet.text(LEFT, y - 40, f"当前状态：{line.status}（{line.status_since.isoformat()}起）", 10)
        sheet.text(RIGHT, y - 40, f"最高荣誉：{line.top_honour}", 10, align=Align.RIGHT, who=name)

    honours = [[str(i), h.title, h.level, f"{h.year}年", h.document_no] for i, h in enumerate(line.honours, 1)]
    events = [[e.on_date.isoformat(), e.event, e.status_after, e.reason, e.document_no, e.by_name]
              for e in card.worker.events]
    visits = [[x.on_date.isoformat(), x.occasion, x.visitors, figures(x.amount) if x.amount else "—",
               "；".join(t for t in (x.gifts, x.round_name, x.note) if t)] for x in card.visits[-SHOWN_VISITS:]]
    checks = [[f"{c.year}", c.on_date.isoformat(), c.hospital, c.summary] for c in card.checks]
    tall = 28.0
    return [
        Block(48, heading, keep_with_next=True),
        band_block(sheet, "一、基本情况", gap=0),
        basic_block(sheet, card),
        *table_blocks(sheet, "二、荣誉称号", HONOUR_COLUMNS, honours, lefts=frozenset({1, 4}), who=name),
        *table_blocks(sheet, "三、动态管理记录", EVENT_COLUMNS, events, lefts=frozenset({3, 4})),
        *table_blocks(sheet, "四、走访慰问", VISIT_COLUMNS, visits, lefts=frozenset({2, 4}),
                      note=visit_note(card.visits, today)),
        *table_blocks(sheet, "五、健康体检", CHECK_COLUMNS, checks, lefts=frozenset({2, 3})),
        band_block(sheet, "六、困难补助、补充保险和办实事"),
        *(Block(tall, row_block(sheet, cells, tall, 9.5).draw) for cells in other_rows(card)),
    ]


def render(sheet: Sheet, card: Card, office: str, today: datetime.date) -> None:
    sheet.subject = card.worker.line.name

    def frame(page: int, pages: int, part: Part) -> None:
        sheet.running_header(office, TITLE)
        sheet.footer(page, pages, left=f"打印日期：{today.isoformat()}", right=card.worker.line.name)

    draw_pages(sheet, paginate(card_blocks(sheet, card, today), top=CONTENT_TOP), frame)


def print_card(worker_id: int, out: Path, progress: ProgressFn = no_progress) -> PrintResult:
    """劳模档案卡 of one worker (ID number and phone masked); the print is audited."""
    session.require(Permission.PRINT)
    card = read_card(worker_id)
    office = settings.office_name()
    with atomic_output(out) as temp:
        sheet = Sheet(temp, title=f"{TITLE} {card.worker.line.name}", office=office)
        render(sheet, card, office, clock.today())
        progress(1, 1, "正在保存PDF文件")
        try:
            sheet.save()
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.PRINT, target_kind="model_worker", target_id=worker_id,
                 target_label=f"{TITLE} {card.worker.line.name}",
                 details={"表格": TITLE, "页数": sheet.pages, "文件": Path(out).name})
    return PrintResult(Path(out), sheet.pages, sheet.warnings)
