"""The 培训就业 registers in Excel: 1,180 trainees in one go, all or nothing, masked exports, round trips, templates."""

from __future__ import annotations

import datetime
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import cli, session
from app.errors import KnownError, PermissionDenied, ValidationError
from app.excel import writer
from app.office import close_office, open_office
from app.registers.base import Register
from app.registers.employment import (
    LOANS,
    MUTUAL_AID,
    MUTUAL_AID_CLAIMS,
    PAIRING_AID,
    PAIRINGS,
    PLACEMENTS,
    REFERRALS,
    TRAINEES,
    TRAINING_SESSIONS,
)
from app.services import employment, employment_exchange, exchange, loans, mutual_aid, pairing, training
from app.services.audit import AuditQuery, list_records
from app.services.employment import JobQuery, PlacementForm, ReferralForm
from app.services.loans import LoanForm
from app.services.mutual_aid import ClaimForm, EnrolmentForm
from app.services.pairing import AidForm, PairingForm
from app.services.relief_forms import Recipient
from app.services.training import TraineeForm
from app.session import Role, SignedIn
from app.validation import mask_id_number
from db.models import MutualAidClaim, PairingAid, Person, Placement, Trainee, TrainingSession
from tests.employment_factories import new_id, new_session
from tests.relief_factories import filed, head_of

D = datetime.date
SESSIONS = [f"2025年第{n}期{trade}技能培训班" for n, trade in enumerate(("电焊", "刺绣", "砖瓦", "种养殖") * 2, 1)]
TRADES = ("电焊", "刺绣", "砖瓦", "种养殖")
TRAINEE_COUNT = 1180


def workbook(path: Path, sheets: dict[Register, list[dict[str, object]]]) -> Path:
    """A workbook with the register sheets as the template has them, filled with these rows."""
    book = writer.new_workbook()
    for register, rows in sheets.items():
        sheet = writer.RegisterSheet(book, register, writer.Heading("导入", "测试"),
                                     fields=register.importable_fields())
        for row in rows:
            sheet.append(row)
        sheet.close()
    book.save(path)
    return path


def session_rows() -> list[dict[str, object]]:
    return [{"name": name, "kind": "技能培训", "trade": TRADES[n % 4], "start_date": D(2025, 3 + n % 4, 1 + n),
             "end_date": D(2025, 3 + n % 4, 10 + n), "place": "华池县职业技术学校", "organiser": "华池县总工会",
             "cost": Decimal("15000")} for n, name in enumerate(SESSIONS)]


def trainee_rows(heads: list[tuple[str, str]]) -> list[dict[str, object]]:
    """1,180 trainees: 400 laid-off workers and 780 migrant workers (the report's figures), some on file."""
    rows: list[dict[str, object]] = []
    for n in range(TRAINEE_COUNT):
        name, number = heads[n] if n < len(heads) else (f"学员{n:04d}", new_id(n, sex="女" if n % 3 else "男"))
        rows.append({"session": SESSIONS[n % 8], "name": name, "id_number": number,
                     "group": "下岗职工" if n % 59 < 20 else "农民工", "completed": n % 4 != 0,
                     "certificate_no": f"HC{n:05d}" if n % 10 == 0 else None, "phone": f"1390934{n:04d}"})
    return rows


def test_1180_trainees_into_eight_sessions_from_one_workbook_in_one_go(office: Path, tmp_path: Path) -> None:
    households = [filed(n) for n in range(1, 6)]
    heads = [(p.name, p.id_number) for p in Person.select().where(Person.id.in_([head_of(h) for h in households]))]
    rows = trainee_rows(heads)
    path = workbook(tmp_path / "培训.xlsx", {TRAINING_SESSIONS: session_rows(), TRAINEES: rows})
    people_before = Person.select().count()
    started = time.perf_counter()
    report = exchange.import_register("training-sessions", path)
    took = time.perf_counter() - started
    print(f"\n1,180 trainees into 8 sessions: {took:.2f} s")
    assert took < 5
    assert report.created == 8 + TRAINEE_COUNT
    assert report.describe() == ("导入完成：培训班新增 8 个，培训学员新增 1180 人，"
                                 f"新增人员 {TRAINEE_COUNT - len(heads)} 人")
    assert Person.select().count() == people_before + TRAINEE_COUNT - len(heads)
    in_book = Counter(str(r["group"]) for r in rows)
    assert in_book == {"下岗职工": 400, "农民工": 780}
    views = training.list_sessions()
    assert len(views) == 8 and sum(v.trainees for v in views) == TRAINEE_COUNT
    totals = Counter[str]()
    for view in views:
        totals.update(view.by_group)
        assert view.by_group == dict.fromkeys(("下岗职工", "农民工", "在岗职工", "其他"), 0) | Counter(
            str(r["group"]) for r in rows if r["session"] == view.name)
    assert +totals == in_book
    figures = training.training_figures(D(2025, 1, 1), D(2025, 12, 31))
    assert (figures.sessions, figures.trainees, figures.by_group["下岗职工"], figures.by_group["农民工"]) == (
        8, 1180, 400, 780)
    completed = sum(1 for r in rows if r["completed"] or r["certificate_no"])   # a certificate means completion
    assert sum(v.certified for v in views) == 118 and sum(v.completed for v in views) == completed == 944
    assert [e.action for e in list_records(AuditQuery(action="导入"))] == ["导入"]


