"""Model-worker forms and views (plain frozen dataclasses) and the checks that need no transaction."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from app import clock, vocab
from app.errors import FieldError
from app.services.relief_forms import Recipient
from app.validation import check_id_number, check_phone, clean_text
from db.models import Person

LEVEL_RANK = {"全国": 4, "省部级": 3, "市级": 2, "县级": 1}
CITY_AND_ABOVE = frozenset({"全国", "省部级", "市级"})
ON_ROLL = frozenset({"在职", "退休"})
ADDED = "新增"
# What may follow each status (None: not yet in the archive). 调出 may come back with a new 新增.
NEXT_EVENTS: dict[str | None, tuple[str, ...]] = {
    None: (ADDED,), "在职": ("调出", "退休", "去世", "撤销称号"), "退休": ("调出", "去世", "撤销称号"),
    "调出": (ADDED,), "去世": (), "撤销称号": (),
}
MAX_PHOTO = 2 * 1024 * 1024
PHOTO_FORMATS = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}
FIRST_YEAR = 1950


@dataclass(frozen=True)
class HonourForm:
    title: str
    level: str
    year: int
    document_no: str = ""


@dataclass(frozen=True)
class ModelWorkerForm:
    """A model worker's archive as the clerk fills it in; the person is found by ID number or added."""

    person: Recipient
    honours: tuple[HonourForm, ...]
    work_unit: str = ""
    job: str = ""
    phone: str = ""
    address: str = ""
    studio: str = ""          # 劳模创新工作室
    note: str = ""


@dataclass(frozen=True)
class StatusChange:
    """One row of the ledger to add: 新增, 调出, 退休, 去世 or 撤销称号, dated, with reason and document."""

    event: str
    on_date: datetime.date
    reason: str = ""
    document_no: str = ""


@dataclass(frozen=True)
class HonourView:
    id: int
    title: str
    level: str
    year: int
    document_no: str

    @property
    def text(self) -> str:
        """2015年市级劳动模范."""
        return f"{self.year}年{self.level}{self.title}"


@dataclass(frozen=True)
class EventView:
    id: int
    on_date: datetime.date
    event: str
    status_after: str
    reason: str
    document_no: str
    by_name: str


@dataclass(frozen=True)
class ArchiveLine:
    """One model worker in a list: as things stand now, or as they stood on a past day."""

    worker_id: int
    name: str
    id_number: str            # masked
    sex: str
    birth_year: int | None
    work_unit: str
    job: str
    phone: str                # masked
    status: str
    status_since: datetime.date
    highest_level: str
    honours: tuple[HonourView, ...]
    studio: str

    @property
    def top_honour(self) -> str:
        """市级劳动模范: the highest honour (the latest among equals)."""
        best = top_honour(self.honours)
        return f"{best.level}{best.title}" if best is not None else ""


@dataclass(frozen=True)
class ModelWorkerView:
    """One archive in full: details, honours and the whole ledger (ID number and phone masked unless revealed)."""

    line: ArchiveLine
    person_id: int
    id_number: str
    phone: str
    address: str
    note: str
    has_photo: bool
    ethnicity: str
    political_status: str
    events: tuple[EventView, ...]


def highest_level(levels: Iterable[str]) -> str:
    return max(levels, key=lambda level: LEVEL_RANK.get(level, 0), default="")


def top_honour(honours: Sequence[HonourView]) -> HonourView | None:
    return max(honours, key=lambda h: (LEVEL_RANK.get(h.level, 0), h.year), default=None)


def check_photo(data: bytes) -> bytes:
    """A PNG or JPEG of at most 2 MB that can be read; raises ValueError saying what is wrong."""
    if not data:
        raise ValueError("照片文件是空的")
    if len(data) > MAX_PHOTO:
        raise ValueError(f"照片不能超过2 MB（现在是{len(data) / 1024 / 1024:.1f} MB），请压缩后再选")
    kind = next((name for name, magic in PHOTO_FORMATS.items() if data.startswith(magic)), None)
    if kind is None:
        raise ValueError("照片应为 PNG 或 JPEG（.jpg）格式")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            found = image.format
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError):
        raise ValueError("照片文件已损坏或不完整，无法读取") from None
    if found != kind:
        raise ValueError("照片应为 PNG 或 JPEG（.jpg）格式")
    return data


