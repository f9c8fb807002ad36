"""Staff accounts: the first administrator, signing in and out, passwords, roles."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app import clock, session
from app.errors import KnownError, PermissionDenied
from app.services.audit import AuditAction, record
from app.session import Permission, Role, SignedIn
from db.database import database
from db.models import Account

# argon2id with argon2-cffi's defaults (64 MiB, 3 passes); tests swap in a cheap hasher.
hasher = PasswordHasher()
MIN_PASSWORD = 8
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,32}$")


@dataclass(frozen=True)
class AccountView:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    must_change_password: bool
    last_login_at: datetime.datetime | None


def _view(row: Account) -> AccountView:
    return AccountView(row.id, row.username, row.display_name, Role(row.role), row.active,
                       row.must_change_password, row.last_login_at)


def check_password(password: str) -> None:
    """At least 8 characters, not all the same; raises KnownError naming the rule."""
    if len(password) < MIN_PASSWORD:
        raise KnownError(f"密码至少{MIN_PASSWORD}位。")
    if len(set(password)) < 3:
        raise KnownError("密码太简单，请混合使用不同的字母和数字。")


def _check_username(username: str) -> str:
    username = username.strip()
    if not USERNAME_RE.match(username):
        raise KnownError("用户名为2至32位的字母、数字、汉字或 . _ -")
    return username


def has_accounts() -> bool:
    return bool(Account.select().exists())


def create_first_admin(username: str, display_name: str, password: str) -> AccountView:
    """The administrator asked for at the first start of a new database (or its first command)."""
    username = _check_username(username)
    check_password(password)
    with database.atomic("IMMEDIATE"):
        if Account.select().exists():
            raise KnownError("这个数据库已经有账户了，请用已有账户登录。")
        row = Account.create(username=username, display_name=display_name.strip() or username,
                             role=str(Role.ADMIN), password_hash=hasher.hash(password), created_at=clock.now())
        record(AuditAction.ACCOUNT, target_kind="account", target_id=row.id, target_label=username,
               details={"事项": "创建首个管理员"}, username=username)
    return _view(row)


def sign_in(username: str, password: str) -> AccountView:
    """Check the password and make this account the session's; failures are recorded too."""
    username = username.strip()
    row = Account.get_or_none(Account.username == username)
    ok = False
    if row is not None and row.active:
        try:
            ok = hasher.verify(row.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
    if not ok:
        record(AuditAction.LOGIN_FAILED, target_kind="account", target_label=username[:32], username=username[:32]
               or "（空）")
        if row is not None and not row.active:
            raise KnownError("该账户已停用，请联系管理员。")
        raise KnownError("用户名或密码不正确。")
    assert row is not None
    with database.atomic("IMMEDIATE"):
        if hasher.check_needs_rehash(row.password_hash):
            row.password_hash = hasher.hash(password)
        row.last_login_at = clock.now()
        row.save()
        session.set_current(SignedIn(row.id, row.username, row.display_name, Role(row.role)))
        record(AuditAction.LOGIN, target_kind="account", target_id=row.id, target_label=row.username)
    return _view(row)


def must_change_password() -> bool:
    """Whether the signed-in account still has the initial password an administrator gave it."""
    current = session.current()
    row = Account.get_or_none(Account.id == current.account_id) if current else None
    return bool(row and row.must_change_password)


def sign_out() -> None:
    if session.current() is not None:
        record(AuditAction.LOGOUT, target_kind="account", target_label=session.current_username())
    session.set_current(None)


def verify_password(password: str) -> bool:
    """Unlocking the window after idle time: the signed-in account's own password."""
    current = session.current()
    if current is None:
        return False
    row = Account.get_or_none(Account.id == current.account_id)
    try:
        return row is not None and row.active and hasher.verify(row.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        record(AuditAction.LOGIN_FAILED, target_kind="account", target_label=current.username,
               details={"事项": "解锁失败"})
        return False


def change_password(old: str, new: str) -> None:
    """The signed-in account changes its own password."""
    current = session.current()
    if current is None:
        raise PermissionDenied("尚未登录，请先登录。")
    check_password(new)
    with database.atomic("IMMEDIATE"):
        row = Account.get_by_id(current.account_id)
        try:
            hasher.verify(row.password_hash, old)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            raise KnownError("原密码不正确。") from None
        row.password_hash = hasher.hash(new)
        row.must_change_password = False
        row.save()
        record(AuditAction.ACCOUNT, target_kind="account", target_id=row.id, target_label=row.username,
               details={"事项": "修改密码"})


def list_accounts() -> list[AccountView]:
    session.require(Permission.ACCOUNTS)
    return [_view(r) for r in Account.select().order_by(Account.id)]


def create_account(username: str, display_name: str, role: Role, password: str) -> AccountView:
    """A new staff account; the person must change the password at first sign-in."""
    session.require(Permission.ACCOUNTS)
    username = _check_username(username)
    check_password(password)
    with database.atomic("IMMEDIATE"):
        if Account.select().where(Account.username == username).exists():
            raise KnownError(f"用户名“{username}”已被使用。")
        row = Account.create(username=username, display_name=display_name.strip() or username, role=str(role),
                             password_hash=hasher.hash(password), must_change_password=True,
                             created_at=clock.now())
        record(AuditAction.ACCOUNT, target_kind="account", target_id=row.id, target_label=username,
               details={"事项": "新建账户", "角色": str(role)})
    return _view(row)


def reset_password(account_id: int, new_password: str) -> None:
    """The administrator sets a new password; the person must change it at next sign-in."""
    session.require(Permission.ACCOUNTS)
    check_password(new_password)
    with database.atomic("IMMEDIATE"):
        row = _get(account_id)
        row.password_hash = hasher.hash(new_password)
        row.must_change_password = True
        row.save()
        record(AuditAction.ACCOUNT, target_kind="account", target_id=row.id, target_label=row.username,
               details={"事项": "重置密码"})


def update_account(account_id: int, *, role: Role | None = None, active: bool | None = None,
                   display_name: str | None = None) -> AccountView:
    """Change role, name or whether the account may sign in; one active administrator always remains."""
    me = session.require(Permission.ACCOUNTS)
    if account_id == me.account_id and active is False:
        raise KnownError("不能停用自己正在使用的账户。")
    with database.atomic("IMMEDIATE"):
        row = _get(account_id)
        changes: dict[str, str] = {}
        if display_name is not None and display_name.strip() and display_name.strip() != row.display_name:
            changes["姓名"] = f"{row.display_name} → {display_name.strip()}"
            row.display_name = display_name.strip()
        if role is not None and str(role) != row.role:
            changes["角色"] = f"{row.role} → {role}"
            row.role = str(role)
        if active is not None and active != row.active:
            changes["状态"] = "启用" if active else "停用"
            row.active = active
        row.save()
        admins = Account.select().where(Account.role == str(Role.ADMIN), Account.active).count()
        if admins == 0:
            raise KnownError("至少要保留一个启用的管理员账户。")
        if changes:
            record(AuditAction.ACCOUNT, target_kind="account", target_id=row.id, target_label=row.username,
                   details=changes)
    if account_id == me.account_id:  # the session follows its own account's new name and role
        session.set_current(SignedIn(row.id, row.username, row.display_name, Role(row.role)))
    return _view(row)


def _get(account_id: int) -> Account:
    row = Account.get_or_none(Account.id == account_id)
    if row is None:
        raise KnownError("该账户不存在。")
    return row


# The demo database's accounts, documented in the README (never used on a real database:
# the demo refuses a database that already holds files).
DEMO_ACCOUNTS: tuple[tuple[str, str, Role, str], ...] = (
    ("admin", "演示管理员", Role.ADMIN, "admin1234"),
    ("jingban", "张经办", Role.CLERK, "jingban1234"),
    ("chakan", "李查看", Role.VIEWER, "chakan1234"),
)


def create_demo_accounts() -> list[AccountView]:
    """The three demo accounts, on a database that has none yet."""
    with database.atomic("IMMEDIATE"):
        if Account.select().exists():
            return []
        created = []
        for username, display_name, role, password in DEMO_ACCOUNTS:
            row = Account.create(username=username, display_name=display_name, role=str(role),
                                 password_hash=hasher.hash(password), created_at=clock.now())
            record(AuditAction.ACCOUNT, target_kind="account", target_id=row.id, target_label=username,
                   details={"事项": "创建演示账户", "角色": str(role)}, username="demo")
            created.append(_view(row))
    return created
