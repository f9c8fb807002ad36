"""The hardship file (困难职工档案) dialog: create or edit, live check, status, history, lifecycle steps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import session
from app.errors import KnownError, ValidationError
from app.services import household_search, households, lifecycle, settings
from app.services.household_forms import HouseholdChange, HouseholdDetail, Problem
from app.session import Permission
from app.vocab import FileAction
from ui import messages
from ui.dialogs.help_history_view import HelpHistoryView
from ui.dialogs.household_form_view import HouseholdFormView
from ui.dialogs.lifecycle_dialog import LifecycleDialog
from ui.events import AppEvents
from ui.permissions import refusal
from ui.tables.history_model import HistoryModel
from ui.tasks import TaskRunner
from ui.widgets.field_editors import LineEditor

PREVIEW_DELAY_MS = 200


class HouseholdDialog(QDialog):
    """Every field of the national form; messages beside the field at fault; Enter saves."""

    def __init__(self, events: AppEvents, runner: TaskRunner, household_id: int | None = None,
                 parent: QWidget | None = None, *, completions: Mapping[str, Sequence[str]] | None = None) -> None:
        super().__init__(parent)
        self._events = events
        self._runner = runner
        self.household_id = household_id
        self.change: HouseholdChange | None = None
        self.detail: HouseholdDetail | None = None
        # A read-only account (查看) sees the file with masked numbers and can change nothing.
        self.read_only = not session.may(Permission.EDIT)
        if household_id:  # full numbers for those who may edit them (logged); masked for read-only roles
            self.detail = households.get_household(household_id, reveal=session.may(Permission.REVEAL))
        self._attempted = False  # after the first 保存, every message is shown
        self._dirty = False
        self.lifecycle_dialog: LifecycleDialog | None = None
        lists = settings.value_lists()
        if completions is None:  # the page had not read them yet
            completions = {"work_unit": household_search.work_units(), "union_name": household_search.union_names()}

        self.title_label = QLabel(self)
        self.title_label.setObjectName("dialogTitle")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusBadge")
        self.actions_box = QHBoxLayout()
        self.action_buttons: dict[FileAction, QPushButton] = {}
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addSpacing(12)
        header.addWidget(self.status_label)
        header.addStretch(1)
        header.addLayout(self.actions_box)

        self.summary = QLabel(self)
        self.summary.setObjectName("errorSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.linkActivated.connect(self._focus_field)
        self.summary.hide()
        self.warnings_label = QLabel(self)
        self.warnings_label.setObjectName("warningSummary")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.hide()

        self.view = HouseholdFormView(lists, completions, existing=self.detail is not None, parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.view, "档案表")
        self.history = HistoryModel(self)
        self.help_view: HelpHistoryView | None = None
        if self.detail is not None:
            self.tabs.addTab(self._history_view(), "办理记录")
            self.help_view = HelpHistoryView(events, self.detail.id, self)
            self.tabs.addTab(self.help_view, "帮扶档案")
            self.help_view.loaded.connect(lambda text: self.tabs.setTabText(self.tabs.indexOf(self.help_view), text))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint_text = f"只读：{refusal(Permission.EDIT)}" if self.read_only else "回车保存 · Esc 取消 · 带 * 的为必填项"
        hint = QLabel(hint_text, self)
        hint.setObjectName("hint")
        footer = QHBoxLayout()
        footer.addWidget(hint)
        footer.addStretch(1)
        footer.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        if self.detail is not None:
            self.view.load(self.detail.register_values())
        else:
            self.view.load(vars(households.new_form()))
        self._show_header()
        self.view.changed.connect(self._on_changed)
        self.check_now()
        self._fit_to_screen()
        if self.read_only:
            self._make_read_only()
        else:
            self.view.editors["name"].focus_input()

    def _make_read_only(self) -> None:
        """No save, no lifecycle steps, no typing: only 关闭.

        Without the right to see identity numbers, birth dates show only their year: the full date
        is the hidden middle of the ID number (as in the masked export).
        """
        for editor in self.view.editors.values():
            editor.set_read_only(True)
            if isinstance(editor, LineEditor):
                editor.edit.setPlaceholderText("")
        self.view.members.set_read_only(True)
        if not session.may(Permission.REVEAL):
            born = self.detail.form.birth_date if self.detail is not None else None
            birth = self.view.editors["birth_date"]
            if isinstance(birth, LineEditor):
                birth.edit.setText(f"{born.year}年" if born else "")
            self.view.members.conceal_birth_dates()
        self.save_button.hide()
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText("关闭")
        close.setDefault(True)
        close.setFocus()

    def _history_view(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.history)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((100, 90, 90, 90)):
            table.setColumnWidth(column, width)
        self.history_table = table
        return table

    def _fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.resize(min(1120, area.width() - 40), min(760, area.height() - 40))

    # --- header: status, history, lifecycle actions ---------------------------------------
    def _show_header(self) -> None:
        detail = self.detail
        if detail is None:
            self.setWindowTitle("新建困难职工档案")
            self.title_label.setText("新建困难职工档案")
            self.status_label.setText("保存后状态为“申报”")
            return
        form = detail.form
        self.setWindowTitle(f"{'查看' if self.read_only else ''}档案 {form.file_no} {form.name}")
        self.title_label.setText(f"档案 {form.file_no} · {form.name}")
        status = f"状态：{detail.status}（{detail.status_since.isoformat()} 起）"
        if detail.notice_start and detail.notice_end and detail.status == "公示":
            status += f"　公示期 {detail.notice_start.isoformat()} 至 {detail.notice_end.isoformat()}"
        self.status_label.setText(status)
        self.history.set_events(detail.events)
        self.tabs.setTabText(1, f"办理记录（{len(detail.events)}）")
        for button in self.action_buttons.values():
            self.actions_box.removeWidget(button)
            button.deleteLater()
        self.action_buttons.clear()
        for action in [] if self.read_only else lifecycle.available_actions(detail.status):
            button = QPushButton(f"{action}…", self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, a=action: self.start_step(a))
            self.actions_box.addWidget(button)
            self.action_buttons[action] = button

    def start_step(self, action: FileAction) -> None:
        """Open the step dialog for this file; the form stays as typed."""
        if self.detail is None:
            return
        label = f"{self.detail.form.file_no} {self.detail.form.name}"
        dialog = LifecycleDialog(action, [(self.detail.id, label)], self._events, self._runner, self)
        dialog.accepted.connect(self._step_done)
        dialog.finished.connect(lambda _result: self._step_closed(dialog))
        self.lifecycle_dialog = dialog
        dialog.open()

    def _step_closed(self, dialog: LifecycleDialog) -> None:
        if self.lifecycle_dialog is dialog:
            self.lifecycle_dialog = None
        dialog.deleteLater()

    def _step_done(self) -> None:
        if self.household_id is None:
            return
        self.detail = households.get_household(self.household_id, reveal=session.may(Permission.REVEAL))
        if not self._dirty:
            self.view.load(self.detail.register_values())
        else:
            self.view.show_record(self.detail.register_values())
            reviewed = self.view.editors["reviewed_by"]
            if not reviewed.value() and self.detail.form.reviewed_by:
                reviewed.set_value(self.detail.form.reviewed_by)
        self._show_header()

    # --- live check ----------------------------------------------------------------------
    def _on_changed(self) -> None:
        self._dirty = True
        self._timer.start()

    def check_now(self) -> tuple[list[Problem], list[Problem]]:
        """Check the form as typed: derived figures, messages beside fields, the summary."""
        self._timer.stop()
        form, unreadable = self.view.collect()
        try:
            result = households.preview(form, self.household_id)
        except KnownError:  # e.g. signed out meanwhile (locked, switching user): saving will say so
            return [], []
        self.view.show_derived(result.derived)
        problems = [Problem(key, self.view.editors[key].field.label, message)
                    for key, message in unreadable.items()]
        problems += [p for p in result.errors if p.field not in unreadable]
        shown = self.view.show_problems(problems, everything=self._attempted)
        self._show_summary(shown if self._attempted else [])
        self._show_warnings([] if self.read_only else list(result.warnings))
        return problems, list(result.warnings)

    def _show_summary(self, problems: list[Problem]) -> None:
        if not problems:
            self.summary.hide()
            return
        items = "".join(f'<li><a href="{escape(p.field)}">{escape(p.label)}</a>：{escape(p.message)}</li>'
                        for p in problems[:8])
        more = f"<li>另有 {len(problems) - 8} 处问题</li>" if len(problems) > 8 else ""
        self.summary.setText(f"<b>有 {len(problems)} 处需要修改，未保存：</b><ul>{items}{more}</ul>")
        self.summary.show()

    def _show_warnings(self, warnings: list[Problem]) -> None:
        text = "<br>".join(f"提示：{escape(w.message)}" for w in warnings)
        self.warnings_label.setText(text)
        self.warnings_label.setVisible(bool(warnings))

    def _focus_field(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.view)
        self.view.focus_problem(key)

    @property
    def summary_text(self) -> str:
        return self.summary.text() if self.summary.isVisible() else ""

    # --- save / cancel -------------------------------------------------------------------
    def accept(self) -> None:
        if self.read_only:
            super().reject()
            return
        self._attempted = True
        problems, warnings = self.check_now()
        if problems:
            self._focus_field(problems[0].field)
            return
        if warnings and not messages.confirm(
                self, "请确认", "\n".join(w.message for w in warnings) + "\n\n确认无误仍要保存吗？",
                yes="仍然保存", no="返回修改"):
            return
        form, _unreadable = self.view.collect()
        try:
            if self.household_id is None:
                change = households.create_household(form, accept_warnings=bool(warnings))
            else:
                change = households.update_household(self.household_id, form, accept_warnings=bool(warnings))
        except ValidationError as exc:
            found = [Problem(e.field, e.label, e.message) for e in exc.errors]
            self._show_summary(self.view.show_problems(found, everything=True))
            return
        except KnownError as exc:
            messages.warn(self, "未能保存", str(exc))
            return
        self.change = change
        self._dirty = False
        self._events.announce_households(change.household_ids)
        super().accept()

    def done(self, result: int) -> None:
        self._timer.stop()  # no live check after the dialog has closed
        super().done(result)

    def reject(self) -> None:
        if self._dirty and not messages.confirm(self, "放弃修改", "所做的修改还没有保存，确定要放弃吗？",
                                                yes="放弃修改", no="继续编辑", danger=True):
            return
        super().reject()
