"""Households to Excel and back: export, template, all-or-nothing import, masking, injection."""

from __future__ import annotations

import dataclasses
import datetime
import random
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet import _writer as openpyxl_writer
from stdnum import luhn
from stdnum.cn import ric

from app import cli
from app.errors import KnownError, ValidationError
from app.excel import writer
from app.office import close_office, open_office
from app.progress import Cancelled
from app.registers.base import Field
from app.registers.households import FAMILY_MEMBERS, HOUSEHOLDS
from app.services import exchange, household_rows
from app.services import households as hs
from app.services import lifecycle as lc
from app.services.household_forms import MemberForm
from db.models import Household
from tests.factories import make_form

D = datetime.date
STEPS = [(lc.A.REVIEW, D(2025, 3, 5)), (lc.A.SURVEY, D(2025, 3, 10)), (lc.A.NOTICE, D(2025, 3, 15)),
         (lc.A.APPROVE, D(2025, 3, 25)), (lc.A.RECHECK, D(2025, 6, 1))]


def unique_id(n: int, *, sex: str = "男") -> str:
    """A valid ID number that no other n gives (birth date walks forward a day per n)."""
    birth = D(1960, 1, 1) + datetime.timedelta(days=n)
    body = f"620121{birth:%Y%m%d}0{n % 10}{1 if sex == '男' else 2}"
    return body + ric.calc_check_digit(body + "0")


def card(n: int) -> str:
    body = f"622202{n:012d}"
    return body + luhn.calc_check_digit(body)


def _varied_form(n: int) -> object:
    rng = random.Random(n)
    members = tuple(
        MemberForm(name=f"成员{n}之{k}", relation=("配偶", "子女", "父母")[k % 3],
                   id_number=unique_id(5000 + n * 10 + k, sex="女") if k % 2 == 0 else None,
                   monthly_income=Decimal(rng.randrange(0, 200000)) / 100, identity="务农",
                   unit_or_school="华池县第一中学" if k == 1 else "", education="高中" if k == 1 else None,
                   enrol_year=2023 if k == 1 else None, schooling_years=3 if k == 1 else None)
        for k in range(n % 4))
    return make_form(
        n, id_number=unique_id(n), members=members, file_no=f"2025-{n:04d}",
        name=("王䶮", "李堃", "张𠈌", '=HYPERLINK("http://x","y")')[n % 4] + ("" if n % 4 == 3 else str(n)),
        phone=None if n % 5 == 0 else f"1390000{n:04d}", card_number=card(n) if n % 2 else None,
        bank_name="农业银行" if n % 2 else "", secondary_causes=("子女上学", "患重特大疾病")[: n % 3],
        attachments=("申请书", "身份证/户口本", "收入证明") if n % 3 else (), single_parent=n % 2 == 0,
        receives_dibao=n % 3 == 0, dibao_amount=Decimal("320.50") if n % 3 == 0 else Decimal(0),
        housing_area=None if n % 7 == 0 else Decimal("36.50") + n,
        note="+86 备注" if n == 5 else ("病人，（住院）\n第二行" if n == 6 else ""),
        hukou_place="甘肃省庆阳市华池县", category_reason="")


def _make_households(count: int = 20) -> list[int]:
    ids = []
    for n in range(1, count + 1):
        hid = hs.create_household(_varied_form(n)).household_ids[0]  # type: ignore[arg-type]
        for action, day in STEPS[: n % 6]:
            lc.apply_step(hid, lc.StepRequest(action, day))
        if n % 6 == 5 and n % 4 == 1:
            lc.apply_step(hid, lc.StepRequest(lc.A.WITHDRAW, D(2025, 6, 20), reason="退休"))
        elif n % 6 == 5:
            lc.apply_step(hid, lc.StepRequest(lc.A.LIFT, D(2025, 6, 20)))
        elif n % 6 == 1 and n > 10:
            lc.apply_step(hid, lc.StepRequest(lc.A.REJECT, D(2025, 6, 20), note="收入超过标准"))
        ids.append(hid)
    return ids


