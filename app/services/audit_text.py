"""How an audit record reads to a person: what it concerns and its details in plain Chinese."""

from __future__ import annotations

import json
from collections.abc import Mapping

from app.services.value_lists import list_title

# The office settings by their Chinese names (unknown keys are shown as stored).
SETTING_LABELS: dict[str, str] = {
    "office_name": "帮扶中心名称",
    "notice_days": "公示天数",
    "idle_lock_minutes": "自动锁定分钟数",
    "recheck_months": "复核周期（月）",
    "stale_days": "未更新提醒天数",
}
KIND_LABELS: dict[str, str] = {
    "household": "档案",
    "account": "账户",
    "setting": "设置",
    "poverty_line": "低保标准",
    "value_list": "可选值",
    "audit": "操作日志",
    "relief": "救助",
    "campaign": "帮扶活动",
    "fund": "资金",
    "fund_entry": "资金入账",
    "petition": "信访",
    "legal_case": "法律援助",
    "training_session": "培训班",
    "trainee": "学员",
    "placement": "就业安置",
    "referral": "职业介绍",
    "loan": "创业贷款",
    "pairing": "结对帮扶",
    "pairing_aid": "结对帮扶内容",
    "mutual_aid": "互助保障",
    "mutual_aid_claim": "互助保障赔付",
    "model_worker": "劳模",
    "subsidy": "劳模补助金",
    # the model worker's care records: their labels say what they are (体检 张三, 劳模慰问签领表 …)
    "model_worker_visit": "劳模",
    "health_check": "劳模",
    "supplementary_insurance": "劳模",
    "practical_help": "劳模",
    "subsidy_entry": "劳模",
    "database": "数据库",
    "summary": "统计",
    "upward_report": "统计",
    # the 培训就业 tab's registers, recorded by their register's kind when exported or imported
    "training-sessions": "培训班",
    "trainees": "学员",
    "placements": "就业安置",
    "referrals": "职业介绍",
    "loans": "创业贷款",
    "pairings": "结对帮扶",
    "pairing-aid": "结对帮扶内容",
    "mutual-aid": "互助保障",
    "mutual-aid-claims": "互助保障赔付",
}
# Details are stored with sorted keys; these are read in this order, the rest after them.
KEY_ORDER = ("事项", "操作", "日期", "状态", "角色", "姓名", "说明", "登记簿", "户数", "人数", "条数", "范围",
             "身份信息", "文件", "新建", "更新", "未变化", "档案编号", "删除人员")
EMPTY = "（空）"


def setting_label(key: str) -> str:
    return SETTING_LABELS.get(key, key)


def target_text(kind: str, label: str) -> str:
    """档案 2025-0001 张三, 账户 jingban, 设置 帮扶中心名称, 可选值 困难类别：特困职工 …"""
    if kind == "setting":
        label = setting_label(label)
    elif kind == "value_list" and "=" in label:
        list_name, _, value = label.partition("=")
        label = f"{list_title(list_name)}：{value}"
    prefix = KIND_LABELS.get(kind, kind)
    if label.startswith(prefix):
        return label  # 劳模 张三, 劳模档案卡 张三: not 劳模 劳模 张三
    return f"{prefix} {label}".strip() if label else prefix


def details_text(details: str) -> str:
    """The stored JSON details as one line, e.g. 修改：手机 138****1234 → 139****5678。"""
    if not details:
        return ""
    try:
        data = json.loads(details)
    except ValueError:
        return details
    if not isinstance(data, dict):
        return _value(data)
    special = _setting_change(data)
    if special:
        return special
    keys = [k for k in KEY_ORDER if k in data] + [k for k in data if k not in KEY_ORDER]
    parts = []
    for key in keys:
        value = data[key]
        if key == "修改" and isinstance(value, list):
            parts.append("修改：" + "；".join(_change(c) for c in value))
        else:
            parts.append(f"{key}：{_value(value)}")
    return "；".join(parts)


def _setting_change(data: Mapping[str, object]) -> str:
    """Settings read as what changed: 帮扶中心名称：旧 → 新; 低保标准：2025-01-01 起 800 元/人/月."""
    what = data.get("设置")
    if what is None:
        return ""
    if "原值" in data or "新值" in data:
        return f"{setting_label(str(what))}：{_value(data.get('原值')) or EMPTY} → {_value(data.get('新值')) or EMPTY}"
    if what == "低保标准":
        return f"低保标准：{_value(data.get('起始日期'))} 起 {_value(data.get('金额'))} 元/人/月"
    if what == "可选值":
        state = "启用" if data.get("启用") else "停用"
        return f"{state}可选值：{list_title(str(data.get('列表', '')))} “{_value(data.get('值'))}”"
    return ""


def _change(change: object) -> str:
    if isinstance(change, list) and len(change) == 3:
        label, old, new = (_value(c) for c in change)
        return f"{label} {old or EMPTY} → {new or EMPTY}"
    return _value(change)


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(_value(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_value(v)}" for k, v in value.items())
    return str(value)
