"""The 劳模 tab: a model worker added with two honours, visited, printed on the 慰问签领表 with the amount in capitals;
the status ledger and the archive as of a past day; care records in the timeline; the queues; the subsidy account
refusing an overdraft with its balance; the 劳模档案卡; the registers; every list model; what a 查看 account may do."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from app.pdf_text import pdf_text
from app.services import accounts
from app.services import model_worker_care as care
from app.services import model_worker_subsidy as subsidy
from app.services import model_workers as mw
from app.services.model_worker_care import HealthCheckForm, VisitForm
from app.services.model_worker_subsidy import SubsidyIncomeForm
from app.session import Role
from tests.model_worker_factories import NAMES, D, add, fund, id_number, photo
from tests.ui.conftest import Messages, answer, choose, type_text
from ui.dialogs.import_problems_dialog import ImportProblemsDialog
from ui.dialogs.model_worker_care_dialogs import VisitDialog
from ui.dialogs.visit_round_dialog import VisitRoundDialog
from ui.pages.model_workers_page import ModelWorkersPage
from ui.widgets.model_worker_filters import CHECK_DUE, EVERYONE, NOT_VISITED

ROUND = "2025年端午走访劳模"
REFUSED_EDIT = "查看账户无权录入和办理（如需办理，请联系管理员）"


@pytest.fixture(autouse=True)
def _fresh_visit_memory(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The visit dialog offers the last visit's round and visitors again: not across tests."""
    monkeypatch.setattr(VisitDialog, "last", {})
    yield


def _page(window: Any) -> ModelWorkersPage:
    page = window.page(ModelWorkersPage)
    window.show_page(page)
    return page


def _save_to(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))


def _names(panel: Any) -> list[str]:
    return [row.line.name for row in panel.model.rows]


def test_a_new_model_worker_visited_is_on_the_signature_sheet_with_the_amount_in_capitals(
        window: Any, qtbot: QtBot, recorded: Messages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    panel = _page(window).archive
    dialog = panel.open_new()
    type_text(dialog.person.edit, "杨正功")
    QTest.keyClicks(dialog.id_number, id_number(1))
    first = dialog.honours.rows[0]
    choose(first.title, "劳动模范")
    choose(first.level, "市级")
    first.year.setValue(2012)
    dialog.honours.add_button.click()                      # a second honour
    second = dialog.honours.rows[1]
    choose(second.title, "五一劳动奖章")
    choose(second.level, "省部级")
    second.year.setValue(2019)
    type_text(second.document_no, "甘工发〔2019〕5号")
    type_text(dialog.work_unit, "华池县第一建筑公司")
    type_text(dialog.job, "班组长")
    type_text(dialog.studio, "杨正功劳模创新工作室")
    QTest.keyClick(dialog.job, Qt.Key.Key_Return)          # Enter saves
    assert not dialog.isVisible(), dialog.summary.text()
    assert _names(panel) == ["杨正功"]
    view = panel.view                                      # the new worker is chosen
    assert view is not None and view.line.status == "在职" and view.line.studio == "杨正功劳模创新工作室"
    assert [(h.title, h.level, h.year) for h in view.line.honours] == [("劳动模范", "市级", 2012),
                                                                        ("五一劳动奖章", "省部级", 2019)]
    assert [event for _day, event, _why in mw.history_of(view.line.worker_id)] == ["新增"]

    visit = panel.open_care("visit")
    choose(visit.occasion, "重大节日")
    type_text(visit.round_name, ROUND)
    type_text(visit.visitors, "王明、李强")
    QTest.keyClicks(visit.amount, "800")
    type_text(visit.gifts, "米面油一套")
    QTest.keyClick(visit.visitors, Qt.Key.Key_Return)
    assert not visit.isVisible(), visit.summary.text()
    visits = care.visits(worker_id=view.line.worker_id)
    assert [(v.round_name, v.amount) for v in visits] == [(ROUND, Decimal("800.00"))]
    assert "走访" in panel.detail.toPlainText() and "王明、李强" in panel.detail.toPlainText()
    assert panel.model.rows[0].last_visit == visits[0].on_date

    out = tmp_path / "慰问签领表.pdf"
    _save_to(monkeypatch, out)
    chosen = answer(VisitRoundDialog, lambda d: QTest.keyClick(d.round, Qt.Key.Key_Return))
    panel.round_action.trigger()                           # 打印 ▸ 慰问签领表（按走访批次）
    qtbot.waitUntil(lambda: bool(chosen))
    assert chosen[0].round_name == ROUND and "1 人次" in chosen[0].round.currentText()
    qtbot.waitUntil(lambda: recorded.opened == [str(out)], timeout=15000)
    text = pdf_text(out.read_bytes())
    assert "杨正功" in text and "捌佰元整" in text and "800.00" in text, text
    assert ROUND in text and "领取人签字" in text
    assert not recorded.kinds("warn")


def test_ctrl_n_and_editing_keep_the_person_and_change_honours_and_photo(
        window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    worker = add(1)
    panel = _page(window).archive
    window.events.announce_model_workers(())
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert panel.dialog is not None and panel.dialog.windowTitle() == "新增劳模"
    panel.dialog.reject()

    panel.select_worker(worker)
    QTest.keyClick(panel.table, Qt.Key.Key_Return)          # Enter on the list opens the file
    dialog = panel.dialog
    assert dialog is not None and dialog.windowTitle() == "修改劳模档案"
    assert not dialog.person.isEnabled() and dialog.id_number.isReadOnly()
    assert dialog.phone.text() == "13909340001"              # edited as it is, not masked
    added = dialog.honours.add_row()
    choose(added.title, "五一劳动奖章")
    choose(added.level, "全国")
    added.year.setValue(2024)
    picture = tmp_path / "照片.png"
    picture.write_bytes(photo())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(picture), ""))
    dialog.photo_button.click()
    assert dialog.clear_photo_button.isEnabled()
    dialog.work_unit.setText("华池县城市建设投资公司")
    QTest.keyClick(dialog.work_unit, Qt.Key.Key_Return)
    assert not dialog.isVisible(), dialog.summary.text()
    view = mw.get_model_worker(worker)
    assert view.has_photo and view.line.work_unit == "华池县城市建设投资公司" and view.line.highest_level == "全国"
    assert panel.model.rows[0].line.top_honour == "全国五一劳动奖章"
    assert [e for _d, e, _w in mw.history_of(worker)] == ["新增"]   # the ledger is not touched by editing


