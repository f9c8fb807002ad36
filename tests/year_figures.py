"""The upward figures of a period counted straight from the rows the year builder wrote (never from the services).

The result has the shape `summary --json` prints: amounts as strings with two decimals, counts as integers.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from app import vocab
from tests.year_builder import Row, Year

D = datetime.date
ZERO = Decimal("0")
LEVELS = {"全国": 4, "省部级": 3, "市级": 2, "县级": 1}
Json = dict[str, object]


def money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def day(row: Row, key: str) -> D | None:
    value = row.get(key)
    return value if isinstance(value, D) else None


def amount(row: Row, key: str) -> Decimal:
    value = row.get(key)
    return value if isinstance(value, Decimal) else ZERO


def within(value: D | None, start: D, end: D) -> bool:
    return value is not None and start <= value <= end


def counted(names: Iterable[str], found: Iterable[str]) -> dict[str, int]:
    result = dict.fromkeys(names, 0)
    for name in found:
        result[name] = result.get(name, 0) + 1
    return result


def households(year: Year, start: D, end: D) -> Json:
    heads = year.of("households", "困难职工档案")

    def active(h: Row) -> bool:
        approved, closed = day(h, "approved_on"), day(h, "closed_on")
        left = closed if h["status"] in ("已脱困", "退档") else None
        return approved is not None and approved <= end and (left is None or left > end)

    on_roll = [h for h in heads if active(h)]
    new = [h for h in heads if within(day(h, "approved_on"), start, end)]
    closed = [h for h in heads if h["status"] in ("已脱困", "退档") and within(day(h, "closed_on"), start, end)]
    return {"active_end": len(on_roll), "new": len(new), "closed": len(closed),
            "by_identity": {i: {"active_end": sum(h["identity"] == i for h in on_roll),
                                "new": sum(h["identity"] == i for h in new)} for i in ("职工", "农民工")},
            "by_category": counted(vocab.CATEGORIES, (str(h["category"]) for h in on_roll)),
            "by_main_cause": counted(vocab.CAUSES, (str(h["main_cause"]) for h in on_roll))}


def relief(year: Year, start: D, end: D) -> Json:
    rows = [r for r in year.of("relief") if within(day(r, "on_date"), start, end)]
    by_type: dict[str, tuple[int, Decimal]] = dict.fromkeys(vocab.RELIEF_TYPES, (0, ZERO))
    for r in rows:
        n, total = by_type[str(r["relief_type"])]
        by_type[str(r["relief_type"])] = (n + 1, total + amount(r, "_cash") + amount(r, "_goods"))
    return {"count": len(rows), "amount": money(sum((t for _n, t in by_type.values()), ZERO)),
            "people": len({r["id_number"] for r in rows}),
            "by_type": {k: {"count": n, "amount": money(t)} for k, (n, t) in by_type.items()}}


def petitions(year: Year, start: D, end: D, limit_days: int = 15) -> Json:
    rows = year.of("petitions")
    received = [r for r in rows if within(day(r, "received_on"), start, end)]
    closed = [r for r in received if (day(r, "closed_on") or D.max) <= end]
    overdue = [r for r in rows if (day(r, "received_on") or D.max) <= end
               and (day(r, "received_on") or D.max) + datetime.timedelta(days=limit_days) < end
               and (day(r, "closed_on") or D.max) > end]
    return {"count": len(received), "closed": len(closed), "overdue_open": len(overdue),
            "by_channel": counted(vocab.PETITION_CHANNELS, (str(r["channel"]) for r in received)),
            "by_category": counted(vocab.PETITION_CATEGORIES, (str(r["category"]) for r in received))}


def legal_cases(year: Year, start: D, end: D) -> Json:
    cases = year.of("legal-cases", "法律援助案件")
    accepted = [c for c in cases if within(day(c, "accepted_on"), start, end)]
    closed = [c for c in cases if within(day(c, "closed_on"), start, end)]

    def of(rows: list[Row], cause: str | None = None) -> tuple[list[Row], int]:
        chosen = [c for c in rows if cause is None or c["cause"] == cause]
        return chosen, sum(int(str(c["workers_involved"])) for c in chosen)

    def recovered(cause: str | None = None) -> str:
        return money(sum((amount(c, "amount_recovered") for c in closed if cause is None or c["cause"] == cause), ZERO))

    return {"count": len(accepted), "workers": of(accepted)[1], "recovered": recovered(),
            "by_cause": {cause: {"count": len(of(accepted, cause)[0]), "workers": of(accepted, cause)[1],
                                 "recovered": recovered(cause)} for cause in vocab.LEGAL_CAUSES}}


def training(year: Year, start: D, end: D) -> Json:
    sessions = {s["name"] for s in year.of("training-sessions", "培训班") if within(day(s, "start_date"), start, end)}
    trainees = [t for t in year.of("training-sessions", "培训学员") if t["session"] in sessions]
    return {"sessions": len(sessions), "trainees": len(trainees),
            "by_group": counted(vocab.TRAINEE_GROUPS, (str(t["group"]) for t in trainees))}


def employment(year: Year, start: D, end: D) -> Json:
    placed = [p for p in year.of("placements") if within(day(p, "on_date"), start, end)]
    return {"placements": len(placed),
            "placements_by_group": counted(vocab.PLACEMENT_GROUPS, (str(p["group"]) for p in placed)),
            "referrals": sum(within(day(r, "on_date"), start, end) for r in year.of("referrals"))}


def loans(year: Year, start: D, end: D) -> Json:
    rows = [r for r in year.of("loans") if within(day(r, "on_date"), start, end)]
    women = [r for r in rows if int(str(r["id_number"])[16]) % 2 == 0]   # the 17th digit: even for a woman
    return {"count": len(rows), "amount": money(sum((amount(r, "amount") for r in rows), ZERO)),
            "women": len(women), "women_amount": money(sum((amount(r, "amount") for r in women), ZERO))}


def pairings(year: Year, start: D, end: D) -> Json:
    pairs = year.of("pairings", "结对帮扶")
    paired = {p["head_id_number"] for p in pairs
              if (day(p, "start_date") or D.max) <= end and (day(p, "end_date") or D.max) >= start}
    aid = [a for a in year.of("pairings", "结对帮扶记录") if within(day(a, "on_date"), start, end)]

    def count(kind: str) -> int:
        return sum(int(str(a["count"])) for a in aid if a["kind"] == kind)

    return {"households": len(paired), "projects": count("项目"),
            "aid_amount": money(sum((amount(a, "amount") for a in aid if a["kind"] in ("资金", "物品")), ZERO)),
            "job_info": count("致富信息"), "legal_help": count("法律援助")}


def mutual_aid(year: Year, start: D, end: D) -> Json:
    enrolled = {e["id_number"] for e in year.of("mutual-aid", "互助保障参保")
                if start.year <= int(str(e["year"])) <= end.year}
    claims = [c for c in year.of("mutual-aid", "互助保障理赔") if within(day(c, "on_date"), start, end)]
    return {"enrolled": len(enrolled), "claims": len(claims),
            "claims_amount": money(sum((amount(c, "amount") for c in claims), ZERO))}


def model_workers(year: Year, start: D, end: D) -> Json:
    statuses: dict[str, str] = {}
    levels: dict[str, str] = {}
    after = {"新增": "在职", "调出": "调出", "退休": "退休", "去世": "去世", "撤销称号": "撤销称号"}
    for worker in year.of("model-workers"):
        if (day(worker, "added_on") or D.max) > end:
            continue
        number = str(worker["id_number"])
        statuses[number] = "在职"
        for event in sorted(year.of("model-worker-events"), key=lambda e: day(e, "on_date") or D.max):
            if event["id_number"] == number and (day(event, "on_date") or D.max) <= end:
                statuses[number] = after[str(event["event"])]
        held = [h for h in str(worker["honours"]).split("、") if int(h[:4]) <= end.year]
        levels[number] = max((next(lv for lv in LEVELS if lv in h) for h in held), key=LEVELS.__getitem__)
    on_roll = [n for n, s in statuses.items() if s in ("在职", "退休")]
    visits = [v for v in year.of("model-worker-visits") if within(day(v, "on_date"), start, end)]
    return {"on_roll_end": len(on_roll), "by_status_end": counted(vocab.MODEL_WORKER_STATUSES, statuses.values()),
            "by_level_end": counted(LEVELS, (levels[n] for n in on_roll)), "visits": len(visits),
            "visited_people": len({v["id_number"] for v in visits}),
            "visit_amount": money(sum((amount(v, "amount") for v in visits), ZERO)),
            "health_checks": sum(within(day(c, "on_date"), start, end) for c in year.of("health-checks")),
            "practical_help": sum(within(d, start, end) for d in year.practical_help)}


def funds(year: Year, start: D, end: D) -> Json:
    entries = year.of("fund-entries")
    reliefs = [(day(r, "on_date"), amount(r, "_cash") + amount(r, "_goods")) for r in year.of("relief") if r["_fund"]]
    visits = [(day(v, "on_date"), amount(v, "amount")) for v in year.of("model-worker-visits") if v.get("fund")]
    paid = reliefs + visits
    sums = {s: sum((amount(e, "amount") for e in entries if e["source"] == s and within(day(e, "on_date"), start, end)),
                   ZERO) for s in vocab.FUND_SOURCES}
    until = sum((amount(e, "amount") for e in entries if (day(e, "on_date") or D.max) <= end), ZERO)
    out_until = sum((money_out for on, money_out in paid if (on or D.max) <= end), ZERO)
    return {"in": money(sum(sums.values(), ZERO)), "in_by_source": {s: money(v) for s, v in sums.items()},
            "out": money(sum((money_out for on, money_out in paid if within(on, start, end)), ZERO)),
            "balance_end": money(until - out_until)}


SECTIONS = {"households": households, "relief": relief, "petitions": petitions, "legal_cases": legal_cases,
            "training": training, "employment": employment, "loans": loans, "pairings": pairings,
            "mutual_aid": mutual_aid, "model_workers": model_workers, "funds": funds}


def expected(year: Year, start: D, end: D) -> Json:
    """Every section's figures for the period, keyed as the summary's JSON."""
    return {name: compute(year, start, end) for name, compute in SECTIONS.items()}
