"""All peewee models, one module per domain; ALL_MODELS lists them in creation order."""

from db.models.accounts import Account, AuditRecord
from db.models.base import BaseModel
from db.models.households import FamilyMember, Household, HouseholdEvent, HouseholdSearch
from db.models.people import Person
from db.models.reception import LegalApplicant, LegalCase, LegalCaseStage, Petition, PetitionEvent
from db.models.relief import Campaign, Fund, FundEntry, Relief, ReliefItem
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
    Fund,
    FundEntry,
    Campaign,
    Relief,
    ReliefItem,
    LegalCase,
    LegalApplicant,
    LegalCaseStage,
    Petition,
    PetitionEvent,
]

__all__ = [
    "ALL_MODELS",
    "Account",
    "AuditRecord",
    "BaseModel",
    "Campaign",
    "FamilyMember",
    "Fund",
    "FundEntry",
    "Household",
    "HouseholdEvent",
    "HouseholdSearch",
    "LegalApplicant",
    "LegalCase",
    "LegalCaseStage",
    "Person",
    "Petition",
    "PetitionEvent",
    "PovertyLine",
    "Relief",
    "ReliefItem",
    "Setting",
    "ValueListItem",
]
