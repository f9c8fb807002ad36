"""The register-driven workbook writer, template and reader (no database needed)."""

from __future__ import annotations

import datetime
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from app.errors import ValidationError
from app.excel import reader, template, writer
from app.registers.base import Field, Kind, Mask, Register
from app.registers.households import FAMILY_MEMBERS, HOUSEHOLDS

NAMES = ('=HYPERLINK("http://example.com/x","点我")', "+1", "-2+3", "@SUM(A1)", "＝1+1", "＋86", "－5",
         "＠cmd", "\tcmd", "\n=1", "#N/A", "普通名字")
PEOPLE = Register(
    kind="people", title="测试登记簿", sheet="人员", key_field="id_number",
    fields=(
        Field("name", "姓名", required=True, width=30),
        Field("id_number", "身份证号", Kind.ID_NUMBER, width=21, mask=Mask.ID_NUMBER),
        Field("born", "出生日期", Kind.DATE),
        Field("income", "月收入", Kind.MONEY),
        Field("size", "人口", Kind.INT),
        Field("sex", "性别", Kind.CHOICE),
        Field("card", "卡号", Kind.CARD, mask=Mask.CARD),
        Field("dibao", "低保", Kind.BOOL),
    ),
)
LISTS = {"sex": ("男", "女")}


def _write(path: Path, rows: list[dict[str, object]], *, masked: bool = False) -> None:
    book = writer.new_workbook()
    sheet = writer.RegisterSheet(book, PEOPLE, writer.Heading("测试中心测试登记簿", "导出日期：2025-06-30"),
                                 masked=masked)
    for row in rows:
        sheet.append(row)
    assert sheet.close() == len(rows)
    book.save(path)


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "inject.xlsx"
    _write(path, [{"name": n} for n in NAMES])
    ws = openpyxl.load_workbook(path)["人员"]
    for offset, name in enumerate(NAMES):
        cell = ws.cell(writer.FIRST_DATA_ROW + offset, 1)
        assert cell.data_type == "s", name
        assert cell.value == name
        if name != "普通名字":
            assert cell.quotePrefix, name
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("人员").to_python()
    assert [r[0] for r in rows[writer.HEADER_ROW:]] == list(NAMES)


def test_cells_are_typed_and_formatted(tmp_path: Path) -> None:
    path = tmp_path / "typed.xlsx"
    _write(path, [{"name": "张三", "id_number": "110105197001011238", "born": datetime.date(1970, 1, 1),
                   "income": Decimal("1234.50"), "size": 3, "sex": "男", "card": "6222020200112233445",
                   "dibao": True}])
    ws = openpyxl.load_workbook(path)["人员"]
    row = writer.FIRST_DATA_ROW
    assert [c.value for c in ws[writer.HEADER_ROW]] == [f.label for f in PEOPLE.fields]
    assert ws.cell(row, 2).value == "110105197001011238" and ws.cell(row, 2).number_format == "@"
    assert ws.cell(row, 3).value == datetime.datetime(1970, 1, 1)
    assert ws.cell(row, 3).number_format == "yyyy-mm-dd"
    assert ws.cell(row, 4).value == 1234.5 and ws.cell(row, 4).number_format == "#,##0.00"
    assert ws.cell(row, 7).data_type == "s" and ws.cell(row, 7).number_format == "@"
    assert ws.cell(row, 8).value == "是"
    assert ws["A1"].value == "测试中心测试登记簿" and "A1:H1" in ws.merged_cells
    assert ws.freeze_panes == "B4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.paperSize) == writer.PAPER_A4
    assert ws.auto_filter.ref == "A3:H4"
    assert ws.column_dimensions["A"].width == 32
    assert ws.cell(writer.HEADER_ROW, 1).font.b


def test_masked_cells_keep_only_the_ends(tmp_path: Path) -> None:
    path = tmp_path / "masked.xlsx"
    _write(path, [{"name": "张三", "id_number": "110105197001011238", "card": "6222020200112233445"}],
           masked=True)
    ws = openpyxl.load_workbook(path)["人员"]
    assert ws.cell(writer.FIRST_DATA_ROW, 2).value == "110***********1238"
    assert ws.cell(writer.FIRST_DATA_ROW, 7).value == "****3445"


