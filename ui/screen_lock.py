"""Covering the main window: its dialogs hidden, its content replaced by a 已锁定 page, input refused."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.lock_dialog import LockDialog

LOCKED_NOTE = "档案信息已隐藏。解锁需要当前账户的密码。"


def cover_page(parent: QWidget) -> QWidget:
    """What the window shows while locked: nothing of the data, only that it is locked."""
    page = QWidget(parent)
    page.setObjectName("lockCover")
    title = QLabel("工作台已锁定", page)
    title.setObjectName("coverTitle")
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    note = QLabel(LOCKED_NOTE, page)
    note.setObjectName("coverNote")
    note.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addWidget(title)
    layout.addWidget(note)
    layout.addStretch(5)  # above the password dialog, which sits in the middle
    return page


def _hidden_while_locked(widget: QWidget) -> bool:
    """The program's own dialogs show personal data; Qt's short prompts (exec'd) are left alone."""
    return (isinstance(widget, QDialog) and widget.isVisible()
            and not isinstance(widget, QMessageBox | QProgressDialog | QFileDialog | QInputDialog | LockDialog))


def _depth(widget: QWidget) -> int:
    depth = 0
    parent = widget.parentWidget() if shiboken6.isValid(widget) else None
    while parent is not None:
        depth += 1
        parent = parent.parentWidget()
    return depth


class ScreenLock(QObject):
    """Lock and unlock one main window whose central widget is `stack` (its content first)."""

    unlocked = Signal()
    switch_requested = Signal()

    def __init__(self, window: QMainWindow, stack: QStackedWidget) -> None:
        super().__init__(window)
        self._window = window
        self._stack = stack
        self._cover = cover_page(stack)
        note = self._cover.findChild(QLabel, "coverNote")
        assert note is not None
        self.note: QLabel = note
        stack.addWidget(self._cover)
        self._hidden: list[QDialog] = []
        self.dialog: LockDialog | None = None
        self.covered = False

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self, reason: str) -> LockDialog:
        """Cover the window and ask for the password (non-blocking)."""
        if self.dialog is not None:
            return self.dialog
        self.cover()
        dialog = LockDialog(reason, self._window)
        dialog.unlocked.connect(self._unlocked)
        dialog.switch_requested.connect(self._switch)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def cover(self, note: str = LOCKED_NOTE) -> None:
        """Hide the data; `note` says why (locked, or another database being opened)."""
        self.note.setText(note)
        if self.covered:
            return
        self.covered = True
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if isinstance(w, QDialog) and _hidden_while_locked(w)]
        for widget in self._hidden:
            widget.hide()
        self._stack.setCurrentWidget(self._cover)
        self._window.menuBar().setEnabled(False)

    def uncover(self, *, restore_dialogs: bool) -> None:
        """Show the content again; the dialogs hidden by cover() come back, or are closed unsaved."""
        if not self.covered:
            return
        self.covered = False
        self._stack.setCurrentIndex(0)
        self._window.menuBar().setEnabled(True)
        hidden, self._hidden = self._hidden, []
        for widget in sorted(hidden, key=_depth):  # a dialog before the dialogs it opened
            if not shiboken6.isValid(widget):
                continue
            if restore_dialogs:
                widget.show()
            else:  # someone else signed in: the previous account's unsaved work is dropped, not saved as theirs
                widget.done(QDialog.DialogCode.Rejected)

    def _finish_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _unlocked(self) -> None:
        self._finish_dialog()
        self.uncover(restore_dialogs=True)
        self.unlocked.emit()

    def _switch(self) -> None:
        self._finish_dialog()
        self.switch_requested.emit()
