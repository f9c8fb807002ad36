"""Backups and restore: verified copies in the database's own folder, rotation, restore with a safety copy."""

from __future__ import annotations

import datetime
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from app import cli, clock, session
from app.errors import KnownError, PermissionDenied
from app.office import close_office, open_office
from app.services import accounts, backup, exchange, restore
from app.services.backup import BackupInfo, Keep
from app.session import Role
from db import migrations, snapshot
from db.models import Account, AuditRecord, Household
from tests.app.programs import households_workbook
from tests.conftest import ADMIN, TODAY
from tests.factories import make_form

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _households(count: int, start: int = 1) -> None:
    from app.services import households as hs

    for seed in range(start, start + count):
        hs.create_household(make_form(seed))


def _count(path: Path, table: str = "household") -> int:
    connection = snapshot.open_read_only(path)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def test_a_backup_is_a_verified_copy_in_the_databases_own_folder(office: Path) -> None:
    _households(3)
    info = backup.backup_now(backup.MANUAL)
    assert info.path.parent == office.parent / "backups"
    assert info.path.name.startswith(f"office-{TODAY:%Y%m%d}-") and info.path.name.endswith("-manual.sqlite")
    assert info.verified and info.size == info.path.stat().st_size and info.label == "手动备份"
    assert snapshot.check_file(info.path) == [] and _count(info.path) == 3
    assert stat.S_IMODE(info.path.stat().st_mode) & 0o077 == 0  # personal data: readable by its owner only
    assert [p.name for p in info.path.parent.iterdir()] == [info.path.name]  # no temporary file, no -wal left
    assert backup.list_backups() == [info]
    record = AuditRecord.select().order_by(AuditRecord.id.desc()).first()
    assert record.action == "备份" and info.path.name in record.details


