"""Shared fixtures: every test gets its own database file and user-data folder."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = datetime.date(2025, 6, 30)


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's user data (logs, default database) in its own folder."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("BANGFU_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Path]:
    """A fresh database file, opened and seeded, with today fixed at 2025-06-30."""
    from app import clock, session
    from app.office import close_office, open_office

    clock.fix_today(TODAY)
    session.set_operator("测试员")
    path = open_office(tmp_path / "office.sqlite")
    try:
        yield path
    finally:
        close_office()
        clock.fix_today(None)
        session.set_operator(None)
