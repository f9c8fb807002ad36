"""Staff accounts (账户) and the append-only, hash-chained audit trail (操作日志)."""

from __future__ import annotations

import datetime

import peewee

from db.models.base import BaseModel


class Account(BaseModel):
    """One member of staff: a role and an argon2id password hash, never the password."""

    id = peewee.AutoField()
    username = peewee.CharField(max_length=32, unique=True)
    display_name = peewee.CharField(max_length=32)
    role = peewee.CharField(max_length=8)
    password_hash = peewee.CharField(max_length=200)
    active = peewee.BooleanField(default=True)
    must_change_password = peewee.BooleanField(default=False)
    created_at = peewee.DateTimeField(default=datetime.datetime.now)
    last_login_at = peewee.DateTimeField(null=True)


class AuditRecord(BaseModel):
    """One thing someone did. Never updated or deleted (triggers refuse it); each row carries
    the hash of the one before, so an edited or removed row shows up in `python -m app check`."""

    id = peewee.AutoField()
    at = peewee.CharField(max_length=32, index=True)  # ISO time with microseconds, hashed as text
    username = peewee.CharField(max_length=32, index=True)
    action = peewee.CharField(max_length=16, index=True)
    target_kind = peewee.CharField(max_length=32, default="")
    target_id = peewee.IntegerField(null=True, index=True)
    target_label = peewee.CharField(max_length=100, default="")
    details = peewee.TextField(default="")  # JSON; masked values only, never a full ID number
    prev_hash = peewee.CharField(max_length=64)
    hash = peewee.CharField(max_length=64)
