"""The relief registers: 帮扶救助记录 (one row a relief), 帮扶活动 and 资金收入.

The keys are the column names of the export rows (app.services.relief_rows) and of the import
(app.services.relief_import); funds and campaigns are named, not numbered, so a sheet reads as
the office writes it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import validation as v
from app.registers.base import Field, Kind, Mask, Register, ValueLists

F = Field
K = Kind

S_RELIEF = "救助"
S_MEDICAL = "医疗救助"
S_STUDENT = "助学救助"
ITEMS_HELP = "名称×数量单位@单价，多项用、分隔，如 夏凉被×1条@85、大米×2袋@60"


@dataclass(frozen=True)
class SignedMoneyField(Field):
    """A money column that may hold a negative amount (a correction that takes back an earlier entry)."""

    def parse(self, raw: object, lists: ValueLists) -> object:
        """Like a money column, but a negative amount is allowed."""
        if raw is None or (isinstance(raw, str) and not v.clean_text(raw)):
            return super().parse(raw, lists)
        return v.parse_money(raw, allow_negative=True)


RELIEF_FIELDS: tuple[Field, ...] = (
    F("on_date", "日期", K.DATE, S_RELIEF, required=True, width=12, in_list=True, help="发放日期，不能晚于今天"),
    F("relief_type", "救助类型", K.CHOICE, S_RELIEF, required=True, width=12, in_list=True,
      help="生活、医疗、大病、助学、住房救助须先建档后帮扶（或填临时救助）；慰问类可发给任何人"),
    F("name", "姓名", section=S_RELIEF, required=True, width=10, in_list=True, max_length=64,
      help="受助人姓名；身份证号已在系统中的，须与系统中的姓名一致"),
    F("id_number", "身份证号", K.ID_NUMBER, S_RELIEF, required=True, width=21, mask=Mask.ID_NUMBER, in_list=True,
      help="受助人身份证号；系统中没有此人时，慰问等非困难救助按本行姓名新增人员"),
    F("file_no", "档案编号", section=S_RELIEF, width=12, in_list=True, max_length=32,
      help="留空则按身份证号找受助人在档的档案；填写时受助人须是该档案的职工本人或家庭成员"),
    F("category", "困难类别", section=S_RELIEF, width=10, in_list=True, derived=True),
    F("amount", "金额", K.MONEY, S_RELIEF, width=12, in_list=True,
      help="现金（元）；金额和物资不能都为空；都留空时按帮扶活动的标准"),
    F("items", "物资", section=S_RELIEF, width=24, max_length=200, help=ITEMS_HELP),
    F("goods_value", "物资价值", K.MONEY, S_RELIEF, width=12, in_list=True, derived=True),
    F("fund", "资金", section=S_RELIEF, width=18, in_list=True, max_length=64,
      help="从哪项资金支出（资金名称，须已在系统中建立）；留空则用帮扶活动的资金"),
    F("campaign", "帮扶活动", section=S_RELIEF, width=20, in_list=True, max_length=64,
      help="活动名称，须已在系统中建立，救助类型须与活动相同；可留空"),
    F("handler", "经办人", section=S_RELIEF, width=8, max_length=32, help="留空则为办理导入的账户"),
    F("temporary", "临时救助", K.BOOL, S_RELIEF, width=8,
      help="困难救助的受助人没有在档的困难职工档案时填“是”"),
    F("duplicate_reason", "重复救助理由", section=S_RELIEF, width=20, max_length=200,
      help="同一户同一类型一年内已救助过（系统中或本表中）时必填"),
    F("overdraw_reason", "超支理由", section=S_RELIEF, width=16, max_length=200,
      help="资金余额不足时由管理员填写，否则该行报错"),
    F("note", "备注", section=S_RELIEF, width=20, max_length=2000),
    F("hospital", "医院", section=S_MEDICAL, width=16, max_length=64),
    F("diagnosis", "诊断", section=S_MEDICAL, width=14, max_length=64),
    F("total_cost", "总费用", K.MONEY, S_MEDICAL, width=12, help="医疗、大病救助必填"),
    F("insurance_paid", "医保报销", K.MONEY, S_MEDICAL, width=12),
    F("self_paid", "自付", K.MONEY, S_MEDICAL, width=12, help="留空则按总费用减医保报销"),
    F("student_name", "学生姓名", section=S_STUDENT, width=10, max_length=64, help="助学救助必填"),
    F("student_id_number", "学生身份证号", K.ID_NUMBER, S_STUDENT, width=21, mask=Mask.ID_NUMBER,
      help="留空则按姓名找该档案的家庭成员"),
    F("school", "学校", section=S_STUDENT, width=18, max_length=64),
    F("school_level", "就读阶段", K.CHOICE, S_STUDENT, width=8, help="助学救助必填"),
    F("admission_year", "入学年份", K.INT, S_STUDENT, width=8, minimum=1950, maximum=2100),
)

RELIEF = Register(kind="relief", title="帮扶救助登记簿", sheet="救助记录", fields=RELIEF_FIELDS,
                  key_field="id_number")

S_CAMPAIGN = "帮扶活动"
CAMPAIGN_FIELDS: tuple[Field, ...] = (
    F("name", "活动名称", section=S_CAMPAIGN, required=True, width=24, in_list=True, max_length=64,
      help="如 2025年元旦春节送温暖；不能与系统中已有的活动同名"),
    F("relief_type", "救助类型", K.CHOICE, S_CAMPAIGN, required=True, width=12, in_list=True),
    F("start_date", "开始日期", K.DATE, S_CAMPAIGN, required=True, width=12, in_list=True),
    F("end_date", "结束日期", K.DATE, S_CAMPAIGN, required=True, width=12, in_list=True),
    F("standard_amount", "标准金额", K.MONEY, S_CAMPAIGN, width=12, in_list=True, help="每人次的现金（元）"),
    F("standard_items", "标准物资", section=S_CAMPAIGN, width=24, in_list=True, max_length=200,
      help="每人次的物资：" + ITEMS_HELP),
    F("fund", "资金", section=S_CAMPAIGN, width=18, in_list=True, max_length=64,
      help="资金名称，须已在系统中建立；可留空"),
    F("note", "备注", section=S_CAMPAIGN, width=24, max_length=2000),
    F("recipients", "人次", K.INT, S_CAMPAIGN, width=8, in_list=True, derived=True),
    F("total", "金额", K.MONEY, S_CAMPAIGN, width=14, in_list=True, derived=True),
)

CAMPAIGNS = Register(kind="campaigns", title="帮扶活动登记簿", sheet="帮扶活动", fields=CAMPAIGN_FIELDS,
                     key_field="name")

S_ENTRY = "资金收入"
FUND_ENTRY_FIELDS: tuple[Field, ...] = (
    F("fund", "资金", section=S_ENTRY, required=True, width=20, in_list=True, max_length=64,
      help="资金名称，须已在系统中建立（导入不新建资金）"),
    F("on_date", "日期", K.DATE, S_ENTRY, required=True, width=12, in_list=True, help="入账日期，不能晚于今天"),
    F("source", "资金来源", K.CHOICE, S_ENTRY, required=True, choices="fund_source", width=12, in_list=True),
    SignedMoneyField("amount", "金额", K.MONEY, S_ENTRY, required=True, width=14, in_list=True,
                     help="元；冲减以前的入账填负数，并在备注中说明原因"),
    F("document_no", "凭证号", section=S_ENTRY, width=14, in_list=True, max_length=32),
    F("note", "备注", section=S_ENTRY, width=24, in_list=True, max_length=200),
)

FUND_ENTRIES = Register(kind="fund-entries", title="资金收入登记簿", sheet="资金收入", fields=FUND_ENTRY_FIELDS,
                        key_field="fund")
