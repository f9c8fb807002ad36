"""Start-up checks and `python -m app check`: damage is found before anything is written, and a backup offered."""

from __future__ import annotations

import datetime
import hashlib
import os
import random
import sqlite3
from pathlib import Path

import pytest

from app import cli, clock
from app.office import close_office, last_start_check, open_office
from app.services import backup, integrity, settings
from app.services import households as hs
from app.services.integrity import DatabaseDamaged
from db import snapshot
from tests.app.programs import Running, program_env, run_program
from tests.conftest import TODAY
from tests.factories import make_form

WINDOW_STAND_IN = """
import sys, time
from app.office import open_office
open_office(sys.argv[1])
print("opened", file=sys.stderr, flush=True)
time.sleep(120)
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _counts(path: Path) -> dict[str, int]:
    connection = snapshot.open_read_only(path)
    try:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("household", "person", "family_member", "household_event", "account")}
    finally:
        connection.close()


def _table_page(path: Path, table: str) -> int:
    """A leaf page of `table` (from dbstat if SQLite has it, else the table's root page)."""
    connection = snapshot.open_read_only(path)
    try:
        try:
            row = connection.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                                     "ORDER BY pageno LIMIT 1", (table,)).fetchone()
        except sqlite3.OperationalError:
            row = None
        if row is None:
            row = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        return int(row[0])
    finally:
        connection.close()


def _overwrite_page(path: Path, page: int) -> None:
    header = snapshot.read_header(path)
    assert header is not None
    garbage = random.Random(page).randbytes(header.page_size)
    with open(path, "r+b") as file:
        file.seek((page - 1) * header.page_size)
        file.write(garbage)


def test_a_page_of_garbage_is_found_nothing_is_written_and_the_backup_brings_back_the_rows(
        office: Path, tmp_path: Path) -> None:
    for seed in range(1, 41):
        hs.create_household(make_form(seed), accept_warnings=True)
    saved = backup.backup_now(backup.MANUAL)
    close_office()  # checkpointed: every row is in the file itself
    before = _counts(office)
    _overwrite_page(office, _table_page(office, "household"))
    damaged = _digest(office)

    with pytest.raises(DatabaseDamaged) as caught:
        open_office(office)
    assert caught.value.backup is not None and caught.value.backup.path == saved.path
    assert str(saved.path) in str(caught.value) and "没有向它写入任何内容" in str(caught.value)
    with pytest.raises(DatabaseDamaged):
        open_office(office, exclusive=False)  # reading commands are refused too
    assert _digest(office) == damaged

    env = program_env(tmp_path / "userdata")
    checked = run_program(["check", "--db", str(office)], env)
    assert checked.returncode == 1 and "数据库已损坏" in checked.stdout and str(saved.path) in checked.stdout
    refused = run_program(["export", "households", "--db", str(office), "--out", str(tmp_path / "x.xlsx")], env)
    assert refused.returncode == 1 and "已损坏" in refused.stderr
    assert _digest(office) == damaged  # nothing, not even the start-up marker, was written

    env.update(BANGFU_USER="admin", BANGFU_PASSWORD="test-pass-1")
    restored = run_program(["restore", str(saved.path), "--db", str(office)], env)
    assert restored.returncode == 0, restored.stderr
    assert "损坏的数据库文件已改名保留为" in restored.stdout
    after = _counts(office)
    assert after["household"] == before["household"] == 40
    assert after["person"] == before["person"] and after["family_member"] == before["family_member"]
    (kept,) = tmp_path.glob("office.damaged-*.sqlite")
    assert _digest(kept) == damaged
    assert run_program(["check", "--db", str(office)], env).returncode == 0


def test_a_damaged_database_without_backups_says_so(tmp_path: Path) -> None:
    db = tmp_path / "lonely.sqlite"
    open_office(db)
    close_office()
    _overwrite_page(db, _table_page(db, "setting"))
    with pytest.raises(DatabaseDamaged, match="没有找到它的备份") as caught:
        open_office(db)
    assert caught.value.backup is None


