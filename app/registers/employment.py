"""The 培训就业 registers: 培训班, 学员, 再就业, 职业介绍, 创业贷款, 结对帮扶 (and records), 互助保障 (and claims).

The keys are the column names of the export rows (app.services.employment_rows) and of the import
(app.services.employment_import). Rows name what they refer to the way staff do: a person by ID number,
a household by its head's ID number, a session by its name, a pairing by head and cadre.
"""

from __future__ import annotations

from app.registers.base import Field, Kind, Mask, Register

F = Field
K = Kind

NEW_PERSON = "系统中没有此人时按本行姓名新增人员；已有的，姓名须与系统中一致"
ID_HELP = "18位身份证号；" + NEW_PERSON
HEAD_ID_HELP = "结对户职工本人的身份证号（须已有困难职工档案）"


def _person(section: str, label: str = "姓名") -> tuple[Field, Field]:
    return (F("name", label, section=section, required=True, width=10, in_list=True, max_length=64),
            F("id_number", "身份证号", K.ID_NUMBER, section, required=True, width=21, mask=Mask.ID_NUMBER,
              in_list=True, help=ID_HELP))


S_SESSION = "培训班"
SESSION_FIELDS: tuple[Field, ...] = (
    F("name", "培训班名称", section=S_SESSION, required=True, width=28, in_list=True, max_length=64,
      help="如 2025年第一期电焊技能培训班；不能与系统中已有的培训班同名"),
    F("kind", "培训类型", K.CHOICE, S_SESSION, required=True, choices="training_kind", width=10, in_list=True),
    F("trade", "工种", K.CHOICE, S_SESSION, choices="training_trade", width=10, in_list=True, help="技能培训必填"),
    F("start_date", "开始日期", K.DATE, S_SESSION, required=True, width=12, in_list=True),
    F("end_date", "结束日期", K.DATE, S_SESSION, required=True, width=12, in_list=True),
    F("place", "培训地点", section=S_SESSION, width=20, in_list=True, max_length=64),
    F("organiser", "主办单位", section=S_SESSION, width=20, max_length=64),
    F("cost", "培训费用", K.MONEY, S_SESSION, width=12, help="元；仅作记录，不从资金余额中支出"),
    F("fund", "资金", section=S_SESSION, width=18, max_length=64,
      help="费用由哪项资金支付（资金名称，须已在系统中建立）"),
    F("note", "备注", section=S_SESSION, width=20, max_length=2000),
    F("trainees", "学员人数", K.INT, S_SESSION, width=8, in_list=True, derived=True),
    F("laid_off", "下岗职工", K.INT, S_SESSION, width=8, in_list=True, derived=True),
    F("migrant", "农民工", K.INT, S_SESSION, width=8, in_list=True, derived=True),
    F("employed", "在岗职工", K.INT, S_SESSION, width=8, in_list=True, derived=True),
    F("other_group", "其他", K.INT, S_SESSION, width=8, in_list=True, derived=True),
    F("completed", "结业人数", K.INT, S_SESSION, width=8, derived=True),
    F("certified", "取得证书", K.INT, S_SESSION, width=8, derived=True),
)
TRAINING_SESSIONS = Register(kind="training-sessions", title="培训班登记簿", sheet="培训班", fields=SESSION_FIELDS,
                             key_field="name")
# The session sheet's count columns, one per trainee group.
GROUP_COLUMNS = {"下岗职工": "laid_off", "农民工": "migrant", "在岗职工": "employed", "其他": "other_group"}

S_TRAINEE = "培训学员"
TRAINEE_FIELDS: tuple[Field, ...] = (
    F("session", "培训班名称", section=S_TRAINEE, required=True, width=28, in_list=True, max_length=64,
      help="须已在系统中建立，或在同一工作簿的“培训班”表中"),
    *_person(S_TRAINEE),
    F("sex", "性别", section=S_TRAINEE, width=6, in_list=True, derived=True),
    F("group", "学员类别", K.CHOICE, S_TRAINEE, required=True, choices="trainee_group", width=10, in_list=True),
    F("completed", "是否结业", K.BOOL, S_TRAINEE, width=8, in_list=True, help="有证书编号的视为已结业"),
    F("certificate_no", "证书编号", section=S_TRAINEE, width=16, in_list=True, max_length=32),
    F("phone", "手机", K.MOBILE, S_TRAINEE, width=14, mask=Mask.PHONE, help="仅用于新增的人员"),
    F("work_unit", "工作单位", section=S_TRAINEE, width=20, max_length=128, help="仅用于新增的人员"),
    F("file_no", "档案编号", section=S_TRAINEE, width=12, derived=True),
    F("note", "备注", section=S_TRAINEE, width=20, max_length=200),
)
TRAINEES = Register(kind="trainees", title="培训学员登记簿", sheet="培训学员", fields=TRAINEE_FIELDS,
                    key_field="id_number")

