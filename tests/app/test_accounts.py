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
    with pytest.raises(KnownError, match="至少要保留一个"):
        accounts.update_account(admin.id, active=False)
    assert Account.get_by_id(admin.id).role == "管理员"


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
