"""The relief registers to Excel and back: 救助记录, 帮扶活动, 资金收入 — export, template, all-or-nothing import."""

from __future__ import annotations

import html
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app import cli, session, validation
from app.errors import KnownError, ValidationError
from app.excel import writer
from app.office import close_office, open_office
from app.registers.relief import CAMPAIGNS, FUND_ENTRIES, RELIEF
from app.services import campaigns, exchange, funds
from app.services import households as hs
from app.services.campaign_batch import record_batch
from app.services.campaigns import BatchLine, CampaignForm
from app.services.funds import FundEntryForm
from app.services.relief import record_relief
from app.services.relief_forms import ItemForm, Recipient, ReliefForm
from app.session import Role, SignedIn
from db.models import AuditRecord, Campaign, Fund, FundEntry, Person, Relief, ReliefItem
from tests.factories import make_form, person_id
from tests.relief_factories import D, filed, fund_with, head_of

FULL_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
NEWCOMER = "11010519491231002X"   # 李师傅, a sanitation worker the office has never helped
MAIN_FUND, SUMMER_FUND = "2025年帮扶资金", "2025年夏送清凉资金"
WINTER, SUMMER = "2025年元旦春节送温暖", "2025年夏送清凉"


def _county() -> dict[str, int]:
    """Files on record, two funds, two campaigns and reliefs of every shape (cash, goods, medical, school)."""
    main, summer = fund_with("20000", MAIN_FUND), fund_with("3000", SUMMER_FUND)
    funds.add_entry(FundEntryForm(main, D(2025, 2, 1), "财政配套", Decimal("-100.50"), "CZ-02", note="多拨冲回"))
    funds.add_entry(FundEntryForm(summer, D(2025, 5, 6), "社会捐助", Decimal("1200.00"), "", note="=企业捐赠"))
    homes = [filed(seed) for seed in (1, 2, 3)]
    applied = hs.create_household(make_form(4)).household_ids[0]  # not on record yet (申报)
    winter = campaigns.create_campaign(CampaignForm(WINTER, "送温暖慰问", D(2025, 1, 1), D(2025, 2, 28),
                                                    standard_amount=Decimal("300"), fund_id=main, note="元旦春节"))
    hot = campaigns.create_campaign(CampaignForm(SUMMER, "夏送清凉", D(2025, 6, 1), D(2025, 8, 31),
                                                 standard_items="夏凉被×1条@85、绿豆×2袋@12.5", fund_id=summer))
    record_batch(winter.id, [BatchLine(Recipient(person_id=head_of(h))) for h in homes], D(2025, 1, 20))
    first, second, third = (head_of(h) for h in homes)
    record_relief(ReliefForm(Recipient(person_id=first), "生活救助", D(2025, 3, 1), Decimal("500"), main))
    record_relief(ReliefForm(Recipient(person_id=first), "生活救助", D(2025, 4, 1), Decimal("200.50"), main,
                             duplicate_reason="家中失火，再次救助", note="第二次"))
    record_relief(ReliefForm(Recipient(person_id=second), "大病救助", D(2025, 4, 2), Decimal("3000"), main,
                             hospital="县人民医院", diagnosis="尿毒症", total_cost=Decimal("30000"),
                             insurance_paid=Decimal("26000")))
    child = next(m for m in hs.get_household(homes[2], reveal=True).form.members if m.relation == "子女")
    record_relief(ReliefForm(Recipient(person_id=third), "助学救助", D(2025, 5, 10), Decimal("1000"), main,
                             student=Recipient(name=child.name, id_number=child.id_number), school="华池县第一中学",
                             school_level="高中", admission_year=2023))
    record_relief(ReliefForm(Recipient(name="李师傅", id_number=NEWCOMER), "夏送清凉", D(2025, 6, 20),
                             fund_id=summer, campaign_id=hot.id, handler="王会计",
                             items=campaigns.parse_items("夏凉被×1条@85、绿豆×2袋@12.5")))
    record_relief(ReliefForm(Recipient(person_id=head_of(applied)), "生活救助", D(2025, 6, 2), Decimal("800"), main,
                             temporary=True, note="突发火灾"))
    record_relief(ReliefForm(Recipient(person_id=head_of(homes[0])), "六一慰问", D(2025, 6, 1), fund_id=main,
                             items=(ItemForm("文具", 3, "套", Decimal("100.00")),)))
    return {"main": main, "summer": summer, "first": homes[0], "second": homes[1]}