def test_one_bad_row_among_1180_stops_the_whole_import_and_every_problem_is_listed(office: Path,
                                                                                   tmp_path: Path) -> None:
    household = filed(1)
    head = Person.get_by_id(head_of(household))
    rows = trainee_rows([])
    rows[700]["id_number"] = str(rows[700]["id_number"])[:-1] + ("0" if str(rows[700]["id_number"])[-1] != "0"
                                                                    else "1")
    rows[5].update(name="别人", id_number=head.id_number)                  # the ID belongs to someone else
    rows[9].update(session="2025年第九期电焊班")                             # no such session
    rows[12].update(id_number=rows[4]["id_number"], session=rows[4]["session"], name=rows[4]["name"])  # twice
    rows[20]["group"] = "学生"
    sessions = session_rows()
    sessions[3]["trade"] = None                                            # 技能培训 needs a trade
    path = workbook(tmp_path / "bad.xlsx", {TRAINING_SESSIONS: sessions, TRAINEES: rows})
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("training-sessions", path)
    found = [(e.sheet, e.row, e.label) for e in caught.value.errors]
    assert found == [("培训班", 7, "工种"), ("培训学员", 9, "姓名"), ("培训学员", 13, "培训班名称"),
                     ("培训学员", 16, "身份证号"), ("培训学员", 24, "学员类别"), ("培训学员", 704, "身份证号")]
    text = str(caught.value)
    assert f"登记为“{head.name}”" in text and "与第8行重复" in text and "校验位" in text
    assert mask_id_number(head.id_number) in text and str(head.id_number) not in text
    assert TrainingSession.select().count() == 0 and Trainee.select().count() == 0
    assert Person.select().count() == 3      # the file's head and two members: nobody new


def test_trainees_join_sessions_on_record_and_updates_need_asking(office: Path, tmp_path: Path) -> None:
    sid = new_session(SESSIONS[0])
    training.add_trainee(sid, TraineeForm(Recipient(name="王堃", id_number=new_id(1)), "其他"))
    rows: list[dict[str, object]] = [
        {"session": SESSIONS[0], "name": "王堃", "id_number": new_id(1), "group": "农民工", "completed": True,
         "certificate_no": "HC-1"},
        {"session": SESSIONS[0], "name": "李䶮", "id_number": new_id(2), "group": "下岗职工"}]
    path = workbook(tmp_path / "t.xlsx", {TRAINEES: rows})
    with pytest.raises(ValidationError, match="已在“2025年第1期电焊技能培训班”中"):
        exchange.import_register("trainees", path)
    report = exchange.import_register("trainees", path, update=True)
    assert report.describe() == "导入完成：培训学员新增 1 人、更新 1 人，新增人员 1 人"
    listed = {t.name: t for t in training.session_trainees(sid)}
    assert (listed["王堃"].group, listed["王堃"].certificate_no, listed["王堃"].completed) == ("农民工", "HC-1", True)
    assert training.get_session(sid).by_group == {"下岗职工": 1, "农民工": 1, "在岗职工": 0, "其他": 0}
    with pytest.raises(KnownError, match="只适用于培训班和培训学员"):
        exchange.import_register("placements", path, update=True)


