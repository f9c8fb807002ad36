"""Training sessions: sessions and their rules, trainees one by one or pasted, history, figures, the sign-in sheet."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from app import cli, printing, session
from app.errors import KnownError, PermissionDenied, ValidationError
from app.services import audit, employment_rules, training, training_paste
from app.services.audit import AuditQuery
from app.services.relief_forms import Recipient
from app.services.training import SessionQuery, TraineeForm, TraineeUpdate
from app.session import Role, SignedIn
from app.validation import mask_id_number
from db.models import Person, Trainee
from tests.employment_factories import new_id, new_session, session_form
from tests.relief_factories import filed, head_of

D = datetime.date


def texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def test_a_session_is_checked_and_corrected_with_its_changes_audited(office: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        training.create_session(session_form("", kind="培训", trade=""))
    assert {e.field for e in caught.value.errors} == {"name", "kind"}
    with pytest.raises(ValidationError) as caught:
        training.create_session(session_form(trade="", end_date=D(2025, 6, 1), cost=Decimal("-1")))
    assert {e.field: e.label for e in caught.value.errors} == {"trade": "工种", "end_date": "结束日期",
                                                               "cost": "培训费用"}
    assert "技能培训须选择工种" in str(caught.value)
    sid = new_session()
    with pytest.raises(ValidationError, match="已有名为"):
        new_session()
    startup = training.create_session(session_form("2025年创业培训班", kind="创业培训", trade=""))
    training.update_session(sid, session_form(place="县总工会三楼会议室", cost=Decimal("15000")))
    view = training.get_session(sid)
    assert (view.place, view.cost, view.days, view.trainees) == ("县总工会三楼会议室", Decimal("15000.00"), 5, 0)
    entries = audit.list_records(AuditQuery(target_kind="training_session", target_id=sid))
    assert [e.action for e in entries] == ["修改", "新建"]
    assert "县总工会三楼会议室" in entries[0].details and "15000.00" in entries[0].details
    assert [s.id for s in training.list_sessions(SessionQuery(kind="创业培训"))] == [startup]


def test_trainees_from_a_file_a_known_person_and_new_people_once_per_session(office: Path) -> None:
    household = filed(1, identity="农民工")
    sid = new_session()
    choices = employment_rules.household_choices(household)
    head, child, spouse = choices
    assert (head.relation, head.trainee_group) == ("职工本人", "农民工") and child.relation == "子女"
    assert "*" in head.id_number
    training.add_trainee(sid, TraineeForm(Recipient(person_id=head.person_id), str(head.trainee_group)))
    training.add_trainee(sid, TraineeForm(Recipient(person_id=spouse.person_id), "其他"))
    new = training.add_trainee(sid, TraineeForm(Recipient(name="郑𠈌", id_number=new_id(1)), "下岗职工",
                                                certificate_no="HC2025-001"))
    with pytest.raises(ValidationError, match="已在"):
        training.add_trainee(sid, TraineeForm(Recipient(name="郑𠈌", id_number=new_id(1)), "下岗职工"))
    with pytest.raises(ValidationError, match="登记为“郑𠈌”"):
        training.add_trainee(new_session("第二期"), TraineeForm(Recipient(name="郑某", id_number=new_id(1)), "其他"))
    with pytest.raises(ValidationError) as caught:
        training.add_trainee(sid, TraineeForm(Recipient(name="", id_number="123"), "学生"))
    assert {e.field for e in caught.value.errors} == {"group", "recipient", "id_number"}
    listed = training.session_trainees(sid)
    assert [t.name for t in listed] == [head.name, spouse.name, "郑𠈌"]
    assert listed[0].file_no and listed[2].file_no == "" and listed[2].id_number == mask_id_number(new_id(1))
    assert listed[2].completed   # a certificate means completion
    view = training.get_session(sid)
    assert view.by_group == {"下岗职工": 1, "农民工": 1, "在岗职工": 0, "其他": 1}
    assert (view.trainees, view.completed, view.certified) == (3, 1, 1)
    training.update_trainee(new, TraineeUpdate("在岗职工", True, "HC2025-001", "转岗"))
    assert training.set_completed([t.id for t in listed]) == 2
    assert training.set_completed([new], completed=False) == 0      # a certificate holder stays completed
    training.remove_trainee(listed[1].id)
    assert training.get_session(sid).by_group == {"下岗职工": 0, "农民工": 1, "在岗职工": 1, "其他": 0}
    history = training.person_trainings(head.person_id)
    assert [(h.session, h.group, h.completed) for h in history] == [("2025年第一期电焊技能培训班", "农民工", True)]
    assert Person.select().where(Person.name == "郑𠈌").count() == 1


def test_a_pasted_list_is_read_tolerantly_and_added_all_or_nothing(office: Path) -> None:
    sid = new_session()
    training.add_trainee(new_session("第二期"), TraineeForm(Recipient(name="李䶮", id_number=new_id(5)), "其他"))
    text = "\n".join([
        f"1. 张三 {new_id(2)} 下岗职工",
        f"2、李四，{new_id(3, sex='女')}，农民工，女",
        "",
        f"王五{new_id(4)}在岗",
        f"\t李䶮\t{new_id(5)}\t13912345678",
        f"赵六 {new_id(6)}",
    ])
    parsed = training_paste.parse_pasted(text)
    assert [e.row for e in parsed.errors] == [5, 6] and "缺少类别" in parsed.errors[0].message
    checked = training_paste.check_pasted(sid, text, default_group="其他")
    assert checked.ok and checked.new_people == 4
    assert [(line.line, line.name, line.group) for line in checked.lines] == [
        (1, "张三", "下岗职工"), (2, "李四", "农民工"), (4, "王五", "在岗职工"), (5, "李䶮", "其他"),
        (6, "赵六", "其他")]
    bad = "\n".join([
        f"张三 {new_id(2)} 下岗职工",
        f"李四 {new_id(3)[:-1]}0 农民工",
        f"王五 {new_id(4)} 学生",
        f"李某 {new_id(5)} 其他",
        f"张三 {new_id(2)} 下岗职工",
        f"孙七 {new_id(7)[:6]}***********{new_id(7)[-4:]} 农民工",
        f"周八 {new_id(8)} 农民工 女",
        "吴九 农民工",
    ])
    with pytest.raises(ValidationError) as caught:
        training_paste.add_pasted(sid, bad, default_group="其他")
    found = {(e.row, e.field) for e in caught.value.errors}
    assert found == {(2, "id_number"), (3, "group"), (4, "name"), (5, "id_number"), (6, "id_number"), (7, "sex"),
                     (8, "id_number")}
    assert "第4行“姓名”：身份证号" in str(caught.value) and "登记为“李䶮”" in str(caught.value)
    assert Trainee.select().where(Trainee.session == sid).count() == 0
    result = training_paste.add_pasted(sid, text, default_group="其他")
    assert (result.added, result.new_people) == (5, 4)
    assert training.get_session(sid).by_group == {"下岗职工": 1, "农民工": 1, "在岗职工": 1, "其他": 2}
    assert Person.get(Person.id_number == new_id(5)).phone is None            # known: not changed
    with pytest.raises(ValidationError, match="已在"):
        training_paste.add_pasted(sid, f"张三 {new_id(2)} 下岗职工")


def test_figures_count_sessions_starting_in_the_period(office: Path) -> None:
    first = new_session("一期", D(2025, 3, 1))
    second = new_session("二期", D(2025, 6, 28), days=10, cost=Decimal("30000.50"))
    new_session("去年", D(2024, 11, 1))
    training_paste.add_pasted(first, "\n".join(f"甲{'一二三'[n]} {new_id(n)} 下岗职工" for n in range(3)))
    training_paste.add_pasted(second, f"乙一 {new_id(10)} 农民工\n乙二 {new_id(11)} 在岗职工\n甲一 {new_id(0)} 其他")
    figures = training.training_figures(D(2025, 1, 1), D(2025, 12, 31))
    assert (figures.sessions, figures.trainees) == (2, 6)
    assert figures.by_group == {"下岗职工": 3, "农民工": 1, "在岗职工": 1, "其他": 1}
    assert figures.cost == Decimal("42000.50")   # 投入职业技能培训资金: what the sessions cost
    assert training.training_figures(D(2025, 4, 1), D(2025, 6, 30)).trainees == 3
    assert [h.session for h in training.person_trainings(Person.get(Person.name == "甲一").id)] == ["二期", "一期"]


def test_sign_in_sheet_has_every_name_masked_ids_and_a_column_a_day(office: Path, tmp_path: Path) -> None:
    household = filed(2)
    sid = new_session(days=7)
    names = ["李䶮", "王堃", "郑𠈌", "欧阳娜娜"] + [f"学员{'甲乙丙丁戊己庚辛壬癸'[n % 10]}{'一二三四'[n // 10]}"
                                             for n in range(36)]
    training.add_trainee(sid, TraineeForm(Recipient(person_id=head_of(household)), "下岗职工"))
    training_paste.add_pasted(sid, "\n".join(f"{name} {new_id(n, sex='女' if n % 2 else '男')} 农民工"
                                             for n, name in enumerate(names)))
    out = tmp_path / "签到表.pdf"
    result = printing.print_sign_in(sid, out)
    pages = texts(out)
    assert result.pages == len(pages) == 3 and result.warnings == ()
    everything = "".join(pages)
    for name in names:
        assert name in everything
    assert "\ufffd" not in everything
    assert mask_id_number(new_id(2)) in everything and new_id(2) not in everything
    for number, page in enumerate(pages, 1):
        assert "2025年第一期电焊技能培训班签到表" in page and "序号" in page and "身份证号" in page
        assert "第1天" in page and "第7天" in page and "6月9日" in page and "第8天" not in page
        assert f"第 {number} 页 共 3 页" in page
    assert "实到人数（应到 41 人）" in pages[-1] and "实到人数" not in pages[0]
    entries = audit.list_records(AuditQuery(action="打印", target_kind="training_session"))
    assert len(entries) == 1 and "签到表" in entries[0].target_label


def test_a_long_session_prints_one_sheet_per_ten_days(office: Path, tmp_path: Path) -> None:
    sid = new_session(days=14)
    training_paste.add_pasted(sid, f"王堃 {new_id(1)} 农民工\n李䶮 {new_id(2)} 下岗职工")
    out = tmp_path / "long.pdf"
    pages = texts(out) if printing.print_sign_in(sid, out) else []
    assert len(pages) == 2
    assert "（第1—7天）" in pages[0] and "第7天" in pages[0] and "第8天" not in pages[0]
    assert "（第8—14天）" in pages[1] and "第14天" in pages[1] and "6月16日" in pages[1]
    assert all("王堃" in p and "李䶮" in p for p in pages)
    empty = new_session("空班")
    with pytest.raises(KnownError, match="还没有学员"):
        printing.print_sign_in(empty, tmp_path / "none.pdf")


def test_sign_in_sheet_from_the_command_line(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sid = new_session()
    training_paste.add_pasted(sid, f"王堃 {new_id(1)} 农民工")
    out = tmp_path / "cli.pdf"
    assert cli.main(["print", "sign-in", "--session", str(sid), "--out", str(out), "--db", str(office)]) == 0
    assert "已生成" in capsys.readouterr().out and "王堃" in texts(out)[0]
    from app.office import open_office

    open_office(office)
    assert cli.main(["print", "sign-in", "--out", str(out), "--db", str(office)]) == 1
    assert "--session" in capsys.readouterr().err


def test_a_viewer_may_list_but_not_enter_or_print(office: Path, tmp_path: Path) -> None:
    sid = new_session()
    signed_in = session.current()
    session.set_current(SignedIn(99, "chakan", "查看员", Role.VIEWER))
    try:
        assert training.list_sessions()[0].id == sid
        for action in (lambda: new_session("新班"),
                       lambda: training.add_trainee(sid, TraineeForm(Recipient(name="王堃", id_number=new_id(1)),
                                                                     "其他")),
                       lambda: training_paste.add_pasted(sid, f"王堃 {new_id(1)} 农民工"),
                       lambda: printing.print_sign_in(sid, tmp_path / "x.pdf"),
                       lambda: training.update_session(sid, dataclasses.replace(session_form(), place="x"))):
            with pytest.raises(PermissionDenied):
                action()
    finally:
        session.set_current(signed_in)
