"""User-facing errors: a KnownError is explained in Chinese; anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass

from db.errors import DatabaseError, KnownError

__all__ = [
    "DatabaseError", "FieldError", "KnownError", "NeedsConfirmation", "PermissionDenied", "ValidationError",
]


@dataclass(frozen=True)
class FieldError:
    """A problem with one field (and, in an import, one row)."""

    field: str
    label: str
    message: str
    row: int | None = None
    sheet: str | None = None

    def describe(self) -> str:
        where = ""
        if self.sheet:
            where += f"工作表“{self.sheet}”"
        if self.row is not None:
            where += f"第{self.row}行"
        where += f"“{self.label}”" if self.label else ""
        return f"{where}：{self.message}" if where else self.message


class ValidationError(KnownError):
    """One or more fields are wrong; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        shown = "；".join(e.describe() for e in self.errors[:10])
        more = f"；另有{len(self.errors) - 10}处问题" if len(self.errors) > 10 else ""
        super().__init__(shown + more)


class NeedsConfirmation(ValidationError):
    """Only warnings stand in the way: the same call with accept_warnings=True will save."""


class PermissionDenied(KnownError):
    """The signed-in account may not do this."""
