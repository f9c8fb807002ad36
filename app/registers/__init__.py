"""Registers: one declarative column description per register (list, Excel, import, form)."""

from __future__ import annotations

from app.registers.base import Field, Kind, Mask, Register

__all__ = ["Field", "Kind", "Mask", "Register", "get_register", "register_kinds"]


def _all() -> dict[str, Register]:
    from app.registers import employment, households, model_workers, reception, relief

    return {r.kind: r for r in (households.HOUSEHOLDS, households.FAMILY_MEMBERS, relief.RELIEF, relief.CAMPAIGNS,
                                relief.FUND_ENTRIES, *employment.ALL, *model_workers.REGISTERS, reception.PETITIONS,
                                reception.LEGAL_CASES, reception.LEGAL_APPLICANTS)}


def get_register(kind: str) -> Register:
    registers = _all()
    if kind not in registers:
        known = "、".join(registers)
        raise KeyError(f"没有名为“{kind}”的登记簿（可用：{known}）")
    return registers[kind]


def register_kinds() -> list[str]:
    return list(_all())
