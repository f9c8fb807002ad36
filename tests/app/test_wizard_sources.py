"""Import wizard, reading: workbooks made by LibreOffice, text files in the encodings offices save, the header found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.errors import KnownError
from app.registers.households import HOUSEHOLDS
from app.wizard.headers import guess_header, layout_at
from app.wizard.sources import detect_encoding, open_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wizard"
TABLE = "姓名,身份证号,性别\n王建国,622823197203151798,男\n李秀英,622823198007010706,女\n"


@pytest.mark.parametrize("name", ["households.xls", "households.ods", "households-gbk.csv"])
def test_files_made_by_libreoffice_are_read(name: str) -> None:
    source = open_source(FIXTURES / name)
    if name.endswith(".csv"):
        assert source.info.encoding == "GB18030/GBK" and source.info.delimiter == ","
        assert [s.name for s in source.info.sheets] == ["households-gbk"]
    else:
        assert [s.name for s in source.info.sheets] == ["花名册", "说明"]
    rows = source.rows(source.info.first_sheet)
    assert rows[0][0] == "华池县总工会困难职工花名册（2024年）"
    assert rows[4][1] == "王建国"


def test_a_wps_et_file_opens_by_its_content(tmp_path: Path) -> None:
    copy = tmp_path / "花名册.et"
    shutil.copy(FIXTURES / "households.xls", copy)
    assert open_source(copy).info.sheets[0].name == "花名册"


@pytest.mark.parametrize(("encoding", "label"), [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8（带BOM）"), ("gbk", "GB18030/GBK"), ("gb18030", "GB18030/GBK"),
    ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"),
])
def test_text_encodings_are_detected(tmp_path: Path, encoding: str, label: str) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes(TABLE.encode(encoding))
    source = open_source(path)
    assert source.info.encoding == label
    assert source.rows("名单")[1] == ["王建国", "622823197203151798", "男"]


def test_tab_separated_text_and_an_encoding_chosen_by_the_user(tmp_path: Path) -> None:
    path = tmp_path / "名单.txt"
    path.write_bytes(TABLE.replace(",", "\t").encode("gbk"))
    source = open_source(path, encoding="GB18030/GBK")
    assert source.info.delimiter == "\t"
    assert source.rows("名单")[2][0] == "李秀英"
    with pytest.raises(KnownError, match="不是 UTF-8 编码"):
        open_source(path, encoding="UTF-8")


def test_unreadable_files_are_refused_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="找不到文件"):
        open_source(tmp_path / "none.xlsx")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"\x00\x01not a workbook" * 10)
    with pytest.raises(KnownError, match="不是 Excel"):
        open_source(junk)
    with pytest.raises(KnownError, match="无法识别"):
        detect_encoding(bytes(range(0x80, 0x100)) * 3)


def test_merged_title_skipped_and_two_header_rows_combined() -> None:
    source = open_source(FIXTURES / "households.xls")
    layout = guess_header(source.rows("花名册"), "花名册", [HOUSEHOLDS])
    assert layout.header_rows == (3, 4) and layout.data_start == 5
    headers = {c.letter: c.header for c in layout.columns}
    assert headers["B"] == "职工基本情况·户主姓名" and headers["H"] == "联系方式·手机号"
    assert headers["F"] == "身份" and headers["A"] == "序号"
    assert "N" not in headers  # a blank column with no data is left out
    assert layout.column(1).samples[:2] == ("王建国", "李秀英")


def test_the_user_can_correct_the_header_row() -> None:
    grid = open_source(FIXTURES / "households-gbk.csv").rows("households-gbk")
    layout = layout_at(grid, "households-gbk", 4)
    assert layout.header_rows == (4,) and not layout.guessed
    assert [c.header for c in layout.columns][:4] == ["", "户主姓名", "公民身份号码", "性别"]
    assert layout.columns[0].title == "（第A列）"  # 序号 is in row 3: column A has data but no name here
    with pytest.raises(KnownError):
        layout_at(grid, "households-gbk", 99)
