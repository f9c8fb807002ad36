"""Writing output files safely: to a temporary name first, then renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.errors import KnownError

# mkstemp creates files readable by the owner only; outputs get the usual permissions instead.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def explain_os_error(path: Path, exc: OSError) -> KnownError:
    """A plain Chinese message for a file that cannot be written."""
    if isinstance(exc, PermissionError):
        return KnownError(f"无法写入 {path}：文件被其他程序占用（可能已在 Excel 或 PDF 阅读器中打开）"
                          "或没有写入权限。请关闭该文件或换一个位置后重试。")
    if exc.errno == 28:  # ENOSPC
        return KnownError(f"无法写入 {path}：磁盘空间不足。")
    return KnownError(f"无法写入 {path}：{exc.strerror or exc}")


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one step.

    If the work fails or is cancelled the temporary file is removed and `path` is untouched.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                         dir=target.parent)
        os.close(fd)
        os.chmod(temp_name, 0o666 & ~_UMASK)
    except OSError as exc:
        raise explain_os_error(target, exc) from exc
    temp = Path(temp_name)
    try:
        yield temp
        try:
            os.replace(temp, target)
        except OSError as exc:
            raise explain_os_error(target, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
