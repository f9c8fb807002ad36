"""The one BaseModel every table derives from, bound to the shared database proxy."""

from __future__ import annotations

import peewee

from db.database import database


class BaseModel(peewee.Model):
    """Base of every table; the database is chosen once at start-up (db.database.open_database)."""

    class Meta:
        database = database
        legacy_table_names = False
