"""就业安置, 职业介绍 and 创业贷款 (parts of the 培训就业 tab): filtered lists with their new-record dialogs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtWidgets import QWidget

from app import vocab
from app.money import yuan
from app.services import employment, loans
from app.services.employment import JobQuery, PlacementView, ReferralView
from app.services.loans import LoanQuery, LoanView
from app.session import Permission
from ui import messages
from ui.dialogs.jobs_dialogs import PlacementDialog, ReferralDialog
from ui.dialogs.loan_dialog import LoanDialog
from ui.events import AppEvents
from ui.formatting import day
from ui.pages.employment_records import RecordsPanel
from ui.tables import employment_columns as columns
from ui.tasks import TaskRunner

P = Permission


class PlacementsPanel(RecordsPanel):
    """再就业: who went back to work where; a new one may close the file's unemployment cause."""

    kind = "placements"
    unit = "人次"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, columns.PLACEMENTS, "搜索：姓名、就业单位、身份证号后几位", parent)
        self.group = self.filters.choice("全部类别", vocab.PLACEMENT_GROUPS)
        self.filters.finish()
        row = self.actions_row
        self.new_button = self.button(row, "登记再就业…", self.open_new, P.EDIT,
                                      "登记一人次再就业；有档案的可同时关闭其失业致困原因", primary=True)
        self.edit_button = self.button(row, "修改…", self.open_edit, P.EDIT, "修改所选记录的单位、岗位、日期等",
                                       ready=self.has_current)
        self.finish_actions(employment.delete_placement, lambda p: f"{day(p.on_date)} {p.name} {p.employer}")

    def read(self) -> list[PlacementView]:
        start, end = self.filters.range()
        return employment.list_placements(JobQuery(start, end, group=self.group.currentData(),
                                                   text=self.filters.text()))

    def totals(self, records: Sequence[PlacementView]) -> str:
        groups = Counter(p.group for p in records)
        parts = " · ".join(f"{g} {groups[g]}" for g in vocab.PLACEMENT_GROUPS if groups[g])
        return f"共 {len(records)} 人次" + (f"（{parts}）" if parts else "")

    def _employers(self) -> list[str]:
        return [p.employer for p in self.model.records]

    def open_new(self) -> PlacementDialog | None:
        if self.refused("登记再就业", P.EDIT):
            return None
        dialog = PlacementDialog(self.events, self.window(), employers=self._employers())

        def saved() -> None:
            change = dialog.change
            if change is None:
                return
            self.message.emit("已登记再就业。")
            if change.cause is not None:
                messages.inform(self, "关闭失业致困原因", change.cause.note)

        self.show_dialog(dialog, saved)
        return dialog

    def open_edit(self) -> PlacementDialog | None:
        record = self.current()
        if record is None or self.refused("修改再就业记录", P.EDIT):
            return None
        dialog = PlacementDialog(self.events, self.window(), view=record, employers=self._employers())
        self.show_dialog(dialog, lambda: self.message.emit(f"已修改：{record.name} {record.employer}"))
        return dialog


