"""All peewee models, one module per domain; ALL_MODELS lists them in creation order."""

from db.models.accounts import Account, AuditRecord
from db.models.base import BaseModel
from db.models.households import FamilyMember, Household, HouseholdEvent, HouseholdSearch
from db.models.people import Person
from db.models.settings import PovertyLine, Setting, ValueListItem

ALL_MODELS: list[type[BaseModel]] = [
    Setting,
    PovertyLine,
    ValueListItem,
    Person,
    Household,
    FamilyMember,
    HouseholdEvent,
    HouseholdSearch,
    Account,
    AuditRecord,
]

__all__ = [
    "ALL_MODELS",
    "Account",
    "AuditRecord",
    "BaseModel",
    "FamilyMember",
    "Household",
    "HouseholdEvent",
    "HouseholdSearch",
    "Person",
    "PovertyLine",
    "Setting",
    "ValueListItem",
]
