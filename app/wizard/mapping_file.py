"""MAPPING.json: a column mapping saved as a file, for the command line (python -m app import … --map)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import KnownError
from app.registers.base import Register
from app.wizard.mapping import ColumnMapping, write_json
from app.wizard.sources import ENCODINGS

ON_RECORD_CHOICES = ("skip", "update")
EXAMPLE = ('{"kind": "households", "sheet": "Sheet1", "header_row": 2, "header_rows": 1, '
           '"on_record": "skip", "columns": {"户主姓名": "name", "公民身份号码": "id_number", "序号": null}}')


@dataclass(frozen=True)
class MappingFile:
    """Which sheet, where its header is, and which column goes to which field (header text → field key)."""

    kind: str
    columns: dict[str, str | None] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None     # 1-based; None: found automatically
    header_rows: int = 1
    encoding: str | None = None       # text files: a label of sources.ENCODINGS; None: detected
    on_record: str = "skip"           # a row whose ID number is on record: skip it, or update the record

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind}
        if self.sheet is not None:
            data["sheet"] = self.sheet
        if self.header_row is not None:
            data["header_row"], data["header_rows"] = self.header_row, self.header_rows
        if self.encoding is not None:
            data["encoding"] = self.encoding
        data["on_record"] = self.on_record
        data["columns"] = dict(self.columns)
        return data


def _bad(path: Path, message: str) -> KnownError:
    return KnownError(f"列对应文件 {path.name} 有误：{message}。格式示例：{EXAMPLE}")


def load_mapping_file(path: Path, register: Register) -> MappingFile:
    """Read and check a MAPPING.json; a field may be named by its key (id_number) or its label (身份证号)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise KnownError(f"找不到列对应文件 {path}。") from None
    except (OSError, ValueError) as exc:
        raise _bad(Path(path), f"不是有效的 JSON（{exc}）") from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise _bad(Path(path), "缺少 columns（列名 → 字段）")
    kind = str(data.get("kind") or register.kind)
    if kind != register.kind:
        raise _bad(Path(path), f"它是“{kind}”的列对应，不是“{register.kind}”的")
    keys = {f.key: f.key for f in register.importable_fields()} | {f.label: f.key for f in register.importable_fields()}
    columns: dict[str, str | None] = {}
    for header, target in data["columns"].items():
        if target in (None, ""):
            columns[str(header)] = None
        elif str(target) in keys:
            columns[str(header)] = keys[str(target)]
        else:
            raise _bad(Path(path), f"“{header}”对应的“{target}”不是{register.title}的可导入字段")
    on_record = str(data.get("on_record", "skip"))
    if on_record not in ON_RECORD_CHOICES:
        raise _bad(Path(path), "on_record 只能是 skip 或 update")
    encoding = data.get("encoding")
    if encoding is not None and encoding not in ENCODINGS:
        raise _bad(Path(path), f"encoding 只能是 {'、'.join(ENCODINGS)}")
    header_row, header_rows = data.get("header_row"), data.get("header_rows", 1)
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise _bad(Path(path), "header_row 应为列名所在的行号（从1起）")
    if header_rows not in (1, 2):
        raise _bad(Path(path), "header_rows 只能是 1 或 2")
    sheet = data.get("sheet")
    return MappingFile(kind, columns, str(sheet) if sheet else None, header_row, int(header_rows),
                       encoding, on_record)


def mapping_file_of(mapping: ColumnMapping, *, sheet: str, header_row: int, header_rows: int,
                    encoding: str | None, on_record: str = "skip") -> MappingFile:
    return MappingFile(mapping.kind, mapping.by_header(), sheet, header_row, header_rows, encoding, on_record)


def save_mapping_file(path: Path, mapping_file: MappingFile) -> Path:
    write_json(Path(path), mapping_file.to_json())
    return Path(path)
