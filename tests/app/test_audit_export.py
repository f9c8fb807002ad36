"""The audit trail read by people: details in plain Chinese, the Excel export, the value lists' full contents."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.errors import PermissionDenied
from app.services import accounts, audit, settings, value_lists
from app.services import households as hs
from app.services.audit import AuditQuery
from app.services.audit_export import describe_query, export_audit
from app.services.audit_text import details_text, target_text
from app.session import Role
from db.models import AuditRecord
from tests.factories import make_form


def test_details_read_as_plain_chinese() -> None:
    change = json.dumps({"修改": [["手机", "138****1234", "139****5678"], ["备注", "", "新"]]}, ensure_ascii=False)
    assert details_text(change) == "修改：手机 138****1234 → 139****5678；备注 （空） → 新"
    setting = json.dumps({"设置": "office_name", "原值": "甲", "新值": "乙"}, ensure_ascii=False)
    assert details_text(setting) == "帮扶中心名称：甲 → 乙"
    line = json.dumps({"设置": "低保标准", "起始日期": "2025-07-01", "金额": "820.00"}, ensure_ascii=False)
    assert details_text(line) == "低保标准：2025-07-01 起 820.00 元/人/月"
    value = json.dumps({"设置": "可选值", "列表": "category", "值": "特困职工", "启用": True}, ensure_ascii=False)
    assert details_text(value) == "启用可选值：困难类别 “特困职工”"
    export = json.dumps({"文件": "a.xlsx", "户数": 3, "登记簿": "档案"}, ensure_ascii=False, sort_keys=True)
    assert details_text(export) == "登记簿：档案；户数：3；文件：a.xlsx"
    assert details_text("") == "" and details_text("not json") == "not json"
    assert target_text("value_list", "category=特困职工") == "可选值 困难类别：特困职工"
    assert target_text("setting", "notice_days") == "设置 公示天数"
    assert target_text("household", "2025-0001 张三") == "档案 2025-0001 张三"
    assert target_text("model_worker", "劳模 张三") == "劳模 张三"
    assert target_text("health_check", "体检 张三") == "劳模 体检 张三"


def test_every_kind_the_program_records_reads_in_chinese() -> None:
    """The 对象 column once showed subsidy_entry, upward_report, model_worker_visit … as stored."""
    from app.services import employment_exchange, model_worker_care, reception_exchange, relief_exchange
    from app.services.audit_text import KIND_LABELS

    root = Path(__file__).resolve().parents[2] / "app"
    kinds = {kind for source in root.rglob("*.py")
             for kind in re.findall(r'target_kind="([^"]+)"', source.read_text(encoding="utf-8"))}
    kinds |= set(model_worker_care.REMOVABLE) | set(relief_exchange.TARGET_KINDS.values())
    kinds |= set(reception_exchange.TARGET_KINDS.values())
    kinds |= {register.kind for registers in employment_exchange.BOOKS.values() for register in registers}
    assert len(kinds) > 30
    assert sorted(kinds - set(KIND_LABELS)) == []


def test_export_writes_every_matching_record_and_is_itself_recorded(office: Path, tmp_path: Path) -> None:
    hid = hs.create_household(make_form(1, phone="13812341234")).household_ids[0]
    form = hs.get_household(hid, reveal=True).form
    hs.update_household(hid, dataclasses.replace(form, phone="13956785678"))
    settings.put("office_name", "华池县总工会困难职工帮扶中心")
    out = tmp_path / "日志.xlsx"
    result = export_audit(AuditQuery(since=datetime.date(2025, 6, 1)), out)
    assert result.path == out and result.rows == AuditRecord.select().count() - 1
    book = load_workbook(out, read_only=True)
    rows = list(book["操作日志"].iter_rows(values_only=True))
    book.close()
    assert rows[0][0] == "华池县总工会困难职工帮扶中心操作日志"
    assert "共 " in str(rows[1][0]) and "2025-06-01 至 最近" in str(rows[1][0])
    assert rows[2] == ("时间", "账户", "操作", "对象", "详情")
    data = rows[3:]
    assert len(data) == result.rows
    assert isinstance(data[0][0], datetime.datetime)
    update = next(r for r in data if r[2] == "修改")
    assert "手机 138****1234 → 139****5678" in update[4] and update[1] == "admin"
    assert any(r[2] == "修改设置" and r[3] == "设置 帮扶中心名称" for r in data)
    last = AuditRecord.select().order_by(AuditRecord.id.desc()).first()
    assert last.action == "导出" and last.target_kind == "audit"
    assert json.loads(last.details)["条数"] == result.rows
    assert audit.verify_chain() == []


def test_only_administrators_export_the_trail_or_list_all_values(office: Path, tmp_path: Path) -> None:
    accounts.create_account("chakan", "李查看", Role.VIEWER, "viewer-pass-1")
    accounts.sign_in("chakan", "viewer-pass-1")
    with pytest.raises(PermissionDenied):
        export_audit(AuditQuery(), tmp_path / "x.xlsx")
    with pytest.raises(PermissionDenied):
        value_lists.list_values("category")
    assert not (tmp_path / "x.xlsx").exists()


def test_value_lists_show_retired_values_too(office: Path) -> None:
    values = value_lists.list_values("category")
    assert value_lists.ListValue("深度困难", True) in values
    assert value_lists.ListValue("特困职工", False) in values
    settings.set_value_active("category", "特困职工", True)
    settings.set_poverty_line(datetime.date(2025, 7, 1), Decimal("820"))
    assert value_lists.ListValue("特困职工", True) in value_lists.list_values("category")
    assert value_lists.configurable_lists()["cause"] == "致困原因"


def test_the_filter_in_words() -> None:
    query = AuditQuery(text="张", username="admin", action="修改", since=datetime.date(2025, 6, 1),
                       until=datetime.date(2025, 6, 30))
    assert describe_query(query) == "2025-06-01 至 2025-06-30，账户 admin，操作 修改，含“张”"
    assert describe_query(AuditQuery()) == "全部记录"


def test_checking_the_trail_counts_and_reports(office: Path) -> None:
    from app.services.audit_check import check_trail

    hs.create_household(make_form(7))
    result = check_trail()
    assert result.intact and result.records == AuditRecord.select().count()
    assert result.summary() == f"操作日志完整，共{result.records}条"