def _reliefs() -> list[tuple[object, ...]]:
    rows = []
    for r in Relief.select():
        items = tuple((i.name, i.quantity, i.unit, i.value) for i in r.items.order_by(ReliefItem.id))
        student = (r.student.name, r.student.id_number) if r.student_id else None
        rows.append((r.on_date, r.relief_type, r.person.name, r.person.id_number,
                     r.household.file_no if r.household_id else None, r.amount, r.goods_value,
                     r.fund.name if r.fund_id else None, r.campaign.name if r.campaign_id else None, r.handler,
                     r.temporary, r.duplicate_reason, r.overdraw_reason, r.note, r.hospital, r.diagnosis, r.total_cost,
                     r.insurance_paid, r.self_paid, student, r.school, r.school_level, r.admission_year, items))
    return sorted(rows, key=repr)


def _ledger() -> tuple[object, ...]:
    entries = sorted((e.fund.name, e.on_date, e.source, e.amount, e.document_no, e.note) for e in FundEntry.select())
    drives = sorted((v.name, v.relief_type, v.start_date, v.end_date, v.standard_amount, v.standard_items, v.fund,
                     v.note, v.recipients, v.total) for v in campaigns.list_campaigns())
    return tuple(entries), tuple(drives), tuple(sorted((f.name, f.balance) for f in funds.list_funds()))


def _sheet(path: Path, labels: list[str], *rows: list[object], title: str = "救助记录") -> Path:
    book = openpyxl.Workbook()
    book.active.title = title
    book.active.append(labels)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_round_trip_of_every_register_into_a_fresh_database(office: Path, tmp_path: Path) -> None:
    _county()
    reliefs, ledger = _reliefs(), _ledger()
    assert any(r[11] for r in reliefs) and any(r[10] for r in reliefs) and any(r[19] for r in reliefs)
    for kind in ("households", "fund-entries", "campaigns", "relief"):
        exchange.export_register(kind, tmp_path / f"{kind}.xlsx", masked=False)
    close_office()
    open_office(tmp_path / "fresh.sqlite")
    exchange.import_register("households", tmp_path / "households.xlsx")
    for name in (MAIN_FUND, SUMMER_FUND):
        funds.create_fund(name)
    assert exchange.import_register("fund-entries", tmp_path / "fund-entries.xlsx").created == 4
    drives = exchange.import_register("campaigns", tmp_path / "campaigns.xlsx")
    assert drives.describe() == "导入完成：新增帮扶活动 2 个"
    report = exchange.import_register("relief", tmp_path / "relief.xlsx")
    assert report.describe().startswith("导入完成：新增救助记录 10 条") and "新增人员 1 人" in report.describe()
    assert _reliefs() == reliefs
    assert _ledger() == ledger
    assert Person.get(Person.id_number == NEWCOMER).sex == "女"
    trail = [(a.action, a.target_kind) for a in AuditRecord.select().order_by(AuditRecord.id)]
    assert ("导入", "relief") in trail and ("导入", "campaign") in trail and ("导入", "fund_entry") in trail


