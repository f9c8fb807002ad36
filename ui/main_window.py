"""The main window: menus, the tabs (ui.pages.PAGES), the signed-in account, idle lock, backups, and a status bar."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

from app import __version__, logfile, paths, session
from app.errors import KnownError
from app.office import close_office
from app.services import accounts, backup, settings
from app.services.backup import BackupInfo, megabytes
from app.services.restore import RestoreResult
from app.session import Permission, SignedIn
from ui import messages
from ui.dialogs.change_password_dialog import ChangePasswordDialog
from ui.dialogs.restore_dialog import RestoreDialog
from ui.events import AppEvents
from ui.idle_lock import IdleWatcher, idle_minutes
from ui.main_menus import MainMenus
from ui.opening import Opened, open_for_window
from ui.operations import backups
from ui.operations.households import refused
from ui.pages import PAGES, Page
from ui.pages.households_page import HouseholdsPage
from ui.permissions import account_text
from ui.screen_lock import ScreenLock
from ui.session_dialogs import SessionDialogs
from ui.sign_in import sign_in_interactively
from ui.tasks import Task, TaskRunner
from ui.window_settings import window_settings

MESSAGE_MS = 8000
P = TypeVar("P", bound=Page)


class MainWindow(QMainWindow):
    """Built on a database that is already open, with someone signed in (run_window does both; tests too)."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.exit_code = 0  # 1 if the window closed because no database could be opened again
        self.restore_dialog: RestoreDialog | None = None
        self.events = AppEvents(self)
        self.runner = TaskRunner(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.pages: list[Page] = [page_class(self.events, self.runner, self) for page_class in PAGES]
        for page in self.pages:
            self.tabs.addTab(page, page.title)
        self.households_page = self.page(HouseholdsPage)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.screen_lock = ScreenLock(self, self.stack)
        self.screen_lock.switch_requested.connect(self.switch_user)
        self.screen_lock.unlocked.connect(self._after_unlock)
        self.dialogs = SessionDialogs(self)
        self.account_label = QLabel(self)
        self.account_label.setObjectName("account")
        self.db_label = QLabel(self)
        self.db_label.setObjectName("dbPath")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts")
        self.alerts_label = QLabel(self)
        self.alerts_label.setObjectName("alerts")
        self.alerts_label.setStyleSheet("color: #b3261e;")
        self.alerts: dict[str, str] = {}
        self.statusBar().addWidget(self.account_label)
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.alerts_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.menus = MainMenus(self)
        self.open_action = self.menus.open_action
        self.print_actions = self.menus.print_actions
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(lambda: self.lock(idle=True))
        self.runner.status_message.connect(self.show_message)
        for page in self.pages:
            page.message.connect(self.show_message)
            page.status_changed.connect(lambda _text, page=page: self._show_page_status(page))
            page.alert_changed.connect(lambda text, page=page: self._show_alert(page, text))
        self.tabs.currentChanged.connect(lambda _index: self._show_page_status(self.current_page()))
        self.events.database_opened.connect(lambda _path: self._show_database())
        self.events.account_changed.connect(self.apply_account)
        self.events.settings_changed.connect(self._settings_changed)
        self.events.data_replaced.connect(self._settings_changed)  # a restore brings its own settings
        self._show_database()
        self._show_page_status(self.current_page())
        self.apply_account()
        self.idle.set_minutes(idle_minutes())
        self.idle.start()
        self.resize(1366, 768)
        self._restore_state()

    def _name_print_scope(self) -> None:
        self.menus.name_print_scope()

    # --- the pages (one per tab) -----------------------------------------------------------
    def page(self, page_class: type[P]) -> P:
        """The window's page of this class."""
        for page in self.pages:
            if isinstance(page, page_class):
                return page
        raise LookupError(page_class.__name__)

    def current_page(self) -> Page:
        current = self.tabs.currentWidget()
        return current if isinstance(current, Page) else self.pages[0]

    def show_page(self, page: Page) -> None:
        self.tabs.setCurrentWidget(page)

    def wait_pages_idle(self) -> None:
        """No page's worker may be halfway through a read (before signing out, another database, a restore)."""
        for page in self.pages:
            page.wait_idle()

    # --- the signed-in account -----------------------------------------------------------
    def apply_account(self) -> None:
        """Title, status bar, menus and the page follow the account that is signed in now."""
        self._show_title()
        self.account_label.setText(f"账户：{account_text()}")
        self.menus.apply_account()
        for page in self.pages:
            page.apply_account()

    def _show_title(self) -> None:
        self.setWindowTitle(f"{settings.office_name()} — {paths.APP_TITLE} — {account_text()}")

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self)
        dialog.accepted.connect(lambda: self.show_message("密码已修改。"))
        dialog.finished.connect(dialog.deleteLater)
        self.dialogs.password_dialog = dialog
        dialog.open()
        return dialog

    @property
    def locked(self) -> bool:
        return self.screen_lock.locked

    def lock(self, *, idle: bool = False) -> None:
        """Cover the window until the password is typed again (Ctrl+L, or after the idle time)."""
        if session.current() is None or self.screen_lock.locked:
            return
        self.idle.pause()
        minutes = self.idle.timeout_ms // 60_000
        reason = f"已有 {minutes} 分钟没有操作，工作台已自动锁定。" if idle and minutes else "工作台已锁定。"
        self.screen_lock.lock(reason)

    def _after_unlock(self) -> None:
        self.idle.resume()
        self.show_message("已解锁。")

    def switch_user(self) -> bool:
        """Sign out and let someone sign in; closing the login closes the program (nobody is signed in).

        Not while a background task runs: it acts, and is recorded, as the account that started it.
        """
        if self.runner.busy:
            messages.inform(self, "切换用户", "后台任务（导出、打印等）完成后才能切换用户，请稍候再试。")
            if self.screen_lock.covered:
                self.screen_lock.lock("工作台已锁定。")
            return False
        return self._sign_in_again(session.current())

    def _sign_in_again(self, previous: SignedIn | None, *, reload_all: bool = False) -> bool:
        """The login over a covered window; the daily backup follows a sign-in. False: the window closed."""
        self.idle.pause()
        self.screen_lock.cover("档案信息已隐藏。请登录。")  # any account may: not "the current account's password"
        self.wait_pages_idle()
        accounts.sign_out()
        if not sign_in_interactively(self.db_path, self):
            self.screen_lock.uncover(restore_dialogs=False)
            self.close()
            return False
        now = session.current()
        same = previous is not None and now is not None and now.account_id == previous.account_id
        self.screen_lock.uncover(restore_dialogs=same)  # another account: the previous one's dialogs close
        self.events.announce_account()
        if reload_all:
            self.events.announce_data_replaced()
        else:
            for page in self.pages:
                page.reload()
        self.idle.resume()
        self.show_message(f"已登录：{account_text()}")
        self.start_daily_backup()
        return True

    # --- administration (accounts, settings, audit trail) ---------------------------------
    def open_accounts(self) -> QDialog | None:
        return self.dialogs.open_accounts()

    def open_settings(self) -> QDialog | None:
        return self.dialogs.open_settings()

    def open_audit(self) -> QDialog | None:
        return self.dialogs.open_audit()

    def _settings_changed(self) -> None:
        self._show_title()
        self.idle.set_minutes(idle_minutes())

    # --- status bar ----------------------------------------------------------------------
    def _show_database(self) -> None:
        self._show_title()
        self.db_label.setText(f"数据库：{self.db_path}")
        self.db_label.setToolTip(str(self.db_path))

    def _show_page_status(self, page: Page) -> None:
        """The right end of the status bar shows the summary of the page in front."""
        if page is self.current_page():
            self.counts_label.setText(page.status_text())

    def _show_alert(self, page: Page, text: str) -> None:
        """Alerts (信访超期 …) stay in the status bar whichever tab is in front."""
        self.alerts[page.title] = text
        self.alerts_label.setText(" · ".join(t for t in self.alerts.values() if t))

    @property
    def counts_text(self) -> str:
        return self.counts_label.text()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    # --- another database ----------------------------------------------------------------
    def choose_database(self) -> None:
        if self.runner.busy:
            messages.inform(self, "打开数据库", "请等后台任务完成后再打开其他数据库。")
            return
        chosen, _filter = QFileDialog.getOpenFileName(self, "打开数据库", str(self.db_path.parent),
                                                      "帮扶工作台数据库 (*.sqlite *.db);;所有文件 (*)")
        if chosen:
            self.open_database(Path(chosen))

    def open_database(self, path: Path) -> bool:
        """Switch to another database file and sign in there (its accounts are its own).

        A damaged file is explained and its newest verified backup offered (restoring it signs its
        administrator in). If it cannot be opened, or nobody signs in to it, the current database
        is opened again, which may itself be refused or found damaged; if that fails too, or
        nobody signs in, the window closes.
        """
        self.wait_pages_idle()  # no worker may be halfway through a read
        self.idle.pause()
        # its dialogs belong to this database: closed when uncovered
        self.screen_lock.cover(f"正在打开另一个数据库：{path}。请用该数据库的账户登录。")
        accounts.sign_out()  # recorded in the database being left
        close_office()
        opened = open_for_window(path, self, quit_text="不恢复")
        if opened is not None and opened.restored is None and not sign_in_interactively(opened.path, self):
            close_office()
            opened = None
        current = opened or self._open_again()
        if current is None:
            self.screen_lock.uncover(restore_dialogs=False)
            self.close()
            return False
        self.screen_lock.uncover(restore_dialogs=False)
        self.db_path = current.path
        self.events.announce_database(self.db_path)
        self.events.announce_account()
        self.idle.set_minutes(idle_minutes())
        self.idle.resume()
        if opened is not None:
            self.show_message(f"已打开 {opened.path}")
        if current.restored is not None:
            messages.inform(self, "已恢复备份", current.restored.describe())
        self.start_daily_backup()
        return opened is not None

    def _open_again(self) -> Opened | None:
        """Back to the database the window had open, signed in again; None if that cannot be."""
        again = open_for_window(self.db_path, self)
        if again is None:
            self.exit_code = 1  # nothing could be opened: the program ends as a failed start would
            return None
        if again.restored is None and not sign_in_interactively(again.path, self):
            return None
        return again

    # --- backups -------------------------------------------------------------------------
    def start_daily_backup(self) -> Task:
        """After a sign-in: the day's backup, quietly in the background, if none was made today."""
        return backups.daily_backup(self, self.runner, self.show_message)

    def backup_now(self) -> Task | None:
        return backups.backup_to_folder(self, self.runner, self._backed_up)

    def backup_to(self) -> Task | None:
        return backups.backup_to_file(self, self.runner, self.db_path, self._backed_up)

    def _backed_up(self, info: BackupInfo) -> None:
        self.show_message(f"已备份（{megabytes(info.size)}，已校验）：{info.path}")

    def open_restore(self) -> RestoreDialog | None:
        """恢复备份: choose a backup (the list, or a file), confirm, then restore in the background."""
        if refused(self, "恢复备份", Permission.RESTORE):
            return None
        if self.runner.busy:
            messages.inform(self, "恢复备份", "请等后台任务（导出、打印、备份等）完成后再恢复备份。")
            return None
        try:
            found = backup.list_backups()
        except KnownError as exc:
            messages.warn(self, "恢复备份", str(exc))
            return None
        dialog = RestoreDialog(found, self.db_path, self)
        dialog.accepted.connect(lambda: self.restore_from(dialog.chosen) if dialog.chosen else None)
        dialog.finished.connect(dialog.deleteLater)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def restore_from(self, source: Path) -> Task | None:
        """Restore a confirmed backup; afterwards every page reloads, and a vanished account signs in again."""
        self.dialogs.close_all()  # what they show is about to be replaced
        self.wait_pages_idle()
        restored: list[RestoreResult] = []
        task = backups.restore_from(self, self.runner, source, restored.append)
        if task is not None:  # finished comes after the runner has let go of the task
            task.finished.connect(lambda: self._restored(restored[0]) if restored else None)
        return task

    def _restored(self, result: RestoreResult) -> None:
        if result.signed_in is None:  # the restored data has no such (active) account: nobody is signed in
            self.screen_lock.cover()
            self.events.announce_account()
            messages.inform(self, "已恢复备份", result.describe())
            self._sign_in_again(None, reload_all=True)
            return
        self.events.announce_account()
        self.events.announce_data_replaced()
        self.show_message(f"已从备份恢复：{result.source}")
        messages.inform(self, "已恢复备份", result.describe())

    def about(self) -> None:
        messages.about(self, "关于", (
            f"<b>{paths.APP_TITLE}</b> {__version__}<br>{escape(settings.office_name())}<br><br>"
            f"当前账户：{escape(account_text())}<br>"
            f"数据库：{escape(str(self.db_path))}<br>"
            f"数据文件夹：{escape(str(paths.user_data_dir()))}<br>"
            f"日志：{escape(str(logfile.log_path()))}"))

    # --- window state (size, list columns) kept in the user data folder -------------------
    def _restore_state(self) -> None:
        state = window_settings()
        geometry = state.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        for page in self.pages:
            page.restore_state(state)

    def _save_state(self) -> None:
        state = window_settings()
        state.setValue("main/geometry", self.saveGeometry())
        for page in self.pages:
            page.save_state(state)
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        self.runner.shutdown()
        for page in self.pages:
            page.shutdown()
        self.dialogs.close_all()
        for dialog in self.findChildren(QDialog):  # e.g. a file still open when the window is closed by code
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)
        self._save_state()
        super().closeEvent(event)

