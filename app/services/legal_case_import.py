"""Importing legal-aid cases and their applicants: both sheets checked as the legal-aid service checks a case.

A case row keeps its 案件编号 or, left blank, gets the next one of its year. Only the current stage is
read (with the day it began), then 结案 with its date, outcome and money. An applicant row names its
case by 案件编号 (one of the cases sheet) and the worker by ID number where known: someone on record
must carry the same name, someone new is added once. Each case's workers involved are at least its
named applicants, and their own recovered amounts add up to no more than the case's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from app import clock, session
from app.errors import FieldError
from app.excel.reader import ParsedRow, RegisterTable
from app.money import figures
from app.services.petition_import import People, Problems, day, number_of, text
from app.services.reception_rows import TIMED_STAGES
from db.database import database, tuples
from db.models import LegalApplicant, LegalCase, LegalCaseStage

ZERO = Decimal("0.00")
ACCEPTED, CLOSED = "受理", "结案"
PREFIX = "法援{year}-"


@dataclass
class ApplicantPlan:
    row: int
    name: str
    number: str | None
    claimed: Decimal | None
    recovered: Decimal | None


@dataclass
class CasePlan:
    row: int
    values: dict[str, object]
    stage: str
    applicants: list[ApplicantPlan] = field(default_factory=list)


@dataclass
class CasesPlanned:
    plans: list[CasePlan]
    people: People

    @property
    def applicants(self) -> int:
        return sum(len(p.applicants) for p in self.plans)


def _money(values: dict[str, object], key: str) -> Decimal | None:
    value = values.get(key)
    return value if isinstance(value, Decimal) else None


def plan_cases(cases: RegisterTable, case_rows: list[ParsedRow], applicants: RegisterTable | None,
               applicant_rows: list[ParsedRow], errors: list[FieldError]) -> CasesPlanned:
    """Check every row of both sheets; the cases (with their applicants) to add."""
    problems = Problems(cases, errors)
    wanted = {text(r.values, "case_no") for r in case_rows} - {""}
    taken = {no for (no,) in tuples(LegalCase.select(LegalCase.case_no).where(LegalCase.case_no.in_(wanted)))}
    first: dict[str, int] = {}
    listed: dict[str, dict[str, object]] = {}
    plans: dict[str, CasePlan] = {}
    ordered: list[CasePlan] = []
    for row in case_rows:
        values, at, before = row.values, row.number, problems.count()
        case_no = text(values, "case_no")
        if case_no in taken:
            problems.add(at, "case_no", f"系统中已有案件编号 {case_no}（导入只新增案件）")
        elif case_no in first:
            problems.add(at, "case_no", f"与第{first[case_no]}行的案件编号相同")
        if case_no:
            first.setdefault(case_no, at)
            listed.setdefault(case_no, values)
        if values.get("handling") == "联合执法" and not text(values, "partner"):
            problems.add(at, "partner", "联合执法须写明合作单位（如县劳动监察大队）")
        stage = _check_stages(problems, row)
        if row.ok and problems.count() == before:
            plan = CasePlan(at, values, stage)
            ordered.append(plan)
            if case_no:
                plans[case_no] = plan
    people = People(n for n in (number_of(r) for r in applicant_rows) if n)
    if applicants is not None:
        _plan_applicants(Problems(applicants, errors), applicant_rows, listed, plans, people)
    for plan in ordered:
        _check_totals(problems, plan)
    return CasesPlanned(ordered, people)


def _check_stages(problems: Problems, row: ParsedRow) -> str:
    """The current stage, its day, 结案 with its outcome and money: consistent and within accepted … today."""
    values, at, today = row.values, row.number, clock.today()
    accepted, closed_on, stage_on = day(values, "accepted_on"), day(values, "closed_on"), day(values, "stage_on")
    given = text(values, "stage")
    stage = given or (CLOSED if closed_on is not None or "closed_on" in row.failed else ACCEPTED)
    if accepted is not None and accepted > today:
        problems.add(at, "accepted_on", "不能晚于今天")
    if stage == CLOSED and closed_on is None and "closed_on" not in row.failed:
        problems.add(at, "closed_on", "当前阶段为结案，须填写结案日期")
    if closed_on is not None and stage != CLOSED:
        problems.add(at, "stage", "已填写结案日期，当前阶段应为结案（或留空）")
    if stage_on is not None and stage not in TIMED_STAGES:
        problems.add(at, "stage_on", f"只有调解、仲裁、诉讼阶段填写阶段日期（当前阶段为{stage}）")
    for key, when, what in (("stage_on", stage_on, "阶段日期"), ("closed_on", closed_on, "结案日期")):
        if when is not None and accepted is not None and not accepted <= when <= today:
            problems.add(at, key, f"{what}应在受理日期与今天之间")
    if closed_on is not None and not text(values, "outcome"):
        problems.add(at, "outcome", "结案须写明处理结果")
    if closed_on is None and "closed_on" not in row.failed and stage != CLOSED:
        if text(values, "outcome"):
            problems.add(at, "closed_on", "填写了处理结果，须填写结案日期")
        if _money(values, "amount_recovered"):
            problems.add(at, "amount_recovered", "未结案的案件不填追回金额")
    return stage


def _plan_applicants(problems: Problems, rows: list[ParsedRow], listed: dict[str, dict[str, object]],
                     plans: dict[str, CasePlan], people: People) -> None:
    """Each applicant row against its case (the row of the cases sheet with its number) and the rows above it;
    attached to its case's plan when that case is to be added."""
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        values, at, before = row.values, row.number, problems.count()
        case_no, name, number = text(values, "case_no"), text(values, "name"), number_of(row)
        if case_no and case_no not in listed:
            problems.add(at, "case_no", f"“法律援助案件”表中没有案件编号为 {case_no} 的案件"
                                        "（申请人只能随本表中的案件一同导入）")
        if number and name:
            people.check(problems, at, number, name)
        key = (case_no, number or "", "" if number else name)
        if key in seen:
            problems.add(at, "id_number" if number else "name", f"与第{seen[key]}行是同一案件的同一申请人"
                         + ("" if number else "（同名的不同职工请填写身份证号以区分）"))
        seen.setdefault(key, at)
        case = listed.get(case_no)
        recovered = _money(values, "amount_recovered")
        if case is not None and recovered and day(case, "closed_on") is None and text(case, "stage") != CLOSED:
            problems.add(at, "amount_recovered", f"案件 {case_no} 未结案，不填追回金额")
        plan = plans.get(case_no)
        if plan is not None and row.ok and problems.count() == before:
            plan.applicants.append(ApplicantPlan(at, name, number, _money(values, "amount_claimed"), recovered))


