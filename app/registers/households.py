"""The hardship-file registers: 困难职工档案 (one row a household) and 家庭成员.

Labels follow the national 困难职工档案表 so that exports go upward without remapping.
The keys are the attribute names of HouseholdForm / MemberForm and of the export rows.
"""

from __future__ import annotations

from app.registers.base import Field, Kind, Mask, Register

F = Field
K = Kind

S_FILE = "档案信息"
S_HEAD = "职工本人"
S_WORK = "工作情况"
S_INCOME = "家庭收入"
S_HOUSING = "住房情况"
S_BANK = "银行账户"
S_OTHER = "材料与经办"
S_STATUS = "档案状态"

HOUSEHOLD_FIELDS: tuple[Field, ...] = (
    F("file_no", "档案编号", section=S_FILE, width=12, in_list=True, max_length=32,
      help="留空则自动编号"),
    F("name", "姓名", section=S_HEAD, required=True, width=10, in_list=True, max_length=64),
    F("id_number", "身份证号", K.ID_NUMBER, S_HEAD, required=True, width=21,
      mask=Mask.ID_NUMBER, in_list=True),
    F("sex", "性别", K.CHOICE, S_HEAD, width=6, in_list=True, help="留空则按身份证号"),
    F("birth_date", "出生日期", K.DATE, S_HEAD, width=12, help="留空则按身份证号"),
    F("ethnicity", "民族", K.CHOICE, S_HEAD, width=8),
    F("political_status", "政治面貌", K.CHOICE, S_HEAD, width=10),
    F("health", "健康状况", K.CHOICE, S_HEAD, width=10),
    F("disability_type", "残疾类别", K.CHOICE, S_HEAD, width=10),
    F("disability_grade", "残疾等级", K.CHOICE, S_HEAD, width=8),
    F("marital_status", "婚姻状况", K.CHOICE, S_HEAD, width=8),
    F("hukou_type", "户口类型", K.CHOICE, S_HEAD, width=8),
    F("hukou_place", "户口所在地", section=S_HEAD, width=20, max_length=128),
    F("medical_insurance", "医保状况", K.CHOICE, S_HEAD, width=10),
    F("phone", "手机", K.MOBILE, S_HEAD, width=14, mask=Mask.PHONE, in_list=True),
    F("address", "家庭住址", section=S_HEAD, width=28, max_length=200),
    F("filing_level", "建档标准", K.CHOICE, S_FILE, width=8),
    F("category", "困难类别", K.CHOICE, S_FILE, width=10, in_list=True,
      help="留空则按低保标准推荐"),
    F("category_reason", "类别调整理由", section=S_FILE, width=20, max_length=200,
      help="所选类别与按低保标准推荐的不同时必填"),
    F("identity", "身份", K.CHOICE, S_FILE, required=True, width=8, in_list=True),
    F("main_cause", "主要致困原因", K.CHOICE, S_FILE, required=True, choices="cause",
      width=16, in_list=True),
    F("secondary_causes", "次要致困原因", K.MULTI, S_FILE, choices="cause", width=24,
      max_items=3, help="最多三项，用、分隔"),
    F("work_status", "工作状态", K.CHOICE, S_WORK, width=10),
    F("model_worker_type", "劳模类型", K.CHOICE, S_WORK, width=8),
    F("work_unit", "工作单位", section=S_WORK, width=24, in_list=True, max_length=128),
    F("unit_nature", "单位性质", K.CHOICE, S_WORK, width=12),
    F("enterprise_status", "企业状况", K.CHOICE, S_WORK, width=10),
    F("industry", "所属行业", K.CHOICE, S_WORK, width=14),
    F("union_name", "所属工会", section=S_WORK, width=24, in_list=True, max_length=128),
    F("single_parent", "是否单亲", K.BOOL, S_WORK, width=8),
    F("zero_employment", "是否零就业家庭", K.BOOL, S_WORK, width=8),
    F("head_monthly_income", "本人月平均收入", K.MONEY, S_INCOME, width=12),
    F("other_annual_income", "家庭其他非薪资年收入", K.MONEY, S_INCOME, width=14),
    F("rigid_expenses", "家庭年刚性支出", K.MONEY, S_INCOME, width=12,
      help="医疗、教育等必需支出，用于按低保标准推荐类别"),
    F("accident_losses", "年内意外损失", K.MONEY, S_INCOME, width=12,
      help="超过家庭年收入80%可认定为意外致困"),
    F("household_size", "家庭人口", K.INT, S_INCOME, width=8, in_list=True, derived=True),
    F("annual_income", "家庭年度总收入", K.MONEY, S_INCOME, width=14, derived=True),
    F("per_capita_monthly", "家庭月人均收入", K.MONEY, S_INCOME, width=12, in_list=True,
      derived=True),
    F("receives_dibao", "是否享受低保", K.BOOL, S_INCOME, width=8),
    F("dibao_amount", "低保金额(元/月)", K.MONEY, S_INCOME, width=12),
    F("housing_type", "住房类型", K.CHOICE, S_HOUSING, width=12),
    F("housing_area", "建筑面积(㎡)", K.DECIMAL, S_HOUSING, width=10),
    F("area_per_capita", "人均住房面积(㎡)", K.DECIMAL, S_HOUSING, width=10, derived=True),
    F("bank_name", "开户银行", section=S_BANK, width=14, max_length=64),
    F("bank_branch", "支行", section=S_BANK, width=16, max_length=64),
    F("card_number", "银行卡号", K.CARD, S_BANK, width=22, mask=Mask.CARD),
    F("attachments", "附件材料", K.MULTI, S_OTHER, choices="attachment", width=30),
    F("hardship_cert_no", "特困职工证号", section=S_OTHER, width=14, max_length=32),
    F("filed_by", "建档人", section=S_OTHER, width=8, max_length=32),
    F("reviewed_by", "审核人", section=S_OTHER, width=8, max_length=32),
    F("entered_by", "录入人", section=S_OTHER, width=8, max_length=32),
    F("note", "备注", section=S_OTHER, width=24, max_length=2000),
    F("filed_on", "申报日期", K.DATE, S_STATUS, width=12, in_list=True,
      help="留空则为今天"),
    F("status", "档案状态", K.CHOICE, S_STATUS, width=10, in_list=True,
      help="导入时留空为“申报”"),
    F("surveyed_on", "入户调查日期", K.DATE, S_STATUS, width=12),
    F("notice_start", "公示开始日期", K.DATE, S_STATUS, width=12),
    F("notice_end", "公示结束日期", K.DATE, S_STATUS, width=12),
    F("approved_on", "认定日期", K.DATE, S_STATUS, width=12),
    F("last_recheck_on", "最近复核日期", K.DATE, S_STATUS, width=12),
    F("closed_on", "退档/脱困日期", K.DATE, S_STATUS, width=12),
    F("close_reason", "退档原因", K.CHOICE, S_STATUS, choices="withdraw_reason", width=10),
    F("status_since", "状态日期", K.DATE, S_STATUS, width=12, in_list=True,
      help="进入当前状态的日期；导入时留空则按其他日期推定"),
)

