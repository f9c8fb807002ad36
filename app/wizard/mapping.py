"""Columns of the sheet onto a register's fields: suggested from header synonyms, editable, saved per file layout."""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app import paths
from app.files import atomic_output, explain_os_error
from app.registers.base import Field, Register
from app.wizard.headers import HeaderLayout, SourceColumn
from app.wizard.synonyms import UNITS, header_key, header_names

log = logging.getLogger("bangfu.wizard")
FUZZY_CUTOFF = 0.72
MAPPINGS_FOLDER = "import_mappings"
# How a column got its field, best first (shown beside the suggestion).
HOW = {"saved": "上次的对应", "file": "对应文件", "label": "列名相同", "synonym": "同义列名", "fuzzy": "相近列名",
       "manual": "手动指定", "": "不导入"}


@dataclass(frozen=True)
class Assignment:
    """One column of the sheet and the field it goes to (None: not imported)."""

    column: int
    header: str
    field: str | None
    how: str = ""
    score: float = 0.0

    @property
    def how_text(self) -> str:
        return HOW.get(self.how, self.how)


@dataclass(frozen=True)
class ColumnMapping:
    """Every column of the layout with its field; a new mapping is returned by each edit."""

    kind: str
    signature: str
    assignments: tuple[Assignment, ...]

    def field_of(self, column: int) -> str | None:
        return next((a.field for a in self.assignments if a.column == column), None)

    def columns(self) -> dict[str, int]:
        """Field key → column index, for the mapped columns."""
        return {a.field: a.column for a in self.assignments if a.field}

    def assign(self, column: int, field: str | None) -> ColumnMapping:
        """The mapping with `column` going to `field` (None: left out); a field goes to one column only."""
        if all(a.column != column for a in self.assignments):
            raise KeyError(column)
        changed = []
        for a in self.assignments:
            if a.column == column:
                changed.append(dataclasses.replace(a, field=field, how="manual" if field else "", score=1.0))
            elif field is not None and a.field == field:
                changed.append(dataclasses.replace(a, field=None, how="", score=0.0))
            else:
                changed.append(a)
        return dataclasses.replace(self, assignments=tuple(changed))

    def missing(self, register: Register) -> list[Field]:
        """Required importable fields no column goes to."""
        mapped = self.columns()
        return [f for f in register.importable_fields() if f.required and f.key not in mapped]

    def by_header(self) -> dict[str, str | None]:
        return {a.header: a.field for a in self.assignments if a.header}


def layout_signature(kind: str, layout: HeaderLayout) -> str:
    """The same headers in the same order give the same signature: the next file from that source."""
    text = "\x1f".join([kind, *(header_key(c.header) for c in layout.columns)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _candidates(register: Register) -> list[tuple[str, Field, str]]:
    """(compared name, field, how) for every importable field; labels before synonyms."""
    found: list[tuple[str, Field, str]] = []
    for f in register.importable_fields():
        labels = {f.label, UNITS.sub("", f.label)}
        for name in header_names(f):
            found.append((header_key(name), f, "label" if name in labels else "synonym"))
    return found


def _score(column: SourceColumn, candidates: list[tuple[str, Field, str]]) -> list[tuple[float, str, str]]:
    """(score, field key, how) for a column: the lower header row alone, then the joined rows, then fuzzy."""
    last = column.parts[-1:] if column.parts else ()
    keys = [header_key(p) for p in last] + [header_key(UNITS.sub("", p)) for p in last] + [header_key(column.header)]
    keys += [header_key(p) for p in column.parts[:-1]]
    found: list[tuple[float, str, str]] = []
    for rank, key in enumerate(k for k in keys if k):
        for name, field, how in candidates:
            if key == name:
                found.append((1.0 - 0.01 * rank - (0.005 if how == "synonym" else 0.0), field.key, how))
    if not found:
        for key in (k for k in keys[:1] if k):
            for name, field, _how in candidates:
                ratio = difflib.SequenceMatcher(None, key, name).ratio()
                if ratio >= FUZZY_CUTOFF:
                    found.append((ratio * 0.9, field.key, "fuzzy"))
    return found


def suggest(register: Register, layout: HeaderLayout, *, saved: Mapping[str, str | None] | None = None,
            how_saved: str = "saved") -> ColumnMapping:
    """The best field for each column, each field used once; `saved` (header → field) wins where it applies."""
    signature = layout_signature(register.kind, layout)
    importable = {f.key for f in register.importable_fields()}
    chosen: dict[int, tuple[str | None, str, float]] = {}
    used: set[str] = set()
    if saved:
        for column in layout.columns:
            if column.header in saved:
                key = saved[column.header]
                if key is not None and (key not in importable or key in used):
                    continue
                chosen[column.index] = (key, how_saved if key else "", 1.0)
                if key:
                    used.add(key)
    candidates = _candidates(register)
    options = [(score, column.index, key, how) for column in layout.columns if column.index not in chosen
               for score, key, how in _score(column, candidates)]
    for score, index, key, how in sorted(options, key=lambda o: (-o[0], o[1])):
        if index in chosen or key in used:
            continue
        chosen[index] = (key, how, score)
        used.add(key)
    assignments = tuple(Assignment(c.index, c.header, *chosen.get(c.index, (None, "", 0.0))) for c in layout.columns)
    return ColumnMapping(register.kind, signature, assignments)


def _folder() -> Path:
    return paths.user_data_dir() / MAPPINGS_FOLDER


def saved_for(kind: str, layout: HeaderLayout) -> dict[str, str | None] | None:
    """The mapping saved for this layout (header → field key), if this source was imported before."""
    path = _folder() / f"{kind}-{layout_signature(kind, layout)}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("保存的列对应无法读取，已忽略：%s（%s）", path, exc)
        return None
    columns = data.get("columns") if isinstance(data, dict) else None
    if not isinstance(columns, dict):
        return None
    return {str(k): (str(v) if v else None) for k, v in columns.items()}


def remember(mapping: ColumnMapping) -> Path:
    """Save the mapping under its layout's signature, so that the next file of this layout maps itself."""
    path = _folder() / f"{mapping.kind}-{mapping.signature}.json"
    write_json(path, {"kind": mapping.kind, "columns": mapping.by_header()})
    return path


def write_json(path: Path, data: object) -> None:
    with atomic_output(path) as temp:
        try:
            temp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise explain_os_error(path, exc) from exc