def test_the_cli_backs_up_to_a_chosen_file_and_lists_backups(office: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    _households(2)
    out = tmp_path / "U盘" / "帮扶备份.sqlite"
    assert cli.main(["backup", "--db", str(office), "--out", str(out)]) == 0
    assert "已备份并校验" in capsys.readouterr().out and _count(out) == 2
    assert cli.main(["backup", "--db", str(office)]) == 0
    assert cli.main(["backup", "--db", str(office), "--list"]) == 0
    listing = capsys.readouterr().out
    assert "共 1 个备份" in listing and "手动备份" in listing  # the file given by --out is the user's own
    assert cli.main(["backup", "--db", str(office), "--out", str(office)]) == 1
    assert "不能是数据库文件本身" in capsys.readouterr().err
    assert cli.main(["backup", "--db", str(office), "--out", str(out.parent)]) == 0  # a folder: named inside it
    assert len(list(out.parent.glob("office-*-manual.sqlite"))) == 1


def test_a_cancelled_backup_leaves_nothing(office: Path) -> None:
    from app.progress import Cancelled

    def cancel(done: int, total: int, message: str) -> None:
        if done:
            raise Cancelled()

    _households(30)
    with pytest.raises(Cancelled):
        backup.backup_now(backup.MANUAL, progress=cancel)
    assert not any((office.parent / "backups").iterdir())


def test_who_may_back_up_and_restore(office: Path) -> None:
    accounts.create_account("jingban", "张经办", Role.CLERK, "clerk-pass-1")
    accounts.create_account("chakan", "李查看", Role.VIEWER, "viewer-pass-1")
    made = backup.backup_now(backup.MANUAL)
    accounts.sign_in("chakan", "viewer-pass-1")
    with pytest.raises(PermissionDenied, match="无权备份"):
        backup.backup_now(backup.MANUAL)
    accounts.sign_in("jingban", "clerk-pass-1")
    assert backup.backup_now(backup.MANUAL).verified
    with pytest.raises(PermissionDenied, match="无权恢复备份"):
        restore.restore_backup(made.path)
    assert backup.backup_now(backup.DAILY).reason == backup.DAILY  # automatic ones need no permission
    session.set_current(None)
    assert backup.backup_now(backup.BEFORE_IMPORT).verified


def _info(day: datetime.date, hour: int = 9, reason: str = backup.DAILY, *, verified: bool = True) -> BackupInfo:
    when = datetime.datetime.combine(day, datetime.time(hour))
    return BackupInfo(Path(f"db-{when:%Y%m%d-%H%M%S}-{reason}.sqlite"), when, reason, 100, verified, 2)


def test_rotation_keeps_days_weeks_months_and_the_newest_sound_backup() -> None:
    start = datetime.date(2024, 1, 1)
    daily = [_info(start + datetime.timedelta(days=n)) for n in range(400)]  # one a day for 400 days
    imports = [_info(start + datetime.timedelta(days=399), 15, backup.BEFORE_IMPORT),
               _info(start + datetime.timedelta(days=399), 16, backup.BEFORE_IMPORT)]
    doomed = set(backup.to_delete(daily + imports, Keep(daily=7, weekly=4, monthly=12)))
    kept = sorted(b.time for b in daily + imports if b not in doomed)
    last = start + datetime.timedelta(days=399)
    # all of the last 7 days (both imports of the last day too) …
    assert {t.date() for t in kept} >= {last - datetime.timedelta(days=n) for n in range(7)}
    assert all(b not in doomed for b in imports)
    # … the newest of each of the last 4 weeks and of the last 12 months, nothing older
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12 and min(kept).date() > last - datetime.timedelta(days=370)
    assert len(kept) <= 7 + 2 + 4 + 12


def test_rotation_never_deletes_the_newest_sound_backup_and_caps_manual_ones() -> None:
    day = datetime.date(2025, 6, 1)
    sound = _info(day - datetime.timedelta(days=300))
    broken = [_info(day - datetime.timedelta(days=n), verified=False) for n in range(10)]
    doomed = backup.to_delete([sound, *broken], Keep(daily=2, weekly=1, monthly=1))
    assert sound not in doomed
    manual = [_info(day - datetime.timedelta(days=n), reason=backup.MANUAL) for n in range(40)]
    doomed = backup.to_delete(manual, Keep(daily=1, weekly=1, monthly=1, manual=30))
    assert len(doomed) == 10 and all(b.time < manual[29].time for b in doomed)


def test_rotation_deletes_only_this_databases_own_backups(office: Path) -> None:
    folder = office.parent / "backups"
    folder.mkdir()
    first = backup.backup_now(backup.DAILY)
    old = folder / first.path.name.replace(f"{TODAY:%Y%m%d}", "20200101")
    shutil.copy(first.path, old)
    other_db = folder / "another-20200101-090000-daily.sqlite"
    shutil.copy(first.path, other_db)
    notes = folder / "说明.txt"
    notes.write_text("手工放的文件", encoding="utf-8")
    accounts.sign_in(ADMIN[0], ADMIN[2])
    from app.services import settings

    settings.put("backup_keep_daily", "1")
    settings.put("backup_keep_monthly", "1")
    settings.put("backup_keep_weekly", "1")
    backup.backup_now(backup.MANUAL)
    assert not old.exists()  # 2020 is outside every slot
    assert other_db.exists() and notes.exists() and first.path.exists()


def test_an_import_backs_up_first_and_a_refused_one_does_not(office: Path, tmp_path: Path) -> None:
    good = households_workbook(tmp_path / "good.xlsx", 20)
    report = exchange.import_register("households", good)
    found = backup.list_backups()
    assert report.created == 20 and [b.reason for b in found] == [backup.BEFORE_IMPORT]
    assert _count(found[0].path) == 0  # taken just before the rows went in
    with pytest.raises(KnownError):
        exchange.import_register("households", good)  # every ID is on file now: refused, nothing to back up
    assert len(backup.list_backups()) == 1


def test_the_daily_backup_is_made_once_a_day(office: Path) -> None:
    assert backup.daily_backup_due()
    assert backup.daily_backup_if_due() is not None
    assert not backup.daily_backup_due() and backup.daily_backup_if_due() is None
    clock.fix_today(TODAY + datetime.timedelta(days=1))
    assert backup.daily_backup_if_due() is not None
    assert [b.reason for b in backup.list_backups()] == [backup.DAILY, backup.DAILY]


def test_restore_brings_back_the_backup_after_backing_up_the_present(office: Path) -> None:
    _households(4)
    saved = backup.backup_now(backup.MANUAL)
    _households(3, start=50)
    Household.delete().where(Household.id == 1).execute()
    result = restore.restore_backup(saved.path)
    assert Household.select().count() == 4 and result.counts["档案"] == 4
    assert result.safety_backup is not None and _count(result.safety_backup.path) == 6
    assert result.safety_backup.reason == backup.BEFORE_RESTORE
    assert result.signed_in is not None and result.signed_in.username == ADMIN[0]
    last = AuditRecord.select().order_by(AuditRecord.id.desc()).first()
    assert last.action == "恢复" and saved.path.name in last.details
    assert "已从备份" in result.describe() and "恢复前的数据库已备份为" in result.describe()
    close_office()
    assert _count(office) == 4 and snapshot.check_file(office) == []
    assert not Path(f"{office}-wal").exists() or Path(f"{office}-wal").stat().st_size == 0  # checkpointed on close


def test_restore_refuses_files_that_are_not_sound_backups_and_changes_nothing(office: Path, tmp_path: Path) -> None:
    _households(2)
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    newer = backup.backup_now(backup.MANUAL).path
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    connection.close()
    for path, message in ((foreign, "不是工会帮扶工作台"), (newer, "更新版本"), (office, "数据库文件本身"),
                          (tmp_path / "missing.sqlite", "找不到")):
        with pytest.raises(KnownError, match=message):
            restore.restore_backup(path)
    assert Household.select().count() == 2
    assert [b.reason for b in backup.list_backups()] == [backup.MANUAL]  # no safety copy: nothing was replaced


def test_an_older_backup_is_upgraded_when_restored(office: Path, tmp_path: Path) -> None:
    old = tmp_path / "v1.sqlite"
    shutil.copy(FIXTURES / "schema_v1.sqlite", old)
    result = restore.restore_backup(old)
    assert result.upgraded_from == 1 and result.counts["档案"] > 0
    assert result.signed_in is None  # version 1 had no accounts: sign in again
    assert [b.reason for b in backup.list_backups()] == ["upgrade-v1", backup.BEFORE_RESTORE]


def test_upgrading_a_database_backs_it_up_verified_first(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "schema_v1.sqlite", db)
    open_office(db)
    close_office()
    (found,) = backup.list_backups(db)
    assert found.reason == "upgrade-v1" and found.schema_version == 1 and found.verified
    assert found.label == "升级数据库结构前（结构版本1）"


def test_the_cli_restores_as_the_administrator_only(office: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _households(2)
    saved = backup.backup_now(backup.MANUAL)
    _households(1, start=9)
    accounts.create_account("jingban", "张经办", Role.CLERK, "clerk-pass-1")
    Account.update(must_change_password=False).where(Account.username == "jingban").execute()
    monkeypatch.setenv("BANGFU_USER", "jingban")
    monkeypatch.setenv("BANGFU_PASSWORD", "clerk-pass-1")
    assert cli.main(["restore", str(saved.path), "--db", str(office)]) == 1
    assert "无权恢复备份" in capsys.readouterr().err
    monkeypatch.setenv("BANGFU_USER", ADMIN[0])
    monkeypatch.setenv("BANGFU_PASSWORD", ADMIN[2])
    assert cli.main(["restore", str(saved.path), "--db", str(office)]) == 0
    assert "档案 2" in capsys.readouterr().out and _count(office) == 2


def test_cancelling_a_restore_while_it_copies_changes_nothing(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.progress import Cancelled

    _households(30)
    saved = backup.backup_now(backup.MANUAL)
    _households(2, start=60)
    monkeypatch.setattr(snapshot, "STEP_PAGES", 2)  # many steps, so that one comes before the end

    def cancel(done: int, total: int, message: str) -> None:
        if message == "正在恢复" and done:
            raise Cancelled()

    with pytest.raises(Cancelled):
        restore.restore_backup(saved.path, progress=cancel)
    assert Household.select().count() == 32 and snapshot.check_file(office) == []
