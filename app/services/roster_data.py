"""The rows a 发放花名册（签领表） shows, read in bulk: who, masked ID, unit, category, cash and goods."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

import peewee

from app import session
from app.errors import KnownError
from app.services.relief_forms import ZERO, ItemForm
from app.session import Permission
from app.validation import mask_id_number
from db.database import tuples
from db.models import Campaign, Fund, Household, Person, Relief, ReliefItem

CHUNK = 500
TEMPORARY = "临时救助"


class RosterKind(StrEnum):
    """Which money the roster is about: cash only, cash with goods beside it, or goods only."""

    CASH = "cash"
    MIXED = "mixed"
    IN_KIND = "in_kind"    # nobody gets cash: the goods and their value (折价) are what is signed for


@dataclass(frozen=True)
class RosterLine:
    """One recipient on the roster (ID number masked unless the roster was read with full numbers)."""

    relief_id: int
    name: str
    id_number: str
    unit: str                      # 工作单位, or the address when there is none
    category: str                  # 困难类别 of the file on record; 临时救助; blank for care activities
    amount: Decimal                # cash
    items: tuple[ItemForm, ...]    # goods, each with its quantity and total value
    goods_value: Decimal

    @property
    def goods(self) -> str:
        """夏凉被×1条、大米×2袋."""
        return describe_items(self.items)


@dataclass(frozen=True)
class Roster:
    """A campaign's recipients, or any selection of reliefs, in the order they are printed."""

    title: str        # 2025年夏送清凉发放花名册（签领表）
    period: str       # 活动时间：2025-06-01 至 2025-06-30
    fund: str
    campaign_id: int | None
    lines: tuple[RosterLine, ...]
    full_ids: bool

    @property
    def kind(self) -> RosterKind:
        has_goods = any(line.items for line in self.lines)
        if not has_goods:
            return RosterKind.CASH
        return RosterKind.MIXED if any(line.amount for line in self.lines) else RosterKind.IN_KIND

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def goods_value(self) -> Decimal:
        return sum((line.goods_value for line in self.lines), ZERO)


# The columns of each kind of roster (the PDF and the workbook both follow these), and their headers.
COLUMNS: dict[RosterKind, tuple[str, ...]] = {
    RosterKind.CASH: ("number", "name", "id_number", "unit", "category", "amount", "capitals", "signature", "date"),
    RosterKind.MIXED: ("number", "name", "id_number", "unit", "category", "goods", "amount", "capitals", "signature",
                       "date"),
    RosterKind.IN_KIND: ("number", "name", "id_number", "unit", "category", "goods", "amount", "signature", "date"),
}
HEADERS = {"number": "序号", "name": "姓名", "id_number": "身份证号", "unit": "工作单位/住址", "category": "困难类别",
           "goods": "物资", "amount": "金额(元)", "capitals": "金额大写", "signature": "领取人签字", "date": "日期"}
IN_KIND_AMOUNT = "折价(元)"


def header(key: str, kind: RosterKind) -> str:
    return IN_KIND_AMOUNT if key == "amount" and kind is RosterKind.IN_KIND else HEADERS[key]


def shown_amount(line: RosterLine, kind: RosterKind) -> Decimal | None:
    """The money a line shows: the goods' value on an in-kind roster; None (a dash, not 零元整) for a
    line that got goods and no cash on a roster that is otherwise about cash."""
    if kind is RosterKind.IN_KIND:
        return line.goods_value
    return None if not line.amount and line.items else line.amount


def head_count(lines: Sequence[RosterLine], *, spaced: bool = True) -> str:
    """How many people the lines are: "20 人", or "19 人 20 笔" when someone has more than one line."""
    people = len({(line.name, line.id_number) for line in lines})
    gap = " " if spaced else ""
    return f"{people}{gap}人" + ("" if people == len(lines) else f"{gap}{len(lines)}{gap}笔")


def money_total(lines: Iterable[RosterLine], kind: RosterKind) -> Decimal:
    """What the total rows add up: the goods' value on an in-kind roster, else the cash."""
    return sum((line.goods_value if kind is RosterKind.IN_KIND else line.amount for line in lines), ZERO)


def page_slices(count: int, per_page: int) -> list[range]:
    """Rows of each page; the last page keeps room for the grand total (a full last page gives up a row)."""
    slices = [range(start, min(start + per_page, count)) for start in range(0, count, per_page)]
    if slices and len(slices[-1]) == per_page:
        last = slices.pop()
        slices += [range(last.start, last.stop - 1), range(last.stop - 1, last.stop)]
    return slices


def describe_items(items: Iterable[ItemForm]) -> str:
    return "、".join(f"{item.name}×{item.quantity}{item.unit}" for item in items)


def item_totals(lines: Iterable[RosterLine]) -> tuple[ItemForm, ...]:
    """The goods of these lines added up by name and unit (夏凉被×17条), in order of first appearance."""
    sums: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for line in lines:
        for item in line.items:
            quantity, value = sums.get((item.name, item.unit), (0, ZERO))
            sums[item.name, item.unit] = (quantity + item.quantity, value + item.value)
    return tuple(ItemForm(name, quantity, unit, value) for (name, unit), (quantity, value) in sums.items())


