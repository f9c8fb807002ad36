"""The small read-only tables (accounts, a file's history) on the shared RowsModel: texts, colours, tips."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from app.services.accounts import AccountView
from app.services.household_forms import HouseholdEventView
from app.session import Role
from ui.tables.accounts_model import INACTIVE, AccountsModel
from ui.tables.history_model import HistoryModel

WHEN = datetime.datetime(2025, 6, 30, 9, 5)


def test_accounts_show_their_state_and_a_stopped_one_is_grey(qtmodeltester: ModelTester) -> None:
    model = AccountsModel()
    model.set_accounts([AccountView(1, "admin", "测试员", Role.ADMIN, True, False, WHEN),
                        AccountView(2, "jingban", "李经办", Role.CLERK, False, True, None)])
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(5)] == ["admin", "测试员", str(Role.ADMIN), "启用",
                                                            "2025-06-30 09:05"]
    assert model.index(1, 3).data() == "已停用" and model.index(1, 4).data() == "从未登录"
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) == INACTIVE
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.row_of(2) == 1 and model.account(1).username == "jingban"
    assert model.headerData(4, Qt.Orientation.Horizontal) == "最近登录"


def test_a_files_history_lists_each_step_with_when_it_was_entered(qtmodeltester: ModelTester) -> None:
    model = HistoryModel()
    model.set_events([HouseholdEventView(datetime.date(2025, 3, 1), "申报", "申报", "张文斌", "导入", WHEN)])
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(5)] == ["2025-03-01", "申报", "申报", "张文斌", "导入"]
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "录入时间：2025-06-30 09:05"
