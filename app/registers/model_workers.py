"""The model-worker registers: 劳模档案, 劳模动态, 走访慰问, 劳模体检 and 困难劳模补助金专户.

Rows about a model worker name them by 身份证号 (the name beside it is checked, not used to find
them); funds are named, not numbered. Several honours share one cell: 2015年市级劳动模范、2019年
省部级五一劳动奖章, each optionally followed by its document number in brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app import validation as v
from app.registers.base import Field, Kind, Mask, Register, ValueLists

F = Field
K = Kind

HONOUR = re.compile(r"^(\d{4})\s*年?\s*(全国|省部级|市级|县级)\s*([^（(]+?)\s*(?:[（(](.*)[）)])?$")
SEPARATORS = "、；;，,\n"
HONOURS_HELP = ("每项写成 年份+级别+称号，如 2015年市级劳动模范；多项用、分隔；"
                "文号可写在括号中，如 2015年市级劳动模范（庆市发〔2015〕12号）")

Honours = tuple[tuple[str, str, int, str], ...]   # (title, level, year, document no.)


def split_honours(text: str) -> list[str]:
    """Items separated by 、；, … outside brackets (a document number may hold anything)."""
    items, current, depth = [], "", 0
    for char in text:
        if char in "（(〔":
            depth += 1
        elif char in "）)〕":
            depth = max(0, depth - 1)
        if char in SEPARATORS and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    items.append(current.strip())
    return [item for item in items if item]


def parse_honours(text: str, titles: tuple[str, ...] | list[str]) -> Honours:
    """2015年市级劳动模范（文号）、… → ((title, level, year, document), …); ValueError naming the bad item."""
    found = []
    for index, item in enumerate(split_honours(text), 1):
        match = HONOUR.match(item)
        if match is None:
            raise ValueError(f"第{index}项“{item}”应写成 年份+级别+称号，如 2015年市级劳动模范")
        year, level, title, document = match.groups()
        if title not in titles:
            raise ValueError(f"第{index}项的称号“{title}”不在可选值中（{'、'.join(titles)}）")
        found.append((title, level, int(year), (document or "").strip()))
    if not found:
        raise ValueError("至少填写一项")
    return tuple(found)


def honours_text(honours: Honours) -> str:
    return "、".join(f"{year}年{level}{title}" + (f"（{document}）" if document else "")
                    for title, level, year, document in honours)


@dataclass(frozen=True)
class HonoursField(Field):
    """The honours cell: several honours, each with level and year (and a document number if known)."""

    def parse(self, raw: object, lists: ValueLists) -> object:
        if raw is None or (isinstance(raw, str) and not v.clean_text(raw)):
            return super().parse(raw, lists)
        return parse_honours(str(raw), list(lists.get("honour_title", ())))

    def display(self, value: object, *, masked: bool = False) -> str:
        if isinstance(value, tuple):
            return honours_text(value)
        return super().display(value, masked=masked)


def _worker(section: str) -> tuple[Field, Field]:
    """身份证号 (finds the worker) and 姓名 (checked against the archive when given)."""
    return (F("id_number", "身份证号", K.ID_NUMBER, section, required=True, width=21, mask=Mask.ID_NUMBER,
              in_list=True, help="劳模的身份证号，须已在劳模档案中"),
            F("name", "姓名", section=section, width=10, in_list=True, max_length=64,
              help="可留空；填写时须与劳模档案中的姓名一致"))


S_ARCHIVE = "劳模档案"
MODEL_WORKERS = Register("model-workers", "劳模档案登记簿", "劳模档案", (
    F("name", "姓名", section=S_ARCHIVE, required=True, width=10, in_list=True, max_length=64),
    F("id_number", "身份证号", K.ID_NUMBER, S_ARCHIVE, required=True, width=21, mask=Mask.ID_NUMBER, in_list=True,
      help="系统中已有此人的，姓名须一致；已在劳模档案中的报错"),
    F("sex", "性别", section=S_ARCHIVE, width=6, derived=True),
    F("birth_date", "出生日期", K.DATE, S_ARCHIVE, width=12, derived=True),
    HonoursField("honours", "荣誉称号", K.TEXT, S_ARCHIVE, required=True, width=40, in_list=True, help=HONOURS_HELP),
    F("highest_level", "最高级别", section=S_ARCHIVE, width=8, in_list=True, derived=True),
    F("work_unit", "工作单位", section=S_ARCHIVE, width=24, in_list=True, max_length=128),
    F("job", "职务", section=S_ARCHIVE, width=10, max_length=64),
    F("phone", "联系电话", K.PHONE, S_ARCHIVE, width=14, mask=Mask.PHONE),
    F("address", "家庭住址", section=S_ARCHIVE, width=24, max_length=200),
    F("studio", "劳模创新工作室", section=S_ARCHIVE, width=20, max_length=128),
    F("added_on", "建档日期", K.DATE, S_ARCHIVE, required=True, width=12, help="动态管理中“新增”的日期，不能晚于今天"),
    F("added_reason", "新增原因", section=S_ARCHIVE, width=16, max_length=200, help="留空为“建立劳模档案”"),
    F("added_document", "新增文号", section=S_ARCHIVE, width=16, max_length=64),
    F("status", "当前状态", section=S_ARCHIVE, width=8, in_list=True, derived=True),
    F("status_since", "状态日期", K.DATE, S_ARCHIVE, width=12, derived=True),
    F("note", "备注", section=S_ARCHIVE, width=24, max_length=2000),
), key_field="id_number")

S_EVENT = "劳模动态"
MODEL_WORKER_EVENTS = Register("model-worker-events", "劳模动态管理登记簿", "劳模动态", (
    *_worker(S_EVENT),
    F("on_date", "变动日期", K.DATE, S_EVENT, required=True, width=12, in_list=True,
      help="不能早于该劳模上一次变动，不能晚于今天"),
    F("event", "变动类型", K.CHOICE, S_EVENT, required=True, choices="model_worker_event", width=10, in_list=True,
      help="新增只用于调出后重新调入；建档请用劳模档案登记簿"),
    F("status_after", "变动后状态", section=S_EVENT, width=10, in_list=True, derived=True),
    F("reason", "变动原因", section=S_EVENT, width=24, in_list=True, max_length=200, help="新增以外必填"),
    F("document_no", "文号", section=S_EVENT, width=18, in_list=True, max_length=64),
    F("by_name", "经办人", section=S_EVENT, width=8, derived=True),
), key_field="id_number")

S_VISIT = "走访慰问"
MODEL_WORKER_VISITS = Register("model-worker-visits", "劳模走访慰问登记簿", "走访慰问", (
    *_worker(S_VISIT),
    F("on_date", "走访日期", K.DATE, S_VISIT, required=True, width=12, in_list=True),
    F("occasion", "走访事由", K.CHOICE, S_VISIT, required=True, choices="visit_occasion", width=10, in_list=True),
    F("round_name", "走访批次", section=S_VISIT, width=20, in_list=True, max_length=64,
      help="同一次集中走访填同一名称，如 2025年春节走访劳模；打印慰问签领表按批次"),
    F("visitors", "走访人", section=S_VISIT, required=True, width=16, in_list=True, max_length=64),
    F("amount", "慰问金", K.MONEY, S_VISIT, width=12, in_list=True, help="元；慰问金和慰问品至少填一项"),
    F("gifts", "慰问品", section=S_VISIT, width=18, in_list=True, max_length=100),
    F("fund", "资金", section=S_VISIT, width=18, in_list=True, max_length=64,
      help="慰问金从哪项资金支出（资金名称，须已在系统中建立）；可留空"),
    F("note", "备注", section=S_VISIT, width=20, max_length=200),
), key_field="id_number")

S_CHECK = "劳模体检"
HEALTH_CHECKS = Register("health-checks", "劳模体检登记簿", "劳模体检", (
    *_worker(S_CHECK),
    F("year", "体检年度", K.INT, S_CHECK, required=True, width=8, in_list=True, minimum=2000, maximum=2100,
      help="每人每年一次"),
    F("hospital", "体检医院", section=S_CHECK, required=True, width=20, in_list=True, max_length=64),
    F("on_date", "体检日期", K.DATE, S_CHECK, required=True, width=12, in_list=True, help="在体检年度内（或次年年初）"),
    F("summary", "体检结论", section=S_CHECK, width=30, in_list=True, max_length=2000),
), key_field="id_number")

S_SUBSIDY = "补助金专户"
SUBSIDY_ENTRIES = Register("subsidy-entries", "困难劳模补助金专户登记簿", "补助金专户", (
    F("on_date", "日期", K.DATE, S_SUBSIDY, required=True, width=12, in_list=True, help="入账或发放日期，不能晚于今天"),
    F("kind", "收支", section=S_SUBSIDY, width=6, in_list=True, derived=True),
    F("id_number", "身份证号", K.ID_NUMBER, S_SUBSIDY, width=21, mask=Mask.ID_NUMBER, in_list=True,
      help="发放补助金时填劳模的身份证号；资金入账留空"),
    F("name", "姓名", section=S_SUBSIDY, width=10, in_list=True, max_length=64, help="可留空；填写时须与档案一致"),
    F("period", "补助期间", section=S_SUBSIDY, width=14, in_list=True, max_length=32,
      help="发放时必填，如 2025年上半年；同一人同一期间只能发放一次"),
    F("amount", "金额", K.MONEY, S_SUBSIDY, required=True, width=12, in_list=True,
      help="元；发放后专户余额不能为负数（按日期顺序计算）"),
    F("source", "资金来源", K.CHOICE, S_SUBSIDY, choices="fund_source", width=10, in_list=True, help="入账时必填"),
    F("document_no", "凭证号", section=S_SUBSIDY, width=16, in_list=True, max_length=64),
    F("note", "备注", section=S_SUBSIDY, width=20, max_length=200),
    F("balance", "余额", K.MONEY, S_SUBSIDY, width=12, in_list=True, derived=True),
), key_field="id_number")

REGISTERS = (MODEL_WORKERS, MODEL_WORKER_EVENTS, MODEL_WORKER_VISITS, HEALTH_CHECKS, SUBSIDY_ENTRIES)
