"""The 统计 tab: a year's figures beside the year before, another period picked, a figure's records, the draft and
the PDF, through the real window."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.money import figures
from app.pdf_text import pdf_text
from app.services import summary as summaries
from tests.app.test_summary_draft import YEAR, build_year
from tests.ui.conftest import Messages, choose
from ui.pages.statistics_page import BEFORE, NOW, StatisticsPage


def _page(window: Any, qtbot: QtBot) -> StatisticsPage:
    page = window.page(StatisticsPage)
    window.show_page(page)
    qtbot.waitUntil(lambda: page.view is not None and not page.busy, timeout=15000)
    return page


def _section(period: summaries.Period, name: str) -> dict[str, Any]:
    found = summaries.summary(period)[name]
    assert isinstance(found, dict)
    return found


def _cell(page: StatisticsPage, label: str, column: int) -> str:
    row = page.model.find(label)
    assert row >= 0, label
    return str(page.model.index(row, column).data())


def _click(qtbot: QtBot, page: StatisticsPage, label: str, column: int) -> None:
    index = page.model.index(page.model.find(label), column)
    page.table.scrollTo(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())


def test_the_years_figures_stand_beside_last_years_and_follow_the_period(window: Any, qtbot: QtBot) -> None:
    build_year()
    page = _page(window, qtbot)
    ModelTester(None).check(page.model)   # type: ignore[arg-type]
    relief, earlier = _section(YEAR, "relief"), _section(YEAR.year_earlier(), "relief")
    assert page.picker.range() == (YEAR.start, YEAR.end)
    assert _cell(page, "帮扶救助", NOW) == str(relief["count"])
    assert _cell(page, "帮扶救助", BEFORE) == str(earlier["count"])
    assert _cell(page, "救助金额（含物资）", NOW) == figures(relief["amount"])
    assert _cell(page, "帮扶救助", 4) == f"{relief['count'] - earlier['count']:+d}"
    assert len(page.view.charts) == 6 and page.chart_grid.count() == 6   # type: ignore[union-attr]

    choose(page.picker.preset, "上年")
    last_year = YEAR.year_earlier()
    qtbot.waitUntil(lambda: not page.busy and page.view is not None and page.view.comparison.period == last_year,
                    timeout=15000)
    assert _cell(page, "帮扶救助", NOW) == str(earlier["count"])
    assert _cell(page, "信访接待", NOW) == str(_section(last_year, "petitions")["count"])

    first_half = summaries.Period(datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))   # typed dates: 自定义
    page.picker.start.set_day(first_half.start)
    page.picker.end.set_day(first_half.end)
    assert page.picker.preset.currentText() == "自定义"
    qtbot.waitUntil(lambda: not page.busy and page.view is not None and page.view.comparison.period == first_half,
                    timeout=15000)
    assert _cell(page, "帮扶救助", NOW) == str(_section(first_half, "relief")["count"])
    assert "上年同期：2024-01-01 至 2024-06-30" in page.period_note.text()


def test_clicking_a_figure_shows_the_records_behind_it(window: Any, qtbot: QtBot) -> None:
    build_year()
    page = _page(window, qtbot)
    count = _section(YEAR, "petitions")["count"]
    _click(qtbot, page, "信访接待", NOW)
    qtbot.waitUntil(lambda: page.records_dialog is not None and page.records_dialog.isVisible(), timeout=10000)
    dialog = page.records_dialog
    assert dialog is not None
    assert dialog.model.rowCount() == count and f"共 {count} 条" in dialog.heading.text()
    assert "接待日期" in dialog.model.headers
    dialog.close()

    _click(qtbot, page, "帮扶救助", BEFORE)   # last year's figure: last year's records
    qtbot.waitUntil(lambda: page.records_dialog is not dialog and page.records_dialog is not None, timeout=10000)
    assert page.records_dialog.model.rowCount() == _section(YEAR.year_earlier(), "relief")["count"]
    assert "上年同期" in page.records_dialog.windowTitle()


def test_clicking_the_training_figure_lists_its_trainees(window: Any, qtbot: QtBot) -> None:
    build_year()
    page = _page(window, qtbot)
    trainees = _section(YEAR, "training")["trainees"]
    _click(qtbot, page, "培训", NOW)
    qtbot.waitUntil(lambda: page.records_dialog is not None and page.records_dialog.isVisible(), timeout=10000)
    dialog = page.records_dialog
    assert dialog is not None and trainees == 5
    assert dialog.model.rowCount() == trainees and f"共 {trainees} 条" in dialog.heading.text()
    names = dialog.model.headers.index("姓名")
    assert sorted(dialog.model.index(r, names).data() for r in range(trainees)) == [f"学员{n}" for n in range(1, 6)]
    numbers = dialog.model.headers.index("身份证号")
    assert all("*" in dialog.model.index(r, numbers).data() for r in range(trainees))   # masked, like every list


def test_the_draft_shows_the_petitions_and_saves_the_text_as_edited(
        window: Any, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_year()
    page = _page(window, qtbot)
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.draft_dialog is not None and page.draft_dialog.isVisible(), timeout=10000)
    dialog = page.draft_dialog
    assert dialog is not None
    count = _section(YEAR, "petitions")["count"]
    text = dialog.text.toPlainText()
    assert f"{count}人次" in text and "信访" in text
    dialog.text.setPlainText(text + "\n补充一段：以上数字已核对。\n")   # typed Chinese would abort keyClicks
    out = tmp_path / "素材.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(dialog.txt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    saved = out.read_text(encoding="utf-8-sig")
    assert f"{count}人次" in saved and "补充一段：以上数字已核对。" in saved
    assert dialog.saved_label.text() == f"已保存到 {out}"      # said in the dialog, not only in its title
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert dialog.copy_button.text() == "已复制"


def test_the_pdf_is_exported_through_the_page(window: Any, qtbot: QtBot, recorded: Messages, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    build_year()
    page = _page(window, qtbot)
    out = tmp_path / "统计汇总.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(out) in recorded.opened, timeout=20000)
    text = pdf_text(out.read_bytes())
    relief = _section(YEAR, "relief")
    assert "帮扶工作统计汇总" in text and figures(relief["amount"]) in text
    assert not recorded.kinds("warn")


def test_the_upward_workbook_is_exported_through_the_page(window: Any, qtbot: QtBot, recorded: Messages,
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    build_year()
    page = _page(window, qtbot)
    assert page.upward_button.isVisible() and page.upward_button.isEnabled()
    out = tmp_path / "上报表.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(page.upward_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(out) in recorded.opened, timeout=20000)
    book = load_workbook(out, read_only=True)
    assert "汇总" in book.sheetnames
    book.close()


def test_an_administrator_may_export_the_upward_workbook_with_full_ids_and_a_clerk_is_not_offered_it(
        window: Any, qtbot: QtBot, recorded: Messages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """合并各县报表 compares counties by full ID number and says to export them so: the window offers it."""
    from openpyxl import load_workbook

    from app.services import accounts
    from app.session import Role

    build_year()
    page = _page(window, qtbot)
    assert page.upward_full_button.isVisible() and page.upward_full_button.isEnabled()
    out = tmp_path / "上报表-完整.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(page.upward_full_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(out) in recorded.opened, timeout=20000)
    book = load_workbook(out, read_only=True)
    cells = [str(v) for row in book["汇总"].iter_rows(max_row=4, values_only=True) for v in row if v]
    book.close()
    assert any("含完整身份信息" in c for c in cells)

    accounts.create_account("jingban", "张经办", Role.CLERK, "clerk-pass-1")
    accounts.sign_out()
    accounts.sign_in("jingban", "clerk-pass-1")
    window.events.announce_account()
    assert not page.upward_full_button.isVisible() and page.upward_button.isEnabled()


def test_county_workbooks_are_merged_through_the_page(window: Any, qtbot: QtBot, recorded: Messages,
                                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.reports.upward import write_upward

    build_year()
    counties = [tmp_path / "甲县.xlsx", tmp_path / "乙县.xlsx"]
    for path in counties:
        write_upward(YEAR, path)
    page = _page(window, qtbot)
    assert page.merge_button.isVisible() and page.merge_button.isEnabled()
    city = tmp_path / "全市.xlsx"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(p) for p in counties], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(city), ""))
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(city) in recorded.opened, timeout=20000)
    [(title, text)] = recorded.kinds("inform")
    assert title == "合并各县报表" and "已合并 2 个" in text and city.stat().st_size
