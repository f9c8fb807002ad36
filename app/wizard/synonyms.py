"""What offices call a column and a value in their own spreadsheets: header synonyms and value aliases."""

from __future__ import annotations

import re

from app.registers.base import Field
from app.validation import clean_text

# Other names of a column, by field key (the same key means the same thing in every register).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "职工姓名", "户主姓名", "户主", "困难职工姓名", "受助人", "受助人姓名", "申请人", "申请人姓名",
             "职工", "名字"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "证件号", "居民身份证号码",
                  "身份证件号码", "职工身份证号", "户主身份证号", "受助人身份证号"),
    "phone": ("手机", "联系电话", "手机号", "手机号码", "电话", "电话号码", "联系方式", "移动电话"),
    "sex": ("性别",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日"),
    "ethnicity": ("民族",),
    "political_status": ("政治面貌",),
    "health": ("健康状况", "身体状况"),
    "marital_status": ("婚姻状况", "婚否"),
    "hukou_type": ("户口类型", "户籍类型", "户口性质"),
    "hukou_place": ("户口所在地", "户籍所在地", "户籍地"),
    "address": ("家庭住址", "住址", "现住址", "家庭地址", "居住地址", "通讯地址", "地址"),
    "work_unit": ("工作单位", "单位", "所在单位", "单位名称", "就业单位"),
    "union_name": ("所属工会", "工会", "基层工会", "所在工会"),
    "identity": ("身份", "职工身份", "人员身份", "人员类别", "职工类别"),
    "main_cause": ("主要致困原因", "致困原因", "困难原因", "主要困难原因"),
    "secondary_causes": ("次要致困原因", "其他致困原因"),
    "category": ("困难类别", "困难程度", "困难类型", "帮扶类别"),
    "file_no": ("档案编号", "档案号", "编号", "困难职工证号"),
    "filed_on": ("申报日期", "建档日期", "建档时间", "申请日期", "入档日期"),
    "head_monthly_income": ("本人月平均收入", "本人月收入", "月收入", "月平均收入", "个人月收入", "工资"),
    "other_annual_income": ("家庭其他非薪资年收入", "其他年收入", "家庭其他收入"),
    "dibao_amount": ("低保金额", "低保金额(元/月)", "低保金"),
    "receives_dibao": ("是否享受低保", "享受低保", "低保户", "是否低保"),
    "single_parent": ("是否单亲", "单亲家庭", "单亲"),
    "zero_employment": ("是否零就业家庭", "零就业家庭", "零就业"),
    "housing_type": ("住房类型", "住房情况", "住房性质"),
    "housing_area": ("建筑面积", "住房面积", "建筑面积(㎡)", "面积"),
    "bank_name": ("开户银行", "开户行", "银行"),
    "card_number": ("银行卡号", "银行账号", "卡号", "账号", "存折号"),
    "work_status": ("工作状态", "就业状态", "在岗情况"),
    "note": ("备注", "说明", "情况说明"),
    "status": ("档案状态", "状态"),
    "on_date": ("日期", "发放日期", "救助日期", "慰问日期", "时间", "入账日期"),
    "relief_type": ("救助类型", "帮扶类型", "救助项目", "慰问类型"),
    "amount": ("金额", "救助金额", "发放金额", "慰问金", "慰问金额", "金额(元)"),
    "handler": ("经办人", "经手人"),
    "relation": ("与职工关系", "关系", "与户主关系"),
    "head_id_number": ("职工身份证号", "户主身份证号", "户主身份证号码"),
}

# Values written the office's own way → the value of the list (by list name; "*" for every list).
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "sex": {"女性": "女", "男性": "男", "f": "女", "m": "男"},
    "identity": {"进城务工人员": "农民工", "外出务工人员": "农民工", "务工人员": "农民工", "在职职工": "职工",
                 "企业职工": "职工", "下岗职工": "职工"},
    "ethnicity": {"汉": "汉族", "回": "回族", "满": "满族", "蒙古": "蒙古族", "藏": "藏族"},
    "political_status": {"党员": "中共党员", "团员": "共青团员", "预备党员": "中共预备党员"},
    "marital_status": {"离婚": "离异", "单身": "未婚"},
    "hukou_type": {"城镇": "非农业", "城镇户口": "非农业", "农村": "农业", "农村户口": "农业", "农业户口": "农业"},
    "work_status": {"下岗": "下(待)岗", "待岗": "下(待)岗", "失业": "失(无)业", "无业": "失(无)业"},
    "category": {"深度": "深度困难", "相对": "相对困难", "意外": "意外致困"},
}
TRUE_WORDS = frozenset({"是", "有", "√", "✓", "✔", "y", "yes", "true", "1", "对", "享受"})
FALSE_WORDS = frozenset({"否", "无", "×", "✗", "✘", "n", "no", "false", "0", "不是", "没有", "不享受"})
PUNCTUATION = re.compile(r"[\s()（）\[\]【】<>《》:：、/\\·.*＊\-_]+")
UNITS = re.compile(r"[(（][^)）]*[)）]$")


def header_key(text: object) -> str:
    """A header as compared: full-width folded, no spaces, brackets or 必填 marks."""
    label = clean_text(text).replace("必填", "").replace("(必填)", "")
    return PUNCTUATION.sub("", label).lower()


def header_names(field: Field) -> tuple[str, ...]:
    """Every name the column may carry: its label first, then the synonyms of its key."""
    names = [field.label, UNITS.sub("", field.label), *HEADER_SYNONYMS.get(field.key, ())]
    return tuple(dict.fromkeys(n for n in names if n))


def value_key(text: str) -> str:
    """A list value as compared leniently: no spaces or brackets, lower case."""
    return PUNCTUATION.sub("", text).lower()
