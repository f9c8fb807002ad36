"""The 救助 tab: a relief recorded through the dialog, a repeat that needs a reason, a campaign batch, a fund entry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.services import campaigns, funds
from app.services.campaigns import CampaignForm
from app.services.relief import record_relief
from app.services.relief_forms import Recipient, ReliefForm
from db.models import Household, Person, Relief
from tests.relief_factories import D, filed, fund_with, head_of
from tests.ui.conftest import choose, type_text
from ui.pages.relief_page import ReliefPage


def _page(window: Any) -> ReliefPage:
    page = window.page(ReliefPage)
    window.show_page(page)
    return page


def _save(dialog: Any) -> None:
    QTest.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter saves


def test_record_a_relief_through_the_dialog_and_find_it_in_the_list(window: Any, qtbot: QtBot) -> None:
    hid = filed(1, name="林秀英")
    fund = fund_with("10000")
    window.events.announce_funds((fund,))
    page = _page(window)
    dialog = page.records.open_new()
    type_text(dialog.picker.search, "林秀")
    qtbot.waitUntil(lambda: dialog.picker.results.isVisible())
    QTest.keyClick(dialog.picker.search, Qt.Key.Key_Return)  # Enter picks the first match
    assert dialog.picker.choice is not None and dialog.picker.choice.household_id == hid
    assert dialog.isVisible()
    choose(dialog.fund, "2025年帮扶资金（余额 ¥10,000.00）")
    dialog.amount.setText("1,200")
    assert dialog.fund_hint.text() == "余额 ¥10,000.00，本次 ¥1,200.00，发放后 ¥8,800.00"
    _save(dialog)
    assert not dialog.isVisible() and dialog.change is not None
    stored = Relief.get_by_id(dialog.change.relief_ids[0])
    assert (stored.household_id, stored.relief_type, stored.amount) == (hid, "生活救助", Decimal("1200.00"))
    records = page.records
    assert records.model.rowCount() == 1 and records.selected_ids() == [stored.id]
    assert records.model.data(records.model.index(0, 2)) == "林秀英"
    assert records.model.data(records.model.index(0, 6)) == "¥1,200.00"
    qtbot.waitUntil(lambda: "共 1 人次，金额 ¥1,200.00" in records.totals_label.text())
    qtbot.waitUntil(lambda: window.counts_text == "2025年救助 1 人次 ¥1,200.00 · 资金余额 ¥8,800.00")
    type_text(records.filters.search, "张")
    qtbot.waitUntil(lambda: records.model.rowCount() == 0)


def test_a_repeat_shows_the_earlier_relief_and_saves_only_with_a_reason(window: Any, qtbot: QtBot) -> None:
    hid = filed(2)
    fund = fund_with("10000")
    record_relief(ReliefForm(Recipient(person_id=head_of(hid)), "生活救助", D(2025, 2, 3), Decimal("500"), fund))
    page = _page(window)
    dialog = page.records.open_new()
    dialog.picker.search.setText(Person.get_by_id(head_of(hid)).name)
    dialog.picker.look_up()
    dialog.picker._pick(dialog.picker.results.item(0))
    choose(dialog.fund, "2025年帮扶资金（余额 ¥9,500.00）")
    dialog.amount.setText("300")
    _save(dialog)
    assert dialog.isVisible() and dialog.repeat.isVisible()
    assert "已于2025-02-03获得生活救助（500.00元）" in dialog.repeat.text.text()
    assert Relief.select().count() == 1  # nothing written
    type_text(dialog.repeat.reason, "病情加重")
    _save(dialog)
    assert not dialog.isVisible()
    assert [r.duplicate_reason for r in Relief.select().order_by(Relief.id)] == [None, "病情加重"]
    assert "重复救助：病情加重" in page.records.model.data(page.records.model.index(0, 12))


def test_a_campaign_batch_through_the_preview_writes_only_when_every_repeat_is_resolved(
        window: Any, qtbot: QtBot) -> None:
    a, b, c = (filed(n) for n in (3, 4, 5))
    fund = fund_with("10000")
    record_relief(ReliefForm(Recipient(person_id=head_of(a)), "送温暖慰问", D(2025, 1, 8), Decimal("200"), fund))
    view = campaigns.create_campaign(CampaignForm("2025年送温暖", "送温暖慰问", D(2025, 6, 1), D(2025, 6, 30),
                                                  Decimal("300"), "", fund))
    window.events.announce_campaigns((view.id,))
    page = _page(window)
    page.parts.setCurrentWidget(page.campaigns)
    page.campaigns.select_campaign(view.id)
    dialog = page.campaigns.open_batch()
    dialog.find()
    model = dialog.model
    assert [line.candidate.household_id for line in model.lines] == sorted(
        [a, b, c], key=lambda h: Household.get_by_id(h).file_no)
    row_a = next(r for r, line in enumerate(model.lines) if line.candidate.household_id == a)
    row_b = next(r for r, line in enumerate(model.lines) if line.candidate.household_id == b)
    assert model.lines[row_a].candidate.already
    # Meanwhile someone records relief for b on another PC: the batch itself finds that repeat.
    record_relief(ReliefForm(Recipient(person_id=head_of(b)), "送温暖慰问", D(2025, 6, 2), Decimal("100"), fund))
    assert dialog.record() is None and "本年已获同类救助" in dialog.problems.text()
    assert model.setData(model.index(row_a, 10), "子女重病")
    task = dialog.record()
    qtbot.waitUntil(lambda: not task.running)
    assert dialog.result is None and "已于2025-06-02获得送温暖慰问（100.00元）" in dialog.problems.text()
    assert Relief.select().where(Relief.campaign == view.id).count() == 0
    model.setData(model.index(row_b, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    task = dialog.record()
    qtbot.waitUntil(lambda: dialog.result is not None)
    assert dialog.result.count == 2 and dialog.result.conflicts_marked == 1
    assert Relief.select().where(Relief.campaign == view.id).count() == 2
    assert dialog.print_button.isVisible() and not dialog.record_button.isEnabled()
    assert page.campaigns.model.cells(page.campaigns.current())[6:] == ("2", "¥600.00")
    assert page.campaigns.recipients.rowCount() == 2


def test_a_student_aid_campaign_finds_only_files_with_a_student_and_says_how_much_the_fund_lacks(
        window: Any) -> None:
    with_student = filed(7)
    filed(8, members=())  # nobody at school: no 助学 for this file
    fund = fund_with("1000")
    view = campaigns.create_campaign(CampaignForm("2025年金秋助学", "助学救助", D(2025, 8, 15), D(2025, 9, 10),
                                                  Decimal("2000"), "", fund))
    window.events.announce_campaigns((view.id,))
    page = _page(window)
    page.parts.setCurrentWidget(page.campaigns)
    page.campaigns.select_campaign(view.id)
    dialog = page.campaigns.open_batch()
    assert dialog.rules.rule().student_levels  # a student at any level, not 不限
    dialog.find()
    lines = dialog.model.lines
    assert [line.candidate.household_id for line in lines] == [with_student]
    assert lines[0].candidate.student_name  # the line names its student
    assert "余额 ¥1,000.00，不足 ¥1,000.00" in dialog.summary.text(), dialog.summary.text()


def test_a_fund_entry_changes_the_balance_shown(window: Any, qtbot: QtBot) -> None:
    fund = fund_with("1000")
    window.events.announce_funds((fund,))
    page = _page(window)
    panel = page.funds
    assert panel.model.data(panel.model.index(0, 4)) == "¥1,000.00"
    dialog = panel.open_entry()
    choose(dialog.source, "社会捐助")
    dialog.amount.setText("250.50")
    dialog.document_no.setText("JZ-1")
    QTest.keyClick(dialog.document_no, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.entry_id is not None
    assert panel.model.data(panel.model.index(0, 4)) == "¥1,250.50"
    assert funds.list_funds()[0].balance == Decimal("1250.50")
    texts = [panel.ledger_model.data(panel.ledger_model.index(r, 2)) for r in range(panel.ledger_model.rowCount())]
    assert "社会捐助；凭证JZ-1" in texts
    assert "期末 ¥1,250.50" in panel.ledger_label.text()


def test_student_aid_picks_the_student_of_the_file_and_a_withdrawal_needs_a_reason(
        window: Any, qtbot: QtBot, recorded: Any) -> None:
    from tests.ui.conftest import answer

    hid = filed(6)
    fund = fund_with("10000")
    window.events.announce_funds((fund,))
    page = _page(window)
    dialog = page.records.open_new()
    choose(dialog.relief_type, "助学救助")
    dialog.picker.search.setText(Person.get_by_id(head_of(hid)).name)
    dialog.picker.look_up()
    QTest.keyClick(dialog.picker.results, Qt.Key.Key_Return)
    assert dialog.student.isVisible() and not dialog.medical.isVisible()
    assert dialog.student.level.currentText() == "高中" and dialog.student.school.text() == "华池县第一中学"
    choose(dialog.fund, "2025年帮扶资金（余额 ¥10,000.00）")
    dialog.amount.setText("2000")
    _save(dialog)
    stored = Relief.get_by_id(dialog.change.relief_ids[0])
    assert (stored.school_level, stored.admission_year) == ("高中", 2023) and stored.student_id != stored.person_id

    def give_reason(reason_dialog: Any) -> None:
        assert not reason_dialog.ok_button.isEnabled()  # no reason, no withdrawal
        type_text(reason_dialog.reason_edit, "金额录错")
        QTest.keyClick(reason_dialog.reason_edit, Qt.Key.Key_Return)

    page.records.select_ids([stored.id])
    answered = answer(type(page.records.withdraw_selected()), give_reason)
    qtbot.waitUntil(lambda: bool(answered))
    qtbot.waitUntil(lambda: page.records.model.rowCount() == 0)
    assert Relief.select().count() == 0 and "确定撤销" in recorded.confirmations[0][1]


def test_ctrl_n_on_the_relief_list_opens_a_new_relief_as_on_the_other_tabs(window: Any) -> None:
    page = _page(window)
    records = page.records
    records.table.setFocus()
    QTest.keyClick(records.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert records.dialog is not None and records.dialog.isVisible()
    assert records.dialog.windowTitle() == "新增救助"
    records.dialog.reject()
    households = window.households_page
    window.show_page(households)
    households.table.setFocus()
    QTest.keyClick(households.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # the file, not a relief
    assert records.dialog is None and households.dialog is not None and households.dialog.isVisible()
    households.dialog.reject()


def test_the_search_box_enter_goes_to_the_list_and_esc_clears_it(window: Any) -> None:
    hid = filed(10, name="林秀英")
    fund = fund_with("10000")
    record_relief(ReliefForm(Recipient(person_id=head_of(hid)), "生活救助", D(2025, 2, 3), Decimal("500"), fund))
    records = _page(window).records
    records.reload()
    search = records.filters.search
    search.setFocus()
    QTest.keyClicks(search, "lxy")
    QTest.keyClick(search, Qt.Key.Key_Return)  # searched at once, not after the pause, and on to the list
    assert records.model.rowCount() == 1 and records.selected_rows() == [0]
    assert records.table.hasFocus()
    search.setFocus()
    QTest.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""


def test_esc_asks_before_throwing_away_what_was_entered(window: Any, recorded: Any) -> None:
    records = _page(window).records
    dialog = records.open_new()
    QTest.keyClick(dialog.note, Qt.Key.Key_Escape)  # nothing entered: closes at once
    assert not dialog.isVisible() and recorded.confirmations == []
    dialog = records.open_new()
    dialog.amount.setText("3000")
    type_text(dialog.note, "住院")
    recorded.answer = False  # 继续填写
    QTest.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.note.text() == "住院"
    assert recorded.confirmations == [("放弃登记", "填写的救助还没有保存，确定要放弃吗？")]
    recorded.answer = True  # 放弃
    QTest.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.change is None


def test_tab_goes_down_the_form_and_a_picked_match_goes_on_to_the_type(window: Any, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    filed(11, name="林秀英")
    dialog = _page(window).records.open_new()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    type_text(dialog.picker.search, "lxy")
    qtbot.waitUntil(lambda: dialog.picker.results.isVisible())
    QTest.keyClick(dialog.picker.search, Qt.Key.Key_Return)  # Enter picks the first match …
    assert dialog.picker.choice is not None
    qtbot.waitUntil(lambda: dialog.relief_type.hasFocus())    # … and goes on to 救助类型
    QTest.keyClick(dialog.relief_type, Qt.Key.Key_Tab)        # then the date, not back up to 不在系统中
    assert QApplication.focusWidget() is dialog.on_date
    QTest.keyClick(dialog.on_date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.campaign
    dialog.picker.search.setFocus()
    QTest.keyClick(dialog.picker.search, Qt.Key.Key_Tab)      # beside the box: 不在系统中
    assert QApplication.focusWidget() is dialog.picker.new_person
    dialog.done(0)


def test_the_withdrawal_reason_dialog_shows_all_of_its_wrapped_text(prepared_app: Any, qtbot: QtBot) -> None:
    from ui.dialogs.reason_dialog import ReasonDialog

    dialog = ReasonDialog("撤销救助记录", "撤销：2026-11-29 王志勇 送温暖慰问 ¥500.00\n撤销后该记录删除，金额退回资金"
                          "“困难职工帮扶资金”；操作日志保留原记录。", ok="撤销")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.label.height() >= dialog.label.heightForWidth(dialog.label.width())  # no line cut off


def test_a_deduction_without_a_reason_puts_the_cursor_in_the_note(window: Any) -> None:
    fund = fund_with("1000")
    window.events.announce_funds((fund,))
    panel = _page(window).funds
    dialog = panel.open_entry()
    dialog.amount.setText("-100")
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.isVisible() and "须在备注中说明原因" in dialog.summary.text()
    assert dialog.focusWidget() is dialog.note
    type_text(dialog.note, "退回上级")
    QTest.keyClick(dialog.note, Qt.Key.Key_Return)
    assert not dialog.isVisible() and funds.list_funds()[0].balance == Decimal("900.00")