def test_reader_finds_the_header_under_title_rows_and_keeps_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "read.xlsx"
    _write(path, [{"name": "张三", "born": datetime.date(1970, 1, 1)}, {}, {"name": "李四", "size": 2}])
    book = reader.SourceBook(path)
    table = reader.read_register(book, PEOPLE, "人员")
    assert table.header_row == writer.HEADER_ROW
    assert [r.number for r in table.rows] == [4, 6]  # the blank row 5 is skipped, numbers kept
    assert table.rows[0].values["born"] == datetime.date(1970, 1, 1)
    assert table.rows[1].values["size"] == 2.0  # calamine's numbers are floats; Field.parse copes


def test_reader_accepts_a_header_on_row_one_with_required_marks(tmp_path: Path) -> None:
    path = tmp_path / "hand.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名*", "身份证号（必填）", "", "出生日期"])
    ws.append(["王五", 1.10105197001011e17, "ignored: blank header", "1970/1/1"])
    wb.save(path)
    book = reader.SourceBook(path)
    assert reader.assign_sheets(book, [PEOPLE]) == {"people": "Sheet"}
    table = reader.read_register(book, PEOPLE, "Sheet")
    assert table.header_row == 1 and [f.key for f in table.fields] == ["name", "id_number", "born"]
    errors: list = []
    parsed = reader.parse_table(table, "id_number", LISTS, errors)
    assert not parsed[0].ok
    assert errors[0].row == 2 and errors[0].label == "身份证号" and "Excel 截断" in errors[0].message


def test_unknown_and_missing_headers_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["身份证号", "出生日期", "月收人", "性别"])
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        reader.read_register(reader.SourceBook(path), PEOPLE, "Sheet")
    messages = {(e.label, e.message) for e in caught.value.errors}
    assert ("月收人", "无法识别的列名，请改用模板中的列名或删除该列") in messages
    assert ("姓名", "缺少必填列") in messages


def test_every_cell_error_is_collected_not_just_the_first(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    _write(path, [{"name": "甲", "sex": "未知"}, {"name": "乙", "id_number": "110105197001011239"},
                  {"name": "", "size": 3}])
    table = reader.read_register(reader.SourceBook(path), PEOPLE, "人员")
    errors: list = []
    reader.parse_table(table, "id_number", LISTS, errors)
    assert [(e.row, e.label) for e in errors] == [(4, "性别"), (5, "身份证号"), (6, "姓名")]


def test_a_file_that_is_not_a_workbook_is_a_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("不是表格", encoding="utf-8")
    with pytest.raises(Exception, match="无法读取") as caught:
        reader.SourceBook(path)
    assert type(caught.value).__name__ == "KnownError"


def test_template_has_importable_headers_help_lists_and_guide(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    book = writer.new_workbook()
    lists = {"sex": ("男", "女"), "cause": ("下岗失业", "其他"), "identity": ("职工", "农民工"),
             "relation": ("配偶", "子女")}
    template.write_template(book, (HOUSEHOLDS, FAMILY_MEMBERS), office="测试中心", lists=lists, notes=("说明一",))
    book.save(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["困难职工档案", "家庭成员", "填表说明", "可选值"]
    assert wb["可选值"].sheet_state == "hidden"
    ws = wb["困难职工档案"]
    headers = [c.value for c in ws[writer.HEADER_ROW]]
    assert headers == [f.label for f in HOUSEHOLDS.importable_fields()]
    assert "家庭月人均收入" not in headers
    # No example row that would be imported: rows below the header are formatted but empty.
    assert all(c.value is None for row in ws.iter_rows(min_row=writer.FIRST_DATA_ROW) for c in row)
    id_column = headers.index("身份证号") + 1
    assert ws.cell(writer.HEADER_ROW, id_column).comment.text.startswith("（必填）")
    assert ws.cell(2000, id_column).number_format == "@"
    sex = headers.index("性别") + 1
    sex_letter = openpyxl.utils.get_column_letter(sex)
    checks = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"
              and f"{sex_letter}4" in str(dv.sqref)]
    assert checks and checks[0].formula1.startswith("'可选值'!$")
    guide = [[c.value for c in row] for row in wb["填表说明"].iter_rows()]
    labels = [row[1] for row in guide if row[0] == "困难职工档案"]
    assert labels == headers
    assert next(r[:3] for r in guide if r[1] == "身份证号") == ["困难职工档案", "身份证号", "必填"]
    member_headers = [c.value for c in wb["家庭成员"][writer.HEADER_ROW]]
    assert member_headers == [f.label for f in FAMILY_MEMBERS.importable_fields()]
