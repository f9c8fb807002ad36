"""The 信访 tab: a walk-in registered, handed on and closed through the real window; the overdue queue; roles."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import accounts, petitions
from app.services import households as hs
from app.services.petitions import PetitionForm
from app.services.relief_forms import Recipient
from app.session import Role
from app.vocab import PetitionStatus
from db.models import AuditRecord, Person
from tests.conftest import TODAY
from tests.factories import make_form
from tests.ui.conftest import Messages, choose, type_text
from ui.dialogs.household_link_dialog import HouseholdLinkDialog
from ui.dialogs.petition_dialog import PetitionDialog
from ui.dialogs.petition_steps import ClosePetitionDialog, HandOnDialog
from ui.pages.legal_cases_page import LegalCasesPage
from ui.pages.petitions_page import PetitionsPage
from ui.tables.petitions_model import DUE, PetitionsModel

D = datetime.date
T = datetime.datetime
REFUSED_EDIT = "查看账户无权录入和办理（如需办理，请联系管理员）"


def _page(window: Any) -> PetitionsPage:
    page = window.page(PetitionsPage)
    window.show_page(page)
    return page


def _contact(day: D, name: str, category: str = "拖欠工资") -> int:
    return petitions.register_petition(PetitionForm("来访", T(day.year, day.month, day.day, 9, 0), category,
                                                    "拖欠工资三个月", person=Recipient(name=name)))


def _names(page: PetitionsPage) -> list[str]:
    return [page.model.petition(r).name for r in range(page.model.rowCount())]  # type: ignore[union-attr]


def test_a_walk_in_is_registered_handed_on_closed_and_found_among_the_closed(window: Any, qtbot: QtBot) -> None:
    page = _page(window)
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PetitionDialog) and dialog.isVisible()
    assert dialog.channel.currentText() == "来访" and not dialog.anonymous.isEnabled()
    assert dialog.focusWidget() is dialog.person.edit
    type_text(dialog.person.edit, "王秀英")
    QTest.keyClick(dialog.person.edit, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.id_number, "")
    QTest.keyClicks(dialog.contact, "13812345678")
    type_text(dialog.work_unit, "县水泥厂")
    choose(dialog.category, "拖欠工资")
    type_text(dialog.content, "单位拖欠工资三个月")
    QTest.keyClick(dialog.contact, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [pid] = petitions.search_petitions(petitions.PetitionQuery())
    view = petitions.get_petition(pid)
    assert (view.channel, view.name, view.category, view.contact, view.work_unit) == (
        "来访", "王秀英", "拖欠工资", "138****5678", "县水泥厂")
    assert view.due_on == TODAY + datetime.timedelta(days=15)
    assert page.current_id() == pid and page.hand_on_button.isEnabled()

    qtbot.mouseClick(page.hand_on_button, Qt.MouseButton.LeftButton)
    hand_on = page.dialog
    assert isinstance(hand_on, HandOnDialog)
    type_text(hand_on.to, "县劳动监察大队")
    QTest.keyClick(hand_on.to, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not hand_on.isVisible())
    assert petitions.get_petition(pid).status is PetitionStatus.HANDED_ON
    assert "送 县劳动监察大队" in page.detail.toPlainText()

    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    closing = page.dialog
    assert isinstance(closing, ClosePetitionDialog)
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)  # no result: refused in the dialog
    assert closing.isVisible() and "办结须写明办理结果" in closing.summary.text()
    assert petitions.get_petition(pid).closed_on is None
    type_text(closing.result, "已督促单位支付工资")
    type_text(closing.reply, "已电话告知")
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not closing.isVisible())
    closed = petitions.get_petition(pid)
    assert (closed.closed_on, closed.closed_by, closed.result) == (TODAY, "测试员", "已督促单位支付工资")
    assert not page.close_button.isEnabled() and not page.hand_on_button.isEnabled()
    detail = page.detail.toPlainText()
    assert "办结人 测试员" in detail and "结果：已督促单位支付工资" in detail and "答复：已电话告知" in detail

    choose(page.filters.status, "已办结")
    assert _names(page) == ["王秀英"]
    assert page.model.data(page.model.index(0, 5)) == "已办结"
    choose(page.filters.status, "办理中")
    assert page.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.counts_text == "未办结信访 0 · 信访超期 0")


def test_a_registered_contact_is_corrected_through_the_dialog(window: Any, qtbot: QtBot) -> None:
    pid = petitions.register_petition(PetitionForm("来访", T(2025, 6, 20, 9, 0), "工伤", "拖欠工资三个月",
                                                   person=Recipient(name="赵德明"), contact="13812345678",
                                                   work_unit="县水泥厂"))
    page = _page(window)
    window.events.announce_petitions((pid,))
    page.select_ids([pid])
    assert page.edit_button.isEnabled()
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PetitionDialog) and dialog.windowTitle() == "修改信访登记"
    assert (dialog.category.currentText(), dialog.workers.value(), dialog.work_unit.text()) == ("工伤", 1, "县水泥厂")
    assert dialog.contact.text() == "13812345678"          # in full in the edit dialog: the reveal is audited
    assert dialog.person.choice is not None and dialog.person.edit.text() == "赵德明"
    assert dialog.received_at.dateTime().toString("yyyy-MM-dd HH:mm") == "2025-06-20 09:00"
    assert AuditRecord.select().where(AuditRecord.action == "查看身份信息", AuditRecord.target_id == pid).exists()
    choose(dialog.category, "拖欠工资")
    dialog.workers.setValue(8)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    view = petitions.get_petition(pid)
    assert (view.category, view.workers, view.name, view.contact) == ("拖欠工资", 8, "赵德明", "138****5678")
    assert petitions.search_petitions(petitions.PetitionQuery()) == [pid]   # corrected, not registered again
    assert "拖欠工资" in page.detail.toPlainText()
    record = AuditRecord.select().where(AuditRecord.action == "修改", AuditRecord.target_id == pid).get()
    assert "类别" in record.details and "涉及人数" in record.details and "13812345678" not in record.details

    petitions.close_petition(pid, "已督促支付", D(2025, 6, 28))
    window.events.announce_petitions((pid,))
    page.select_ids([pid])
    assert not page.edit_button.isEnabled() and "未办结" in page.edit_button.toolTip()
    assert page.open_edit() is None


def test_an_anonymous_call_is_registered_without_a_name(window: Any, qtbot: QtBot) -> None:
    page = _page(window)
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PetitionDialog)
    choose(dialog.channel, "来电")
    dialog.anonymous.setChecked(True)
    name_label = dialog.form.labelForField(dialog.person)
    assert not dialog.person.isEnabled() and name_label.text() == "姓名"     # no longer marked required
    type_text(dialog.content, "反映某工地拖欠工资")
    QTest.keyClick(dialog.contact, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [pid] = petitions.search_petitions(petitions.PetitionQuery())
    assert (petitions.get_petition(pid).channel, petitions.get_petition(pid).name) == ("来电", "匿名")


def test_the_overdue_queue_lists_exactly_the_open_contacts_past_their_limit(window: Any, qtbot: QtBot) -> None:
    late = _contact(D(2025, 6, 1), "甲")                      # due 06-16, open
    late_handed = _contact(D(2025, 5, 20), "乙")              # due 06-04, handed on, open
    petitions.hand_on(late_handed, "县劳动监察大队", D(2025, 5, 21))
    closed = _contact(D(2025, 6, 1), "丙")                    # closed in time
    petitions.close_petition(closed, "已解决", D(2025, 6, 10))
    _contact(D(2025, 6, 25), "丁")                            # within its limit
    page = _page(window)
    window.events.announce_petitions(())
    qtbot.waitUntil(lambda: window.counts_text == "未办结信访 3 · 信访超期 2")
    assert page.overdue_button.text() == "超期未办结 2"
    qtbot.mouseClick(page.overdue_button, Qt.MouseButton.LeftButton)
    assert set(page.model.ids) == {late, late_handed}
    assert page.model.data(page.model.index(0, DUE), Qt.ItemDataRole.ForegroundRole) is not None
    assert page.model.data(page.model.index(0, DUE)).endswith("超期")
    assert page.count_label.text() == "共 2 条"
    qtbot.mouseClick(page.overdue_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 4
    window.tabs.setCurrentIndex(0)  # another tab in front: the overdue count stays in the status bar
    assert window.alerts_label.text() == "信访超期 2" and window.alerts_label.isVisible()
    petitions.close_petition(late, "已解决", D(2025, 6, 28))
    petitions.close_petition(late_handed, "已解决", D(2025, 6, 28))
    window.events.announce_petitions(())
    qtbot.waitUntil(lambda: window.alerts_label.text() == "")


def test_a_contact_is_tied_to_a_household_file(window: Any, qtbot: QtBot) -> None:
    hid = hs.create_household(make_form(3, name="林秀英")).household_ids[0]
    head = Person.get(Person.name == "林秀英")
    pid = petitions.register_petition(PetitionForm("来信", T(2025, 6, 20, 10, 0), "困难求助", "因病致困",
                                                   person=Recipient(person_id=head.id)))
    page = _page(window)
    window.events.announce_petitions((pid,))
    page.select_ids([pid])
    dialog = page.open_link()
    assert isinstance(dialog, HouseholdLinkDialog)
    assert dialog.search.text() == "林秀英" and dialog.results.count() == 1
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert petitions.get_petition(pid).household_id == hid
    assert "档案 " in page.detail.toPlainText()


def test_a_known_person_is_picked_by_pinyin_initials(window: Any, qtbot: QtBot) -> None:
    hs.create_household(make_form(4, name="林秀英"))
    people = Person.select().count()
    page = _page(window)
    dialog = page.open_register()
    assert isinstance(dialog, PetitionDialog)
    QTest.keyClicks(dialog.person.edit, "lxy")
    qtbot.waitUntil(lambda: dialog.person.results.isVisible())
    assert dialog.person.results.item(0).text().startswith("林秀英")
    QTest.keyClick(dialog.person.edit, Qt.Key.Key_Return)  # picks the first offered
    assert dialog.person.choice is not None and dialog.person.edit.text() == "林秀英"
    assert "*" in dialog.id_number.text() and dialog.id_number.isReadOnly()
    type_text(dialog.content, "咨询困难职工认定条件")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [pid] = page.model.ids
    assert petitions.get_petition(pid).name == "林秀英" and Person.select().count() == people


def test_the_selected_forms_and_a_closing_report_are_printed_and_opened(
        window: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recorded: Messages) -> None:
    first, second = _contact(D(2025, 6, 2), "甲某"), _contact(D(2025, 6, 3), "乙某")
    petitions.close_petition(second, "已协调解决", D(2025, 6, 20), "已当面答复")
    outputs = iter([tmp_path / "forms.pdf", tmp_path / "report.pdf"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(next(outputs)), ""))
    page = _page(window)
    window.events.announce_petitions(())
    page.select_ids([first, second])
    assert page.print_button.isEnabled()
    page.print_forms()
    qtbot.waitUntil(lambda: len(recorded.opened) == 1, timeout=15000)
    forms = "".join(p.extract_text() for p in PdfReader(tmp_path / "forms.pdf").pages)
    assert "甲某" in forms and "乙某" in forms
    page.select_ids([second])
    assert page.print_report_action.isEnabled()
    page.print_report()
    qtbot.waitUntil(lambda: len(recorded.opened) == 2, timeout=15000)
    assert "已协调解决" in "".join(p.extract_text() for p in PdfReader(tmp_path / "report.pdf").pages)


def test_the_contacts_model_passes_the_model_tester(office: Any, qtmodeltester: ModelTester) -> None:
    for n in range(3):
        _contact(D(2025, 6, 1 + n), f"人{n}")
    model = PetitionsModel()
    model.refresh()
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    unread = PetitionsModel()
    unread.refresh()
    accounts.sign_out()  # e.g. a restore: the list may still be painted, nothing is read
    assert unread.data(unread.index(0, 2)) is None


def test_a_viewer_sees_the_actions_disabled_with_the_reason(window: Any, qtbot: QtBot) -> None:
    pid = _contact(D(2025, 6, 20), "王某")
    accounts.create_account("chakan", "李查看", Role.VIEWER, "role-pass-1")
    accounts.sign_out()
    accounts.sign_in("chakan", "role-pass-1")
    window.events.announce_account()
    window.events.announce_petitions((pid,))
    page = _page(window)
    page.select_ids([pid])
    assert page.current_id() == pid
    for widget in (page.register_action, page.register_button, page.edit_button, page.hand_on_button,
                   page.close_button, page.link_button):
        assert not widget.isEnabled() and widget.toolTip() == REFUSED_EDIT
    assert not page.print_button.isEnabled() and page.print_button.toolTip().startswith("查看账户无权打印")
    assert not page.export_button.isEnabled() and not page.limit_button.isEnabled()
    assert page.open_register() is None and page.open_next_step() is None and page.open_edit() is None
    assert "王某" in page.detail.toPlainText()  # reading is allowed
    cases = window.page(LegalCasesPage)
    for widget in (cases.new_button, cases.new_action, cases.stage_button, cases.close_button):
        assert not widget.isEnabled() and widget.toolTip() == REFUSED_EDIT
    assert not cases.print_button.isEnabled()
