"""The import wizard through the real main window: a file another program made, end to end; a cancelled import."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from app.services import households as hs
from tests.ui.conftest import Messages
from ui.dialogs.import_wizard.models import ERROR_CELL, FIRST_FIELD
from ui.dialogs.import_wizard.wizard_dialog import CLEANING, HEADER, MAPPING, PREVIEW, RESULT, ImportWizardDialog

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wizard"
P1, P2 = "622823197203151798", "622823198007010706"
NEXT, COMMIT = QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton


def open_wizard(window: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, name: str) -> ImportWizardDialog:
    """文件 → 导入向导…, then 选择文件… answered with the fixture."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(FIXTURES / name), ""))
    window.menus.import_wizard_action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportWizardDialog) and w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    dialog.file_page.browse_button.click()
    qtbot.waitUntil(lambda: dialog.engine is not None and not dialog.busy, timeout=10000)
    return dialog


def go_next(dialog: ImportWizardDialog, qtbot: QtBot, page: int) -> None:
    button = dialog.button(NEXT)
    qtbot.waitUntil(button.isEnabled)
    button.click()
    qtbot.waitUntil(lambda: dialog.currentId() == page and not dialog.busy, timeout=15000)


def to_preview(dialog: ImportWizardDialog, qtbot: QtBot) -> None:
    go_next(dialog, qtbot, HEADER)
    go_next(dialog, qtbot, MAPPING)
    go_next(dialog, qtbot, CLEANING)
    go_next(dialog, qtbot, PREVIEW)


def database_dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def test_a_file_made_by_another_program_imported_through_the_wizard(window: Any, qtbot: QtBot, office: Path,
                                                                      recorded: Messages,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_wizard(window, qtbot, monkeypatch, "households.xls")
    page = dialog.file_page
    assert "xls" in page.info_label.text() and page.sheet_list.count() >= 1
    assert page.sheet_list.currentItem().text() == dialog.wizard.sheet

    go_next(dialog, qtbot, HEADER)
    assert "列名在第3行、第4行" in dialog.header_page.found_label.text()  # a merged title above, two header rows

    go_next(dialog, qtbot, MAPPING)
    mapping = dialog.mapping_page
    assert mapping.missing_label.text() == ""  # the suggested mapping covers every required field
    assert {mapping.combos[a.column].currentData() for a in dialog.wizard.mapping.assignments if a.field} >= {
        "name", "id_number"}

    go_next(dialog, qtbot, CLEANING)
    cleaning = dialog.cleaning_page
    rules = [cleaning.rule_combo.itemText(i) for i in range(cleaning.rule_combo.count())]
    assert any(r.startswith("日期格式统一") for r in rules) and any(r.startswith("全角转半角") for r in rules)
    assert cleaning.model.rowCount() > 0

    go_next(dialog, qtbot, PREVIEW)
    preview = dialog.preview_page
    assert "新增 6" in preview.counts_label.text() and "有错误 3" in preview.counts_label.text()
    model = preview.model
    by_number = {model.item(r).number: r for r in range(model.rowCount())}
    truncated = by_number[10]
    assert "Excel 已截断为15位，请将该列设为文本后重新导出" in model.index(truncated, 2).data()
    assert model.index(truncated, 1).data() == "有错误"
    id_column = FIRST_FIELD + [f.key for f in model.fields].index("id_number")
    assert len(model.index(truncated, id_column).data()) == 15  # the number as the file held it

    assert model.index(truncated, id_column).data(Qt.ItemDataRole.BackgroundRole) == ERROR_CELL
    assert preview.groups.rowCount() >= 2  # the same ID number twice; same name and birth date
    assert hs.household_id_by_number(P1) is None  # nothing written before 导入

    # A choice per duplicate group: the later of the two rows with the same ID number wins.
    same_id = next(r for r in range(preview.groups.rowCount()) if "身份证号相同" in preview.groups.item(r, 0).text())
    combo = preview.groups.cellWidget(same_id, 2)
    assert [combo.itemText(i) for i in range(combo.count())] == ["跳过", "更新"]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    statuses = {r.number: r.status_text for r in dialog.wizard.preview.rows}
    assert (statuses[5], statuses[12]) == ("跳过", "新增")

    dialog.button(COMMIT).click()  # rows with errors stop the import until they are left out
    assert recorded.kinds("warn")[-1][0] == "导入" and dialog.currentId() == PREVIEW
    preview.leave_out.setChecked(True)
    dialog.button(COMMIT).click()
    qtbot.waitUntil(lambda: dialog.currentId() == RESULT and not dialog.busy, timeout=15000)
    assert recorded.confirmations and "新增 6 条" in recorded.confirmations[-1][1]
    assert "新建 6 户" in dialog.result_page.result_label.text()
    assert hs.household_id_by_number(P1) is not None and hs.household_id_by_number(P2) is not None
    head = hs.get_household(hs.household_id_by_number(P2) or 0, reveal=True).form
    assert head.name == "李秀英" and head.sex == "女"
    assert hs.get_household(hs.household_id_by_number(P1) or 0).form.head_monthly_income == 650  # row 12's

    # The rows left out, saved as a workbook to correct and import again.
    rejected = office.parent / "未导入的行.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(rejected), ""))
    dialog.result_page.save_button.click()
    qtbot.waitUntil(lambda: rejected.exists() and not dialog.busy, timeout=10000)
    book = openpyxl.load_workbook(rejected, read_only=True)
    reasons = [row for row in book["问题清单"].iter_rows(values_only=True)]
    assert any(r[0] == 10 and "Excel 已截断为15位" in str(r[2]) for r in reasons)
    dialog.button(QWizard.WizardButton.FinishButton).click()

    # The next file of the same layout maps itself (the mapping was saved with the import).
    again = open_wizard(window, qtbot, monkeypatch, "households.ods")
    go_next(again, qtbot, HEADER)
    go_next(again, qtbot, MAPPING)
    assert "上次导入同样格式文件时保存的对应" in again.mapping_page.note_label.text()
    again.reject()


def test_cancel_during_the_import_leaves_the_database_as_it_was(window: Any, qtbot: QtBot, office: Path,
                                                                recorded: Messages,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_wizard(window, qtbot, monkeypatch, "households-gbk.csv")
    assert "GB18030" in dialog.file_page.info_label.text()
    to_preview(dialog, qtbot)
    before = database_dump(office)
    dialog.preview_page.leave_out.setChecked(True)
    gate = threading.Event()
    window.runner.run("占用", lambda _p: gate.wait(10), None, quiet=True)  # the worker is busy: the import waits
    dialog.button(COMMIT).click()
    task = dialog.task
    assert task is not None and task.title == "导入"
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=5000)
    cancel = next(b for b in task.dialog.findChildren(QPushButton) if b.text() == "取消")
    cancel.click()  # the progress dialog's 取消
    gate.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15000)
    assert dialog.currentId() == PREVIEW and dialog.outcome is None
    assert ("inform", "导入", "已取消，未做任何修改。") in recorded.shown
    assert database_dump(office) == before
    assert hs.household_id_by_number(P1) is None
    dialog.reject()


