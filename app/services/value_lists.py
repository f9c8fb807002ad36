"""The office's configurable value lists (困难类别, 致困原因 …) with every value, in use or retired."""

from __future__ import annotations

from dataclasses import dataclass

from app import session, vocab
from app.errors import KnownError
from app.session import Permission
from db.models import ValueListItem

# The Chinese name of each configurable list, as the settings dialog and the audit trail show it.
LIST_TITLES: dict[str, str] = {
    "category": "困难类别",
    "cause": "致困原因",
    "industry": "所属行业",
    "relation": "与职工关系",
    "member_identity": "家庭成员身份",
    "attachment": "附件材料",
    "fund_source": "资金来源",
    "training_trade": "培训工种",
}


@dataclass(frozen=True)
class ListValue:
    value: str
    active: bool


def list_title(list_name: str) -> str:
    return LIST_TITLES.get(list_name, list_name)


def configurable_lists() -> dict[str, str]:
    """Every list an office may extend, name → Chinese title, in the vocabulary's order."""
    return {name: list_title(name) for name in vocab.CONFIGURABLE_LISTS}


def list_values(list_name: str) -> list[ListValue]:
    """All values of one list in their order, retired ones included (administrators choose here)."""
    session.require(Permission.SETTINGS)
    if list_name not in vocab.CONFIGURABLE_LISTS:
        raise KnownError(f"“{list_name}”不是可配置的值列表")
    query = (ValueListItem.select().where(ValueListItem.list_name == list_name)
             .order_by(ValueListItem.sort_order, ValueListItem.id))
    return [ListValue(item.value, bool(item.active)) for item in query]
