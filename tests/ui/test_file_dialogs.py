"""A file chooser showing the database's folder leaves the window's SQLite locks in place (POSIX drops every lock
of a process on a file when any descriptor of it is closed, and Qt's own chooser reads files to show their type)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from ui.file_dialogs import NameOnlyIconProvider

CLOSE_AND_GO = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('select count(*) from x'); c.close()"


@pytest.mark.skipif(sys.platform == "win32", reason="Windows locks are per handle; the loss is a POSIX one")
def test_a_chooser_on_the_databases_folder_keeps_the_write_ahead_log(prepared_app: QApplication,
                                                                    tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite"
    live = sqlite3.connect(db)
    live.execute("pragma journal_mode=wal")
    live.execute("create table x(a)")
    live.commit()
    live.execute("select count(*) from x").fetchall()
    QTimer.singleShot(2000, lambda: [w.reject() for w in prepared_app.topLevelWidgets()
                                     if isinstance(w, QFileDialog)])
    assert QFileDialog.getSaveFileName(None, "保存", str(tmp_path / "out.pdf"), "PDF 文件 (*.pdf)") == ("", "")
    # another program (an export beside the window) opens and closes the database: it must see the window's locks
    subprocess.run([sys.executable, "-c", CLOSE_AND_GO, str(db)], check=True, timeout=60)
    assert (tmp_path / "office.sqlite-wal").exists() and (tmp_path / "office.sqlite-shm").exists()
    live.execute("insert into x values (1)")
    live.commit()
    live.close()
    assert sqlite3.connect(db).execute("select count(*) from x").fetchone() == (1,)


def test_types_come_from_the_name(prepared_app: QApplication, tmp_path: Path) -> None:
    provider = NameOnlyIconProvider()
    (tmp_path / "a.xlsx").write_bytes(b"")
    assert provider.type(QFileInfo(str(tmp_path / "a.xlsx"))) == "XLSX 文件"
    assert provider.type(QFileInfo(str(tmp_path))) == "文件夹"
    assert not provider.icon(QFileInfo(str(tmp_path / "a.xlsx"))).isNull()
