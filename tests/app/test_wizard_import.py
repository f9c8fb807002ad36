"""Import wizard, end to end: preview with counts and duplicates, the choices, one transaction after a backup,
the rejected-rows workbook, cancel, and the command line with --map and --dry-run."""

from __future__ import annotations

import datetime
import hashlib
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from app import cli
from app.errors import KnownError
from app.progress import Cancelled
from app.services import households as hs
from app.wizard.importers import RowStatus
from app.wizard.preview import ALIKE, IN_FILE, ON_RECORD, Choice, Counts
from app.wizard.steps import ImportWizard
from db.database import database
from tests.factories import make_form

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wizard"
FILES = ["households.xls", "households.ods", "households-gbk.csv"]
P1, P2 = "622823197203151798", "622823198007010706"


def heads() -> dict[str, str]:
    rows = database.execute_sql("SELECT p.id_number, p.name FROM household h JOIN person p ON h.head_id = p.id")
    return dict(rows.fetchall())


@pytest.mark.parametrize("name", FILES)
def test_preview_then_import_of_a_file_made_by_another_program(office: Path, name: str) -> None:
    wizard = ImportWizard(FIXTURES / name, "households")
    assert wizard.choose_sheet().header_rows == (3, 4)
    assert wizard.suggest_mapping().missing(wizard.register) == []
    preview = wizard.check()
    assert preview.counts == Counts(new=6, skipped=1, rejected=3)
    assert heads() == {}  # nothing written before the user confirms
    by_row = {r.number: r for r in preview.rows}
    assert by_row[12].status is RowStatus.SKIPPED  # the same ID number again: the first row is kept
    truncated = by_row[10].problems[0]
    assert truncated.label == "身份证号"
    assert truncated.message.endswith("Excel 已截断为15位，请将该列设为文本后重新导出")
    assert by_row[14].problems[0].message == "“临时工”不在可选值中（职工、农民工）"
    assert {g.where for g in preview.groups} == {IN_FILE, ALIKE}
    assert wizard.clean().skipped_rows == (15, 16)  # 合计 and 制表人 lines
    outcome = wizard.confirm(leave_out_rejected=True)
    assert (outcome.written.created, outcome.written.updated) == (6, 0)
    assert outcome.backup is not None and outcome.backup.exists()
    stored = heads()
    assert stored[P1] == "王建国" and stored[P2] == "李秀英" and "张强" in stored.values()
    detail = hs.get_household(hs.household_id_by_number(P2) or 0, reveal=True).form
    assert (detail.identity, detail.sex, str(detail.head_monthly_income)) == ("农民工", "女", "1200.00")
    assert detail.filed_on == datetime.date(2023, 5, 6) and detail.single_parent is True
    with pytest.raises(KnownError, match="已经导入"):
        wizard.confirm(leave_out_rejected=True)


def test_rows_with_problems_stop_the_import_unless_left_out(office: Path) -> None:
    wizard = ImportWizard(FIXTURES / "households.xls", "households")
    wizard.check()
    with pytest.raises(KnownError, match="有 3 行有错误，未导入任何数据"):
        wizard.confirm()
    assert heads() == {}


def test_duplicate_choices_per_group(office: Path) -> None:
    wizard = ImportWizard(FIXTURES / "households.ods", "households")
    preview = wizard.check()
    same_id = next(g for g in preview.groups if g.where == IN_FILE)
    alike = next(g for g in preview.groups if g.where == ALIKE)
    assert Choice.KEEP_BOTH not in same_id.choices  # one person heads one file
    with pytest.raises(KnownError, match="不能选"):
        wizard.decide(same_id.id, Choice.KEEP_BOTH)
    preview = wizard.decide(same_id.id, Choice.UPDATE)  # the later row wins
    statuses = {r.number: r.status for r in preview.rows}
    assert statuses[5] is RowStatus.SKIPPED and statuses[12] is RowStatus.NEW
    preview = wizard.decide(alike.id, Choice.SKIP)
    assert {r.number: r.status for r in preview.rows}[13] is RowStatus.SKIPPED
    assert preview.counts == Counts(new=5, skipped=2, rejected=3)
    wizard.confirm(leave_out_rejected=True)
    stored = hs.get_household(hs.household_id_by_number(P1) or 0, reveal=True).form
    assert stored.note == "重复录入" and str(stored.head_monthly_income) == "650.00"


