"""Checking the audit trail on request (操作日志 → 校验): how many records, and every problem found."""

from __future__ import annotations

from dataclasses import dataclass

from app import session
from app.services import audit
from app.session import Permission
from db.models import AuditRecord


@dataclass(frozen=True)
class TrailCheck:
    records: int
    problems: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.intact:
            return f"操作日志完整，共{self.records}条"
        return f"操作日志共{self.records}条，发现{len(self.problems)}处问题：\n" + "\n".join(self.problems)


def check_trail() -> TrailCheck:
    """verify_chain() over the whole trail (administrators; may take a second on a large trail)."""
    session.require(Permission.AUDIT)
    problems = audit.verify_chain()
    return TrailCheck(AuditRecord.select().count(), tuple(problems))
