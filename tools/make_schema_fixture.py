"""Write tests/fixtures/schema_v<N>.sqlite: a small database of the current schema version.

Run once when a schema version is released (before the next migration is added), then
commit the file; tests/db/test_database.py opens every such fixture with the newest code.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import clock  # noqa: E402
from app.office import close_office, open_office  # noqa: E402
from app.services import households, lifecycle  # noqa: E402
from db import migrations  # noqa: E402
from tests.factories import make_form  # noqa: E402


def main() -> int:
    target = ROOT / "tests" / "fixtures" / f"schema_v{migrations.LATEST}.sqlite"
    if target.exists():
        print(f"{target} exists; a released fixture is never rewritten")
        return 1
    clock.fix_today(datetime.date(2025, 6, 30))
    open_office(target)
    if migrations.LATEST >= 2:
        from app.services import accounts

        accounts.create_first_admin("admin", "夹具", "fixture-pass-1")
        accounts.sign_in("admin", "fixture-pass-1")
    first = households.create_household(make_form(1, name="王䶮")).household_ids[0]
    households.create_household(make_form(2, name="李𠈌"))
    lifecycle.apply_step(first, lifecycle.StepRequest(lifecycle.A.REVIEW, datetime.date(2025, 3, 5)))
    db = __import__("db.database", fromlist=["database"]).database
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_office()
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    print(f"wrote {target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
