"""Model workers, photos and funds for the model-worker tests."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from PIL import Image
from stdnum.cn import ric

from app.services import funds
from app.services import model_workers as mw
from app.services.funds import FundEntryForm
from app.services.relief_forms import Recipient

D = datetime.date
NAMES = ("杨正功", "李秀英", "王建国", "张桂兰", "刘志强", "陈玉梅", "赵德胜", "周丽华", "吴海涛", "孙兰芳",
         "马俊峰", "胡春燕")


def id_number(n: int) -> str:
    """A valid ID number that no other n gives."""
    birth = D(1962, 1, 1) + datetime.timedelta(days=97 * n)
    body = f"620121{birth:%Y%m%d}0{n % 10}{n % 2 + 1}"
    return body + ric.calc_check_digit(body + "0")


def form(n: int, *, level: str = "市级", title: str = "劳动模范", year: int = 2015,
         more: tuple[mw.HonourForm, ...] = (), **details: str) -> mw.ModelWorkerForm:
    values = {"work_unit": f"华池县第{n}建筑公司", "job": "班组长", "phone": f"1390934{n:04d}",
              "address": f"华池县柔远镇{n}号", **details}
    return mw.ModelWorkerForm(Recipient(name=NAMES[n % len(NAMES)], id_number=id_number(n)),
                              (mw.HonourForm(title, level, year, f"庆市发〔{year}〕{n}号"), *more), **values)


ADDED_ON = D(2020, 3, 1)


def add(n: int, *, on: datetime.date = ADDED_ON, **kwargs: object) -> int:
    """Model worker n, in the archive from `on` (新增)."""
    return mw.add_model_worker(form(n, **kwargs), on, reason="市总工会认定",  # type: ignore[arg-type]
                               document_no=f"华工发〔2020〕{n}号")


def photo(kind: str = "PNG", size: tuple[int, int] = (90, 120)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 80)).save(out, kind)
    return out.getvalue()


def fund(amount: str, name: str = "劳模慰问资金") -> int:
    created = funds.create_fund(name)
    funds.add_entry(FundEntryForm(created.id, D(2025, 1, 1), "上级拨款", Decimal(amount), "庆工拨〔2025〕1号"))
    return created.id