def check_form(form: ModelWorkerForm, *, new: bool) -> list[FieldError]:
    """Every problem with the archive's fields (no database look-ups but the person's)."""
    errors: list[FieldError] = []
    person = form.person
    if new and person.person_id is not None and Person.get_or_none(Person.id == person.person_id) is None:
        errors.append(FieldError("name", "姓名", "所选人员已不存在，请刷新"))
    if new and person.person_id is None:
        if not clean_text(person.name):
            errors.append(FieldError("name", "姓名", "不能为空"))
        if not person.id_number:
            errors.append(FieldError("id_number", "身份证号", "不能为空（劳模档案按身份证号建立）"))
        else:
            try:
                number = check_id_number(person.id_number).number
            except ValueError as exc:
                errors.append(FieldError("id_number", "身份证号", str(exc)))
            else:
                found = Person.get_or_none(Person.id_number == number)
                if found is not None and clean_text(person.name) and found.name != clean_text(person.name):
                    errors.append(FieldError("name", "姓名", f"该身份证号在系统中登记的姓名为“{found.name}”"))
    if not form.honours:
        errors.append(FieldError("honours", "荣誉称号", "至少填写一项（称号、级别、授予年份）"))
    seen: set[tuple[str, str, int]] = set()
    for index, honour in enumerate(form.honours, 1):
        where = f"荣誉称号第{index}项"
        if honour.title not in vocab.HONOUR_TITLES:
            errors.append(FieldError("honours", where,
                                     f"称号“{honour.title}”不在可选值中（{'、'.join(vocab.HONOUR_TITLES)}）"))
        if honour.level not in vocab.HONOUR_LEVELS:
            errors.append(FieldError("honours", where, f"级别应为{'、'.join(vocab.HONOUR_LEVELS)}之一"))
        if not FIRST_YEAR <= honour.year <= clock.today().year:
            errors.append(FieldError("honours", where, f"授予年份应在{FIRST_YEAR}年至今年之间"))
        award = (honour.title, honour.level, honour.year)
        if award in seen:
            errors.append(FieldError("honours", where, "与前面的称号重复"))
        seen.add(award)
    if form.phone.strip():
        try:
            check_phone(form.phone)
        except ValueError as exc:
            errors.append(FieldError("phone", "联系电话", str(exc)))
    for key, label, limit in (("work_unit", "工作单位", 128), ("job", "职务", 64), ("address", "家庭住址", 200),
                              ("studio", "劳模创新工作室", 128)):
        if len(getattr(form, key).strip()) > limit:
            errors.append(FieldError(key, label, f"不能超过{limit}个字"))
    return errors


def check_change(history: Sequence[tuple[datetime.date, str, str]], change: StatusChange) -> FieldError | None:
    """Whether `change` may follow the ledger so far ((date, event, status after) in order); None if it may."""
    if change.event not in vocab.MODEL_WORKER_EVENTS:
        return FieldError("event", "变动类型", f"应为{'、'.join(vocab.MODEL_WORKER_EVENTS)}之一")
    if change.on_date > clock.today():
        return FieldError("on_date", "变动日期", "不能晚于今天")
    status = history[-1][2] if history else None
    if history and change.on_date < history[-1][0]:
        return FieldError("on_date", "变动日期", f"不能早于上一次变动（{history[-1][0].isoformat()} {history[-1][1]}）")
    if change.event not in NEXT_EVENTS[status]:
        if status is None:
            return FieldError("event", "变动类型", "劳模档案的第一条动态应为“新增”")
        if not NEXT_EVENTS[status]:
            return FieldError("event", "变动类型", f"该劳模已{status}，不能再登记变动")
        return FieldError("event", "变动类型", f"当前状态为“{status}”，只能登记{'、'.join(NEXT_EVENTS[status])}")
    if change.event == "退休" and any(event == "退休" for _, event, _ in history):
        return FieldError("event", "变动类型", "已登记过退休，不能再次退休")
    if change.event != ADDED and not change.reason.strip():
        return FieldError("reason", "变动原因", "请写明原因")
    return None
