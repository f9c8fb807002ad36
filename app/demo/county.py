"""The demo county: `python -m app demo` fills an empty database with a believable 华池县 register."""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from app import clock
from app.demo import names, places
from app.demo.bulk import Batch, FirstIds, delete_from
from app.demo.families import FamilyMaker, Plan, draft_plan
from app.demo.history import Fate, Timeline, make_timeline, schedule
from app.demo.on_record import OnRecord, plan_register
from app.errors import KnownError
from app.progress import ProgressFn, no_progress
from app.services import settings
from app.services.household_rules import derive
from app.vocab import WITHDRAW_REASONS, FileStatus
from db.database import database, tuples
from db.models import Household, Person, PovertyLine

S = FileStatus
CHUNK = 2000
DEFAULT_HOUSEHOLDS = 878    # 650 files on record (篇五's 困难职工电子档案650户, 93 of them 农民工; see on_record.py)
# Share of files in each status (在档 most; every status occurs once there are 8 files or more).
STATUS_WEIGHTS: tuple[tuple[FileStatus, float], ...] = (
    (S.ACTIVE, 74.0), (S.APPLIED, 3.0), (S.REVIEWED, 3.5), (S.SURVEYED, 2.0), (S.ON_NOTICE, 2.5),
    (S.LIFTED, 6.5), (S.WITHDRAWN, 5.5), (S.REJECTED, 3.0),
)
WITHDRAW_WEIGHTS = (35, 25, 15, 15, 10)          # 脱困, 退休, 调离, 死亡, 核查不符
REJECT_WEIGHTS = ((S.APPLIED, 15), (S.REVIEWED, 25), (S.SURVEYED, 45), (S.ON_NOTICE, 15))
OVERDUE_SHARE = 0.12
# Where the rare characters go: (status, n-th file of that status, role, character). The first
# 基层审核 files are "survey due", so the home-visit print carries 𠈌 and 堃.
RARE_PLACES: tuple[tuple[FileStatus, int, str, str], ...] = (
    (S.REVIEWED, 0, "head", "\U0002020c"), (S.REVIEWED, 0, "child", "玥"), (S.REVIEWED, 1, "head", "堃"),
    (S.ACTIVE, 0, "head", "䶮"), (S.ACTIVE, 1, "child", "喆"), (S.ON_NOTICE, 0, "head", "珺"),
    (S.SURVEYED, 0, "spouse", "赟"), (S.APPLIED, 0, "head", "犇"), (S.LIFTED, 0, "child", "淼"),
    (S.WITHDRAWN, 0, "head", "龑"),
)
SURNAME_PLACES = ((S.ACTIVE, 2), (S.ACTIVE, 3), (S.ACTIVE, 4), (S.REVIEWED, 2), (S.ACTIVE, 5))


@dataclass(frozen=True)
class DemoSummary:
    """What the demo wrote: files, family members, files per status, and files on record by identity."""

    households: int
    members: int
    by_status: dict[str, int]
    seed: int
    on_record: OnRecord | None = None

    def describe(self) -> str:
        parts = "，".join(f"{status} {count:,}" for status, count in self.by_status.items() if count)
        return f"{self.households:,} 户档案、{self.members:,} 名家庭成员（{parts}）"


class PovertyLines:
    """The 低保 line by date, as settings.poverty_line_on will answer once the demo has written it."""

    def __init__(self, entries: dict[datetime.date, Decimal]) -> None:
        self.days = sorted(entries)
        self.amounts = [entries[d] for d in self.days]

    def on(self, day: datetime.date) -> Decimal | None:
        index = bisect.bisect_right(self.days, day) - 1
        return self.amounts[index] if index >= 0 else None


def _fates(rng: random.Random, count: int) -> list[Fate]:
    """Statuses in fixed proportions (largest remainder), each at least once, then shuffled."""
    total = sum(w for _, w in STATUS_WEIGHTS)
    quotas = {s: int(count * w / total) for s, w in STATUS_WEIGHTS}
    by_remainder = sorted(STATUS_WEIGHTS, key=lambda sw: -(count * sw[1] / total - quotas[sw[0]]))
    for status, _w in by_remainder[:count - sum(quotas.values())]:
        quotas[status] += 1
    if count >= len(STATUS_WEIGHTS):
        for status, _w in STATUS_WEIGHTS:
            if quotas[status] == 0:
                quotas[status], quotas[S.ACTIVE] = 1, quotas[S.ACTIVE] - 1
    fates: list[Fate] = []
    for status, _w in STATUS_WEIGHTS:
        for n in range(quotas[status]):
            fates.append(Fate(status, _variant(rng, status, n)))
    rng.shuffle(fates)
    return fates


def _variant(rng: random.Random, status: FileStatus, n: int) -> str:
    if status is S.ON_NOTICE:
        return "ended" if n % 2 == 0 else "running"
    if status is S.WITHDRAWN:
        return WITHDRAW_REASONS[n] if n < len(WITHDRAW_REASONS) else rng.choices(
            WITHDRAW_REASONS, weights=WITHDRAW_WEIGHTS)[0]
    if status is S.REJECTED:
        return str(rng.choices([s for s, _ in REJECT_WEIGHTS], weights=[w for _, w in REJECT_WEIGHTS])[0])
    if status is S.ACTIVE and rng.random() < OVERDUE_SHARE:
        return "overdue"
    return ""


