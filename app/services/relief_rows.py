"""Bulk reading of reliefs, campaigns and fund entries as register rows (dicts keyed by field key) for export.

One joined query per register, streamed; the in-kind items are written back in the format the import
reads (campaigns.parse_items: 夏凉被×1条@85), so an exported sheet imports as it stands.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import peewee

from app.services import campaigns
from db.database import dicts, tuples
from db.fields import from_cents
from db.models import Campaign, Fund, FundEntry, Household, Person, Relief, ReliefItem

ID_CHUNK = 500  # ids per IN (...) list
CENT = Decimal("0.01")
Student = Person.alias("student")


def unit_price(value: Decimal, quantity: int) -> str:
    """The value of one unit, with as few decimals as give back the line's total (100.00 for 3 → 33.333334)."""
    if quantity <= 1:
        return _plain(value)
    for places in range(2, 9):
        each = (value / quantity).quantize(Decimal(1).scaleb(-places))
        if (each * quantity).quantize(CENT) == value:
            return _plain(each)
    return _plain((value / quantity).quantize(Decimal("0.00000001")))


def _plain(amount: Decimal) -> str:
    """85.00 → 85, 42.50 → 42.5 (never 8.5E+1)."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def item_text(name: str, quantity: int, unit: str, value: Decimal) -> str:
    """One item as the 物资 column writes it: 夏凉被×1条@85 (no @ when it has no value)."""
    text = f"{name}×{quantity}{unit}"
    return f"{text}@{unit_price(value, quantity)}" if value else text


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), ID_CHUNK):
        yield list(ids[start:start + ID_CHUNK])


def _items(relief_ids: Sequence[int] | None) -> dict[int, str]:
    """relief id → its items as one 物资 cell."""
    found: dict[int, list[str]] = {}
    query = ReliefItem.select(ReliefItem.relief, ReliefItem.name, ReliefItem.quantity, ReliefItem.unit,
                              ReliefItem.value).order_by(ReliefItem.relief, ReliefItem.id)
    parts = [query] if relief_ids is None else [query.where(ReliefItem.relief.in_(c)) for c in _chunks(relief_ids)]
    for part in parts:
        for relief_id, name, quantity, unit, value in tuples(part):
            found.setdefault(relief_id, []).append(item_text(name, quantity, unit, value))
    return {k: "、".join(v) for k, v in found.items()}


def _relief_select() -> Any:
    columns: dict[str, Any] = {
        "_id": Relief.id, "on_date": Relief.on_date, "relief_type": Relief.relief_type, "name": Person.name,
        "id_number": Person.id_number, "file_no": Household.file_no, "category": Household.category,
        "amount": Relief.amount, "goods_value": Relief.goods_value, "fund": Fund.name, "campaign": Campaign.name,
        "handler": Relief.handler, "temporary": Relief.temporary, "duplicate_reason": Relief.duplicate_reason,
        "overdraw_reason": Relief.overdraw_reason, "note": Relief.note, "hospital": Relief.hospital,
        "diagnosis": Relief.diagnosis, "total_cost": Relief.total_cost, "insurance_paid": Relief.insurance_paid,
        "self_paid": Relief.self_paid, "student_name": Student.name, "student_id_number": Student.id_number,
        "school": Relief.school, "school_level": Relief.school_level, "admission_year": Relief.admission_year,
    }
    outer = peewee.JOIN.LEFT_OUTER
    return (Relief.select(*(column.alias(key) for key, column in columns.items()))
            .join(Person, on=(Relief.person == Person.id)).switch(Relief)
            .join(Household, outer, on=(Relief.household == Household.id)).switch(Relief)
            .join(Fund, outer, on=(Relief.fund == Fund.id)).switch(Relief)
            .join(Campaign, outer, on=(Relief.campaign == Campaign.id)).switch(Relief)
            .join(Student, outer, on=(Relief.student == Student.id)))


def relief_totals(ids: Sequence[int] | None) -> tuple[int, Decimal, Decimal]:
    """人次, cash and goods of every relief (or of the given ones)."""
    query = Relief.select(peewee.fn.COUNT(Relief.id), peewee.fn.SUM(Relief.amount), peewee.fn.SUM(Relief.goods_value))
    parts = [query] if ids is None else [query.where(Relief.id.in_(c)) for c in _chunks(ids)]
    count, cash, goods = 0, 0, 0
    for part in parts:
        n, c, g = next(tuples(part))
        count, cash, goods = count + int(n), cash + int(c or 0), goods + int(g or 0)
    return count, from_cents(cash), from_cents(goods)


def relief_rows(ids: Sequence[int] | None = None) -> Iterator[dict[str, object]]:
    """Every relief by date (then as recorded), or the given ones in the given order, as register values."""
    items = _items(ids)
    query = _relief_select()
    if ids is None:
        rows: Iterator[dict[str, Any]] = dicts(query.order_by(Relief.on_date, Relief.id))
    else:
        rows = (row for c in _chunks(ids) for row in _in_order(list(dicts(query.where(Relief.id.in_(c)))), c))
    for row in rows:
        row["items"] = items.get(row["_id"], "")
        row["temporary"] = bool(row["temporary"])
        yield row


def _in_order(rows: list[dict[str, Any]], ids: Sequence[int]) -> list[dict[str, Any]]:
    position = {i: n for n, i in enumerate(ids)}
    return sorted(rows, key=lambda r: position[r["_id"]])


def campaign_rows(ids: Sequence[int] | None = None) -> list[dict[str, object]]:
    """Campaigns oldest first (or the given ones in order), with 人次 and 金额 so far."""
    views = {v.id: v for v in campaigns.list_campaigns()}
    chosen = sorted(views.values(), key=lambda v: (v.start_date, v.id)) if ids is None else \
        [views[i] for i in ids if i in views]
    return [{"name": c.name, "relief_type": c.relief_type, "start_date": c.start_date, "end_date": c.end_date,
             "standard_amount": c.standard_amount, "standard_items": c.standard_items, "fund": c.fund,
             "note": c.note, "recipients": c.recipients, "total": c.total} for c in chosen]


def fund_entry_rows(ids: Sequence[int] | None = None) -> list[dict[str, object]]:
    """Money in, by date (then as entered), or the given entries in order."""
    query = (FundEntry.select(FundEntry.id.alias("_id"), Fund.name.alias("fund"), FundEntry.on_date.alias("on_date"),
                              FundEntry.source.alias("source"), FundEntry.amount.alias("amount"),
                              FundEntry.document_no.alias("document_no"), FundEntry.note.alias("note"))
             .join(Fund, on=(FundEntry.fund == Fund.id)))
    if ids is None:
        return list(dicts(query.order_by(FundEntry.on_date, FundEntry.id)))
    rows: list[dict[str, object]] = []
    for chunk in _chunks(ids):
        rows += _in_order(list(dicts(query.where(FundEntry.id.in_(chunk)))), chunk)
    return rows
