"""The real program killed (SIGKILL) during a 10,000-row import and during a backup: the database survives whole.

Kill moments are chosen from the stages the program names on stderr as it begins them
(正在读取 → 正在检查档案 → 正在备份数据库 → 正在写入档案 → exit), measured on one uninterrupted
run, spread evenly over the checking stage and over everything from the backup to the exit
(the write transaction, its commit, the audit record and the checkpoint on close).
Two programs run at a time (one per core). BANGFU_KILL_SEED changes the moments.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.services import backup
from db import snapshot
from tests.app.programs import Running, households_workbook, id_number, program_env, run_program

ROWS = 10_000
KILLS_WHILE_CHECKING, KILLS_WHILE_WRITING = 10, 10
FULL_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
SEED = int(os.environ.get("BANGFU_KILL_SEED", "20250630"))


@dataclass(frozen=True)
class Imported:
    """A 10,000-row workbook, an empty database with its administrator, and one uninterrupted import of it."""

    workbook: Path
    empty: Path
    full: Path
    data_dir: Path
    stages: dict[str, float]  # seconds from start to each stage marker, and "exit"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("crash")
    data_dir = folder / "userdata"
    env = program_env(data_dir)
    workbook = households_workbook(folder / "一万户.xlsx", ROWS)
    empty = folder / "empty" / "office.sqlite"
    assert run_program(["settings", "--db", str(empty)], env).returncode == 0  # creates the administrator
    full = _copy(empty, folder / "full")
    run = Running(["import", "households", str(workbook), "--db", str(full)], env)
    code = run.finish()
    stages = {line.split(" ")[0].rstrip("…"): at for at, line in run.lines}
    stages["exit"] = time.monotonic() - run.started
    assert code == 0 and "新建 10000 户" in run.stdout, run.stderr()
    assert {"正在读取", "正在检查档案", "正在备份数据库", "正在写入档案"} <= set(stages), stages
    return Imported(workbook, empty, full, data_dir, stages)


def _copy(database: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / database.name
    shutil.copy(database, target)
    return target


def _rows(database: Path) -> dict[str, int]:
    connection = snapshot.open_read_only(database)
    try:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("household", "person", "household_event", "household_search")}
    finally:
        connection.close()


def _moments(imported: Imported) -> list[tuple[str, str, float]]:
    """(stage, marker, delay after it): spread evenly (one at random in each equal slice) over each stage."""
    rng = random.Random(SEED)
    s = imported.stages
    checking = s["正在备份数据库"] - s["正在读取"]
    writing = s["exit"] - s["正在备份数据库"]
    moments = [("checking", "正在读取", checking * (k + rng.random()) / KILLS_WHILE_CHECKING)
               for k in range(KILLS_WHILE_CHECKING)]
    moments += [("writing", "正在备份数据库", writing * (k + rng.random()) / KILLS_WHILE_WRITING)
                for k in range(KILLS_WHILE_WRITING)]
    rng.shuffle(moments)
    return moments


def _lane(imported: Imported, lane: int, moments: list[tuple[str, str, float]]) -> list[tuple[str, bool, int]]:
    """Kill one import per moment; a database left empty is used again (opened after a crash), a full one replaced."""
    env = program_env(imported.data_dir)
    database = _copy(imported.empty, imported.empty.parent.parent / f"lane{lane}")
    outcomes = []
    for number, (stage, marker, delay) in enumerate(moments):
        with Running(["import", "households", str(imported.workbook), "--db", str(database)], env) as run:
            at = run.wait_for(marker, timeout=180)
            assert at is not None, f"{stage} kill {number}: the import ended before “{marker}”: {run.stderr()}"
            time.sleep(max(0.0, run.started + at + delay - time.monotonic()))
            alive = run.kill()
        problems = snapshot.check_file(database)
        assert problems == [], f"{stage} kill {number} after {marker}+{delay:.3f}s: {problems}"
        rows = _rows(database)
        assert set(rows.values()) in ({0}, {ROWS}), f"{stage} kill {number} after {marker}+{delay:.3f}s: {rows}"
        outcomes.append((stage, alive, rows["household"]))
        if rows["household"]:
            database = _copy(imported.empty, imported.empty.parent.parent / f"lane{lane}-{number}")
    assert run_program(["check", "--db", str(database)], env).returncode == 0
    for made in backup.list_backups(database):  # the backups made before each import are whole, or absent
        assert made.verified and snapshot.check_file(made.path) == [], made
    if _rows(database)["household"] == 0:  # and after all that, the import still goes through
        finished = run_program(["import", "households", str(imported.workbook), "--db", str(database)], env)
        assert finished.returncode == 0 and _rows(database)["household"] == ROWS, finished.stderr
    return outcomes


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_an_import_killed_at_20_moments_leaves_all_rows_or_none(imported: Imported) -> None:
    moments = _moments(imported)
    with ThreadPoolExecutor(2) as pool:
        lanes = list(pool.map(lambda lane: _lane(imported, lane, moments[lane::2]), (0, 1)))
    outcomes = [o for lane in lanes for o in lane]
    assert len(outcomes) == KILLS_WHILE_CHECKING + KILLS_WHILE_WRITING
    killed = [(stage, rows) for stage, alive, rows in outcomes if alive]
    assert sum(stage == "checking" for stage, _rows in killed) >= KILLS_WHILE_CHECKING - 1
    assert sum(stage == "writing" for stage, _rows in killed) >= KILLS_WHILE_WRITING - 2
    assert all(rows == 0 for stage, rows in killed if stage == "checking")
    _assert_no_full_id_in_logs(imported.data_dir)


@pytest.mark.slow
def test_a_backup_killed_midway_leaves_no_backup_under_its_name_and_the_next_one_verifies(
        imported: Imported, tmp_path: Path) -> None:
    database = _copy(imported.full, tmp_path / "db")
    env = program_env(imported.data_dir)
    whole = Running(["backup", "--db", str(database)], env)
    assert whole.finish() == 0, whole.stderr()
    start = dict((line.rstrip("…"), at) for at, line in whole.lines)["正在备份数据库"]
    window = time.monotonic() - whole.started - start
    (first,) = backup.list_backups(database)
    partial_left = 0
    rng = random.Random(SEED)
    for k in range(8):
        with Running(["backup", "--db", str(database)], env) as run:
            at = run.wait_for("正在备份数据库", timeout=60)
            assert at is not None, run.stderr()
            time.sleep(max(0.0, run.started + at + window * (k + rng.random()) / 8 - time.monotonic()))
            run.kill()
        partial_left += len(list(database.parent.joinpath("backups").glob(".*.partial")))
        for made in backup.list_backups(database):  # only whole, verified copies carry a backup's name
            assert made.verified and snapshot.check_file(made.path) == [] and _rows(made.path)["household"] == ROWS
        assert snapshot.check_file(database) == [] and _rows(database)["household"] == ROWS
    assert partial_left > 0, "no kill landed while a copy was being written"
    for leftover in database.parent.joinpath("backups").glob(".*.partial"):
        os.utime(leftover, (time.time() - 7200, time.time() - 7200))  # left by a program killed two hours ago
    after = run_program(["backup", "--db", str(database)], env)
    assert after.returncode == 0 and "已备份并校验" in after.stdout, after.stderr
    newest = backup.list_backups(database)[0]
    assert newest.time >= first.time and newest.verified and snapshot.check_file(newest.path) == []
    assert not list(database.parent.joinpath("backups").glob(".*.partial"))  # stale pieces cleared away
    _assert_no_full_id_in_logs(imported.data_dir)


def test_a_second_import_is_refused_while_the_first_one_runs(imported: Imported, tmp_path: Path) -> None:
    database = _copy(imported.empty, tmp_path / "db")
    env = program_env(imported.data_dir)
    with Running(["import", "households", str(imported.workbook), "--db", str(database)], env) as first:
        assert first.wait_for("正在检查档案", timeout=120) is not None, first.stderr()
        second = run_program(["import", "households", str(imported.workbook), "--db", str(database)], env)
        assert first.kill(), "the first import should still have been running"
    assert second.returncode == 1 and "该数据库已被另一个命令 import（进程" in second.stderr, second.stderr
    assert _rows(database)["household"] == 0 and snapshot.check_file(database) == []


def test_a_refused_import_that_names_id_numbers_logs_them_masked(imported: Imported, tmp_path: Path) -> None:
    orphan = id_number(ROWS + 7)
    workbook = households_workbook(tmp_path / "orphan.xlsx", 1, orphans=[orphan])
    database = _copy(imported.empty, tmp_path / "db")
    data_dir = tmp_path / "userdata"
    refused = run_program(["import", "households", str(workbook), "--db", str(database)], program_env(data_dir))
    assert refused.returncode == 1 and orphan in refused.stderr  # the person at the terminal sees the number …
    log = (data_dir / "logs" / "bangfu.log").read_text(encoding="utf-8")
    assert "命令 import 未完成" in log and orphan[:3] in log and orphan[-4:] in log
    _assert_no_full_id_in_logs(data_dir)  # … the log file keeps only its ends


def _log_files(data_dir: Path) -> Iterator[Path]:
    yield from (data_dir / "logs").glob("bangfu.log*")


def _assert_no_full_id_in_logs(data_dir: Path) -> None:
    files = list(_log_files(data_dir))
    assert files, "the program should have written its log"
    for path in files:
        found = FULL_ID.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path}: {found[:3]}"
