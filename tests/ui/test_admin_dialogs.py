"""The administrator's windows: 账户管理, 本单位设置 and 操作日志 (filter, check, export)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import accounts, settings
from app.session import Role
from db.models import AuditRecord
from tests.ui.conftest import Messages, choose, type_text


def _fill_passwords(fields: Any, password: str) -> None:
    QTest.keyClicks(fields.edit, password)
    QTest.keyClicks(fields.repeat, password)


def test_the_administrator_manages_accounts(window: Any, recorded: Messages, qtmodeltester: ModelTester) -> None:
    window.menus.accounts_action.trigger()
    dialog = window.dialogs.get("accounts")
    assert dialog is not None and dialog.isVisible() and dialog.model.rowCount() == 1
    new = dialog.new_account()
    QTest.keyClicks(new.username_edit, "jingban")
    type_text(new.name_edit, "张经办")
    choose(new.role_combo, "经办人 — 录入和办理档案、打印、导出（隐去身份信息）")
    _fill_passwords(new.passwords, "first-pass-1")
    QTest.keyClick(new.passwords.repeat, Qt.Key.Key_Return)
    assert not new.isVisible() and dialog.model.rowCount() == 2
    assert dialog.selected().username == "jingban" and dialog.selected().must_change_password
    assert "首次登录时须修改密码" in dialog.info_label.text()
    assert dialog.model.index(1, 3).data() == "启用（首次登录须改密码）"
    qtmodeltester.check(dialog.model)

    reset = dialog.reset_password()
    _fill_passwords(reset.passwords, "reset-pass-2")
    reset.accept()
    assert not reset.isVisible()
    edit = dialog.edit_account()
    choose(edit.role_combo, "查看 — 只能查看档案，身份证号、手机号、银行卡号隐去中间位")
    edit.accept()
    assert dialog.selected().role == Role.VIEWER
    assert dialog.active_button.text() == "停用"
    assert dialog.toggle_active()
    assert recorded.confirmations[-1][0] == "停用账户"
    assert dialog.model.index(1, 3).data() == "已停用" and dialog.active_button.text() == "启用"

    dialog.select_username("admin")  # one's own account: not disabled from here, and the last administrator
    assert not dialog.active_button.isEnabled() and dialog.active_button.toolTip() == "不能停用当前登录的账户"
    own = dialog.edit_account()
    choose(own.role_combo, "经办人 — 录入和办理档案、打印、导出（隐去身份信息）")
    own.accept()
    assert own.isVisible() and own.error_label.text() == "至少要保留一个启用的管理员账户。"
    own.reject()
    summary = [(a.username, a.role, a.active) for a in accounts.list_accounts()]
    assert summary == [("admin", Role.ADMIN, True), ("jingban", Role.VIEWER, False)]


def test_office_settings_are_saved_and_the_title_follows(window: Any, qtbot: QtBot) -> None:
    window.menus.settings_action.trigger()
    dialog = window.dialogs.get("settings")
    assert dialog is not None and dialog.name_edit.text() == "县总工会困难职工帮扶中心"
    assert dialog.idle_spin.value() == 10
    dialog.name_edit.clear()
    type_text(dialog.name_edit, "华池县总工会困难职工帮扶中心")
    dialog.idle_spin.setValue(5)
    lines = dialog.poverty_lines
    rows_before = lines.table.rowCount()
    lines.date_edit.setDate(QDate(2025, 7, 1))
    QTest.keyClicks(lines.amount_edit, "82O")
    assert not lines.add_line() and "不是金额" in lines.error_label.text()
    lines.amount_edit.clear()
    QTest.keyClicks(lines.amount_edit, "820")
    type_text(lines.note_edit, "县民政局通知")
    QTest.keyClick(lines.amount_edit, Qt.Key.Key_Return)
    assert lines.table.rowCount() == rows_before + 1
    assert lines.table.item(rows_before, 3).text() == "保存后生效"
    values = dialog.value_lists
    values.choose_list("category")
    values.item("特困职工").setCheckState(Qt.CheckState.Checked)
    values.choose_list("cause")
    QTest.keyClicks(values.new_edit, "temp")
    values.add_value()
    assert values.item("temp") is not None
    assert "特困职工" not in settings.value_lists()["category"]  # nothing is written before 保存
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == "已保存本单位设置。"
    assert window.windowTitle() == "华池县总工会困难职工帮扶中心 — 工会帮扶工作台 — 测试员（管理员）"
    assert window.idle.timeout_ms == 5 * 60_000
    assert settings.poverty_line_on(datetime.date(2025, 7, 1)) == Decimal("820.00")
    assert "特困职工" in settings.value_lists()["category"] and "temp" in settings.value_lists()["cause"]
    assert "特困职工" in [window.households_page.filters.category.itemText(i)
                          for i in range(window.households_page.filters.category.count())]


def test_the_audit_window_lists_checks_and_exports_the_trail(window: Any, qtbot: QtBot, tmp_path: Path,
                                                             recorded: Messages, qtmodeltester: ModelTester,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    settings.put("office_name", "华池县总工会困难职工帮扶中心")
    accounts.create_account("jingban", "张经办", Role.CLERK, "first-pass-1")
    window.menus.audit_action.trigger()
    audit = window.dialogs.get("audit")
    assert audit is not None and audit.isVisible() and not audit.isModal()
    texts = [[audit.model.index(r, c).data() for c in range(5)] for r in range(audit.model.rowCount())]
    assert texts[0][1:] == ["admin", "账户管理", "账户 jingban", "事项：新建账户；角色：经办人"]
    assert texts[1][1:] == ["admin", "修改设置", "设置 帮扶中心名称",
                            "帮扶中心名称：县总工会困难职工帮扶中心 → 华池县总工会困难职工帮扶中心"]
    assert audit.since_edit.date() == QDate(2025, 5, 31) and audit.until_edit.date() == QDate(2025, 6, 30)
    qtmodeltester.check(audit.model)
    audit.table.selectRow(1)
    assert "帮扶中心名称：" in audit.detail.toPlainText()
    choose(audit.action_combo, "登录")
    assert [audit.model.index(r, 2).data() for r in range(audit.model.rowCount())] == ["登录"]
    choose(audit.action_combo, "全部操作")
    type_text(audit.text_edit, "jingban")
    audit.apply_filters()
    assert audit.model.rowCount() == 1 and audit.count_label.text() == "显示 1 条"
    audit.text_edit.clear()
    audit.apply_filters()

    audit.verify()
    qtbot.waitUntil(lambda: audit.last_check is not None, timeout=10000)
    count = AuditRecord.select().count()
    assert recorded.kinds("inform") == [("操作日志校验", f"操作日志完整，共{count}条")]

    out = tmp_path / "日志.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(out), ""))
    audit.export()
    qtbot.waitUntil(lambda: out.exists() and not window.runner.busy, timeout=20000)
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        rows = list(book["操作日志"].iter_rows(values_only=True))
    finally:
        book.close()
    assert rows[2] == ("时间", "账户", "操作", "对象", "详情") and len(rows) == 3 + count
    assert audit.model.index(0, 2).data() == "导出" and audit.model.index(0, 3).data() == "操作日志"
    assert audit.count_label.text() == f"已导出 {count} 条到 {out}"


def test_the_audit_list_reads_more_as_it_scrolls(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.tables import audit_model

    monkeypatch.setattr(audit_model, "PAGE", 3)
    for n in range(7):
        settings.put("notice_days", str(n + 1))
    model = audit_model.AuditModel()
    model.set_query(audit_model.AuditQuery())
    assert model.rowCount() == 3 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 9 and not model.canFetchMore()  # 7 settings, the first admin, its login
    ids = [model.row(r).entry.id for r in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 9
