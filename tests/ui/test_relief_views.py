"""帮扶档案 in the file dialog, the relief tab's table models, a refused import's problem list, a viewer's buttons."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import accounts, campaigns, exchange
from app.services.campaigns import CampaignForm
from app.services.relief import record_relief
from app.services.relief_forms import ItemForm, Recipient, ReliefForm
from app.session import Role
from tests.relief_factories import D, filed, fund_with, head_of
from ui.dialogs.import_problems_dialog import ImportProblemsDialog
from ui.pages.relief_page import ReliefPage
from ui.tables.problems_model import ProblemsModel
from ui.tables.text_table import TextTableModel


def _relief(hid: int, fund: int, **kw: Any) -> int:
    form = ReliefForm(Recipient(person_id=head_of(hid)), kw.pop("kind", "生活救助"), kw.pop("day", D(2025, 3, 1)),
                      Decimal(kw.pop("amount", "800")), fund, **kw)
    return record_relief(form).relief_ids[0]


def test_the_file_dialog_lists_the_households_relief_read_only(window: Any, qtbot: QtBot) -> None:
    hid = filed(1)
    fund = fund_with("10000")
    _relief(hid, fund, day=D(2024, 12, 30), amount="500")
    _relief(hid, fund, kind="送温暖慰问", amount="0", items=(ItemForm("大米", 2, "袋", Decimal("120")),))
    dialog = window.households_page.open_household(hid)
    dialog.tabs.setCurrentWidget(dialog.help_view)
    view = dialog.help_view
    qtbot.waitUntil(lambda: view.history is not None)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(view)) == "帮扶档案（2）"
    assert "共获得救助 2 次，合计 ¥620.00" in view.summary.text()
    cells = [[view.reliefs.data(view.reliefs.index(r, c)) for c in range(5)] for r in range(2)]
    assert cells[0][:2] == ["2025-03-01", "送温暖慰问"] and cells[0][4] == "大米×2袋"
    assert cells[1][:4] == ["2024-12-30", "生活救助", cells[1][2], "¥500.00"]
    years = [[view.years.data(view.years.index(r, c)) for c in range(3)] for r in range(2)]
    assert years == [["2025年", "1", "¥120.00"], ["2024年", "1", "¥500.00"]]
    _relief(hid, fund, day=D(2025, 5, 5), amount="100", duplicate_reason="再次")
    window.events.announce_relief(())
    assert view.reliefs.rowCount() == 3  # follows changes while open
    assert not view.reliefs.flags(view.reliefs.index(0, 0)) & Qt.ItemFlag.ItemIsEditable  # read-only
    dialog.reject()


def test_table_models_pass_the_model_tester(window: Any, qtmodeltester: ModelTester) -> None:
    hid = filed(2)
    fund = fund_with("600")
    _relief(hid, fund, amount="800", overdraw_reason="急需")
    view = campaigns.create_campaign(CampaignForm("六一", "六一慰问", D(2025, 5, 20), D(2025, 6, 1),
                                                  Decimal("100"), "书包×1个@60", fund))
    window.events.announce_campaigns((view.id,))
    window.events.announce_funds((fund,))
    window.events.announce_relief(())
    page = window.page(ReliefPage)
    assert page.records.model.rowCount() == page.campaigns.model.rowCount() == page.funds.model.rowCount() == 1
    qtmodeltester.check(page.records.model)
    qtmodeltester.check(page.campaigns.model)
    qtmodeltester.check(page.campaigns.recipients)
    qtmodeltester.check(page.funds.model)
    qtmodeltester.check(page.funds.ledger_model)
    assert page.funds.model.data(page.funds.model.index(0, 4)) == "-¥200.00"
    from ui.tables.text_table import NEGATIVE

    assert page.funds.model.data(page.funds.model.index(0, 4), Qt.ItemDataRole.ForegroundRole) == NEGATIVE
    page.campaigns.select_campaign(view.id)
    dialog = page.campaigns.open_batch()
    dialog.find()
    qtmodeltester.check(dialog.model)
    dialog.reject()
    qtmodeltester.check(ProblemsModel(()))
    qtmodeltester.check(TextTableModel(headers=("甲", "乙"), numeric=(1,)))


def test_a_refused_import_lists_every_problem_and_can_be_copied(window: Any, qtbot: QtBot, tmp_path: Path,
                                                                monkeypatch: Any) -> None:
    template = exchange.write_template("relief", tmp_path / "t.xlsx")
    book = load_workbook(template)
    sheet = book["救助记录"]
    headers = [c.value for c in sheet[3]]
    row = {"日期": "2025-03-01", "救助类型": "生活救助", "姓名": "无此人", "身份证号": "11010519491231002X",
           "金额": 300}
    for column, header in enumerate(headers, 1):
        sheet.cell(4, column, row.get(str(header).lstrip("*")))
    book.save(tmp_path / "bad.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(tmp_path / "bad.xlsx"), ""))
    page = window.page(ReliefPage)
    task = page.records.import_reliefs()
    qtbot.waitUntil(lambda: not task.running)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportProblemsDialog) and w.isVisible()]
    assert dialogs, "the problems are listed"
    problems = dialogs[0].model
    assert problems.rowCount() >= 1 and problems.data(problems.index(0, 1)) == "4"
    dialogs[0].copy()
    assert QApplication.clipboard().text().startswith("工作表\t行号\t列\t问题\n")
    dialogs[0].reject()


def test_a_viewer_sees_the_relief_actions_disabled_with_the_reason(window: Any) -> None:
    accounts.create_account("chakan", "李查看", Role.VIEWER, "role-pass-1")
    accounts.sign_out()
    accounts.sign_in("chakan", "role-pass-1")
    window.events.announce_account()
    page = window.page(ReliefPage)
    records, camps, money = page.records, page.campaigns, page.funds
    for widget in (records.new_button, records.withdraw_button, camps.new_button, camps.batch_button,
                   money.new_button, money.entry_button):
        assert not widget.isEnabled()
        assert widget.toolTip().startswith("查看账户无权"), widget.toolTip()
    for widget in (records.print_button, records.export_button, records.import_button, camps.print_button,
                   camps.export_button, camps.import_button, money.ledger_button, money.more_button):
        assert not widget.isEnabled()
    assert not records.new_action.isEnabled()
    assert records.open_new() is None


def test_sign_sheet_of_the_selection_printed_and_register_exported_in_the_background(
        window: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: Any, recorded: Any) -> None:
    from app.pdf_text import pdf_text

    hid = filed(3, name="林秀英")
    fund = fund_with("10000")
    relief_id = _relief(hid, fund, amount="1200")
    window.events.announce_relief((relief_id,))
    records = window.page(ReliefPage).records
    records.select_ids([relief_id])
    target = {"path": tmp_path / "签领表.pdf"}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target["path"]), ""))
    task = records.print_roster()
    qtbot.waitUntil(lambda: not task.running)
    text = pdf_text(target["path"].read_bytes())
    assert "林秀英" in text and "壹仟贰佰元整" in text and recorded.opened == [str(target["path"])]
    target["path"] = tmp_path / "登记簿.xlsx"
    task = records.export()
    qtbot.waitUntil(lambda: not task.running)
    rows = list(load_workbook(target["path"]).active.iter_rows(values_only=True))
    assert any("林秀英" in row for row in rows)
