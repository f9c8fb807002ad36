"""结对帮扶 (part of the 培训就业 tab): pairings of cadres with households above, the chosen one's aid over time
below, and the year's figures (households, projects, money and goods, job information, legal help)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QSplitter, QVBoxLayout, QWidget

from app import clock, session
from app.errors import KnownError
from app.money import yuan
from app.services import pairing
from app.services.pairing import AidView, PairingQuery, PairingView
from app.session import Permission
from ui import messages
from ui.dialogs.pairing_dialogs import AidDialog, EndPairingDialog, PairingDialog
from ui.events import AppEvents
from ui.formatting import day
from ui.pages.employment_panel import JobsPanel
from ui.tables import employment_columns as columns
from ui.tables.record_model import RecordModel
from ui.tables.table_view import list_view
from ui.tasks import TaskRunner
from ui.widgets.jobs_filters import JobsFilters

P = Permission


class PairingPanel(JobsPanel):
    """Pair a cadre with a household, record what the pairing gave, end it; the figures follow the records."""

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.filters = JobsFilters("搜索：帮扶干部、干部单位、户主姓名、档案编号", self, period=False)
        self.active = self.filters.check("仅结对中", "只列出今天仍在结对的")
        self.filters.finish()
        self.pairings = RecordModel(columns.PAIRINGS, self, muted=lambda p: p.end_date is not None)
        self.table = list_view(self, self.pairings, widths=self.pairings.widths, multi=False)
        self.aid = RecordModel(columns.AID, self)
        self.aid_table = list_view(self, self.aid, widths=self.aid.widths, multi=False)
        self.aid_label = QLabel(self)
        self.aid_label.setObjectName("sideTitle")
        self.year = QSpinBox(self)
        self.year.setRange(2000, clock.today().year + 1)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(" 年")
        self.unit = QComboBox(self)
        self.unit.setToolTip("只统计某一干部单位的结对（如“其中县总工会干部结对帮扶 … 户”）")
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unit.addItem("全部干部单位", None)
        self.figures_label = QLabel(self)
        self.figures_label.setObjectName("resultLine")

        top = QHBoxLayout()
        one = self.has_current
        self.new_button = self.button(top, "新建结对…", self.open_new, P.EDIT, "一名干部与一户困难职工结对",
                                      primary=True)
        self.edit_button = self.button(top, "修改…", self.open_edit, P.EDIT, "修改干部信息或结对日期", ready=one)
        self.end_button = self.button(top, "结束结对…", self.open_end, P.EDIT,
                                      "所选结对到某日结束（已结束的不能再结束）", ready=self.running)
        self.delete_button = self.button(top, "删除…", self.delete_pairing, P.DELETE,
                                         "删除误录入的结对及其帮扶记录", ready=one)
        self.register_button = self.register_menu(top, ("pairings", "pairing-aid"))
        top.addStretch(1)
        lower_bar = QHBoxLayout()
        lower_bar.addWidget(self.aid_label, 1)
        self.aid_button = self.button(lower_bar, "登记帮扶…", self.open_aid, P.EDIT,
                                      "资金、物品（折价）、项目、致富信息、法律援助", ready=one, primary=True)
        self.delete_aid_button = self.button(lower_bar, "删除帮扶记录…", self.delete_aid, P.DELETE,
                                             "删除误录入的一条帮扶记录", ready=lambda: self.current_aid() is not None)
        figures_bar = QHBoxLayout()
        figures_bar.addWidget(QLabel("年度统计", self))
        figures_bar.addWidget(self.year)
        figures_bar.addWidget(self.unit)
        figures_bar.addWidget(self.figures_label, 1)

        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(lower_bar)
        lower_layout.addWidget(self.aid_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([300, 260])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(figures_bar)

        self.filters.changed.connect(self.reload)
        self.year.valueChanged.connect(lambda _y: self.show_figures())
        self.unit.currentIndexChanged.connect(lambda _i: self.show_figures())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_aid())
        self.table.activated.connect(lambda _i: self.open_aid())
        self.aid_table.selectionModel().selectionChanged.connect(lambda *_a: self.update_actions())
        events.employment_changed.connect(self._changed)
        events.households_changed.connect(lambda _ids: self.reload())

    # --- what is listed --------------------------------------------------------------------
    def reload(self) -> None:
        if session.current() is None:
            return
        keep = self.current()
        query = PairingQuery(active_on=clock.today() if self.active.isChecked() else None, text=self.filters.text())
        self.pairings.set_records(pairing.list_pairings(query))
        self.select(keep.id if keep is not None else None)
        self.show_figures()

    def _changed(self, kind: str, ids: tuple[int, ...]) -> None:
        if kind == "pairings":
            self.reload()
            if ids:
                self.select(ids[0])

    def select(self, pairing_id: int | None) -> None:
        row = self.pairings.row_of(pairing_id) if pairing_id is not None else None
        if row is None and self.pairings.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self.show_aid()

    def current(self) -> PairingView | None:
        index = self.table.currentIndex()
        found: PairingView | None = self.pairings.record(index.row()) if index.isValid() else None
        return found

    def has_current(self) -> bool:
        return self.current() is not None

    def running(self) -> bool:
        view = self.current()
        return view is not None and view.end_date is None

    def current_aid(self) -> AidView | None:
        rows = self.aid_table.selectionModel().selectedRows()
        found: AidView | None = self.aid.record(rows[0].row()) if rows else None
        return found

    def show_aid(self) -> None:
        view = self.current()
        if view is None:
            self.aid.set_records([])
            self.aid_label.setText("帮扶记录：请先选择或新建结对")
        else:
            full = pairing.get_pairing(view.id)
            self.aid.set_records(full.aid)
            counts = " · ".join(f"{kind} {n}{columns.COUNT_UNITS[kind]}" for kind, n in full.counts.items()
                                if n and kind not in ("资金", "物品"))
            money = f"资金物品 {yuan(full.aid_amount)}" if full.aid_amount else "尚无资金物品"
            ended = f"，{day(view.end_date)} 结束" if view.end_date else ""
            self.aid_label.setText(f"{view.cadre_name} 帮扶 {view.head_name}（{day(view.start_date)} 起{ended}）："
                                   f"{money}" + (f" · {counts}" if counts else ""))
        self.update_actions()

    def show_figures(self) -> None:
        if session.current() is None:
            return
        self._list_units()
        year = self.year.value()
        unit = self.unit.currentData()
        f = pairing.pairing_figures(datetime.date(year, 1, 1), datetime.date(year, 12, 31), unit)
        self.figures_label.setText(f"结对 {f.households} 户 · 项目 {f.projects} 个 · 资金物品 {yuan(f.aid_amount)} · "
                                   f"致富信息 {f.job_info} 条 · 法律援助 {f.legal_help} 次")

    def _list_units(self) -> None:
        """The unit chooser offers every cadre unit on record; the chosen one stays chosen."""
        units = pairing.cadre_units()
        if units == [self.unit.itemText(i) for i in range(1, self.unit.count())]:
            return
        chosen = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("全部干部单位", None)
        for unit in units:
            self.unit.addItem(unit, unit)
        self.unit.setCurrentIndex(max(0, self.unit.findData(chosen)) if chosen is not None else 0)
        self.unit.blockSignals(False)

    # --- actions ---------------------------------------------------------------------------
    def open_new(self) -> PairingDialog | None:
        if self.refused("新建结对", P.EDIT):
            return None
        dialog = PairingDialog(self.events, self.window(), units=[p.cadre_unit for p in self.pairings.records])
        self.show_dialog(dialog, lambda: self.message.emit("已新建结对。"))
        return dialog

    def open_edit(self) -> PairingDialog | None:
        view = self.current()
        if view is None or self.refused("修改结对", P.EDIT):
            return None
        dialog = PairingDialog(self.events, self.window(), view=view,
                               units=[p.cadre_unit for p in self.pairings.records])
        self.show_dialog(dialog, lambda: self.message.emit(f"已修改结对：{view.cadre_name}—{view.head_name}"))
        return dialog

    def open_end(self) -> EndPairingDialog | None:
        view = self.current()
        if view is None or self.refused("结束结对", P.EDIT):
            return None
        dialog = EndPairingDialog(self.events, view, self.window())
        self.show_dialog(dialog, lambda: self.message.emit(f"已结束结对：{view.cadre_name}—{view.head_name}"))
        return dialog

    def open_aid(self) -> AidDialog | None:
        view = self.current()
        if view is None or self.refused("登记帮扶", P.EDIT):
            return None
        dialog = AidDialog(self.events, view, self.window())
        self.show_dialog(dialog, lambda: self.message.emit(f"已登记帮扶：{view.cadre_name}—{view.head_name}"))
        return dialog

    def delete_pairing(self) -> None:
        view = self.current()
        if view is None or self.refused("删除结对", P.DELETE):
            return
        who = f"{view.cadre_name}—{view.head_name}"
        text = f"删除 {view.cadre_name} 与档案 {view.file_no} {view.head_name} 的结对及其全部帮扶记录？\n" \
            "操作日志保留删除记录。"
        if not messages.confirm(self, "删除结对", text, yes="删除", danger=True):
            return
        self._write("删除结对", lambda: pairing.delete_pairing(view.id), f"已删除结对：{who}")

    def delete_aid(self) -> None:
        aid = self.current_aid()
        if aid is None or self.refused("删除帮扶记录", P.DELETE):
            return
        what = f"{day(aid.on_date)} {aid.kind} {aid.description}".strip()
        if not messages.confirm(self, "删除帮扶记录", f"删除这条帮扶记录？\n{what}", yes="删除", danger=True):
            return
        self._write("删除帮扶记录", lambda: pairing.delete_aid(aid.id), f"已删除帮扶记录：{what}")

    def _write(self, title: str, work: Callable[[], None], done: str) -> None:
        try:
            work()
        except KnownError as exc:
            messages.warn(self, title, str(exc))
            return
        self.events.announce_employment("pairings", ())
        self.message.emit(done)
