"""Set up and run 工会帮扶工作台 from a fresh clone: `python3 dev.py demo` or `python3 dev.py test`.

Both commands create `.venv` beside this file (once), install the project into it from
pyproject.toml, and then either start the program on a demo database or run the whole
test suite. On Debian-like Linux run as root, missing system libraries that Qt needs are
installed with apt-get; otherwise their package names are printed.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
DEMO_DIR = ROOT / "demo-output"

# Shared libraries Qt loads even offscreen, and the Debian packages that provide them.
QT_LIBS = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
# Extra libraries for a real X11 window (the xcb platform plugin).
XCB_LIBS = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
}


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_system_libraries(libs: dict[str, str]) -> None:
    """On Linux, install the Debian packages for any missing Qt library (when root)."""
    if not sys.platform.startswith("linux") or not shutil.which("ldconfig"):
        return
    known = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    missing = sorted({pkg for lib, pkg in libs.items() if lib not in known})
    if not missing:
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        say("安装 Qt 需要的系统库 / installing system libraries: " + " ".join(missing))
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
    else:
        say("缺少系统库，请安装 / please install: " + " ".join(missing))


def ensure_venv(extra: str) -> Path:
    """Create .venv and install the project with the given extra, skipping work already done."""
    python = venv_python()
    if not python.exists():
        say(f"创建虚拟环境 / creating {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    spec = (ROOT / "pyproject.toml").read_bytes() + extra.encode() + sys.version.encode()
    stamp = VENV / f".installed-{extra or 'base'}"
    digest = hashlib.sha256(spec).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        target = f".[{extra}]" if extra else "."
        say(f"安装依赖 / pip install -e {target}")
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "-e", target], cwd=ROOT, check=True)
        stamp.write_text(digest)
    return python


def has_display() -> bool:
    if os.name == "nt" or sys.platform == "darwin":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


DEMO_USER, DEMO_PASSWORD = "admin", "admin1234"  # the demo database's administrator (README)


def run_app(python: Path, *args: str) -> int:
    env = dict(os.environ, BANGFU_USER=DEMO_USER, BANGFU_PASSWORD=DEMO_PASSWORD)
    return subprocess.run([str(python), "-m", "app", *args], cwd=ROOT, env=env).returncode


def demo() -> int:
    ensure_system_libraries(QT_LIBS | (XCB_LIBS if has_display() else {}))
    python = ensure_venv("")
    DEMO_DIR.mkdir(exist_ok=True)
    db = DEMO_DIR / "demo.sqlite"
    if not db.exists():
        say(f"生成演示数据库 / making the demo database {db}")
        if run_app(python, "demo", "--db", str(db)) != 0:
            return 1
    if has_display():
        say(f"启动工会帮扶工作台 / starting the window — 演示账户 demo account: {DEMO_USER} / {DEMO_PASSWORD}")
        return run_app(python, "--db", str(db))
    say("没有检测到图形显示（DISPLAY 未设置），改为把演示输出写入文件夹 / no display found")
    year = subprocess.run([str(python), "-c", "import datetime; from app.demo.report_year import ReportYear; "
                           "print(ReportYear.of(datetime.date.today()).year)"],
                          cwd=ROOT, capture_output=True, text=True).stdout.strip() or str(datetime.date.today().year)
    period = ["--from", f"{year}-01-01", "--to", f"{year}-12-31"]
    outputs = [
        ("档案登记簿 / register workbook", DEMO_DIR / "困难职工档案登记簿.xlsx", ["export", "households"]),
        ("入户调查表 / home-visit forms", DEMO_DIR / "困难职工家庭入户调查表.pdf", ["print", "home-visit"]),
        (f"{year}年上报统计表 / upward workbook", DEMO_DIR / f"{year}年上报统计表.xlsx", ["report", *period]),
        (f"{year}年统计汇总 / summary PDF", DEMO_DIR / f"{year}年统计汇总.pdf", ["report-pdf", *period]),
        (f"{year}年工作总结素材 / year-end draft", DEMO_DIR / f"{year}年工作总结素材.docx", ["draft", *period]),
    ]
    status = 0
    for _label, path, command in outputs:
        status = status or run_app(python, *command, "--db", str(db), "--out", str(path))
    if status == 0:
        print(f"演示数据库 / demo database: {db}")
        for label, path, _command in outputs:
            print(f"{label}: {path}")
    return status


def test(pytest_args: list[str]) -> int:
    ensure_system_libraries(QT_LIBS)
    python = ensure_venv("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([str(python), "-m", "pytest", *pytest_args], cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test"}:
        print(__doc__)
        return 2
    if argv[0] == "demo":
        return demo()
    return test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
