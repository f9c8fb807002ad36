"""The column pinyin keys (sort_keys, name_keys_many) equal the one-name keys, name by name."""

from __future__ import annotations

import random

import pytest

from app import pinyin as p

COMMON = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂文华红玉"
POLYPHONIC = "行长重乐朝还和仇单曾解查区朴覃盖尉缪种翟员能繁句秘召贲牟阚褚费柏薄卜藏折应燕那都乐调传角率"
PHRASES = ["重庆", "长城", "银行", "阿姨", "重要", "长大", "音乐", "朝阳", "还是", "和平", "会计", "长孙", "单于"]
ODD = ["3", "7", "L", "i", "N", "a", "Ａ", "·", " ", "\u3000", "-", "〇", "阿", "饿", "嗯", "\U0002020c", "䶮"]
NAMED = ["", " ", "  \u3000", "张3", "Li Na", "阿·布都", "阿·布都热依木", " 单雄信 ", "单", "曾", "尉迟恭", "长孙无忌",
         "万俟卨", "单于", "令狐冲", "重庆", "长城", "王长城", "银行家", "王小重庆", "张银行", "阿", "阿阿", "饿",
         "  王 小明  ", "王\u3000小明", "王·", "·王", "3王", "Li 娜", "123", "a", "A阿"]


def _names(rng: random.Random, count: int) -> list[str]:
    pieces = [*COMMON, *POLYPHONIC, *p.SURNAME_READINGS, *p.COMPOUND_SURNAMES, *PHRASES, *ODD]
    names = list(NAMED)
    for _ in range(count):
        name = "".join(rng.choice(pieces) for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 6))))
        names.append(rng.choice(("", "", " ", "\u3000")) + name + rng.choice(("", "", " ", "  ")))
    return names


def test_bulk_keys_equal_the_one_name_keys() -> None:
    names = _names(random.Random(2), 4000)
    assert p.sort_keys(names) == [p.sort_key(name) for name in names]
    assert p.name_keys_many(names) == [p.name_keys(name) for name in names]


def test_bulk_keys_of_common_chinese_names() -> None:
    rng = random.Random(8)
    surnames = [*COMMON[:22], *p.SURNAME_READINGS, *p.COMPOUND_SURNAMES]
    names = [rng.choice(surnames) + "".join(rng.choice(COMMON + POLYPHONIC) for _ in range(rng.choice((1, 2))))
             for _ in range(4000)]
    assert p.sort_keys(names) == [p.sort_key(name) for name in names]
    assert p.name_keys_many(names) == [p.name_keys(name) for name in names]


def test_plain_names_are_read_without_the_one_name_functions(monkeypatch: pytest.MonkeyPatch) -> None:
    names = ["张伟", "李秀英", "王 小明", " 刘娜 ", "张3", "Li Na", "阿·布都", "阿", "", "  "]
    sort_expected = [p.sort_key(name) for name in names]
    keys_expected = [p.name_keys(name) for name in names]

    def refuse(name: str) -> str:
        raise AssertionError(name)

    monkeypatch.setattr(p, "sort_key", refuse)
    monkeypatch.setattr(p, "name_keys", refuse)
    assert p.sort_keys(names) == sort_expected == ["zhangwei", "lixiuying", "wangxiaoming", "liuna", "zhang",
                                                   "Li Na", "abudou", "a", "", ""]
    assert p.name_keys_many(names) == keys_expected
    assert keys_expected[5:] == [(), ("abudou", "abd"), ("a",), (), ()]
