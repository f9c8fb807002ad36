"""新增劳模 / 修改劳模档案: the person (known or by ID number), honours, details, an optional photo, the 新增 row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QCompleter,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from app import clock
from app.errors import KnownError, ValidationError
from app.services import model_workers as mw
from app.services.model_worker_forms import ModelWorkerForm, ModelWorkerView, check_photo
from app.services.relief_forms import Recipient
from app.services.relief_recipients import RecipientChoice
from ui.dialogs.step_form import StepForm
from ui.events import AppEvents
from ui.widgets.honours_editor import HonoursEditor
from ui.widgets.money_edit import DayEdit
from ui.widgets.person_field import PersonField

PHOTO_SIZE = (72, 96)
NO_PHOTO = "无照片"


class ModelWorkerDialog(StepForm):
    """New when `view` is None; otherwise the archive's details and honours are corrected (the person stays)."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None, *, view: ModelWorkerView | None = None,
                 photo: bytes | None = None, work_units: list[str] | None = None) -> None:
        editing = view is not None
        super().__init__("修改劳模档案" if editing else "新增劳模", parent, ok="保存",
                         heading="状态变动（调出、退休、去世、撤销称号）请用“变动…”登记，这里只改基本情况和称号。"
                         if editing else "输入姓名可查找系统中已有的人员；新人员请填写身份证号。")
        self._events = events
        self._view = view
        self.worker_id: int | None = view.line.worker_id if view is not None else None
        self.photo: bytes | None = photo
        self._photo_changed = False
        self.person = PersonField(self)
        self.id_number = QLineEdit(self)
        self.id_number.setMaxLength(18)
        self.id_number.setPlaceholderText("18位身份证号")
        self.honours = HonoursEditor(self)
        self.work_unit = QLineEdit(self)
        units = QCompleter(work_units or [], self.work_unit)
        units.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        units.setFilterMode(Qt.MatchFlag.MatchContains)
        self.work_unit.setCompleter(units)
        self.job = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText("手机或固定电话")
        self.address = QLineEdit(self)
        self.studio = QLineEdit(self)
        self.studio.setPlaceholderText("如有，如 杨正功劳模创新工作室")
        self.photo_label = QLabel(NO_PHOTO, self)
        self.photo_label.setFixedSize(*PHOTO_SIZE)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px solid #c3cad3; background: #ffffff; color: #8a94a3;")
        self.photo_button = QPushButton("选择照片…", self)
        self.photo_button.setAutoDefault(False)
        self.photo_button.clicked.connect(self.choose_photo)
        self.clear_photo_button = QPushButton("去掉照片", self)
        self.clear_photo_button.setAutoDefault(False)
        self.clear_photo_button.clicked.connect(lambda: self.set_photo(None))
        self.added_on = DayEdit(clock.today(), self)
        self.added_on.setMaximumWidth(160)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("留空为“建立劳模档案”")
        self.document_no = QLineEdit(self)
        self.document_no.setPlaceholderText("认定文件文号")
        self.note = QLineEdit(self)   # created last: the tab order follows the form, 备注 at the bottom

        self.form.addRow("姓名 *", self.person)
        self.form.addRow("身份证号 *", self.id_number)
        self.form.addRow("荣誉称号 *", self.honours)
        self.form.addRow("工作单位", self.work_unit)
        self.form.addRow("职务", self.job)
        self.form.addRow("联系电话", self.phone)
        self.form.addRow("家庭住址", self.address)
        self.form.addRow("创新工作室", self.studio)
        self.form.addRow("照片", self._photo_row())
        if not editing:
            self.form.addRow("建档日期 *", self.added_on)
            self.form.addRow("新增原因", self.reason)
            self.form.addRow("文号", self.document_no)
        self.form.addRow("备注", self.note)
        self.scroll = self._scroll_form()
        self.finish_layout(stretch=False)
        self.person.picked.connect(self._picked)
        if view is not None:
            self._fill(view)
        self.set_photo(photo, changed=False)
        self.fit_screen()
        self.honours.add_button.clicked.connect(self.fit_screen)
        (self.honours.first_field if editing else self.person).setFocus()

    def _scroll_form(self) -> QScrollArea:
        """The form in a scroll area: with several honours it is taller than a 768-pixel screen, and the 保存
        button went below its edge."""
        self.body.removeItem(self.form)
        self.form.setParent(None)  # type: ignore[call-overload]
        holder = QWidget(self)
        holder.setLayout(self.form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        scroll.viewport().setAutoFillBackground(False)  # the dialog's own background, not a box of another grey
        self.body.addWidget(scroll, 1)
        return scroll

    def fit_screen(self) -> None:
        """As tall as the form, but no taller than the screen leaves room for (title bar and taskbar included)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 60 if screen is not None else 700
        holder = self.scroll.widget()
        assert holder is not None
        # a scroll area's own size hint stops at 24 lines: the form's whole height is asked of the form
        around = self.sizeHint().height() - self.scroll.sizeHint().height()
        self.resize(max(self.width(), 640), min(around + holder.sizeHint().height() + 4, room))

    def _photo_row(self) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.photo_label)
        hint = QLabel("PNG 或 JPEG，不超过 2 MB；可不选", row)
        hint.setObjectName("fieldHint")
        layout.addWidget(self.photo_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.clear_photo_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(hint, 1, Qt.AlignmentFlag.AlignBottom)
        return row

    def _fill(self, view: ModelWorkerView) -> None:
        line = view.line
        self.person.edit.setText(line.name)
        self.person.setEnabled(False)
        self.id_number.setText(view.id_number)
        self._read_only(self.id_number, True)
        self.honours.set_honours(line.honours)
        for edit, text in ((self.work_unit, line.work_unit), (self.job, line.job), (self.phone, view.phone),
                           (self.address, view.address), (self.studio, line.studio), (self.note, view.note)):
            edit.setText(text)

    @staticmethod
    def _read_only(edit: QLineEdit, read_only: bool) -> None:
        edit.setReadOnly(read_only)
        edit.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)
        edit.setProperty("readOnlyField", read_only)
        edit.style().polish(edit)

    def _picked(self, choice: RecipientChoice | None) -> None:
        """A known person brings their (masked) ID number and unit; a new one types them."""
        self._read_only(self.id_number, choice is not None)
        if choice is not None:
            self.id_number.setText(choice.id_number)
            if not self.work_unit.text().strip():
                self.work_unit.setText(choice.work_unit)
        else:
            self.id_number.clear()

    # --- the photo -----------------------------------------------------------------------
    def choose_photo(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, "选择照片", str(Path.home()),
                                                      "照片 (*.png *.jpg *.jpeg);;所有文件 (*)")
        if not chosen:
            return
        try:
            data = check_photo(Path(chosen).read_bytes())
        except ValueError as exc:
            self.refuse(f"照片未选用：{exc}", prefix="")
            return
        except OSError as exc:
            self.refuse(f"照片无法读取：{exc.strerror or exc}", prefix="")
            return
        self.summary.hide()
        self.set_photo(data)

    def set_photo(self, data: bytes | None, *, changed: bool = True) -> None:
        self.photo = data
        self._photo_changed = self._photo_changed or changed
        picture = QPixmap()
        if data:
            picture.loadFromData(data)
        if picture.isNull():
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText(NO_PHOTO)
        else:
            self.photo_label.setPixmap(picture.scaled(*PHOTO_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        self.clear_photo_button.setEnabled(data is not None)

    # --- saving --------------------------------------------------------------------------
    def form_data(self) -> ModelWorkerForm:
        if self._view is not None:
            person = Recipient(person_id=self._view.person_id)
        elif self.person.choice is not None:
            person = Recipient(person_id=self.person.choice.person_id)
        else:
            person = Recipient(name=self.person.name, id_number=self.id_number.text().strip() or None)
        return ModelWorkerForm(person, self.honours.honours(), work_unit=self.work_unit.text(), job=self.job.text(),
                               phone=self.phone.text(), address=self.address.text(), studio=self.studio.text(),
                               note=self.note.text())

    def _mark(self, error: ValidationError | None) -> None:
        fields = {"name": self.person.edit, "id_number": self.id_number, "phone": self.phone,
                  "work_unit": self.work_unit, "job": self.job, "address": self.address, "studio": self.studio,
                  "on_date": self.added_on, "reason": self.reason}
        wrong = {e.field for e in error.errors} if error is not None else set()
        for key, widget in fields.items():
            widget.setProperty("error", key in wrong)
            widget.style().polish(widget)

    def save(self) -> None:
        form = self.form_data()
        try:
            if self.worker_id is None:
                self.worker_id = mw.add_model_worker(form, self.added_on.day(), reason=self.reason.text(),
                                                     document_no=self.document_no.text(), photo=self.photo)
            else:
                mw.update_model_worker(self.worker_id, form)
                if self._photo_changed:
                    mw.set_photo(self.worker_id, self.photo)
        except ValidationError as exc:
            self._mark(exc)
            self.refuse(exc)
            return
        except KnownError as exc:
            self.refuse(exc)
            return
        self._events.announce_model_workers((self.worker_id,))
        if form.person.person_id is None:
            self._events.announce_persons(())
        self.accept()