def _generator(seed: int, index: int) -> random.Random:
    """File `index` has its own generator, so its content does not depend on chunking or order."""
    return random.Random(f"bangfu-demo:{seed}:{index}")


def _draft(seed: int, index: int, fate: Fate, today: datetime.date) -> tuple[random.Random, Plan, Timeline]:
    """The plan and history of file `index`."""
    rng = _generator(seed, index)
    plan = draft_plan(rng, fate)
    return rng, plan, make_timeline(rng, fate, plan.category, today)


def _filing_date(seed: int, index: int, fate: Fate, today: datetime.date) -> datetime.date:
    """The filing date _draft will give file `index` (the same draws, without writing the history)."""
    rng = _generator(seed, index)
    draft_plan(rng, fate)
    return schedule(rng, fate, today).filed_on


def _placements(order: list[int], fates: list[Fate]) -> tuple[dict[int, list[tuple[str, str]]], dict[int, str]]:
    """Rare characters (role, character) and polyphonic surnames, by the file they are put on."""
    by_status: dict[FileStatus, list[int]] = {}
    for index in order:
        by_status.setdefault(fates[index].status, []).append(index)
    rare: dict[int, list[tuple[str, str]]] = {}
    surnames: dict[int, str] = {}
    taken: set[int] = set()

    for status, nth, role, char in RARE_PLACES:
        pool = by_status.get(status, [])
        # The n-th file of that status; with few files, the next one whose role is still free.
        for index in pool[min(nth, max(0, len(pool) - 1)):] + pool + order:
            if all(r != role for r, _c in rare.get(index, ())):
                rare.setdefault(index, []).append((role, char))
                taken.add(index)
                break
    free = [i for i in order if i not in taken]
    for (status, nth), surname in zip(SURNAME_PLACES, names.POLYPHONIC_SURNAMES, strict=True):
        candidates = [i for i in by_status.get(status, []) if i not in taken] or free
        if candidates:
            index = candidates[nth % len(candidates)]
            surnames[index] = surname
            taken.add(index)
    return rare, surnames


def _existing_numbers() -> tuple[set[int], set[int]]:
    ids = {int(n[:17]) for (n,) in tuples(Person.select(Person.id_number).where(Person.id_number.is_null(False)))
           if n[:17].isdigit()}
    phones = {int(p) for (p,) in tuples(Person.select(Person.phone).where(Person.phone.is_null(False)))
              if p.isdigit()}
    return ids, phones


def make_demo(households: int = 650, seed: int = 1, progress: ProgressFn = no_progress) -> DemoSummary:
    """Fill the open, empty database with `households` files; the same seed gives the same data."""
    if households < 1:
        raise KnownError("演示档案户数至少为1。")
    existing = Household.select().count()
    if existing:
        raise KnownError(f"数据库中已有 {existing:,} 户档案。演示数据只能写入新的空数据库，"
                         "请用 --db 指定一个新文件名。")
    today = clock.today()
    lines = {row.effective_from: row.monthly_amount for row in PovertyLine.select()}
    lines.update({day: amount for day, amount, _note in places.POVERTY_LINES})
    poverty = PovertyLines(lines)
    fallback_line = places.POVERTY_LINES[0][1]
    fates, on_record = plan_register(_fates(random.Random(f"bangfu-demo:{seed}"), households),
                                     random.Random(f"bangfu-demo:{seed}:on-record"), today)
    filed = [_filing_date(seed, i, fates[i], today) for i in range(households)]
    order = sorted(range(households), key=lambda i: (filed[i], i))
    per_year = Counter(day.year for day in filed)
    rare, surnames = _placements(order, fates)
    first = FirstIds.read()
    used_ids, used_phones = _existing_numbers()
    maker = FamilyMaker(used_ids, used_phones)
    serial: Counter[int] = Counter()
    members = 0
    next_ids = (first.person, first.member, first.event)
    sort_keys: dict[str, str] = {}
    try:
        for start in range(0, households, CHUNK):
            batch = Batch(*next_ids, sort_keys)
            for position in range(start, min(start + CHUNK, households)):
                index = order[position]
                rng, plan, timeline = _draft(seed, index, fates[index], today)
                if index in rare or index in surnames:
                    plan = dataclasses.replace(plan, surname=surnames.get(index), rare=tuple(rare.get(index, ())))
                year = timeline.filed_on.year
                serial[year] += 1
                file_no = f"{year}-{serial[year]:0{max(4, len(str(per_year[year])))}d}"
                household_id = first.household + position
                line = poverty.on(timeline.filed_on)
                form = maker.make(rng, plan, timeline, line or fallback_line, file_no, household_id)
                batch.add(household_id, form, derive(form, line), timeline)
                members += len(form.members)
            with database.atomic("IMMEDIATE"):
                batch.write()
            next_ids = (batch.next_person, batch.next_member, batch.next_event)
            done = min(start + CHUNK, households)
            progress(done, households, f"已生成 {done:,} / {households:,} 户演示档案")
        with database.atomic("IMMEDIATE"):
            settings.put_internal("office_name", places.OFFICE_NAME)
            for day, amount, note in places.POVERTY_LINES:
                settings.store_poverty_line(day, amount, note)
    except BaseException:
        delete_from(first)
        raise
    counts = Counter(f.status for f in fates)
    return DemoSummary(households, members, {str(s): counts.get(s, 0) for s in FileStatus}, seed, on_record)
