"""Pausing Python's cyclic garbage collector while the wizard builds a million small objects from a big sheet."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextlib.contextmanager
def bulk_work() -> Iterator[None]:
    """No cyclic collection inside the block (nested and concurrent blocks allowed).

    Reading 100,000 rows creates over a million cells, lists and dicts that live until the import
    ends; each automatic collection walks all of them again, which took up to half the time of an
    import. Nothing here makes reference cycles that need collecting in between.

    On leaving, what is alive is frozen (gc.freeze) before collection resumes: the first collection
    would otherwise walk those million objects at once, holding the interpreter for most of a second
    while the window waits. Frozen objects are still freed when no longer referenced; only cycles among
    them are left to the next program start.
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.freeze()
                gc.enable()