def test_check_passes_a_sound_database_without_signing_in(office: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    hs.create_household(make_form(1))
    monkeypatch.delenv("BANGFU_USER")
    monkeypatch.delenv("BANGFU_PASSWORD")
    assert cli.main(["check", "--db", str(office)]) == 0
    out = capsys.readouterr().out
    assert "完整性检查（integrity_check）：通过" in out and "外键检查（foreign_key_check）：通过" in out
    assert "操作日志校验（共" in out and "结论：数据库完好。" in out


def test_check_reports_an_edited_audit_record(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hs.create_household(make_form(1))
    close_office()
    with sqlite3.connect(office) as connection:
        connection.execute("DROP TRIGGER audit_record_no_update")
        connection.execute("UPDATE audit_record SET details = '{}' WHERE id = 2")
    connection.close()
    assert cli.main(["check", "--db", str(office)]) == 1
    out = capsys.readouterr().out
    assert "操作日志第2条记录的内容与其校验值不符" in out and "操作日志被改动或删除过" in out


def test_a_broken_reference_is_found_by_the_full_check(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    close_office()
    with sqlite3.connect(office) as connection:  # foreign keys are off on a bare connection
        connection.execute("INSERT INTO household_event (household_id, on_date, action, status_after, by_name, "
                           "note, created_at) VALUES (999, '2025-01-01', '申报', '申报', '', '', '2025-01-01')")
    connection.close()
    assert cli.main(["check", "--db", str(office)]) == 1
    assert "household_event" in capsys.readouterr().out
    with sqlite3.connect(office) as connection:
        connection.execute("UPDATE setting SET value = '2000-01-01' WHERE key = ?", (integrity.FULL_CHECK_KEY,))
    connection.close()
    with pytest.raises(DatabaseDamaged, match="household_event"):
        open_office(office)  # the weekly full check is due


def test_after_an_unclean_exit_the_next_start_runs_the_full_check(office: Path, tmp_path: Path) -> None:
    close_office()
    open_office(office)
    check = last_start_check()
    assert check is not None and not check.full  # a clean close before: quick_check only
    close_office()
    with Running(["-c", WINDOW_STAND_IN, str(office)], program_env(tmp_path / "userdata"), python=()) as crashed:
        assert crashed.wait_for("opened", timeout=60) is not None, crashed.stderr()
        assert crashed.kill()
    open_office(office)
    check = last_start_check()
    assert check is not None and check.full and check.unclean_exit
    assert settings.get(integrity.SESSION_KEY)  # this session is marked open again
    close_office()
    open_office(office)
    check = last_start_check()
    assert check is not None and not check.full


def test_the_full_check_runs_weekly(office: Path) -> None:
    settings.put_internal(integrity.FULL_CHECK_KEY, (TODAY - datetime.timedelta(days=6)).isoformat())
    close_office()
    open_office(office)
    assert not last_start_check().full  # type: ignore[union-attr]
    clock.fix_today(TODAY + datetime.timedelta(days=1))
    close_office()
    open_office(office)
    check = last_start_check()
    assert check is not None and check.full and not check.unclean_exit
    assert settings.get(integrity.FULL_CHECK_KEY) == (TODAY + datetime.timedelta(days=1)).isoformat()


def test_a_new_database_needs_no_check_and_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    open_office(db)
    assert last_start_check() is None
    close_office()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(8192))
    with pytest.raises(DatabaseDamaged):
        open_office(junk)


def test_replacing_a_damaged_database_checks_the_password_and_a_cancel_leaves_it_where_it_was(
        office: Path, tmp_path: Path) -> None:
    from app.errors import KnownError
    from app.progress import Cancelled
    from app.services import restore

    for seed in range(1, 31):
        hs.create_household(make_form(seed), accept_warnings=True)
    saved = backup.backup_now(backup.MANUAL)
    close_office()
    _overwrite_page(office, _table_page(office, "household"))
    damaged = _digest(office)
    with pytest.raises(KnownError, match="不是这个备份中的管理员"):
        restore.replace_damaged(office, saved.path, "admin", "wrong-pass-1")

    def cancel(done: int, total: int, message: str) -> None:
        if message == "正在恢复" and done:
            raise Cancelled()

    with pytest.raises(Cancelled):
        restore.replace_damaged(office, saved.path, "admin", "test-pass-1", progress=cancel)
    assert _digest(office) == damaged and not list(tmp_path.glob("office.damaged-*"))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    result = restore.replace_damaged(office, saved.path, "admin", "test-pass-1")
    assert result.counts["档案"] == 30 and result.signed_in is not None and result.set_aside is not None
    assert _digest(result.set_aside) == damaged
