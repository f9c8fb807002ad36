"""操作日志 (administrators): who did what and when, filtered; the chain checked; the list exported to Excel."""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.progress import ProgressFn
from app.services import audit
from app.services.audit import AuditAction, AuditQuery
from app.services.audit_check import TrailCheck, check_trail
from ui import messages
from ui.operations.households import ask_save_path
from ui.tables.audit_model import AuditModel
from ui.tasks import Task, TaskRunner

DEFAULT_DAYS = 30
TEXT_DELAY_MS = 300
ALL_ACCOUNTS = "全部账户"
ALL_ACTIONS = "全部操作"


def _qdate(day: datetime.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(qdate: QDate) -> datetime.date:
    return datetime.date(qdate.year(), qdate.month(), qdate.day())


class AuditWindow(QDialog):
    """Not modal: it can stay open beside the main window while one looks something up."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("操作日志")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._runner = runner
        self.last_task: Task | None = None
        self.last_check: TrailCheck | None = None
        today = clock.today()
        self.since_edit = self._date_edit(today - datetime.timedelta(days=DEFAULT_DAYS))
        self.until_edit = self._date_edit(today)
        self.account_combo = QComboBox(self)
        self.action_combo = QComboBox(self)
        self.action_combo.addItem(ALL_ACTIONS, None)
        for action in AuditAction:
            self.action_combo.addItem(str(action), str(action))
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText("查找对象或详情，如档案编号、姓名")
        self.text_edit.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for label, widget in (("从", self.since_edit), ("至", self.until_edit), ("账户", self.account_combo),
                              ("操作", self.action_combo)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.text_edit, 1)

        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 90, 90, 200)):
            self.table.setColumnWidth(column, width)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("选中一条记录，在这里查看全部详情")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultLine")
        self.verify_button = QPushButton("校验", self)
        self.verify_button.setToolTip("检查操作日志是否被修改或删除过（逐条核对校验值）")
        self.export_button = QPushButton("导出…", self)
        self.export_button.setToolTip("把当前筛选出的全部记录导出为 Excel 工作簿；导出本身也记入操作日志")
        close_button = QPushButton("关闭", self)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export)
        close_button.clicked.connect(self.reject)
        for button in (self.verify_button, self.export_button, close_button):
            button.setAutoDefault(False)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.verify_button)
        footer.addWidget(self.export_button)
        footer.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self.apply_filters)
        self.text_edit.textChanged.connect(lambda _text: self._text_timer.start())
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(lambda _date: self.apply_filters())
        self.account_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.action_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_detail(current.row()))
        self.model.rowsInserted.connect(lambda *_args: self._show_count())
        self.load_accounts()
        self.resize(1100, 640)
        self.apply_filters()

    def _date_edit(self, day: datetime.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def load_accounts(self) -> None:
        """Every user name that appears in the trail (accounts since deleted or failed logins too)."""
        current = self.account_combo.currentData()
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        self.account_combo.addItem(ALL_ACCOUNTS, None)
        for name in audit.usernames():
            self.account_combo.addItem(name, name)
        index = self.account_combo.findData(current) if current else 0
        self.account_combo.setCurrentIndex(max(index, 0))
        self.account_combo.blockSignals(False)

    def query(self) -> AuditQuery:
        since, until = _day(self.since_edit.date()), _day(self.until_edit.date())
        return AuditQuery(text=self.text_edit.text().strip(), username=self.account_combo.currentData(),
                          action=self.action_combo.currentData(), since=min(since, until), until=max(since, until))

    def apply_filters(self) -> None:
        self._text_timer.stop()
        self.model.set_query(self.query())
        self._show_count()
        self.detail.clear()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        more = "，向下滚动显示更早的记录" if self.model.has_more else ""
        self.count_label.setText(f"显示 {count} 条{more}" if count else "没有符合条件的记录")

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.detail.clear()
            return
        shown = self.model.row(row)
        when, who, action, target, details = shown.cells
        lines = [f"{when}  {who}  {action}", target, *details.replace("修改：", "修改：\n").split("；")]
        self.detail.setPlainText("\n".join(line for line in lines if line))

    # --- check and export ----------------------------------------------------------------
    def verify(self) -> Task:
        """Run verify_chain() in the background and say the result."""
        self.verify_button.setEnabled(False)

        def done(result: TrailCheck) -> None:
            self.last_check = result
            if result.intact:
                messages.inform(self, "操作日志校验", result.summary())
            else:
                messages.warn(self, "操作日志校验", result.summary() + "\n\n请报告管理员，并保留数据库文件以便核查。")

        task = self._runner.run("校验操作日志", lambda _progress: check_trail(), self, on_done=done,
                                cancellable=False)
        task.finished.connect(lambda: self.verify_button.setEnabled(True))
        self.last_task = task
        return task

    def export(self) -> Task | None:
        """Ask where, then write every record the filter matches to a workbook in the background."""
        query = self.query()
        name = f"操作日志-{clock.today().isoformat()}.xlsx"
        out = ask_save_path(self, "export", "导出操作日志", name, ".xlsx", "Excel 工作簿")
        if out is None:
            return None

        def work(progress: ProgressFn) -> tuple[Path, int]:
            from app.services.audit_export import export_audit  # openpyxl loads on first use

            result = export_audit(query, out, progress=progress)
            return result.path, result.rows

        def done(result: tuple[Path, int]) -> None:
            path, rows = result
            self.load_accounts()
            self.apply_filters()  # the export itself is now the newest record
            self.count_label.setText(f"已导出 {rows} 条到 {path}")

        self.last_task = self._runner.run("导出操作日志", work, self, on_done=done)
        return self.last_task
