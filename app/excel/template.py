"""The import template: each register's sheet with help notes, drop-down lists and a guide sheet."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.excel.writer import (
    FIRST_DATA_ROW,
    HEADER_ALIGNMENT,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    HEADER_ROW,
    NOTE_FONT,
    PAPER_A4,
    TITLE_FONT,
    Heading,
    RegisterSheet,
    text_cell,
)
from app.registers.base import Field, Kind, Register, ValueLists

BLANK_ROWS = 2000       # rows pre-formatted (text for ID numbers, dates as dates) and validated
LISTS_SHEET = "可选值"   # hidden sheet holding the drop-down lists
GUIDE_SHEET = "填表说明"
PROMPT_LIMIT = 255       # Excel's limit for a data-validation input message
PROMPT_TITLE_LIMIT = 32
GUIDE_WIDTHS = (14, 16, 9, 60, 40)  # 工作表, 列名, 是否必填, 格式/可选值, 说明
LINE_HEIGHT = 15                     # points per line of wrapped text

KIND_HINTS: dict[Kind, str] = {
    Kind.DATE: "日期，如 2024-05-06",
    Kind.MONEY: "金额（元），最多两位小数",
    Kind.DECIMAL: "数字，最多两位小数",
    Kind.BOOL: "填“是”或“否”",
    Kind.ID_NUMBER: "18位公民身份号码（文本格式，勿存成数字）",
    Kind.MOBILE: "11位手机号码",
    Kind.PHONE: "手机号码或带区号的固定电话，如 0934-1234567",
    Kind.CARD: "银行卡号，12至19位数字（文本格式，勿存成数字）",
}


def list_name(field: Field) -> str:
    return field.choices or field.key


def format_hint(field: Field, lists: ValueLists) -> str:
    """What a cell of this column may hold, in words (the guide's 格式/可选值 column)."""
    if field.kind is Kind.CHOICE:
        return "从下拉列表选择：" + "、".join(lists.get(list_name(field), ()))
    if field.kind is Kind.MULTI:
        most = f"（最多{field.max_items}项）" if field.max_items else ""
        return f"可填多项，用、分隔{most}：" + "、".join(lists.get(list_name(field), ()))
    if field.kind is Kind.INT:
        bounds = ""
        if field.minimum is not None and field.maximum is not None:
            bounds = f"，{field.minimum}至{field.maximum}"
        return "整数" + bounds
    if field.kind is Kind.TEXT:
        return f"文字，最多{field.max_length}字" if field.max_length else "文字"
    return KIND_HINTS[field.kind]


def header_note(field: Field, lists: ValueLists) -> str:
    """The comment on a header cell: required or not, the help text and the format."""
    parts = ["（必填）" if field.required else "（选填）"]
    if field.help:
        parts.append(field.help)
    hint = format_hint(field, lists)
    if field.kind in (Kind.CHOICE, Kind.MULTI) and len(hint) > 120:
        hint = hint[:118] + "…"
    parts.append(hint)
    return "\n".join(parts)


class ListsSheet:
    """The hidden sheet of drop-down values: one column per list, values from row 2."""

    def __init__(self, registers: Sequence[Register], lists: ValueLists) -> None:
        self.columns: dict[str, tuple[str, int]] = {}  # list name → (column letter, count)
        self.values: list[tuple[str, tuple[str, ...]]] = []
        for register in registers:
            for field in register.importable_fields():
                name = list_name(field)
                if field.kind is Kind.CHOICE and name in lists and name not in self.columns:
                    self.values.append((field.label, tuple(lists[name])))
                    self.columns[name] = (get_column_letter(len(self.values)), len(lists[name]))

    def formula(self, field: Field) -> str | None:
        found = self.columns.get(list_name(field))
        if found is None:
            return None
        column, count = found
        return f"'{LISTS_SHEET}'!${column}$2:${column}${max(count, 1) + 1}"

    def write(self, workbook: Any) -> None:
        ws = workbook.create_sheet(LISTS_SHEET)
        ws.sheet_state = "hidden"
        ws.append([text_cell(ws, label) for label, _ in self.values])
        longest = max((len(v) for _, v in self.values), default=0)
        for index in range(longest):
            ws.append([text_cell(ws, v[index]) if index < len(v) else None for _, v in self.values])


def _validations(sheet: RegisterSheet, lists: ValueLists, choices: ListsSheet) -> None:
    last = FIRST_DATA_ROW + BLANK_ROWS - 1
    for index, field in enumerate(sheet.fields, 1):
        column = get_column_letter(index)
        formula = choices.formula(field) if field.kind is Kind.CHOICE else None
        if field.kind is Kind.BOOL:
            formula = '"是,否"'
        prompt = header_note(field, lists)[:PROMPT_LIMIT]
        if formula is not None:
            check = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                   errorTitle="不在可选值中", error="请从下拉列表中选择。")
        else:
            check = DataValidation(allow_blank=True)
        check.showInputMessage = True
        check.promptTitle = field.label[:PROMPT_TITLE_LIMIT]
        check.prompt = prompt
        check.add(f"{column}{FIRST_DATA_ROW}:{column}{last}")
        sheet.sheet.data_validations.append(check)


