"""The demo county (华池县, 庆阳, 甘肃): towns, streets, work units and unions, schools, banks, staff."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

COUNTY = "华池县"
PROVINCE_CITY = "甘肃省庆阳市"
OFFICE_NAME = "华池县总工会困难职工帮扶中心"

# 低保 line (元/人/月) with the date it took effect: every filing date of the demo has one.
POVERTY_LINES: tuple[tuple[datetime.date, Decimal, str], ...] = (
    (datetime.date(2019, 1, 1), Decimal("520.00"), "2019年城市低保标准"),
    (datetime.date(2020, 1, 1), Decimal("560.00"), "2020年城市低保标准"),
    (datetime.date(2021, 1, 1), Decimal("580.00"), "2021年城市低保标准"),
    (datetime.date(2022, 1, 1), Decimal("600.00"), "2022年城市低保标准"),
    (datetime.date(2023, 1, 1), Decimal("620.00"), "2023年城市低保标准"),
    (datetime.date(2024, 1, 1), Decimal("680.00"), "2024年城市低保标准"),
    (datetime.date(2025, 1, 1), Decimal("720.00"), "2025年城市低保标准"),
)

# Staff of the centre: who files, enters, reviews and visits.
CLERKS = ("马晓燕", "刘建军", "张文斌", "慕彩霞")
REVIEWERS = ("王立新", "慕彩霞")

# Towns and townships with a weight (the county seat 柔远镇 holds most workers).
TOWNS: tuple[tuple[str, int], ...] = (
    ("柔远镇", 40), ("悦乐镇", 7), ("南梁镇", 6), ("城壕镇", 6), ("五蛟镇", 5), ("白马乡", 5),
    ("乔川乡", 5), ("林镇乡", 4), ("山庄乡", 4), ("王咀子乡", 4), ("紫坊畔乡", 4), ("上里塬乡", 4),
    ("乔河乡", 3), ("怀安乡", 3), ("元城镇", 4), ("温台乡", 3),
)
TOWN_NAMES = tuple(t for t, _ in TOWNS)
TOWN_WEIGHTS = tuple(w for _, w in TOWNS)
SEAT = "柔远镇"
SEAT_STREETS = ("新华路", "南梁路", "建设路", "东环路", "西环路", "北关街", "南关街", "迎宾大道",
                "河滨路", "东山路", "城关街", "柔远路", "文化街", "学府路", "解放街")
SEAT_ESTATES = ("东城小区", "福华小区", "柔远花园", "阳光小区", "锦华苑", "南梁新村", "河滨家园",
                "水泥厂家属院", "供销社家属楼", "建筑公司家属院", "县医院家属楼", "廉租房小区")
VILLAGE_ENDINGS = ("塬", "岔", "沟", "湾", "咀", "台", "畔", "庄", "河", "峁", "川", "坪")
VILLAGE_FIRSTS = "东西南北上下新老大小张王李刘杨马高赵郭白柳杏桃枣榆杨庙寺堡寨"


@dataclass(frozen=True)
class WorkUnit:
    """A work unit with its union, nature, state and industry, as the national form wants them."""

    name: str
    union: str
    nature: str
    status: str | None
    industry: str
    weight: float
    town: str = SEAT

    @property
    def struggling(self) -> bool:
        """A unit whose workers are laid off or paid little (破产, 改制, 停产半停产, 关闭)."""
        return self.status in ("破产", "改制", "停产半停产", "关闭")


def _unit(name: str, nature: str, status: str | None, industry: str, weight: float,
          union: str = "", town: str = SEAT) -> WorkUnit:
    return WorkUnit(name, union or f"{name}工会", nature, status, industry, weight, town)


STAFF_UNITS: tuple[WorkUnit, ...] = (
    _unit("华池县水泥厂", "国有企业", "停产半停产", "制造业", 4),
    _unit("华池县建筑工程公司", "集体企业", "改制", "建筑业", 4),
    _unit("华池县供销合作社", "集体企业", "改制", "批发和零售业", 3),
    _unit("长庆油田华池服务点", "国有企业", "正常", "采矿业", 3),
    _unit("华池县人民医院", "机关事业单位", None, "卫生和社会工作", 3),
    _unit("华池县中医医院", "机关事业单位", None, "卫生和社会工作", 1),
    _unit("华池县环境卫生管理所", "机关事业单位", None, "水利环境公共设施", 4),
    _unit("华池县城市公交公司", "股份制企业", "正常", "交通运输仓储邮政", 2),
    _unit("华池县第一中学", "机关事业单位", None, "教育", 1),
    _unit("柔远镇红星砖厂", "私营企业", "停产半停产", "制造业", 2, "柔远镇总工会"),
    _unit("华池县粮食购销公司", "国有企业", "改制", "批发和零售业", 2),
    _unit("华池县食品公司", "国有企业", "破产", "制造业", 1.5),
    _unit("华池县农机公司", "集体企业", "关闭", "批发和零售业", 1),
    _unit("华池县自来水公司", "国有企业", "正常", "电力热力燃气及水", 1.5),
    _unit("华池县林业总场", "国有企业", "正常", "农林牧渔业", 2, town="林镇乡"),
    _unit("华池县汽车运输公司", "国有企业", "改制", "交通运输仓储邮政", 1.5),
    _unit("华池县宾馆", "国有企业", "改制", "住宿和餐饮业", 1),
    _unit("华池县百货公司", "集体企业", "关闭", "批发和零售业", 1),
    _unit("华池县物业管理公司", "私营企业", "正常", "房地产业", 1.5),
    _unit("华池县保安服务公司", "国有企业", "正常", "租赁和商务服务业", 1),
    _unit("中国邮政华池县分公司", "国有企业", "正常", "交通运输仓储邮政", 0.5),
    _unit("华池县家政服务中心", "私营企业", "正常", "居民服务修理", 1),
    _unit("南梁农产品加工厂", "私营企业", "停产半停产", "制造业", 1, "南梁镇总工会", "南梁镇"),
    _unit("华池县商贸超市有限公司", "私营企业", "正常", "批发和零售业", 1),
    _unit("悦乐镇个体商户", "个体工商户", "正常", "批发和零售业", 0.8, "悦乐镇总工会", "悦乐镇"),
    _unit("华池县电力安装公司", "股份制企业", "正常", "电力热力燃气及水", 0.5),
    _unit("华池县南梁红色旅游服务中心", "机关事业单位", None, "文化体育娱乐", 0.5, town="南梁镇"),
    _unit("城壕镇石料厂", "私营企业", "关闭", "采矿业", 0.7, "城壕镇总工会", "城壕镇"),
)

MIGRANT_UNITS: tuple[WorkUnit, ...] = (
    _unit("华池县城区建筑工地", "私营企业", "正常", "建筑业", 4, "华池县建筑业农民工工会联合会"),
    _unit("长庆油田钻井劳务队", "私营企业", "正常", "采矿业", 2, "华池县农民工工会"),
    _unit("华池县公路建设项目部", "国有企业", "正常", "建筑业", 1.5, "华池县建筑业农民工工会联合会"),
    _unit("柔远镇红星砖厂", "私营企业", "停产半停产", "制造业", 1.5, "柔远镇总工会"),
    _unit("华池县城区餐饮店", "个体工商户", "正常", "住宿和餐饮业", 1.5, "华池县餐饮行业工会联合会"),
    _unit("华池县快递物流站点", "私营企业", "正常", "交通运输仓储邮政", 1, "华池县快递行业工会联合会"),
    _unit("华池县家政服务中心", "私营企业", "正常", "居民服务修理", 1),
    _unit("南梁镇苹果种植合作社", "其他", "正常", "农林牧渔业", 1, "南梁镇总工会", "南梁镇"),
    _unit("西安市建筑工地（外出务工）", "私营企业", "正常", "建筑业", 1, "华池县农民工工会"),
)

# Where a family member earns a living (单位或学校 of working members).
MEMBER_JOBS = ("华池县商贸超市有限公司", "柔远镇个体餐馆", "华池县城区建筑工地", "华池县物业管理公司",
               "华池县家政服务中心", "长庆油田钻井劳务队", "华池县快递物流站点", "个体经营",
               "华池县人民医院（护工）", "华池县环境卫生管理所", "西安市建筑工地（外出务工）")

PRIMARY_SEAT = ("华池县城关小学", "华池县第二小学", "柔远镇中心小学")
MIDDLE_SEAT = ("华池县第二中学", "柔远初级中学", "华池县第三中学")
HIGH = ("华池县第一中学", "华池县第一中学", "华池县第二中学")
VOCATIONAL = ("华池县职业教育中心", "庆阳市第一中等职业学校")
KINDERGARTENS = ("华池县第一幼儿园", "华池县第二幼儿园", "柔远镇中心幼儿园")
UNIVERSITIES = ("兰州大学", "西北师范大学", "兰州交通大学", "兰州理工大学", "甘肃农业大学", "西北民族大学",
                "甘肃中医药大学", "兰州财经大学", "陇东学院", "陇东学院", "天水师范学院", "河西学院",
                "西安石油大学", "长安大学", "宁夏大学", "延安大学")
COLLEGES = ("庆阳职业技术学院", "庆阳职业技术学院", "甘肃林业职业技术学院", "兰州石化职业技术大学",
            "甘肃交通职业技术学院", "兰州职业技术学院", "甘肃卫生职业学院", "陕西能源职业技术学院")


@dataclass(frozen=True)
class Bank:
    name: str
    branches: tuple[str, ...]
    card_prefix: str
    weight: int


BANKS: tuple[Bank, ...] = (
    Bank("中国农业银行", ("华池县支行", "柔远支行", "悦乐分理处", "南梁分理处"), "622848", 30),
    Bank("中国邮政储蓄银行", ("华池县支行", "柔远营业所", "城壕营业所", "五蛟营业所"), "621799", 25),
    Bank("华池县农村信用社", ("柔远信用社", "悦乐信用社", "南梁信用社", "城壕信用社", "白马信用社",
                         "乔川信用社"), "623065", 20),
    Bank("甘肃银行", ("华池支行",), "621367", 10),
    Bank("中国建设银行", ("华池支行",), "621700", 8),
    Bank("中国工商银行", ("华池支行",), "622202", 7),
)
BANK_WEIGHTS = tuple(b.weight for b in BANKS)

DISEASES = ("尿毒症", "肺癌", "乳腺癌", "白血病", "脑溢血后遗症", "肝硬化", "胃癌", "宫颈癌",
            "再生障碍性贫血", "冠心病支架术后", "股骨头坏死", "重症肌无力")


def pick_town(rng: random.Random) -> str:
    return rng.choices(TOWN_NAMES, weights=TOWN_WEIGHTS)[0]


def village(rng: random.Random) -> str:
    return rng.choice(VILLAGE_FIRSTS) + rng.choice(VILLAGE_ENDINGS) + "村"


def seat_address(rng: random.Random) -> str:
    if rng.random() < 0.45:
        return f"{COUNTY}{SEAT}{rng.choice(SEAT_STREETS)}{rng.randrange(1, 260)}号"
    return (f"{COUNTY}{SEAT}{rng.choice(SEAT_ESTATES)}{rng.randrange(1, 19)}号楼"
            f"{rng.randrange(1, 5)}单元{rng.randrange(1, 7)}0{rng.randrange(1, 5)}室")


def rural_address(rng: random.Random, town: str, village_name: str) -> str:
    return f"{COUNTY}{town}{village_name}{rng.randrange(1, 9)}组{rng.randrange(1, 60)}号"


def primary_school(rng: random.Random, town: str) -> str:
    return rng.choice(PRIMARY_SEAT) if town == SEAT else f"{town}中心小学"


def middle_school(rng: random.Random, town: str) -> str:
    return rng.choice(MIDDLE_SEAT) if town == SEAT or rng.random() < 0.4 else f"{town}初级中学"
