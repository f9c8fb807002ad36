"""One county's upward workbook read back for the city merge: who sent it, for which period, its figures, and
the people on its register sheets (by full ID number, unless the county masked them).

A file that is not an upward workbook (no 汇总 sheet with the table's header and figure codes) is refused with
its name; so is one that cannot be read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.errors import KnownError
from app.excel.reader import SourceBook, find_header
from app.registers import get_register, register_kinds
from app.registers.base import Kind, Register
from app.reports import upward

FULL_ID = re.compile(r"\d{17}[\dXx]")
Value = int | Decimal


@dataclass(frozen=True)
class Figure:
    """One line of a county's 汇总: its code, 指标 and 单位, this period and a year earlier."""

    code: str
    label: str
    unit: str
    current: Value
    previous: Value


@dataclass
class CountyBook:
    path: Path
    office: str
    period: str
    masked: bool
    figures: dict[str, Figure] = field(default_factory=dict)
    # full ID number → (a name it goes by, the sheets it is on); empty when masked
    people: dict[str, tuple[str, set[str]]] = field(default_factory=dict)


def _refuse(path: Path, why: str) -> KnownError:
    return KnownError(f"“{path.name}”不是上报统计表（{why}），未合并任何文件。"
                      "请选用各县用“导出上报表”或 python -m app report 生成的工作簿。")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _after(cells: list[list[object]], label: str) -> str:
    """The text after a label such as 填报单位： in the cells above the table."""
    for row in cells:
        for value in row:
            text = _text(value)
            if text.startswith(label):
                return text[len(label):].strip()
    return ""


def _number(value: object, unit: str) -> Value:
    if value is None or value == "":
        return Decimal("0.00") if unit == "元" else 0
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    if unit == "元":
        return Decimal(str(value)).quantize(Decimal("0.01"))
    return int(Decimal(str(value)))


def _figures(book: SourceBook, path: Path) -> tuple[list[list[object]], dict[str, Figure]]:
    rows = book.rows(upward.SUMMARY_SHEET)
    header = next((i for i, r in enumerate(rows[:20]) if tuple(_text(c) for c in r[:6]) == upward.HEADER), None)
    if header is None:
        raise _refuse(path, f"“{upward.SUMMARY_SHEET}”表中找不到“{'、'.join(upward.HEADER[:5])}”表头")
    figures: dict[str, Figure] = {}
    for r in rows[header + 1:]:
        cells = [*r, *[None] * 6][:6]
        code = _text(cells[5])
        if not code:
            continue
        unit = _text(cells[1])
        try:
            figures[code] = Figure(code, _text(cells[0]), unit, _number(cells[2], unit), _number(cells[3], unit))
        except (ValueError, ArithmeticError):
            raise _refuse(path, f"“{_text(cells[0])}”的数字无法识别") from None
    if not figures:
        raise _refuse(path, f"“{upward.SUMMARY_SHEET}”表中没有指标")
    return rows[:header], figures


def _registers() -> dict[str, Register]:
    return {r.sheet: r for r in (get_register(k) for k in register_kinds())}


def _people(book: SourceBook, county: CountyBook) -> None:
    """Every full ID number on the register sheets, with the name on its row (for the person's own number)."""
    registers = _registers()
    for sheet in book.visible_sheets:
        register = registers.get(sheet)
        if register is None:
            continue
        rows = book.rows(sheet)
        header = find_header(rows, register)
        if header is None:
            continue
        labels = {_text(c): i for i, c in enumerate(rows[header])}
        ids = [(f.key, labels[f.label]) for f in register.fields if f.kind is Kind.ID_NUMBER and f.label in labels]
        name_at = next((labels[f.label] for f in register.fields if f.key == "name" and f.label in labels), None)
        for r in rows[header + 1:]:
            for key, at in ids:
                number = _text(r[at]) if at < len(r) else ""
                if not FULL_ID.fullmatch(number):
                    continue
                name = _text(r[name_at]) if key == "id_number" and name_at is not None and name_at < len(r) else ""
                known, sheets = county.people.get(number.upper(), ("", set()))
                sheets.add(sheet)
                county.people[number.upper()] = (known or name, sheets)


def read_county(path: Path) -> CountyBook:
    """The county's workbook, read and checked; a KnownError naming the file if it is not an upward workbook."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise _refuse(path, "不是 .xlsx 工作簿")
    book = SourceBook(path)
    if upward.SUMMARY_SHEET not in book.visible_sheets:
        raise _refuse(path, f"没有“{upward.SUMMARY_SHEET}”工作表")
    above, figures = _figures(book, path)
    office = _after(above, upward.OFFICE_LABEL) or path.stem
    masked = _after(above, upward.IDS_LABEL) != upward.FULL
    county = CountyBook(path, office, _after(above, upward.PERIOD_LABEL), masked, figures)
    if not masked:
        _people(book, county)
    return county
