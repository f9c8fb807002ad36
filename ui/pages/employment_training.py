"""培训班 (part of the 培训就业 tab): the sessions with trainees by group above, the chosen session's trainees below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app import session, vocab
from app.errors import KnownError
from app.services import training
from app.services.training import SessionQuery, SessionView, TraineeView
from app.session import Permission
from ui import messages
from ui.dialogs.trainee_dialog import TraineeDialog, TraineeEditDialog
from ui.dialogs.trainee_paste_dialog import TraineePasteDialog
from ui.dialogs.training_session_dialog import TrainingSessionDialog
from ui.events import AppEvents
from ui.operations import employment as ops
from ui.operations.households import Written
from ui.pages.employment_panel import JobsPanel
from ui.tables import employment_columns as columns
from ui.tables.record_model import RecordModel
from ui.tables.table_view import list_view, selected_rows
from ui.tasks import Task, TaskRunner
from ui.widgets.jobs_filters import JobsFilters

P = Permission


class TrainingPanel(JobsPanel):
    """Find, create and correct sessions; add trainees one by one, from a pasted list or a workbook; print."""

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.filters = JobsFilters("搜索：培训班名称、培训地点、主办单位", self)
        self.kind = self.filters.choice("全部类型", vocab.TRAINING_KINDS)
        self.trade = self.filters.choice("全部工种", vocab.TRAINING_TRADES)
        self.filters.finish()
        self.sessions = RecordModel(columns.SESSIONS, self)
        self.sessions_table = list_view(self, self.sessions, widths=self.sessions.widths, multi=False)
        self.trainees = RecordModel(columns.TRAINEES, self)
        self.trainees_table = list_view(self, self.trainees, widths=self.trainees.widths)
        self.trainees_label = QLabel(self)
        self.trainees_label.setObjectName("sideTitle")

        top = QHBoxLayout()
        one = self.current_session_ready
        self.new_button = self.button(top, "新建培训班…", self.open_new, P.EDIT, "新建一期培训班（创业培训、技能培训）",
                                      primary=True)
        self.edit_button = self.button(top, "修改…", self.open_edit, P.EDIT, "修改所选培训班的名称、日期、地点等",
                                       ready=one)
        self.delete_button = self.button(top, "删除…", self.delete_session, P.DELETE,
                                         "删除误建的培训班及其学员名单", ready=one)
        self.print_button = self.button(top, "打印签到表…", self.print_sign_in, P.PRINT,
                                        "所选培训班的签到表（PDF，每个培训日一栏，身份证号隐去中间位）", ready=one)
        self.register_button = self.register_menu(top, ("training-sessions", "trainees"), self._export_scope)
        top.addStretch(1)

        lower_bar = QHBoxLayout()
        lower_bar.addWidget(self.trainees_label, 1)
        picked = self.trainee_selected
        only = self.one_trainee
        self.add_button = self.button(lower_bar, "添加学员…", self.open_add, P.EDIT,
                                      "从档案（户主或家庭成员）、已有人员中选择，或按姓名和身份证号新增", ready=one,
                                      primary=True)
        self.paste_button = self.button(lower_bar, "粘贴名单…", self.open_paste, P.EDIT,
                                        "粘贴“姓名 身份证号 类别”名单：全部无误才添加", ready=one)
        self.import_button = self.button(lower_bar, "从Excel导入…", lambda: self.import_("trainees"), P.IMPORT,
                                         "按“培训学员”导入模板填写的工作簿：全部行无误才写入")
        self.edit_trainee_button = self.button(lower_bar, "修改学员…", self.open_edit_trainee, P.EDIT,
                                               "修改所选学员的类别、结业、证书编号", ready=only)
        self.complete_button = self.button(lower_bar, "标记结业", self.toggle_completed, P.EDIT,
                                           "把所选学员标记为已结业（全部已结业时取消结业）", ready=picked)
        self.history_button = self.button(lower_bar, "个人记录…", self.open_history, P.VIEW,
                                          "所选学员参加过的培训、就业、贷款和互助保障（双击学员也可打开）", ready=only)
        self.remove_button = self.button(lower_bar, "移除…", self.remove_trainee, P.EDIT,
                                         "把所选学员从本期名单中移除", ready=only)

        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.sessions_table, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(lower_bar)
        lower_layout.addWidget(self.trainees_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([250, 330])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

        self.filters.changed.connect(self.reload)
        self.sessions_table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_trainees())
        self.sessions_table.activated.connect(lambda _i: self.open_edit())
        self.trainees_table.selectionModel().selectionChanged.connect(lambda *_a: self.update_actions())
        self.trainees_table.activated.connect(lambda _i: self.open_history())
        events.training_changed.connect(lambda _ids: self.reload())
        events.households_changed.connect(lambda _ids: self.show_trainees())

    # --- what is listed --------------------------------------------------------------------
    def query(self) -> SessionQuery:
        start, end = self.filters.range()
        return SessionQuery(start, end, self.kind.currentData(), self.trade.currentData(), self.filters.text())

    def reload(self) -> None:
        if session.current() is None:
            return
        keep = self.current_session()
        self.sessions.set_records(training.list_sessions(self.query()))
        self.select_session(keep.id if keep is not None else None)

    def select_session(self, session_id: int | None) -> None:
        row = self.sessions.row_of(session_id) if session_id is not None else None
        if row is None and self.sessions.rowCount():
            row = 0
        if row is not None:
            self.sessions_table.selectRow(row)
        self.show_trainees()

    def current_session(self) -> SessionView | None:
        index = self.sessions_table.currentIndex()
        found: SessionView | None = self.sessions.record(index.row()) if index.isValid() else None
        return found

    def current_session_ready(self) -> bool:
        return self.current_session() is not None

    def show_trainees(self) -> None:
        view = self.current_session()
        keep = {t.id for t in self.selected_trainees()}
        self.trainees.set_records(training.session_trainees(view.id) if view is not None else [])
        if view is None:
            self.trainees_label.setText("学员：请先选择或新建一期培训班")
        else:
            groups = " · ".join(f"{g} {n}" for g, n in view.by_group.items() if n)
            self.trainees_label.setText(f"{view.name}：学员 {view.trainees} 人" + (f"（{groups}）" if groups else "")
                                        + f"，已结业 {view.completed} 人")
        self.select_trainees(keep)
        self.update_actions()

    def select_trainees(self, ids: set[int] | list[int]) -> None:
        selection = self.trainees_table.selectionModel()
        selection.clearSelection()
        for row in (self.trainees.row_of(i) for i in ids):
            if row is not None:
                index = self.trainees.index(row, 0)
                selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
                self.trainees_table.scrollTo(index)

    def selected_trainees(self) -> list[TraineeView]:
        return [self.trainees.record(r) for r in selected_rows(self.trainees_table) if self.trainees.record(r)]

    def trainee_selected(self) -> bool:
        return bool(self.selected_trainees())

    def one_trainee(self) -> bool:
        return len(self.selected_trainees()) == 1

    def update_actions(self) -> None:
        chosen = self.selected_trainees()
        undo = bool(chosen) and all(t.completed for t in chosen)
        self.complete_button.setText("取消结业" if undo else "标记结业")
        super().update_actions()

    def _export_scope(self, kind: str) -> tuple[list[int] | None, str]:
        if kind == "trainees":
            view = self.current_session()
            if view is None:
                return None, "全部培训班"
            return [t.id for t in self.trainees.records], f"{view.name} {self.trainees.rowCount()} 人"
        if self.filters.is_filtered():
            return [s.id for s in self.sessions.records], f"当前列表 {self.sessions.rowCount()} 期"
        return None, ""

    # --- sessions --------------------------------------------------------------------------
    def open_new(self) -> TrainingSessionDialog | None:
        if self.refused("新建培训班", P.EDIT):
            return None
        dialog = TrainingSessionDialog(self.events, self.window(), known=self.sessions.records)
        self.show_dialog(dialog, lambda: self._saved_session(dialog, "已新建培训班"))
        return dialog

    def open_edit(self) -> TrainingSessionDialog | None:
        view = self.current_session()
        if view is None or self.refused("修改培训班", P.EDIT):
            return None
        dialog = TrainingSessionDialog(self.events, self.window(), view=view, known=self.sessions.records)
        self.show_dialog(dialog, lambda: self._saved_session(dialog, "已修改培训班"))
        return dialog

    def _saved_session(self, dialog: TrainingSessionDialog, what: str) -> None:
        self.select_session(dialog.saved_id)
        view = self.current_session()
        self.message.emit(f"{what}：{view.name}" if view is not None else what)

    def delete_session(self) -> None:
        view = self.current_session()
        if view is None or self.refused("删除培训班", P.DELETE):
            return
        text = f"删除培训班“{view.name}”" + (f"及其 {view.trainees} 名学员的名单" if view.trainees else "") + \
            "？\n操作日志保留删除记录。"
        if not messages.confirm(self, "删除培训班", text, yes="删除", danger=True):
            return
        try:
            training.delete_session(view.id)
        except KnownError as exc:
            messages.warn(self, "删除培训班", str(exc))
            return
        self.events.announce_training((view.id,))
        self.message.emit(f"已删除培训班：{view.name}")

    def print_sign_in(self) -> Task | None:
        view = self.current_session()
        if view is None:
            messages.inform(self, "打印签到表", "请先选择一期培训班。")
            return None
        if not view.trainees:
            messages.inform(self, "打印签到表", f"“{view.name}”还没有学员，请先添加学员。")
            return None
        self.last_task = ops.print_sign_in(self, self.runner, view.id, view.name, self._printed)
        return self.last_task

    def _printed(self, written: Written) -> None:
        self.message.emit(f"已生成签到表 {written.path}：{written.count} 页")

    # --- trainees --------------------------------------------------------------------------
    def open_add(self) -> TraineeDialog | None:
        view = self.current_session()
        if view is None or self.refused("添加学员", P.EDIT):
            return None
        dialog = TraineeDialog(self.events, view, self.window())

        def added() -> None:
            self.select_trainees(dialog.added)
            self.message.emit(f"已向“{view.name}”添加 {len(dialog.added)} 名学员")

        dialog.finished.connect(lambda _r: added() if dialog.added else None)
        self.show_dialog(dialog)
        return dialog

    def open_paste(self) -> TraineePasteDialog | None:
        view = self.current_session()
        if view is None or self.refused("粘贴名单", P.EDIT):
            return None
        dialog = TraineePasteDialog(self.events, view, self.window())

        def added() -> None:
            if dialog.result is not None:
                new = f"（其中新增人员 {dialog.result.new_people} 人）" if dialog.result.new_people else ""
                self.message.emit(f"已向“{view.name}”添加 {dialog.result.added} 名学员{new}")

        self.show_dialog(dialog, added)
        return dialog

    def open_edit_trainee(self) -> TraineeEditDialog | None:
        chosen = self.selected_trainees()
        if len(chosen) != 1 or self.refused("修改学员", P.EDIT):
            return None
        dialog = TraineeEditDialog(self.events, chosen[0], self.window())
        self.show_dialog(dialog, lambda: self.message.emit(f"已修改学员：{chosen[0].name}"))
        return dialog

    def toggle_completed(self) -> None:
        chosen = self.selected_trainees()
        view = self.current_session()
        if not chosen or view is None or self.refused("标记结业", P.EDIT):
            return
        done = not all(t.completed for t in chosen)
        try:
            changed = training.set_completed([t.id for t in chosen], done)
        except KnownError as exc:
            messages.warn(self, "标记结业", str(exc))
            return
        self.events.announce_training((view.id,))
        kept = len(chosen) - changed
        note = f"（{kept} 人有证书编号，仍为已结业）" if not done and kept else ""
        self.message.emit(f"已{'标记' if done else '取消'} {changed} 名学员结业{note}")

    def remove_trainee(self) -> None:
        chosen = self.selected_trainees()
        view = self.current_session()
        if len(chosen) != 1 or view is None or self.refused("移除学员", P.EDIT):
            return
        trainee = chosen[0]
        if not messages.confirm(self, "移除学员", f"把 {trainee.name} 从“{view.name}”的学员名单中移除？",
                                yes="移除", danger=True):
            return
        try:
            training.remove_trainee(trainee.id)
        except KnownError as exc:
            messages.warn(self, "移除学员", str(exc))
            return
        self.events.announce_training((view.id,))
        self.message.emit(f"已移除学员：{trainee.name}")

    def open_history(self) -> None:
        chosen = self.selected_trainees()
        if len(chosen) == 1:
            self.show_history(chosen[0].person_id, chosen[0].name, chosen[0].id_number)
