"""Pinyin keys for search-as-you-type: full pinyin and initials, surname readings included."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT

# Characters read differently as surnames (单 shàn, 曾 zēng, 解 xiè …). Both the surname
# reading and the everyday one are indexed, so "dan" and "shan" both find 单雄信.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "朴": "piao", "区": "ou", "查": "zha",
    "仇": "qiu", "乐": "yue", "覃": "qin", "盖": "ge", "尉": "yu", "缪": "miao",
    "种": "chong", "翟": "zhai", "员": "yun", "能": "nai", "繁": "po", "句": "gou",
    "宓": "mi", "秘": "bi", "隗": "wei", "召": "shao", "冼": "xian", "晟": "cheng",
    "贲": "ben", "牟": "mou", "眭": "sui", "阚": "kan", "褚": "chu", "瞿": "qu",
    "臧": "zang", "费": "fei", "华": "hua", "任": "ren", "沈": "shen", "纪": "ji",
    "过": "guo", "柏": "bai", "薄": "bo", "卜": "bu", "长": "chang", "重": "chong",
    "蔚": "yu", "藏": "zang", "折": "she", "应": "ying", "燕": "yan", "那": "na",
}
COMPOUND_SURNAMES: dict[str, list[str]] = {
    "尉迟": ["yu", "chi"], "万俟": ["mo", "qi"], "长孙": ["zhang", "sun"],
    "单于": ["chan", "yu"], "令狐": ["ling", "hu"],
}


def _syllables(text: str) -> list[str]:
    """The readings of a text as pypinyin gives them; quickly, character by character, when no part of it
    is one of pypinyin's phrases (pypinyin itself then reads each character on its own: most names)."""
    if _has_phrase(text):
        return _text_syllables(text)
    return [s for ch in text for s in _char_syllables(ch)]


def _text_syllables(text: str) -> list[str]:
    return [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if s.isascii()]


@cache  # bounded by the characters in use
def _char_syllables(ch: str) -> tuple[str, ...]:
    return tuple(_text_syllables(ch))


@cache
def _phrase_starts() -> tuple[frozenset[str], int]:
    """The characters pypinyin's phrases begin with, and the longest phrase (worked out once)."""
    return frozenset(p[0] for p in PHRASES_DICT if p), max(map(len, PHRASES_DICT), default=0)


def _has_phrase(text: str) -> bool:
    """Whether two or more consecutive characters of `text` are a phrase pypinyin reads as a whole."""
    starts, longest = _phrase_starts()
    size = len(text)
    return any(text[i:j] in PHRASES_DICT for i in range(size - 1) if text[i] in starts
               for j in range(i + 2, min(size, i + longest) + 1))


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, ...]:
    """Distinct pinyin forms of a name: ('zhangsan', 'zs'), surname variants added."""
    name = name.strip()
    if not name:
        return ()
    variants: list[list[str]] = [_syllables(name)]
    for compound, reading in COMPOUND_SURNAMES.items():
        if name.startswith(compound):
            variants.append(reading + _syllables(name[len(compound):]))
    surname_reading = SURNAME_READINGS.get(name[0])
    if surname_reading:
        variants.append([surname_reading, *_syllables(name[1:])])
    keys: list[str] = []
    for syllables in variants:
        if not syllables:
            continue
        for key in ("".join(syllables), "".join(s[0] for s in syllables)):
            if key not in keys:
                keys.append(key)
    return tuple(keys)


def sort_key(name: str) -> str:
    """Full pinyin, surnames read as surnames (曾 under z), for ordering names like a phone book."""
    name = name.strip()
    for compound, reading in COMPOUND_SURNAMES.items():
        if name.startswith(compound):
            return "".join(reading + _syllables(name[len(compound):]))
    if name and name[0] in SURNAME_READINGS:
        return SURNAME_READINGS[name[0]] + "".join(_syllables(name[1:]))
    keys = name_keys(name)
    return keys[0] if keys else name


def sort_keys(names: Sequence[str]) -> list[str]:
    """[sort_key(name) for name in names], a column at a time: a plain name is read with one str.translate."""
    return [sort_key(name) if plain is None else plain.translate(_FULL) or plain
            for name, plain in zip(names, _plain_names(names), strict=True)]


def name_keys_many(names: Sequence[str]) -> list[tuple[str, ...]]:
    """[name_keys(name) for name in names], a column at a time: a plain name is read with two str.translate."""
    return sort_and_name_keys(names)[1]


def sort_and_name_keys(names: Sequence[str]) -> tuple[list[str], list[tuple[str, ...]]]:
    """sort_keys(names) and name_keys_many(names) together, each name looked at once."""
    sorting: list[str] = []
    found: list[tuple[str, ...]] = []
    for name, plain in zip(names, _plain_names(names), strict=True):
        if plain is None:
            sorting.append(sort_key(name))
            found.append(name_keys(name))
        else:
            key, letters = plain.translate(_FULL), plain.translate(_INITIALS)
            sorting.append(key or plain)
            found.append((key, letters) if key != letters else (key,) if key else ())
    return sorting, found


def _plain_names(names: Sequence[str]) -> list[str | None]:
    """Each name stripped, or None if it has a pypinyin phrase, a compound surname or a surname read differently:
    a plain name's keys are its characters' readings joined, as name_keys and sort_key make them."""
    special = _special_pairs()
    return [None if name[:1] in SURNAME_READINGS or name[:2] in special or name[1:3] in special
            or (len(name) > 3 and any(name[i:i + 2] in special for i in range(2, len(name) - 1))) else name
            for name in map(str.strip, names)]


@cache
def _special_pairs() -> frozenset[str]:
    """The first two characters of every pypinyin phrase and compound surname: a phrase in a text starts with one
    of the text's pairs of neighbouring characters, so looking the pairs up finds it."""
    return frozenset(text[:2] for text in (*PHRASES_DICT, *COMPOUND_SURNAMES) if len(text) > 1)


class _ReadingTable(dict[int, str]):
    """A str.translate table from a character to its readings joined, or their initials ("" for none),
    filled in as characters come (bounded by the characters in use)."""

    def __init__(self, *, initials: bool) -> None:
        super().__init__()
        self.initials = initials

    def __missing__(self, code: int) -> str:
        syllables = _char_syllables(chr(code))
        value = self[code] = "".join(s[0] for s in syllables) if self.initials else "".join(syllables)
        return value


_FULL, _INITIALS = _ReadingTable(initials=False), _ReadingTable(initials=True)
