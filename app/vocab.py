"""The value lists of the national 困难职工档案表 and the file lifecycle, in domain names.

Lists marked configurable in CONFIGURABLE_LISTS can be extended per office (stored in the
value_list_item table); the rest are fixed by the national form.
"""

from __future__ import annotations

from enum import StrEnum

SEX = ("男", "女")
FILING_LEVELS = ("全国级", "省级", "地市级", "区县级", "基层")
CATEGORIES = ("深度困难", "相对困难", "意外致困")
NATIONAL_CATEGORIES = frozenset(CATEGORIES)
LEGACY_CATEGORIES = ("困难职工", "特困职工", "困难农民工", "特困农民工")
IDENTITIES = ("职工", "农民工")
CAUSES = (
    "无劳动能力",
    "有劳动能力而未就业",
    "下岗失业",
    "未参加社会保险",
    "社会保险待遇落实不到位",
    "患重特大疾病",
    "遭受自然灾害",
    "遭受意外事故",
    "子女上学",
    "其他",
)
MAX_SECONDARY_CAUSES = 3
ETHNICITIES = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
    "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
    "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
    "基诺族", "其他",
)
POLITICAL_STATUSES = ("中共党员", "中共预备党员", "共青团员", "民主党派", "无党派人士", "群众")
HEALTH = ("健康", "一般", "慢性病", "患重特大疾病", "残疾")
DISABILITY_TYPES = (
    "无", "视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "精神残疾", "多重残疾",
)
DISABILITY_GRADES = ("一级", "二级", "三级", "四级")
WORK_STATUSES = ("在岗", "下(待)岗", "失(无)业", "退休", "离休", "病退", "病休", "内退")
MODEL_WORKER_TYPES = ("非劳模", "全国", "省部级", "地市级", "其他")
MARITAL_STATUSES = ("未婚", "已婚", "离异", "丧偶")
HUKOU_TYPES = ("非农业", "农业", "农转居")
MEDICAL_INSURANCE = ("职工医保", "居民医保", "未参保", "其他")
UNIT_NATURES = (
    "国有企业", "集体企业", "私营企业", "外资企业", "港澳台企业", "股份制企业",
    "机关事业单位", "社会组织", "个体工商户", "其他",
)
ENTERPRISE_STATUSES = ("正常", "停产半停产", "破产", "改制", "关闭", "其他")
INDUSTRIES = (
    "农林牧渔业", "采矿业", "制造业", "电力热力燃气及水", "建筑业", "批发和零售业",
    "交通运输仓储邮政", "住宿和餐饮业", "信息技术服务", "金融业", "房地产业",
    "租赁和商务服务业", "科研和技术服务", "水利环境公共设施", "居民服务修理", "教育",
    "卫生和社会工作", "文化体育娱乐", "公共管理社会组织", "其他",
)
HOUSING_TYPES = (
    "自建房", "商品房", "经济适用房", "两限房", "承租单位公房", "廉租房", "租房", "无房", "其他",
)
ATTACHMENTS = (
    "申请书", "身份证/户口本", "收入证明", "诊断书/医疗票据", "学费票据/录取通知书", "低保证",
    "劳动合同", "公示材料",
)
RELATIONS = ("配偶", "子女", "父母", "岳父母/公婆", "兄弟姐妹", "孙子女", "祖父母", "其他")
MEMBER_IDENTITIES = (
    "在职职工", "农民工", "下岗失业", "退休", "学生", "学龄前", "务农", "无业", "其他",
)
EDUCATION_LEVELS = ("学前", "小学", "初中", "高中", "中职", "大专", "本科", "研究生")
WITHDRAW_REASONS = ("脱困", "退休", "调离", "死亡", "核查不符")

# 救助类型. Hardship relief goes to households on file (先建档后帮扶) or is marked 临时救助;
# the rest (care activities and other help) may go to anyone.
RELIEF_TYPES = (
    "生活救助", "送温暖慰问", "医疗救助", "大病救助", "助学救助", "住房补助", "就业创业帮扶", "法律援助",
    "夏送清凉", "六一慰问", "其他",
)
HARDSHIP_RELIEF = frozenset({"生活救助", "医疗救助", "大病救助", "助学救助", "住房补助"})
CARE_RELIEF = frozenset({"送温暖慰问", "夏送清凉", "六一慰问"})
MEDICAL_RELIEF = frozenset({"医疗救助", "大病救助"})
EDUCATION_RELIEF = frozenset({"助学救助"})
SCHOOL_LEVELS = ("大学", "高中", "中职", "初中", "小学", "学前")
# A family member's 学历 (what they are studying for) → the school level student aid speaks of.
SCHOOL_LEVEL_OF_EDUCATION = {"研究生": "大学", "本科": "大学", "大专": "大学", "高中": "高中", "中职": "中职",
                             "初中": "初中", "小学": "小学", "学前": "学前"}
FUND_SOURCES = ("上级拨款", "财政配套", "工会经费", "社会捐助")

# 信访接待 and 法律援助
PETITION_CHANNELS = ("来信", "来电", "来访")
PETITION_CATEGORIES = ("法律咨询", "劳动争议", "拖欠工资", "工伤", "困难求助", "政策咨询", "其他")
LEGAL_CAUSES = ("拖欠工资", "工伤赔偿", "劳动合同", "社会保险", "其他")
LEGAL_HANDLINGS = ("咨询", "代写文书", "协商调解", "仲裁代理", "诉讼代理", "联合执法")
LEGAL_STAGES = ("受理", "调解", "仲裁", "诉讼", "结案")


