"""What each role sees: 查看 read-only and masked, 经办人 edits, 管理员 exports full identities with a warning."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.errors import PermissionDenied
from app.services import accounts
from app.services import households as hs
from app.session import Role
from db.models import AuditRecord
from tests.factories import make_form
from tests.ui.conftest import Messages, type_text
from ui import crash

REFUSED_EDIT = "查看账户无权录入和办理（如需办理，请联系管理员）"


def _as(window: Any, username: str, role: Role) -> int:
    """A file entered by the administrator, then `username` signed in with `role`."""
    hid = hs.create_household(make_form(1, name="林秀英", phone="13812341234")).household_ids[0]
    accounts.create_account(username, {Role.VIEWER: "李查看", Role.CLERK: "张经办"}.get(role, "管理"), role,
                            "role-pass-1")
    accounts.sign_out()
    accounts.sign_in(username, "role-pass-1")
    window.events.announce_account()
    window.events.announce_households((hid,))
    return hid


def test_a_viewer_sees_disabled_actions_with_the_reason(window: Any) -> None:
    _as(window, "chakan", Role.VIEWER)
    page = window.households_page
    assert window.windowTitle().endswith("— 李查看（查看）")
    for widget in (page.new_action, page.new_button, page.steps_button):
        assert not widget.isEnabled() and widget.toolTip() == REFUSED_EDIT
    assert not page.print_button.isEnabled() and page.print_button.toolTip().startswith("查看账户无权打印")
    assert not page.export_button.isEnabled() and page.export_button.toolTip().startswith("查看账户无权导出")
    menus = window.menus
    assert all(not a.isEnabled() for a in menus.print_actions.values())
    assert not menus.export_action.isEnabled() and not menus.export_full_action.isVisible()
    for action in (menus.accounts_action, menus.settings_action, menus.audit_action):
        assert not action.isEnabled() and action.isVisible() and "查看账户无权" in action.toolTip()
    page.table.selectRow(0)
    menu = page.build_context_menu()
    items = {a.text(): a for a in menu.actions() if a.text()}
    assert items["查看…"].isEnabled()
    assert not items["基层审核…"].isEnabled() and not items["删除…"].isEnabled()
    assert not items["打印入户调查表…"].isEnabled()


def test_a_viewer_opens_the_file_read_only_with_masked_numbers(window: Any, recorded: Messages) -> None:
    hid = _as(window, "chakan", Role.VIEWER)
    page = window.households_page
    dialog = page.open_household(hid)
    assert dialog is not None and dialog.read_only and dialog.windowTitle().startswith("查看档案")
    editors = dialog.view.editors
    number = editors["id_number"].edit.text()
    assert "*" in number and len(number) == 18 and editors["id_number"].edit.isReadOnly()
    assert editors["phone"].edit.text() == "138****1234"
    assert editors["birth_date"].edit.text().endswith("年")  # the full date is the ID's hidden middle
    assert editors["name"].edit.isReadOnly() and not editors["identity"].input.isEnabled()
    assert dialog.save_button.isHidden() and not dialog.action_buttons
    assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).text() == "关闭"
    members = dialog.view.members
    assert members.add_button.isHidden() and members.edit_button.text() == "查看…"
    QTest.keyClick(editors["name"].edit, Qt.Key.Key_Return)  # Enter closes; nothing is saved
    assert not dialog.isVisible()
    assert AuditRecord.select().where(AuditRecord.action == "查看身份信息").count() == 0
    with pytest.raises(PermissionDenied, match="无权录入和办理"):
        hs.update_household(hid, hs.get_household(hid).form)
    assert page.open_household(None) is None  # Ctrl+N, if it got through: refused in words
    assert recorded.kinds("warn") == [("新建档案", REFUSED_EDIT)]


def test_a_refusal_that_reaches_no_handler_is_a_message_not_a_crash(window: Any, recorded: Messages,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _as(window, "chakan", Role.VIEWER)
    try:
        hs.delete_household(1)
    except PermissionDenied as exc:
        crash._hook(type(exc), exc, exc.__traceback__)
    [(title, text)] = recorded.kinds("warn")
    assert title == "无法完成" and "无权删除档案" in text
    assert not recorded.kinds("crash")


def test_a_clerk_edits_and_exports_masked_only(window: Any, qtbot: QtBot, tmp_path: Path, recorded: Messages,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    hid = _as(window, "jingban", Role.CLERK)
    page = window.households_page
    assert page.new_button.isEnabled() and page.print_button.isEnabled() and page.export_button.isEnabled()
    assert not window.menus.export_full_action.isVisible() and not window.menus.settings_action.isEnabled()
    page.export_menu.aboutToShow.emit()
    assert [a.text() for a in page.export_menu.actions()] == ["导出档案登记簿（隐去身份信息，全部档案）…"]
    dialog = page.open_household(hid)
    assert not dialog.read_only and dialog.save_button.isVisible() and dialog.action_buttons
    phone = dialog.view.editors["phone"].edit
    assert phone.text() == "13812341234"  # the full number, to correct it (the reveal is logged)
    phone.clear()
    type_text(phone, "13956785678")
    QTest.keyClick(phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert hs.get_household(hid, reveal=True).form.phone == "13956785678"
    update = AuditRecord.select().where(AuditRecord.action == "修改").get()
    assert update.username == "jingban" and ["手机", "138****1234", "139****5678"] in json.loads(update.details)["修改"]
    out = tmp_path / "登记簿.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(out), ""))
    window.menus.export_action.trigger()  # 文件 → 导出档案登记簿（隐去身份信息）
    qtbot.waitUntil(lambda: out.exists() and not window.runner.busy, timeout=20000)
    export = AuditRecord.select().where(AuditRecord.action == "导出").get()
    assert json.loads(export.details)["身份信息"] == "隐去中间位" and not recorded.confirmations


def test_an_administrator_is_warned_before_a_full_identity_export(window: Any, recorded: Messages,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **_kw: asked.append(args) or ("", ""))
    recorded.answer = False
    assert window.menus.export_full_action.isVisible() and window.menus.export_full_action.isEnabled()
    window.menus.export_full_action.trigger()
    [(title, text)] = recorded.confirmations
    assert title == "导出（含完整身份信息）" and "记入操作日志" in text
    assert not asked  # declined: not even the save dialog


def test_an_account_whose_role_changes_keeps_working_with_its_new_rights(window: Any) -> None:
    accounts.create_account("second", "第二管理员", Role.ADMIN, "second-pass-1")
    me = accounts.list_accounts()[0]
    dialog = window.open_accounts()
    dialog.reload(me.id)
    edit = dialog.edit_account()
    edit.role_combo.setCurrentIndex(1)  # 经办人
    edit.accept()
    assert window.windowTitle().endswith("— 测试员（经办人）")
    assert not window.menus.accounts_action.isEnabled()
    assert window.dialogs.get("accounts") is None  # closed: no longer an administrator
    assert dataclasses.asdict(accounts.sign_in("admin", "test-pass-1"))["role"] == Role.CLERK