def _everything() -> dict[str, Any]:
    """One of each record, on files and for new people."""
    households = [filed(n) for n in range(1, 4)]
    sid = new_session(SESSIONS[0])
    training.add_trainee(sid, TraineeForm(Recipient(person_id=head_of(households[0])), "下岗职工",
                                          certificate_no="HC-9"))
    training.add_trainee(sid, TraineeForm(Recipient(name="郑𠈌", id_number=new_id(1)), "农民工"))
    employment.record_placement(PlacementForm(Recipient(person_id=head_of(households[0])), "下岗职工",
                                              "华池县恒通物流公司", D(2025, 5, 1), "仓管员", "培训推荐"))
    employment.record_referral(ReferralForm(Recipient(name="郑𠈌", id_number=new_id(1)), "某家政公司",
                                            D(2025, 5, 2), "已录用"))
    loans.record_loan(LoanForm(Recipient(name="王芳", id_number=new_id(2, sex="女")), Decimal("50000"), "农商银行",
                               D(2025, 4, 1), 24, Decimal("1500.50")))
    pid = pairing.create_pairing(PairingForm("张建国", households[1], D(2024, 3, 1), "县总工会", "13993412345"))
    pairing.record_aid(pid, AidForm(D(2025, 1, 20), "物品", Decimal("300.50"), description="米面油"))
    pairing.record_aid(pid, AidForm(D(2025, 3, 1), "致富信息", count=6, description="招聘信息"))
    enrolment = mutual_aid.enrol(EnrolmentForm(Recipient(name="郑𠈌", id_number=new_id(1)), 2025, "住院医疗互助保障",
                                               Decimal("30"), "某厂"))
    mutual_aid.record_claim(enrolment, ClaimForm(D(2025, 4, 2), "住院", Decimal("1200")))
    return {"households": households, "session": sid, "pairing": pid}


KINDS_IN_ORDER = ("households", "training-sessions", "placements", "referrals", "loans", "pairings", "mutual-aid")


def test_every_kind_round_trips_into_a_fresh_database(office: Path, tmp_path: Path) -> None:
    _everything()
    before = {kind: _rows(kind, tmp_path) for kind in employment_exchange.BOOKS}
    files = {}
    for kind in KINDS_IN_ORDER:
        files[kind] = tmp_path / f"{kind}.xlsx"
        exchange.export_register(kind, files[kind], masked=False)
    close_office()
    open_office(tmp_path / "fresh.sqlite")
    for kind in KINDS_IN_ORDER:
        exchange.import_register(kind, files[kind])
    after = {kind: _rows(kind, tmp_path) for kind in employment_exchange.BOOKS}
    assert after == before
    for kind in ("placements", "pairings", "mutual-aid"):          # the same file again: every row is a repeat
        with pytest.raises(ValidationError, match="系统中已有"):
            exchange.import_register(kind, files[kind])


def _rows(kind: str, folder: Path) -> list[list[tuple[str, object]]]:
    """Every data row of a kind's full export, as (header, value) pairs (档案编号 left out: numbers differ)."""
    out = folder / f"_round_{kind}.xlsx"
    exchange.export_register(kind, out, masked=False)
    book = openpyxl.load_workbook(out)
    sheets = []
    for ws in book:
        header = [c.value for c in ws[writer.HEADER_ROW]]
        for row in ws.iter_rows(min_row=writer.FIRST_DATA_ROW, values_only=True):
            sheets.append([(str(h), v) for h, v in zip(header, row, strict=True) if h != "档案编号"])
    out.unlink()
    return sheets


def test_masked_exports_hold_no_full_number_and_full_ones_need_the_right(office: Path, tmp_path: Path) -> None:
    _everything()
    numbers = {str(n) for (n,) in Person.select(Person.id_number).tuples() if n}
    for kind in employment_exchange.BOOKS:
        out = tmp_path / f"{kind}.xlsx"
        result = exchange.export_register(kind, out)
        assert result.unit == employment_exchange.UNITS[kind]
        cells = [str(c.value) for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row
                 if c.value is not None]
        assert not [c for c in cells if any(n in c for n in numbers)], kind
        assert "13993412345" not in cells
    book = openpyxl.load_workbook(tmp_path / "training-sessions.xlsx")
    assert book.sheetnames == ["培训班", "培训学员"]
    assert book["培训学员"]["A2"].value.startswith("导出日期：2025-06-30  共 2 人（已隐去")
    assert [c.value for c in book["培训学员"][writer.HEADER_ROW]] == [f.label for f in TRAINEES.fields]
    assert "郑𠈌" in [c.value for c in book["培训学员"]["B"]]
    signed_in = session.current()
    session.set_current(SignedIn(98, "jingban", "经办员", Role.CLERK))
    try:
        with pytest.raises(PermissionDenied):
            exchange.export_register("loans", tmp_path / "full.xlsx", masked=False)
    finally:
        session.set_current(signed_in)


