"""Reading a register's sheet with python-calamine: the header found by its labels, raw rows kept.

Values are returned as calamine gives them (str, float, bool, date, datetime), blanks as None,
so that the register's Field.parse sees, for example, an ID number that Excel turned into a
float and can say so, instead of a string that merely looks wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from app.errors import FieldError, KnownError, ValidationError
from app.registers.base import Field, Kind, Register, ValueLists
from app.validation import clean_text

SAFE_DIGITS = 1e15      # floats below this hold every digit of an integer exactly
HEADER_SCAN_ROWS = 20   # the header is looked for in this many rows at the top of a sheet
MIN_HEADER_MATCHES = 2  # a row is a header only if at least this many labels match
REQUIRED_MARKS = re.compile(r"[*＊]|\(必填\)|必填$")

Cells = list[object]


@dataclass(frozen=True)
class SheetRow:
    """One data row: its Excel row number (1-based) and raw values keyed by field key."""

    number: int
    values: dict[str, object]


@dataclass(frozen=True)
class RegisterTable:
    """A register read from one sheet: the columns found and the non-blank data rows."""

    register: Register
    sheet: str
    header_row: int
    fields: tuple[Field, ...]
    rows: tuple[SheetRow, ...]

    def has(self, key: str) -> bool:
        return any(f.key == key for f in self.fields)


def normal_label(text: object) -> str:
    """A header as compared with the register's labels: full-width folded, no spaces or 必填 marks."""
    label = clean_text(text).replace(" ", "")
    return REQUIRED_MARKS.sub("", label)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class SourceBook:
    """A workbook opened for reading (xlsx, xlsm, xls or ods); sheets are read once and cached."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise KnownError(f"找不到文件 {path}。")
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except (CalamineError, OSError, ValueError) as exc:
            raise KnownError(f"无法读取 {path}：{exc}。请确认它是 Excel（.xlsx/.xls）或 .ods 文件，"
                             "没有加密，且没有在其他程序中以独占方式打开。") from None
        self._rows: dict[str, list[Cells]] = {}

    @property
    def visible_sheets(self) -> list[str]:
        return [m.name for m in self._book.sheets_metadata if m.visible == SheetVisibleEnum.Visible]

    def rows(self, sheet: str) -> list[Cells]:
        """Every row of a sheet from row 1 and column A on (index 0 is Excel row 1)."""
        if sheet not in self._rows:
            try:
                data = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            except (CalamineError, ValueError) as exc:
                raise KnownError(f"无法读取工作表“{sheet}”：{exc}") from None
            self._rows[sheet] = [list(r) for r in data]
        return self._rows[sheet]


def header_score(cells: Cells, register: Register) -> int:
    labels = {normal_label(f.label) for f in register.fields}
    return sum(1 for c in cells if isinstance(c, str) and normal_label(c) in labels)


def find_header(rows: Sequence[Cells], register: Register) -> int | None:
    """The 0-based index of the row holding the most of the register's labels, if any."""
    best, best_score = None, MIN_HEADER_MATCHES - 1
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = header_score(cells, register)
        if score > best_score:
            best, best_score = index, score
    return best


def assign_sheets(book: SourceBook, registers: Sequence[Register]) -> dict[str, str]:
    """Which sheet holds which register (by kind): the sheet of that name, else by its header.

    A hand-made file may have a single sheet called Sheet1: it goes to the register whose
    labels its header row matches best.
    """
    sheets = book.visible_sheets
    found: dict[str, str] = {}
    for register in registers:
        if register.sheet in sheets:
            found[register.kind] = register.sheet
    others = [s for s in sheets if s not in found.values()]
    for sheet in others:
        rows = book.rows(sheet)[:HEADER_SCAN_ROWS]
        scores = {r.kind: max((header_score(c, r) for c in rows), default=0)
                  for r in registers if r.kind not in found}
        if not scores:
            break
        kind = max(scores, key=lambda k: scores[k])
        if scores[kind] >= MIN_HEADER_MATCHES:
            found[kind] = sheet
    return found


