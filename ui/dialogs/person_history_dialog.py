"""A person's 培训就业 history in one window: every session, placement, referral, loan, enrolment and claim."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from app.errors import KnownError
from app.money import yuan
from app.services import employment, loans, mutual_aid, training
from app.services.employment import JobQuery, PlacementView, ReferralView
from app.services.loans import LoanQuery, LoanView
from app.services.mutual_aid import ClaimView, EnrolmentQuery, EnrolmentView
from app.services.training import PersonTraining
from ui.formatting import day, money
from ui.tables import employment_columns as columns
from ui.tables.record_model import Column, RecordModel
from ui.tables.table_view import list_view


@dataclass(frozen=True)
class PersonHistory:
    trainings: list[PersonTraining]
    placements: list[PlacementView]
    referrals: list[ReferralView]
    loans: list[LoanView]
    enrolments: list[EnrolmentView]
    claims: list[ClaimView]


def read_history(person_id: int) -> PersonHistory:
    """One read of each register for this person (a handful of indexed queries)."""
    enrolments = mutual_aid.list_enrolments(EnrolmentQuery(person_id=person_id))
    claims = [c for e in enrolments if e.claims for c in mutual_aid.enrolment_claims(e.id)]
    return PersonHistory(training.person_trainings(person_id),
                         employment.list_placements(JobQuery(person_id=person_id)),
                         employment.list_referrals(JobQuery(person_id=person_id)),
                         loans.list_loans(LoanQuery(person_id=person_id)), enrolments, claims)


def _without_person(cols: tuple[Column, ...]) -> tuple[Column, ...]:
    """The person's own name and ID number are in the title, not in every row."""
    return tuple(c for c in cols if c.header not in ("姓名", "借款人", "身份证号", "性别"))


class PersonHistoryDialog(QDialog):
    """Tabs with counts: 培训, 再就业, 职业介绍, 创业贷款, 互助保障 (enrolments above their claims)."""

    def __init__(self, person_id: int, name: str, id_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"个人记录 — {name}")
        self.tabs = QTabWidget(self)
        self.title = QLabel(f"{name}　{id_number}", self)
        self.title.setObjectName("dialogTitle")
        self.summary = QLabel(self)
        self.summary.setObjectName("fieldHint")
        self.models: dict[str, RecordModel] = {}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(980, 460)
        try:
            history = read_history(person_id)
        except KnownError as exc:
            self.summary.setText(str(exc))
            return
        self._show(history)

    def _table(self, key: str, cols: tuple[Column, ...], records: list[object]) -> QTableView:
        model = RecordModel(cols, self)
        model.set_records(records)
        self.models[key] = model
        return list_view(self, model, widths=model.widths, multi=False)

    def _show(self, h: PersonHistory) -> None:
        self.tabs.addTab(self._table("trainings", columns.HISTORY_TRAININGS, list(h.trainings)),
                         f"培训（{len(h.trainings)}）")
        self.tabs.addTab(self._table("placements", _without_person(columns.PLACEMENTS), list(h.placements)),
                         f"再就业（{len(h.placements)}）")
        self.tabs.addTab(self._table("referrals", _without_person(columns.REFERRALS), list(h.referrals)),
                         f"职业介绍（{len(h.referrals)}）")
        self.tabs.addTab(self._table("loans", _without_person(columns.LOANS), list(h.loans)),
                         f"创业贷款（{len(h.loans)}）")
        plans = {e.id: f"{e.year}年 {e.plan}" for e in h.enrolments}
        claims = (Column("参保", lambda c: plans.get(c.enrolment_id, ""), 200), *columns.CLAIMS)
        aid = QWidget(self)
        box = QVBoxLayout(aid)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self._table("enrolments", _without_person(columns.ENROLMENTS), list(h.enrolments)), 1)
        box.addWidget(QLabel(f"理赔（{len(h.claims)} 笔）", aid))
        box.addWidget(self._table("claims", claims, list(h.claims)), 1)
        self.tabs.addTab(aid, f"互助保障（{len(h.enrolments)}）")
        first = next((i for i, n in enumerate((h.trainings, h.placements, h.referrals, h.loans, h.enrolments)) if n),
                     0)
        self.tabs.setCurrentIndex(first)
        loaned = sum((loan.amount for loan in h.loans), start=loans.ZERO)
        paid = sum((c.amount for c in h.claims), start=loans.ZERO)
        parts = [f"培训 {len(h.trainings)} 期（结业 {sum(t.completed for t in h.trainings)}）",
                 f"再就业 {len(h.placements)} 次", f"职业介绍 {len(h.referrals)} 次",
                 f"创业贷款 {len(h.loans)} 笔 {yuan(loaned)}", f"互助保障理赔 {len(h.claims)} 笔 {money(paid)}"]
        latest = max((p.on_date for p in h.placements), default=None)
        if latest is not None:
            parts.append(f"最近就业 {day(latest)}")
        self.summary.setText(" · ".join(parts))
