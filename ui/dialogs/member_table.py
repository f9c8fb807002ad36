"""The member table editor inside the file dialog: add, edit, remove and reorder 家庭成员."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.household_forms import MemberForm
from ui.dialogs.member_dialog import MemberDialog
from ui.tables.columns import fit_columns
from ui.tables.members_model import MembersModel


class MemberTable(QWidget):
    """家庭成员: a small table and its buttons; `changed` fires after every edit."""

    changed = Signal()

    def __init__(self, lists: dict[str, tuple[str, ...]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lists = lists
        self.model = MembersModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setMinimumHeight(130)
        self.view.activated.connect(lambda index: self.edit_member(index.row()))
        fit_columns(self.view, self.model.fields)
        self.add_button = QPushButton("添加成员…")
        self.edit_button = QPushButton("编辑…")
        self.remove_button = QPushButton("删除")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(lambda: self.edit_member(self.current_row()))
        self.remove_button.clicked.connect(self.remove_member)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button, self.up_button, self.down_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.dialog: MemberDialog | None = None
        self.read_only = False
        self.concealed = False
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        """Members can be looked at (查看…) but not added, changed, removed or reordered."""
        self.read_only = read_only
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setVisible(not read_only)
        self.edit_button.setText("查看…" if read_only else "编辑…")
        self._update_buttons()

    def members(self) -> tuple[MemberForm, ...]:
        return self.model.members

    def set_members(self, members: Sequence[MemberForm]) -> None:
        self.model.set_members(members)

    def current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        self.edit_button.setEnabled(row >= 0)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _select(self, row: int) -> None:
        self.view.selectRow(row)
        self._update_buttons()

    def conceal_birth_dates(self) -> None:
        """For an account that may not see identity numbers: no full birth dates (year only in 查看…)."""
        self.concealed = True
        column = [f.key for f in self.model.fields].index("birth_date")
        self.view.setColumnHidden(column, True)

    def add_member(self) -> None:
        if not self.read_only:
            self._open(MemberDialog(self._lists, None, self), None)

    def edit_member(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self._open(MemberDialog(self._lists, self.model.member(row), self, read_only=self.read_only,
                                    year_of_birth_only=self.concealed), row)

    def _open(self, dialog: MemberDialog, row: int | None) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._dialog_done(dialog, row))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _dialog_done(self, dialog: MemberDialog, row: int | None) -> None:
        member = dialog.result_member
        self.dialog = None
        if member is None:
            return
        if row is None:
            row = self.model.append(member)
        else:
            self.model.replace(row, member)
        self._select(row)
        self.changed.emit()

    def remove_member(self) -> None:
        row = self.current_row()
        if row < 0 or self.read_only:
            return
        self.model.remove(row)
        if self.model.rowCount():
            self._select(min(row, self.model.rowCount() - 1))
        self._update_buttons()
        self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.current_row()
        if not self.read_only and self.model.move(row, row + step):
            self._select(row + step)
            self.changed.emit()

    def set_problems(self, problems: dict[int, list[str]], general: Sequence[str] = ()) -> None:
        """Mark rows with problems; messages about the members as a whole go under the table."""
        self.model.set_problems(problems)
        lines = list(general) + [f"第{r + 1}行：{'；'.join(m)}" for r, m in sorted(problems.items())]
        self.error_label.setText("\n".join(lines))
        self.error_label.setVisible(bool(lines))
        self.view.setProperty("error", bool(lines))
        self.view.style().unpolish(self.view)
        self.view.style().polish(self.view)

    def focus_input(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
