"""The audit trail: every change recorded with who and what, append-only, tamper-evident."""

from __future__ import annotations

import dataclasses
import datetime
import json
import sqlite3
from pathlib import Path

import pytest

from app.services import audit, lifecycle
from app.services import households as hs
from db.database import close_database, database
from db.models import AuditRecord
from tests.factories import make_form


def _actions() -> list[str]:
    return [r.action for r in AuditRecord.select().order_by(AuditRecord.id)]


def test_create_update_step_and_delete_are_recorded_with_old_and_new(office: Path) -> None:
    hid = hs.create_household(make_form(1, phone="13812345678")).household_ids[0]
    form = hs.get_household(hid, reveal=True).form
    hs.update_household(hid, dataclasses.replace(form, phone="13987654321", address="新地址1号"))
    lifecycle.apply_step(hid, lifecycle.StepRequest(lifecycle.A.REVIEW, datetime.date(2025, 3, 5)))
    other = hs.create_household(make_form(2)).household_ids[0]
    hs.delete_household(other)
    assert _actions()[-6:] == ["新建", "查看身份信息", "修改", "办理", "新建", "删除"]
    update = AuditRecord.get(AuditRecord.action == "修改")
    changes = json.loads(update.details)["修改"]
    assert ["手机", "138****5678", "139****4321"] in changes
    assert any(c[0] == "家庭住址" and c[2] == "新地址1号" for c in changes)
    assert update.username == "admin" and form.file_no in update.target_label


def test_no_full_id_number_enters_the_trail(office: Path) -> None:
    form = make_form(3)
    hid = hs.create_household(form).household_ids[0]
    stored = hs.get_household(hid, reveal=True).form
    new_number = make_form(4).id_number
    hs.update_household(hid, dataclasses.replace(stored, id_number=new_number, sex=None, birth_date=None))
    text = " ".join(f"{r.target_label} {r.details}" for r in AuditRecord.select())
    assert form.id_number not in text and new_number not in text


def test_the_chain_is_intact_and_a_rolled_back_change_leaves_no_record(office: Path) -> None:
    hs.create_household(make_form(5))
    before = AuditRecord.select().count()
    with pytest.raises(Exception, match="一人只能有一份在办档案"):
        hs.create_household(dataclasses.replace(make_form(5), file_no=""))
    assert AuditRecord.select().count() == before
    assert audit.verify_chain() == []


def test_the_database_refuses_to_change_or_remove_a_record(office: Path) -> None:
    hs.create_household(make_form(6))
    with pytest.raises(Exception, match="只能追加"):
        database.execute_sql("UPDATE audit_record SET username = 'x' WHERE id = 1")
    with pytest.raises(Exception, match="只能追加"):
        database.execute_sql("DELETE FROM audit_record WHERE id = 1")


def _tamper(path: Path, *statements: str) -> None:
    """What someone with the SQLite file and a SQL tool could do: drop the guard and edit."""
    close_database()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_record_no_update")
        conn.execute("DROP TRIGGER audit_record_no_delete")
        for statement in statements:
            conn.execute(statement)
    conn.close()
    database.connect()


def test_an_edited_record_is_detected(office: Path) -> None:
    hs.create_household(make_form(7))
    hs.create_household(make_form(8))
    _tamper(office, "UPDATE audit_record SET username = 'someone' WHERE id = 2")
    problems = audit.verify_chain()
    assert any("第2条记录的内容与其校验值不符" in p for p in problems)


def test_a_removed_record_is_detected_even_the_newest(office: Path) -> None:
    hs.create_household(make_form(9))
    hs.create_household(make_form(10))
    last = AuditRecord.select().order_by(AuditRecord.id.desc()).first()
    assert last is not None
    _tamper(office, "DELETE FROM audit_record WHERE id = 2", f"DELETE FROM audit_record WHERE id = {last.id}")
    problems = audit.verify_chain()
    assert any("第2至2条记录已被删除" in p for p in problems)
    assert any(f"最后的第{last.id}至{last.id}条记录已被删除" in p for p in problems)


def test_print_export_and_import_are_recorded(office: Path, tmp_path: Path) -> None:
    from app import printing
    from app.services import exchange

    hid = hs.create_household(make_form(11)).household_ids[0]
    printing.print_forms("file-form", tmp_path / "f.pdf", ids=[hid])
    exchange.export_register("households", tmp_path / "m.xlsx")
    exchange.export_register("households", tmp_path / "full.xlsx", masked=False)
    exchange.write_template("households", tmp_path / "t.xlsx")
    exchange.import_register("households", tmp_path / "t.xlsx")
    rows = list(AuditRecord.select().where(AuditRecord.action.in_(["打印", "导出", "导入"])).order_by(AuditRecord.id))
    assert [r.action for r in rows] == ["打印", "导出", "导出", "导入"]
    assert json.loads(rows[1].details)["身份信息"] == "隐去中间位"
    assert json.loads(rows[2].details)["身份信息"] == "含完整身份信息"
