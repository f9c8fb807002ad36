"""PySide6 6.12.0 on Python 3.11 loses a reference to None on void calls; catch such an upgrade."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel

CALLS = 10_000


def test_void_qt_calls_keep_the_reference_count_of_none(qapp: QApplication) -> None:
    label = QLabel()
    for _ in range(100):  # warm up caches that may hold a None or two
        label.setText("热身")
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText("困难职工" if i % 2 else "帮扶")
    after = sys.getrefcount(None)
    # A broken binding drops one reference per call (-10,000); allow a little noise upward.
    assert after >= before - 10, f"None lost {before - after} references over {CALLS} QLabel.setText calls"
