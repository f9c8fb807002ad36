"""The layers point one way: app/ and db/ never need Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "ui"):
            raise ImportError(f"{name} is not allowed below ui/")
        return None

sys.meta_path.insert(0, NoQt())
import app, db
for package in (app, db):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print("LOADED:", bad)
sys.exit(1 if bad else 0)
"""


def test_app_and_db_import_without_pyside6() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "LOADED: []" in result.stdout