def _check_totals(problems: Problems, plan: CasePlan) -> None:
    """Workers involved at least the named applicants; their recovered amounts within the case's."""
    values, named = plan.values, len(plan.applicants)
    workers = values.get("workers_involved")
    if isinstance(workers, int) and workers < named:
        problems.add(plan.row, "workers_involved", f"不能少于“申请人”表中本案的申请人数（{named}）")
    shares = sum((a.recovered for a in plan.applicants if a.recovered is not None), ZERO)
    total = _money(values, "amount_recovered") or ZERO
    if shares > total:
        problems.add(plan.row, "amount_recovered",
                     f"“申请人”表中本案各人追回金额合计 {figures(shares)} 元，超过了案件追回金额 {figures(total)} 元")


def _next_case_no(year: int) -> str:
    """The next number of the year, as the legal-aid service numbers a new case (法援2025-007)."""
    prefix = PREFIX.format(year=year)
    row = database.execute_sql("SELECT MAX(CAST(substr(case_no, ?) AS INTEGER)) FROM legal_case WHERE case_no LIKE ?",
                               (len(prefix) + 1, prefix + "%")).fetchone()
    return f"{prefix}{(row[0] or 0) + 1:03d}"


def write_cases(planned: CasesPlanned, progress: Callable[[int], object]) -> int:
    """Record the planned cases (inside the caller's transaction): numbered ones first, so a blank number never
    takes one that a later row of the sheet gives; then the stages and applicants. Returns how many cases."""
    who, now = session.current_operator(), clock.now()
    ordered = sorted(planned.plans, key=lambda p: not text(p.values, "case_no"))
    for done, plan in enumerate(ordered, 1):
        v = plan.values
        accepted = day(v, "accepted_on") or clock.today()
        closed_on = day(v, "closed_on")
        workers = v.get("workers_involved")
        case = LegalCase.create(
            case_no=text(v, "case_no") or _next_case_no(accepted.year), respondent=text(v, "respondent"),
            cause=v["cause"], handling=v["handling"], partner=text(v, "partner"), lawyer=text(v, "lawyer"),
            workers_involved=workers if isinstance(workers, int) else max(1, len(plan.applicants)),
            amount_claimed=_money(v, "amount_claimed") or ZERO, amount_recovered=_money(v, "amount_recovered") or ZERO,
            stage=plan.stage, accepted_on=accepted, closed_on=closed_on, outcome=text(v, "outcome"),
            note=text(v, "note"), created_by=who, created_at=now)
        stages = [(ACCEPTED, accepted, str(v["handling"]))]
        if plan.stage in TIMED_STAGES:
            stages.append((plan.stage, day(v, "stage_on") or accepted, ""))
        if closed_on is not None:
            stages.append((CLOSED, closed_on, text(v, "outcome")))
        LegalCaseStage.insert_many([{"case": case.id, "stage": s, "on_date": d, "note": n, "by_name": who,
                                     "created_at": now} for s, d, n in stages]).execute()
        for applicant in plan.applicants:
            LegalApplicant.create(case=case.id, person=planned.people.person(applicant.number, applicant.name),
                                  amount_claimed=applicant.claimed, amount_recovered=applicant.recovered)
        progress(done)
    return len(ordered)
