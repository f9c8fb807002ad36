"""One program per database: a second program is refused, read-only commands are not, a crash leaves no lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import instance_lock
from app.instance_lock import InstanceLocked
from app.office import close_office, current_office, open_office
from tests.app.programs import Running, households_workbook, program_env, run_program

# A program that opens the database for work exactly as the window does at start, then stays open.
WINDOW_STAND_IN = """
import sys, time
from app.office import open_office
open_office(sys.argv[1])
print("opened", file=sys.stderr, flush=True)
time.sleep(120)
"""


def test_a_second_program_is_refused_until_the_first_one_dies(tmp_path: Path) -> None:
    env = program_env(tmp_path / "userdata")
    db = tmp_path / "office.sqlite"
    assert run_program(["settings", "--db", str(db)], env).returncode == 0  # creates the administrator
    workbook = households_workbook(tmp_path / "five.xlsx", 5)
    with Running(["-c", WINDOW_STAND_IN, str(db)], env, python=()) as first:
        assert first.wait_for("opened", timeout=60) is not None, first.stderr()
        second = run_program(["import", "households", str(workbook), "--db", str(db)], env)
        assert second.returncode == 1
        assert "该数据库已被另一个程序窗口（进程" in second.stderr and str(first.process.pid) in second.stderr
        assert "请切换到已经打开的窗口" in second.stderr
        reader = run_program(["export", "households", "--db", str(db), "--out", str(tmp_path / "out.xlsx")], env)
        assert reader.returncode == 0, reader.stderr  # reading commands do not need the database to themselves
        with pytest.raises(InstanceLocked, match="另一个程序窗口"):
            instance_lock.acquire(db)
        assert first.kill(), "the first program should still have been running"
    again = run_program(["import", "households", str(workbook), "--db", str(db)], env)
    assert again.returncode == 0, again.stderr  # the operating system dropped the dead program's lock
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM household").fetchone()[0] == 5
    connection.close()


def test_the_lock_is_shared_within_one_process_and_released_by_the_last_holder(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    first = instance_lock.acquire(db, "程序窗口")
    second = instance_lock.acquire(db, "命令 import")
    assert instance_lock.held_by_this_process(db)
    first.release()
    first.release()  # releasing twice counts once
    assert instance_lock.held_by_this_process(db)
    text = instance_lock.lock_file_of(db).read_text(encoding="utf-8")
    assert text.startswith("程序窗口\n")
    second.release()
    assert not instance_lock.held_by_this_process(db)
    with instance_lock.acquire(db):
        assert instance_lock.held_by_this_process(db)
    assert not instance_lock.held_by_this_process(db)


def test_open_office_holds_the_lock_until_close_and_reading_opens_do_not(tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    open_office(db)
    try:
        assert current_office() == db and instance_lock.held_by_this_process(db)
        open_office(db, exclusive=False)  # reopening closes the first session, then opens without the lock
        assert not instance_lock.held_by_this_process(db)
    finally:
        close_office()
    assert current_office() is None
    open_office(db)
    close_office()
    assert not instance_lock.held_by_this_process(db)
