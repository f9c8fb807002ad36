"""The 档案 tab: search as you type, filters, work queues, sorting, lifecycle steps, delete."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import household_search as search
from app.services import households as hs
from app.services import lifecycle
from app.vocab import FileAction
from tests.factories import make_form
from tests.ui.conftest import Messages, answer, choose, sign_in_with, type_text


def _file(seed: int, name: str, **values: object) -> int:
    return hs.create_household(make_form(seed, name=name, **values)).household_ids[0]


def _names(page: Any) -> list[str]:
    return [page.model.row_data(r).name for r in range(page.model.rowCount())]


def _step(hid: int, action: FileAction, day: datetime.date) -> None:
    lifecycle.apply_step(hid, lifecycle.StepRequest(action, day))


def test_window_title_menus_tabs_and_status_bar(window: Any, office: Any, qtbot: QtBot) -> None:
    assert window.windowTitle() == "县总工会困难职工帮扶中心 — 工会帮扶工作台 — 测试员（管理员）"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())][:2] == ["档案", "救助"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "打印(&P)", "账户(&A)", "管理(&M)", "帮助(&H)"]

    def items(menu: int) -> list[str]:
        return [a.text() for a in window.menuBar().actions()[menu].menu().actions() if a.text()]

    assert items(0) == ["打开数据库…", "导出档案登记簿（隐去身份信息）…", "导出档案登记簿（含完整身份信息）…",
                        "导入向导…", "立即备份", "备份到…", "恢复备份…", "退出"]
    assert items(2) == ["修改密码…", "锁定", "注销/切换用户…"]
    assert items(3) == ["账户管理…", "本单位设置…", "操作日志…"]
    assert window.menus.lock_action.shortcut().toString() == "Ctrl+L"
    assert window.account_label.text() == "账户：测试员（管理员）"
    assert str(office) in window.db_label.text()
    qtbot.waitUntil(lambda: window.counts_text == "在办 0 户 · 在档 0 · 待复核 0 · 待调查 0")


def test_search_as_you_type_finds_pinyin_initials(window: Any, qtbot: QtBot) -> None:
    zhang = _file(1, "张三丰")
    _file(2, "李四")
    _file(3, "单雄信")
    window.events.announce_households((zhang,))
    page = window.households_page
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.filters.search, "zsf")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert _names(page) == ["张三丰"]
    assert page.count_label.text() == "共 1 户"
    qtbot.keyClicks(page.filters.search, "x")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.count_label.text() == "共 0 户 · 没有符合条件的档案，可按 Esc 清空搜索或点“清除条件”"
    page.filters.search.clear()
    type_text(page.filters.search, "单")
    qtbot.waitUntil(lambda: _names(page) == ["单雄信"])
    QTest.keyClick(page.filters.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)


def test_filters_and_work_queues(window: Any, qtbot: QtBot) -> None:
    a = _file(4, "甲", identity="农民工")
    b = _file(5, "乙", identity="职工")
    _step(b, FileAction.REVIEW, datetime.date(2025, 3, 5))
    window.events.announce_households((a, b))
    page = window.households_page
    choose(page.filters.identity, "农民工")
    assert _names(page) == ["甲"]
    page.filters.clear()
    assert page.model.rowCount() == 2
    qtbot.waitUntil(lambda: not page.summary_pending)
    queue_rows = [page.queues.list.item(i).text() for i in range(page.queues.list.count())]
    assert queue_rows[0] == "全部档案　2" and "待入户调查　1" in queue_rows
    page.queues.choose(search.Queue.SURVEY_DUE)
    assert _names(page) == ["乙"]
    assert "待调查 1" in window.counts_text


def test_sorting_by_clicking_a_header_asks_the_database(window: Any, qtbot: QtBot) -> None:
    for seed, name in ((6, "阿大"), (7, "陈三"), (8, "包二")):
        _file(seed, name)
    window.events.announce_households(())
    page = window.households_page
    column = [f.key for f in page.model.fields].index("name")
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.query.sort == "name"
    assert _names(page) in (["阿大", "包二", "陈三"], ["陈三", "包二", "阿大"])
    page.model.sort(column, Qt.SortOrder.DescendingOrder)
    assert _names(page) == ["陈三", "包二", "阿大"]


def test_lifecycle_step_for_several_selected_files(window: Any, qtbot: QtBot) -> None:
    ids = [_file(10 + i, name) for i, name in enumerate(("王一", "王二", "王三"))]
    window.events.announce_households(tuple(ids))
    page = window.households_page
    page.table.selectAll()
    menu = page.build_context_menu()
    texts = [a.text() for a in menu.actions()]
    assert "基层审核…（3 户）" in texts and "删除…" in texts
    assert not next(a for a in menu.actions() if a.text() == "删除…").isEnabled()  # several selected
    dialog = page.start_step(FileAction.REVIEW)
    dialog.note_edit.setText("材料齐全")
    with qtbot.waitSignal(dialog.accepted):  # several files: in the background, one transaction
        dialog.ok_button.click()
    assert all(hs.get_household(i, reveal=True).status == "基层审核" for i in ids)
    assert sorted(page.selected_ids()) == sorted(ids)  # the selection survives the refresh
    assert {page.model.row_data(r).status for r in range(3)} == {"基层审核"}
    assert hs.get_household(ids[0], reveal=True).events[-1].note == "材料齐全"
    assert window.statusBar().currentMessage() == "已办理基层审核：3 户"


def test_a_refused_step_is_explained_in_its_dialog(window: Any, qtbot: QtBot) -> None:
    hid = _file(20, "冯二")
    for action, day in ((FileAction.REVIEW, 1), (FileAction.SURVEY, 2), (FileAction.NOTICE, 30)):
        _step(hid, action, datetime.date(2025, 6, day))
    window.events.announce_households((hid,))
    page = window.households_page
    page.table.selectRow(0)
    dialog = page.start_step(FileAction.APPROVE)
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "公示期满后才能认定" in dialog.error_label.text()
    assert hs.get_household(hid, reveal=True).status == "公示"


def test_withdraw_needs_a_reason(window: Any, qtbot: QtBot) -> None:
    hid = _file(21, "褚三")
    day = datetime.date(2025, 3, 1)
    for action in (FileAction.REVIEW, FileAction.SURVEY, FileAction.NOTICE):
        _step(hid, action, day)
    _step(hid, FileAction.APPROVE, datetime.date(2025, 4, 1))
    window.events.announce_households((hid,))
    page = window.households_page
    page.table.selectRow(0)
    dialog = page.start_step(FileAction.WITHDRAW)
    dialog.ok_button.click()
    assert "退档原因" in dialog.error_label.text()
    choose(dialog.reason_combo, "调离")
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    detail = hs.get_household(hid, reveal=True)
    assert (detail.status, detail.close_reason) == ("退档", "调离")


def test_delete_only_a_file_at_apply_with_confirmation(window: Any, recorded: Messages) -> None:
    hid = _file(22, "卫四")
    window.events.announce_households((hid,))
    page = window.households_page
    page.table.selectRow(0)
    menu = page.build_context_menu()
    delete = next(a for a in menu.actions() if a.text() == "删除…")
    assert delete.isEnabled()
    recorded.answer = False
    delete.trigger()
    assert page.model.rowCount() == 1
    recorded.answer = True
    delete.trigger()
    assert "卫四" in recorded.confirmations[-1][1]
    assert page.model.rowCount() == 0
    assert search.search_ids(search.HouseholdQuery()) == []


def test_enter_in_the_list_opens_the_file(window: Any, qtbot: QtBot) -> None:
    hid = _file(23, "蒋五")
    window.events.announce_households((hid,))
    page = window.households_page
    page.filters.search.setFocus()
    QTest.keyClick(page.filters.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.selected_ids() == [hid]
    page.table.setCurrentIndex(page.model.index(0, 0))
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    assert page.dialog.household_id == hid


def test_table_models_pass_the_model_tester(window: Any, qtmodeltester: ModelTester) -> None:
    hid = _file(24, "沈六")
    _step(hid, FileAction.REVIEW, datetime.date(2025, 6, 1))
    for seed in range(25, 30):
        _file(seed, f"韩{seed}")
    window.events.announce_households((hid,))
    page = window.households_page
    qtmodeltester.check(page.model)
    dialog = page.open_household(hid)
    qtmodeltester.check(dialog.view.members.model)
    qtmodeltester.check(dialog.history)


def test_the_list_loads_rows_in_blocks(office: Any, monkeypatch: Any) -> None:
    from ui.tables import households_model

    for seed in range(40, 46):
        _file(seed, f"杨{seed}")
    monkeypatch.setattr(households_model, "BLOCK", 2)
    model = households_model.HouseholdsModel()
    model.refresh()
    assert model.rowCount() == 6 and model.loaded_rows == 0
    assert model.index(3, 1).data() == model.row_data(3).name
    assert model.loaded_rows == 2  # rows 2 and 3 only
    assert model.index(0, [f.key for f in model.fields].index("per_capita_monthly")).data().startswith("¥")


def test_open_another_database_and_back(window: Any, qtbot: QtBot, tmp_path: Any, office: Any,
                                        recorded: Messages) -> None:
    import sqlite3

    from ui.dialogs.first_admin_dialog import FirstAdminDialog
    from ui.dialogs.login_dialog import LoginDialog

    def first_admin(dialog: Any) -> None:  # a new database has accounts of its own
        QTest.keyClicks(dialog.username_edit, "other")
        QTest.keyClicks(dialog.passwords.edit, "other-pass-1")
        QTest.keyClicks(dialog.passwords.repeat, "other-pass-1")
        dialog.create_button.click()

    _file(50, "秦七")
    window.events.announce_households(())
    page = window.households_page
    answer(FirstAdminDialog, first_admin)
    assert window.open_database(tmp_path / "another.sqlite")
    assert page.model.rowCount() == 0 and "another.sqlite" in window.db_label.text()
    assert window.windowTitle().endswith("— other（管理员）")
    qtbot.waitUntil(lambda: window.counts_text.startswith("在办 0 户"))
    newer = tmp_path / "newer.sqlite"
    sqlite3.connect(newer).close()
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 999")
    answer(LoginDialog, sign_in_with("other", "other-pass-1"))  # back on the previous database, signed in again
    assert not window.open_database(newer)
    assert recorded.kinds("warn") and "another.sqlite" in window.db_label.text()
    answer(LoginDialog, sign_in_with("admin", "test-pass-1"))
    assert window.open_database(office)
    assert _names(page) == ["秦七"]
    assert window.windowTitle().endswith("— 测试员（管理员）")
    qtbot.waitUntil(lambda: window.counts_text.startswith("在办 1 户"))


def test_the_print_menu_names_what_it_prints(window: Any) -> None:
    ids = [_file(51, "尤八"), _file(52, "许九")]
    window.events.announce_households(tuple(ids))
    window._name_print_scope()
    assert window.print_actions["home-visit"].text() == "入户调查表（待入户调查的档案）…"
    window.households_page.select_ids(ids)
    window._name_print_scope()
    assert window.print_actions["file-form"].text() == "档案表（所选 2 户）…"
    window.show_page(window.pages[1])  # on another tab (救助) the menu still prints files: it says whose
    window._name_print_scope()
    assert window.print_actions["file-form"].text() == "档案表（档案页所选 2 户）…"


def test_a_file_deleted_meanwhile_is_explained_not_crashed(window: Any, recorded: Messages) -> None:
    hid = _file(53, "何十")
    window.events.announce_households((hid,))
    hs.delete_household(hid)  # e.g. by a colleague on another PC
    assert window.households_page.open_household(hid) is None
    assert recorded.kinds("warn") and "已不存在" in recorded.kinds("warn")[0][1]
    assert window.households_page.model.rowCount() == 0


def test_every_status_filter_choice_fits_its_combo(window: Any) -> None:
    combo = window.households_page.filters.status
    room = combo.minimumSizeHint().width() - 24  # less the arrow
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "在办" in texts
    assert all(combo.fontMetrics().horizontalAdvance(t) <= room for t in texts), (texts, room)


def test_the_save_dialog_starts_at_home_when_there_is_no_documents_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QStandardPaths

    from ui.operations import households as ops

    missing = tmp_path / "文档"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(missing))
    assert ops._folder("qa-no-documents") == Path.home()
    missing.mkdir()
    assert ops._folder("qa-no-documents") == missing
