"""What the parts of the 培训就业 tab share: buttons that follow the account, the 登记簿 menu (export, template,
import), dialogs opened without blocking, and a person's history."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QPushButton, QWidget

from app import session
from app.session import Permission
from ui import messages
from ui.dialogs.person_history_dialog import PersonHistoryDialog
from ui.events import AppEvents
from ui.operations import employment as ops
from ui.operations.households import Written
from ui.permissions import guard, refusal
from ui.tasks import Task, TaskRunner


def later(slot: Callable[..., object], *args: object) -> Callable[[], None]:
    """A slot with its arguments bound, taking none itself (Qt's `checked` is not passed on)."""
    def call() -> None:
        slot(*args)

    return call


class JobsPanel(QWidget):
    """One sub-tab. Subclasses build their lists and call `button` / `register_menu` for their actions."""

    message = Signal(str)

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.runner = runner
        self.dialog: QDialog | None = None
        self.last_task: Task | None = None
        # (widget, permission, tooltip, needs a selection) for update_actions
        self._guarded: list[tuple[QWidget, Permission, str, Callable[[], bool] | None]] = []

    # --- buttons ---------------------------------------------------------------------------
    def button(self, row: QHBoxLayout, text: str, slot: Callable[[], object], permission: Permission, tooltip: str,
               *, ready: Callable[[], bool] | None = None, primary: bool = False) -> QPushButton:
        """A button allowed by `permission` and, if given, enabled only while `ready()` (a selection)."""
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        if primary:
            button.setObjectName("primaryButton")
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        self._guarded.append((button, permission, tooltip, ready))
        return button

    def update_actions(self) -> None:
        """Disabled with the account's reason, else enabled when what the button needs is selected."""
        for widget, permission, tooltip, ready in self._guarded:
            if guard(widget, permission, tooltip) and ready is not None and not ready():
                widget.setEnabled(False)
                widget.setToolTip(f"{tooltip}（请先在列表中选择）")

    def apply_account(self) -> None:
        self.update_actions()

    def register_menu(self, row: QHBoxLayout, kinds: Sequence[str],
                      ids: Callable[[str], tuple[list[int] | None, str]] | None = None) -> QPushButton:
        """登记簿 ▾: for each kind, export (masked; full for administrators), its import template and import.

        `ids(kind)` names the records to export and how ("当前列表 12 条"), or (None, "") for all of them.
        """
        button = QPushButton("登记簿", self)
        button.setAutoDefault(False)
        menu = QMenu(button)

        def fill() -> None:
            menu.clear()
            for kind in kinds:
                title = ops.TITLES[kind]
                chosen, scope = ids(kind) if ids is not None else (None, "")
                scope = f"，{scope}" if scope else ""
                menu.addAction(f"导出{title}（隐去身份信息{scope}）…", later(self._export, kind, chosen, True))
                if session.may(Permission.EXPORT_FULL):
                    menu.addAction(f"导出{title}（含完整身份信息{scope}）…", later(self._export, kind, chosen, False))
                menu.addAction(f"下载{title}导入模板…", later(self._template, kind))
                action = menu.addAction(f"从 Excel 导入{title.removesuffix('登记簿')}…", later(self.import_, kind))
                guard(action, Permission.IMPORT, "全部行无误才写入；有问题时列出每处的行号和原因")
                menu.addSeparator()

        menu.aboutToShow.connect(fill)
        button.setMenu(menu)
        row.addWidget(button)
        self._guarded.append((button, Permission.EXPORT_MASKED, "导出登记簿（Excel）、下载导入模板、从 Excel 导入",
                              None))
        return button

    def _export(self, kind: str, ids: list[int] | None, masked: bool) -> None:
        self.last_task = ops.export_register(self, self.runner, kind, self._exported, masked=masked, ids=ids)

    def _template(self, kind: str) -> None:
        self.last_task = ops.write_template(self, self.runner, kind, self._saved)

    def import_(self, kind: str) -> Task | None:
        self.last_task = ops.import_register(self, self.runner, self.events, kind, self.message.emit)
        return self.last_task

    def _exported(self, written: Written) -> None:
        self.message.emit(f"已导出 {written.count} 条到 {written.path}")

    def _saved(self, written: Written) -> None:
        self.message.emit(f"已保存 {written.path}")

    # --- dialogs ---------------------------------------------------------------------------
    def refused(self, title: str, permission: Permission) -> bool:
        reason = refusal(permission)
        if reason:
            messages.warn(self, title, reason)
        return bool(reason)

    def show_dialog(self, dialog: QDialog, on_accepted: Callable[[], None] | None = None) -> QDialog:
        """Open without blocking; `on_accepted` runs after it was saved; the dialog goes away when closed."""
        self.dialog = dialog

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and on_accepted is not None:
                on_accepted()
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def show_history(self, person_id: int, name: str, id_number: str) -> PersonHistoryDialog:
        """All of a person's trainings, placements, referrals, loans and mutual aid, in one window."""
        dialog = PersonHistoryDialog(person_id, name, id_number, self.window())
        self.show_dialog(dialog)
        return dialog
