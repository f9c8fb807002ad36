"""The main window's menus; what the signed-in account may not do is disabled and says why."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app import session
from app.session import Permission
from ui.operations.households import PRINT_DEFAULTS, PRINT_TITLES
from ui.permissions import guard

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Shortcut = QKeySequence.StandardKey | QKeySequence | None


class MainMenus:
    """文件, 打印, 账户, 管理, 帮助 of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        page = window.households_page
        file_menu = self._menu("文件(&F)")
        self.open_action = self._action(file_menu, "打开数据库…", window.choose_database,
                                        QKeySequence.StandardKey.Open)
        file_menu.addSeparator()
        self.export_action = self._action(file_menu, "导出档案登记簿（隐去身份信息）…",
                                          lambda: page.export(masked=True, current_list=False))
        self.export_full_action = self._action(file_menu, "导出档案登记簿（含完整身份信息）…",
                                               lambda: page.export(masked=False, current_list=False))
        self.import_wizard_action = self._action(file_menu, "导入向导…", self.open_import_wizard)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "立即备份", window.backup_now)
        self.backup_to_action = self._action(file_menu, "备份到…", window.backup_to)
        self.restore_action = self._action(file_menu, "恢复备份…", window.open_restore)
        file_menu.addSeparator()
        self._action(file_menu, "退出", window.close, QKeySequence.StandardKey.Quit)

        print_menu = self._menu("打印(&P)")
        self.print_actions = {
            form: self._action(print_menu, f"{PRINT_TITLES[form]}…", lambda f=form: page.print_form(f))
            for form in ("home-visit", "file-form", "notice")
        }
        print_menu.aboutToShow.connect(self.name_print_scope)

        account_menu = self._menu("账户(&A)")
        self.change_password_action = self._action(account_menu, "修改密码…", window.change_password)
        self.lock_action = self._action(account_menu, "锁定", window.lock, QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        account_menu.addSeparator()
        self.switch_action = self._action(account_menu, "注销/切换用户…", window.switch_user)

        admin_menu = self._menu("管理(&M)")
        self.accounts_action = self._action(admin_menu, "账户管理…", window.open_accounts)
        self.settings_action = self._action(admin_menu, "本单位设置…", window.open_settings)
        self.audit_action = self._action(admin_menu, "操作日志…", window.open_audit)

        help_menu = self._menu("帮助(&H)")
        self._action(help_menu, "关于", window.about)
        self.menus = [a.menu() for a in bar.actions()]

    def _menu(self, title: str) -> QMenu:
        menu = self.window.menuBar().addMenu(title)
        menu.setToolTipsVisible(True)  # a disabled item says why
        return menu

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def apply_account(self) -> None:
        """Enable what the signed-in account may do; the full-identity export is offered only to those allowed."""
        guard(self.export_action, Permission.EXPORT_MASKED, "身份证号、手机号、银行卡号只显示首尾几位")
        self.export_full_action.setVisible(session.may(Permission.EXPORT_FULL))
        guard(self.export_full_action, Permission.EXPORT_FULL, "用于向上级报送；导出将记入操作日志")
        for action in self.print_actions.values():
            guard(action, Permission.PRINT)
        guard(self.import_wizard_action, Permission.IMPORT, "把本单位已有的 Excel、WPS、CSV 表格导入任一登记簿")
        guard(self.backup_action, Permission.BACKUP, "把数据库完整复制到它的备份文件夹（backups），复制后校验")
        guard(self.backup_to_action, Permission.BACKUP, "把数据库完整复制到自选的文件夹或文件，如U盘")
        guard(self.restore_action, Permission.RESTORE, "用备份替换当前数据（会先备份当前数据）")
        guard(self.accounts_action, Permission.ACCOUNTS, "新建账户、重置密码、修改角色、停用账户")
        guard(self.settings_action, Permission.SETTINGS, "帮扶中心名称、公示天数、自动锁定、低保标准、可选值")
        guard(self.audit_action, Permission.AUDIT, "谁在什么时候做了什么；校验日志是否完整")

    def open_import_wizard(self) -> object:
        from ui.dialogs.import_wizard import open_import_wizard

        return open_import_wizard(self.window, self.window.runner, self.window.events)

    def name_print_scope(self) -> None:
        """The print menu says what it prints: the selected files, or the form's usual batch."""
        page = self.window.households_page
        count = len(page.selected_rows())
        # From another tab (救助, 信访 …) the selection meant is the 档案 tab's, out of sight: say so
        where = "" if self.window.current_page() is page else "档案页"
        for form, action in self.print_actions.items():
            scope = f"{where}所选 {count} 户" if count else PRINT_DEFAULTS[form]
            action.setText(f"{PRINT_TITLES[form]}（{scope}）…")
