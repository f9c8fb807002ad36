"""The 信访接待 and 法律援助案件 registers to Excel and back: export, template, all-or-nothing import."""

from __future__ import annotations

import re
import threading
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app import cli
from app.errors import KnownError, ValidationError
from app.excel import writer
from app.office import close_office, open_office
from app.registers import get_register
from app.registers.reception import LEGAL_APPLICANTS, LEGAL_CASES, PETITIONS, parse_clock
from app.services import exchange, legal_cases, petitions, settings
from db.database import close_database
from db.models import (
    AuditRecord,
    Household,
    LegalApplicant,
    LegalCase,
    LegalCaseStage,
    Person,
    Petition,
    PetitionEvent,
)
from tests.factories import person_id
from tests.reception_factories import PHONE, Reception, file_no, reception_county
from tests.relief_factories import head_of

FULL_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


@pytest.fixture
def county(office: Path) -> Reception:
    return reception_county()


def _contacts() -> list[tuple[object, ...]]:
    rows = []
    for p in Petition.select().order_by(Petition.received_at):
        events = tuple((e.action, e.on_date, e.by_name) for e in p.events.order_by(PetitionEvent.id))
        rows.append((p.channel, p.received_at, p.anonymous, p.name, p.person.id_number if p.person_id else None,
                     p.contact, p.work_unit, p.category, p.content, p.workers, p.registered_by, p.handed_to,
                     p.handed_on, p.handed_by, p.due_on, p.closed_on, p.closed_by, p.result, p.reply,
                     p.household.file_no if p.household_id else None,
                     p.legal_case.case_no if p.legal_case_id else None, events[0], len(events)))
    return rows


def _cases() -> list[tuple[object, ...]]:
    rows = []
    for c in LegalCase.select().order_by(LegalCase.case_no):
        applicants = tuple((a.person.name, a.person.id_number, a.amount_claimed, a.amount_recovered)
                           for a in c.applicants.order_by(LegalApplicant.id))
        stages = tuple((s.stage, s.on_date) for s in c.stages.order_by(LegalCaseStage.id))
        rows.append((c.case_no, c.respondent, c.cause, c.handling, c.partner, c.lawyer, c.workers_involved,
                     c.amount_claimed, c.amount_recovered, c.stage, c.accepted_on, c.closed_on, c.outcome, c.note,
                     applicants, stages[0], stages[-1]))
    return rows


def _sheet(path: Path, title: str, labels: list[str], *rows: list[object],
           more: tuple[str, list[str], list[list[object]]] | None = None) -> Path:
    book = openpyxl.Workbook()
    book.active.title = title
    book.active.append(labels)
    for row in rows:
        book.active.append(row)
    if more is not None:
        sheet = book.create_sheet(more[0])
        sheet.append(more[1])
        for row in more[2]:
            sheet.append(row)
    book.save(path)
    return path


def test_round_trip_into_a_fresh_database(county: Reception, tmp_path: Path) -> None:
    contacts, cases = _contacts(), _cases()
    for kind in ("households", "legal-cases", "petitions"):
        exchange.export_register(kind, tmp_path / f"{kind}.xlsx", masked=False)
    close_office()
    open_office(tmp_path / "fresh.sqlite")
    exchange.import_register("households", tmp_path / "households.xlsx")
    report = exchange.import_register("legal-cases", tmp_path / "legal-cases.xlsx")
    assert report.describe() == "导入完成：新增法律援助案件 3 件（列名申请人 9 人，新增人员 8 人）"
    report = exchange.import_register("petitions", tmp_path / "petitions.xlsx")
    assert report.describe() == "导入完成：新增信访记录 3 件（新增人员 0 人）"
    assert _contacts() == contacts
    assert _cases() == cases
    wages = legal_cases.get_case(LegalCase.get(LegalCase.case_no == "法援2025-001").id)
    assert [s.stage for s in wages.stages] == ["受理", "结案"]   # only the current stage is kept
    contract = legal_cases.get_case(LegalCase.get(LegalCase.case_no == "法援2025-003").id)
    assert [(s.stage, s.on_date.isoformat()) for s in contract.stages] == [("受理", "2025-06-02"),
                                                                          ("仲裁", "2025-06-10")]
    again = exchange.import_register("petitions", tmp_path / "petitions.xlsx")
    assert (again.created, again.unchanged) == (0, 3) and "跳过 3 件" in again.describe()
    trail = {(a.action, a.target_kind) for a in AuditRecord.select()}
    assert {("导入", "petition"), ("导入", "legal_case")} <= trail


