"""Progress reporting and cancelling for long work (imports, exports, batches of PDFs)."""

from __future__ import annotations

from collections.abc import Callable

from app.errors import KnownError

# progress(done, total, message): called now and then by long services. The UI's callback
# raises Cancelled when the user pressed 取消; the service then rolls back and writes nothing.
ProgressFn = Callable[[int, int, str], None]


class Cancelled(KnownError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消，未做任何修改。")


def no_progress(done: int, total: int, message: str = "") -> None:
    """The default callback: report nothing, never cancel."""
