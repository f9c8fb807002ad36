"""People, sessions and files for the training-and-jobs tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from stdnum.cn import ric

from app.services import training
from app.services.training import SessionForm

D = datetime.date
START = D(2025, 6, 3)


def new_id(n: int, *, sex: str = "男") -> str:
    """A valid ID number that no other n gives (born in 1980 + n days, so never one of the factories' own)."""
    birth = D(1980, 1, 1) + datetime.timedelta(days=n)
    body = f"622823{birth:%Y%m%d}1{n % 10}{(1 if sex == '男' else 2)}"
    return body + ric.calc_check_digit(body + "0")


def session_form(name: str = "2025年第一期电焊技能培训班", start: datetime.date = START,
                 days: int = 5, **overrides: object) -> SessionForm:
    values: dict[str, object] = {"name": name, "kind": "技能培训", "start_date": start,
                                 "end_date": start + datetime.timedelta(days=days - 1), "trade": "电焊",
                                 "place": "华池县职业技术学校", "organiser": "华池县总工会",
                                 "cost": Decimal("12000.00")}
    values.update(overrides)
    return SessionForm(**values)  # type: ignore[arg-type]


def new_session(name: str = "2025年第一期电焊技能培训班", start: datetime.date = START, days: int = 5,
                **overrides: object) -> int:
    return training.create_session(session_form(name, start, days, **overrides))