S_PLACEMENT = "再就业"
PLACEMENT_FIELDS: tuple[Field, ...] = (
    *_person(S_PLACEMENT),
    F("group", "人员类别", K.CHOICE, S_PLACEMENT, required=True, choices="placement_group", width=10, in_list=True),
    F("employer", "就业单位", section=S_PLACEMENT, required=True, width=24, in_list=True, max_length=128),
    F("job", "岗位", section=S_PLACEMENT, width=14, in_list=True, max_length=64),
    F("on_date", "就业日期", K.DATE, S_PLACEMENT, required=True, width=12, in_list=True, help="不能晚于今天"),
    F("how_found", "就业途径", K.CHOICE, S_PLACEMENT, choices="how_found", width=12, in_list=True),
    F("file_no", "档案编号", section=S_PLACEMENT, width=12, in_list=True, derived=True),
    F("note", "备注", section=S_PLACEMENT, width=20, max_length=200),
)
PLACEMENTS = Register(kind="placements", title="再就业登记簿", sheet="再就业", fields=PLACEMENT_FIELDS,
                      key_field="id_number")

S_REFERRAL = "职业介绍"
REFERRAL_FIELDS: tuple[Field, ...] = (
    *_person(S_REFERRAL),
    F("employer", "用人单位", section=S_REFERRAL, required=True, width=24, in_list=True, max_length=128),
    F("on_date", "介绍日期", K.DATE, S_REFERRAL, required=True, width=12, in_list=True, help="不能晚于今天"),
    F("outcome", "结果", K.CHOICE, S_REFERRAL, choices="referral_outcome", width=10, in_list=True,
      help="留空为“待反馈”"),
    F("note", "备注", section=S_REFERRAL, width=20, max_length=200),
)
REFERRALS = Register(kind="referrals", title="职业介绍登记簿", sheet="职业介绍", fields=REFERRAL_FIELDS,
                     key_field="id_number")

S_LOAN = "创业贷款"
LOAN_FIELDS: tuple[Field, ...] = (
    *_person(S_LOAN, "借款人"),
    F("sex", "性别", section=S_LOAN, width=6, in_list=True, derived=True),
    F("amount", "贷款金额", K.MONEY, S_LOAN, required=True, width=12, in_list=True),
    F("bank", "贷款银行", section=S_LOAN, required=True, width=18, in_list=True, max_length=64),
    F("on_date", "放款日期", K.DATE, S_LOAN, required=True, width=12, in_list=True, help="不能晚于今天"),
    F("term_months", "期限(月)", K.INT, S_LOAN, width=8, in_list=True, minimum=1, maximum=360, help="留空为12个月"),
    F("subsidy", "贴息", K.MONEY, S_LOAN, width=10, in_list=True),
    F("repayment", "还款情况", K.CHOICE, S_LOAN, choices="repayment", width=10, in_list=True, help="留空为“还款中”"),
    F("file_no", "档案编号", section=S_LOAN, width=12, derived=True),
    F("note", "备注", section=S_LOAN, width=20, max_length=200),
)
LOANS = Register(kind="loans", title="创业贷款登记簿", sheet="创业贷款", fields=LOAN_FIELDS, key_field="id_number")

S_PAIRING = "结对帮扶"
PAIRING_FIELDS: tuple[Field, ...] = (
    F("head_id_number", "职工身份证号", K.ID_NUMBER, S_PAIRING, required=True, width=21, mask=Mask.ID_NUMBER,
      in_list=True, help=HEAD_ID_HELP),
    F("head_name", "职工姓名", section=S_PAIRING, width=10, in_list=True, derived=True),
    F("file_no", "档案编号", section=S_PAIRING, width=12, in_list=True, derived=True),
    F("cadre_name", "干部姓名", section=S_PAIRING, required=True, width=10, in_list=True, max_length=32),
    F("cadre_unit", "干部单位", section=S_PAIRING, width=22, in_list=True, max_length=128),
    F("cadre_phone", "干部电话", K.PHONE, S_PAIRING, width=14, mask=Mask.PHONE),
    F("start_date", "结对日期", K.DATE, S_PAIRING, required=True, width=12, in_list=True),
    F("end_date", "结束日期", K.DATE, S_PAIRING, width=12, in_list=True, help="仍在结对的留空"),
    F("note", "备注", section=S_PAIRING, width=20, max_length=200),
    F("aid_amount", "资金物品(元)", K.MONEY, S_PAIRING, width=12, in_list=True, derived=True),
    F("projects", "项目", K.INT, S_PAIRING, width=6, in_list=True, derived=True),
    F("job_info", "致富信息", K.INT, S_PAIRING, width=8, in_list=True, derived=True),
    F("legal_help", "法律援助", K.INT, S_PAIRING, width=8, in_list=True, derived=True),
)
PAIRINGS = Register(kind="pairings", title="一对一结对帮扶登记簿", sheet="结对帮扶", fields=PAIRING_FIELDS,
                    key_field="head_id_number")

