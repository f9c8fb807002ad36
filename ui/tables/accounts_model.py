"""账户: the staff accounts of this database, one row each (a handful, read at once)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.accounts import AccountView

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("用户名", "姓名", "角色", "状态", "最近登录")
INACTIVE = QColor("#8a94a3")


def status_text(account: AccountView) -> str:
    if not account.active:
        return "已停用"
    return "启用（首次登录须改密码）" if account.must_change_password else "启用"


class AccountsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accounts: list[AccountView] = []

    def set_accounts(self, accounts: Sequence[AccountView]) -> None:
        self.beginResetModel()
        self._accounts = list(accounts)
        self.endResetModel()

    def account(self, row: int) -> AccountView:
        return self._accounts[row]

    def row_of(self, account_id: int) -> int | None:
        return next((r for r, a in enumerate(self._accounts) if a.id == account_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._accounts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        account = self._accounts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            last = f"{account.last_login_at:%Y-%m-%d %H:%M}" if account.last_login_at else "从未登录"
            values = (account.username, account.display_name, str(account.role), status_text(account), last)
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not account.active:
            return INACTIVE
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
