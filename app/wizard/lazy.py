"""Working with a hundred thousand rows held as columns: items made when asked for, counts taken a slice at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class LazyItems(Sequence[T], Generic[T]):
    """Items `make(position)` for the given positions (all of 0 … size − 1 when `positions` is an int).

    The wizard keeps a sheet's rows as columns; a window page or a test asks for a few rows, a filter for
    a list of positions, and only those items are ever built.
    """

    def __init__(self, make: Callable[[int], T], positions: Sequence[int] | int) -> None:
        self._make = make
        self._positions: Sequence[int] = range(positions) if isinstance(positions, int) else positions

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._make(p) for p in self._positions[index]]
        return self._make(self._positions[index])

    def __iter__(self) -> Iterator[T]:
        return map(self._make, self._positions)

    def positions(self) -> Sequence[int]:
        return self._positions

    def where(self, keep: Sequence[int]) -> LazyItems[T]:
        """The items at these positions (positions of the whole, not of this view)."""
        return LazyItems(self._make, keep)


SLICE = 10_000  # values per C-level call: a few milliseconds each, so the window's thread gets its turns


def tally(values: Sequence[T]) -> Counter[T]:
    """Counter(values), counted a slice at a time (one Counter of 100,000 values holds the interpreter for ~30 ms)."""
    counts: Counter[T] = Counter()
    for start in range(0, len(values), SLICE):
        counts.update(values[start:start + SLICE])
    return counts


def distinct_in_order(values: Sequence[T]) -> dict[T, None]:
    """dict.fromkeys(values) (each value once, first seen first), a slice at a time."""
    found: dict[T, None] = {}
    for start in range(0, len(values), SLICE):
        found.update(dict.fromkeys(values[start:start + SLICE]))
    return found
