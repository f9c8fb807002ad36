"""One import through the wizard, step by step: the window (or the command line) calls these in order.

    wizard = ImportWizard(path, "households")     # opens the file: wizard.info lists sheets, encoding
    layout = wizard.choose_sheet(sheet)           # header found; wizard.set_header(row, rows) corrects it
    mapping = wizard.suggest_mapping()            # saved mapping of this layout, else synonyms; assign() edits
    preview = wizard.check(progress)              # cleaned, checked, duplicates grouped; nothing written
    preview = wizard.decide(group_id, choice, progress)
    outcome = wizard.confirm(progress)            # backup, then one transaction; save_rejected() any time after check

Every step returns frozen dataclasses; the long ones take progress(done, total, message), which may
raise app.progress.Cancelled. Nothing is written before confirm(), and a cancel there rolls back.
"""

from __future__ import annotations

from pathlib import Path

from app import session
from app.errors import KnownError
from app.progress import ProgressFn, no_progress
from app.registers import get_register
from app.services import settings
from app.session import Permission
from app.wizard import mapping as mapping_
from app.wizard.apply import ImportOutcome, apply_preview, write_rejected
from app.wizard.cleaning import CleanTable, clean_rows
from app.wizard.headers import HeaderLayout, guess_header, layout_at
from app.wizard.importers import importer_for
from app.wizard.mapping import ColumnMapping
from app.wizard.mapping_file import MappingFile, mapping_file_of
from app.wizard.memory import bulk_work
from app.wizard.preview import Choice, DuplicateGroup, Preview, build_preview, find_groups
from app.wizard.sources import Grid, SourceInfo, open_source


