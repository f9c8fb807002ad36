"""账户: the staff accounts of this database, one row each (a handful, read at once)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor

from app.services.accounts import AccountView
from ui.tables.rows_model import RowsModel

HEADERS = ("用户名", "姓名", "角色", "状态", "最近登录")
INACTIVE = QColor("#8a94a3")


def status_text(account: AccountView) -> str:
    if not account.active:
        return "已停用"
    return "启用（首次登录须改密码）" if account.must_change_password else "启用"


class AccountsModel(RowsModel[AccountView]):
    headers = HEADERS

    def set_accounts(self, accounts: Sequence[AccountView]) -> None:
        self.set_items(accounts)

    def account(self, row: int) -> AccountView:
        return self.item(row)

    def row_of(self, account_id: int) -> int | None:
        return next((r for r, a in enumerate(self.items) if a.id == account_id), None)

    def texts(self, item: AccountView) -> tuple[str, ...]:
        last = f"{item.last_login_at:%Y-%m-%d %H:%M}" if item.last_login_at else "从未登录"
        return item.username, item.display_name, str(item.role), status_text(item), last

    def foreground(self, item: AccountView) -> object:
        return None if item.active else INACTIVE