HOUSEHOLDS = Register(
    kind="households",
    title="困难职工档案登记簿",
    sheet="困难职工档案",
    fields=HOUSEHOLD_FIELDS,
    key_field="id_number",
)

S_MEMBER = "家庭成员"
MEMBER_FIELDS: tuple[Field, ...] = (
    F("head_id_number", "职工身份证号", K.ID_NUMBER, S_MEMBER, required=True, width=21,
      mask=Mask.ID_NUMBER, help="所属档案职工本人的身份证号"),
    F("head_name", "职工姓名", section=S_MEMBER, width=10, derived=True),
    F("name", "姓名", section=S_MEMBER, required=True, width=10, max_length=64),
    F("relation", "与职工关系", K.CHOICE, S_MEMBER, required=True, width=10),
    F("id_number", "身份证号", K.ID_NUMBER, S_MEMBER, width=21, mask=Mask.ID_NUMBER),
    F("sex", "性别", K.CHOICE, S_MEMBER, width=6),
    F("birth_date", "出生日期", K.DATE, S_MEMBER, width=12),
    F("ethnicity", "民族", K.CHOICE, S_MEMBER, width=8),
    F("political_status", "政治面貌", K.CHOICE, S_MEMBER, width=10),
    F("health", "健康状况", K.CHOICE, S_MEMBER, width=10),
    F("disability_type", "残疾类别", K.CHOICE, S_MEMBER, width=10),
    F("disability_grade", "残疾等级", K.CHOICE, S_MEMBER, width=8),
    F("monthly_income", "月收入", K.MONEY, S_MEMBER, width=10),
    F("identity", "身份", K.CHOICE, S_MEMBER, choices="member_identity", width=10),
    F("medical_insurance", "医保状况", K.CHOICE, S_MEMBER, width=10),
    F("unit_or_school", "单位或学校", section=S_MEMBER, width=24, max_length=128),
    F("education", "学历", K.CHOICE, S_MEMBER, width=8),
    F("enrol_year", "入学年份", K.INT, S_MEMBER, width=8, minimum=1950, maximum=2100),
    F("schooling_years", "学制(年)", K.INT, S_MEMBER, width=8, minimum=1, maximum=10),
)

FAMILY_MEMBERS = Register(
    kind="family-members",
    title="困难职工家庭成员登记簿",
    sheet="家庭成员",
    fields=MEMBER_FIELDS,
    key_field="head_id_number",
)