def _snapshot() -> dict[str, tuple[object, ...]]:
    result = {}
    for hid in [h.id for h in Household.select(Household.id)]:
        d = hs.get_household(hid, reveal=True)
        form = dataclasses.replace(d.form, members=tuple(dataclasses.replace(m, member_id=None)
                                                         for m in d.form.members))
        result[d.form.id_number] = (form, d.status, d.approved_on, d.last_recheck_on, d.closed_on, d.close_reason,
                                    d.surveyed_on, d.notice_start, d.notice_end, d.status_since)
    return result


def test_round_trip_into_a_fresh_database_keeps_every_field(office: Path, tmp_path: Path) -> None:
    _make_households()
    before = _snapshot()
    assert {s[1] for s in before.values()} >= {"申报", "基层审核", "入户调查", "公示", "在档", "退档",
                                               "已脱困", "不予认定"}
    out = tmp_path / "export.xlsx"
    calls: list[tuple[int, int, str]] = []
    result = exchange.export_register("households", out, masked=False,
                                      progress=lambda d, t, m: calls.append((d, t, m)))
    assert result.rows == 20 and calls[-1][0] == calls[-1][1]
    close_office()
    open_office(tmp_path / "fresh.sqlite")
    report = exchange.import_register("households", out)
    assert report.describe() == "导入完成：新建 20 户，更新 0 户，未变化 0 户"
    assert _snapshot() == before
    again = exchange.import_register("households", out, update=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 20)


def test_export_has_title_count_headers_and_text_ids(office: Path, tmp_path: Path) -> None:
    _make_households(4)
    out = tmp_path / "e.xlsx"
    exchange.export_register("households", out, masked=False)
    wb = openpyxl.load_workbook(out)
    ws = wb["困难职工档案"]
    assert ws["A1"].value == "县总工会困难职工帮扶中心困难职工档案登记簿"
    assert ws["A2"].value.startswith("导出日期：2025-06-30  共 4 户") and "含完整身份信息" in ws["A2"].value
    assert [c.value for c in ws[writer.HEADER_ROW]] == [f.label for f in HOUSEHOLDS.fields]
    id_col = [f.key for f in HOUSEHOLDS.fields].index("id_number") + 1
    assert [ws.cell(r, id_col).value for r in range(4, 8)] == [unique_id(n) for n in range(1, 5)]
    assert ws.cell(4, id_col).number_format == "@" and ws.cell(4, id_col).data_type == "s"
    injected = ws.cell(6, 2)  # the third household's name is a HYPERLINK formula
    assert injected.value.startswith("=HYPERLINK") and injected.data_type == "s" and injected.quotePrefix
    assert wb["家庭成员"]["A2"].value.endswith(f"共 4 户 {1 + 2 + 3} 人  含完整身份信息，请妥善保管，勿外传")


def test_export_of_selected_files_keeps_their_order(office: Path, tmp_path: Path) -> None:
    ids = _make_households(5)
    out = tmp_path / "sel.xlsx"
    assert exchange.export_register("households", out, masked=False, ids=[ids[3], ids[0]]).rows == 2
    wb = openpyxl.load_workbook(out)
    assert [wb["困难职工档案"].cell(r, 1).value for r in (4, 5)] == ["2025-0004", "2025-0001"]
    heads = [wb["家庭成员"].cell(r, 1).value for r in range(4, wb["家庭成员"].max_row + 1)]
    assert heads == [unique_id(1)]  # household 4 has no members, household 1 has one


