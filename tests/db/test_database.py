"""Opening the database: connection settings, refusing foreign or newer files, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
import pytest

from db import migrations
from db.database import close_database, open_database
from db.errors import DatabaseError
from db.models import ALL_MODELS


def test_every_connection_gets_the_safety_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite")
    try:
        assert db.pragma("journal_mode") == "wal"
        assert db.pragma("synchronous") == 2  # FULL
        assert db.pragma("foreign_keys") == 1
        assert db.pragma("secure_delete") == 1
        assert db.pragma("busy_timeout") >= 10000
        assert db.pragma("user_version") == migrations.LATEST
    finally:
        close_database()


def test_a_database_newer_than_the_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    open_database(path)
    close_database()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="更新版本的程序"):
        open_database(path)


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE expenses (id INTEGER PRIMARY KEY, amount REAL)")
    conn.close()
    with pytest.raises(DatabaseError, match="不是工会帮扶工作台的数据库"):
        open_database(path)
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    conn.close()
    assert tables == ["expenses"]


def test_a_file_that_is_not_sqlite_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError, match="无法打开数据库文件"):
        open_database(path)


def test_migrated_schema_has_every_model_column(tmp_path: Path) -> None:
    """The frozen SQL of the migrations and the live models must not drift apart."""
    db = open_database(tmp_path / "s.sqlite")
    try:
        for model in ALL_MODELS:
            table = model._meta.table_name
            columns = {c.name for c in db.get_columns(table)}
            expected = {f.column_name for f in model._meta.sorted_fields}
            assert expected == columns, table
    finally:
        close_database()


def test_backup_before_upgrade_copies_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite"
    db = open_database(path)
    try:
        db.execute_sql("INSERT INTO setting (key, value) VALUES ('office_name', '华池县总工会')")
        backup = migrations.backup_before_upgrade(db, path, 1)
    finally:
        close_database()
    copy = peewee.SqliteDatabase(str(backup))
    assert copy.execute_sql("SELECT value FROM setting").fetchone()[0] == "华池县总工会"
    copy.close()


@pytest.mark.parametrize("fixture", sorted((Path(__file__).parent.parent / "fixtures").glob("schema_v*.sqlite")))
def test_every_released_schema_version_opens_and_upgrades(fixture: Path, tmp_path: Path) -> None:
    """One small database per released schema version is kept; each must open in this program."""
    path = tmp_path / fixture.name
    path.write_bytes(fixture.read_bytes())
    db = open_database(path)
    try:
        assert db.pragma("user_version") == migrations.LATEST
        names = [r[0] for r in db.execute_sql(
            "SELECT p.name FROM household h JOIN person p ON p.id = h.head_id ORDER BY h.id")]
        assert names, "fixture should hold at least one household"
    finally:
        close_database()


def test_version_6_gains_the_summary_index_with_a_backup_first(tmp_path: Path) -> None:
    """v6 → v7: the covering index relief_summary is created; the year's relief figures read it, not the rows."""
    fixture = Path(__file__).parent.parent / "fixtures" / "schema_v6.sqlite"
    path = tmp_path / "v6.sqlite"
    path.write_bytes(fixture.read_bytes())
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
        reliefs = conn.execute("SELECT COUNT(*) FROM relief").fetchone()[0]
    conn.close()
    db = open_database(path)
    try:
        indexes = {r[1] for r in db.execute_sql("PRAGMA index_list('relief')")}
        assert "relief_summary" in indexes
        plan = " ".join(str(r[-1]) for r in db.execute_sql(
            "EXPLAIN QUERY PLAN SELECT relief_type, COUNT(*), SUM(amount + goods_value) FROM relief "
            "WHERE on_date BETWEEN '2024-01-01' AND '2024-12-31' GROUP BY relief_type"))
        assert "COVERING INDEX relief_summary" in plan
        assert db.execute_sql("SELECT COUNT(*) FROM relief").fetchone()[0] == reliefs
    finally:
        close_database()
    assert [p.name for p in (tmp_path / "backups").iterdir() if "upgrade-v6" in p.name]
