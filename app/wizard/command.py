"""python -m app import KIND FILE --map MAPPING.json [--dry-run]: the wizard without a window."""

from __future__ import annotations

import sys
from pathlib import Path

from app.errors import ValidationError
from app.progress import ProgressFn, no_progress
from app.registers import get_register
from app.wizard.mapping_file import load_mapping_file
from app.wizard.preview import CHOICE_TEXT, Preview
from app.wizard.steps import ImportWizard

SHOWN_CHANGES = 3


def print_preview(preview: Preview, wizard: ImportWizard) -> None:
    """Counts, the rules applied, duplicate groups and warnings (errors are printed by the caller)."""
    print(f"{wizard.info.describe()}，工作表“{preview.sheet}”，列名在第"
          f"{'、'.join(map(str, wizard.layout.header_rows))}行")
    print(preview.counts.describe())
    clean = wizard.clean()
    for rule, count in sorted(clean.rule_counts.items(), key=lambda item: -item[1]):
        examples = clean.changes_for(rule)[:SHOWN_CHANGES]
        shown = "；".join(f"第{c.row}行“{c.label}” {c.before} → {c.after}" for c in examples)
        print(f"清洗：{rule} {count} 处（如 {shown}）")
    for group in preview.groups:
        print(f"重复：{group.description} → {CHOICE_TEXT[group.choice]}")
    for warning in preview.warnings:
        print(f"提示：{warning.describe()}")


def run_import(kind: str, path: Path, mapping: Path | None, *, dry_run: bool, update: bool,
               progress: ProgressFn = no_progress) -> int:
    """Check with the saved mapping (or the suggested one), print what it found, then import unless --dry-run.

    Rows with problems stop the import (all or nothing): every problem is listed and nothing is written.
    """
    register = get_register(kind)
    mapping_file = load_mapping_file(mapping, register) if mapping is not None else None
    wizard = ImportWizard(path, kind, encoding=mapping_file.encoding if mapping_file else None)
    if mapping_file is not None:
        wizard.use_mapping_file(mapping_file)
    else:
        wizard.choose_sheet(None, progress)
        wizard.suggest_mapping()
    preview = wizard.check(progress, update=update or (mapping_file is not None and mapping_file.on_record == "update"))
    print_preview(preview, wizard)
    if dry_run:
        for problem in preview.problems:
            print(f"  {problem.describe()}", file=sys.stderr)
        print("试运行（--dry-run）：未写入任何数据。")
        return 1 if preview.counts.rejected else 0
    if preview.counts.rejected:
        raise ValidationError(list(preview.problems))
    outcome = wizard.confirm(progress)
    print(outcome.describe())
    if outcome.backup is not None:
        print(f"导入前已自动备份：{outcome.backup}")
    return 0
