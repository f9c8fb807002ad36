"""The upward workbook (上报统计表) of the year built through the registers' import: reopened with openpyxl, its 汇总
figures equal `summary --json` (this period and a year earlier), and every register sheet has its header row and
as many rows as the year's records of the period, counted in the test from the rows written."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app import cli, clock, session
from app.errors import PermissionDenied
from app.excel.writer import FIRST_DATA_ROW, HEADER_ROW
from app.office import close_office, open_office
from app.registers import get_register
from app.reports import upward
from app.services import accounts, audit
from app.services import summary as summaries
from app.session import Role, SignedIn
from tests.year_builder import ADMIN, Row, Year, build_office
from tests.year_figures import households, model_workers

D = datetime.date
YEAR = (D(2024, 1, 1), D(2024, 12, 31))
FULL_ID = re.compile(r"\d{17}[\dX]")


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Year]]:
    folder = tmp_path_factory.mktemp("county")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANGFU_DATA_DIR", str(folder / "userdata"))
        yield build_office(folder)


@pytest.fixture
def office_copy(county: tuple[Path, Year], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the county's database; the commands sign in as the administrator."""
    path = Path(shutil.copy(county[0], tmp_path / "office.sqlite"))
    monkeypatch.setenv("BANGFU_USER", ADMIN[0])
    monkeypatch.setenv("BANGFU_PASSWORD", ADMIN[2])
    clock.fix_today(D(2025, 6, 30))
    try:
        yield path
    finally:
        session.set_current(None)
        close_office()
        clock.fix_today(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def report(path: Path, out: Path, capsys: pytest.CaptureFixture[str], start: D, end: D, *extra: str) -> str:
    return run(capsys, "report", "--db", str(path), "--from", start.isoformat(), "--to", end.isoformat(),
               "--out", str(out), *extra)


def flat(figures: object, prefix: str = "") -> dict[str, object]:
    """Every leaf of the JSON by its dotted path."""
    if not isinstance(figures, dict):
        return {prefix: figures}
    found: dict[str, object] = {}
    for key, value in figures.items():
        found.update(flat(value, f"{prefix}.{key}" if prefix else key))
    return found


def summary_cells(book: openpyxl.Workbook) -> tuple[dict[str, tuple[object, object, object, str]], list[str]]:
    """code → (本期, 上年同期, 增减, 单位) of every figure line, and the texts of the cells around the table."""
    ws = book[upward.SUMMARY_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "指标")
    assert rows[header][:6] == upward.HEADER
    lines = {}
    for r in rows[header + 1:]:
        if r[5]:
            lines[str(r[5])] = (r[2], r[3], r[4], str(r[1]))
    texts = [str(c) for r in rows for c in r[:5] if isinstance(c, str)]
    return lines, texts


def same(cell: object, unit: str, wanted: object) -> bool:
    if unit == "元":
        return isinstance(cell, int | float) and f"{Decimal(str(cell)).quantize(Decimal('0.01'))}" == wanted
    return isinstance(cell, int) and not isinstance(cell, bool) and cell == wanted


def within(row: Row, key: str, start: D, end: D) -> bool:
    value = row.get(key)
    return isinstance(value, D) and start <= value <= end


def expected_rows(year: Year, start: D, end: D) -> dict[str, int]:
    """The records of each register in the period, counted from the rows the builder wrote."""
    heads = year.of("households", "困难职工档案")
    files = households(year, start, end)
    on_roll = {str(h["id_number"]) for h in heads if _on_roll(h, start, end)}
    assert len(on_roll) == int(str(files["active_end"])) + int(str(files["closed"]))
    cases = [c for c in year.of("legal-cases", "法律援助案件")
             if within(c, "accepted_on", start, end) or within(c, "closed_on", start, end)]
    sessions = {s["name"] for s in year.of("training-sessions", "培训班") if within(s, "start_date", start, end)}
    workers = year.of("model-workers")

    def dated(kind: str, key: str = "on_date", sheet: str | None = None) -> int:
        return sum(within(r, key, start, end) for r in year.of(kind, sheet))

    def running(kind: str, sheet: str) -> int:
        return sum((r["start_date"] <= end) and (r.get("end_date") is None or r["end_date"] >= start)  # type: ignore[operator]
                   for r in year.of(kind, sheet))

    return {
        "困难职工档案": len(on_roll),
        "家庭成员": sum(str(m["head_id_number"]) in on_roll for m in year.of("households", "家庭成员")),
        "救助记录": dated("relief"), "帮扶活动": running("campaigns", "帮扶活动"), "资金收入": dated("fund-entries"),
        "信访接待": dated("petitions", "received_on"), "法律援助案件": len(cases),
        "申请人": sum(a["case_no"] in {c["case_no"] for c in cases} for a in year.of("legal-cases", "申请人")),
        "培训班": len(sessions),
        "培训学员": sum(t["session"] in sessions for t in year.of("training-sessions", "培训学员")),
        "再就业": dated("placements"), "职业介绍": dated("referrals"), "创业贷款": dated("loans"),
        "结对帮扶": running("pairings", "结对帮扶"), "结对帮扶记录": dated("pairings", sheet="结对帮扶记录"),
        "互助保障参保": sum(start.year <= int(str(e["year"])) <= end.year
                        for e in year.of("mutual-aid", "互助保障参保")),
        "互助保障理赔": dated("mutual-aid", sheet="互助保障理赔"),
        "劳模档案": int(str(model_workers(year, start, end)["on_roll_end"])),
        # Every worker's archive starts with a 新增 on the day they were added, then the events of the register.
        "劳模动态": dated("model-worker-events") + sum(within(w, "added_on", start, end) for w in workers),
        "走访慰问": dated("model-worker-visits"), "劳模体检": dated("health-checks"),
        "补助金专户": dated("subsidy-entries"),
    }


def _on_roll(head: Row, start: D, end: D) -> bool:
    approved, closed = head.get("approved_on"), head.get("closed_on")
    left = closed if head["status"] in ("已脱困", "退档") else None
    return isinstance(approved, D) and approved <= end and (not isinstance(left, D) or left >= start)


@pytest.mark.parametrize("start, end", [YEAR, (D(2024, 4, 1), D(2024, 6, 30))])
def test_the_workbook_holds_the_json_figures_and_the_period_s_records(
        county: tuple[Path, Year], office_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        start: D, end: D) -> None:
    out = tmp_path / "上报.xlsx"
    said = report(office_copy, out, capsys, start, end)
    assert "已生成上报统计表" in said and "隐去中间位" in said
    found = json.loads(run(capsys, "summary", "--db", str(office_copy), "--from", start.isoformat(),
                           "--to", end.isoformat(), "--json", "--with-previous"))
    previous = flat(found.pop("previous_year"))
    current = flat(found)
    book = openpyxl.load_workbook(out)
    lines, texts = summary_cells(book)
    assert set(lines) == set(current), "every figure of the JSON once, and nothing else"
    for code, (now, then, change, unit) in lines.items():
        assert same(now, unit, current[code]), (code, now, current[code])
        assert same(then, unit, previous[code]), (code, then, previous[code])
        assert Decimal(str(change)) == Decimal(str(now)) - Decimal(str(then)), code
    assert any(t.startswith("填报单位：") for t in texts)
    assert f"统计期间：{start.isoformat()} 至 {end.isoformat()}" in texts
    assert f"填报人：{ADMIN[1]}" in texts and "填报日期：2025-06-30" in texts
    ws = book[upward.SUMMARY_SHEET]
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${upward.HEADER_ROW}:${upward.HEADER_ROW}"
    assert ws.column_dimensions["F"].hidden

    wanted = expected_rows(county[1], start, end)
    assert book.sheetnames == [upward.SUMMARY_SHEET, *wanted]
    for sheet, count in wanted.items():
        ws = book[sheet]
        register = next(r for r in (get_register(k) for k in _kinds()) if r.sheet == sheet)
        header = [c.value for c in ws[HEADER_ROW]]
        assert header == [f.label for f in register.fields], sheet
        data = [r for r in ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True) if any(v is not None for v in r)]
        assert len(data) == count, (sheet, len(data), count)
        for row in data:
            assert not any(isinstance(v, str) and FULL_ID.fullmatch(v) for v in row), f"{sheet}: a full ID number"
    book.close()


