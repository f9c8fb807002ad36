"""The command line: Chinese help, file numbers for --ids, clear errors and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app import cli
from app.services import households as hs
from tests.factories import make_form


def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "显示本帮助并退出" in out and "生成演示数据库" in out


def test_print_selection_by_file_number(office: Path, tmp_path: Path) -> None:
    first = hs.create_household(make_form(1, name="王䶮")).household_ids[0]
    hs.create_household(make_form(2, name="李四"))
    file_no = hs.get_household(first, reveal=True).form.file_no
    out = tmp_path / "forms.pdf"
    assert cli.main(["print", "file-form", "--db", str(office), "--out", str(out), "--ids", file_no]) == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "王䶮" in text and "李四" not in text


def test_unknown_file_number_is_an_error(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["print", "file-form", "--db", str(office), "--out", str(tmp_path / "x.pdf"),
                     "--ids", "2099-0001"])
    assert code == 1
    assert "没有这些档案编号：2099-0001" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
