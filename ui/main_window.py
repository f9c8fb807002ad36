"""The main window: menus, the tabs (档案 for now), and a status bar with the database and counts."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from app import __version__, paths
from app.errors import KnownError
from app.office import close_office, open_office
from app.services import settings
from app.services.household_search import Queue
from ui import crash, messages
from ui.events import AppEvents
from ui.operations.households import PRINT_DEFAULTS, PRINT_TITLES
from ui.pages.households_page import HouseholdsPage, open_count
from ui.tasks import TaskRunner

MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    """Built on a database that is already open (run_window opens it; tests use their own)."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.events = AppEvents(self)
        self.runner = TaskRunner(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.households_page = HouseholdsPage(self.events, self.runner, self)
        self.tabs.addTab(self.households_page, "档案")
        self.setCentralWidget(self.tabs)
        self.db_label = QLabel(self)
        self.db_label.setObjectName("dbPath")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self._build_menus()
        self.runner.status_message.connect(self.show_message)
        self.households_page.message.connect(self.show_message)
        self.households_page.counts_changed.connect(self._show_counts)
        self.events.database_opened.connect(lambda _path: self._show_database())
        self._show_database()
        self._show_counts(self.households_page.last_counts)
        self.resize(1366, 768)
        self._restore_state()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self.open_action = self._action(file_menu, "打开数据库…", self.choose_database, QKeySequence.StandardKey.Open)
        file_menu.addSeparator()
        page = self.households_page
        self._action(file_menu, "导出档案登记簿…", lambda: page.export(masked=False, current_list=False))
        self._action(file_menu, "导出（隐去身份信息）…", lambda: page.export(masked=True, current_list=False))
        file_menu.addSeparator()
        self._action(file_menu, "退出", self.close, QKeySequence.StandardKey.Quit)
        print_menu = bar.addMenu("打印(&P)")
        self.print_actions = {
            "home-visit": self._action(print_menu, "入户调查表（待调查）…", lambda: page.print_form("home-visit")),
            "file-form": self._action(print_menu, "档案表…", lambda: page.print_form("file-form")),
            "notice": self._action(print_menu, "公示名单…", lambda: page.print_form("notice")),
        }
        print_menu.aboutToShow.connect(self._name_print_scope)
        help_menu = bar.addMenu("帮助(&H)")
        self._action(help_menu, "关于", self.about)

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _name_print_scope(self) -> None:
        """The print menu says what it prints: the selected files, or the form's usual batch."""
        count = len(self.households_page.selected_rows())
        for form, action in self.print_actions.items():
            scope = f"所选 {count} 户" if count else PRINT_DEFAULTS[form]
            action.setText(f"{PRINT_TITLES[form]}（{scope}）…")

    # --- status bar ----------------------------------------------------------------------
    def _show_database(self) -> None:
        self.setWindowTitle(f"{settings.office_name()} — {paths.APP_TITLE}")
        self.db_label.setText(f"数据库：{self.db_path}")
        self.db_label.setToolTip(str(self.db_path))

    def _show_counts(self, counts: dict[str, dict[str, int]]) -> None:
        statuses, queues = counts["statuses"], counts["queues"]
        if not statuses:
            self.counts_label.setText("正在统计…")
            return
        recheck = queues.get(str(Queue.RECHECK_DUE), 0)
        survey = queues.get(str(Queue.SURVEY_DUE), 0)
        self.counts_label.setText(f"在办 {open_count(statuses)} 户 · 在档 {statuses.get('在档', 0)} · "
                                  f"待复核 {recheck} · 待调查 {survey}")

    @property
    def counts_text(self) -> str:
        return self.counts_label.text()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    # --- menu actions --------------------------------------------------------------------
    def choose_database(self) -> None:
        if self.runner.busy:
            messages.inform(self, "打开数据库", "请等后台任务完成后再打开其他数据库。")
            return
        chosen, _filter = QFileDialog.getOpenFileName(self, "打开数据库", str(self.db_path.parent),
                                                      "帮扶工作台数据库 (*.sqlite *.db);;所有文件 (*)")
        if chosen:
            self.open_database(Path(chosen))

    def open_database(self, path: Path) -> bool:
        """Switch to another database file; on failure the current one stays open."""
        self.households_page.readers.wait_idle()  # no worker may be halfway through a read
        close_office()
        try:
            opened = open_office(path)
        except KnownError as exc:
            open_office(self.db_path)
            messages.warn(self, "无法打开数据库", str(exc))
            return False
        self.db_path = opened
        self.events.announce_database(opened)
        self.show_message(f"已打开 {opened}")
        return True

    def about(self) -> None:
        messages.about(self, "关于", (
            f"<b>{paths.APP_TITLE}</b> {__version__}<br>{escape(settings.office_name())}<br><br>"
            f"数据库：{escape(str(self.db_path))}<br>"
            f"数据文件夹：{escape(str(paths.user_data_dir()))}<br>"
            f"日志：{escape(str(crash.log_path()))}"))

    # --- window state (size, list columns) kept in the user data folder -------------------
    @staticmethod
    def _state() -> QSettings:
        return QSettings(str(paths.user_data_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_state(self) -> None:
        state = self._state()
        geometry = state.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        header = state.value("households/columns")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.households_page.table.horizontalHeader().restoreState(header)

    def _save_state(self) -> None:
        state = self._state()
        state.setValue("main/geometry", self.saveGeometry())
        state.setValue("households/columns", self.households_page.table.horizontalHeader().saveState())
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.shutdown()
        self.households_page.shutdown()
        self._save_state()
        super().closeEvent(event)