# 培训就业
TRAINING_KINDS = ("创业培训", "技能培训")
TRAINING_TRADES = ("电焊", "刺绣", "砖瓦", "种养殖", "家政", "电工", "烹饪", "电商", "其他")
TRAINEE_GROUPS = ("下岗职工", "农民工", "在岗职工", "其他")
PLACEMENT_GROUPS = ("下岗职工", "农民工", "失业人员", "其他")
HOW_FOUND = ("职业介绍", "招聘会", "培训推荐", "公益性岗位", "自主创业", "其他")
REFERRAL_OUTCOMES = ("已录用", "未录用", "待反馈")
REPAYMENT_STATES = ("还款中", "已结清", "逾期")
PAIRING_AID_KINDS = ("资金", "物品", "项目", "致富信息", "法律援助")
MUTUAL_AID_CLAIM_KINDS = ("住院", "重疾", "意外", "身故", "其他")

# 劳模
HONOUR_TITLES = ("劳动模范", "先进工作者", "五一劳动奖章", "工人先锋号", "其他")
HONOUR_LEVELS = ("全国", "省部级", "市级", "县级")
MODEL_WORKER_EVENTS = ("新增", "调出", "退休", "去世", "撤销称号")
MODEL_WORKER_STATUSES = ("在职", "退休", "调出", "去世", "撤销称号")
STATUS_AFTER_EVENT = {"新增": "在职", "调出": "调出", "退休": "退休", "去世": "去世", "撤销称号": "撤销称号"}
VISIT_OCCASIONS = ("重大节日", "突发困难", "思想波动", "生病住院", "其他")


class PetitionStatus(StrEnum):
    """Where a petition stands among the four records (四有)."""

    REGISTERED = "已登记"
    HANDED_ON = "办理中"
    CLOSED = "已办结"


class FileStatus(StrEnum):
    """档案状态: where a file stands in its lifecycle."""

    APPLIED = "申报"
    REVIEWED = "基层审核"
    SURVEYED = "入户调查"
    ON_NOTICE = "公示"
    ACTIVE = "在档"
    LIFTED = "已脱困"
    WITHDRAWN = "退档"
    REJECTED = "不予认定"


OPEN_STATUSES = (
    FileStatus.APPLIED, FileStatus.REVIEWED, FileStatus.SURVEYED,
    FileStatus.ON_NOTICE, FileStatus.ACTIVE,
)
CLOSED_STATUSES = (FileStatus.LIFTED, FileStatus.WITHDRAWN, FileStatus.REJECTED)


class FileAction(StrEnum):
    """档案操作: one lifecycle step, recorded as a HouseholdEvent."""

    APPLY = "申报"
    REVIEW = "基层审核"
    SURVEY = "入户调查"
    NOTICE = "公示"
    APPROVE = "认定"
    RECHECK = "年度复核"
    LIFT = "脱困"
    WITHDRAW = "退档"
    REJECT = "不予认定"
    IMPORT = "导入"
    EDIT = "修改"


# Value lists an office may extend (older files say 困难职工/特困职工 …).
CONFIGURABLE_LISTS: dict[str, tuple[str, ...]] = {
    "category": CATEGORIES + LEGACY_CATEGORIES,
    "cause": CAUSES,
    "industry": INDUSTRIES,
    "relation": RELATIONS,
    "member_identity": MEMBER_IDENTITIES,
    "attachment": ATTACHMENTS,
    "fund_source": FUND_SOURCES,
    "training_trade": TRAINING_TRADES,
}
# Values of a configurable list that start out inactive (legacy schemes).
INACTIVE_BY_DEFAULT: dict[str, frozenset[str]] = {"category": frozenset(LEGACY_CATEGORIES)}

FIXED_LISTS: dict[str, tuple[str, ...]] = {
    "sex": SEX,
    "filing_level": FILING_LEVELS,
    "identity": IDENTITIES,
    "ethnicity": ETHNICITIES,
    "political_status": POLITICAL_STATUSES,
    "health": HEALTH,
    "disability_type": DISABILITY_TYPES,
    "disability_grade": DISABILITY_GRADES,
    "work_status": WORK_STATUSES,
    "model_worker_type": MODEL_WORKER_TYPES,
    "marital_status": MARITAL_STATUSES,
    "hukou_type": HUKOU_TYPES,
    "medical_insurance": MEDICAL_INSURANCE,
    "unit_nature": UNIT_NATURES,
    "enterprise_status": ENTERPRISE_STATUSES,
    "housing_type": HOUSING_TYPES,
    "education": EDUCATION_LEVELS,
    "status": tuple(FileStatus),
    "withdraw_reason": WITHDRAW_REASONS,
    "relief_type": RELIEF_TYPES,
    "school_level": SCHOOL_LEVELS,
    "petition_channel": PETITION_CHANNELS,
    "petition_category": PETITION_CATEGORIES,
    "legal_cause": LEGAL_CAUSES,
    "legal_handling": LEGAL_HANDLINGS,
    "legal_stage": LEGAL_STAGES,
    "training_kind": TRAINING_KINDS,
    "trainee_group": TRAINEE_GROUPS,
    "placement_group": PLACEMENT_GROUPS,
    "how_found": HOW_FOUND,
    "referral_outcome": REFERRAL_OUTCOMES,
    "repayment": REPAYMENT_STATES,
    "pairing_aid_kind": PAIRING_AID_KINDS,
    "claim_kind": MUTUAL_AID_CLAIM_KINDS,
    "honour_title": HONOUR_TITLES,
    "honour_level": HONOUR_LEVELS,
    "model_worker_event": MODEL_WORKER_EVENTS,
    "model_worker_status": MODEL_WORKER_STATUSES,
    "visit_occasion": VISIT_OCCASIONS,
}