def _kinds() -> list[str]:
    from app.registers import register_kinds

    return register_kinds()


def test_full_ids_only_for_an_administrator_and_audited(
        county: tuple[Path, Year], office_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "full.xlsx"
    assert "含完整身份信息" in report(office_copy, out, capsys, *YEAR, "--full-ids")
    book = openpyxl.load_workbook(out, read_only=True)
    numbers = {v for r in book["救助记录"].iter_rows(min_row=FIRST_DATA_ROW, values_only=True) for v in r
               if isinstance(v, str) and FULL_ID.fullmatch(v)}
    book.close()
    # Every recipient's number in full (the students' numbers of 助学救助 too).
    assert numbers >= {r["id_number"] for r in county[1].of("relief") if within(r, "on_date", *YEAR)}
    open_office(office_copy)
    accounts.sign_in(ADMIN[0], ADMIN[2])
    exported = [r for r in audit.list_records(audit.AuditQuery())
                if r.action == "导出" and r.target_label == "上报统计表"]
    assert [("含完整身份信息" in r.details) for r in exported] == [True]
    session.set_current(SignedIn(2, "clerk", "经办人甲", Role.CLERK))
    with pytest.raises(PermissionDenied, match="含完整身份信息"):
        upward.write_upward(summaries.Period(*YEAR), tmp_path / "clerk.xlsx", full_ids=True)
    assert not (tmp_path / "clerk.xlsx").exists()
    masked = upward.write_upward(summaries.Period(*YEAR), tmp_path / "clerk.xlsx")
    assert masked.masked and masked.rows == sum(masked.sheets.values()) > 0


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    found = {ws.title: [(c.coordinate, c.value, c.data_type, c.number_format, bool(c.quotePrefix))
                        for row in ws.iter_rows() for c in row if c.value is not None]
             for ws in book.worksheets}
    book.close()
    return found


@pytest.mark.parametrize("masked", [True, False])
def test_the_fast_register_sheet_writes_what_register_sheet_writes(
        office_copy: Path, tmp_path: Path, masked: bool) -> None:
    """Every register's rows over all the years, and odd values, through both: the same cells, types, formats."""
    from app.excel import writer
    from app.reports.fast_sheet import FastRegisterSheet
    from app.reports.upward_registers import register_rows

    open_office(office_copy)
    accounts.sign_in(ADMIN[0], ADMIN[2])
    odd: list[dict[str, object]] = [
        {"name": "=SUM(A1)", "id_number": "620121195001010011", "relief_type": " 生活救助 ", "on_date": D(2024, 2, 29),
         "amount": Decimal("-0.50"), "note": "a & b < c > d\x07", "items": ("夏凉被×1条@85", "绿豆×5斤@6"),
         "temporary": True, "total_cost": Decimal("1234567.89")},
        {"name": "@张三", "relief_type": "", "on_date": D(1900, 3, 1), "amount": Decimal("0"), "note": "+1"},
    ]
    written = {}
    for name, kind in (("plain", writer.RegisterSheet), ("fast", FastRegisterSheet)):
        out = tmp_path / f"{name}.xlsx"
        with writer.streaming_workbook() as book:
            for found in register_rows(D(2021, 1, 1), D(2025, 12, 31)):
                sheet = kind(book, found.register, writer.Heading("标题", "说明"), masked=masked)
                for values in found.rows:
                    sheet.append(values)
                if found.register.kind == "relief":
                    for values in odd:
                        sheet.append(values)
                sheet.close()
            book.save(out)
        written[name] = _cells(out)
    assert written["fast"] == written["plain"]
    assert sum(len(cells) for cells in written["fast"].values()) > 2000


def test_a_cancel_while_writing_leaves_no_file(office_copy: Path, tmp_path: Path) -> None:
    from app.progress import Cancelled

    open_office(office_copy)
    accounts.sign_in(ADMIN[0], ADMIN[2])
    seen: list[str] = []

    def cancel_at_relief(_done: int, _total: int, message: str) -> None:
        seen.append(message)
        if "救助记录" in message:
            raise Cancelled

    with pytest.raises(Cancelled):
        upward.write_upward(summaries.Period(*YEAR), tmp_path / "out" / "cancelled.xlsx", progress=cancel_at_relief)
    assert seen[:2] == ["正在写入困难职工档案", "正在写入家庭成员"]
    assert list((tmp_path / "out").iterdir()) == []
