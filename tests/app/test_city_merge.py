"""The city merge of counties' upward workbooks: one row per county and a total, people on more than one county's
registers found by full ID number, a masked county said to be unchecked, a file that is not an upward workbook
refused by name (and nothing written)."""

from __future__ import annotations

import datetime
import shutil
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app import cli, clock, session
from app.errors import KnownError
from app.office import close_office
from app.reports.city_merge import SHARED, SUMMARY, TOTAL, merge_workbooks
from app.reports.county_book import read_county
from tests.year_builder import ADMIN, Year, build_office, id_number

D = datetime.date
YEAR = ("2024-01-01", "2024-12-31")
KEPT = (id_number(900), id_number(320))   # the two people the second county also has on its registers


@pytest.fixture(scope="module")
def counties(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[Path], Year]]:
    """三县: A (full IDs), B (a copy of A under another name whose people all differ but two; full IDs),
    C (a copy of A under a third name, masked)."""
    folder = tmp_path_factory.mktemp("city")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANGFU_DATA_DIR", str(folder / "userdata"))
        patch.setenv("BANGFU_USER", ADMIN[0])
        patch.setenv("BANGFU_PASSWORD", ADMIN[2])
        path, year = build_office(folder)
        books = []
        for name, full in (("A县总工会", True), ("B县总工会", True), ("C县总工会", False)):
            db = Path(shutil.copy(path, folder / f"{name}.sqlite"))
            with sqlite3.connect(db) as conn:
                conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('office_name', ?)", (name,))
                if name.startswith("B"):
                    conn.execute("UPDATE person SET id_number = '9' || substr(id_number, 2) WHERE id_number NOT IN "
                                 "(?, ?)", KEPT)
            conn.close()
            out = folder / f"{name}.xlsx"
            clock.fix_today(D(2025, 6, 30))
            try:
                assert cli.main(["report", "--db", str(db), "--from", YEAR[0], "--to", YEAR[1], "--out", str(out),
                                 *(["--full-ids"] if full else [])]) == 0
            finally:
                session.set_current(None)
                close_office()
                clock.fix_today(None)
            books.append(out)
        yield books, year


def test_one_row_per_county_a_total_and_the_people_on_two_counties(
        counties: tuple[list[Path], Year], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    books = counties[0]
    out = tmp_path / "city.xlsx"
    assert cli.main(["merge", *map(str, books), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "已合并 3 个县（区）的上报表" in said and "A县总工会、B县总工会、C县总工会" in said
    assert "有 2 人在两个以上县（区）的登记簿中出现" in said
    assert "C县总工会的上报表隐去了身份证号中间位，无法比对" in said

    figures = [read_county(b).figures for b in books]
    book = openpyxl.load_workbook(out)
    ws = book[SUMMARY]
    rows = list(ws.iter_rows(values_only=True))
    codes = rows[3]
    by_county = {r[0]: r for r in rows[4:]}
    assert list(by_county) == ["A县总工会", "B县总工会", "C县总工会", TOTAL]
    assert by_county["C县总工会"][2] == "隐去中间位" and by_county["A县总工会"][2] == "完整"
    assert by_county["A县总工会"][1] == "2024-01-01 至 2024-12-31"
    checked = 0
    for column, code in enumerate(codes):
        if not code:
            continue
        unit = figures[0][code].unit
        values = [Decimal(str(by_county[c][column])) for c in ("A县总工会", "B县总工会", "C县总工会")]
        assert values == [Decimal(str(f[code].current)) for f in figures], code
        assert Decimal(str(by_county[TOTAL][column])) == sum(values), code
        checked += 1 if unit else 0
    assert checked == len(figures[0]) > 100
    relief = codes.index("relief.amount")
    assert Decimal(str(by_county[TOTAL][relief])) == 3 * Decimal(str(figures[0]["relief.amount"].current))

    shared = list(book[SHARED].iter_rows(min_row=4, values_only=True))
    assert sorted(r[0] for r in shared) == sorted(KEPT)
    worker = next(r for r in shared if r[0] == id_number(900))
    assert worker[2] == 2 and "A县总工会：" in worker[3] and "B县总工会：" in worker[3] and "走访慰问" in worker[3]
    assert "C县总工会的上报表隐去了身份证号中间位" in str(book[SHARED]["A2"].value)
    book.close()


def test_the_function_the_statistics_tab_calls(counties: tuple[list[Path], Year], tmp_path: Path) -> None:
    report = merge_workbooks(counties[0][:2], tmp_path / "two.xlsx")
    assert report.counties == ("A县总工会", "B县总工会") and report.unchecked == ()
    assert [p.id_number for p in report.shared] == sorted(KEPT)
    assert "按完整身份证号比对了 2 个县（区）" in report.describe()
    masked_only = merge_workbooks([counties[0][2]], tmp_path / "one.xlsx")
    assert "无法比对" in masked_only.describe() and "比对了" not in masked_only.describe()


def test_a_file_that_is_not_an_upward_workbook_is_refused_by_name(
        counties: tuple[list[Path], Year], tmp_path: Path) -> None:
    books = counties[0]
    other = tmp_path / "救助记录导出.xlsx"
    sheet = openpyxl.Workbook()
    sheet.active.append(["姓名", "身份证号"])
    sheet.save(other)
    text = tmp_path / "说明.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    out = tmp_path / "city.xlsx"
    for wrong in (other, text):
        with pytest.raises(KnownError, match=wrong.name):
            merge_workbooks([books[0], wrong], out)
        assert not out.exists()
    renamed = tmp_path / "汇总改名.xlsx"
    book = openpyxl.load_workbook(books[0])
    book["汇总"]["A5"] = "项目"
    book.save(renamed)
    with pytest.raises(KnownError, match=r"汇总改名\.xlsx.*不是上报统计表"):
        merge_workbooks([renamed], out)
    with pytest.raises(KnownError, match="不能是要合并的"):
        merge_workbooks([books[0]], books[0])
