"""Actions the signed-in account may not take are shown disabled, with a tooltip that says why."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app import session
from app.session import Permission

# What the refusal calls each permission ("查看账户无权录入").
VERBS: dict[Permission, str] = {
    Permission.VIEW: "查看档案",
    Permission.EDIT: "录入和办理",
    Permission.DELETE: "删除档案",
    Permission.PRINT: "打印",
    Permission.EXPORT_MASKED: "导出",
    Permission.EXPORT_FULL: "导出完整身份信息",
    Permission.REVEAL: "查看完整身份信息",
    Permission.IMPORT: "导入",
    Permission.SETTINGS: "修改本单位设置",
    Permission.ACCOUNTS: "管理账户",
    Permission.BACKUP: "备份",
    Permission.RESTORE: "恢复备份",
    Permission.AUDIT: "查看操作日志",
    Permission.PURGE: "清理过期档案",
}


def refusal(permission: Permission) -> str:
    """Why the signed-in account may not do this, or "" if it may."""
    current = session.current()
    if current is None:
        return "尚未登录"
    if current.may(permission):
        return ""
    return f"{current.role}账户无权{VERBS.get(permission, str(permission))}（如需办理，请联系管理员）"


def guard(target: QAction | QWidget, permission: Permission, tooltip: str = "") -> bool:
    """Enable `target` if the account may, else disable it and say why; returns whether it may."""
    reason = refusal(permission)
    target.setEnabled(not reason)
    target.setToolTip(reason or tooltip)
    if isinstance(target, QAction):
        target.setStatusTip(reason or tooltip)
    return not reason


def account_text() -> str:
    """张经办（经办人）, for the title and the status bar."""
    current = session.current()
    return f"{current.display_name}（{current.role}）" if current is not None else "未登录"