class ImportWizard:
    """The state of one import between the wizard's pages; each step invalidates the ones after it."""

    def __init__(self, path: Path, kind: str, *, encoding: str | None = None) -> None:
        session.require(Permission.IMPORT)
        try:
            self.register = get_register(kind)
        except KeyError as exc:
            raise KnownError(str(exc.args[0])) from None
        self.lists = settings.value_lists()
        self.importer = importer_for(self.register, self.lists, Path(path).name)
        self.source = open_source(Path(path), encoding=encoding)
        self.sheet = self.source.info.first_sheet
        self._layout: HeaderLayout | None = None
        self._mapping: ColumnMapping | None = None
        self._clean: CleanTable | None = None
        self._groups: list[DuplicateGroup] = []
        self._preview: Preview | None = None
        self._done = False

    @property
    def info(self) -> SourceInfo:
        return self.source.info

    @property
    def layout(self) -> HeaderLayout:
        if self._layout is None:
            return self.choose_sheet(self.sheet)
        return self._layout

    @property
    def mapping(self) -> ColumnMapping:
        if self._mapping is None:
            return self.suggest_mapping()
        return self._mapping

    def grid(self) -> Grid:
        return self.source.rows(self.sheet)

    def choose_sheet(self, sheet: str | None = None, progress: ProgressFn = no_progress) -> HeaderLayout:
        """Read a sheet (the first visible one by default) and find its header."""
        self.sheet = sheet or self.sheet
        progress(0, 1, f"正在读取工作表“{self.sheet}”")
        with bulk_work():
            grid = self.grid()
        progress(1, 1, f"正在读取工作表“{self.sheet}”")
        return self._set_layout(guess_header(grid, self.sheet, [self.register]))

    def set_header(self, header_row: int, rows: int = 1) -> HeaderLayout:
        """The user's correction: the header is on 1-based `header_row`, one or two rows high."""
        return self._set_layout(layout_at(self.grid(), self.sheet, header_row, rows))

    def _set_layout(self, layout: HeaderLayout) -> HeaderLayout:
        self._layout, self._mapping = layout, None
        self._forget_checks()
        return layout

    def suggest_mapping(self) -> ColumnMapping:
        """The mapping saved for this layout if this source was imported before, else one from the headers."""
        layout = self.layout
        saved = mapping_.saved_for(self.register.kind, layout)
        self._mapping = mapping_.suggest(self.register, layout, saved=saved)
        self._forget_checks()
        return self._mapping

    def assign(self, column: int, field: str | None) -> ColumnMapping:
        """Send a column to a field (None: leave it out)."""
        if field is not None and field not in {f.key for f in self.register.importable_fields()}:
            raise KnownError(f"“{field}”不是{self.register.title}的可导入字段。")
        self._mapping = self.mapping.assign(column, field)
        self._forget_checks()
        return self._mapping

    def use_mapping_file(self, mapping_file: MappingFile) -> ColumnMapping:
        """Sheet, header and columns as a MAPPING.json gives them (the command line)."""
        if mapping_file.sheet is not None:
            self.sheet = mapping_file.sheet
        if mapping_file.header_row is not None:
            self.set_header(mapping_file.header_row, mapping_file.header_rows)
        else:
            self.choose_sheet(self.sheet)
        self._mapping = mapping_.suggest(self.register, self.layout, saved=mapping_file.columns, how_saved="file")
        self._forget_checks()
        return self._mapping

    def mapping_file(self, on_record: str = "skip") -> MappingFile:
        layout = self.layout
        return mapping_file_of(self.mapping, sheet=self.sheet, header_row=layout.header_rows[0],
                               header_rows=len(layout.header_rows), encoding=self.info.encoding, on_record=on_record)

    def _forget_checks(self) -> None:
        self._clean, self._groups, self._preview = None, [], None

    def clean(self, progress: ProgressFn = no_progress) -> CleanTable:
        """Every value cleaned and parsed; each rule's changes are listed."""
        if self._clean is None:
            missing = self.mapping.missing(self.register)
            if missing:
                labels = "、".join(f.label for f in missing)
                raise KnownError(f"还没有对应到必填的列：{labels}。请在列对应中指定。")
            fields = [f for f in self.register.importable_fields() if f.key in self.mapping.columns()]
            with bulk_work():
                self._clean = clean_rows(self.grid(), self.layout, self.mapping, fields, self.lists, progress)
        return self._clean

    def check(self, progress: ProgressFn = no_progress, *, update: bool = False) -> Preview:
        """The preview: duplicates grouped (on record: skipped, or updated if `update`), every row checked."""
        clean = self.clean(progress)
        with bulk_work():
            self._groups = find_groups(clean, self.importer, update=update)
            self._preview = build_preview(clean, self.importer, self.sheet, self._groups, progress=progress)
        return self._preview

    @property
    def preview(self) -> Preview:
        if self._preview is None:
            raise KnownError("请先检查数据（预览）。")
        return self._preview

    def decide(self, group_id: str, choice: Choice, progress: ProgressFn = no_progress) -> Preview:
        """Change one duplicate group's choice and check again."""
        return self.decide_many({group_id: choice}, progress)

    def decide_many(self, choices: dict[str, Choice], progress: ProgressFn = no_progress) -> Preview:
        current = self.preview.choices()
        for group_id, choice in choices.items():
            group = self.preview.group(group_id)
            if choice not in group.choices:
                raise KnownError(f"此处不能选“{choice}”（可选：{'、'.join(c.value for c in group.choices)}）。")
            current[group_id] = choice
        with bulk_work():
            self._preview = build_preview(self.clean(), self.importer, self.sheet, self._groups, current, progress)
        self._groups = list(self._preview.groups)
        return self._preview

    def confirm(self, progress: ProgressFn = no_progress, *, leave_out_rejected: bool = False) -> ImportOutcome:
        """Write the preview (after a backup), remember the mapping for this layout; once only."""
        if self._done:
            raise KnownError("这份文件已经导入。")
        with bulk_work():
            outcome = apply_preview(self.preview, self.importer, progress, leave_out_rejected=leave_out_rejected)
        self._done = True
        mapping_.remember(self.mapping)
        return outcome

    def save_rejected(self, out: Path, *, include_skipped: bool = False) -> Path:
        """The rows not imported, with their reasons, as a workbook to correct and import again."""
        return write_rejected(self.preview, self.layout, Path(out), include_skipped=include_skipped)