def test_other_sheets_check_people_parents_and_rules_row_by_row(office: Path, tmp_path: Path) -> None:
    household = filed(1)
    head = Person.get_by_id(head_of(household))
    path = workbook(tmp_path / "jobs.xlsx", {PLACEMENTS: [
        {"name": head.name, "id_number": head.id_number, "group": "下岗职工", "employer": "某厂",
         "on_date": D(2025, 5, 1), "how_found": "招聘会"},
        {"name": "王堃", "id_number": new_id(1), "group": "学生", "employer": "某厂", "on_date": D(2025, 7, 1)},
        {"name": "王堃", "id_number": new_id(1), "group": "其他", "employer": "", "on_date": D(2025, 5, 1)},
    ]})
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("placements", path)
    assert [(e.row, e.label) for e in caught.value.errors] == [(5, "人员类别"), (5, "就业日期"), (6, "就业单位")]
    assert Placement.select().count() == 0
    pairs = workbook(tmp_path / "pairs.xlsx", {PAIRINGS: [
        {"head_id_number": head.id_number, "cadre_name": "张建国", "start_date": D(2025, 1, 1)},
        {"head_id_number": new_id(5), "cadre_name": "李红", "start_date": D(2025, 1, 1)},
    ], PAIRING_AID: [
        {"head_id_number": head.id_number, "cadre_name": "张建国", "on_date": D(2025, 2, 1), "kind": "资金",
         "amount": Decimal("500")},
        {"head_id_number": head.id_number, "cadre_name": "张建国", "on_date": D(2024, 2, 1), "kind": "资金",
         "amount": Decimal("500")},
        {"head_id_number": head.id_number, "cadre_name": "王五", "on_date": D(2025, 2, 1), "kind": "项目"},
        {"head_id_number": head.id_number, "cadre_name": "张建国", "on_date": D(2025, 3, 1), "kind": "致富信息",
         "amount": Decimal("5"), "count": 3},
    ]})
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("pairings", pairs)
    assert [(e.sheet, e.row, e.label) for e in caught.value.errors] == [
        ("结对帮扶", 5, "职工身份证号"), ("结对帮扶记录", 5, "日期"), ("结对帮扶记录", 6, "干部姓名"),
        ("结对帮扶记录", 7, "金额")]
    good = workbook(tmp_path / "pairs-ok.xlsx", {PAIRINGS: [
        {"head_id_number": head.id_number, "cadre_name": "张建国", "start_date": D(2025, 1, 1)}], PAIRING_AID: [
        {"head_id_number": head.id_number, "cadre_name": "张建国", "on_date": D(2025, 2, 1), "kind": "资金",
         "amount": Decimal("500")},
        {"head_id_number": head.id_number, "cadre_name": "张建国", "on_date": D(2025, 3, 1), "kind": "致富信息",
         "count": 3}]})
    assert exchange.import_register("pairings", good).describe() == "导入完成：结对新增 1 户，结对帮扶记录新增 2 条"
    figures = pairing.pairing_figures(D(2025, 1, 1), D(2025, 12, 31))
    assert (figures.households, figures.aid_amount, figures.job_info) == (1, Decimal("500.00"), 3)
    more = workbook(tmp_path / "aid.xlsx", {PAIRING_AID: [
        {"head_id_number": head.id_number, "cadre_name": "张建国", "on_date": D(2025, 4, 1), "kind": "法律援助"}]})
    exchange.import_register("pairing-aid", more)
    assert PairingAid.select().count() == 3


