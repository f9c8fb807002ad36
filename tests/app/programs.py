"""Running the real program (python -m app …) in subprocesses: environment, timeouts, stage markers, killing."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from stdnum.cn import ric

ROOT = Path(__file__).resolve().parent.parent.parent
USER, PASSWORD = "admin", "kill-test-Pass1"


def program_env(data_dir: Path) -> dict[str, str]:
    """The environment of a program run: its own user data folder, an administrator, Qt offscreen."""
    env = dict(os.environ)
    env.update(BANGFU_DATA_DIR=str(data_dir), BANGFU_USER=USER, BANGFU_PASSWORD=PASSWORD,
               QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return env


def run_program(args: Sequence[str], env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, check=False)


class Running:
    """A program started in the background whose stderr lines are timed as they arrive."""

    def __init__(self, args: Sequence[str], env: dict[str, str], *, python: Sequence[str] = ("-m", "app")) -> None:
        self.started = time.monotonic()
        self.process = subprocess.Popen([sys.executable, *python, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: list[tuple[float, str]] = []
        self.stdout = ""
        self._changed = threading.Condition()
        self._readers = [threading.Thread(target=self._read_stderr, daemon=True),
                         threading.Thread(target=self._read_stdout, daemon=True)]
        for reader in self._readers:
            reader.start()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append((time.monotonic() - self.started, line.rstrip("\n")))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        self.stdout = self.process.stdout.read()

    def wait_for(self, text: str, timeout: float = 120) -> float | None:
        """Seconds from start until a stderr line containing `text` (None if the program ended first)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for at, line in self.lines:
                    if text in line:
                        return at
                if self.process.poll() is not None and not self._readers[0].is_alive():
                    return None
                left = deadline - time.monotonic()
                if left <= 0:
                    self.kill()
                    raise TimeoutError(f"no “{text}” within {timeout} s: {self.lines}")
                self._changed.wait(min(left, 0.05))

    def kill(self) -> bool:
        """SIGKILL (TerminateProcess on Windows); True if it was still running."""
        alive = self.process.poll() is None
        if alive:
            self.process.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        if self.process.stdout is not None and not self.process.stdout.closed:
            self.finish()
        return alive

    def finish(self, timeout: float = 180) -> int:
        code = self.process.wait(timeout)
        for reader in self._readers:
            reader.join(timeout)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code

    def stderr(self) -> str:
        return "\n".join(line for _at, line in self.lines)

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *_exc: object) -> None:
        """Never leave a program behind, whatever the test did."""
        self.kill()


def id_number(n: int) -> str:
    """A valid ID number that no other n gives (birth date walks forward a day per n)."""
    birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=n)
    body = f"620121{birth:%Y%m%d}0{n % 10}{1 + n % 2}"
    return body + ric.calc_check_digit(body + "0")


def households_workbook(path: Path, count: int, *, orphans: Sequence[str] = ()) -> Path:
    """An import file of `count` households (no members), as an office would fill the template.

    `orphans`: ID numbers of heads with no file, each given one member row (an import error that
    names the number).
    """
    from app.excel import writer
    from app.registers.households import FAMILY_MEMBERS, HOUSEHOLDS

    book = writer.new_workbook()
    sheet = writer.RegisterSheet(book, HOUSEHOLDS, writer.Heading("导入", "测试"),
                                 fields=HOUSEHOLDS.importable_fields())
    for n in range(count):
        sheet.append({"name": f"职工{n}", "id_number": id_number(n), "identity": "职工", "main_cause": "下岗失业",
                      "category": "深度困难", "head_monthly_income": Decimal("800.00"),
                      "phone": f"139{n:08d}", "filed_on": datetime.date(2025, 1, 2)})
    sheet.close()
    if orphans:
        sheet = writer.RegisterSheet(book, FAMILY_MEMBERS, writer.Heading("导入", "测试"),
                                     fields=FAMILY_MEMBERS.importable_fields())
        for number in orphans:
            sheet.append({"head_id_number": number, "name": "成员", "relation": "配偶"})
        sheet.close()
    book.save(path)
    return path
