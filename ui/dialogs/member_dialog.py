"""One 家庭成员: every field of the member register, sex and birth date filled from the ID number."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from app import validation as v
from app.registers.households import MEMBER_FIELDS
from app.services.household_forms import MemberForm
from ui.widgets.editor_factory import make_editor
from ui.widgets.field_editors import FieldEditor, LineEditor
from ui.widgets.field_grid import grid_of

# Fields of the member register that belong to the export (the head's ID and name), not to typing.
NOT_TYPED = frozenset({"head_id_number", "head_name"})
MEMBER_KEYS = tuple(f.key for f in MEMBER_FIELDS if f.key not in NOT_TYPED)


class MemberDialog(QDialog):
    """Add or edit one member; checks what can be checked here (ID number, required fields)."""

    def __init__(self, lists: dict[str, tuple[str, ...]], member: MemberForm | None = None,
                 parent: QWidget | None = None, *, read_only: bool = False,
                 year_of_birth_only: bool = False) -> None:
        super().__init__(parent)
        self.read_only = read_only
        self.setWindowTitle("家庭成员" if read_only else "编辑家庭成员" if member else "添加家庭成员")
        self._member_id = member.member_id if member else None
        self.result_member: MemberForm | None = None
        body = QWidget(self)
        self.editors: dict[str, FieldEditor] = {}
        for field in MEMBER_FIELDS:
            if field.key in NOT_TYPED:
                continue
            self.editors[field.key] = make_editor(field, lists, body)
        grid_of(self.editors.values(), body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(body)
        layout.addWidget(buttons)
        self.editors["id_number"].changed.connect(self._fill_from_id)
        if member is not None:
            for key, editor in self.editors.items():
                editor.set_value(getattr(member, key))
        if read_only:
            for editor in self.editors.values():
                editor.set_read_only(True)
            buttons.button(QDialogButtonBox.StandardButton.Ok).hide()
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("关闭")
        birth = self.editors["birth_date"]
        if year_of_birth_only and isinstance(birth, LineEditor):  # the full date is part of the ID number
            birth.edit.setText(f"{member.birth_date.year}年" if member and member.birth_date else "")
        self.resize(760, self.sizeHint().height())

    def _fill_from_id(self) -> None:
        editor = self.editors["id_number"]
        try:
            info = v.check_id_number(editor.value())
        except ValueError:
            return
        self.editors["sex"].set_value(info.sex)
        self.editors["birth_date"].set_value(info.birth_date)

    def _collect(self) -> MemberForm | None:
        values: dict[str, object] = {}
        ok = True
        for key, editor in self.editors.items():
            try:
                value = editor.value()
                if value is None and editor.field.required:
                    raise ValueError("必填，不能为空")
                if key == "id_number" and value:
                    v.check_id_number(value)
            except ValueError as exc:
                editor.set_error(str(exc))
                ok = False
                continue
            editor.set_error(None)
            values[key] = value
        if not ok:
            return None
        defaults = {f.name: f.default for f in dataclasses.fields(MemberForm)}
        for key, value in list(values.items()):
            if value is None and defaults.get(key) not in (None, dataclasses.MISSING):
                values[key] = defaults[key]
        return MemberForm(member_id=self._member_id, **values)  # type: ignore[arg-type]

    def accept(self) -> None:
        if self.read_only:
            super().reject()
            return
        member = self._collect()
        if member is None:
            first = next(e for e in self.editors.values() if e.error)
            first.focus_input()
            return
        self.result_member = member
        super().accept()
