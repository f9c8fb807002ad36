"""Field and Register: the column description, with parsing and formatting of one value."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from app import validation as v

ValueLists = Mapping[str, Sequence[str]]


class Kind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    MULTI = "multi"          # several values from a list, joined with 、
    DATE = "date"
    MONEY = "money"          # 元, Decimal with 2 places
    DECIMAL = "decimal"      # e.g. m², Decimal with 2 places
    INT = "int"
    BOOL = "bool"            # 是/否
    ID_NUMBER = "id_number"  # 18-character resident ID, always text
    MOBILE = "mobile"
    PHONE = "phone"          # mobile or landline
    CARD = "card"            # bank card, Luhn, always text


class Mask(StrEnum):
    ID_NUMBER = "id_number"
    PHONE = "phone"
    CARD = "card"


MULTI_SEPARATORS = re.compile(r"[、,，;；|\s]+")  # not "/": values such as 身份证/户口本 contain it


@dataclass(frozen=True)
class Field:
    """One column of a register: how it is named, typed, checked, shown and exported."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    section: str = ""
    required: bool = False
    choices: str | None = None
    width: int = 12
    mask: Mask | None = None
    in_list: bool = False
    derived: bool = False
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    max_items: int | None = None
    help: str = ""

    @property
    def importable(self) -> bool:
        return not self.derived

    @property
    def is_text_cell(self) -> bool:
        """Written as text in Excel so long digit strings are never turned into numbers."""
        return self.kind in (Kind.ID_NUMBER, Kind.CARD, Kind.MOBILE, Kind.PHONE, Kind.TEXT)

    def parse(self, raw: object, lists: ValueLists) -> object:
        """Clean and check one value; None for an empty optional cell. Raises ValueError."""
        if raw is None or (isinstance(raw, str) and not v.clean_text(raw)):
            if self.required:
                raise ValueError("必填，不能为空")
            return () if self.kind is Kind.MULTI else (False if self.kind is Kind.BOOL else None)
        kind = self.kind
        if kind is Kind.TEXT:
            # Free text keeps its punctuation and line breaks (，（）： stay full-width).
            text = raw.strip() if isinstance(raw, str) else v.clean_text(raw)
            if isinstance(raw, float) and raw.is_integer():
                text = str(int(raw))
            if self.max_length and len(text) > self.max_length:
                raise ValueError(f"不能超过{self.max_length}个字")
            return text
        if kind is Kind.CHOICE:
            text = v.clean_text(raw)
            allowed = lists.get(self.choices or self.key, ())
            if text not in allowed:
                raise ValueError(f"“{text}”不在可选值中（{'、'.join(allowed)}）")
            return text
        if kind is Kind.MULTI:
            allowed = lists.get(self.choices or self.key, ())
            items = tuple(dict.fromkeys(p for p in MULTI_SEPARATORS.split(v.clean_text(raw)) if p))
            unknown = [i for i in items if i not in allowed]
            if unknown:
                raise ValueError(f"“{'、'.join(unknown)}”不在可选值中（{'、'.join(allowed)}）")
            if self.max_items is not None and len(items) > self.max_items:
                raise ValueError(f"最多{self.max_items}项")
            return items
        if kind is Kind.DATE:
            return v.parse_date(raw)
        if kind is Kind.MONEY:
            return v.parse_money(raw)
        if kind is Kind.DECIMAL:
            return v.parse_decimal(raw)
        if kind is Kind.INT:
            return v.parse_int(raw, minimum=self.minimum, maximum=self.maximum)
        if kind is Kind.BOOL:
            return v.parse_bool(raw)
        if kind is Kind.ID_NUMBER:
            return v.check_id_number(raw).number
        if kind is Kind.MOBILE:
            return v.check_mobile(raw)
        if kind is Kind.PHONE:
            return v.check_phone(raw)
        if kind is Kind.CARD:
            return v.check_card(raw)
        raise AssertionError(kind)

    def display(self, value: object, *, masked: bool = False) -> str:
        """The value as a person reads it in a list or on paper."""
        if value is None or value == ():
            return ""
        if masked and self.mask is not None:
            text = str(value)
            if self.mask is Mask.ID_NUMBER:
                return v.mask_id_number(text)
            if self.mask is Mask.PHONE:
                return v.mask_phone(text)
            return v.mask_card(text)
        if self.kind is Kind.BOOL:
            return "是" if value else "否"
        if self.kind is Kind.MULTI and isinstance(value, tuple | list):
            return "、".join(str(i) for i in value)
        if self.kind is Kind.MONEY and isinstance(value, Decimal):
            return f"{value:,.2f}"
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value)

    def cell(self, value: object, *, masked: bool = False) -> object:
        """The value as an Excel cell: dates as dates, money as Decimal, codes as text."""
        if value is None or value == ():
            return None
        if masked and self.mask is not None:
            return self.display(value, masked=True)
        if self.kind in (Kind.MONEY, Kind.DECIMAL, Kind.INT, Kind.DATE):
            return value
        return self.display(value)


@dataclass(frozen=True)
class Register:
    """A register (登记簿): its name, its sheet, and its columns in order."""

    kind: str
    title: str
    sheet: str
    fields: tuple[Field, ...]
    key_field: str

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def importable_fields(self) -> list[Field]:
        return [f for f in self.fields if f.importable]

    def list_fields(self) -> list[Field]:
        return [f for f in self.fields if f.in_list]

    def sections(self) -> list[tuple[str, list[Field]]]:
        """Fields grouped by section, in order of first appearance."""
        groups: dict[str, list[Field]] = {}
        for f in self.fields:
            groups.setdefault(f.section, []).append(f)
        return list(groups.items())

    def by_label(self) -> dict[str, Field]:
        return {f.label: f for f in self.fields}