def test_rows_on_record_are_skipped_or_update_their_file(office: Path) -> None:
    hid = hs.create_household(make_form(1, id_number=P1, name="王建国", note="旧备注")).household_ids[0]
    wizard = ImportWizard(FIXTURES / "households.xls", "households")
    preview = wizard.check()
    on_record = next(g for g in preview.groups if g.where == ON_RECORD)
    assert on_record.rows == (5, 12) and on_record.choice is Choice.SKIP and "已有档案" in on_record.description
    assert preview.counts.skipped == 2
    preview = wizard.decide(on_record.id, Choice.UPDATE)
    assert {r.number: r.status for r in preview.rows}[5] is RowStatus.UPDATE
    assert preview.counts == Counts(new=5, updated=1, skipped=1, rejected=3)
    outcome = wizard.confirm(leave_out_rejected=True)
    assert (outcome.written.created, outcome.written.updated) == (5, 1)
    assert hs.get_household(hid, reveal=True).form.note == ""  # the file's 备注 column (blank) replaced it


def test_soft_duplicate_against_the_database(office: Path) -> None:
    hs.create_household(make_form(3, id_number="622823198007017000", name="李秀英"))
    preview = ImportWizard(FIXTURES / "households.xls", "households").check()
    alike = [g for g in preview.groups if g.where.startswith(ALIKE) and "系统中" in g.description]
    assert alike and alike[0].choice is Choice.KEEP_BOTH and "622***********7000" in alike[0].description


def test_rejected_rows_workbook(office: Path, tmp_path: Path) -> None:
    wizard = ImportWizard(FIXTURES / "households-gbk.csv", "households")
    wizard.check()
    out = wizard.save_rejected(tmp_path / "未导入.xlsx", include_skipped=True)
    book = openpyxl.load_workbook(out)
    problems = [tuple(r) for r in book["问题清单"].iter_rows(values_only=True)]
    assert problems[0] == ("原行号", "列", "原因")
    assert (10, "身份证号", "只有15位，Excel 已截断为15位，请将该列设为文本后重新导出") in problems
    assert any(r[0] == 12 and "重复" in r[2] for r in problems[1:])
    rows = [list(r) for r in book["未导入的行"].iter_rows(values_only=True)]
    assert rows[0][2] == "职工基本情况·公民身份号码" and rows[0][-2:] == ["原行号", "未导入原因"]
    row10 = next(r for r in rows if r[-2] == 10)
    assert row10[2] == "622823900202413" and book["未导入的行"].cell(3, 3).data_type == "s"


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cancel_during_the_write_leaves_the_database_as_it_was(office: Path) -> None:
    hs.create_household(make_form(7))
    wizard = ImportWizard(FIXTURES / "households.xls", "households")
    wizard.check()
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before, source = _dump(office), _digest(FIXTURES / "households.xls")
    stages: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        stages.append(message)
        if message == "正在写入档案" and done > total // 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        wizard.confirm(progress, leave_out_rejected=True)
    assert "正在备份数据库" in stages
    after = _dump(office)
    changed = sorted(set(after) ^ set(before))
    # The backup made just before the write stays, and the audit trail and its date setting say so;
    # nothing else differs.
    backup_lines = [line for line in changed if line.startswith('INSERT INTO "audit_record"')]
    assert len(backup_lines) == 1 and "'备份'" in backup_lines[0]
    rest = [line for line in changed if line not in backup_lines and "audit_record" not in line
            and "backup_last" not in line]
    assert rest == []
    assert len(heads()) == 1
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _digest(FIXTURES / "households.xls") == source


def _mapping(tmp_path: Path) -> Path:
    path = tmp_path / "MAPPING.json"
    path.write_text(json.dumps({
        "kind": "households", "sheet": "花名册", "header_row": 3, "header_rows": 2,
        "columns": {"职工基本情况·户主姓名": "name", "职工基本情况·公民身份号码": "身份证号",
                    "职工基本情况·性别": "sex",
                    "身份": "identity", "致困原因": "main_cause", "困难类别": "category", "建档日期": "filed_on",
                    "序号": None},
    }, ensure_ascii=False), encoding="utf-8")
    return path