def test_export_layout_and_masking(county: Reception, tmp_path: Path) -> None:
    out = tmp_path / "cases.xlsx"
    result = exchange.export_register("legal-cases", out)
    assert (result.rows, result.unit) == (3, "件")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["法律援助案件", "申请人"]
    cases, applicants = book["法律援助案件"], book["申请人"]
    assert [c.value for c in cases[writer.HEADER_ROW]] == [f.label for f in LEGAL_CASES.fields]
    assert cases["A2"].value.startswith("导出日期：2025-06-30  共 3 件，涉及职工 15 人，追回金额 131,000.00 元")
    assert [c.value for c in applicants[writer.HEADER_ROW]] == [f.label for f in LEGAL_APPLICANTS.fields]
    assert applicants.max_row == writer.HEADER_ROW + 9
    column = {f.key: n for n, f in enumerate(LEGAL_CASES.fields, 1)}
    first = [cases.cell(4, n).value for n in range(1, len(LEGAL_CASES.fields) + 1)]
    assert first[column["case_no"] - 1] == "法援2025-002" and first[column["amount_recovered"] - 1] == 35000
    assert cases.cell(4, column["amount_recovered"]).number_format == "#,##0.00"
    open_case = [cases.cell(6, n).value for n in range(1, len(LEGAL_CASES.fields) + 1)]
    assert (open_case[column["stage"] - 1], open_case[column["amount_recovered"] - 1]) == ("仲裁", None)
    contacts = tmp_path / "contacts.xlsx"
    exchange.export_register("petitions", contacts)
    sheet = openpyxl.load_workbook(contacts)["信访接待"]
    assert [c.value for c in sheet[writer.HEADER_ROW]] == [f.label for f in PETITIONS.fields]
    assert sheet["A2"].value.endswith("共 3 件，已办结 1 件（已隐去身份证号、电话中间位）")
    column = {f.key: n for n, f in enumerate(PETITIONS.fields, 1)}
    assert sheet.cell(4, column["received_time"]).value == "09:30"
    assert sheet.cell(4, column["file_no"]).value == file_no(county.household)
    assert sheet.cell(4, column["status"]).value == "已办结"
    assert sheet.cell(5, column["status"]).value == "已登记（已超期）"
    numbers = {p.id_number for p in Person.select() if p.id_number}
    for path in (out, contacts):
        with zipfile.ZipFile(path) as book_zip:
            text = " ".join(book_zip.read(n).decode("utf-8", "replace") for n in book_zip.namelist())
        assert not FULL_ID.search(text) and not [n for n in numbers if n in text] and PHONE not in text
    assert "138****5678" in sheet.cell(4, column["contact"]).value


P_LABELS = ["接待日期", "接待时间", "方式", "姓名", "身份证号", "类别", "反映问题", "送达办理", "送达日期", "办结日期",
            "办理结果", "关联档案", "关联案件"]