def test_export_is_laid_out_like_the_households_register(office: Path, tmp_path: Path) -> None:
    _county()
    out = tmp_path / "relief.xlsx"
    result = exchange.export_register("relief", out, masked=False)
    assert (result.rows, result.unit) == (10, "条")
    ws = openpyxl.load_workbook(out)["救助记录"]
    assert ws["A1"].value == "县总工会困难职工帮扶中心帮扶救助登记簿"
    assert ws["A2"].value.startswith("导出日期：2025-06-30  共 10 人次，现金 6,400.50 元，物资 210.00 元")
    assert [c.value for c in ws[writer.HEADER_ROW]] == [f.label for f in RELIEF.fields]
    column = {f.key: n for n, f in enumerate(RELIEF.fields, 1)}
    assert ws.cell(4, column["id_number"]).data_type == "s" and ws.cell(4, column["id_number"]).number_format == "@"
    assert ws.cell(4, column["amount"]).value == 300 and ws.cell(4, column["amount"]).number_format == "#,##0.00"
    assert ws.freeze_panes == "D4" and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    texts = {ws.cell(r, column["items"]).value for r in range(4, 14)}
    assert {"夏凉被×1条@85、绿豆×2袋@12.5", "文具×3套@33.333"} <= texts
    entries = openpyxl.load_workbook(exchange.export_register("fund-entries", tmp_path / "f.xlsx").path)["资金收入"]
    assert [c.value for c in entries[writer.HEADER_ROW]] == [f.label for f in FUND_ENTRIES.fields]
    injected = next(c for row in entries.iter_rows(min_row=4) for c in row if c.value == "=企业捐赠")
    assert injected.data_type == "s" and injected.quotePrefix  # text, never a formula
    drives = openpyxl.load_workbook(exchange.export_register("campaigns", tmp_path / "c.xlsx").path)["帮扶活动"]
    assert [c.value for c in drives[writer.HEADER_ROW]][-2:] == ["人次", "金额"]
    assert [c.value for c in drives[4]][-2:] == [3, 900] and drives["A2"].value.endswith("共 2 个活动")


def test_masked_export_holds_no_full_id_number(office: Path, tmp_path: Path) -> None:
    _county()
    numbers = {p.id_number for p in Person.select() if p.id_number}
    out = tmp_path / "masked.xlsx"
    exchange.export_register("relief", out)
    with zipfile.ZipFile(out) as book:
        text = html.unescape(" ".join(book.read(name).decode("utf-8", "replace") for name in book.namelist()))
    assert not FULL_ID.search(text) and not [n for n in numbers if n in text]
    recipients = {r.person.id_number for r in Relief.select() if r.person.id_number}
    assert recipients and all(validation.mask_id_number(n) in text for n in recipients)
    assert "（已隐去身份证号中间位）" in text
    assert AuditRecord.select().where(AuditRecord.target_kind == "relief", AuditRecord.action == "导出").count() == 1


LABELS = ["日期", "救助类型", "姓名", "身份证号", "金额", "资金", "临时救助", "重复救助理由"]