S_AID = "结对帮扶记录"
AID_FIELDS: tuple[Field, ...] = (
    F("head_id_number", "职工身份证号", K.ID_NUMBER, S_AID, required=True, width=21, mask=Mask.ID_NUMBER,
      in_list=True, help="结对户职工本人的身份证号"),
    F("head_name", "职工姓名", section=S_AID, width=10, in_list=True, derived=True),
    F("cadre_name", "干部姓名", section=S_AID, required=True, width=10, in_list=True, max_length=32,
      help="与职工身份证号一起确定结对（须已在系统中，或在同一工作簿的“结对帮扶”表中）"),
    F("on_date", "日期", K.DATE, S_AID, required=True, width=12, in_list=True, help="在结对期间，不能晚于今天"),
    F("kind", "帮扶类型", K.CHOICE, S_AID, required=True, choices="pairing_aid_kind", width=10, in_list=True),
    F("amount", "金额", K.MONEY, S_AID, width=12, in_list=True, help="资金填金额，物品填折价；其他类型不填"),
    F("count", "数量", K.INT, S_AID, width=6, in_list=True, minimum=1, maximum=10000,
      help="致富信息条数、项目个数等；留空为1"),
    F("description", "内容", section=S_AID, width=30, in_list=True, max_length=200, help="物品和项目必填"),
)
PAIRING_AID = Register(kind="pairing-aid", title="结对帮扶记录登记簿", sheet="结对帮扶记录", fields=AID_FIELDS,
                       key_field="head_id_number")

S_MUTUAL = "互助保障"
MUTUAL_AID_FIELDS: tuple[Field, ...] = (
    *_person(S_MUTUAL),
    F("year", "年度", K.INT, S_MUTUAL, required=True, width=8, in_list=True, minimum=1990, maximum=2100),
    F("plan", "保障项目", section=S_MUTUAL, required=True, width=20, in_list=True, max_length=32,
      help="如 住院医疗互助保障；同一人同一年度同一项目只能一行"),
    F("premium", "缴费金额", K.MONEY, S_MUTUAL, width=10, in_list=True),
    F("work_unit", "工作单位", section=S_MUTUAL, width=22, in_list=True, max_length=128),
    F("claims", "理赔次数", K.INT, S_MUTUAL, width=8, in_list=True, derived=True),
    F("claimed", "赔付金额", K.MONEY, S_MUTUAL, width=12, in_list=True, derived=True),
)
MUTUAL_AID = Register(kind="mutual-aid", title="职工互助保障参保登记簿", sheet="互助保障参保", fields=MUTUAL_AID_FIELDS,
                      key_field="id_number")

S_CLAIM = "互助保障理赔"
CLAIM_FIELDS: tuple[Field, ...] = (
    F("name", "姓名", section=S_CLAIM, required=True, width=10, in_list=True, max_length=64),
    F("id_number", "身份证号", K.ID_NUMBER, S_CLAIM, required=True, width=21, mask=Mask.ID_NUMBER, in_list=True,
      help="参保职工的身份证号"),
    F("year", "参保年度", K.INT, S_CLAIM, required=True, width=8, in_list=True, minimum=1990, maximum=2100),
    F("plan", "保障项目", section=S_CLAIM, required=True, width=20, in_list=True, max_length=32,
      help="与身份证号、参保年度一起确定参保记录（须已在系统中，或在同一工作簿的“互助保障参保”表中）"),
    F("on_date", "赔付日期", K.DATE, S_CLAIM, required=True, width=12, in_list=True),
    F("kind", "理赔类型", K.CHOICE, S_CLAIM, required=True, choices="claim_kind", width=8, in_list=True),
    F("amount", "赔付金额", K.MONEY, S_CLAIM, required=True, width=12, in_list=True),
    F("note", "备注", section=S_CLAIM, width=20, max_length=200),
)
MUTUAL_AID_CLAIMS = Register(kind="mutual-aid-claims", title="职工互助保障理赔登记簿", sheet="互助保障理赔",
                             fields=CLAIM_FIELDS, key_field="id_number")

ALL: tuple[Register, ...] = (TRAINING_SESSIONS, TRAINEES, PLACEMENTS, REFERRALS, LOANS, PAIRINGS, PAIRING_AID,
                             MUTUAL_AID, MUTUAL_AID_CLAIMS)
