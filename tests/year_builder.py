"""A county's year of records (2023-2025, around the period 2024), written into the registers' import templates.

Every register is filled the way an office would fill it: `exchange.write_template(kind)` gives the workbook,
the rows go under its header row by column label, and `exchange.import_register(kind)` brings it in, in the
order the registers depend on each other. Rows are dicts keyed by the register's field keys; keys starting
with "_" are facts the test needs (the value of the goods, the fund a row draws on) and are not written.
Only the funds (the register cannot create them) and 办实事 (no register) go through their services.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
from stdnum.cn import ric

from app.excel.writer import HEADER_ROW
from app.registers.base import Register
from app.services import (
    employment_exchange,
    exchange,
    funds,
    lifecycle,
    model_worker_care,
    model_worker_exchange,
    reception_exchange,
    relief_exchange,
)
from db.database import tuples
from db.models import Household, ModelWorker, Person

D = datetime.date
Row = dict[str, object]
REGION = "620121"
HELP_FUND, WARMTH_FUND = "帮扶资金", "送温暖专项资金"
BOOKS: tuple[dict[str, tuple[Register, ...]], ...] = (
    exchange.BOOKS, relief_exchange.BOOKS, employment_exchange.BOOKS, model_worker_exchange.BOOKS,
    reception_exchange.BOOKS)
IMPORT_ORDER = ("households", "fund-entries", "campaigns", "relief", "legal-cases", "petitions",
                "training-sessions", "placements", "referrals", "loans", "pairings", "mutual-aid",
                "model-workers", "model-worker-events", "model-worker-visits", "health-checks", "subsidy-entries")


def id_number(n: int, sex: str = "男", born: D | None = None) -> str:
    """A valid ID number, a different one for every n (the birth date moves with n)."""
    born = born or D(1950, 1, 1) + datetime.timedelta(days=29 * n % 20000)
    body = f"{REGION}{born:%Y%m%d}{n % 100:02d}{(1, 3, 5, 7, 9)[n % 5] if sex == '男' else (0, 2, 4, 6, 8)[n % 5]}"
    return body + ric.calc_check_digit(body + "0")


def name_of(n: int) -> str:
    return "张王李赵刘陈杨黄周吴"[n % 10] + "伟芳娜敏静丽强磊军洋勇艳杰娟涛"[(n // 10) % 15] + "华明"[n % 2]


def person(n: int, sex: str = "男") -> Row:
    return {"name": name_of(n), "id_number": id_number(n, sex)}


# (kind, identity, filed, approved, status, closed, reason, recheck, since): every way a file stands around 2024.
FILES: tuple[tuple[str, D, D | None, str, D | None, str, D | None, D | None], ...] = (
    ("A", D(2022, 3, 1), D(2022, 5, 10), "在档", None, "", D(2025, 3, 1), None),   # re-checked after the year
    ("A", D(2022, 3, 2), D(2022, 5, 11), "在档", None, "", D(2024, 3, 1), None),
    ("A", D(2022, 3, 3), D(2022, 5, 12), "在档", None, "", None, None),
    ("A", D(2022, 3, 4), D(2022, 5, 13), "在档", None, "", D(2025, 4, 1), None),
    ("B", D(2023, 2, 1), D(2023, 4, 1), "在档", None, "", None, None),
    ("B", D(2023, 10, 1), D(2023, 12, 31), "在档", None, "", None, D(2023, 12, 31)),
    ("B", D(2023, 6, 1), D(2023, 7, 1), "在档", None, "", D(2024, 7, 2), None),
    ("C", D(2023, 11, 1), D(2024, 1, 1), "在档", None, "", None, None),
    ("C", D(2024, 2, 1), D(2024, 3, 15), "在档", None, "", None, None),
    ("C", D(2024, 5, 1), D(2024, 6, 20), "在档", None, "", D(2025, 6, 1), None),
    ("C", D(2024, 10, 1), D(2024, 12, 31), "在档", None, "", None, None),
    ("D", D(2024, 12, 1), D(2025, 2, 10), "在档", None, "", None, None),
    ("E", D(2022, 1, 5), D(2022, 3, 1), "已脱困", D(2024, 6, 30), "", None, None),
    ("E", D(2022, 1, 6), D(2022, 3, 2), "已脱困", D(2024, 12, 31), "", None, None),
    ("F", D(2023, 1, 5), D(2023, 3, 1), "退档", D(2025, 1, 1), "退休", None, None),
    ("F", D(2023, 1, 6), D(2023, 3, 2), "退档", D(2025, 2, 1), "调离", D(2024, 3, 2), None),
    ("G", D(2024, 1, 2), D(2024, 2, 1), "退档", D(2024, 10, 8), "核查不符", None, None),
    ("H", D(2024, 11, 5), None, "申报", None, "", None, None),
    ("H", D(2025, 1, 5), None, "基层审核", None, "", None, None),
    ("J", D(2024, 3, 1), None, "不予认定", D(2024, 5, 1), "", None, None),
    ("K", D(2021, 1, 5), D(2021, 3, 1), "已脱困", D(2023, 9, 30), "", None, None),
    ("K", D(2021, 1, 6), D(2021, 3, 2), "退档", D(2024, 1, 1), "死亡", None, D(2024, 1, 1)),
)
CATEGORIES = ("深度困难", "相对困难", "意外致困")
CAUSES = ("下岗失业", "患重特大疾病", "子女上学", "无劳动能力", "遭受意外事故")


@dataclass
class Year:
    """The rows of every register as imported, by kind and sheet."""

    rows: dict[str, dict[str, list[Row]]] = field(default_factory=dict)
    practical_help: list[D] = field(default_factory=list)

    def of(self, kind: str, sheet: str | None = None) -> list[Row]:
        sheets = self.rows.get(kind, {})
        return sheets[sheet] if sheet is not None else next(iter(sheets.values()), [])

    def head(self, kind: str, index: int) -> Row:
        """The head of the index-th file of a kind (A, B … in FILES order)."""
        return [h for h in self.of("households", "困难职工档案") if h["_kind"] == kind][index]


def _households(year: Year) -> None:
    heads: list[Row] = []
    members: list[Row] = []
    for n, (kind, filed, approved, status, closed, reason, recheck, since) in enumerate(FILES, 1):
        head = {**person(n, "女" if n % 3 == 0 else "男"), "file_no": f"{filed.year}-{n:04d}",
                "identity": ("职工", "农民工")[n % 2], "category": CATEGORIES[n % 3],
                "category_reason": "按实际情况认定",
                "main_cause": CAUSES[n % 5], "filed_on": filed, "status": status, "approved_on": approved,
                "closed_on": closed, "close_reason": reason or None, "last_recheck_on": recheck, "status_since": since,
                "work_unit": "华池县水泥厂", "_kind": kind}
        heads.append(head)
        members.append({"head_id_number": head["id_number"], "name": name_of(n) + "妻" if n % 2 else name_of(n) + "夫",
                        "relation": "配偶", "identity": "务农"})
        if kind in ("A", "B", "C"):
            members.append({"head_id_number": head["id_number"], "name": f"{name_of(n)[0]}小{n}", "relation": "子女",
                            "id_number": id_number(n, "女", D(2004, 1 + n % 12, 1 + n)), "identity": "学生",
                            "education": ("本科", "高中")[n % 2], "unit_or_school": "华池县第一中学"})
    year.rows["households"] = {"困难职工档案": heads, "家庭成员": members}


def _money(year: Year) -> None:
    entries = [(HELP_FUND, D(2022, 1, 10), "上级拨款", "200000"), (HELP_FUND, D(2023, 1, 5), "财政配套", "80000"),
               (HELP_FUND, D(2023, 12, 31), "工会经费", "5000.50"), (HELP_FUND, D(2024, 1, 1), "上级拨款", "100000"),
               (HELP_FUND, D(2024, 3, 15), "社会捐助", "12345.67"), (HELP_FUND, D(2024, 6, 1), "工会经费", "-500"),
               (HELP_FUND, D(2024, 12, 31), "财政配套", "20000"), (WARMTH_FUND, D(2022, 12, 1), "工会经费", "50000"),
               (WARMTH_FUND, D(2024, 1, 2), "社会捐助", "30000"), (HELP_FUND, D(2025, 1, 1), "上级拨款", "100000")]
    year.rows["fund-entries"] = {"资金收入": [
        {"fund": f, "on_date": d, "source": s, "amount": Decimal(a),
         "note": "冲减多记的入账" if a.startswith("-") else ""}
        for f, d, s, a in entries]}
    year.rows["campaigns"] = {"帮扶活动": [
        {"name": "2023年元旦春节送温暖", "relief_type": "送温暖慰问", "start_date": D(2023, 1, 5),
         "end_date": D(2023, 2, 8), "standard_amount": Decimal("400"), "fund": WARMTH_FUND},
        {"name": "2024年元旦春节送温暖", "relief_type": "送温暖慰问", "start_date": D(2024, 1, 5),
         "end_date": D(2024, 2, 8), "standard_amount": Decimal("500"), "fund": WARMTH_FUND},
        {"name": "2024年夏送清凉", "relief_type": "夏送清凉", "start_date": D(2024, 6, 20), "end_date": D(2024, 7, 31),
         "standard_items": "夏凉被×1条@85", "fund": HELP_FUND},
        {"name": "2024年金秋助学", "relief_type": "助学救助", "start_date": D(2024, 8, 15), "end_date": D(2024, 9, 30),
         "fund": HELP_FUND}]}


def _relief(year: Year) -> None:
    rows: list[Row] = []

    def add(who: Row, relief_type: str, on: D, amount: str | None, fund: str | None = HELP_FUND, *,
            goods: str = "0", **more: object) -> None:
        rows.append({"name": who["name"], "id_number": who["id_number"], "relief_type": relief_type, "on_date": on,
                     "amount": Decimal(amount) if amount is not None else None, "fund": fund,
                     "_cash": Decimal(amount or "0"), "_goods": Decimal(goods), "_fund": fund, **more})

    warm = "2024年元旦春节送温暖"
    for i, kind in enumerate(("A", "A", "B", "C", "E", "F")):   # amount left blank: the campaign's standard
        add(year.head(kind, i % 2 if kind in "AB" else 0), "送温暖慰问", D(2024, 1, 20), None, None, campaign=warm,
            _cash=Decimal("500"), _fund=WARMTH_FUND)
    for n in range(300, 304):
        add(person(n), "送温暖慰问", D(2023, 1, 15), None, None, campaign="2023年元旦春节送温暖", _cash=Decimal("400"),
            _fund=WARMTH_FUND)
    add(person(304), "送温暖慰问", D(2024, 2, 8), "600", WARMTH_FUND, campaign=warm)
    for n in range(310, 318):   # in kind: the campaign's standard items, or items of their own
        if n % 4:
            add(person(n, "女"), "夏送清凉", D(2024, 7, 1), None, None, campaign="2024年夏送清凉", goods="85",
                _fund=HELP_FUND)
        else:
            add(person(n), "夏送清凉", D(2024, 7, 2), None, None, campaign="2024年夏送清凉", goods="200",
                items="夏凉被×2条@85、绿豆×5斤@6", _fund=HELP_FUND)
    add(year.head("A", 0), "生活救助", D(2023, 6, 1), "1000")
    add(year.head("A", 0), "生活救助", D(2024, 6, 1), "1200")
    add(year.head("A", 1), "生活救助", D(2024, 12, 31), "800")
    add(year.head("A", 2), "生活救助", D(2023, 12, 31), "900")
    add(year.head("B", 0), "生活救助", D(2024, 1, 1), "600.50")
    add(year.head("B", 1), "生活救助", D(2025, 1, 1), "700")
    add(year.head("C", 0), "生活救助", D(2024, 7, 1), "1500")
    add(year.head("C", 0), "生活救助", D(2024, 9, 1), "500", duplicate_reason="突发火灾再次救助")
    add(year.head("E", 0), "生活救助", D(2024, 8, 8), "600", temporary=True)
    add(year.head("A", 3), "医疗救助", D(2024, 4, 10), "3000", total_cost=Decimal("20000"),
        insurance_paid=Decimal("12000"), hospital="华池县人民医院")
    add(year.head("B", 2), "大病救助", D(2024, 5, 5), "5000", total_cost=Decimal("80000"),
        insurance_paid=Decimal("50000"), diagnosis="尿毒症")
    add(year.head("C", 1), "大病救助", D(2023, 5, 5), "4000", total_cost=Decimal("60000"))
    student_files = [h for h in year.of("households", "困难职工档案") if h["_kind"] in "ABC"]
    for i, head in enumerate(student_files[:4]):
        n = int(str(head["file_no"])[-4:])
        level = ("大学", "高中")[n % 2]
        add(head, "助学救助", D(2024, 9, 1) if i < 3 else D(2023, 9, 1), ("3000", "1500")[n % 2],
            campaign="2024年金秋助学" if i < 3 else None, student_name=f"{name_of(n)[0]}小{n}", school_level=level,
            school="兰州大学" if level == "大学" else "华池县第一中学")
    add(year.head("C", 2), "住房补助", D(2024, 11, 11), "4000")
    add(person(320), "就业创业帮扶", D(2024, 3, 3), "1000")
    add(person(321), "法律援助", D(2024, 2, 2), "500")
    add(person(322, "女"), "六一慰问", D(2024, 6, 1), "200", goods="30", items="书包×1个@30")
    add(person(323), "六一慰问", D(2025, 6, 1), "200")
    add(person(324), "其他", D(2022, 12, 1), "300")
    add(person(325), "其他", D(2024, 10, 1), "250", WARMTH_FUND)
    year.rows["relief"] = {"救助记录": rows}


def _reception(year: Year) -> None:
    applicants = {"法援2023-001": [400, 401, 402], "法援2024-001": [403, 404, 405, 406], "法援2024-003": [407]}
    cases = [("法援2023-001", D(2023, 4, 1), "拖欠工资", "协商调解", 12, D(2023, 6, 1), "150000"),
             ("法援2023-002", D(2023, 11, 15), "工伤赔偿", "仲裁代理", 1, D(2024, 3, 1), "35000"),
             ("法援2024-001", D(2024, 1, 1), "拖欠工资", "联合执法", 20, D(2024, 2, 20), "670000"),
             ("法援2024-002", D(2024, 5, 10), "劳动合同", "咨询", 2, None, None),
             ("法援2024-003", D(2024, 12, 31), "社会保险", "诉讼代理", 3, D(2025, 3, 1), "20000"),
             ("法援2024-004", D(2024, 7, 7), "其他", "代写文书", 1, D(2024, 7, 20), "0"),
             ("法援2025-001", D(2025, 1, 1), "拖欠工资", "协商调解", 5, None, None)]
    year.rows["legal-cases"] = {
        "法律援助案件": [{"case_no": no, "respondent": "华池县某建筑公司", "accepted_on": on, "cause": cause,
                    "handling": how,
                    "partner": "县劳动监察大队" if how == "联合执法" else None, "workers_involved": workers,
                    "closed_on": closed, "outcome": "已调解结案" if closed else None,
                    "amount_recovered": Decimal(money) if money else None}
                   for no, on, cause, how, workers, closed, money in cases],
        "申请人": [{"case_no": no, **person(n)} for no, people in applicants.items() for n in people]}
    contacts = [  # (received, time, channel, category, closed, case)
        (D(2023, 3, 1), "09:00", "来访", "法律咨询", D(2023, 3, 10), None),
        (D(2023, 11, 20), "10:00", "来信", "拖欠工资", None, None),
        (D(2023, 12, 31), "23:50", "来电", "政策咨询", D(2024, 1, 5), None),
        (D(2024, 1, 1), "00:10", "来访", "法律咨询", D(2024, 1, 2), "法援2024-001"),
        (D(2024, 2, 3), "09:30", "来访", "劳动争议", D(2024, 2, 28), None),
        (D(2024, 3, 4), "14:00", "来电", "法律咨询", D(2024, 3, 4), None),
        (D(2024, 3, 18), "15:00", "来信", "困难求助", D(2024, 4, 30), None),
        (D(2024, 4, 1), "08:30", "来访", "工伤", D(2024, 4, 10), None),
        (D(2024, 5, 5), "11:00", "来电", "其他", D(2024, 5, 6), None),
        (D(2024, 6, 6), "09:10", "来访", "拖欠工资", D(2024, 7, 1), None),
        (D(2024, 8, 8), "16:20", "来访", "法律咨询", None, None),
        (D(2024, 10, 10), "10:10", "来信", "政策咨询", D(2024, 10, 20), None),
        (D(2024, 12, 1), "09:00", "来访", "困难求助", None, None),
        (D(2024, 12, 20), "09:00", "来电", "劳动争议", D(2025, 1, 5), None),
        (D(2024, 12, 20), "10:00", "来访", "法律咨询", None, None),
        (D(2024, 12, 31), "17:00", "来访", "拖欠工资", D(2024, 12, 31), None),
        (D(2025, 1, 2), "09:00", "来访", "法律咨询", None, None)]
    rows: list[Row] = []
    for n, (on, at, channel, category, closed, case) in enumerate(contacts, 500):
        who = {} if n == 508 else person(n)      # an anonymous call
        rows.append({**who, "received_on": on, "received_time": at, "channel": channel, "category": category,
                     "content": f"反映{category}问题", "closed_on": closed, "result": "已答复" if closed else None,
                     "case_no": case, "handed_to": "县人社局" if n % 3 == 0 else None,
                     "handed_on": on if n % 3 == 0 else None})
    rows[6]["file_no"] = year.head("A", 0)["id_number"]
    year.rows["petitions"] = {"信访接待": rows}


def _jobs(year: Year) -> None:
    sessions = [("2023年第三期电焊技能培训班", "技能培训", "电焊", D(2023, 11, 1), D(2023, 11, 10), 5),
                ("2024年第一期创业培训班", "创业培训", None, D(2024, 1, 1), D(2024, 1, 8), 7),
                ("2024年第二期刺绣技能培训班", "技能培训", "刺绣", D(2024, 6, 1), D(2024, 6, 10), 6),
                ("2024年第三期种养殖技能培训班", "技能培训", "种养殖", D(2024, 12, 28), D(2025, 1, 5), 5),
                ("2025年第一期砖瓦技能培训班", "技能培训", "砖瓦", D(2025, 3, 1), D(2025, 3, 5), 3)]
    groups = ("下岗职工", "农民工", "在岗职工", "其他", "农民工")
    trainees: list[Row] = []
    for s, (name, _kind, _trade, _start, _end, size) in enumerate(sessions):
        for k in range(size):
            n = 600 + 10 * s + k if k else 600   # one trainee comes to every session
            trainees.append({"session": name, **person(n), "group": groups[(s + k) % 5], "completed": k % 2 == 0})
    year.rows["training-sessions"] = {
        "培训班": [{"name": name, "kind": kind, "trade": trade, "start_date": start, "end_date": end,
                 "place": "县职教中心"}
                for name, kind, trade, start, end, _size in sessions], "培训学员": trainees}
    when = (D(2023, 12, 31), D(2024, 1, 1), D(2024, 3, 3), D(2024, 5, 5), D(2024, 8, 8), D(2024, 9, 9),
            D(2024, 12, 31), D(2025, 1, 1), D(2023, 6, 6), D(2024, 10, 10))
    pgroups = ("下岗职工", "农民工", "失业人员", "其他", "下岗职工")
    year.rows["placements"] = {"再就业": [{**person(660 + i), "group": pgroups[i % 5], "employer": "华池县家政公司",
                                        "on_date": on, "how_found": "职业介绍"} for i, on in enumerate(when)]}
    year.rows["referrals"] = {"职业介绍": [{**person(680 + i), "employer": "华池县物流公司", "on_date": on}
                                       for i, on in enumerate(when[:7])]}
    loans = [(D(2023, 5, 1), "女", "30000"), (D(2024, 1, 1), "女", "30000"), (D(2024, 3, 8), "女", "50000"),
             (D(2024, 6, 6), "男", "40000"), (D(2024, 12, 31), "女", "26000.50"), (D(2025, 1, 1), "女", "30000"),
             (D(2024, 9, 9), "男", "20000")]
    year.rows["loans"] = {"创业贷款": [{**person(700 + i, sex), "amount": Decimal(money), "bank": "华池县农村信用社",
                                     "on_date": on} for i, (on, sex, money) in enumerate(loans)]}


def _pairings(year: Year) -> None:
    pairs = [(year.head("A", 0), "张干部", D(2023, 3, 1), None),
             (year.head("B", 0), "李干部", D(2024, 2, 1), D(2024, 5, 31)),
             (year.head("C", 0), "王干部", D(2024, 12, 31), None),
             (year.head("A", 1), "赵干部", D(2023, 1, 1), D(2023, 12, 31)),
             (year.head("D", 0), "刘干部", D(2025, 2, 11), None), (year.head("A", 0), "陈干部", D(2024, 6, 1), None)]
    aid = [(0, D(2023, 5, 1), "资金", "1000", 1), (0, D(2024, 1, 10), "资金", "2000", 1),
           (0, D(2024, 2, 2), "项目", None, 2), (0, D(2024, 3, 3), "致富信息", None, 5),
           (1, D(2024, 3, 1), "物品", "640.50", 1), (1, D(2024, 5, 31), "法律援助", None, 1),
           (2, D(2024, 12, 31), "致富信息", None, 3), (3, D(2023, 6, 1), "项目", None, 1),
           (4, D(2025, 3, 1), "资金", "500", 1), (5, D(2024, 7, 7), "物品", "300", 1),
           (5, D(2024, 8, 8), "法律援助", None, 2), (5, D(2025, 1, 1), "致富信息", None, 4)]
    year.rows["pairings"] = {
        "结对帮扶": [{"head_id_number": h["id_number"], "cadre_name": cadre, "cadre_unit": "县总工会",
                  "start_date": start, "end_date": end, "_household": h["file_no"]}
                 for h, cadre, start, end in pairs],
        "结对帮扶记录": [{"head_id_number": pairs[p][0]["id_number"], "cadre_name": pairs[p][1], "on_date": on,
                    "kind": kind,
                    "amount": Decimal(money) if money else None, "count": count,
                    "description": f"{kind}帮扶" if kind in ("物品", "项目") else None}
                   for p, on, kind, money, count in aid]}
    enrol = [(800, 2023, "住院医疗互助保障"), (801, 2023, "住院医疗互助保障"), (800, 2024, "住院医疗互助保障"),
             (800, 2024, "重大疾病互助保障"), (802, 2024, "住院医疗互助保障"), (803, 2024, "意外伤害互助保障"),
             (804, 2024, "住院医疗互助保障"), (805, 2025, "住院医疗互助保障")]
    claims = [(800, 2023, "住院医疗互助保障", D(2023, 12, 31), "住院", "1200"),
              (800, 2024, "重大疾病互助保障", D(2024, 1, 1), "重疾", "10000"),
              (802, 2024, "住院医疗互助保障", D(2024, 8, 8), "住院", "860.40"),
              (803, 2024, "意外伤害互助保障", D(2024, 12, 31), "意外", "3000"),
              (805, 2025, "住院医疗互助保障", D(2025, 2, 2), "住院", "700")]
    year.rows["mutual-aid"] = {
        "互助保障参保": [{**person(n), "year": y, "plan": plan, "premium": Decimal("30")} for n, y, plan in enrol],
        "互助保障理赔": [{**person(n), "year": y, "plan": plan, "on_date": on, "kind": kind, "amount": Decimal(money)}
                   for n, y, plan, on, kind, money in claims]}


def _model_workers(year: Year) -> None:
    workers = [(900, "2015年市级劳动模范、2025年全国五一劳动奖章", D(2016, 5, 1)),
               (901, "2010年省部级劳动模范、2018年全国五一劳动奖章", D(2011, 1, 1)),
               (902, "2019年县级先进工作者", D(2020, 3, 1)),
               (903, "2012年市级劳动模范", D(2013, 1, 1)), (904, "2016年省部级劳动模范", D(2017, 1, 1)),
               (905, "2023年市级劳动模范", D(2024, 12, 31)), (906, "2024年市级劳动模范", D(2025, 2, 1)),
               (907, "2020年全国劳动模范", D(2021, 1, 1))]
    events = [(901, D(2024, 5, 1), "退休"), (902, D(2023, 8, 1), "调出"), (902, D(2024, 4, 1), "新增"),
              (903, D(2025, 1, 10), "去世"), (904, D(2024, 9, 9), "撤销称号"), (907, D(2023, 3, 1), "退休")]
    visits = [(900, D(2023, 1, 10), "1000", HELP_FUND), (900, D(2024, 1, 15), "1000", HELP_FUND),
              (901, D(2024, 2, 1), "800", None), (901, D(2024, 9, 1), "600", HELP_FUND),
              (903, D(2024, 12, 31), "500", None), (902, D(2024, 6, 6), "0", None),
              (905, D(2025, 1, 5), "500", HELP_FUND), (907, D(2024, 1, 1), "1200", None)]
    checks = [(900, 2024, D(2024, 5, 1)), (901, 2024, D(2024, 6, 1)), (903, 2023, D(2023, 5, 1)),
              (905, 2024, D(2025, 1, 15)), (907, 2024, D(2024, 12, 31))]
    year.rows["model-workers"] = {"劳模档案": [
        {**person(n), "honours": honours, "added_on": on, "work_unit": "华池县供电公司"} for n, honours, on in workers]}
    year.rows["model-worker-events"] = {"劳模动态": [{"id_number": id_number(n), "on_date": on, "event": event,
                                                  "reason": "按文件办理" if event != "新增" else None}
                                                 for n, on, event in events]}
    year.rows["model-worker-visits"] = {"走访慰问": [
        {"id_number": id_number(n), "on_date": on, "occasion": "重大节日", "visitors": "县总工会主席",
         "amount": Decimal(money) if money != "0" else None, "gifts": "米面油" if money == "0" else None, "fund": fund}
        for n, on, money, fund in visits]}
    year.rows["health-checks"] = {"劳模体检": [
        {"id_number": id_number(n), "year": y, "hospital": "华池县人民医院", "on_date": on} for n, y, on in checks]}
    year.rows["subsidy-entries"] = {"补助金专户": [
        {"on_date": D(2024, 1, 1), "amount": Decimal("10000"), "source": "财政配套"},
        {"on_date": D(2024, 6, 30), "id_number": id_number(901), "period": "2024年上半年", "amount": Decimal("2000")},
        {"on_date": D(2024, 12, 31), "id_number": id_number(907), "period": "2024年下半年", "amount": Decimal("2000")}]}
    year.practical_help = [D(2023, 5, 5), D(2024, 3, 3), D(2024, 12, 31)]


def generate() -> Year:
    year = Year()
    for part in (_households, _money, _relief, _reception, _jobs, _pairings, _model_workers):
        part(year)
    return year


def write_workbook(kind: str, sheets: dict[str, list[Row]], path: Path) -> Path:
    """The kind's import template with these rows under its header row (columns found by their labels)."""
    exchange.write_template(kind, path)
    book = openpyxl.load_workbook(path)
    for sheet_name, rows in sheets.items():
        ws = book[sheet_name]
        columns = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
        register = _register(kind, sheet_name)
        for r, row in enumerate(rows, HEADER_ROW + 1):
            for key, value in row.items():
                if key.startswith("_") or value is None:
                    continue
                cell = ws.cell(r, columns[register.field(key).label])
                cell.value = ("是" if value else "否") if isinstance(value, bool) else value
    book.save(path)
    return path


