"""The self-test (python -m app --self-test, also in the installed program): demo work in a temporary folder, checked.

It never touches the user's data: the database, logs and window settings all live in a fresh
temporary folder, removed afterwards. It checks the data files other packages read (region codes,
pinyin, amounts in capitals), makes a few dozen demo files with a temporary
administrator signed in, prints the home-visit forms and exports the register, reads both back
(the PDF's text holds the names and its fonts are embedded; the workbook has every file), and,
when Qt is there, draws the main window offscreen with the bundled font. It prints 自检通过 and
returns 0, or says in Chinese which check failed and returns 1.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

PASSED = "自检通过"
DEMO_HOUSEHOLDS = 36
DEMO_SEED = 20250630
CHINESE_SAMPLE = "工会帮扶困难职工档案"
SAMPLE_ID = "11010519491231002X"  # GB 11643's own example
KEPT = {"pdf": "自检-入户调查表.pdf", "workbook": "自检-档案登记簿.xlsx", "window": "自检-主窗口.png"}
REPORT_FILE = "自检结果.txt"


class SelfTestFailed(Exception):
    """A check did not hold; the message says what was found, in Chinese."""


@dataclass
class _Run:
    folder: Path
    outputs: dict[str, Path] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # file number -> head of household

    @property
    def database(self) -> Path:
        return self.folder / "selftest.sqlite"


@contextmanager
def _isolated(folder: Path) -> Iterator[None]:
    """User data (logs, window settings) in the temporary folder; the signed-in account and office put back after."""
    from app import session
    from app.office import close_office

    before = os.environ.get("BANGFU_DATA_DIR")
    signed_in = session.current()
    os.environ["BANGFU_DATA_DIR"] = str(folder / "userdata")
    try:
        yield
    finally:
        close_office()
        session.set_current(signed_in)
        if before is None:
            os.environ.pop("BANGFU_DATA_DIR", None)
        else:
            os.environ["BANGFU_DATA_DIR"] = before


def _open_database(run: _Run) -> str:
    from app.office import open_office
    from app.services import accounts

    open_office(run.database, holder="自检")
    password = secrets.token_urlsafe(12)
    accounts.create_first_admin("selftest", "自检管理员", password)
    accounts.sign_in("selftest", password)
    return f"{run.database}，临时管理员已登录"


def _check_reference_data(_run: _Run) -> str:
    """The data files other packages read at run time: stdnum's region codes, pypinyin's readings, cn2an."""
    from decimal import Decimal

    from app.money import capitals
    from app.pinyin import name_keys
    from app.validation import check_id_number

    checks = {
        "身份证号地区码": check_id_number(SAMPLE_ID).birth_date.isoformat() == "1949-12-31",
        "拼音（含姓氏读音）": {"shanxiongxin", "dxx"} <= set(name_keys("单雄信")),
        "金额大写": capitals(Decimal("1234.50")) == "壹仟贰佰叁拾肆元伍角",
    }
    wrong = [what for what, right in checks.items() if not right]
    if wrong:
        raise SelfTestFailed(f"结果不对：{'、'.join(wrong)}")
    return "、".join(checks)


def _make_records(run: _Run) -> str:
    from app.demo import county
    from app.services.household_search import HouseholdQuery, fetch_rows, search_ids

    summary = county.make_demo(households=DEMO_HOUSEHOLDS, seed=DEMO_SEED)
    rows = fetch_rows(search_ids(HouseholdQuery(sort="file_no")))
    run.names = {row.file_no: row.name for row in rows}
    if len(run.names) != DEMO_HOUSEHOLDS:
        raise SelfTestFailed(f"应有 {DEMO_HOUSEHOLDS} 户演示档案，数据库里只找到 {len(run.names)} 户")
    return summary.describe()


def _check_pdf(run: _Run) -> str:
    from app import printing
    from app.pdf_text import pdf_fonts, pdf_text
    from app.services.household_search import HouseholdQuery, Queue, fetch_rows, search_ids

    ids = search_ids(HouseholdQuery(queue=Queue.SURVEY_DUE, sort="file_no"))
    out = run.outputs["pdf"] = run.folder / KEPT["pdf"]
    result = printing.print_forms("home-visit", out)
    data = out.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise SelfTestFailed(f"{out.name} 不是PDF文件")
    text = pdf_text(data)
    # A name with a character no font on this computer has is reported by the print, not drawn.
    expected = [row.name for row in fetch_rows(ids) if not any(w.startswith(f"{row.name}：") for w in result.warnings)]
    missing = [name for name in expected if name not in text]
    if not expected or missing:
        raise SelfTestFailed(f"入户调查表中找不到这些姓名：{'、'.join(missing) or '（没有可检查的档案）'}")
    fonts = pdf_fonts(data)
    not_embedded = [font.name for font in fonts if not font.embedded]
    if not_embedded:
        raise SelfTestFailed(f"PDF中这些字体没有嵌入：{'、'.join(not_embedded)}")
    if not any("NotoSansCJK" in font.name for font in fonts):
        raise SelfTestFailed(f"PDF没有使用内置字体 Noto Sans CJK SC（用到的字体：{'、'.join(f.name for f in fonts)}）")
    return f"{result.pages} 页，{len(expected)} 户的姓名都在，{len(fonts)} 个字体均已嵌入"


def _first_sheet(path: Path) -> tuple[str, list[set[str]]]:
    """The first sheet's title and each row's non-blank values as text, read back with openpyxl."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        sheet = book.worksheets[0]
        return sheet.title, [{str(v) for v in row if v is not None} for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _first_sheet_as_imported(path: Path) -> list[set[str]]:
    """The same sheet through python-calamine, the reader imports use."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return [{str(v) for v in row if v not in (None, "")} for row in rows]


def _check_workbook(run: _Run) -> str:
    from app.services import exchange

    out = run.outputs["workbook"] = run.folder / KEPT["workbook"]
    result = exchange.export_register("households", out)
    title, cells = _first_sheet(out)
    for reader, table in (("openpyxl", cells), ("python-calamine", _first_sheet_as_imported(out))):
        rows = [values for values in table if values & run.names.keys()]
        found = set().union(*rows) if rows else set()
        lost = [f"{no} {name}" for no, name in run.names.items() if no not in found or name not in found]
        if lost or len(rows) != result.rows or result.rows != len(run.names):
            raise SelfTestFailed(f"工作簿“{title}”应有 {len(run.names)} 户，导出 {result.rows} 户，用 {reader} "
                                 f"重新打开读到 {len(rows)} 行" + (f"；缺少 {'、'.join(lost[:5])}" if lost else ""))
    return f"工作表“{title}”重新打开后 {result.rows} 行（openpyxl 和 python-calamine），档案编号和姓名齐全"


def _check_window(run: _Run) -> str:
    try:
        from PySide6.QtCore import qInstallMessageHandler
    except ImportError:
        return "未安装 PySide6，跳过（命令行版本不需要窗口）"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # drawn in memory, never shown on the screen
    said: list[str] = []  # Qt's own warnings, shown only if the window check fails
    previous = qInstallMessageHandler(lambda _kind, _context, message: said.append(message))
    try:
        return _draw_window(run)
    except SelfTestFailed as exc:
        raise SelfTestFailed(f"{exc}" + (f"（Qt：{'；'.join(said[-5:])}）" if said else "")) from exc
    finally:
        qInstallMessageHandler(previous)


def _draw_window(run: _Run) -> str:
    """The bundled font and Qt's Chinese in place, then the main window drawn and its picture checked."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFontInfo, QFontMetrics, QRawFont
    from PySide6.QtWidgets import QApplication

    from app import paths
    from ui.application import FONT_FILE, prepare
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    prepare(app)
    bundled = QRawFont(str(paths.resource(*FONT_FILE)), 12)
    if not bundled.isValid():
        raise SelfTestFailed(f"找不到或读不出内置字体 {paths.resource(*FONT_FILE)}")
    family = QFontInfo(app.font()).family()
    if family != bundled.familyName():
        raise SelfTestFailed(f"窗口字体是“{family}”，不是内置字体“{bundled.familyName()}”")
    metrics = QFontMetrics(app.font())
    absent = [ch for ch in CHINESE_SAMPLE if not metrics.inFontUcs4(ord(ch))]
    if absent:
        raise SelfTestFailed(f"窗口字体缺少汉字：{''.join(absent)}")
    if QCoreApplication.translate("QPlatformTheme", "Cancel") != "取消":
        raise SelfTestFailed("Qt 的中文翻译（qtbase_zh_CN.qm）没有加载，对话框按钮会显示英文")
    window = MainWindow(run.database)
    try:
        window.resize(1280, 800)
        window.show()
        deadline = time.monotonic() + 10  # the list fills in the background: wait for its first rows
        while time.monotonic() < deadline and window.households_page.table.model().rowCount() == 0:
            app.processEvents()
            time.sleep(0.02)
        for _ in range(5):
            app.processEvents()
        image = window.grab().toImage()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    grid = [(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)]
    colours = {image.pixel(x, y) for x, y in grid}
    ink = sum(1 for x, y in grid if image.pixelColor(x, y).lightness() < 110)
    if image.isNull() or len(colours) < 16 or ink < 50:
        raise SelfTestFailed(f"主窗口截图是空白的（{image.width()}×{image.height()}，{len(colours)} 种颜色）")
    out = run.outputs["window"] = run.folder / KEPT["window"]
    if not image.save(str(out)):
        raise SelfTestFailed(f"无法保存主窗口截图 {out}")
    return f"字体“{family}”，截图 {image.width()}×{image.height()}，{len(colours)} 种颜色"


STEPS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("核对内置数据", _check_reference_data),
    ("打开临时数据库", _open_database),
    ("生成演示档案", _make_records),
    ("打印入户调查表（PDF）", _check_pdf),
    ("导出档案登记簿（Excel）", _check_workbook),
    ("在屏幕外绘制主窗口", _check_window),
)