def text_lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (a Chinese character is two)."""
    units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return max(1, math.ceil(units / max(width, 1)))


def _write_guide(workbook: Any, registers: Sequence[Register], lists: ValueLists,
                 notes: Sequence[str]) -> None:
    """The 填表说明 sheet; row heights are set here because wrapped rows are not sized on opening."""
    ws = workbook.create_sheet(GUIDE_SHEET)
    for column, width in zip("ABCDE", GUIDE_WIDTHS, strict=True):
        ws.column_dimensions[column].width = width
    rows = [[register.sheet, f.label, "必填" if f.required else "选填", format_hint(f, lists), f.help]
            for register in registers for f in register.importable_fields()]
    header_row = 2 + len(notes) + 1
    ws.row_dimensions[1].height = 26
    for number, note in enumerate(notes, 2):
        ws.row_dimensions[number].height = LINE_HEIGHT * text_lines(note, sum(GUIDE_WIDTHS) - 4)
    for number, row in enumerate(rows, header_row + 1):
        lines = max(text_lines(text, width - 1) for text, width in zip(row, GUIDE_WIDTHS, strict=True))
        ws.row_dimensions[number].height = LINE_HEIGHT * lines
    ws.freeze_panes = f"A{header_row + 1}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wrap = Alignment(vertical="top", wrap_text=True)
    title = text_cell(ws, "填表说明")
    title.font = TITLE_FONT
    ws.append([title])
    for note in notes:
        cell = text_cell(ws, note)
        cell.font, cell.alignment = NOTE_FONT, wrap
        ws.append([cell])
    ws.append([])
    header = []
    for label in ("工作表", "列名", "是否必填", "格式/可选值", "说明"):
        cell = text_cell(ws, label)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_BORDER, HEADER_ALIGNMENT
        header.append(cell)
    ws.append(header)
    for row in rows:
        cells = []
        for value in row:
            cell = text_cell(ws, value)
            cell.alignment = wrap
            cells.append(cell)
        ws.append(cells)
    for number in range(2, 2 + len(notes)):
        ws.merged_cells.add(f"A{number}:E{number}")
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = True


def write_template(workbook: Any, registers: Sequence[Register], *, office: str, lists: ValueLists,
                   notes: Sequence[str]) -> None:
    """Add one sheet per register (importable columns only), the guide and the hidden lists."""
    choices = ListsSheet(registers, lists)
    for register in registers:
        fields = register.importable_fields()
        heading = Heading(f"{office}{register.title}（导入模板）",
                          f"红色列名为必填项；鼠标停在列名上可看说明；从第{FIRST_DATA_ROW}行起每行一条，"
                          f"不要改动第{HEADER_ROW}行的列名。详见“{GUIDE_SHEET}”。")
        notes_by_key = {f.key: header_note(f, lists) for f in fields}
        sheet = RegisterSheet(workbook, register, heading, fields=fields, header_notes=notes_by_key)
        sheet.append_blank_rows(BLANK_ROWS)
        _validations(sheet, lists, choices)
        sheet.close(filter_rows=False)
    _write_guide(workbook, registers, lists, notes)
    choices.write(workbook)
