"""The installable program: where a frozen program keeps things, the self-test, and the real PyInstaller build.

The last test builds the bundle with tools/build_bundle.py (one to three minutes) and checks what
it reports and leaves behind; it is marked slow but runs in the normal suite, as in CI.
"""

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pypdf
import pytest

from app import paths, self_test
from app.office import current_office
from db import snapshot
from tests.app.test_fonts import embedded_font_names

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def freeze(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """Make app.paths believe it runs as folder/bangfu, built by PyInstaller, with no data folder override."""
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "bangfu"))
    monkeypatch.setattr(sys, "_MEIPASS", str(folder / "_internal"), raising=False)
    monkeypatch.delenv("BANGFU_DATA_DIR", raising=False)
    return folder


def test_frozen_program_reads_resources_from_its_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = freeze(monkeypatch, tmp_path / "bangfu")
    assert paths.install_dir() == folder
    assert paths.resource("fonts", "x.ttf") == folder / "_internal" / "resources" / "fonts" / "x.ttf"


def test_portable_file_keeps_database_backups_and_logs_beside_the_program(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = freeze(monkeypatch, tmp_path / "U盘" / "bangfu")
    monkeypatch.setattr(paths.platformdirs, "user_data_dir", lambda *_a, **_k: str(tmp_path / "profile"))
    (folder / "portable").write_text("", encoding="utf-8")
    assert paths.is_portable()
    assert paths.default_database_path() == folder / "data" / "bangfu.sqlite"
    assert snapshot.backup_folder(paths.default_database_path()) == folder / "data" / "backups"
    assert paths.log_dir() == folder / "data" / "logs"
    assert not (tmp_path / "profile").exists()


def test_without_the_portable_file_data_stays_in_the_user_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """So unpacking a newer version over the old program folder leaves the data alone."""
    folder = freeze(monkeypatch, tmp_path / "bangfu")
    monkeypatch.setattr(paths.platformdirs, "user_data_dir", lambda *_a, **_k: str(tmp_path / "profile"))
    assert not paths.is_portable()
    assert paths.default_database_path() == tmp_path / "profile" / "bangfu.sqlite"
    assert not (folder / "data").exists()


def test_self_test_passes_from_source_and_leaves_the_user_folder_alone(tmp_path: Path) -> None:
    user_folder, kept = tmp_path / "userdata", tmp_path / "kept"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BANGFU_DATA_DIR=str(user_folder))
    result = subprocess.run([sys.executable, "-m", "app", "--self-test", str(kept)], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == self_test.PASSED
    assert sum("：通过（" in line for line in lines) == len(self_test.STEPS)
    assert sorted(p.name for p in kept.iterdir()) == sorted([*self_test.KEPT.values(), self_test.REPORT_FILE])
    assert "困难职工家庭入户调查表" in pypdf.PdfReader(kept / self_test.KEPT["pdf"]).pages[0].extract_text()
    assert not user_folder.exists()


def test_a_failed_check_is_named_in_chinese_and_the_rest_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_run: object) -> str:
        raise self_test.SelfTestFailed("入户调查表中找不到这些姓名：张三")

    def never(_run: object) -> str:
        raise AssertionError("a step after a failed one ran")

    before = os.environ["BANGFU_DATA_DIR"]
    steps = (*self_test.STEPS[:3], ("打印入户调查表（PDF）", broken), ("下一步", never))
    monkeypatch.setattr(self_test, "STEPS", steps)
    out = io.StringIO()
    assert self_test.run_self_test(out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[-2:] == ["4. 打印入户调查表（PDF）：未通过 —— 入户调查表中找不到这些姓名：张三", "自检未通过"]
    assert os.environ["BANGFU_DATA_DIR"] == before and current_office() is None


def load_version_resource(path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The resource as bangfu.exe will carry it, through PyInstaller's own reader.

    Off Windows the reader's module still imports pefile and win32api, which it needs only to
    write into an .exe: stand-ins let it load, and toRaw() gives the bytes that would be written.
    """
    from PyInstaller import compat

    if "pefile" not in sys.modules:
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    if not hasattr(compat, "win32api"):
        monkeypatch.setattr(compat, "win32api", None, raising=False)
    from PyInstaller.utils.win32 import versioninfo

    return bytes(versioninfo.load_version_info_from_text_file(str(path)).toRaw())


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_bundle_builds_and_passes_its_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dist, work = tmp_path / "dist", tmp_path / "build"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_bundle.py"), "--dist", str(dist),
                             "--work", str(work)], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                            timeout=1700)
    print(result.stdout)  # the sizes, for the CI log
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-6000:]
    report = (work / "bundle-report.txt").read_text(encoding="utf-8")
    sizes = re.search(r"（([\d,]+) 字节）", report)
    assert sizes is not None, report
    unpacked = int(sizes[1].replace(",", ""))
    assert unpacked < 300_000_000, report
    assert "自检通过" in report and "升级：结构版本" in report and "便携模式：" in report

    program = dist / "bangfu"
    assert not (program / "portable").exists() and not (program / "data").exists()
    assert list(dist.glob(f"bangfu-{VERSION}-*"))
    files = [p.relative_to(program).as_posix() for p in program.rglob("*")]
    assert [Path(f).name for f in files if f.endswith(".qm")] == ["qtbase_zh_CN.qm"]
    # Qt6OpenGL and Qt6OpenGLWidgets stay: Qt6Charts (the 统计 tab) links to them.
    unwanted = re.compile(r"Qt6(Network|Qml|Quick|Pdf|WaylandClient|VirtualKeyboard)|qgtk3|tkinter|_avif", re.I)
    assert not [f for f in files if unwanted.search(f)]
    assert any("Qt6Charts" in f for f in files) and any(Path(f).name.startswith("QtCharts.") for f in files)

    shot = work / "bundle-shot.png"
    assert shot.stat().st_size > 20_000
    pdf = work / "bundle-home-visit.pdf"
    assert "困难职工家庭入户调查表" in pypdf.PdfReader(pdf).pages[0].extract_text()
    assert all(embedded_font_names(pdf).values())

    version_file = work / "pyinstaller" / "build" / "version_info.txt"
    for text in ("工会帮扶工作台", VERSION, "bangfu.exe"):
        assert text.encode("utf-16-le") in load_version_resource(version_file, monkeypatch)
    numbers = re.search(r"filevers=(\([^)]*\))", version_file.read_text(encoding="utf-8"))
    assert numbers is not None
    assert ast.literal_eval(numbers[1]) == tuple(int(n) for n in f"{VERSION}.0.0.0".split(".")[:4])
