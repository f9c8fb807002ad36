"""Build the one-folder program with PyInstaller (build.spec) and check it as an office PC would run it.

    python tools/build_bundle.py [--dist DIR] [--work DIR] [--skip-build]

Builds into dist/bangfu (work files in build/), packs it (tar.gz on Linux, zip on Windows) and
reports both sizes, then runs the built program with a stripped environment (only PATH, HOME and
QT_QPA_PLATFORM=offscreen): its --self-test; the self-test again with no system fonts at all,
keeping the window's picture (build/bundle-shot.png) and the printed PDF (build/bundle-home-visit.pdf,
page 1 rendered to build/bundle-pdf-1.png when pdftoppm is there); the newest released schema
fixture older than this program, opened and migrated with a backup left beside it; a database
newer than the program, refused; portable mode (data/ beside the program); and, when Xvfb is
installed, the self-test on a real X11 display. Any failure ends the script with status 1.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.migrations import LATEST  # noqa: E402

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME, VERSION = PROJECT["name"], PROJECT["version"]
WINDOWS = sys.platform == "win32"
# A Windows program built without a console prints nothing: its checks read the files it writes instead.
PRINTS = not WINDOWS or os.environ.get("BANGFU_DEBUG_CONSOLE") == "1"
FIXTURE_ACCOUNT = ("admin", "fixture-pass-1")   # tools/make_schema_fixture.py
DEMO_ACCOUNT = ("admin", "admin1234")           # app.services.accounts.DEMO_ACCOUNTS
NO_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- No font folders: the program sees only the font it brings, as on a PC without Chinese fonts. -->
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


class BundleProblem(Exception):
    """The bundle could not be built, or it does not do what it should."""


def say(message: str) -> None:
    print(f"[bundle] {message}", flush=True)


# ---- what the build needs -------------------------------------------------------------------

def _apt_install(packages: list[str], why: str) -> None:
    if not packages:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say(f"安装{why} / installing: {' '.join(packages)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env)
    else:
        raise BundleProblem(f"缺少{why}，请安装 / please install: {' '.join(packages)}")


def ensure_build_tools() -> None:
    """PyInstaller on Linux needs binutils and Python's shared library (Debian: libpython3.X)."""
    if not sys.platform.startswith("linux"):
        return
    missing = [] if shutil.which("objdump") and shutil.which("objcopy") else ["binutils"]
    from PyInstaller.depend.bindepend import get_python_library_path

    try:
        found = get_python_library_path()
    except Exception:  # PyInstaller raises IOError naming the package when it finds none
        found = None
    if not found:
        missing.append(f"libpython{sys.version_info.major}.{sys.version_info.minor}")
    _apt_install(missing, "打包工具")


def missing_xcb_libraries(log: str) -> list[str]:
    """Libraries the X11 platform plugin links to that this machine lacks (so the bundle lacks them too)."""
    return sorted(set(re.findall(r"could not resolve '([^']+)', dependency of '[^']*(?:xcb|XcbQpa)[^']*'", log)))


# ---- building -------------------------------------------------------------------------------

