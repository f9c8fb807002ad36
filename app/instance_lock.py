"""One program per database: an operating-system lock on `<database>.lock`, held while the database is open.

The lock is taken with flock (POSIX) or msvcrt.locking (Windows) on an open file, so the
operating system drops it the moment the holding process ends, however it ends: a crash or a
power cut leaves no stale lock to clear. The file itself stays (deleting it would let two
programs lock two different files); it only says who holds the lock, for the refusal message.
Within one process the lock is shared: opening the same database again just counts up.
"""

from __future__ import annotations

import datetime
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from db.errors import DatabaseError

LOCK_OFFSET = 4096  # Windows locks a byte range: one byte past the owner text, so the text stays readable


class InstanceLocked(DatabaseError):
    """Another program holds the database open."""


@dataclass
class _Held:
    file: BinaryIO
    count: int = 1


@dataclass
class InstanceLock:
    """This process's hold on one database; release() (or leaving a with-block) lets go of it."""

    database: Path
    lock_file: Path
    _key: str = field(repr=False)
    _released: bool = field(default=False, repr=False)

    def release(self) -> None:
        """Let go (once); the OS lock is dropped when the last holder in this process lets go."""
        with _guard:
            if self._released:
                return
            self._released = True
            held = _held.get(self._key)
            if held is None:
                return
            held.count -= 1
            if held.count == 0:
                del _held[self._key]
                _unlock(held.file)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


_held: dict[str, _Held] = {}
_guard = threading.Lock()


def lock_file_of(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def acquire(database: str | Path, holder: str = "程序窗口") -> InstanceLock:
    """Hold the database for this process, or raise InstanceLocked naming the program that holds it.

    `holder` says what this program is (程序窗口, 命令 import …) for another program's refusal.
    """
    database = Path(database)
    key = os.path.normcase(os.path.realpath(database))
    lock_file = lock_file_of(database)
    with _guard:
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return InstanceLock(database, lock_file, key)
        try:
            lock_file.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatabaseError(f"无法在 {lock_file.parent} 中建立锁文件：{exc.strerror or exc}。"
                                "请确认数据库所在的文件夹可写。") from exc
        file = os.fdopen(handle, "r+b")
        try:
            _lock(file)
        except OSError:
            owner = _owner(lock_file)
            file.close()
            raise InstanceLocked(
                f"该数据库已被另一个{owner}打开（{database}）。同一个数据库同一时间只能由一个程序使用，"
                "以免互相覆盖数据。请切换到已经打开的窗口；若是命令（如导入）正在运行，请等它结束后再试。"
            ) from None
        _write_owner(file, holder)
        _held[key] = _Held(file)
        return InstanceLock(database, lock_file, key)


def held_by_this_process(database: str | Path) -> bool:
    with _guard:
        return os.path.normcase(os.path.realpath(database)) in _held


def _write_owner(file: BinaryIO, holder: str) -> None:
    since = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    try:
        file.seek(0)
        file.truncate()
        file.write(f"{holder}\n{os.getpid()}\n{since}\n".encode())
        file.flush()
    except OSError:
        pass  # the text is only for the message; the lock is what counts


def _owner(lock_file: Path) -> str:
    """'程序窗口（进程 123，2025-06-30 10:15 起）' from the lock file, or a plain '程序' if unreadable."""
    try:
        holder, pid, since = lock_file.read_text(encoding="utf-8").splitlines()[:3]
    except (OSError, UnicodeDecodeError, ValueError):
        return "程序"
    return f"{holder}（进程 {pid}，{since} 起）"


if sys.platform == "win32":
    import msvcrt

    def _lock(file: BinaryIO) -> None:
        file.seek(LOCK_OFFSET)
        msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(file: BinaryIO) -> None:
        try:
            file.seek(0)
            file.truncate()
            file.seek(LOCK_OFFSET)
            msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
        finally:
            file.close()
else:
    import fcntl

    def _lock(file: BinaryIO) -> None:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(file: BinaryIO) -> None:
        try:
            file.seek(0)
            file.truncate()
            fcntl.flock(file.fileno(), fcntl.LOCK_UN)
        except OSError:
            pass
        finally:
            file.close()
