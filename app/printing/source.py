"""The files a print run draws, read a hundred at a time and always masked."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from app.services.household_detail import load_details, masked
from app.services.household_forms import HouseholdDetail

CHUNK = 100


def masked_details(ids: Sequence[int]) -> Iterator[HouseholdDetail]:
    """Files in the given order, ID numbers, phones and cards reduced to their ends; gone ones skipped.

    print_forms checks the permission once for the whole run.
    """
    for start in range(0, len(ids), CHUNK):
        for detail in load_details(ids[start:start + CHUNK], with_events=False):
            yield masked(detail)
