"""Shared fixtures: every test gets its own database file and user-data folder, and an administrator."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = datetime.date(2025, 6, 30)
ADMIN = ("admin", "测试员", "test-pass-1")


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's user data (logs, default database) in its own folder."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("BANGFU_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def cheap_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with the smallest cost: the real one takes ~0.1 s a hash, too slow for hundreds of tests."""
    from argon2 import PasswordHasher

    from app.services import accounts

    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh database file, opened and seeded, an administrator signed in, today fixed at 2025-06-30.

    Commands run in-process (app.cli.main) sign in as the same administrator through the environment.
    """
    from app import clock, session
    from app.office import close_office, open_office
    from app.services import accounts

    clock.fix_today(TODAY)
    path = open_office(tmp_path / "office.sqlite")
    username, display_name, password = ADMIN
    accounts.create_first_admin(username, display_name, password)
    accounts.sign_in(username, password)
    monkeypatch.setenv("BANGFU_USER", username)
    monkeypatch.setenv("BANGFU_PASSWORD", password)
    try:
        yield path
    finally:
        session.set_current(None)
        close_office()
        clock.fix_today(None)
