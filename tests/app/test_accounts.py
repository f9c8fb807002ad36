"""Accounts: the first administrator, signing in, passwords, roles, the last administrator."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import session
from app.errors import KnownError, PermissionDenied
from app.services import accounts, audit
from app.session import Role
from db.models import Account, AuditRecord


def test_passwords_are_stored_as_argon2id_hashes(office: Path) -> None:
    row = Account.get(Account.username == "admin")
    assert row.password_hash.startswith("$argon2id$")
    assert "test-pass-1" not in row.password_hash


def test_the_first_administrator_can_only_be_created_once(office: Path) -> None:
    with pytest.raises(KnownError, match="已经有账户"):
        accounts.create_first_admin("second", "第二", "another-pass-1")


def test_sign_in_and_a_failure_is_recorded(office: Path) -> None:
    with pytest.raises(KnownError, match="用户名或密码不正确"):
        accounts.sign_in("admin", "wrong-password")
    failed = AuditRecord.select().where(AuditRecord.action == "登录失败").first()
    assert failed is not None and failed.username == "admin"
    assert accounts.sign_in("admin", "test-pass-1").role is Role.ADMIN
    assert session.current() is not None and session.current_operator() == "测试员"


def test_weak_passwords_and_bad_usernames_are_refused(office: Path) -> None:
    with pytest.raises(KnownError, match="至少8位"):
        accounts.create_account("jingban", "张经办", Role.CLERK, "short")
    with pytest.raises(KnownError, match="太简单"):
        accounts.create_account("jingban", "张经办", Role.CLERK, "aaaaaaaaaa")
    with pytest.raises(KnownError, match="用户名"):
        accounts.create_account("a b", "张经办", Role.CLERK, "good-pass-1")


def test_new_account_must_change_its_password(office: Path) -> None:
    clerk = accounts.create_account("jingban", "张经办", Role.CLERK, "first-pass-1")
    assert clerk.must_change_password
    accounts.sign_in("jingban", "first-pass-1")
    with pytest.raises(KnownError, match="原密码不正确"):
        accounts.change_password("nope-nope-1", "second-pass-2")
    accounts.change_password("first-pass-1", "second-pass-2")
    accounts.sign_in("jingban", "second-pass-2")
    assert not Account.get(Account.username == "jingban").must_change_password


def test_administrator_resets_a_password_and_disables_an_account(office: Path) -> None:
    clerk = accounts.create_account("jingban", "张经办", Role.CLERK, "first-pass-1")
    accounts.reset_password(clerk.id, "reset-pass-3")
    accounts.update_account(clerk.id, active=False)
    with pytest.raises(KnownError, match="已停用"):
        accounts.sign_in("jingban", "reset-pass-3")


def test_the_last_active_administrator_cannot_be_removed(office: Path) -> None:
    admin = Account.get(Account.username == "admin")
    with pytest.raises(KnownError, match="至少要保留一个"):
        accounts.update_account(admin.id, role=Role.CLERK)
    other = accounts.create_account("admin2", "另一管理员", Role.ADMIN, "admin2-pass-1")
    accounts.sign_in("admin2", "admin2-pass-1")
    accounts.update_account(admin.id, active=False)
    with pytest.raises(KnownError, match="至少要保留一个"):
        accounts.update_account(other.id, role=Role.VIEWER)
    assert Account.get_by_id(other.id).role == "管理员"


def test_only_administrators_manage_accounts(office: Path) -> None:
    accounts.create_account("chakan", "李查看", Role.VIEWER, "viewer-pass-1")
    accounts.sign_in("chakan", "viewer-pass-1")
    with pytest.raises(PermissionDenied, match="无权管理账户"):
        accounts.list_accounts()
    with pytest.raises(PermissionDenied):
        audit.list_records(audit.AuditQuery())


def test_idle_unlock_checks_the_signed_in_accounts_password(office: Path) -> None:
    assert accounts.verify_password("test-pass-1")
    assert not accounts.verify_password("wrong")
    session.set_current(None)
    assert not accounts.verify_password("test-pass-1")


def test_a_command_with_an_initial_password_must_change_it_first(office: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from app import cli

    accounts.create_account("jingban", "张经办", Role.CLERK, "first-pass-1")
    monkeypatch.setenv("BANGFU_USER", "jingban")
    monkeypatch.setenv("BANGFU_PASSWORD", "first-pass-1")
    assert cli.main(["settings", "--db", str(office)]) == 1
    assert "须先修改初始密码" in capsys.readouterr().err
    monkeypatch.setenv("BANGFU_NEW_PASSWORD", "second-pass-2")
    assert cli.main(["passwd", "--db", str(office)]) == 0
    monkeypatch.setenv("BANGFU_PASSWORD", "second-pass-2")
    assert cli.main(["export", "households", "--db", str(office), "--out", str(office.parent / "x.xlsx")]) == 0


def test_editing_ones_own_account_updates_the_session_and_cannot_disable_it(office: Path) -> None:
    me = session.current()
    assert me is not None
    accounts.create_account("admin2", "另一管理员", Role.ADMIN, "admin2-pass-1")
    accounts.update_account(me.account_id, display_name="王主任")
    assert session.current_operator() == "王主任"
    with pytest.raises(KnownError, match="不能停用自己"):
        accounts.update_account(me.account_id, active=False)
