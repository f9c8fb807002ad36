"""Refusing a database on a network share, a mapped network drive or in a cloud-sync folder.

SQLite keeps its promises (a saved change survives, two programs never corrupt each other)
only with the locking of a local disk. Network file systems and sync clients break both:
locks are not shared, and a sync client may copy or replace the file in the middle of a write.
Each function takes what it inspects as arguments, so every case can be tested on any system.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

from db.errors import DatabaseError

# File system types (as /proc/mounts or `mount` name them) that are reached over a network or a VM share.
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "ceph", "glusterfs",
    "lustre", "gfs2", "ocfs2", "9p", "davfs", "webdav", "afpfs", "vboxsf", "vmhgfs", "prl_fs",
    "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "fuse.glusterfs", "fuse.ceph", "fuse.cephfs",
    "fuse.davfs", "fuse.curlftpfs", "fuse.gvfsd-fuse", "fuse.vmhgfs-fuse", "fuse.juicefs", "fuse.seadrive",
    "fuse.goofys", "fuse.onedriver",
})
# Folder names of sync clients (matched against each part of the path, case-insensitively).
CLOUD_PATTERNS = (
    ("OneDrive", r"^onedrive\b"),
    ("Dropbox", r"^dropbox\b"),
    ("Google Drive", r"^(google ?drive|my drive|我的云端硬盘)\b"),
    ("iCloud", r"^(icloud ?drive|mobile documents|com~apple~clouddocs)\b"),
    ("macOS CloudStorage", r"^cloudstorage$"),
    ("坚果云", r"坚果云|^nutstore\b"),
    ("百度网盘", r"百度网盘|百度云|^baidunetdisk"),
    ("腾讯微云", r"微云|^weiyun"),
    ("阿里云盘", r"阿里云盘|^aliyundrive|^alipan\b|^adrive\b"),
    ("115网盘", r"^115网盘"),
    ("Seafile", r"^seadrive\b|^seafile\b"),
    ("Nextcloud", r"^nextcloud\b"),
    ("ownCloud", r"^owncloud\b"),
    ("Synology Drive", r"^synologydrive\b"),
)
CLOUD_FOLDERS = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in CLOUD_PATTERNS)
DRIVE_REMOTE = 4  # GetDriveTypeW: a network (mapped) drive

ADVICE = ("SQLite 数据库在这种位置不能可靠地加锁，保存的内容可能丢失或损坏。请把数据库放在本机磁盘上"
          "（例如 D:\\帮扶数据\\bangfu.sqlite），用“--db”指定它；需要多台电脑共用一个数据库时，"
          "后续版本将提供共享的数据库服务器。")


class UnsafeLocation(DatabaseError):
    """The database path is on a network or in a cloud-sync folder."""


def check_location(path: Path) -> None:
    """Raise UnsafeLocation if the database at `path` would be on a network share or synced by a cloud client."""
    reason = unsafe_reason(Path(os.path.abspath(path)))
    if reason:
        raise UnsafeLocation(f"数据库 {path} {reason}。{ADVICE}")


def unsafe_reason(path: Path, *, platform: str = sys.platform, mounts: str | None = None,
                  drive_type: Callable[[str], int] | None = None) -> str | None:
    """Why `path` is not a safe place for the database (in Chinese), or None if it is on a local disk."""
    text = str(path)
    if platform == "win32":
        windows = PureWindowsPath(text)
        if is_unc(text):
            return "位于网络共享文件夹（UNC 路径）上"
        drive = windows.drive
        if drive and (drive_type or _windows_drive_type)(drive + "\\") == DRIVE_REMOTE:
            return f"位于映射的网络驱动器 {drive} 上"
        parts = windows.parts
    else:
        real = os.path.realpath(text)
        fs_type = filesystem_type(real, mounts if mounts is not None else _mount_table(platform))
        if fs_type and is_network_filesystem(fs_type):
            return f"位于网络文件系统（{fs_type}）上"
        parts = Path(real).parts
    cloud = cloud_folder(parts)
    if cloud:
        return f"位于云同步文件夹（{cloud}）中，同步软件会在程序写入时复制或替换文件"
    return None


def is_unc(text: str) -> bool:
    r"""\\server\share\… or //server/share/… (and \\?\UNC\…), but not \\?\C:\ or \\.\ device paths."""
    normal = text.replace("/", "\\")
    if normal.upper().startswith("\\\\?\\UNC\\"):
        return True
    return normal.startswith("\\\\") and not normal.startswith(("\\\\?\\", "\\\\.\\"))


def is_network_filesystem(fs_type: str) -> bool:
    return fs_type.lower() in NETWORK_FILESYSTEMS


def cloud_folder(parts: tuple[str, ...]) -> str | None:
    """The sync client whose folder is among the path's parts, if any."""
    for part in parts:
        for name, pattern in CLOUD_FOLDERS:
            if pattern.search(part):
                return name
    return None


def filesystem_type(path: str, mounts: str) -> str | None:
    """The type of the file system holding `path`: the mount point that is the longest prefix of it.

    `mounts` is the text of /proc/mounts (Linux: "device mountpoint type options 0 0", spaces in
    names escaped as \\040) or the output of `mount` (macOS: "device on /point (type, options)").
    """
    best, best_type = "", None
    for point, fs_type in _mount_points(mounts):
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fs_type
    return best_type


def _mount_points(mounts: str) -> list[tuple[str, str]]:
    found = []
    mac = re.compile(r"^.+? on (/.*?) \(([^,)]+)")
    for line in mounts.splitlines():
        match = mac.match(line)
        if match:
            found.append((match[1], match[2].strip()))
            continue
        fields = line.split()
        if len(fields) >= 3:
            found.append((_unescape(fields[1]), fields[2]))
    return found


def _unescape(field: str) -> str:
    r"""/proc/mounts writes space, tab, newline and backslash as \040, \011, \012 and \134."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def _mount_table(platform: str) -> str:
    """This system's mounts: /proc/mounts on Linux, `mount` elsewhere; empty if neither can be read."""
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as file:
            return file.read()
    except OSError:
        pass
    if platform == "darwin" or platform.startswith(("freebsd", "openbsd", "netbsd")):
        try:
            return subprocess.run(["mount"], capture_output=True, text=True, timeout=5, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return ""
    return ""


def _windows_drive_type(root: str) -> int:
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    return int(windll.kernel32.GetDriveTypeW(root))
