"""Who is signed in: the account every service checks before it acts, and whose name it records."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum

from app.errors import PermissionDenied


class Role(StrEnum):
    """角色: what an account may do."""

    ADMIN = "管理员"   # accounts, settings, restore, full-identity exports, the audit trail
    CLERK = "经办人"   # enter and edit, print, export masked, import, back up
    VIEWER = "查看"    # read only, masked


class Permission(StrEnum):
    VIEW = "查看档案"
    EDIT = "录入和办理"
    DELETE = "删除档案"
    PRINT = "打印"
    EXPORT_MASKED = "导出（隐去身份信息）"
    EXPORT_FULL = "导出（含完整身份信息）"
    REVEAL = "查看完整身份信息"
    IMPORT = "导入"
    SETTINGS = "修改设置"
    ACCOUNTS = "管理账户"
    BACKUP = "备份"
    RESTORE = "恢复备份"
    AUDIT = "查看操作日志"
    PURGE = "清理过期档案"
    OVERDRAW = "超出资金余额发放"


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: frozenset({P.VIEW, P.EDIT, P.DELETE, P.PRINT, P.EXPORT_MASKED, P.REVEAL, P.IMPORT, P.BACKUP}),
    Role.VIEWER: frozenset({P.VIEW}),
}


@dataclass(frozen=True)
class SignedIn:
    """The account a session acts as (a copy; the database row stays in db/)."""

    account_id: int
    username: str
    display_name: str
    role: Role

    def may(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


_current: SignedIn | None = None


def current() -> SignedIn | None:
    return _current


def set_current(account: SignedIn | None) -> None:
    """Called by app.services.accounts after a successful sign-in, and on sign-out."""
    global _current
    _current = account


def may(permission: Permission) -> bool:
    return _current is not None and _current.may(permission)


def require(permission: Permission) -> SignedIn:
    """The signed-in account, if it may do this; otherwise a plain refusal."""
    if _current is None:
        raise PermissionDenied("尚未登录，请先登录。")
    if not _current.may(permission):
        raise PermissionDenied(f"当前账户“{_current.display_name}”（{_current.role}）无权{permission}。"
                               "如需办理，请联系管理员。")
    return _current


def current_operator() -> str:
    """The name written on lifecycle steps and in the audit trail."""
    if _current is not None:
        return _current.display_name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "未知"


def current_username() -> str:
    return _current.username if _current is not None else "（未登录）"
