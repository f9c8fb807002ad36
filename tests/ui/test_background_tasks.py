"""Export and print run in the background from the 档案 tab; cancelling leaves nothing behind."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from app.errors import KnownError
from app.progress import ProgressFn
from app.services import exchange
from app.services import household_search as search
from app.services import households as hs
from tests.factories import make_form
from tests.ui.conftest import Messages
from ui import tasks


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The save dialog answers `path`; returns the file names it proposed."""
    proposed: list[str] = []

    def ask(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        proposed.append(Path(suggested).name)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return proposed


def _files(window: Any, *names: str) -> list[int]:
    ids = [hs.create_household(make_form(60 + i, name=n)).household_ids[0] for i, n in enumerate(names)]
    window.events.announce_households(tuple(ids))
    return ids


def test_export_from_the_tab_writes_the_workbook(window: Any, qtbot: QtBot, tmp_path: Path, recorded: Messages,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _files(window, "欧阳明", "司马光")
    out = tmp_path / "登记簿.xlsx"
    proposed = _save_as(monkeypatch, out)
    page = window.households_page
    page.export(masked=False, current_list=True)
    qtbot.waitUntil(lambda: out.exists() and not window.runner.busy, timeout=20000)
    assert proposed == ["困难职工档案登记簿-2025-06-30.xlsx"]
    [(title, text)] = recorded.confirmations  # full identity numbers: asked first, and said to be logged
    assert title == "导出（含完整身份信息）" and "记入操作日志" in text
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        values = {str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c}
    finally:
        book.close()
    assert {"欧阳明", "司马光"} <= values
    assert "已导出 2 户" in window.statusBar().currentMessage()


def test_export_of_a_filtered_list_takes_only_those_rows_masked(window: Any, qtbot: QtBot, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _files(window, "欧阳明", "司马光")
    out = tmp_path / "masked.xlsx"
    _save_as(monkeypatch, out)
    page = window.households_page
    qtbot.keyClicks(page.filters.search, "smg")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.export(masked=True, current_list=True)
    qtbot.waitUntil(lambda: out.exists() and not window.runner.busy, timeout=20000)
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    text = " ".join(str(c) for row in rows for c in row if c)
    assert "司马光" in text and "欧阳明" not in text
    id_number = hs.get_household(page.model.household_id(0), reveal=True).form.id_number
    assert id_number not in text and id_number[-4:] in text


def test_print_from_the_selection_opens_the_pdf(window: Any, qtbot: QtBot, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, recorded: Messages) -> None:
    ids = _files(window, "诸葛亮", "上官婉儿")
    out = tmp_path / "调查表.pdf"
    proposed = _save_as(monkeypatch, out)
    page = window.households_page
    page.select_ids([ids[1]])
    page.print_form("home-visit")
    qtbot.waitUntil(lambda: bool(recorded.opened) and not window.runner.busy, timeout=30000)
    assert proposed == ["入户调查表-2025-06-30.pdf"]
    assert recorded.opened == [str(out)]
    assert out.read_bytes().startswith(b"%PDF")
    assert "1 页" in window.statusBar().currentMessage()


def test_a_known_error_in_a_task_becomes_a_message(window: Any, qtbot: QtBot, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, recorded: Messages) -> None:
    _save_as(monkeypatch, tmp_path / "公示.pdf")
    window.households_page.print_form("notice")  # nothing selected and nobody on notice
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert recorded.kinds("warn") == [("打印公示名单（正在公示的档案）", "没有正在公示的档案，无需打印公示名单。")]
    assert not (tmp_path / "公示.pdf").exists()


def test_a_cancelled_export_leaves_nothing(window: Any, qtbot: QtBot, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _files(window, "欧阳明")
    out = tmp_path / "cancelled.xlsx"
    _save_as(monkeypatch, out)
    monkeypatch.setattr(tasks, "SHOW_AFTER_MS", 50)
    threads: list[str] = []
    real_export = exchange.export_register

    def slow_export(kind: str, path: Path, *, progress: ProgressFn, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)

        def dawdle(done: int, total: int, message: str = "") -> None:
            progress(done, total, message)
            time.sleep(0.01)

        for i in range(1000):  # reports progress until the user cancels
            dawdle(i, 1000, "正在导出档案")
        return real_export(kind, path, progress=progress, **kwargs)

    monkeypatch.setattr(exchange, "export_register", slow_export)
    task = window.households_page.export(masked=False, current_list=False)
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: task.dialog.labelText().endswith("正在导出档案"))
    cancel = task.dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)
    assert threads and threads[0] != threading.main_thread().name
    assert task.outcome == "cancelled"
    assert list(tmp_path.glob("*cancelled*")) == []
    assert "已取消" in window.statusBar().currentMessage()


def test_a_bug_in_a_task_goes_to_the_crash_report(window: Any, qtbot: QtBot, recorded: Messages,
                                                  user_data: Path) -> None:
    recorded.crash_expected = True

    def broken(_progress: ProgressFn) -> None:
        raise ZeroDivisionError("故意的错误")

    window.runner.run("测试任务", broken, window)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert recorded.kinds("crash")
    log = (user_data / "logs" / "bangfu.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: 故意的错误" in log


def test_a_task_closes_its_database_connection(window: Any, qtbot: QtBot) -> None:
    from db.database import database

    seen: list[bool] = []

    def query(_progress: ProgressFn) -> int:
        count = search.count(search.HouseholdQuery())
        seen.append(database.is_closed())
        return count

    results: list[int] = []
    window.runner.run("统计", query, window, on_done=results.append)
    qtbot.waitUntil(lambda: results == [0])
    assert seen == [False]  # the worker had its own open connection while it worked …
    pool_thread_closed: list[bool] = []
    window.runner.run("检查", lambda _p: pool_thread_closed.append(database.is_closed()), window)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert pool_thread_closed == [True]  # … and closed it afterwards (same worker thread)


def test_known_error_raised_by_work_is_shown_not_logged(window: Any, qtbot: QtBot, recorded: Messages) -> None:
    def refuse(_progress: ProgressFn) -> None:
        raise KnownError("磁盘已满")

    window.runner.run("导出", refuse, window)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert recorded.kinds("warn") == [("导出", "磁盘已满")]
