"""Who a campaign is for: category, 职工/农民工, status, cause, a student at a level, union, not helped this year."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from app import vocab
from app.services import household_search, settings
from app.services.campaigns import RecipientRule
from app.vocab import FileStatus
from ui.widgets.check_combo import CheckCombo


class RecipientRules(QWidget):
    """Every condition ticked must hold; a combo with nothing ticked means any."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lists = settings.value_lists()
        self.categories = self._combo("全部类别", lists.get("category", ()))
        self.identities = self._combo("职工和农民工", vocab.IDENTITIES)
        self.statuses = self._combo("全部状态", [str(s) for s in FileStatus], (str(FileStatus.ACTIVE),))
        self.causes = self._combo("全部致困原因", lists.get("cause", ()))
        self.student_levels = self._combo("不限", vocab.SCHOOL_LEVELS)
        self.student_levels.setToolTip("有家庭成员在这些阶段就读（金秋助学）")
        self.unions = self._combo("全部工会", household_search.union_names())
        self.not_helped = QCheckBox("本年未获任何救助", self)
        self.not_helped.toggled.connect(lambda _on: self.changed.emit())
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = (("困难类别", self.categories), ("身份", self.identities), ("档案状态", self.statuses),
                 ("致困原因", self.causes), ("学生就读阶段", self.student_levels), ("工会", self.unions))
        for index, (label, combo) in enumerate(cells):
            row, column = divmod(index, 3)
            grid.addWidget(QLabel(label, self), row, column * 2)
            grid.addWidget(combo, row, column * 2 + 1)
        grid.addWidget(self.not_helped, 2, 1, 1, 3)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)

    def _combo(self, everything: str, values: Iterable[str], ticked: tuple[str, ...] = ()) -> CheckCombo:
        combo = CheckCombo(everything, self)
        combo.set_values(list(values), ticked)
        combo.changed.connect(self.changed.emit)
        return combo

    def rule(self) -> RecipientRule:
        return RecipientRule(categories=self.categories.ticked(), identities=self.identities.ticked(),
                             statuses=self.statuses.ticked(), causes=self.causes.ticked(),
                             student_levels=self.student_levels.ticked(), union_names=self.unions.ticked(),
                             not_helped_this_year=self.not_helped.isChecked())
