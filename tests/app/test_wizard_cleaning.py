"""Import wizard, cleaning: each rule on the forms offices type, every change recorded, ID numbers never guessed."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app import vocab
from app.registers.households import HOUSEHOLDS
from app.wizard import cleaning as c

D = datetime.date
LISTS = {**vocab.FIXED_LISTS, **vocab.CONFIGURABLE_LISTS}


def outcome(key: str, raw: object) -> tuple[object, str | None, str | None]:
    return c.ColumnCleaner(HOUSEHOLDS.field(key), LISTS)(raw)


@pytest.mark.parametrize(("raw", "rule"), [
    (datetime.datetime(2023, 5, 6), None), ("2023-05-06", None), ("2023.5.6", c.R_DATE), ("2023/5/6", c.R_DATE),
    ("2023年5月6日", c.R_DATE), ("2023 年 5 月 6 号", c.R_DATE), ("20230506", c.R_DATE), (20230506, c.R_DATE),
    (45052.0, c.R_SERIAL), ("45052", c.R_SERIAL), ("２０２３.５.６", c.R_DATE),
])
def test_dates_in_common_chinese_forms(raw: object, rule: str | None) -> None:
    assert outcome("filed_on", raw) == (D(2023, 5, 6), rule, None)


def test_impossible_dates_are_errors() -> None:
    assert outcome("filed_on", "2023.2.30")[2] == "“2023.2.30”不是有效日期"
    assert "不是日期" in (outcome("filed_on", "去年春天")[2] or "")


@pytest.mark.parametrize(("raw", "value", "rule"), [
    (600.0, Decimal("600.00"), None), ("1,200元", Decimal("1200.00"), c.R_MONEY),
    ("1.2万", Decimal("12000.00"), c.R_MONEY), ("0.12万元", Decimal("1200.00"), c.R_MONEY),
    ("￥800", Decimal("800.00"), c.R_MONEY), ("８００", Decimal("800.00"), c.R_WIDTH),
])
def test_amounts_with_units_and_commas(raw: object, value: Decimal, rule: str | None) -> None:
    assert outcome("head_monthly_income", raw) == (value, rule, None)


@pytest.mark.parametrize(("key", "raw", "value", "rule"), [
    ("sex", "女性", "女", c.R_ALIAS), ("sex", "男", "男", None), ("identity", "进城务工人员", "农民工", c.R_ALIAS),
    ("work_status", "下(待)岗", "下(待)岗", None), ("work_status", "下（待）岗", "下(待)岗", c.R_LENIENT),
    ("ethnicity", "汉", "汉族", c.R_ALIAS), ("single_parent", "√", True, c.R_BOOL),
    ("single_parent", "×", False, c.R_BOOL),
    ("single_parent", "是", True, None), ("single_parent", "无", False, c.R_BOOL),
    ("secondary_causes", "子女上学，患重特大疾病", ("子女上学", "患重特大疾病"), None),
])
def test_value_lists_matched_leniently(key: str, raw: object, value: object, rule: str | None) -> None:
    assert outcome(key, raw) == (value, rule, None)


def test_a_value_not_on_the_list_is_an_error() -> None:
    assert outcome("identity", "临时工")[2] == "“临时工”不在可选值中（职工、农民工）"


def test_spaces_and_full_width_digits() -> None:
    assert outcome("name", "张  三") == ("张三", c.R_SPACES, None)
    assert outcome("address", " 柔远镇  东街 ") == ("柔远镇 东街", c.R_SPACES, None)
    assert outcome("phone", "１３９９３４０１００３") == ("13993401003", c.R_WIDTH, None)
    assert outcome("phone", 13993401003.0) == ("13993401003", c.R_NUMBER_TEXT, None)


@pytest.mark.parametrize("raw", [622823900202413.0, 6.22823196606063e17, 622823196606063000, "6.22823E+17"])
def test_an_id_number_that_arrived_as_a_number_is_an_error_never_guessed(raw: object) -> None:
    value, _rule, error = outcome("id_number", raw)
    assert value is None
    assert error is not None and error.endswith("Excel 已截断为15位，请将该列设为文本后重新导出")


def test_an_id_number_shorter_than_18_is_an_error() -> None:
    assert outcome("id_number", "622823900202413")[2] == "只有15位，Excel 已截断为15位，请将该列设为文本后重新导出"
    error = outcome("id_number", "62282319720315179")[2] or ""
    assert "只有17位" in error and "Excel 已截断为15位" in error


def test_an_id_number_as_text_is_checked_and_tidied() -> None:
    value, rule, error = outcome("id_number", "６２２８２３１９７２０３１５１７９８")
    assert (value, rule, error) == ("622823197203151798", c.R_WIDTH, None)
    assert "校验位" in (outcome("id_number", "622823197203151799")[2] or "")


def test_blank_cells_take_the_field_default() -> None:
    assert outcome("filed_on", None) == (None, None, None)
    assert outcome("single_parent", None) == (False, None, None)
    assert outcome("name", None)[2] == "必填，不能为空"
