"""The 培训就业 tab: a session with three trainees printed on its sign-in sheet, a pasted list refused line by line,
a placement that closes the file's unemployment cause, every list's model, and what a 查看 account may do."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from app.pdf_text import pdf_text
from app.services import accounts, employment, loans, mutual_aid, pairing, training
from app.services import households as hs
from app.services.employment import PlacementForm, ReferralForm
from app.services.loans import LoanForm
from app.services.mutual_aid import ClaimForm, EnrolmentForm
from app.services.pairing import AidForm, PairingForm
from app.services.relief_forms import Recipient
from app.services.training import TraineeForm
from app.session import Role
from db.models import Person, Trainee
from tests.employment_factories import new_id, new_session
from tests.relief_factories import filed, head_of
from tests.ui.conftest import Messages, choose, type_text
from ui.pages.employment_page import EmploymentPage

D = datetime.date
REFUSED_EDIT = "查看账户无权录入和办理（如需办理，请联系管理员）"


def _page(window: Any) -> EmploymentPage:
    page = window.page(EmploymentPage)
    window.show_page(page)
    return page


def _pick(qtbot: QtBot, chooser: Any, name: str) -> None:
    """Type the name (Chinese, one character at a time) and take the first match with Enter."""
    type_text(chooser.search, name)
    qtbot.waitUntil(lambda: chooser.results.isVisible())
    QTest.keyClick(chooser.search, Qt.Key.Key_Return)
    assert chooser.chosen is not None and chooser.chosen.name == name


def test_a_session_with_three_trainees_prints_their_names_on_the_sign_in_sheet(
        window: Any, qtbot: QtBot, recorded: Messages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hid = filed(1, identity="职工", work_status="下(待)岗")
    head = Person.get_by_id(head_of(hid)).name
    panel = _page(window).training
    dialog = panel.open_new()
    assert dialog.organiser.placeholderText().startswith("如 ")   # an example, not what is saved
    type_text(dialog.name, "2025年第三期电焊培训班")
    choose(dialog.trade, "电焊")
    dialog.place.setText("华池县职业技术学校")
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)          # Enter saves
    assert not dialog.isVisible()
    view = panel.current_session()
    assert view is not None and (view.name, view.trade, view.days) == ("2025年第三期电焊培训班", "电焊", 5)

    adding = panel.open_add()
    _pick(qtbot, adding.chooser, head)                       # from the file: its head, with the file's group
    assert adding.chooser.chosen.household_id == hid
    assert adding.group.currentText() == "下岗职工" and "按档案建议" in adding.group_hint.text()
    adding.more_button.click()                               # 保存并继续添加
    for name, number, group in (("王堃", new_id(1), "农民工"), ("李秀英", new_id(2, sex="女"), "其他")):
        adding.chooser.new_person.setChecked(True)
        type_text(adding.chooser.name_edit, name)
        QTest.keyClicks(adding.chooser.id_edit, number)
        choose(adding.group, group)
        if name == "王堃":
            adding.more_button.click()
        else:
            QTest.keyClick(adding.note, Qt.Key.Key_Return)
    assert not adding.isVisible() and len(adding.added) == 3
    names = [t.name for t in panel.trainees.records]
    assert names == [head, "王堃", "李秀英"]
    assert [t.group for t in panel.trainees.records] == ["下岗职工", "农民工", "其他"]
    assert "学员 3 人" in panel.trainees_label.text()

    out = tmp_path / "签到表.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    panel.sessions_table.setFocus()
    assert panel.print_button.isEnabled()
    panel.print_button.click()
    qtbot.waitUntil(lambda: recorded.opened == [str(out)])
    text = pdf_text(out.read_bytes())
    assert all(name in text for name in names), text
    assert "2025年第三期电焊培训班签到表" in text


def test_save_and_add_another_leaves_nobody_chosen_so_save_again_adds_no_one(window: Any, qtbot: QtBot) -> None:
    hid = filed(1, identity="职工", work_status="下(待)岗")
    head = Person.get_by_id(head_of(hid)).name
    session_id = new_session()
    panel = _page(window).training
    window.events.announce_training((session_id,))
    adding = panel.open_add()
    _pick(qtbot, adding.chooser, head)
    adding.more_button.click()                               # 保存并继续添加
    assert len(adding.added) == 1 and "已添加" in adding.added_label.text()
    chooser = adding.chooser
    assert chooser.chosen is None and chooser.recipient() is None
    assert not chooser.family.isVisibleTo(adding) and chooser.chosen_label.text() == "尚未选择学员"
    adding.more_button.click()                               # nobody chosen now: refused, not added twice
    assert len(adding.added) == 1 and Trainee.select().count() == 1
    adding.reject()


def test_after_picking_a_person_the_keyboard_goes_on_to_the_next_field(window: Any, qtbot: QtBot) -> None:
    Person.create(name="马丽", name_pinyin="mali", id_number=new_id(6, sex="女"))
    panel = _page(window).referrals
    dialog = panel.open_new()
    assert dialog is not None
    _pick(qtbot, dialog.chooser, "马丽")                      # nobody else of a file to choose from
    assert QApplication.focusWidget() is dialog.employer     # not the 新增 box: what is typed next is the employer
    dialog.reject()


def test_a_pasted_list_with_a_bad_line_names_the_line_and_adds_nobody(window: Any) -> None:
    session_id = new_session()
    panel = _page(window).training
    window.events.announce_training((session_id,))
    dialog = panel.open_paste()
    first = dialog.group.itemText(0)                          # （每行须注明类别）: room for all of it and the arrow
    assert dialog.group.minimumWidth() >= dialog.group.fontMetrics().horizontalAdvance(first) + 30
    lines = [f"1. 赵刚 {new_id(3)} 下岗职工", "2. 钱芳 62282319850202 农民工", f"3、孙强，{new_id(4)}，其他"]
    dialog.text.setPlainText("\n".join(lines))
    dialog.add_button.click()
    assert dialog.isVisible() and not Trainee.select().exists()
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert len(problems) == 1 and problems[0].startswith("第2行“身份证号”")
    assert "未添加任何学员：有 1 行需要改正" in dialog.status.text()
    lines[1] = f"2. 钱芳 {new_id(5, sex='女')} 农民工"
    dialog.text.setPlainText("\n".join(lines))
    assert dialog.check() and "可添加 3 名学员，其中 3 人系统中没有" in dialog.status.text()
    dialog.add_button.click()
    assert not dialog.isVisible()
    assert [t.name for t in panel.trainees.records] == ["赵刚", "钱芳", "孙强"]


def test_a_placement_that_closes_the_cause_changes_the_files_causes(window: Any, qtbot: QtBot,
                                                                   recorded: Messages) -> None:
    hid = filed(2, identity="职工", work_status="失(无)业", main_cause="下岗失业",
                secondary_causes=("有劳动能力而未就业", "子女上学"))
    head = Person.get_by_id(head_of(hid)).name
    changed: list[tuple[int, ...]] = []
    window.events.households_changed.connect(changed.append)
    panel = _page(window).placements
    dialog = panel.open_new()
    assert not dialog.close_cause.isEnabled()
    _pick(qtbot, dialog.chooser, head)
    assert dialog.group.currentText() == "失业人员"
    file_no = hs.get_household(hid).form.file_no
    assert dialog.close_cause.isEnabled() and file_no in dialog.close_cause.text()
    dialog.close_cause.setChecked(True)
    type_text(dialog.employer, "华池县恒通物流公司")
    type_text(dialog.job, "仓管员")
    QTest.keyClick(dialog.job, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    form = hs.get_household(hid).form
    assert (form.main_cause, form.secondary_causes) == ("子女上学", ())
    assert changed == [(hid,)]
    assert any("主要致困原因由“下岗失业”改为“子女上学”" in text for _title, text in recorded.kinds("inform"))
    assert [(p.name, p.employer, p.file_no) for p in panel.model.records] == [(head, "华池县恒通物流公司", file_no)]
    assert panel.current() is not None and panel.totals_label.text() == "共 1 人次（失业人员 1）"


def _one_of_each(hid: int) -> int:
    """A session with a trainee, a placement, a referral, a loan, a pairing with aid, an enrolment with a claim."""
    person = head_of(hid)
    who = Recipient(person_id=person)
    session_id = new_session()
    training.add_trainee(session_id, TraineeForm(who, "下岗职工", certificate_no="HC001"))
    employment.record_placement(PlacementForm(who, "下岗职工", "某物流公司", D(2025, 6, 1), "仓管员", "职业介绍"))
    employment.record_referral(ReferralForm(who, "某超市", D(2025, 5, 2)))
    loans.record_loan(LoanForm(who, Decimal("50000"), "华池县农村信用合作联社", D(2025, 3, 1), 24, Decimal("1200")))
    pid = pairing.create_pairing(PairingForm("王建国", hid, D(2025, 1, 10), "华池县总工会"))
    pairing.record_aid(pid, AidForm(D(2025, 2, 1), "资金", Decimal("800")))
    pairing.record_aid(pid, AidForm(D(2025, 3, 1), "致富信息", count=3, description="招聘信息"))
    enrolment = mutual_aid.enrol(EnrolmentForm(who, 2025, "住院医疗互助保障", Decimal("50")))
    mutual_aid.record_claim(enrolment, ClaimForm(D(2025, 4, 1), "住院", Decimal("1500")))
    return person


def test_every_list_model_passes_the_model_tester(window: Any, qtbot: QtBot, qtmodeltester: Any) -> None:
    person = _one_of_each(filed(3))
    page = _page(window)
    window.events.announce_data_replaced()
    page.mutual_aid.table.selectRow(0)
    qtbot.waitUntil(lambda: not page.busy)
    assert ("培训 1 期 1 人（费用 ¥12,000.00） · 再就业 1 人 · 创业贷款 1 笔 ¥50,000.00 · 结对 1 户 · 互助保障 1 人"
            in window.counts_text)
    models = [page.training.sessions, page.training.trainees, page.placements.model, page.referrals.model,
              page.loans.model, page.pairing.pairings, page.pairing.aid, page.mutual_aid.model, page.mutual_aid.claims]
    assert [m.rowCount() for m in models] == [1, 1, 1, 1, 1, 1, 2, 1, 1]
    assert "资金物品 ¥800.00 · 致富信息 3条" in page.pairing.aid_label.text()
    history = page.placements.show_history(person, "张三", "622***")
    models += list(history.models.values())
    assert [m.rowCount() for m in history.models.values()] == [1, 1, 1, 1, 1, 1]
    assert history.tabs.tabText(0) == "培训（1）"
    for model in models:
        qtmodeltester.check(model, force_py=True)
    history.reject()


def test_a_viewer_sees_the_actions_disabled_with_the_reason(window: Any) -> None:
    _one_of_each(filed(4))
    accounts.create_account("chakan", "李查看", Role.VIEWER, "role-pass-1")
    accounts.sign_out()
    accounts.sign_in("chakan", "role-pass-1")
    window.events.announce_account()
    page = _page(window)
    page.reload()
    page.training.trainees_table.selectRow(0)
    page.placements.table.selectRow(0)
    edits = [page.training.new_button, page.training.edit_button, page.training.add_button,
             page.training.paste_button, page.training.complete_button, page.placements.new_button,
             page.referrals.outcome_button, page.loans.repayment_button, page.pairing.aid_button,
             page.mutual_aid.claim_button]
    for button in edits:
        assert not button.isEnabled() and button.toolTip() == REFUSED_EDIT, button.text()
    assert page.training.print_button.toolTip().startswith("查看账户无权打印")
    assert page.training.import_button.toolTip().startswith("查看账户无权导入")
    assert page.loans.register_button.toolTip().startswith("查看账户无权导出")
    assert page.placements.delete_button.toolTip().startswith("查看账户无权删除")
    assert page.placements.history_button.isEnabled() and page.training.history_button.isEnabled()


def test_the_pairing_figures_of_one_cadre_unit(window: Any, qtbot: QtBot) -> None:
    """其中县总工会干部结对帮扶 … : the year's figures follow the chosen cadre unit."""
    _one_of_each(filed(3))
    other = pairing.create_pairing(PairingForm("李红", filed(4), D(2025, 2, 1), "华池县供电公司"))
    pairing.record_aid(other, AidForm(D(2025, 2, 3), "物品", Decimal("300"), description="米面油"))
    page = _page(window)
    window.events.announce_data_replaced()
    qtbot.waitUntil(lambda: not page.busy)
    page.pairing.year.setValue(2025)
    assert page.pairing.figures_label.text().startswith("结对 2 户 · 项目 0 个 · 资金物品 ¥1,100.00")
    assert [page.pairing.unit.itemText(i) for i in range(page.pairing.unit.count())] == [
        "全部干部单位", "华池县供电公司", "华池县总工会"]
    choose(page.pairing.unit, "华池县总工会")
    assert page.pairing.figures_label.text() == ("结对 1 户 · 项目 0 个 · 资金物品 ¥800.00 · 致富信息 3 条 · "
                                                 "法律援助 0 次")
    choose(page.pairing.unit, "全部干部单位")
    assert "资金物品 ¥1,100.00" in page.pairing.figures_label.text()