def _register(kind: str, sheet: str) -> Register:
    for books in BOOKS:
        for register in books.get(kind, ()):
            if register.sheet == sheet:
                return register
    raise KeyError((kind, sheet))


def build(folder: Path) -> Year:
    """Generate the year and import it register by register (the office open, an administrator signed in)."""
    year = generate()
    for name in (HELP_FUND, WARMTH_FUND):
        funds.create_fund(name)
    for kind in IMPORT_ORDER:
        exchange.import_register(kind, write_workbook(kind, year.rows[kind], folder / f"{kind}.xlsx"))
    # The office withdraws a file lifted out in 2024 (it left the roll when it was lifted, not again now).
    lifted = dict(tuples(Household.select(Household.file_no, Household.id)))[str(year.head("E", 0)["file_no"])]
    lifecycle.apply_step(lifted, lifecycle.StepRequest(lifecycle.A.WITHDRAW, D(2025, 3, 1), reason="脱困"))
    worker = dict(tuples(ModelWorker.select(Person.id_number, ModelWorker.id).join(Person)))[id_number(900)]
    for on in year.practical_help:
        model_worker_care.record_practical_help(model_worker_care.PracticalHelpForm(worker, on, "解决子女入学问题"))
    return year


ADMIN = ("admin", "测试员", "test-pass-1")


TODAY = D(2025, 6, 30)


def build_office(folder: Path, today: D = TODAY) -> tuple[Path, Year]:
    """A database file in `folder` holding the year (built as an administrator, then closed)."""
    from app import clock, session
    from app.office import close_office, open_office
    from app.services import accounts

    clock.fix_today(today)
    path = open_office(folder / "county.sqlite")
    try:
        accounts.create_first_admin(*ADMIN)
        accounts.sign_in(ADMIN[0], ADMIN[2])
        year = build(folder)
    finally:
        session.set_current(None)
        close_office()
        clock.fix_today(None)
    return path, year