def test_retirement_and_death_are_ledger_rows_and_the_archive_can_be_shown_as_it_was(window: Any) -> None:
    workers = [add(n) for n in range(4)]
    page = _page(window)
    panel = page.archive
    window.events.announce_model_workers(())
    panel.select_worker(workers[0])
    change = panel.open_change()
    assert change.event.currentData() == "调出"          # the first change the ledger allows
    choose(change.event, "退休")
    change.on_date.set_day(D(2025, 3, 1))
    QTest.keyClick(change.reason, Qt.Key.Key_Return)      # no reason: refused next to the field
    assert change.isVisible() and "变动原因" in change.summary.text()
    type_text(change.reason, "到龄退休")
    QTest.keyClick(change.reason, Qt.Key.Key_Return)
    assert not change.isVisible()
    panel.select_worker(workers[1])
    death = panel.open_change()
    choose(death.event, "去世")
    death.on_date.set_day(D(2025, 5, 10))
    type_text(death.reason, "因病去世")
    QTest.keyClick(death.reason, Qt.Key.Key_Return)
    assert not death.isVisible()

    statuses = {row.line.name: row.line.status for row in panel.model.rows}
    assert statuses == {NAMES[0]: "退休", NAMES[1]: "去世", NAMES[2]: "在职", NAMES[3]: "在职"}
    assert [e for _d, e, _w in mw.history_of(workers[0])] == ["新增", "退休"]
    panel.select_worker(workers[1])
    assert panel.view is not None and "已不在册" in panel.detail.toPlainText()
    assert not panel.care_buttons["visit"].isEnabled() and not panel.pay_button.isEnabled()
    assert "已不在册" in panel.care_buttons["visit"].toolTip()

    panel.filters.as_of.set_day(D(2025, 4, 1))            # between the two changes
    past = {row.line.name: row.line.status for row in panel.model.rows}
    assert past == {NAMES[0]: "退休", NAMES[1]: "在职", NAMES[2]: "在职", NAMES[3]: "在职"}
    assert "2025-04-01 时的档案" in panel.count_label.text()
    assert not panel.filters.queue_buttons[CHECK_DUE].isEnabled()
    choose(panel.filters.status, "在职")
    assert sorted(_names(panel)) == sorted(NAMES[1:4])
    panel.filters.today_button.click()
    assert sorted(_names(panel)) == sorted([NAMES[2], NAMES[3]])   # still 在职 today
    assert mw.counts_on(D(2025, 4, 1))["在职"] == 3 and mw.counts_on(D(2025, 6, 1))["在职"] == 2


