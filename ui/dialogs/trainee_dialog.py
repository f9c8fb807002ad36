"""添加学员 (a file's head or member with the group the file suggests, a known person, or a new one) and 修改学员."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from app import vocab
from app.errors import FieldError, ValidationError
from app.services import training
from app.services.training import SessionView, TraineeForm, TraineeUpdate, TraineeView
from ui.dialogs.record_form_dialog import RecordFormDialog
from ui.events import AppEvents
from ui.widgets.person_chooser import PersonChooser


class TraineeDialog(RecordFormDialog):
    """Add one person to `session`; 保存并继续 keeps the dialog open for the next one."""

    def __init__(self, events: AppEvents, session: SessionView, parent: QWidget | None = None) -> None:
        super().__init__(f"添加学员 — {session.name}", parent, width=620)
        self._events = events
        self._session = session
        self.added: list[int] = []
        self.chooser = PersonChooser(self, what="学员")
        self.group = QComboBox(self)
        self.group.addItems(list(vocab.TRAINEE_GROUPS))
        self.group_hint = QLabel(self)
        self.group_hint.setObjectName("fieldHint")
        self.completed = QCheckBox("已结业", self)
        self.certificate = QLineEdit(self)
        self.certificate.setPlaceholderText("有证书编号即视为已结业")
        self.note = QLineEdit(self)
        self.form.addRow("学员 *", self.chooser)
        self.form.addRow("学员类别 *", self.group)
        self.form.addRow("", self.group_hint)
        self.form.addRow("结业", self.completed)
        self.form.addRow("证书编号", self.certificate)
        self.form.addRow("备注", self.note)
        self.added_label = QLabel(self)
        self.added_label.setObjectName("fieldOk")
        self.added_label.hide()
        self.body.insertWidget(0, self.added_label)
        self.more_button = self.buttons.addButton("保存并继续添加", self.buttons.ButtonRole.ActionRole)
        self.more_button.setAutoDefault(False)
        self.more_button.clicked.connect(lambda: self.save(keep_open=True))
        self.fields = {"person": self.chooser.search, "name": self.chooser.name_edit,
                       "id_number": self.chooser.id_edit, "group": self.group, "certificate_no": self.certificate,
                       "note": self.note}
        self.chooser.changed.connect(self._suggest_group)
        self.form.setRowVisible(self.group_hint, False)
        self.chooser.setFocus()

    def _suggest_group(self) -> None:
        chosen = self.chooser.chosen
        suggested = chosen.suggestion.trainee_group if chosen is not None and chosen.suggestion else None
        if suggested:
            self.group.setCurrentText(suggested)
            self.group_hint.setText(f"按档案建议为“{suggested}”，可改选")
        else:
            self.group_hint.setText("")
        self.form.setRowVisible(self.group_hint, bool(suggested))

    def save(self, keep_open: bool = False) -> None:
        person = self.chooser.recipient()

        def write() -> int:
            if person is None:
                raise ValidationError([FieldError("person", "学员", "请先查找并选择学员，或勾选“系统中没有此人，新增”"
                                                  "并填写姓名和身份证号")])
            if person.person_id is None and not person.id_number:
                raise ValidationError([FieldError("id_number", "身份证号", "新增学员须填写身份证号")])
            return training.add_trainee(self._session.id, TraineeForm(
                person, self.group.currentText(), self.completed.isChecked(), self.certificate.text(),
                self.note.text()))

        ok, trainee_id = self.attempt(write, "未添加")
        if not ok:
            return
        self.added.append(trainee_id)
        self._events.announce_training((self._session.id,))
        if person is not None and person.person_id is None:
            self._events.announce_persons(())
        if not keep_open:
            self.accept()
            return
        name = self.chooser.describe()
        self.chooser.clear()   # the person just added is no longer chosen: 保存 again would add them twice
        self.certificate.clear()
        self.note.clear()
        self.added_label.setText(f"已添加 {name}（本次共 {len(self.added)} 人），请继续选择下一位学员。")
        self.added_label.show()
        self.chooser.setFocus()


class TraineeEditDialog(RecordFormDialog):
    """Change a trainee's group, completion, certificate or note."""

    def __init__(self, events: AppEvents, trainee: TraineeView, parent: QWidget | None = None) -> None:
        super().__init__(f"修改学员 — {trainee.name}", parent, width=460)
        self._events = events
        self._trainee = trainee
        self.group = QComboBox(self)
        self.group.addItems(list(vocab.TRAINEE_GROUPS))
        self.group.setCurrentText(trainee.group)
        self.completed = QCheckBox("已结业", self)
        self.completed.setChecked(trainee.completed)
        self.certificate = QLineEdit(trainee.certificate_no, self)
        self.note = QLineEdit(trainee.note, self)
        who = QLabel(f"{trainee.name} {trainee.sex} {trainee.id_number}", self)
        self.form.addRow("学员", who)
        self.form.addRow("学员类别 *", self.group)
        self.form.addRow("结业", self.completed)
        self.form.addRow("证书编号", self.certificate)
        self.form.addRow("备注", self.note)
        self.fields = {"group": self.group, "certificate_no": self.certificate, "note": self.note}
        self.group.setFocus()

    def save(self) -> None:
        ok, _ = self.attempt(lambda: training.update_trainee(self._trainee.id, TraineeUpdate(
            self.group.currentText(), self.completed.isChecked(), self.certificate.text(), self.note.text())))
        if ok:
            self._events.announce_training((self._trainee.session_id,))
            self.accept()
