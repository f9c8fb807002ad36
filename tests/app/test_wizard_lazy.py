"""The wizard's column helpers: rows made only when asked for, counts and distinct values taken a slice at a time."""

from __future__ import annotations

from collections import Counter

from app.wizard import lazy


def test_items_are_made_only_when_asked_for() -> None:
    made: list[int] = []

    def make(position: int) -> str:
        made.append(position)
        return f"第{position}行"

    rows = lazy.LazyItems(make, 100_000)
    assert len(rows) == 100_000 and made == []
    assert rows[3] == "第3行" and rows[-1] == "第99999行" and rows[10:12] == ["第10行", "第11行"]
    picked = rows.where([5, 7])
    assert list(picked) == ["第5行", "第7行"] and len(picked) == 2
    assert made == [3, 99999, 10, 11, 5, 7]


def test_counts_and_distinct_values_match_the_one_call_versions() -> None:
    values = [n % 7 for n in range(25_003)] + ["x", None, "x"]
    assert lazy.tally(values) == Counter(values)
    assert list(lazy.distinct_in_order(values)) == list(dict.fromkeys(values))
    assert lazy.tally([]) == Counter() and lazy.distinct_in_order([]) == {}