def test_tab_leaves_the_date_in_one_press_so_the_reason_gets_what_is_typed(window: Any, qtbot: QtBot) -> None:
    worker = add(0)
    panel = _page(window).archive
    window.events.announce_model_workers(())
    panel.select_worker(worker)
    change = panel.open_change()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is change.event)
    QTest.keyClick(change.event, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is change.on_date
    QTest.keyClick(change.on_date, Qt.Key.Key_Tab)          # not into the date's month, then its day
    assert QApplication.focusWidget() is change.reason
    QTest.keyClick(change.reason, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is change.on_date
    change.reject()


def test_the_new_worker_dialog_stays_on_the_screen_with_many_honours(window: Any, qtbot: QtBot) -> None:
    """Four honours made the dialog taller than a 768-pixel screen and put 保存 below its edge: the form scrolls."""
    dialog = _page(window).archive.open_new()
    for _ in range(5):
        dialog.honours.add_button.click()
    room = dialog.screen().availableGeometry().height()
    assert len(dialog.honours.rows) == 6 and dialog.height() <= room
    qtbot.waitUntil(lambda: dialog.scroll.verticalScrollBar().maximum() > 0)   # the rest is scrolled to
    assert dialog.ok_button.isVisible()
    dialog.reject()


def test_care_records_appear_in_the_timeline_and_empty_the_queues(window: Any, qtbot: QtBot) -> None:
    workers = [add(n, level="市级" if n else "县级") for n in range(3)]
    page = _page(window)
    panel = page.archive
    window.events.announce_model_workers(())
    panel.filters.queue_buttons[CHECK_DUE].click()        # 市级 and above without a check this year
    assert sorted(_names(panel)) == [NAMES[1], NAMES[2]]
    assert panel.filters.queue_buttons[CHECK_DUE].text() == "体检到期 2"
    panel.select_worker(workers[1])
    check = panel.open_care("health_check")
    type_text(check.hospital, "华池县人民医院")
    check.summary_text.setPlainText("血压偏高，建议复查")
    QTest.keyClick(check.hospital, Qt.Key.Key_Return)
    assert not check.isVisible(), check.summary.text()
    assert _names(panel) == [NAMES[2]] and panel.filters.queue_buttons[CHECK_DUE].text() == "体检到期 1"

    panel.filters.queue_buttons[NOT_VISITED].click()
    assert len(_names(panel)) == 3
    panel.filters.queue_buttons[EVERYONE].click()
    panel.select_worker(workers[2])
    insurance = panel.open_care("insurance")
    type_text(insurance.insurer, "中国人寿华池支公司")
    QTest.keyClicks(insurance.premium, "360")
    QTest.keyClick(insurance.insurer, Qt.Key.Key_Return)
    assert not insurance.isVisible(), insurance.summary.text()
    helped = panel.open_care("practical_help")
    helped.what_text.setPlainText("协调解决子女入学")
    QTest.keyClick(helped.note, Qt.Key.Key_Return)
    assert not helped.isVisible(), helped.summary.text()
    timeline = panel.detail.toPlainText()
    assert "补充保险" in timeline and "中国人寿华池支公司" in timeline and "协调解决子女入学" in timeline
    assert "¥360.00" in timeline
    qtbot.waitUntil(lambda: "今年补充保险 1 人" in window.counts_text)

    panel.remove_menu.fill()                               # 删除误登 ▸ the worker's records
    offered = [action.text() for action in panel.remove_menu.actions()]
    assert offered == ["补充保险 2025年度 中国人寿华池支公司 ¥360.00…", "办实事 2025-06-30 协调解决子女入学…"]
    panel.remove_menu.actions()[1].trigger()
    asked = panel.remove_menu.dialog
    assert asked is not None and not asked.ok_button.isEnabled()   # a reason is required
    type_text(asked.reason_edit, "重复登记")
    QTest.keyClick(asked.reason_edit, Qt.Key.Key_Return)
    assert care.practical_help(worker_id=workers[2]) == [] and "协调解决子女入学" not in panel.detail.toPlainText()
    assert "补充保险" in panel.detail.toPlainText()


def test_a_payment_above_the_balance_is_refused_with_the_balance_shown(window: Any, recorded: Messages) -> None:
    worker = add(1)
    subsidy.add_income(SubsidyIncomeForm(D(2025, 1, 5), Decimal("1000.00"), "上级拨款", "庆工拨〔2025〕3号"))
    page = _page(window)
    page.parts.setCurrentWidget(page.subsidy)
    account = page.subsidy
    window.events.announce_model_workers(())
    assert "当前余额 ¥1,000.00" in account.balance_label.text()

    income = account.open_income()
    QTest.keyClicks(income.amount, "500")
    QTest.keyClick(income.amount, Qt.Key.Key_Return)
    assert not income.isVisible(), income.summary.text()
    assert subsidy.balance() == Decimal("1500.00") and "¥1,500.00" in account.balance_label.text()

    blank = account.open_payment()                          # from the account's own button: nobody chosen yet
    assert blank.worker.currentIndex() == -1
    QTest.keyClicks(blank.amount, "100")
    QTest.keyClick(blank.amount, Qt.Key.Key_Return)
    assert blank.isVisible() and "请选择领取补助金的劳模" in blank.summary.text()
    blank.reject()
    paying = account.open_payment(worker)
    assert paying.worker.currentData() == worker and "当前余额 ¥1,500.00" in paying.heading.text()
    QTest.keyClicks(paying.amount, "2000")
    QTest.keyClick(paying.amount, Qt.Key.Key_Return)
    assert paying.isVisible()
    assert "余额 1,500.00 元，不足支付 2,000.00 元" in paying.summary.text(), paying.summary.text()
    assert subsidy.balance() == Decimal("1500.00")
    paying.amount.clear()
    QTest.keyClicks(paying.amount, "600")
    QTest.keyClick(paying.amount, Qt.Key.Key_Return)
    assert not paying.isVisible(), paying.summary.text()
    assert subsidy.balance() == Decimal("900.00") and "¥900.00" in account.balance_label.text()
    rows = account.model.rowCount()
    summaries = [account.model.index(r, 2).data() for r in range(rows)]
    assert summaries[0] == "期初余额" and f"{NAMES[1]} 2025年上半年补助金" in summaries
    assert "发放 1 笔 ¥600.00" in account.ledger_label.text() and "期末 ¥900.00" in account.ledger_label.text()
    page.archive.select_worker(worker)
    assert "2025年上半年" in page.archive.detail.toPlainText()

    paid_row = summaries.index(f"{NAMES[1]} 2025年上半年补助金")
    account.table.selectRow(paid_row)
    assert account.undo_button.isEnabled()
    account.undo_button.click()                            # 撤销所选记录: a reason, then the money is back
    undo = account.dialog
    assert undo is not None
    type_text(undo.reason_edit, "金额录错")
    QTest.keyClick(undo.reason_edit, Qt.Key.Key_Return)
    assert subsidy.balance() == Decimal("1500.00") and "¥1,500.00" in account.balance_label.text()
    assert "2025年上半年" not in page.archive.detail.toPlainText()


def test_the_archive_card_and_a_register_are_written_in_the_background(
        window: Any, qtbot: QtBot, recorded: Messages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    worker = add(1, studio="杨正功劳模创新工作室")
    add(2)
    care.record_health_check(HealthCheckForm(worker, 2025, "华池县人民医院", D(2025, 5, 6), "未见明显异常"))
    panel = _page(window).archive
    window.events.announce_model_workers(())
    panel.select_worker(worker)
    card = tmp_path / "card.pdf"
    _save_to(monkeypatch, card)
    panel.card_action.trigger()
    qtbot.waitUntil(lambda: recorded.opened == [str(card)], timeout=15000)
    text = pdf_text(card.read_bytes())
    assert NAMES[1] in text and "华池县人民医院" in text and "杨正功劳模创新工作室" in text
    assert id_number(1) not in text                        # masked on the card

    book = tmp_path / "劳模.xlsx"
    _save_to(monkeypatch, book)
    panel.export("model-workers", ids=panel.model.ids)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)
    sheet = openpyxl.load_workbook(book).worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert NAMES[1] in cells and NAMES[2] in cells and "姓名" in cells
    assert id_number(1) not in cells


def _book(path: Path, sheet_name: str, header: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_visit_register_is_imported_whole_or_not_at_all(
        window: Any, qtbot: QtBot, recorded: Messages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workers = [add(1), add(2)]
    panel = _page(window).archive
    window.events.announce_model_workers(())
    header = ["身份证号", "姓名", "走访日期", "走访事由", "走访批次", "走访人", "慰问金"]
    rows: list[list[object]] = [[id_number(1), NAMES[1], "2025-06-01", "生病住院", "", "王明", 500],
                                [id_number(2), NAMES[2], "2025-06-02", "无此事由", "", "王明", 500]]
    bad = _book(tmp_path / "bad.xlsx", "走访慰问", header, rows)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bad), ""))
    task = panel.import_register("model-worker-visits")
    qtbot.waitUntil(lambda: not task.running, timeout=15000)
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportProblemsDialog) and w.isVisible()]
    assert shown and shown[0].model.data(shown[0].model.index(0, 1)) == "3"
    shown[0].reject()
    assert care.visits() == []

    rows[1][3] = "重大节日"
    good = _book(tmp_path / "good.xlsx", "走访慰问", header, rows)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(good), ""))
    task = panel.import_register("model-worker-visits")
    qtbot.waitUntil(lambda: not task.running, timeout=15000)
    assert len(care.visits()) == 2 and recorded.kinds("inform")
    assert {row.id: row.last_visit for row in panel.model.rows} == {workers[0]: D(2025, 6, 1),
                                                                     workers[1]: D(2025, 6, 2)}
    assert panel.filters.queue_buttons[NOT_VISITED].text() == "今年未走访 0"


