"""The reception and legal-aid registers: 信访接待 (a row a contact), 法律援助案件 and its 申请人 sheet.

The keys are the column names of the export rows (app.services.reception_rows) and of the imports
(app.services.petition_import, legal_case_import). A contact names its file by 档案编号 or by the
worker's ID number, and its case by 案件编号; an applicant row names its case by 案件编号.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from app import validation as v
from app.registers.base import Field, Kind, Mask, Register, ValueLists

F = Field
K = Kind

CLOCK = re.compile(r"^(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?:\s*[:：]\s*\d{1,2}(?:\.\d+)?)?$")


def parse_clock(raw: object) -> datetime.time:
    """9:30, 09:30:00, 9时30分, 9点, an Excel time (a fraction of a day) or a time/datetime → a time to the minute."""
    if isinstance(raw, datetime.datetime):
        return raw.time().replace(second=0, microsecond=0)
    if isinstance(raw, datetime.time):
        return raw.replace(second=0, microsecond=0)
    if isinstance(raw, datetime.timedelta):
        raw = raw.total_seconds() / 86400
    if isinstance(raw, float | int) and not isinstance(raw, bool) and 0 <= raw < 1:
        minutes = min(round(raw * 24 * 60), 24 * 60 - 1)
        return datetime.time(minutes // 60, minutes % 60)
    text = v.clean_text(raw)
    match = CLOCK.match(text)
    if match is None:
        raise ValueError(f"“{text}”不是时间，请写成 09:30")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"“{text}”不是有效时间")
    return datetime.time(hour, minute)


@dataclass(frozen=True)
class ClockField(Field):
    """A time of day (接待时间), written as text 09:30 so Excel never turns it into a fraction."""

    def parse(self, raw: object, lists: ValueLists) -> object:
        if raw is None or (isinstance(raw, str) and not v.clean_text(raw)):
            return super().parse(raw, lists)
        return parse_clock(raw)

    def display(self, value: object, *, masked: bool = False) -> str:
        if isinstance(value, datetime.time):
            return f"{value:%H:%M}"
        return super().display(value, masked=masked)


S_PETITION = "信访接待"
S_HANDLING = "办理情况"
PETITION_FIELDS: tuple[Field, ...] = (
    F("received_on", "接待日期", K.DATE, S_PETITION, required=True, width=12, in_list=True,
      help="来信收到、来电或来访的日期，不能晚于今天"),
    ClockField("received_time", "接待时间", K.TEXT, S_PETITION, width=8, in_list=True, help="如 09:30；留空为 00:00"),
    F("channel", "方式", K.CHOICE, S_PETITION, required=True, choices="petition_channel", width=8, in_list=True),
    F("name", "姓名", section=S_PETITION, width=10, in_list=True, max_length=64,
      help="来信人、来电人或来访人；只有来电可以留空（匿名）。身份证号已在系统中的，须与系统中的姓名一致"),
    F("id_number", "身份证号", K.ID_NUMBER, S_PETITION, width=21, mask=Mask.ID_NUMBER,
      help="知道时填写；系统中没有此人时按本行姓名新增人员"),
    F("contact", "联系电话", K.PHONE, S_PETITION, width=14, mask=Mask.PHONE, in_list=True),
    F("work_unit", "工作单位", section=S_PETITION, width=20, in_list=True, max_length=128),
    F("category", "类别", K.CHOICE, S_PETITION, required=True, choices="petition_category", width=10, in_list=True),
    F("content", "反映问题", section=S_PETITION, required=True, width=36, in_list=True, max_length=2000),
    F("workers", "涉及人数", K.INT, S_PETITION, width=8, in_list=True, minimum=1, maximum=100000,
      help="所反映事项涉及的职工人数；留空为1"),
    F("registered_by", "登记人", section=S_PETITION, width=8, max_length=32, help="留空则为办理导入的账户"),
    F("handed_to", "送达办理", section=S_HANDLING, width=16, in_list=True, max_length=64,
      help="送达哪个部门或由谁办理；与送达日期同时填写"),
    F("handed_on", "送达日期", K.DATE, S_HANDLING, width=12, in_list=True),
    F("handed_by", "送达经办人", section=S_HANDLING, width=8, max_length=32, help="留空则同登记人"),
    F("closed_on", "办结日期", K.DATE, S_HANDLING, width=12, in_list=True, help="办结的须同时填写办理结果"),
    F("closed_by", "办结人", section=S_HANDLING, width=8, max_length=32, help="留空则为办理导入的账户"),
    F("result", "办理结果", section=S_HANDLING, width=30, in_list=True, max_length=2000),
    F("reply", "答复情况", section=S_HANDLING, width=24, max_length=2000, help="给反映人的答复"),
    F("file_no", "关联档案", section=S_HANDLING, width=21, in_list=True, max_length=32,
      help="由此建立或关联的困难职工档案：档案编号，或该户职工本人的身份证号"),
    F("case_no", "关联案件", section=S_HANDLING, width=14, in_list=True, max_length=32,
      help="由此受理的法律援助案件编号，须已在系统中（先导入法律援助案件）"),
    F("due_on", "办理时限", K.DATE, S_HANDLING, width=12, in_list=True, derived=True),
    F("status", "办理状态", section=S_HANDLING, width=10, in_list=True, derived=True),
)

PETITIONS = Register(kind="petitions", title="信访接待登记簿", sheet="信访接待", fields=PETITION_FIELDS,
                     key_field="id_number")

S_CASE = "案件"
S_RESULT = "办理及结果"
LEGAL_CASE_FIELDS: tuple[Field, ...] = (
    F("case_no", "案件编号", section=S_CASE, width=14, in_list=True, max_length=32,
      help="如 法援2025-001；留空则由系统编号（此时不能在“申请人”表中列出本案的申请人）"),
    F("respondent", "被申请单位", section=S_CASE, required=True, width=24, in_list=True, max_length=128),
    F("cause", "案由", K.CHOICE, S_CASE, required=True, choices="legal_cause", width=10, in_list=True),
    F("handling", "处理方式", K.CHOICE, S_CASE, required=True, choices="legal_handling", width=10, in_list=True),
    F("partner", "联合执法单位", section=S_CASE, width=16, in_list=True, max_length=64,
      help="处理方式为联合执法时必填，如 县劳动监察大队"),
    F("lawyer", "承办律师", section=S_CASE, width=10, in_list=True, max_length=32),
    F("workers_involved", "涉及职工人数", K.INT, S_CASE, width=10, in_list=True, minimum=1, maximum=100000,
      help="含未列名的职工；不能少于“申请人”表中本案的人数；留空则按申请人数（至少1）"),
    F("named", "列名申请人", K.INT, S_CASE, width=8, in_list=True, derived=True),
    F("amount_claimed", "请求金额", K.MONEY, S_CASE, width=12, in_list=True),
    F("accepted_on", "受理日期", K.DATE, S_CASE, required=True, width=12, in_list=True, help="不能晚于今天"),
    F("stage", "当前阶段", K.CHOICE, S_RESULT, choices="legal_stage", width=8, in_list=True,
      help="留空则未结案的为受理、已结案的为结案"),
    F("stage_on", "阶段日期", K.DATE, S_RESULT, width=12,
      help="当前阶段为调解、仲裁或诉讼时开始的日期；留空则同受理日期"),
    F("closed_on", "结案日期", K.DATE, S_RESULT, width=12, in_list=True, help="结案的须同时填写处理结果"),
    F("outcome", "处理结果", section=S_RESULT, width=30, in_list=True, max_length=2000),
    F("amount_recovered", "追回金额", K.MONEY, S_RESULT, width=12, in_list=True,
      help="追回或裁决的金额（元），只用于已结案的案件；留空为0"),
    F("note", "备注", section=S_RESULT, width=20, max_length=2000),
)

LEGAL_CASES = Register(kind="legal-cases", title="法律援助案件登记簿", sheet="法律援助案件", fields=LEGAL_CASE_FIELDS,
                       key_field="case_no")

S_APPLICANT = "申请人"
LEGAL_APPLICANT_FIELDS: tuple[Field, ...] = (
    F("case_no", "案件编号", section=S_APPLICANT, required=True, width=14, in_list=True, max_length=32,
      help="须与“法律援助案件”表中某一行的案件编号相同"),
    F("name", "姓名", section=S_APPLICANT, required=True, width=10, in_list=True, max_length=64,
      help="身份证号已在系统中的，须与系统中的姓名一致"),
    F("id_number", "身份证号", K.ID_NUMBER, S_APPLICANT, width=21, mask=Mask.ID_NUMBER, in_list=True,
      help="知道时填写：系统中已有此人的对应到此人，没有的按本行姓名新增人员"),
    F("amount_claimed", "请求金额", K.MONEY, S_APPLICANT, width=12, in_list=True, help="本人的请求金额，知道时填写"),
    F("amount_recovered", "追回金额", K.MONEY, S_APPLICANT, width=12, in_list=True,
      help="本人追回的金额，知道时填写；本案各人之和不能超过案件的追回金额"),
)

LEGAL_APPLICANTS = Register(kind="legal-applicants", title="法律援助申请人登记簿", sheet="申请人",
                            fields=LEGAL_APPLICANT_FIELDS, key_field="case_no")
