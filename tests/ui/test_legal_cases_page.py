"""The 法律援助 tab: a wage case taken over from a contact, its stages and 结案 with amounts; prints; the models."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import legal_cases, petitions
from app.services.legal_cases import ApplicantForm, CaseQuery, LegalCaseForm
from app.services.petitions import PetitionForm
from app.services.relief_forms import Recipient
from tests.factories import person_id
from tests.ui.conftest import Messages, choose, type_text
from ui.dialogs.case_steps import CaseStageDialog, CloseCaseDialog, MonthDialog
from ui.dialogs.legal_case_dialog import LegalCaseDialog
from ui.pages.legal_cases_page import LegalCasesPage
from ui.pages.petitions_page import PetitionsPage
from ui.tables.applicants_model import CLAIMED, ID_NUMBER, RECOVERED, ApplicantRow, ApplicantsModel
from ui.tables.legal_cases_model import LegalCasesModel

D = datetime.date


def _wage_contact() -> int:
    pid = petitions.register_petition(PetitionForm(
        "来访", datetime.datetime(2025, 6, 2, 9, 30), "拖欠工资", "项目部拖欠12名农民工工资",
        person=Recipient(name="周建军", id_number=person_id(41)), work_unit="华池县某建筑公司", workers=12))
    petitions.hand_on(pid, "县劳动监察大队", D(2025, 6, 3))
    return pid


def test_a_wage_case_from_a_contact_is_staged_and_closed_with_its_amounts(window: Any, qtbot: QtBot) -> None:
    pid = _wage_contact()
    contacts = window.page(PetitionsPage)
    window.show_page(contacts)
    window.events.announce_petitions((pid,))
    contacts.select_ids([pid])
    dialog = contacts.open_legal_case()
    assert isinstance(dialog, LegalCaseDialog)
    assert (dialog.respondent.text(), dialog.cause.currentText(), dialog.workers.value()) == (
        "华池县某建筑公司", "拖欠工资", 12)
    [petitioner] = dialog.model.rows
    assert petitioner.person_id is not None and petitioner.name == "周建军"
    for name in ("吴红", "郑强"):  # two more workers typed by name; Enter adds each
        type_text(dialog.person.edit, name)
        dialog.person.look_up()
        qtbot.keyClick(dialog.person.edit, Qt.Key.Key_Return)
    assert [r.name for r in dialog.model.rows] == ["周建军", "吴红", "郑强"]
    model = dialog.model
    model.setData(model.index(1, ID_NUMBER), person_id(42))
    for row, amount in enumerate(("9000", "8,500", "8500")):
        assert model.setData(model.index(row, CLAIMED), amount)
    assert not model.setData(model.index(2, CLAIMED), "很多")
    assert "第3行请求金额" in dialog.summary.text()
    choose(dialog.handling, "联合执法")
    type_text(dialog.partner, "县劳动监察大队")
    type_text(dialog.lawyer, "张律师")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [case_id] = legal_cases.search_cases(CaseQuery())
    case = legal_cases.get_case(case_id)
    assert (case.workers_involved, case.amount_claimed, case.partner, case.petitions) == (
        12, Decimal("26000.00"), "县劳动监察大队", (pid,))
    assert petitions.get_petition(pid).case_no == case.case_no

    page = window.page(LegalCasesPage)
    window.show_page(page)
    page.select_ids([case_id])
    assert page.edit_button.isEnabled()
    edit = page.open_edit()                        # a typing slip corrected before the case goes on
    assert isinstance(edit, LegalCaseDialog) and not edit.accepted_on.isEnabled()
    assert [r.name for r in edit.model.rows] == ["周建军", "吴红", "郑强"] and edit.workers.value() == 12
    edit.respondent.setText("华池县某建筑工程有限公司")
    edit.workers.setValue(13)
    qtbot.mouseClick(edit.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not edit.isVisible())
    corrected = legal_cases.get_case(case_id)
    assert (corrected.respondent, corrected.workers_involved, corrected.amount_claimed, len(corrected.applicants)) == (
        "华池县某建筑工程有限公司", 13, Decimal("26000.00"), 3)
    assert [a.amount_claimed for a in corrected.applicants] == [Decimal("9000.00"), Decimal("8500.00"),
                                                                 Decimal("8500.00")]
    stage = page.open_stage()
    assert isinstance(stage, CaseStageDialog)
    choose(stage.stage, "调解")
    type_text(stage.note, "约谈项目负责人")
    qtbot.mouseClick(stage.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not stage.isVisible())

    closing = page.open_close()
    assert isinstance(closing, CloseCaseDialog)
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)  # no outcome: refused
    assert closing.isVisible() and "结案须写明处理结果" in closing.summary.text()
    type_text(closing.outcome, "达成调解协议")
    closing.recovered.setText("24000")
    closing.model.setData(closing.model.index(0, RECOVERED), "8000")
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not closing.isVisible())
    closed = legal_cases.get_case(case_id)
    assert (closed.stage, closed.amount_recovered, closed.applicants[0].amount_recovered) == (
        "结案", Decimal("24000.00"), Decimal("8000.00"))
    row = page.model.row_of(case_id)
    assert [page.model.data(page.model.index(row, c)) for c in (5, 6, 7)] == ["13", "¥24,000.00", "结案"]
    assert not page.edit_button.isEnabled() and page.open_edit() is None   # closed: no more corrections
    timeline = page.detail.toPlainText()
    for text in ("信访来访", "受理", "调解", "约谈项目负责人", "结案", "达成调解协议", "13 人（列名 3 人）"):
        assert text in timeline
    steps = timeline[timeline.index("办理经过"):timeline.index("申请人")]
    assert steps.index("信访来访") < steps.index("受理") < steps.index("调解") < steps.index("结案")
    qtbot.waitUntil(lambda: window.counts_text == "在办案件 0 · 2025年追回 ¥24,000.00")


def test_the_closing_report_and_the_monthly_figures_are_printed_and_opened(
        window: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recorded: Messages) -> None:
    case_id = legal_cases.open_case(LegalCaseForm(
        "县某食品厂", "工伤赔偿", "协商调解", D(2025, 6, 3), 1, (ApplicantForm(Recipient(name="王雪红")),)))
    legal_cases.close_case(case_id, D(2025, 6, 20), "达成赔偿协议", Decimal("35000"))
    outputs = iter([tmp_path / "report.pdf", tmp_path / "stats.pdf"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(next(outputs)), ""))
    page = window.page(LegalCasesPage)
    window.show_page(page)
    window.events.announce_cases((case_id,))
    page.select_ids([case_id])
    assert page.print_report_action.isEnabled()
    page.print_report()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)
    months = page.open_stats()
    assert isinstance(months, MonthDialog) and months.month.currentText() == "2025年6月"
    qtbot.mouseClick(months.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy and len(recorded.opened) == 2, timeout=15000)
    assert recorded.opened == [str(tmp_path / "report.pdf"), str(tmp_path / "stats.pdf")]
    report = "".join(p.extract_text() for p in PdfReader(tmp_path / "report.pdf").pages)
    assert "县某食品厂" in report and "达成赔偿协议" in report
    stats = "".join(p.extract_text() for p in PdfReader(tmp_path / "stats.pdf").pages)
    assert "35,000.00" in stats


def test_the_case_and_applicant_models_pass_the_model_tester(office: Any, qtmodeltester: ModelTester) -> None:
    legal_cases.open_case(LegalCaseForm("某物业公司", "劳动合同", "仲裁代理", D(2025, 6, 2), 2))
    cases = LegalCasesModel()
    cases.refresh()
    assert cases.rowCount() == 1
    qtmodeltester.check(cases)
    for recovering in (False, True):
        applicants = ApplicantsModel(recovering=recovering)
        applicants.set_rows([ApplicantRow(1, "周建军", "110***********1234", Decimal("9000")),
                             ApplicantRow(None, "吴红")])
        qtmodeltester.check(applicants)
        assert applicants.data(applicants.index(0, CLAIMED)) == "¥9,000.00"


@pytest.mark.parametrize("page_type", [PetitionsPage, LegalCasesPage])
def test_the_export_menu_lists_the_register_and_writes_the_current_list(window: Any, qtbot: QtBot, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        page_type: type) -> None:
    pid = _wage_contact()
    if page_type is LegalCasesPage:
        legal_cases.open_case(LegalCaseForm("华池县某建筑公司", "拖欠工资", "仲裁代理", D(2025, 6, 4), 12,
                                            petition_id=pid))
    page = window.page(page_type)
    window.show_page(page)
    page.reload()
    qtbot.waitUntil(lambda: page.list_model.rowCount() == 1)
    page.export_menu.aboutToShow.emit()
    texts = [a.text() for a in page.export_menu.actions() if not a.isSeparator()]
    noun, unit = ("案件登记簿", "件") if page_type is LegalCasesPage else ("信访登记簿", "条")
    assert texts[:2] == [f"导出{noun}（当前列表 1 {unit}，隐去身份信息）…", f"导出{noun}（全部，隐去身份信息）…"]
    assert texts[3] == "保存导入模板…" and texts[2].startswith("从登记簿导入")
    out = tmp_path / "登记簿.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    shown: list[str] = []
    page.message.connect(shown.append)
    page.export_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert out.exists() and shown[-1] == f"已导出 1 {unit}到 {out}"
