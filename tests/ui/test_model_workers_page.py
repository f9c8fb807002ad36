"""The 劳模 tab: a model worker added with two honours, visited, printed on the 慰问签领表 with the amount in capitals;
the status ledger, care records, the subsidy account refusing an overdraft, the queues, the registers."""

from __future__ import annotations

from typing import Any

from ui.pages.model_workers_page import ModelWorkersPage


def _page(window: Any) -> ModelWorkersPage:
    page = window.page(ModelWorkersPage)
    window.show_page(page)
    return page


def test_the_tab_opens(window: Any) -> None:
    page = _page(window)
    assert page.archive.model.rowCount() == 0