def read_register(book: SourceBook, register: Register, sheet: str) -> RegisterTable:
    """The register's columns and rows on `sheet`; header problems raise ValidationError.

    Unknown column names are errors (a misspelt column would otherwise be silently dropped);
    columns with a blank header are ignored; a required column that is missing is an error.
    """
    rows = book.rows(sheet)
    header_index = find_header(rows, register)
    if header_index is None:
        raise ValidationError([FieldError("", "", f"找不到列名行（应包含“{register.fields[0].label}”"
                                          f"“{register.fields[1].label}”等列名）", sheet=sheet)])
    header_row = header_index + 1
    by_label = {normal_label(f.label): f for f in register.fields}
    columns: list[tuple[int, Field]] = []
    errors: list[FieldError] = []
    seen: dict[str, int] = {}
    for col, raw in enumerate(rows[header_index]):
        if _blank(raw):
            continue
        label = normal_label(raw)
        field = by_label.get(label)
        if field is None:
            errors.append(FieldError("", clean_text(raw), "无法识别的列名，请改用模板中的列名或删除该列",
                                     row=header_row, sheet=sheet))
            continue
        if field.key in seen:
            errors.append(FieldError(field.key, field.label, "列名重复", row=header_row, sheet=sheet))
            continue
        seen[field.key] = col
        columns.append((col, field))
    for field in register.fields:
        if field.required and field.importable and field.key not in seen:
            errors.append(FieldError(field.key, field.label, "缺少必填列", row=header_row, sheet=sheet))
    if errors:
        raise ValidationError(errors)
    data: list[SheetRow] = []
    for index in range(header_index + 1, len(rows)):
        cells = rows[index]
        values = {f.key: (None if _blank(cells[c]) else cells[c]) for c, f in columns if c < len(cells)}
        if all(_blank(v) for v in values.values()):
            continue
        data.append(SheetRow(index + 1, values))
    return RegisterTable(register, sheet, header_row, tuple(f for _, f in columns), tuple(data))


@dataclass(frozen=True)
class ParsedRow:
    """One sheet row after Field.parse: its row number, grouping key and clean values."""

    number: int
    key: str
    values: dict[str, object]
    failed: frozenset[str]  # keys of the cells that did not parse (each reported as a FieldError)

    @property
    def ok(self) -> bool:
        return not self.failed


def id_key(raw: object) -> str:
    """The text two cells must share to name the same person (ID numbers compared as typed)."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return clean_text(raw).replace(" ", "").upper()
    return repr(raw)


def excel_value(field_: Field, raw: object) -> object:
    """Undo what Excel does to digit strings that fit in a float; refuse card numbers that do not."""
    if isinstance(raw, float) and raw.is_integer() and field_.kind in (Kind.MOBILE, Kind.PHONE, Kind.CARD):
        if raw < SAFE_DIGITS:
            return str(int(raw))
        raise ValueError("卡号被存成了数字，可能已被 Excel 截断（超过15位的数字会丢失末几位），"
                         "请将该列设为文本后重新录入")
    return raw


def parse_table(table: RegisterTable, key_field: str, lists: ValueLists,
                errors: list[FieldError]) -> list[ParsedRow]:
    """Field.parse on every importable cell; every failure becomes a FieldError (none stops the rest)."""
    parsed: list[ParsedRow] = []
    fields = [f for f in table.fields if f.importable]
    for row in table.rows:
        values: dict[str, object] = {}
        failed: set[str] = set()
        for f in fields:
            try:
                values[f.key] = f.parse(excel_value(f, row.values.get(f.key)), lists)
            except ValueError as exc:
                errors.append(FieldError(f.key, f.label, str(exc), row=row.number, sheet=table.sheet))
                failed.add(f.key)
        parsed.append(ParsedRow(row.number, id_key(row.values.get(key_field)), values, frozenset(failed)))
    return parsed