class ReferralsPanel(RecordsPanel):
    """职业介绍: who was introduced to which employer, and what came of it."""

    kind = "referrals"
    unit = "人次"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, columns.REFERRALS, "搜索：姓名、用人单位、身份证号后几位", parent)
        self.outcome = self.filters.choice("全部结果", vocab.REFERRAL_OUTCOMES)
        self.filters.finish()
        row = self.actions_row
        self.new_button = self.button(row, "登记职业介绍…", self.open_new, P.EDIT, "登记一次职业介绍（推荐到用人单位）",
                                      primary=True)
        self.outcome_button = self.choice_button("结果", vocab.REFERRAL_OUTCOMES, self.set_outcome,
                                                 "用人单位的答复：已录用、未录用，或改回待反馈")
        self.finish_actions(employment.delete_referral, lambda r: f"{day(r.on_date)} {r.name} {r.employer}")

    def read(self) -> list[ReferralView]:
        start, end = self.filters.range()
        return employment.list_referrals(JobQuery(start, end, outcome=self.outcome.currentData(),
                                                  text=self.filters.text()))

    def totals(self, records: Sequence[ReferralView]) -> str:
        outcomes = Counter(r.outcome for r in records)
        parts = " · ".join(f"{o} {outcomes[o]}" for o in vocab.REFERRAL_OUTCOMES if outcomes[o])
        return f"共 {len(records)} 人次" + (f"（{parts}）" if parts else "")

    def open_new(self) -> ReferralDialog | None:
        if self.refused("登记职业介绍", P.EDIT):
            return None
        dialog = ReferralDialog(self.events, self.window(), employers=[r.employer for r in self.model.records])
        self.show_dialog(dialog, lambda: self.message.emit("已登记职业介绍。"))
        return dialog

    def set_outcome(self, outcome: str) -> None:
        record = self.current()
        if record is not None:
            self.change_current("职业介绍结果", lambda rid: employment.set_referral_outcome(rid, outcome),
                                f"{record.name}（{record.employer}）：{outcome}")


class LoansPanel(RecordsPanel):
    """创业贷款: borrower, amount, bank, term, subsidy and repayment; women's loans counted apart."""

    kind = "loans"
    unit = "笔"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, columns.LOANS, "搜索：借款人、贷款银行、身份证号后几位", parent)
        self.repayment = self.filters.choice("全部还款情况", vocab.REPAYMENT_STATES)
        self.women = self.filters.check("仅女性", "只列出女性借款人的贷款")
        self.filters.finish()
        row = self.actions_row
        self.new_button = self.button(row, "登记创业贷款…", self.open_new, P.EDIT,
                                      "登记一笔创业贷款（借款人须有身份证号）", primary=True)
        self.edit_button = self.button(row, "修改…", self.open_edit, P.EDIT, "修改所选贷款的金额、银行、期限、贴息",
                                       ready=self.has_current)
        self.repayment_button = self.choice_button("还款情况", vocab.REPAYMENT_STATES, self.set_repayment,
                                                   "所选贷款的还款情况：还款中、已结清、逾期")
        self.finish_actions(loans.delete_loan, lambda loan: f"{day(loan.on_date)} {loan.name} {yuan(loan.amount)}")

    def read(self) -> list[LoanView]:
        start, end = self.filters.range()
        return loans.list_loans(LoanQuery(start, end, self.repayment.currentData(), self.women.isChecked(),
                                          text=self.filters.text()))

    def totals(self, records: Sequence[LoanView]) -> str:
        zero = Decimal("0.00")
        amount = sum((loan.amount for loan in records), zero)
        women = [loan for loan in records if loan.sex == "女"]
        subsidy = sum((loan.subsidy for loan in records), zero)
        return (f"共 {len(records)} 笔 {yuan(amount)}（其中女性 {len(women)} 笔 "
                f"{yuan(sum((loan.amount for loan in women), zero))}）· 贴息 {yuan(subsidy)}")

    def _banks(self) -> list[str]:
        return [loan.bank for loan in self.model.records]

    def open_new(self) -> LoanDialog | None:
        if self.refused("登记创业贷款", P.EDIT):
            return None
        dialog = LoanDialog(self.events, self.window(), banks=self._banks())
        self.show_dialog(dialog, lambda: self.message.emit("已登记创业贷款。"))
        return dialog

    def open_edit(self) -> LoanDialog | None:
        record = self.current()
        if record is None or self.refused("修改创业贷款", P.EDIT):
            return None
        dialog = LoanDialog(self.events, self.window(), view=record, banks=self._banks())
        self.show_dialog(dialog, lambda: self.message.emit(f"已修改：{record.name} {record.bank}"))
        return dialog

    def set_repayment(self, repayment: str) -> None:
        record = self.current()
        if record is not None:
            self.change_current("还款情况", lambda lid: loans.set_repayment(lid, repayment),
                                f"{record.name} {yuan(record.amount)}：{repayment}")
