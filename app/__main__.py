"""python -m app: the main window, or a command-line function (see app/cli.py)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def start_window(db_path: str | None) -> int:
    """Start the Qt window (imported here so app/ itself never needs PySide6)."""
    from ui.application import run_window

    return int(run_window(db_path))


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