def test_a_bad_row_stops_the_whole_import_with_its_row_and_column(office: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    county = _county()
    first = Person.get_by_id(head_of(county["first"]))
    second = Person.get_by_id(head_of(county["second"]))
    stranger = person_id(901)
    path = _sheet(tmp_path / "bad.xlsx", LABELS,
                  ["2025-06-10", "生活救助", "陌生人", stranger, 300, MAIN_FUND, "否", None],
                  ["2025-06-10", "住房补助", second.name, second.id_number, 300, MAIN_FUND, None, None],
                  ["2025-06-11", "住房补助", second.name, second.id_number, 100, MAIN_FUND, None, None],
                  ["2025-06-12", "生活救助", first.name, first.id_number, 100, MAIN_FUND, None, None],
                  ["2025-06-12", "送温暖慰问", "别名", first.id_number, 100, "没有的资金", None, None],
                  ["2025-06-13", "生活救助", "临时户", stranger, 100, MAIN_FUND, "是", None])
    reliefs, people = Relief.select().count(), Person.select().count()
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("relief", path)
    found = [(e.sheet, e.row, e.label) for e in caught.value.errors]
    assert found == [("救助记录", 2, "身份证号"), ("救助记录", 4, "重复救助理由"), ("救助记录", 5, "重复救助理由"),
                     ("救助记录", 6, "姓名"), ("救助记录", 6, "资金"), ("救助记录", 7, "姓名")]
    messages = [e.message for e in caught.value.errors]
    assert "先建档后帮扶" in messages[0] and "临时救助" in messages[0]
    assert "本表中已有同一户" in messages[1] and "已于2025-03-01获得生活救助" in messages[2]
    assert "没有的资金" in messages[4] and "与第2行身份证号相同" in messages[5]
    assert (Relief.select().count(), Person.select().count()) == (reliefs, people)
    assert cli.main(["import", "relief", str(path), "--db", str(office)]) != 0
    err = capsys.readouterr().err
    assert "未做任何修改" in err and "第2行“身份证号”" in err and stranger not in err
    open_office(office)
    assert Relief.select().count() == reliefs


def test_new_people_for_care_relief_temporary_hardship_and_campaign_standards(office: Path, tmp_path: Path) -> None:
    county = _county()
    first = Person.get_by_id(head_of(county["first"]))
    path = _sheet(tmp_path / "good.xlsx", [*LABELS, "帮扶活动", "物资"],
                  ["2025-06-25", "夏送清凉", "赵师傅", person_id(902), None, None, None, None, SUMMER, None],
                  ["2025-06-25", "夏送清凉", "钱师傅", person_id(903), 50, None, None, None, SUMMER, "毛巾×2条@5"],
                  ["2025-06-26", "生活救助", "孙某", person_id(904), 300, MAIN_FUND, "是", None, None, None],
                  ["2025-06-26", "生活救助", first.name, first.id_number, 100, MAIN_FUND, None, "再次困难", None, None])
    report = exchange.import_register("relief", path)
    assert report.created == 4 and "新增人员 3 人" in report.describe()
    zhao = Relief.get(Relief.person == Person.get(Person.id_number == person_id(902)))
    assert (zhao.amount, zhao.goods_value, zhao.fund.name, zhao.household_id) == (Decimal("0.00"), Decimal("110.00"),
                                                                                 SUMMER_FUND, None)
    qian = Relief.get(Relief.person == Person.get(Person.id_number == person_id(903)))
    assert (qian.amount, qian.goods_value) == (Decimal("50.00"), Decimal("10.00"))
    sun = Relief.get(Relief.person == Person.get(Person.id_number == person_id(904)))
    assert sun.temporary and sun.household_id is None
    again = Relief.select().where(Relief.person == first.id, Relief.on_date == D(2025, 6, 26)).get()
    assert again.household_id == county["first"] and again.duplicate_reason == "再次困难"


def test_a_fund_the_import_would_overdraw_needs_an_administrators_reason(office: Path, tmp_path: Path) -> None:
    county = _county()
    second = Person.get_by_id(head_of(county["second"]))
    balance = funds.balance(county["summer"])
    rows = [["2025-06-27", "就业创业帮扶", second.name, second.id_number, balance - 10, SUMMER_FUND, None, None],
            ["2025-06-28", "法律援助", second.name, second.id_number, 20, SUMMER_FUND, None, None]]
    path = _sheet(tmp_path / "over.xlsx", LABELS, *rows)
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("relief", path)
    assert [(e.row, e.label) for e in caught.value.errors] == [(3, "资金")]
    assert "余额 10.00 元" in caught.value.errors[0].message and "超支理由" in caught.value.errors[0].message
    path = _sheet(tmp_path / "over.xlsx", [*LABELS, "超支理由"], *[[*r, "年底追加拨款未到"] for r in rows])
    signed_in = session.current()
    session.set_current(SignedIn(99, "clerk", "经办员", Role.CLERK))
    with pytest.raises(ValidationError, match="超支须由管理员办理"):
        exchange.import_register("relief", path)
    session.set_current(signed_in)
    exchange.import_register("relief", path)
    assert funds.balance(county["summer"]) == Decimal("-10.00")
    assert [r.overdraw_reason for r in Relief.select().where(Relief.fund == county["summer"])
            .order_by(Relief.id)][-2:] == [None, "年底追加拨款未到"]


def test_campaign_and_fund_entry_rows_are_checked(office: Path, tmp_path: Path) -> None:
    _county()
    path = _sheet(tmp_path / "c.xlsx", ["活动名称", "救助类型", "开始日期", "结束日期", "标准物资", "资金"],
                  [WINTER, "送温暖慰问", "2025-01-01", "2025-02-01", None, None],
                  ["六一", "六一慰问", "2025-06-01", "2025-05-01", "书包x1个@80", "没有的资金"],
                  ["六一", "六一慰问", "2025-06-01", "2025-06-02", "书包一个", MAIN_FUND], title="帮扶活动")
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("campaigns", path)
    assert [(e.row, e.label) for e in caught.value.errors] == [(2, "活动名称"), (3, "结束日期"), (3, "资金"),
                                                                (4, "活动名称"), (4, "标准物资")]
    assert Campaign.select().count() == 2
    path = _sheet(tmp_path / "f.xlsx", ["资金", "日期", "资金来源", "金额", "备注"],
                  ["2026年资金", "2025-01-05", "上级拨款", 100, None],
                  [MAIN_FUND, "2025-01-05", "上级拨款", -100, None],
                  [MAIN_FUND, "2025-01-05", "工会经费", -99999, "冲回"],
                  [MAIN_FUND, "2025-07-05", "工会经费", 10, None], title="资金收入")
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("fund-entries", path)
    assert [(e.row, e.label) for e in caught.value.errors] == [(2, "资金"), (3, "备注"), (4, "金额"), (5, "日期")]
    assert "2026年资金" in caught.value.errors[0].message and "不新建资金" in caught.value.errors[0].message
    assert FundEntry.select().count() == 4 and Fund.select().count() == 2


@pytest.mark.parametrize(("kind", "register"), [("relief", RELIEF), ("campaigns", CAMPAIGNS),
                                                ("fund-entries", FUND_ENTRIES)])
def test_template_opens_and_an_empty_one_imports_nothing(office: Path, tmp_path: Path, kind: str,
                                                         register: object) -> None:
    path = exchange.write_template(kind, tmp_path / f"{kind}.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [register.sheet, "填表说明", "可选值"]  # type: ignore[attr-defined]
    labels = [c.value for c in book[register.sheet][writer.HEADER_ROW]]  # type: ignore[attr-defined]
    assert labels == [f.label for f in register.importable_fields()]  # type: ignore[attr-defined]
    lists = {c.value for row in book["可选值"].iter_rows() for c in row}
    assert {"生活救助", "上级拨款"} & lists
    guide = " ".join(str(c.value) for row in book["填表说明"].iter_rows() for c in row if c.value)
    assert "须已在系统中建立" in guide
    report = exchange.import_register(kind, path)
    assert report.created == 0 and report.describe().startswith("导入完成：新增")


def test_the_commands_template_export_and_import(office: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _county()
    template = tmp_path / "template.xlsx"
    assert cli.main(["template", "relief", "--out", str(template)]) == 0
    assert cli.main(["export", "relief", "--db", str(office), "--out", str(tmp_path / "e.xlsx")]) == 0
    assert "已导出 10 条到" in capsys.readouterr().out
    book = openpyxl.load_workbook(template)
    sheet = book["救助记录"]
    column = {c.value: c.column for c in sheet[writer.HEADER_ROW]}
    for label, value in (("日期", "2025-06-29"), ("救助类型", "送温暖慰问"), ("姓名", "周师傅"),
                         ("身份证号", person_id(905)), ("金额", 200), ("资金", MAIN_FUND)):
        sheet.cell(writer.FIRST_DATA_ROW, column[label]).value = value
    book.save(template)
    assert cli.main(["import", "relief", str(template), "--db", str(office)]) == 0
    assert "导入完成：新增救助记录 1 条" in capsys.readouterr().out
    assert cli.main(["import", "relief", str(template), "--db", str(office), "--update"]) == 1
    assert "不能更新已有记录" in capsys.readouterr().err
    open_office(office)
    assert Relief.select().count() == 11


def test_an_unknown_kind_names_every_kind(office: Path, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="households、relief、campaigns、fund-entries"):
        exchange.write_template("grants", tmp_path / "x.xlsx")