def test_masked_export_contains_no_full_number(office: Path, tmp_path: Path) -> None:
    _make_households(8)
    out = tmp_path / "masked.xlsx"
    exchange.export_register("households", out, masked=True)
    secrets = set()
    for values in household_rows.household_rows():
        secrets |= {str(values[k]) for k in ("id_number", "phone", "card_number") if values[k]}
    secrets |= {str(v["id_number"]) for v in household_rows.member_rows() if v["id_number"]}
    # The birth date is the masked middle of the ID number: it must not show up in full either.
    births = {datetime.datetime.strptime(s[6:14], "%Y%m%d") for s in secrets if len(s) == 18}
    wb = openpyxl.load_workbook(out)
    values = [c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    cells = [str(v) for v in values]
    assert not [c for c in cells if any(s in c for s in secrets)]
    assert not births & set(values) and not [c for c in cells if any(f"{b:%Y-%m-%d}" in c for b in births)]
    assert "1960年" in cells  # unique_id(n) is born early in 1960
    assert "（已隐去身份证号、手机号、银行卡号中间位" in wb["困难职工档案"]["A2"].value
    assert any(c.startswith("620***********") for c in cells) and any(c.startswith("****") for c in cells)


def _households_file(path: Path, count: int, *, bad_row_index: int | None = None) -> None:
    book = writer.new_workbook()
    sheet = writer.RegisterSheet(book, HOUSEHOLDS, writer.Heading("导入", "测试"),
                                 fields=HOUSEHOLDS.importable_fields())
    for n in range(count):
        number = unique_id(n)
        if n == bad_row_index:
            number = number[:-1] + ("0" if number[-1] != "0" else "1")
        sheet.append({"name": f"职工{n}", "id_number": number, "identity": "职工", "main_cause": "下岗失业",
                      "category": "深度困难", "head_monthly_income": Decimal("800.00"),
                      "filed_on": D(2025, 1, 2)})
    sheet.close()
    book.save(path)


def test_one_bad_check_digit_in_a_thousand_rows_stops_the_whole_import(office: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    hs.create_household(make_form(1, id_number=unique_id(20000)))
    path = tmp_path / "thousand.xlsx"
    _households_file(path, 1000, bad_row_index=637)
    before = Household.select().count()
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("households", path)
    assert [(e.sheet, e.row, e.label) for e in caught.value.errors] == [("困难职工档案", 637 + 4, "身份证号")]
    assert "校验位" in caught.value.errors[0].message
    code = cli.main(["import", "households", str(path), "--db", str(office)])
    assert code != 0
    err = capsys.readouterr().err
    assert "第641行" in err and "身份证号" in err and "未做任何修改" in err
    open_office(office)
    assert Household.select().count() == before


def test_a_thousand_good_rows_import_in_one_go(office: Path, tmp_path: Path) -> None:
    path = tmp_path / "thousand.xlsx"
    _households_file(path, 1000)
    steps: list[int] = []
    report = exchange.import_register("households", path, progress=lambda d, t, m: steps.append(d))
    assert report.created == 1000 and Household.select().count() == 1000
    assert steps == sorted(steps) and steps[-1] == 2000
    assert hs.get_household(hs.household_id_by_number(unique_id(999)) or 0, reveal=True).form.file_no == "2025-1000"


def test_cancelling_writes_nothing(office: Path, tmp_path: Path) -> None:
    path = tmp_path / "some.xlsx"
    _households_file(path, 120)

    def cancel_when_writing(done: int, total: int, message: str) -> None:
        if message == "正在写入档案":
            raise Cancelled()

    with pytest.raises(Cancelled):
        exchange.import_register("households", path, progress=cancel_when_writing)
    assert Household.select().count() == 0
    out = tmp_path / "export.xlsx"

    def cancel(done: int, total: int, message: str) -> None:
        raise Cancelled()

    exchange.import_register("households", path)
    streamed = list(openpyxl_writer.ALL_TEMP_FILES)  # openpyxl's own list of its sheet temp files
    with pytest.raises(Cancelled):
        exchange.export_register("households", out, progress=cancel)
    assert not out.exists() and not list(tmp_path.glob(".export-*"))
    assert streamed == openpyxl_writer.ALL_TEMP_FILES  # no rows left behind in the temp folder


def test_an_id_already_on_file_needs_update(office: Path, tmp_path: Path) -> None:
    _make_households(3)
    out = tmp_path / "e.xlsx"
    exchange.export_register("households", out, masked=False)
    wb = openpyxl.load_workbook(out)
    ws = wb["困难职工档案"]
    phone_col = [f.key for f in HOUSEHOLDS.fields].index("phone") + 1
    ws.cell(5, phone_col).value = "13800001111"
    wb.save(out)
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("households", out)
    assert [e.row for e in caught.value.errors] == [4, 5, 6]
    assert "已有档案 2025-0001" in caught.value.errors[0].message and "--update" in caught.value.errors[0].message
    report = exchange.import_register("households", out, update=True)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert hs.get_household(hs.household_id_by_number(unique_id(2)) or 0, reveal=True).form.phone == "13800001111"


def test_update_keeps_columns_left_out_and_status(office: Path, tmp_path: Path) -> None:
    hid = _make_households(3)[2]
    path = tmp_path / "few.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号", "身份", "主要致困原因", "工作单位", "档案状态"])
    wb.active.append(["张𠈌3", unique_id(3), "职工", "下岗失业", "华池县新单位", "在档"])
    wb.save(path)
    old = hs.get_household(hid, reveal=True)
    report = exchange.import_register("households", path, update=True)
    assert report.updated == 1 and any("导入不改变已有档案的状态" in w for w in report.warnings)
    new = hs.get_household(hid, reveal=True)
    assert new.form.work_unit == "华池县新单位" and new.status == old.status
    assert new.form.members == old.form.members and new.form.phone == old.form.phone


