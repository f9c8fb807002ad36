"""Who is working: the operator's name recorded on every lifecycle step (accounts come later)."""

from __future__ import annotations

import getpass

_operator: str | None = None


def current_operator() -> str:
    """The signed-in staff member's name; the OS login name until someone signs in."""
    if _operator:
        return _operator
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "未知"


def set_operator(name: str | None) -> None:
    global _operator
    _operator = name or None