def test_a_bad_contact_row_stops_the_import_and_names_its_row_and_column(county: Reception, tmp_path: Path,
                                                                          office: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    head = Person.get_by_id(head_of(county.household))
    path = _sheet(tmp_path / "bad.xlsx", "信访接待", P_LABELS,
                  ["2025-06-01", "9:00", "来访", None, None, "法律咨询", "匿名", None, None, None, None, None, None],
                  ["2025-06-01", "25:00", "来电", "甲", None, "法律咨询", "问", None, None, None, None, None, None],
                  ["2025-06-02", None, "来访", "别名", head.id_number, "其他", "问", "县人社局", None, None, None, None,
                   None],
                  ["2025-06-03", None, "来信", "乙", None, "其他", "问", None, None, "2025-06-04", None, "2099-0001",
                   "法援2099-001"],
                  ["2025-07-03", None, "来电", None, None, "其他", "问", None, None, None, None, None, None],
                  ["2025-06-05", None, "来电", "丙", person_id(901), "其他", "问", None, None, "2025-06-04", "已答复",
                   None, None])
    count, people = Petition.select().count(), Person.select().count()
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("petitions", path)
    found = [(e.sheet, e.row, e.label) for e in caught.value.errors]
    assert found == [("信访接待", 2, "姓名"), ("信访接待", 3, "接待时间"), ("信访接待", 4, "姓名"),
                     ("信访接待", 4, "送达日期"), ("信访接待", 5, "办理结果"), ("信访接待", 5, "关联档案"),
                     ("信访接待", 5, "关联案件"), ("信访接待", 6, "接待日期"), ("信访接待", 7, "办结日期")]
    messages = [e.message for e in caught.value.errors]
    assert "只有来电可以匿名" in messages[0] and head.name in messages[2] and "办结须写明办理结果" in messages[4]
    assert (Petition.select().count(), Person.select().count()) == (count, people)
    assert cli.main(["import", "petitions", str(path), "--db", str(office)]) == 1
    err = capsys.readouterr().err
    assert "未做任何修改" in err and "第3行“接待时间”" in err and head.id_number not in err
    open_office(office)


C_LABELS = ["案件编号", "被申请单位", "案由", "处理方式", "联合执法单位", "涉及职工人数", "受理日期", "当前阶段",
            "结案日期", "处理结果", "追回金额"]
A_LABELS = ["案件编号", "姓名", "身份证号", "请求金额", "追回金额"]


def test_bad_case_and_applicant_rows_are_reported_from_both_sheets(county: Reception, tmp_path: Path) -> None:
    head = Person.get_by_id(head_of(county.household))
    cases = [["法援2025-001", "甲公司", "拖欠工资", "咨询", None, 1, "2025-06-01", None, None, None, None],
             ["法援2025-101", "乙公司", "拖欠工资", "联合执法", None, 2, "2025-06-01", None, None, None, None],
             ["法援2025-102", "丙公司", "工伤赔偿", "协商调解", None, 1, "2025-06-01", "调解", "2025-06-20", "和解",
              100],
             ["法援2025-103", "丁公司", "拖欠工资", "仲裁代理", None, None, "2025-06-01", None, "2025-06-20", "裁决",
              1000]]
    applicants = [["法援2025-103", "张三", person_id(902), 900, 800],
                  ["法援2025-103", "李四", person_id(903), 900, 300],
                  ["法援2025-103", "别名", head.id_number, None, None],
                  ["法援2099-999", "王五", None, None, None],
                  ["法援2025-101", "赵六", None, None, 50]]
    path = _sheet(tmp_path / "bad.xlsx", "法律援助案件", C_LABELS, *cases, more=("申请人", A_LABELS, applicants))
    before = (LegalCase.select().count(), LegalApplicant.select().count(), Person.select().count())
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("legal-cases", path)
    found = [(e.sheet, e.row, e.label) for e in caught.value.errors]
    assert found == [("法律援助案件", 2, "案件编号"), ("法律援助案件", 3, "联合执法单位"),
                     ("法律援助案件", 4, "当前阶段"), ("法律援助案件", 5, "追回金额"), ("申请人", 4, "姓名"),
                     ("申请人", 5, "案件编号"),
                     ("申请人", 6, "追回金额")]
    assert "1,100.00" in caught.value.errors[3].message
    assert (LegalCase.select().count(), LegalApplicant.select().count(), Person.select().count()) == before
    with pytest.raises(KnownError, match="不能更新已有记录"):
        exchange.import_register("legal-cases", path, update=True)


def test_blank_case_numbers_are_assigned_and_new_workers_added(county: Reception, tmp_path: Path) -> None:
    head = Person.get_by_id(head_of(county.household))
    path = _sheet(tmp_path / "new.xlsx", "法律援助案件", C_LABELS,
                  [None, "戊公司", "社会保险", "代写文书", None, None, "2025-06-20", None, None, None, None],
                  ["法援2025-010", "己公司", "拖欠工资", "联合执法", "县劳动监察大队", 5, "2025-06-21", "结案",
                   "2025-06-28", "追回", 20000],
                  more=("申请人", A_LABELS, [["法援2025-010", head.name, head.id_number, 5000, 4000],
                                            ["法援2025-010", "钱七", person_id(904), 5000, 4000],
                                            ["法援2025-010", "孙八", None, None, None]]))
    report = exchange.import_register("legal-cases", path)
    assert report.describe() == "导入完成：新增法律援助案件 2 件（列名申请人 3 人，新增人员 2 人）"
    assert LegalCase.get(LegalCase.respondent == "戊公司").case_no == "法援2025-011"
    named = legal_cases.get_case(LegalCase.get(LegalCase.case_no == "法援2025-010").id)
    assert (named.workers_involved, len(named.applicants), named.stage) == (5, 3, "结案")
    assert Person.get(Person.id_number == person_id(904)).sex in ("男", "女")
    f = legal_cases.legal_figures(named.accepted_on, named.closed_on or named.accepted_on)
    assert f.recovered == Decimal("20000.00") and f.workers == 5
    assert head.id in {a.person_id for a in named.applicants}


def test_a_contact_links_to_a_file_by_the_heads_id_number(county: Reception, tmp_path: Path) -> None:
    head = Person.get_by_id(head_of(county.household))
    path = _sheet(tmp_path / "ok.xlsx", "信访接待", P_LABELS,
                  ["2025-06-25", "14时5分", "来访", head.name, head.id_number, "困难求助", "再次求助", "档案组",
                   "2025-06-26", None, None, head.id_number, "法援2025-002"],
                  ["2025-06-26", None, "来信", "吴九", None, "其他", "来信", None, None, None, None, None, None])
    people = Person.select().count()
    assert exchange.import_register("petitions", path).created == 2
    assert Person.select().count() == people   # a name alone adds nobody
    found = petitions.get_petitions(petitions.search_petitions(petitions.PetitionQuery(text="再次求助")),
                                    with_events=True)[0]
    assert (found.file_no, found.case_no, f"{found.received_at:%H:%M}") == (file_no(county.household),
                                                                            "法援2025-002", "14:05")
    assert [e.action for e in found.events] == ["登记", "送达办理", "转法律援助", "关联"]
    assert Household.get_by_id(county.household).head_id == head.id
    assert [parse_clock(x).strftime("%H:%M") for x in ("9:30", "09:30:00", "9点", 0.5)] == ["09:30", "09:30", "09:00",
                                                                                          "12:00"]


@pytest.mark.parametrize(("kind", "sheets"), [("petitions", ["信访接待"]), ("legal-cases", ["法律援助案件", "申请人"])])
def test_template_opens_and_an_empty_one_imports_nothing(office: Path, tmp_path: Path, kind: str,
                                                         sheets: list[str]) -> None:
    path = exchange.write_template(kind, tmp_path / f"{kind}.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [*sheets, "填表说明", "可选值"]
    for name in sheets:
        kinds = {"信访接待": "petitions", "法律援助案件": "legal-cases", "申请人": "legal-applicants"}
        register = get_register(kinds[name])
        assert [c.value for c in book[name][writer.HEADER_ROW]] == [f.label for f in register.importable_fields()]
        assert book[name].data_validations.dataValidation
    lists = {c.value for row in book["可选值"].iter_rows() for c in row}
    assert ({"来访", "拖欠工资"} if kind == "petitions" else {"联合执法", "拖欠工资", "仲裁"}) <= lists
    guide = " ".join(str(c.value) for row in book["填表说明"].iter_rows() for c in row if c.value)
    assert "有任何错误都不会写入" in guide
    assert exchange.import_register(kind, path).created == 0


def test_the_commands_template_export_and_import(county: Reception, office: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "template.xlsx"
    assert cli.main(["template", "petitions", "--out", str(template)]) == 0
    assert cli.main(["export", "legal-cases", "--db", str(office), "--out", str(tmp_path / "c.xlsx")]) == 0
    assert cli.main(["export", "petitions", "--db", str(office), "--out", str(tmp_path / "p.xlsx"), "--full"]) == 0
    assert "已导出 3 件到" in capsys.readouterr().out
    book = openpyxl.load_workbook(template)
    sheet = book["信访接待"]
    column = {c.value: c.column for c in sheet[writer.HEADER_ROW]}
    for label, value in (("接待日期", "2025-06-29"), ("方式", "来电"), ("类别", "政策咨询"),
                         ("反映问题", "咨询医保政策")):
        sheet.cell(writer.FIRST_DATA_ROW, column[label]).value = value
    book.save(template)
    assert cli.main(["import", "petitions", str(template), "--db", str(office)]) == 0
    assert "导入完成：新增信访记录 1 件" in capsys.readouterr().out
    assert cli.main(["import", "petitions", str(template), "--db", str(office), "--update"]) == 1
    assert "不能更新已有记录" in capsys.readouterr().err
    open_office(office)
    assert Petition.select().count() == 4 and Petition.get(Petition.content == "咨询医保政策").anonymous


def test_a_template_written_on_another_thread_names_the_office(office: Path, tmp_path: Path) -> None:
    """The window writes templates in the background: its heading and lists are still the office's own."""
    settings.put("office_name", "华池县总工会困难职工帮扶中心")
    out = tmp_path / "模板.xlsx"

    def work() -> None:
        try:
            exchange.write_template("petitions", out)
        finally:
            close_database()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    title = openpyxl.load_workbook(out).worksheets[0]["A1"].value
    assert title.startswith("华池县总工会困难职工帮扶中心"), title