def test_member_rows_are_checked_and_linked_by_head_id(office: Path, tmp_path: Path) -> None:
    _make_households(2)
    path = tmp_path / "members.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "家庭成员"
    wb.active.append(["职工身份证号", "姓名", "与职工关系", "身份证号"])
    wb.active.append([unique_id(2), "新成员", "父母", None])
    wb.active.append([unique_id(77), "无主成员", "子女", None])
    wb.active.append([unique_id(2), "错号成员", "子女", "110105197001011230"])
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("households", path, update=True)
    assert [(e.row, e.label) for e in caught.value.errors] == [(3, "职工身份证号"), (4, "身份证号")]
    assert "找不到职工身份证号" in caught.value.errors[0].message
    wb["家庭成员"].delete_rows(3, 2)
    wb.save(path)
    with pytest.raises(ValidationError, match="--update"):
        exchange.import_register("households", path)
    report = exchange.import_register("households", path, update=True)
    assert report.updated == 1
    members = hs.get_household(hs.household_id_by_number(unique_id(2)) or 0, reveal=True).form.members
    assert [m.name for m in members][-1] == "新成员" and len(members) == 3


def test_duplicates_in_the_file_and_every_error_are_reported(office: Path, tmp_path: Path) -> None:
    path = tmp_path / "dup.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "身份", "主要致困原因", "困难类别", "手机", "出生日期"])
    ws.append(["甲", unique_id(1), "职工", "下岗失业", "深度困难", 13900001111, None])
    ws.append(["乙", unique_id(1), "职工", "下岗失业", "深度困难", None, None])
    ws.append(["丙", float(unique_id(3)[:-1] + "1"), "工人", "下岗失业", "深度困难", None, None])
    ws.append(["丁", unique_id(4), "职工", "下岗失业", "深度困难", "1390000", "1960-01-01"])
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("households", path)
    found = [(e.row, e.label) for e in caught.value.errors]
    assert found == [(3, "身份证号"), (4, "身份证号"), (4, "身份"), (5, "手机"), (5, "出生日期")]
    assert "与第2行" in caught.value.errors[0].message
    assert "Excel 截断" in caught.value.errors[1].message


