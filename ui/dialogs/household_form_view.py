"""The national 困难职工档案表 as widgets: one group per register section, built from HOUSEHOLDS."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGroupBox, QScrollArea, QVBoxLayout, QWidget

from app import validation as v
from app.registers.households import HOUSEHOLDS, MEMBER_FIELDS, S_INCOME
from app.services.household_forms import Derived, HouseholdForm, Problem
from ui import formatting
from ui.dialogs.member_table import MemberTable
from ui.widgets.editor_factory import make_editor
from ui.widgets.field_editors import FieldEditor, LineEditor
from ui.widgets.field_grid import grid_of, label_width

FORM_KEYS = HouseholdForm.field_names()
MEMBERS_SECTION = "家庭成员"
MEMBER_PROBLEM = re.compile(r"^members\[(\d+)\]\.(\w+)$")
MEMBER_LABELS = {f.key: f.label for f in MEMBER_FIELDS}
COMPLETED_KEYS = ("work_unit", "union_name")


def _form_defaults() -> dict[str, object]:
    return {f.name: f.default for f in dataclasses.fields(HouseholdForm)
            if f.default is not dataclasses.MISSING}


class HouseholdFormView(QScrollArea):
    """Every field of the file, grouped by section, with the member table before 家庭收入.

    Fields that are neither typed nor derived (状态, 认定日期 …) are shown read-only, and
    only for a file already on record.
    """

    changed = Signal()

    def __init__(self, lists: dict[str, tuple[str, ...]], completions: Mapping[str, Sequence[str]],
                 *, existing: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 12, 4)
        column.setSpacing(10)
        self.editors: dict[str, FieldEditor] = {}
        self.groups: dict[str, QGroupBox] = {}
        grids: list[tuple[QGroupBox, list[FieldEditor]]] = []
        for section, fields in HOUSEHOLDS.sections():
            if section == S_INCOME:  # made here, so Tab reaches it between 工作情况 and 家庭收入
                self.members = MemberTable(lists, body)
                column.addWidget(self._group(MEMBERS_SECTION, body, self.members))
            shown = [f for f in fields if existing or f.key in FORM_KEYS or (f.derived and f.key != "status_since")]
            if not shown:
                continue
            group_editors = []
            for field in shown:
                editor = make_editor(field, lists, body)
                if field.key not in FORM_KEYS and not field.derived:
                    editor.set_read_only(True)
                self.editors[field.key] = editor
                group_editors.append(editor)
            box = QGroupBox(section, body)
            grids.append((box, group_editors))
            self.groups[section] = box
            column.addWidget(box)
        column.addStretch(1)
        width = label_width(self.editors.values(), self)
        for box, group_editors in grids:
            grid_of(group_editors, box, label_width=width)
        self.setWidget(body)
        for key in COMPLETED_KEYS:
            editor = self.editors[key]
            if isinstance(editor, LineEditor):
                editor.set_completions(completions.get(key, ()))
        for editor in self.editors.values():
            editor.changed.connect(self.changed.emit)
        self.members.changed.connect(self.changed.emit)
        self.editors["id_number"].changed.connect(self._fill_from_id)

    def _group(self, title: str, parent: QWidget, content: QWidget) -> QGroupBox:
        box = QGroupBox(title, parent)
        layout = QVBoxLayout(box)
        layout.addWidget(content)
        self.groups[title] = box
        return box

    # --- values --------------------------------------------------------------------------
    def load(self, values: Mapping[str, object]) -> None:
        """Show a file: form values and, for a stored file, its status fields."""
        for key, editor in self.editors.items():
            if key in values and not editor.field.derived:
                editor.set_value(values[key])
        form_members = values.get("members", ())
        self.members.set_members(form_members if isinstance(form_members, tuple) else ())
        self.show_record(values)
        for editor in self.editors.values():
            editor.touched = False

    def collect(self) -> tuple[HouseholdForm, dict[str, str]]:
        """The form as typed, and the fields that cannot be read (shown beside them).

        An unreadable field takes its default so the live check can still run.
        """
        defaults = _form_defaults()
        values: dict[str, object] = {}
        unreadable: dict[str, str] = {}
        for key, editor in self.editors.items():
            if key not in FORM_KEYS:
                continue
            try:
                value = editor.value()
            except ValueError as exc:
                unreadable[key] = str(exc)
                value = None
            if value is None:
                value = defaults.get(key, "" if key in ("name", "id_number", "identity") else None)
            values[key] = value
        values["members"] = self.members.members()
        return HouseholdForm(**values), unreadable  # type: ignore[arg-type]

    def _fill_from_id(self) -> None:
        """A valid ID number fills in sex and birth date (they can only agree with it)."""
        try:
            info = v.check_id_number(self.editors["id_number"].value())
        except ValueError:
            return
        self.editors["sex"].set_value(info.sex)
        self.editors["birth_date"].set_value(info.birth_date)

    def show_derived(self, derived: Derived) -> None:
        """家庭人口, 年收入, 月人均, 人均面积 and the suggested category, as computed now."""
        shown = {
            "household_size": str(derived.household_size),
            "annual_income": formatting.money(derived.annual_income),
            "per_capita_monthly": formatting.money(derived.per_capita_monthly),
            "area_per_capita": "" if derived.area_per_capita is None else f"{derived.area_per_capita}",
        }
        for key, text in shown.items():
            if key in self.editors:
                self.editors[key].set_value(text)
        hint = (f"按低保标准推荐：{derived.suggested_category}（{derived.suggestion_reason}）"
                if derived.suggested_category else derived.suggestion_reason)
        self.editors["category"].set_hint(hint)

    def show_record(self, values: Mapping[str, object]) -> None:
        """Refresh the read-only status fields after a lifecycle step."""
        for key, editor in self.editors.items():
            if key not in FORM_KEYS and key in values:
                field = editor.field
                editor.set_value(formatting.display(field, values[key]) if field.derived else values[key])

    # --- problems ------------------------------------------------------------------------
    def show_problems(self, problems: Sequence[Problem], *, everything: bool) -> list[Problem]:
        """Put each message beside its field; before the first save only on fields typed in.

        Returns the problems shown (for the summary at the top).
        """
        by_key: dict[str, str] = {}
        member_rows: dict[int, list[str]] = {}
        member_general: list[str] = []
        shown: list[Problem] = []
        for p in problems:
            match = MEMBER_PROBLEM.match(p.field)
            if match:
                row, key = int(match.group(1)), match.group(2)
                member_rows.setdefault(row, []).append(f"{MEMBER_LABELS.get(key, key)}{p.message}")
                shown.append(p)
            elif p.field == "members":
                member_general.append(p.message)
                shown.append(p)
            elif p.field in self.editors:
                editor = self.editors[p.field]
                if everything or editor.touched:
                    by_key.setdefault(p.field, p.message)
                    shown.append(p)
            else:
                shown.append(p)
        for key, editor in self.editors.items():
            editor.set_error(by_key.get(key))
        self.members.set_problems(member_rows, member_general)
        return shown

    def focus_problem(self, field_key: str) -> None:
        """Scroll to the field at fault and put the cursor in it."""
        target: QWidget
        if field_key.startswith("members"):
            target = self.members
            self.members.focus_input()
        elif field_key in self.editors:
            target = self.editors[field_key]
            self.editors[field_key].focus_input()
        else:
            return
        self.ensureWidgetVisible(target, 40, 40)