def test_every_list_model_passes_the_model_tester(window: Any, qtbot: QtBot, qtmodeltester: Any) -> None:
    workers = [add(n) for n in range(3)]
    money = fund("5000.00")
    care.record_visit(VisitForm(workers[0], D(2025, 6, 1), "重大节日", "王明", Decimal("800.00"), "", money, ROUND))
    subsidy.add_income(SubsidyIncomeForm(D(2025, 1, 5), Decimal("1000.00"), "上级拨款"))
    page = _page(window)
    window.events.announce_data_replaced()
    qtbot.waitUntil(lambda: not page.busy)
    assert page.archive.model.rowCount() == 3 and page.subsidy.model.rowCount() == 4
    assert page.figures is not None and page.figures.in_work == 3 and page.figures.not_visited == 2
    assert "专户余额 ¥1,000.00" in window.counts_text
    for model in (page.archive.model, page.subsidy.model):
        qtmodeltester.check(model, force_py=True)


def test_a_viewer_sees_the_actions_disabled_with_the_reason(window: Any) -> None:
    add(1)
    accounts.create_account("chakan", "李查看", Role.VIEWER, "role-pass-1")
    accounts.sign_out()
    accounts.sign_in("chakan", "role-pass-1")
    window.events.announce_account()
    page = _page(window)
    page.reload()
    page.archive.table.selectRow(0)
    archive, account = page.archive, page.subsidy
    edits = [archive.new_button, archive.edit_button, archive.change_button, archive.pay_button,
             *archive.care_buttons.values(), account.income_button, account.pay_button]
    for button in edits:
        assert not button.isEnabled() and button.toolTip() == REFUSED_EDIT, button.text()
    assert archive.print_button.toolTip().startswith("查看账户无权打印")
    assert archive.registers_button.toolTip().startswith("查看账户无权导出")
    assert archive.open_edit() is None and archive.open_new() is None
