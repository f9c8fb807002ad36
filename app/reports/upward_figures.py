"""The lines of the 汇总 sheet: every figure of the summary as 指标 and 单位, this period beside a year earlier.

Each line carries its code, the path of the figure in `summary --json` ("relief.by_type.生活救助.amount"), so the
workbook can be checked against the JSON and read back by the city merge. A group's lines come from the figures
themselves, so a group that only one of the two periods has is still listed (with 0 in the other).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from app.services.summary import Figures

Value = int | Decimal

SECTIONS: dict[str, str] = {
    "households": "一、困难职工建档", "relief": "二、帮扶救助", "petitions": "三、信访接待",
    "legal_cases": "四、法律援助", "training": "五、职业培训", "employment": "六、就业服务",
    "loans": "七、创业贷款", "pairings": "八、一对一结对帮扶", "mutual_aid": "九、职工互助保障",
    "model_workers": "十、劳模服务", "funds": "十一、帮扶资金",
}

# (section, key) → (指标, 单位) for a single figure; for a group (a dict of figures) the 单位 of its members, or
# for a group of dicts the 指标 stem only (its members' measures are in MEASURES).
FIGURES: dict[tuple[str, str], tuple[str, str]] = {
    ("households", "active_end"): ("期末在档困难职工", "户"),
    ("households", "new"): ("本期新认定", "户"),
    ("households", "closed"): ("本期脱困、退档", "户"),
    ("households", "by_identity"): ("按身份分", ""),
    ("households", "by_category"): ("期末在档按困难类别分", "户"),
    ("households", "by_main_cause"): ("期末在档按主要致困原因分", "户"),
    ("relief", "count"): ("救助", "人次"),
    ("relief", "amount"): ("救助金额（含物资折价）", "元"),
    ("relief", "people"): ("受助人数", "人"),
    ("relief", "by_type"): ("按救助类型分", ""),
    ("petitions", "count"): ("受理来信来访来电", "件"),
    ("petitions", "closed"): ("其中已办结", "件"),
    ("petitions", "overdue_open"): ("期末逾期未办结", "件"),
    ("petitions", "by_channel"): ("按接待方式分", "件"),
    ("petitions", "by_category"): ("按反映问题分", "件"),
    ("legal_cases", "count"): ("受理法律援助案件", "件"),
    ("legal_cases", "workers"): ("涉及职工", "人"),
    ("legal_cases", "recovered"): ("结案追回金额", "元"),
    ("legal_cases", "by_cause"): ("按案由分", ""),
    ("training", "sessions"): ("举办培训班", "期"),
    ("training", "trainees"): ("培训", "人次"),
    ("training", "by_group"): ("培训按学员类别分", "人次"),
    ("employment", "placements"): ("实现再就业", "人"),
    ("employment", "placements_by_group"): ("再就业按人员类别分", "人"),
    ("employment", "referrals"): ("职业介绍", "人次"),
    ("loans", "count"): ("发放创业贷款", "笔"),
    ("loans", "amount"): ("创业贷款金额", "元"),
    ("loans", "women"): ("其中女性", "笔"),
    ("loans", "women_amount"): ("其中女性贷款金额", "元"),
    ("pairings", "households"): ("结对帮扶困难职工", "户"),
    ("pairings", "projects"): ("落实帮扶项目", "个"),
    ("pairings", "aid_amount"): ("结对帮扶资金物资", "元"),
    ("pairings", "job_info"): ("提供致富信息", "条"),
    ("pairings", "legal_help"): ("提供法律援助", "次"),
    ("mutual_aid", "enrolled"): ("参加互助保障", "人"),
    ("mutual_aid", "claims"): ("互助保障理赔", "人次"),
    ("mutual_aid", "claims_amount"): ("理赔金额", "元"),
    ("model_workers", "on_roll_end"): ("期末在册劳模（在职、退休）", "人"),
    ("model_workers", "by_status_end"): ("期末按状态分", "人"),
    ("model_workers", "by_level_end"): ("期末在册按最高荣誉级别分", "人"),
    ("model_workers", "visits"): ("走访慰问劳模", "人次"),
    ("model_workers", "visited_people"): ("走访慰问劳模", "人"),
    ("model_workers", "visit_amount"): ("走访慰问金额", "元"),
    ("model_workers", "health_checks"): ("组织劳模体检", "人次"),
    ("model_workers", "practical_help"): ("为劳模办实事", "件"),
    ("funds", "in"): ("资金收入", "元"),
    ("funds", "in_by_source"): ("收入按来源分", "元"),
    ("funds", "out"): ("资金支出", "元"),
    ("funds", "balance_end"): ("期末资金余额", "元"),
}
# The measures of a group of dicts: by_identity {职工: {active_end, new}}, by_type {生活救助: {count, amount}} …
MEASURES: dict[str, tuple[str, str]] = {
    "active_end": ("期末在档", "户"), "new": ("本期新认定", "户"), "count": ("", "件"), "amount": ("金额", "元"),
    "workers": ("涉及职工", "人"), "recovered": ("追回金额", "元"),
}
COUNT_UNITS = {"relief": "人次"}   # a group's `count` in this section is 人次, not 件


@dataclass(frozen=True)
class Line:
    """One line of the table: a section heading (code "", no figures), a figure, or a member of a group."""

    label: str
    unit: str
    code: str = ""
    current: Value | None = None
    previous: Value | None = None
    level: int = 0      # 0 a section heading, 1 a figure, 2 a member of a group (其中)

    @property
    def change(self) -> Value | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


def _leaves(section: str, figures: Mapping[str, object]) -> Iterator[tuple[str, tuple[str, str], int]]:
    """(code, (指标, 单位), level) of every figure of a section, in the summary's order."""
    for key, value in figures.items():
        label, unit = FIGURES.get((section, key), (key, ""))
        if not isinstance(value, Mapping):
            yield f"{section}.{key}", (label, unit), 1
            continue
        for member, inner in value.items():
            if not isinstance(inner, Mapping):
                yield f"{section}.{key}.{member}", (f"{label}：{member}", unit), 2
                continue
            for measure in inner:
                word, measure_unit = MEASURES.get(measure, (measure, ""))
                if measure == "count":
                    measure_unit = COUNT_UNITS.get(section, measure_unit)
                yield f"{section}.{key}.{member}.{measure}", (f"{label}：{member}{word}", measure_unit), 2


def _value(figures: Mapping[str, object], code: str) -> Value:
    found: object = figures
    for part in code.split(".")[1:]:
        found = found.get(part, 0) if isinstance(found, Mapping) else 0
    if isinstance(found, bool) or not isinstance(found, int | Decimal):
        return 0
    return found


def lines(current: Figures, previous: Figures) -> list[Line]:
    """The table's lines: per section its heading, then each figure of either period, both values given."""
    table: list[Line] = []
    for section, heading in SECTIONS.items():
        mine, theirs = current.get(section, {}), previous.get(section, {})
        assert isinstance(mine, Mapping) and isinstance(theirs, Mapping)
        table.append(Line(heading, ""))
        seen: set[str] = set()
        for figures in (mine, theirs):
            for code, (label, unit), level in _leaves(section, figures):
                if code in seen:
                    continue
                seen.add(code)
                money = unit == "元"
                now, then = _value(mine, code), _value(theirs, code)
                if money:
                    now, then = Decimal(now).quantize(Decimal("0.01")), Decimal(then).quantize(Decimal("0.01"))
                table.append(Line(label, unit, code, now, then, level))
    return table