def run_self_test(keep: Path | None = None, out: TextIO | None = None) -> int:
    """Run every check in order, stopping at the first that fails; 0 when all pass.

    keep: a folder to copy the PDF, workbook and window picture into, with 自检结果.txt.
    """
    lines: list[str] = []

    def say(line: str) -> None:
        lines.append(line)
        print(line, file=out or sys.stdout, flush=True)

    from app import __version__
    from app.errors import KnownError

    say(f"工会帮扶工作台 {__version__} 自检（{'安装版' if getattr(sys, 'frozen', False) else '源代码'}，"
        f"Python {sys.version.split()[0]}，{sys.platform}）")
    status = 0
    with tempfile.TemporaryDirectory(prefix="bangfu-selftest-", ignore_cleanup_errors=True) as temp:
        run = _Run(Path(temp))
        with _isolated(run.folder):
            for number, (title, step) in enumerate(STEPS, 1):
                started = time.monotonic()
                try:
                    detail = step(run)
                except (SelfTestFailed, KnownError) as exc:  # a finding, or the program's own explanation
                    say(f"{number}. {title}：未通过 —— {exc}")
                    status = 1
                except Exception as exc:  # a bug or a broken installation: name it, with where it happened
                    say(f"{number}. {title}：未通过 —— 出错：{type(exc).__name__}: {exc}")
                    print(traceback.format_exc(), file=sys.stderr, flush=True)
                    status = 1
                else:
                    say(f"{number}. {title}：通过（{detail}，{time.monotonic() - started:.1f} 秒）")
                    continue
                break
        say(PASSED if status == 0 else "自检未通过")
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            for path in run.outputs.values():
                if path.exists():
                    shutil.copy2(path, keep / path.name)
            (keep / REPORT_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return status
