"""What every tab of the main window is: a Page with a title, reload, account rules, status text and shutdown."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QWidget

from ui.events import AppEvents
from ui.tasks import TaskRunner


class Page(QWidget):
    """One tab. The window builds it as `PageClass(events, runner, parent)` and then only calls these methods.

    A page listens to `events` for changes (never polls another page), writes through `runner`
    (the window's one writer) and reads in the background through its own `readers`.
    """

    title: ClassVar[str] = ""      # the tab's text
    state_key: ClassVar[str] = ""  # prefix of what the page keeps in the window settings (column layouts)

    message = Signal(str)          # a one-line result for the status bar ("已导出 …")
    status_changed = Signal(str)   # the page's summary for the status bar's right end, while it is shown
    alert_changed = Signal(str)    # what needs attention whichever tab is in front ("信访超期 3"); "" for nothing

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.runner = runner
        self.readers = TaskRunner(self)  # the page's own read worker: lists never wait for a running export
        self._status = ""

    # --- what the window calls -------------------------------------------------------------
    def reload(self) -> None:
        """Read everything shown again (start-up, another account signed in)."""

    def apply_account(self) -> None:
        """Disable, with the reason as tooltip, what the signed-in account may not do."""

    def wait_idle(self) -> None:
        """Let the page's background reads finish (before signing out or switching database)."""
        self.readers.wait_idle()

    def shutdown(self) -> None:
        """The window is closing: cancel and wait for the page's background reads."""
        self.readers.shutdown()

    def save_state(self, state: QSettings) -> None:
        """Keep column layouts and the like under `state_key`."""

    def restore_state(self, state: QSettings) -> None:
        """Restore what save_state kept."""

    # --- the status bar ----------------------------------------------------------------------
    def status_text(self) -> str:
        return self._status

    def set_status(self, text: str) -> None:
        self._status = text
        self.status_changed.emit(text)

    def set_alert(self, text: str) -> None:
        """Show `text` in the status bar whichever tab is in front (until it is set to "")."""
        self.alert_changed.emit(text)
