"""Errors the user can act on (as opposed to bugs), shared by every layer."""

from __future__ import annotations


class KnownError(Exception):
    """A problem with the user's input or environment, explained in plain Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DatabaseError(KnownError):
    """The database file cannot be used (too new, locked, read-only, damaged)."""