def test_template_opens_and_imports_as_nothing(office: Path, tmp_path: Path) -> None:
    path = exchange.write_template("households", tmp_path / "template.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["困难职工档案", "家庭成员", "填表说明", "可选值"]
    labels = [c.value for c in wb["困难职工档案"][writer.HEADER_ROW]]
    assert labels == [f.label for f in HOUSEHOLDS.importable_fields()]
    assert exchange.import_register("households", path).describe().startswith("导入完成：新建 0 户")


def test_template_without_a_database_uses_the_default_lists(tmp_path: Path) -> None:
    assert cli.main(["template", "households", "--out", str(tmp_path / "t.xlsx")]) == 0
    values = {c.value for row in openpyxl.load_workbook(tmp_path / "t.xlsx")["可选值"].iter_rows() for c in row}
    assert "深度困难" in values and "特困职工" not in values  # legacy categories start out inactive


def test_a_hand_made_file_with_its_header_on_row_one_imports(office: Path, tmp_path: Path) -> None:
    path = tmp_path / "hand.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["姓名", "身份证号", "身份", "主要致困原因", "困难类别", "手机", "申报日期", "本人月平均收入"])
    ws.append(["赵六", unique_id(6), "农民工", "患重特大疾病", "相对困难", 13912345678, D(2025, 2, 3), 1500])
    wb.save(path)
    assert exchange.import_register("households", path).created == 1
    detail = hs.get_household(hs.household_id_by_number(unique_id(6)) or 0, reveal=True)
    assert detail.form.phone == "13912345678" and detail.form.head_monthly_income == Decimal("1500.00")
    assert detail.form.filed_on == D(2025, 2, 3) and detail.status == "申报"


def test_an_unknown_kind_or_unreadable_file_is_a_plain_message(office: Path, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="households"):
        exchange.export_register("grants", tmp_path / "x.xlsx")
    with pytest.raises(KnownError, match="找不到文件"):
        exchange.import_register("households", tmp_path / "missing.xlsx")


def test_list_export_and_template_come_from_the_same_register(office: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    extra = Field("extra_note", "测试新列", in_list=True, width=9)
    extended = dataclasses.replace(HOUSEHOLDS, fields=(*HOUSEHOLDS.fields, extra))
    monkeypatch.setitem(exchange.BOOKS, "households", (extended, FAMILY_MEMBERS))
    _make_households(1)
    exchange.export_register("households", tmp_path / "e.xlsx", masked=False)
    exchange.write_template("households", tmp_path / "t.xlsx")
    exported = [c.value for c in openpyxl.load_workbook(tmp_path / "e.xlsx")["困难职工档案"][writer.HEADER_ROW]]
    templated = [c.value for c in openpyxl.load_workbook(tmp_path / "t.xlsx")["困难职工档案"][writer.HEADER_ROW]]
    assert "测试新列" in [f.label for f in extended.list_fields()]
    assert exported[-1] == templated[-1] == "测试新列"
    assert exported == [f.label for f in extended.fields]


def test_bulk_rows_fill_every_register_column(office: Path) -> None:
    households, members = household_rows.exported_keys()
    assert households == {f.key for f in HOUSEHOLDS.fields}
    assert members == {f.key for f in FAMILY_MEMBERS.fields}
    hid = _make_households(2)[1]
    row = next(r for r in household_rows.household_rows([hid]))
    values = hs.get_household(hid, reveal=True).register_values()
    keys = [f.key for f in HOUSEHOLDS.fields]
    assert [row[k] for k in keys] == [values[k] for k in keys]


def test_a_file_imported_on_notice_can_go_on_to_approval(office: Path, tmp_path: Path) -> None:
    """Old registers rarely say when the survey was: the import assumes it, so 认定 stays possible."""
    path = tmp_path / "old.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    form = make_form(77)
    sheet.append(["姓名", "身份证号", "身份", "主要致困原因", "困难类别", "申报日期", "档案状态", "公示开始日期"])
    sheet.append([form.name, form.id_number, "职工", "下岗失业", "深度困难", "2025-05-01", "公示", "2025-06-01"])
    book.save(path)
    exchange.import_register("households", path)
    hid = hs.household_id_by_number(form.id_number)
    assert hid is not None
    detail = hs.get_household(hid, reveal=True)
    assert (detail.status, detail.surveyed_on, detail.notice_end) == ("公示", D(2025, 5, 1), D(2025, 6, 7))
    assert "入户调查日期按申报日期2025-05-01记" in detail.events[-1].note
    lc.apply_step(hid, lc.StepRequest(lc.A.APPROVE, D(2025, 6, 20)))
    assert hs.get_household(hid, reveal=True).status == "在档"
