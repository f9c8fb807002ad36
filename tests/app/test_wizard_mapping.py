"""Import wizard, mapping: header synonyms, edits, the mapping saved per layout, MAPPING.json for the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import KnownError
from app.registers.households import HOUSEHOLDS
from app.wizard.headers import layout_at
from app.wizard.mapping import layout_signature, remember, saved_for, suggest
from app.wizard.mapping_file import MappingFile, load_mapping_file, save_mapping_file

GRID: list[list[object]] = [
    ["职工姓名", "公民身份号码", "手机号", "月收入(元)", "建档时间", "联系电话2", "序号"],
    ["王建国", "622823197203151798", "13993401001", "600", "2024-03-01", "", 1],
]


def test_columns_are_suggested_from_synonyms() -> None:
    mapping = suggest(HOUSEHOLDS, layout_at(GRID, "Sheet1", 1))
    assert mapping.columns() == {"name": 0, "id_number": 1, "phone": 2, "head_monthly_income": 3, "filed_on": 4}
    assert mapping.field_of(6) is None  # 序号 goes nowhere
    assert {a.header: a.how for a in mapping.assignments}["职工姓名"] == "synonym"
    assert [f.key for f in mapping.missing(HOUSEHOLDS)] == ["identity", "main_cause"]


def test_a_close_header_is_a_fuzzy_suggestion() -> None:
    grid: list[list[object]] = [["姓名", "身份证号", "主要致困原因说明"], ["王建国", "622823197203151798", "下岗失业"]]
    mapping = suggest(HOUSEHOLDS, layout_at(grid, "Sheet1", 1))
    fuzzy = mapping.assignments[2]
    assert fuzzy.field == "main_cause" and fuzzy.how == "fuzzy" and 0 < fuzzy.score < 1


def test_an_edit_moves_a_field_and_frees_its_old_column() -> None:
    mapping = suggest(HOUSEHOLDS, layout_at(GRID, "Sheet1", 1))
    edited = mapping.assign(5, "phone")
    assert edited.columns()["phone"] == 5 and edited.field_of(2) is None
    assert edited.assignments[5].how == "manual"
    assert mapping.columns()["phone"] == 2  # the mapping is a value: the old one is unchanged
    with pytest.raises(KeyError):
        mapping.assign(99, "phone")


def test_the_next_file_of_the_same_layout_maps_itself(user_data: Path) -> None:
    first = layout_at(GRID, "Sheet1", 1)
    edited = suggest(HOUSEHOLDS, first).assign(5, "phone").assign(6, "file_no")
    path = remember(edited)
    assert path.parent == user_data / "import_mappings"
    again = layout_at([list(GRID[0]), ["李秀英", "622823198007010706", "", "800", "2024-04-01", "139", 2]], "表1", 1)
    assert layout_signature("households", again) == edited.signature
    saved = saved_for("households", again)
    assert saved is not None
    restored = suggest(HOUSEHOLDS, again, saved=saved)
    assert restored.columns() == edited.columns()
    assert restored.assignments[5].how == "saved"
    other = layout_at([["姓名", "身份证号"], ["王", "1"]], "x", 1)
    assert saved_for("households", other) is None


def test_mapping_file_round_trip_and_labels_accepted(tmp_path: Path) -> None:
    path = tmp_path / "MAPPING.json"
    save_mapping_file(path, MappingFile("households", {"职工姓名": "name", "序号": None}, "Sheet1", 2, 2, "UTF-8"))
    loaded = load_mapping_file(path, HOUSEHOLDS)
    assert loaded == MappingFile("households", {"职工姓名": "name", "序号": None}, "Sheet1", 2, 2, "UTF-8", "skip")
    path.write_text(json.dumps({"columns": {"公民身份号码": "身份证号"}, "on_record": "update"}), encoding="utf-8")
    assert load_mapping_file(path, HOUSEHOLDS).columns == {"公民身份号码": "id_number"}


@pytest.mark.parametrize(("data", "message"), [
    ("{not json", "不是有效的 JSON"),
    (json.dumps({"kind": "households"}), "缺少 columns"),
    (json.dumps({"kind": "relief", "columns": {}}), "不是“households”的"),
    (json.dumps({"columns": {"甲": "no_such_field"}}), "不是困难职工档案登记簿的可导入字段"),
    (json.dumps({"columns": {"甲": "household_size"}}), "可导入字段"),  # derived: computed, not imported
    (json.dumps({"columns": {}, "on_record": "merge"}), "on_record"),
    (json.dumps({"columns": {}, "header_row": 0}), "header_row"),
])
def test_a_wrong_mapping_file_is_explained(tmp_path: Path, data: str, message: str) -> None:
    path = tmp_path / "MAPPING.json"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(KnownError, match=message):
        load_mapping_file(path, HOUSEHOLDS)
