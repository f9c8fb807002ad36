"""Chinese names for demo data: surnames by frequency, given names by generation and sex."""

from __future__ import annotations

import itertools
import random

# Surnames with rough frequencies per 10,000 people (national order, tilted towards 庆阳:
# more 马 杨 赵 郭 高 慕 拓 路). 单 曾 解 查 区 are read differently as surnames.
_SURNAME_TABLE = """
王 720 李 710 张 690 刘 560 陈 400 杨 360 赵 260 黄 150 周 160 吴 150 徐 130 孙 140 胡 130
朱 120 高 170 林 70 何 110 郭 150 马 230 罗 70 梁 70 宋 80 郑 70 谢 60 韩 90 唐 60 冯 70
于 60 董 70 程 50 曹 70 袁 50 邓 40 许 50 傅 30 沈 30 曾 30 彭 40 吕 60 苏 50 卢 40 蒋 30
蔡 30 贾 80 丁 40 魏 70 薛 60 叶 20 阎 50 余 30 潘 30 杜 50 戴 20 夏 20 钟 20 汪 20 田 60
任 50 姜 30 范 40 方 20 石 40 姚 30 谭 10 廖 10 邹 10 熊 20 金 20 陆 20 郝 40 孔 20 白 50
崔 40 康 40 毛 20 邱 10 秦 40 江 10 史 40 顾 10 侯 40 邵 20 孟 30 龙 10 万 10 段 40 雷 30
钱 10 汤 10 尹 20 常 40 武 40 乔 40 贺 40 龚 10 文 10 慕 30 拓 20 路 30 党 20 景 10 安 20
单 10 解 8 查 5 区 3 申 10 席 10 巩 10 米 10 兰 10 霍 10 牛 20 权 10 寇 10 祁 10 邢 10
"""
_PAIRS = _SURNAME_TABLE.split()
SURNAMES: tuple[str, ...] = tuple(_PAIRS[0::2])
SURNAME_WEIGHTS: tuple[int, ...] = tuple(int(w) for w in _PAIRS[1::2])
_SURNAME_CUM: tuple[int, ...] = tuple(itertools.accumulate(SURNAME_WEIGHTS))

POLYPHONIC_SURNAMES = ("单", "曾", "解", "查", "区")
# Characters a register must store, search, export and print (ten, one outside the BMP).
RARE_CHARACTERS = ("䶮", "堃", "喆", "珺", "玥", "赟", "犇", "淼", "龑", "\U0002020c")
FEMALE_RARE = frozenset("珺玥淼")

# Given-name characters by generation (born before 1975, 1975–1994, from 1995) and sex.
_GIVEN: dict[tuple[int, str], tuple[str, str]] = {
    (0, "男"): ("建国卫志永俊德振宝福明忠文学庆长海玉金治光世新红军",
               "国军民强华平林生明成荣贵忠祥武德山东春林安才斌福礼顺"),
    (0, "女"): ("秀桂玉凤淑兰翠彩春金月丽素爱冬小红",
               "英兰珍芳琴梅霞娥花莲荣香萍华云凤娟琴仙"),
    (1, "男"): ("建志海晓小文俊春伟新永国明宏军鹏红立东亚",
               "伟强军斌涛鹏飞杰勇刚波辉峰磊超龙亮平军明林峰宁"),
    (1, "女"): ("丽晓小春海红雪艳玉秀彩亚金静丽",
               "娟静敏艳婷芳霞玲娜燕丽梅红琴萍慧莉倩妮蓉"),
    (2, "男"): ("子浩宇俊一嘉梓博文家天明思皓佳志晨",
               "轩然航杰豪睿阳博宇涵辰泽凯鑫磊昊铭文锐诚瑞"),
    (2, "女"): ("子欣雨梓诗佳思可一若语嘉晓雅梦紫",
               "涵萱怡琪悦馨彤瑶妍琳涵雯婷菲欣茹蕊萌"),
}
SINGLE_GIVEN_SHARE = (0.12, 0.18, 0.14)


def generation(birth_year: int) -> int:
    return 0 if birth_year < 1975 else 1 if birth_year < 1995 else 2


def pick_surname(rng: random.Random, avoid: str = "") -> str:
    """A surname by frequency; `avoid` (a spouse's surname) is redrawn once, as marriages mix."""
    surname = rng.choices(SURNAMES, cum_weights=_SURNAME_CUM)[0]
    if surname == avoid:
        surname = rng.choices(SURNAMES, cum_weights=_SURNAME_CUM)[0]
    return surname


def given_name(rng: random.Random, sex: str, birth_year: int) -> str:
    era = generation(birth_year)
    first, second = _GIVEN[(era, sex)]
    if rng.random() < SINGLE_GIVEN_SHARE[era]:
        return rng.choice(second)
    head = rng.choice(first)
    tail = rng.choice(second)
    while tail == head:
        tail = rng.choice(second)
    return head + tail


def full_name(rng: random.Random, sex: str, birth_year: int, surname: str | None = None) -> str:
    return (surname or pick_surname(rng)) + given_name(rng, sex, birth_year)


def rare_given_name(rng: random.Random, char: str, sex: str, birth_year: int) -> str:
    """A given name using the rare character: alone, or after an ordinary first character."""
    if rng.random() < 0.5:
        return char
    first, _second = _GIVEN[(generation(birth_year), sex)]
    return rng.choice(first) + char


def rare_sex(char: str) -> str:
    return "女" if char in FEMALE_RARE else "男"