def test_a_viewer_may_not_import(window: Any, recorded: Messages) -> None:
    from app.services import accounts
    from app.session import Role
    from ui.dialogs.import_wizard import open_import_wizard

    accounts.create_account("chakan", "李查看", Role.VIEWER, "role-pass-1")
    accounts.sign_out()
    accounts.sign_in("chakan", "role-pass-1")
    window.events.announce_account()
    action = window.menus.import_wizard_action
    assert not action.isEnabled() and action.toolTip().startswith("查看账户无权导入")
    assert open_import_wizard(window, window.runner, window.events) is None  # refused in words, not opened
    assert recorded.kinds("warn")[-1] == ("导入向导", action.toolTip())


def test_a_relief_list_through_the_window_lands_in_the_relief_ledger(window: Any, qtbot: QtBot, office: Path,
                                                                       recorded: Messages, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime
    from decimal import Decimal

    from app.services import funds
    from app.services.funds import FundEntryForm
    from db.database import database

    fund = funds.create_fund("送温暖资金").id
    funds.add_entry(FundEntryForm(fund, datetime.date(2025, 1, 1), "上级拨款", Decimal("10000")))
    path = tmp_path / "慰问.csv"
    path.write_text("2025年夏送清凉慰问名单\n发放日期,慰问类型,受助人姓名,身份证号码,慰问金,资金\n"
                    f"2025.6.1,夏送清凉,王建国,{P1},200元,送温暖资金\n"
                    f"2025年6月2日,夏送清凉,李秀英,{P2},150,送温暖资金\n", encoding="gbk")
    window.menus.import_wizard_action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportWizardDialog) and w.isVisible())
    kinds = dialog.file_page.kind_combo
    kinds.setCurrentIndex(kinds.findData("relief"))  # 导入到：救助记录
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    dialog.file_page.browse_button.click()
    qtbot.waitUntil(lambda: dialog.engine is not None and not dialog.busy, timeout=10000)
    assert dialog.wizard.register.kind == "relief" and "GB18030" in dialog.file_page.info_label.text()
    to_preview(dialog, qtbot)
    assert "新增 2" in dialog.preview_page.counts_label.text()
    dialog.button(COMMIT).click()
    qtbot.waitUntil(lambda: dialog.currentId() == RESULT and not dialog.busy, timeout=15000)
    assert database.execute_sql("SELECT count(*), sum(amount) FROM relief").fetchone() == (2, 35000)
    dialog.button(QWizard.WizardButton.FinishButton).click()