def build(dist: Path, work: Path) -> Path:
    log_path = work / "pyinstaller.log"
    work.mkdir(parents=True, exist_ok=True)
    say(f"PyInstaller {NAME} {VERSION} → {dist / NAME}（日志 {log_path}）")
    started = time.monotonic()
    with log_path.open("w", encoding="utf-8") as log:
        result = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                                 "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
                                 str(ROOT / "build.spec")], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if result.returncode != 0:
        raise BundleProblem("PyInstaller 失败：\n" + "\n".join(text.splitlines()[-30:]))
    say(f"打包用时 {time.monotonic() - started:.0f} 秒")
    lacking = missing_xcb_libraries(text)
    if lacking:
        say("注意：这台机器缺少 X11 窗口需要的库，包里也就没有它们，目标电脑须自带："
            + " ".join(lacking) + "（以 root 运行 python3 dev.py demo 可装上）")
    return dist / NAME


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def pack(program: Path) -> Path:
    """dist/bangfu-<version>-<system>-<machine>.tar.gz (zip on Windows) holding the folder bangfu/."""
    machine = platform.machine().lower().replace("amd64", "x86_64")
    stem = program.parent / f"{NAME}-{VERSION}-{'windows' if WINDOWS else sys.platform}-{machine}"
    if WINDOWS:
        archive = stem.with_suffix(".zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as book:
            for path in sorted(program.rglob("*")):
                book.write(path, Path(NAME) / path.relative_to(program))
    else:
        archive = Path(f"{stem}.tar.gz")
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(program, arcname=NAME)
    return archive


def glibc_needed(program: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any file of the bundle asks for: the oldest glibc it runs on."""
    if not sys.platform.startswith("linux") or not shutil.which("objdump"):
        return None
    newest: tuple[int, ...] = ()
    for path in program.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
            dump = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
            for found in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", dump):
                newest = max(newest, tuple(int(n) for n in found.split(".")))
    return ".".join(map(str, newest)) if newest else None


# ---- running the built program --------------------------------------------------------------

def executable(program: Path) -> Path:
    return program / (f"{NAME}.exe" if WINDOWS else NAME)


def stripped_env(home: Path, **extra: str) -> dict[str, str]:
    """What `env -i PATH=… HOME=… QT_QPA_PLATFORM=offscreen` leaves (plus what Windows cannot start without)."""
    env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    if WINDOWS:
        env.update({key: os.environ[key] for key in ("SYSTEMROOT", "SYSTEMDRIVE", "TEMP", "TMP") if key in os.environ})
        env.update({"USERPROFILE": str(home), "APPDATA": str(home / "AppData" / "Roaming"),
                    "LOCALAPPDATA": str(home / "AppData" / "Local")})
    env.update(extra)
    return env


def run_program(program: Path, args: list[str], env: Mapping[str, str], *, expect: int = 0,
                timeout: float = 180) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(executable(program)), *args], env=dict(env), capture_output=True, text=True,
                            encoding="utf-8", errors="replace", timeout=timeout, cwd=program.parent)
    if result.returncode != expect:
        raise BundleProblem(f"{NAME} {' '.join(args)} 退出状态 {result.returncode}（应为 {expect}）：\n"
                            f"{result.stdout}\n{result.stderr}")
    return result


def user_folders(home: Path) -> list[Path]:
    """Per-user data folders of the program under a home folder (there should be none after the self-test)."""
    return [p for p in (home / ".local" / "share" / NAME, home / "AppData" / "Roaming" / NAME) if p.exists()]


def check_self_test(program: Path, home: Path, out: Path, **extra: str) -> str:
    """The program's --self-test passes every check (the window drawn too) and leaves nothing in the user folder."""
    result = run_program(program, ["--self-test", str(out)], stripped_env(home, **extra))
    written = out / "自检结果.txt"
    text = written.read_text(encoding="utf-8") if written.exists() else ""
    lines = text.strip().splitlines()
    if ((PRINTS and result.stdout != text) or not lines or lines[-1] != "自检通过"
            or not any("在屏幕外绘制主窗口：通过" in line for line in lines)):
        raise BundleProblem("自检没有全部通过：\n" + (text or result.stdout) + result.stderr)
    if user_folders(home):
        raise BundleProblem(f"自检在用户数据文件夹里留下了文件：{user_folders(home)}")
    return text


def check_upgrade(program: Path, home: Path, folder: Path) -> str:
    """The newest fixture older than this program opens in the bundle, is migrated, and leaves a backup."""
    versions = sorted(int(m.group(1)) for p in (ROOT / "tests" / "fixtures").glob("schema_v*.sqlite")
                      if (m := re.fullmatch(r"schema_v(\d+)\.sqlite", p.name)) and int(m.group(1)) < LATEST)
    if not versions:
        return f"没有比结构版本 {LATEST} 旧的数据库夹具，跳过升级检查"
    old = versions[-1]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = folder / "bangfu.sqlite"
    shutil.copy2(ROOT / "tests" / "fixtures" / f"schema_v{old}.sqlite", db)
    user, password = FIXTURE_ACCOUNT
    env = stripped_env(home, BANGFU_USER=user, BANGFU_PASSWORD=password)
    exported = run_program(program, ["export", "households", "--db", str(db), "--out", str(folder / "登记簿.xlsx")],
                           env)
    with sqlite3.connect(db) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    backups = sorted((folder / "backups").glob(f"*upgrade-v{old}*.sqlite"))
    if version != LATEST or not backups:
        raise BundleProblem(f"结构版本 {old} 的数据库打开后是版本 {version}（应为 {LATEST}），"
                            f"备份：{[p.name for p in backups] or '没有'}")
    with sqlite3.connect(backups[0]) as connection:
        backed_up = connection.execute("PRAGMA user_version").fetchone()[0]
    if backed_up != old:
        raise BundleProblem(f"升级前的备份 {backups[0].name} 是结构版本 {backed_up}，应为 {old}")
    run_program(program, ["check", "--db", str(db)], env)
    newer = folder / "newer.sqlite"
    shutil.copy2(db, newer)
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version = {LATEST + 1}")
    refused = run_program(program, ["export", "households", "--db", str(newer), "--out", str(folder / "no.xlsx")],
                          env, expect=1)
    if (PRINTS and "更新版本" not in refused.stderr) or (folder / "no.xlsx").exists():
        raise BundleProblem("比程序新的数据库没有被拒绝：\n" + refused.stdout + refused.stderr)
    return (f"结构版本 {old} → {version}（{exported.stdout.strip()}），升级前备份 backups/{backups[0].name}；"
            f"结构版本 {LATEST + 1} 的数据库被拒绝：{(refused.stderr.strip().splitlines() or ['退出状态 1'])[-1]}")


@contextmanager
def portable_mode(program: Path) -> Iterator[Path]:
    marker, data = program / "portable", program / "data"
    if data.exists():
        raise BundleProblem(f"{data} 已经存在，不敢覆盖")
    marker.write_text("", encoding="utf-8")
    try:
        yield data
    finally:
        marker.unlink(missing_ok=True)
        shutil.rmtree(data, ignore_errors=True)


def check_portable(program: Path, home: Path) -> str:
    """A `portable` file beside the program keeps database, backups and logs in data/ next to it."""
    user, password = DEMO_ACCOUNT
    env = stripped_env(home, BANGFU_USER=user, BANGFU_PASSWORD=password)
    with portable_mode(program) as data:
        run_program(program, ["demo", "--households", "8"], env)
        run_program(program, ["backup"], env)
        found = {"数据库": data / "bangfu.sqlite", "日志": data / "logs" / "bangfu.log"}
        backups = list((data / "backups").glob("*.sqlite"))
        lacking = [what for what, path in found.items() if not path.is_file()] + ([] if backups else ["备份"])
        if lacking or user_folders(home):
            raise BundleProblem(f"便携模式：data 文件夹里缺少 {'、'.join(lacking) or '—'}；"
                                f"用户文件夹：{user_folders(home) or '无'}")
        return f"数据库、备份（{backups[0].name}）和日志都在 {data.name}/ 中，用户文件夹里什么也没有"


def check_x11(program: Path, home: Path, out: Path) -> str:
    """The self-test on an Xvfb display with the xcb platform plugin (the libraries a Linux desktop loads)."""
    if WINDOWS or not shutil.which("Xvfb"):
        return "没有 Xvfb，跳过"
    display = f":{100 + os.getpid() % 400}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        if server.poll() is not None:
            return f"Xvfb {display} 没有启动，跳过"
        check_self_test(program, home, out, QT_QPA_PLATFORM="xcb", DISPLAY=display)
        return f"在 X11 显示 {display} 上用 xcb 插件自检通过"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _system_name() -> str:
    try:
        return platform.freedesktop_os_release().get("PRETTY_NAME", platform.platform())
    except OSError:
        return platform.platform()


def render_pdf(pdf: Path, png_stem: Path) -> Path | None:
    if not shutil.which("pdftoppm"):
        return None
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png_stem)],
                   check=True)
    return png_stem.with_suffix(".png")


