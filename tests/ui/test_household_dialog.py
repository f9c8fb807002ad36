"""The file dialog driven like a user: type a new file, see messages beside fields, save with Enter."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.services import household_search as search
from app.services import households as hs
from app.services.household_forms import MemberForm
from tests.factories import make_form, person_id
from tests.ui.conftest import Messages, choose, type_text

HEAD_ID = person_id(11, sex="女", year=1978)


def _fill_new_file(dialog: Any, name: str, id_number: str) -> None:
    editors = dialog.view.editors
    type_text(editors["name"].input, name)
    type_text(editors["id_number"].input, id_number)
    choose(editors["identity"].input, "农民工")
    choose(editors["main_cause"].input, "患重特大疾病")
    choose(editors["category"].input, "深度困难")
    type_text(editors["work_unit"].input, "华池县水泥厂")
    type_text(editors["head_monthly_income"].input, "800")


def test_create_a_file_through_the_dialog(window: Any, qtbot: QtBot) -> None:
    page = window.households_page
    page.new_action.trigger()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    _fill_new_file(dialog, "张三丰", HEAD_ID)
    editors = dialog.view.editors
    # sex and birth date come from the ID number as soon as it is valid
    assert editors["sex"].value() == "女"
    assert editors["birth_date"].value() == datetime.date(1978, 12, 12)
    dialog.check_now()
    assert editors["per_capita_monthly"].input.text() == "¥800.00"
    QTest.keyClick(editors["name"].input, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: not dialog.isVisible())
    ids = search.search_ids(search.HouseholdQuery(text="张三丰"))
    assert len(ids) == 1
    stored = hs.get_household(ids[0], reveal=True)
    assert stored.form.id_number == HEAD_ID
    assert stored.form.identity == "农民工"
    assert stored.form.main_cause == "患重特大疾病"
    assert stored.form.work_unit == "华池县水泥厂"
    assert stored.status == "申报"
    assert page.selected_ids() == ids  # the new file is selected in the list
    assert window.statusBar().currentMessage() == "已新建档案，状态为“申报”。"
    qtbot.waitUntil(lambda: "在办 1 户" in window.counts_text)


def test_a_bad_id_number_is_reported_beside_the_field_and_nothing_is_saved(window: Any, qtbot: QtBot) -> None:
    page = window.households_page
    dialog = page.open_household(None)
    bad = HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1")
    _fill_new_file(dialog, "李四", bad)
    dialog.save_button.click()
    assert dialog.isVisible()
    message = dialog.view.editors["id_number"].error
    assert "校验位" in message
    assert dialog.view.editors["id_number"].error_label.isVisible()
    assert "身份证号" in dialog.summary_text
    assert search.search_ids(search.HouseholdQuery()) == []
    # correcting the number clears the message while typing
    edit = dialog.view.editors["id_number"].input
    edit.clear()
    type_text(edit, HEAD_ID)
    qtbot.waitUntil(lambda: dialog.view.editors["id_number"].error == "")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(search.search_ids(search.HouseholdQuery())) == 1


def test_money_that_cannot_be_read_is_reported_beside_it(window: Any) -> None:
    dialog = window.households_page.open_household(None)
    _fill_new_file(dialog, "王五", HEAD_ID)
    type_text(dialog.view.editors["other_annual_income"].input, "12.345")
    dialog.save_button.click()
    assert "两位小数" in dialog.view.editors["other_annual_income"].error
    assert search.search_ids(search.HouseholdQuery()) == []


def test_messages_wait_until_a_field_is_touched(window: Any) -> None:
    dialog = window.households_page.open_household(None)
    dialog.check_now()
    assert dialog.view.editors["name"].error == ""  # nothing typed yet: no red yet
    assert dialog.summary_text == ""


def test_a_warning_needs_an_explicit_confirmation(window: Any, qtbot: QtBot, recorded: Messages) -> None:
    member_id = person_id(21, sex="男", year=1980)
    hs.create_household(make_form(3, members=(MemberForm(name="赵六", relation="配偶", id_number=member_id),)))
    dialog = window.households_page.open_household(None)
    _fill_new_file(dialog, "赵六", member_id)  # heads a file while a member of another one
    recorded.answer = False
    dialog.save_button.click()
    assert recorded.confirmations and "家庭成员" in recorded.confirmations[-1][1]
    assert dialog.isVisible()
    assert len(search.search_ids(search.HouseholdQuery())) == 1
    recorded.answer = True
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(search.search_ids(search.HouseholdQuery())) == 2


def test_members_are_added_in_the_member_dialog(window: Any, qtbot: QtBot) -> None:
    dialog = window.households_page.open_household(None)
    _fill_new_file(dialog, "孙七", HEAD_ID)
    table = dialog.view.members
    table.add_button.click()
    member_dialog = table.dialog
    assert member_dialog is not None
    type_text(member_dialog.editors["name"].input, "孙小七")
    choose(member_dialog.editors["relation"].input, "子女")
    child = person_id(31, sex="男", year=2010)
    type_text(member_dialog.editors["id_number"].input, child)
    assert member_dialog.editors["sex"].value() == "男"
    type_text(member_dialog.editors["monthly_income"].input, "1,200")
    member_dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: table.model.rowCount() == 1)
    dialog.check_now()
    assert dialog.view.editors["household_size"].input.text() == "2"
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = hs.get_household(search.search_ids(search.HouseholdQuery())[0], reveal=True)
    assert [(m.name, m.relation, m.id_number, str(m.monthly_income)) for m in stored.form.members] == [
        ("孙小七", "子女", child, "1200.00")]


def test_an_existing_file_shows_status_history_and_its_steps(window: Any, qtbot: QtBot, office: Path) -> None:
    hid = hs.create_household(make_form(5, name="周八")).household_ids[0]
    dialog = window.households_page.open_household(hid)
    assert "申报" in dialog.status_label.text()
    assert dialog.history.rowCount() == 1
    assert dialog.history.index(0, 1).data() == "申报"
    assert set(a.value for a in dialog.action_buttons) == {"基层审核", "不予认定"}
    dialog.action_buttons[next(a for a in dialog.action_buttons if a.value == "基层审核")].click()
    step = dialog.lifecycle_dialog
    assert step is not None
    step.ok_button.click()
    qtbot.waitUntil(lambda: "基层审核" in dialog.status_label.text())
    assert dialog.history.rowCount() == 2
    assert hs.get_household(hid, reveal=True).status == "基层审核"
    # an edit saves over the stored file; the name in the list follows
    edit = dialog.view.editors["address"].input
    edit.clear()
    type_text(edit, "华池县城关镇东街3号")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert hs.get_household(hid, reveal=True).form.address == "华池县城关镇东街3号"


def test_escape_with_unsaved_changes_asks_first(window: Any, recorded: Messages) -> None:
    dialog = window.households_page.open_household(None)
    type_text(dialog.view.editors["name"].input, "吴九")
    recorded.answer = False
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and recorded.confirmations
    recorded.answer = True
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_tab_order_follows_the_form(window: Any) -> None:
    dialog = window.households_page.open_household(None)
    editors = dialog.view.editors
    chain = []
    widget = editors["file_no"].input
    for _ in range(400):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is editors["file_no"].input:
            break
    position = {id(w): i for i, w in enumerate(chain)}

    def at(w: Any) -> int:
        return position[id(w)]

    assert at(editors["name"].input) < at(editors["id_number"].input) < at(editors["work_unit"].input)
    assert at(editors["zero_employment"].input) < at(dialog.view.members.view) < at(
        editors["head_monthly_income"].input)
    assert at(editors["filed_on"].input) < at(dialog.save_button)