def test_command_line_dry_run_then_import(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["import", "households", str(FIXTURES / "households.ods"), "--db", str(office), "--map",
            str(_mapping(tmp_path))]
    assert cli.main([*args, "--dry-run"]) == 1
    out, err = capsys.readouterr()
    assert "共 10 行：新增 6，更新 0，未变化 0，跳过 1，有错误 3" in out and "试运行" in out
    assert "清洗：日期格式统一" in out and "重复：第5、12行身份证号相同（622***********1798）" in out
    assert "第10行“身份证号”：身份证号存成了数字" in err
    assert heads() == {}
    assert cli.main(args) == 1
    assert "发现 3 处问题，未做任何修改" in capsys.readouterr().err
    assert heads() == {}


def test_command_line_import_of_a_clean_file(office: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年困难职工名单"])
    sheet.append(["职工姓名", "身份证号码", "人员身份", "困难原因", "困难程度"])
    sheet.append(["王建国", P1, "职工", "下岗失业", "深度困难"])
    sheet.append(["李秀英", P2, "进城务工人员", "患重特大疾病", "深度"])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    assert cli.main(["import", "households", str(path), "--db", str(office), "--dry-run"]) == 0
    assert "新增 2" in capsys.readouterr().out and heads() == {}  # mapped by the header synonyms alone
    mapping = tmp_path / "名单.json"
    mapping.write_text(json.dumps({"columns": {"职工姓名": "姓名", "身份证号码": "id_number", "人员身份": "identity",
                                               "困难原因": "main_cause", "困难程度": "category"}}), encoding="utf-8")
    assert cli.main(["import", "households", str(path), "--db", str(office), "--map", str(mapping)]) == 0
    out = capsys.readouterr().out
    assert "导入完成：新建 2 户" in out and "导入前已自动备份" in out
    assert set(heads()) == {P1, P2}


def test_a_relief_list_goes_through_the_relief_importer(office: Path, tmp_path: Path) -> None:
    from decimal import Decimal

    from app.services import funds
    from app.services.funds import FundEntryForm

    fund = funds.create_fund("送温暖资金").id
    funds.add_entry(FundEntryForm(fund, datetime.date(2025, 1, 1), "上级拨款", Decimal("10000")))
    path = tmp_path / "慰问.csv"
    path.write_text("2025年夏送清凉慰问名单\n发放日期,慰问类型,受助人姓名,身份证号码,慰问金,资金\n"
                    f"2025.6.1,夏送清凉,王建国,{P1},200元,送温暖资金\n"
                    f"2025年6月2日,夏送清凉,李秀英,{P2},200,送温暖资金\n"
                    f"2025.6.1,夏送清凉,王建国,{P1},200元,送温暖资金\n", encoding="gbk")
    wizard = ImportWizard(path, "relief")
    assert wizard.suggest_mapping().missing(wizard.register) == []
    preview = wizard.check()
    assert preview.counts == Counts(new=2, skipped=1)
    assert preview.groups[0].description == "第3、5行内容完全相同"
    assert Choice.KEEP_BOTH in preview.groups[0].choices  # a ledger may hold the same line twice
    outcome = wizard.confirm()
    assert outcome.written.created == 2
    assert database.execute_sql("SELECT count(*), sum(amount) FROM relief").fetchone() == (2, 40000)


def test_the_preview_lists_rows_by_status_group_and_number_and_the_changes_by_rule(office: Path) -> None:
    wizard = ImportWizard(FIXTURES / "households.xls", "households")
    preview = wizard.check()
    every = list(preview.rows)
    for status in RowStatus:
        assert [r.number for r in preview.rows_where(status)] == [r.number for r in every if r.status is status]
    assert [r.number for r in preview.flagged_rows()] == [r.number for r in every if r.groups or r.warnings]
    assert [r.number for r in preview.rows_numbered({12, 5, 999})] == [5, 12]
    clean = wizard.clean()
    changes = list(clean.changes)
    assert len(changes) == sum(clean.rule_counts.values()) > 0
    for rule, count in clean.rule_counts.items():
        assert [c for c in changes if c.rule == rule] == list(clean.changes_for(rule)) and count == len(
            clean.changes_for(rule))
    assert clean.source_of(5)[0] is not None and clean.source_of(999) == ()