def read_roster(*, campaign_id: int | None = None, relief_ids: Sequence[int] | None = None,
                full_ids: bool = False) -> Roster:
    """A campaign's roster (filed households by file number, then the others by name), or the given reliefs in order.

    Full ID numbers only for an account that may export them (the caller records that in the audit trail).
    """
    session.require(Permission.VIEW)
    if full_ids:
        session.require(Permission.EXPORT_FULL)
    if (campaign_id is None) == (relief_ids is None):
        raise KnownError("请选择一个帮扶活动，或选择要打印的救助记录。")
    if campaign_id is not None:
        campaign = Campaign.get_or_none(Campaign.id == campaign_id)
        if campaign is None:
            raise KnownError("该帮扶活动不存在。")
        query = _select().where(Relief.campaign == campaign_id).order_by(
            Household.file_no.is_null(), Household.file_no, Person.name_pinyin, Relief.id)
        rows = list(tuples(query))
        if not rows:
            raise KnownError(f"帮扶活动“{campaign.name}”还没有登记受助人，无需打印花名册。")
        fund = Fund.select(Fund.name).where(Fund.id == campaign.fund_id).scalar() if campaign.fund_id else ""
        lines = _lines(rows, full_ids)
        period = f"活动时间：{_span(campaign.start_date, campaign.end_date)}"
        return Roster(f"{campaign.name}发放花名册（签领表）", period, str(fund or ""), campaign_id, lines, full_ids)
    wanted = list(dict.fromkeys(relief_ids or ()))
    if not wanted:
        raise KnownError("没有选择任何救助记录，请先在列表中选择要打印的记录。")
    found: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(wanted), CHUNK):
        for row in tuples(_select().where(Relief.id.in_(wanted[start:start + CHUNK]))):
            found[row[0]] = row
    missing = [str(i) for i in wanted if i not in found]
    if missing:
        raise KnownError(f"这些救助记录不存在（可能已撤销）：{'、'.join(missing[:10])}")
    rows = [found[i] for i in wanted]
    return _selection_roster(rows, full_ids)


def _select() -> Any:
    return (Relief.select(Relief.id, Person.name, Person.id_number, Person.work_unit, Person.address,
                          Household.category, Relief.temporary, Relief.amount, Relief.goods_value,
                          Relief.relief_type, Relief.on_date, Relief.campaign, Relief.fund)
            .join(Person, on=(Relief.person == Person.id)).switch(Relief)
            .join(Household, peewee.JOIN.LEFT_OUTER, on=(Relief.household == Household.id)))


def _items(relief_ids: Sequence[int]) -> dict[int, list[ItemForm]]:
    items: dict[int, list[ItemForm]] = {}
    for start in range(0, len(relief_ids), CHUNK):
        chunk = list(relief_ids[start:start + CHUNK])
        query = (ReliefItem.select(ReliefItem.relief, ReliefItem.name, ReliefItem.quantity, ReliefItem.unit,
                                   ReliefItem.value)
                 .where(ReliefItem.relief.in_(chunk)).order_by(ReliefItem.id))
        for relief_id, name, quantity, unit, value in tuples(query):
            items.setdefault(relief_id, []).append(ItemForm(name, quantity, unit, value))
    return items


def _lines(rows: Sequence[tuple[Any, ...]], full_ids: bool) -> tuple[RosterLine, ...]:
    items = _items([row[0] for row in rows])
    lines = []
    for relief_id, name, number, unit, address, category, temporary, amount, goods_value, *_rest in rows:
        shown = (number or "") if full_ids else mask_id_number(number)
        kind = category or (TEMPORARY if temporary else "")
        lines.append(RosterLine(relief_id, name, shown, unit or address or "", kind, amount,
                                tuple(items.get(relief_id, ())), goods_value))
    return tuple(lines)


def _span(start: datetime.date, end: datetime.date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"


def _selection_roster(rows: Sequence[tuple[Any, ...]], full_ids: bool) -> Roster:
    """A roster of chosen reliefs: titled by their campaign when they share one, else by their type."""
    campaigns = {row[11] for row in rows}
    fund_ids = {row[12] for row in rows}
    days = [row[10] for row in rows]
    if len(campaigns) == 1 and None not in campaigns:
        campaign = Campaign.get_by_id(next(iter(campaigns)))
        title = f"{campaign.name}发放花名册（签领表）"
        period = f"活动时间：{_span(campaign.start_date, campaign.end_date)}"
    else:
        types = {row[9] for row in rows}
        title = f"{next(iter(types)) if len(types) == 1 else '救助'}发放花名册（签领表）"
        period = f"发放日期：{_span(min(days), max(days))}"
    fund = ""
    if len(fund_ids) == 1 and None not in fund_ids:
        fund = str(Fund.select(Fund.name).where(Fund.id == next(iter(fund_ids))).scalar() or "")
    campaign_id = next(iter(campaigns)) if len(campaigns) == 1 else None
    return Roster(title, period, fund, campaign_id, _lines(rows, full_ids), full_ids)