def test_mutual_aid_claims_name_their_enrolment(office: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "mutual.xlsx", {MUTUAL_AID: [
        {"name": "郑𠈌", "id_number": new_id(1), "year": 2025, "plan": "住院医疗互助保障", "premium": Decimal("30")},
        {"name": "王堃", "id_number": new_id(2), "year": 2025, "plan": "住院医疗互助保障", "premium": Decimal("30")},
    ], MUTUAL_AID_CLAIMS: [
        {"name": "郑𠈌", "id_number": new_id(1), "year": 2025, "plan": "住院医疗互助保障", "on_date": D(2025, 3, 1),
         "kind": "住院", "amount": Decimal("1000")},
        {"name": "王堃", "id_number": new_id(2), "year": 2024, "plan": "住院医疗互助保障", "on_date": D(2025, 3, 1),
         "kind": "住院", "amount": Decimal("1000")},
    ]})
    with pytest.raises(ValidationError) as caught:
        exchange.import_register("mutual-aid", path)
    assert [(e.sheet, e.row) for e in caught.value.errors] == [("互助保障理赔", 5)]
    assert "没有2024年" in caught.value.errors[0].message
    fixed = workbook(tmp_path / "mutual-ok.xlsx", {MUTUAL_AID_CLAIMS: [
        {"name": "王堃", "id_number": new_id(2), "year": 2025, "plan": "住院医疗互助保障", "on_date": D(2025, 3, 1),
         "kind": "住院", "amount": Decimal("1000")}]})
    with pytest.raises(ValidationError, match="系统中没有身份证号"):
        exchange.import_register("mutual-aid-claims", fixed)
    ok = workbook(tmp_path / "mutual-ok2.xlsx", {MUTUAL_AID: [
        {"name": "郑𠈌", "id_number": new_id(1), "year": 2025, "plan": "住院医疗互助保障", "premium": Decimal("30")}],
        MUTUAL_AID_CLAIMS: [
        {"name": "郑𠈌", "id_number": new_id(1), "year": 2025, "plan": "住院医疗互助保障", "on_date": D(2025, 3, 1),
         "kind": "住院", "amount": Decimal("1000")}]})
    exchange.import_register("mutual-aid", ok)
    assert MutualAidClaim.select().count() == 1
    assert mutual_aid.mutual_aid_figures(D(2025, 1, 1), D(2025, 12, 31)).claims_amount == Decimal("1000.00")


def test_referrals_and_loans_from_sheets(office: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "r.xlsx", {REFERRALS: [
        {"name": "王堃", "id_number": new_id(1), "employer": "某厂", "on_date": D(2025, 5, 1)}]})
    assert exchange.import_register("referrals", path).describe() == "导入完成：职业介绍新增 1 人次，新增人员 1 人"
    assert employment.list_referrals(JobQuery())[0].outcome == "待反馈"
    path = workbook(tmp_path / "l.xlsx", {LOANS: [
        {"name": "李娜", "id_number": new_id(2, sex="女"), "amount": Decimal("30000"), "bank": "邮储银行",
         "on_date": D(2025, 4, 1)},
        {"name": "李娜", "id_number": new_id(2, sex="女"), "amount": Decimal("30000"), "bank": "邮储银行",
         "on_date": D(2025, 4, 1)}]})
    with pytest.raises(ValidationError, match="与第4行重复"):
        exchange.import_register("loans", path)
    path = workbook(tmp_path / "l2.xlsx", {LOANS: [
        {"name": "李娜", "id_number": new_id(2, sex="女"), "amount": Decimal("30000"), "bank": "邮储银行",
         "on_date": D(2025, 4, 1), "subsidy": Decimal("900")}]})
    exchange.import_register("loans", path)
    figures = loans.loan_figures(D(2025, 1, 1), D(2025, 12, 31))
    assert (figures.count, figures.women, figures.women_amount) == (1, 1, Decimal("30000.00"))
    assert loans.list_loans()[0].term_months == 12


def test_templates_of_every_kind_and_the_command_line(office: Path, tmp_path: Path) -> None:
    for kind, registers in employment_exchange.BOOKS.items():
        path = exchange.write_template(kind, tmp_path / f"{kind}.xlsx")
        book = openpyxl.load_workbook(path)
        assert book.sheetnames == [*(r.sheet for r in registers), "填表说明", "可选值"]
        assert [c.value for c in book[registers[0].sheet][writer.HEADER_ROW]] == [
            f.label for f in registers[0].importable_fields()]
        assert exchange.import_register(kind, path).created == 0
    path = workbook(tmp_path / "t.xlsx", {TRAINING_SESSIONS: session_rows()[:1], TRAINEES: trainee_rows([])[:8:8]})
    assert cli.main(["import", "training-sessions", str(path), "--db", str(office)]) == 0
    open_office(office)
    out = tmp_path / "e.xlsx"
    assert cli.main(["export", "trainees", "--out", str(out), "--db", str(office)]) == 0
    open_office(office)
    assert openpyxl.load_workbook(out)["培训学员"]["A2"].value.startswith("导出日期：2025-06-30  共 1 人")
    with pytest.raises(KnownError, match="training-sessions"):
        exchange.export_register("trainings", out)