# ---- the whole run ----------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the program folder goes (dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="work files and check results (build/)")
    parser.add_argument("--skip-build", action="store_true", help="check the program already in --dist")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    try:
        if not args.skip_build:
            ensure_build_tools()
            build(dist, work)
        program = dist / NAME
        if not executable(program).exists():
            raise BundleProblem(f"找不到 {executable(program)}")
        report = check_bundle(program, work)
    except BundleProblem as exc:
        say(f"失败：{exc}")
        return 1
    (work / "bundle-report.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    say(f"全部通过（报告 {work / 'bundle-report.txt'}）")
    return 0


def _fresh(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


def check_bundle(program: Path, work: Path) -> list[str]:
    report: list[str] = []

    def note(line: str) -> None:
        report.append(line)
        say(line)

    unpacked = folder_size(program)
    started = time.monotonic()
    archive = pack(program)
    note(f"大小：解压后 {unpacked / 1e6:.0f} MB（{unpacked:,} 字节），压缩包 {archive.name} "
         f"{archive.stat().st_size / 1e6:.0f} MB（打包 {time.monotonic() - started:.0f} 秒）")
    glibc = glibc_needed(program)
    if glibc:
        note(f"需要 glibc {glibc} 或更新（在 {_system_name()} 上打包）")
    with tempfile.TemporaryDirectory(prefix="bangfu-home-") as temp:
        homes = Path(temp)  # a fresh home folder for each check, so each can see what it left there
        shutil.rmtree(work / "bundle-self-test", ignore_errors=True)
        output = check_self_test(program, _fresh(homes / "self-test"), work / "bundle-self-test")
        version = run_program(program, ["--version"], stripped_env(_fresh(homes / "version"))).stdout.strip()
        if f"{VERSION} 自检" not in output or (PRINTS and VERSION not in version):
            raise BundleProblem(f"程序的版本（--version：“{version}”；自检：{output.splitlines()[0]}）不是 {VERSION}")
        note(f"版本：{version or output.splitlines()[0]}")
        note("自检（env -i，只有 PATH、HOME、QT_QPA_PLATFORM=offscreen）：通过")
        report.extend(output.strip().splitlines())
        bare = work / "bundle-self-test-no-fonts"
        shutil.rmtree(bare, ignore_errors=True)
        extra = {}
        if sys.platform.startswith("linux"):
            conf = work / "no-fonts" / "fonts.conf"
            conf.parent.mkdir(parents=True, exist_ok=True)
            conf.write_text(NO_FONTS_CONF.format(cache=conf.parent / "cache"), encoding="utf-8")
            extra["FONTCONFIG_FILE"] = str(conf)
        check_self_test(program, _fresh(homes / "no-fonts"), bare, **extra)
        shot, pdf = work / "bundle-shot.png", work / "bundle-home-visit.pdf"
        shutil.copy2(bare / "自检-主窗口.png", shot)
        shutil.copy2(bare / "自检-入户调查表.pdf", pdf)
        page = render_pdf(pdf, work / "bundle-pdf-1")
        note(f"没有系统字体时自检也通过：窗口截图 {shot}，PDF {pdf}" + (f"，第1页 {page}" if page else ""))
        note("升级：" + check_upgrade(program, _fresh(homes / "upgrade"), work / "bundle-upgrade"))
        note("便携模式：" + check_portable(program, _fresh(homes / "portable")))
        note("X11：" + check_x11(program, _fresh(homes / "x11"), work / "bundle-self-test-x11"))
    return report


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
