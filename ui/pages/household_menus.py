"""The 档案 tab's menus (context, 办理, 打印, 导出): what the selection allows and the account may do."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from app import session
from app.services.household_search import Queue
from app.session import Permission
from app.vocab import FileStatus
from ui.operations import households as ops
from ui.permissions import guard

if TYPE_CHECKING:
    from ui.pages.households_page import HouseholdsPage

MAX_BATCH = 2000  # lifecycle steps for more files than this at once: filter first


def build_context_menu(page: HouseholdsPage) -> QMenu:
    menu = QMenu(page)
    menu.setToolTipsVisible(True)
    ids = page.selected_ids()
    view = menu.addAction("查看/编辑…" if session.may(Permission.EDIT) else "查看…")
    view.setEnabled(len(ids) == 1)
    view.triggered.connect(lambda: page.open_household(ids[0]))
    menu.addSeparator()
    fill_steps_menu(page, menu)
    menu.addSeparator()
    for form in ("home-visit", "file-form"):
        action = menu.addAction(f"打印{ops.PRINT_TITLES[form]}…")
        action.triggered.connect(partial(page.print_form, form))
        if guard(action, Permission.PRINT):
            action.setEnabled(bool(ids))
    menu.addSeparator()
    rows = page.selected_households() if len(ids) == 1 else []
    delete = menu.addAction("删除…")
    if guard(delete, Permission.DELETE, "只有误录入、仍为“申报”的档案可以删除"):
        delete.setEnabled(len(rows) == 1 and rows[0].status == FileStatus.APPLIED)
    if rows:
        delete.triggered.connect(lambda: ops.delete_household(page, page.events, rows[0]))
    if session.may(Permission.PURGE) and page.queues.queue is Queue.PAST_RETENTION:
        purge = menu.addAction(f"清理（删除）所选 {len(ids)} 户过期档案…")
        purge.setEnabled(bool(ids))
        purge.setToolTip("退档、脱困或不予认定已满10年的档案，核对后删除；记入操作日志")
        purge.triggered.connect(page.purge_selected)
    return menu


def fill_steps_menu(page: HouseholdsPage, menu: QMenu) -> None:
    if menu is page.steps_menu:
        menu.clear()
    menu.setToolTipsVisible(True)
    ids = page.selected_ids()
    if not ids:
        menu.addAction("请先在列表中选择档案").setEnabled(False)
        return
    if len(ids) > MAX_BATCH:
        menu.addAction(f"一次最多办理 {MAX_BATCH} 户，请先筛选").setEnabled(False)
        return
    actions = page.common_actions(page.selected_households())
    if not actions:
        menu.addAction("所选档案没有共同可办理的步骤").setEnabled(False)
    for action in actions:
        item = menu.addAction(f"{action}…" + (f"（{len(ids)} 户）" if len(ids) > 1 else ""))
        guard(item, Permission.EDIT)
        item.triggered.connect(partial(page.start_step, action))


def fill_print_menu(page: HouseholdsPage) -> None:
    page.print_menu.clear()
    count = len(page.selected_rows())
    for form in ("home-visit", "file-form", "notice"):
        scope = f"所选 {count} 户" if count else ops.PRINT_DEFAULTS[form]
        action = page.print_menu.addAction(f"{ops.PRINT_TITLES[form]}（{scope}）…")
        action.triggered.connect(partial(page.print_form, form))


def fill_export_menu(page: HouseholdsPage) -> None:
    """Masked by default; the full-identity export only for those allowed, and it says it is logged."""
    page.export_menu.clear()
    scope = f"当前列表 {page.model.rowCount()} 户" if page.filters.is_filtered() or page.queues.queue \
        else "全部档案"
    masked = page.export_menu.addAction(f"导出档案登记簿（隐去身份信息，{scope}）…")
    masked.triggered.connect(lambda: page.export(masked=True, current_list=True))
    if session.may(Permission.EXPORT_FULL):
        full = page.export_menu.addAction(f"导出（含完整身份信息，{scope}）…")
        full.triggered.connect(lambda: page.export(masked=False, current_list=True))
