"""删除误登记录: one model worker's visits, health checks, insurance and practical help in a menu; the record chosen
is taken back after a reason (a visit's money returns to its fund; the audit trail keeps what it was)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from app.errors import KnownError
from app.money import yuan
from app.services import model_worker_care as care
from ui import messages
from ui.dialogs.reason_dialog import ReasonDialog
from ui.events import AppEvents

TITLE = "删除误登记录"
NOTHING = "（该劳模没有可删除的走访、体检、保险或实事记录）"


@dataclass(frozen=True)
class CareRecord:
    """One removable record as the menu names it."""

    kind: str        # a key of care.REMOVABLE
    id: int
    text: str
    from_fund: bool  # a visit paid from a fund: the fund's balance changes too


def care_records(worker_id: int) -> list[CareRecord]:
    """The worker's care records, newest first within each kind: visits, checks, insurance, practical help."""
    found = [CareRecord("model_worker_visit", v.id,
                        f"走访 {v.on_date.isoformat()} {v.occasion}" + (f" {yuan(v.amount)}" if v.amount else "")
                        + (f" {v.gifts}" if v.gifts else ""), bool(v.fund))
             for v in sorted(care.visits(worker_id=worker_id), key=lambda v: v.on_date, reverse=True)]
    found += [CareRecord("health_check", h.id, f"体检 {h.year}年度 {h.hospital}（{h.on_date.isoformat()}）", False)
              for h in sorted(care.health_checks(worker_id=worker_id), key=lambda h: h.on_date, reverse=True)]
    found += [CareRecord("supplementary_insurance", i.id, f"补充保险 {i.year}年度 {i.insurer} {yuan(i.premium)}",
                         False)
              for i in sorted(care.insurances(worker_id=worker_id), key=lambda i: i.year, reverse=True)]
    found += [CareRecord("practical_help", p.id, f"办实事 {p.on_date.isoformat()} {p.what}", False)
              for p in sorted(care.practical_help(worker_id=worker_id), key=lambda p: p.on_date, reverse=True)]
    return found


class CareRecordsMenu(QMenu):
    """Filled for the chosen worker each time it opens; `removed` carries the status-bar message."""

    removed = Signal(str)

    def __init__(self, chosen: Callable[[], int | None], events: AppEvents, parent: QWidget) -> None:
        super().__init__(parent)
        self.setToolTipsVisible(True)
        self._chosen = chosen
        self._events = events
        self.dialog: ReasonDialog | None = None
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.clear()
        worker_id = self._chosen()
        records = care_records(worker_id) if worker_id is not None else []
        for record in records:
            self.addAction(f"{record.text}…", lambda record=record: self.ask(worker_id, record))
        if not records:
            self.addAction(NOTHING).setEnabled(False)

    def ask(self, worker_id: int | None, record: CareRecord) -> ReasonDialog:
        """Confirm with a reason, then remove; a refusal is said in a message."""
        refund = "，慰问金退回原资金" if record.from_fund else ""
        owner = self.parentWidget()
        window = owner.window() if owner is not None else None
        dialog = ReasonDialog(TITLE, f"删除这条记录：{record.text}？\n操作日志将保留原记录{refund}。", window,
                              ok="删除", placeholder="如：重复登记；日期录错，重新登记")
        self.dialog = dialog

        def finished(code: int) -> None:
            if code == QDialog.DialogCode.Accepted:
                try:
                    care.delete_record(record.kind, record.id, dialog.reason)
                except KnownError as exc:
                    messages.warn(window, TITLE, str(exc))
                else:
                    self._events.announce_model_workers((worker_id,) if worker_id is not None else ())
                    if record.from_fund:
                        self._events.announce_funds(())
                    self.removed.emit(f"已删除：{record.text}")
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog
