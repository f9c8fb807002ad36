"""A database on a network share, a mapped network drive or in a cloud-sync folder is refused, with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import storage_location as loc
from app.office import open_office
from app.storage_location import UnsafeLocation, unsafe_reason

PROC_MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
//fileserver/帮扶 /mnt/share cifs rw,relatime,vers=3.1.1 0 0
nas:/export/home /home/nfs nfs4 rw,relatime 0 0
/dev/sdb1 /home/nfs/local-disk ext4 rw 0 0
user@host:/data /mnt/sshfs fuse.sshfs rw,nosuid,nodev 0 0
/dev/sdc1 /media/U\\040盘 vfat rw 0 0
drvfs /mnt/c 9p rw,dirsync,aname=drvfs 0 0
"""
MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
//office@nas/share on /Volumes/share (smbfs, nodev, nosuid, mounted by office)
/dev/disk4s1 on /Volumes/U盘 (msdos, local, nodev, nosuid, noowners)
"""


@pytest.mark.parametrize(("path", "fs_type"), [
    ("/home/office/bangfu.sqlite", "ext4"),
    ("/mnt/share/bangfu.sqlite", "cifs"),
    ("/mnt/shared/bangfu.sqlite", "ext4"),          # a sibling with a longer name is not inside /mnt/share
    ("/home/nfs/office/bangfu.sqlite", "nfs4"),
    ("/home/nfs/local-disk/bangfu.sqlite", "ext4"),  # the longest mount point wins
    ("/mnt/sshfs/a.sqlite", "fuse.sshfs"),
    ("/media/U 盘/bangfu.sqlite", "vfat"),           # \040 in /proc/mounts is a space
    ("/mnt/c/Users/a.sqlite", "9p"),
])
def test_the_longest_mount_point_gives_the_filesystem(path: str, fs_type: str) -> None:
    assert loc.filesystem_type(path, PROC_MOUNTS) == fs_type


@pytest.mark.parametrize("path", ["/mnt/share/bangfu.sqlite", "/home/nfs/x/bangfu.sqlite", "/mnt/sshfs/a.sqlite",
                                  "/mnt/c/Users/a.sqlite"])
def test_network_filesystems_are_refused_on_linux(path: str) -> None:
    reason = unsafe_reason(Path(path), platform="linux", mounts=PROC_MOUNTS)
    assert reason is not None and "网络文件系统" in reason


@pytest.mark.parametrize("path", ["/home/office/bangfu.sqlite", "/home/nfs/local-disk/bangfu.sqlite",
                                  "/media/U 盘/bangfu.sqlite"])
def test_local_disks_are_accepted(path: str) -> None:
    assert unsafe_reason(Path(path), platform="linux", mounts=PROC_MOUNTS) is None


def test_macos_mount_output_is_understood() -> None:
    assert loc.filesystem_type("/Volumes/share/db/bangfu.sqlite", MAC_MOUNT) == "smbfs"
    assert unsafe_reason(Path("/Volumes/share/bangfu.sqlite"), platform="darwin", mounts=MAC_MOUNT)
    assert unsafe_reason(Path("/Volumes/U盘/bangfu.sqlite"), platform="darwin", mounts=MAC_MOUNT) is None


@pytest.mark.parametrize(("path", "client"), [
    ("/home/office/OneDrive/帮扶/bangfu.sqlite", "OneDrive"),
    ("/home/office/OneDrive - 华池县总工会/bangfu.sqlite", "OneDrive"),
    ("/Users/office/Library/CloudStorage/GoogleDrive-x@y.cn/bangfu.sqlite", "macOS CloudStorage"),
    ("/home/office/Dropbox/bangfu.sqlite", "Dropbox"),
    ("/home/office/我的坚果云/bangfu.sqlite", "坚果云"),
    ("/home/office/Nutstore Files/bangfu.sqlite", "坚果云"),
    ("/home/office/百度网盘同步空间/bangfu.sqlite", "百度网盘"),
    ("/home/office/BaiduNetdiskWorkspace/bangfu.sqlite", "百度网盘"),
    ("/home/office/腾讯微云/bangfu.sqlite", "腾讯微云"),
    ("/home/office/阿里云盘/bangfu.sqlite", "阿里云盘"),
    ("/home/office/iCloudDrive/bangfu.sqlite", "iCloud"),
])
def test_cloud_sync_folders_are_refused(path: str, client: str) -> None:
    reason = unsafe_reason(Path(path), platform="linux", mounts=PROC_MOUNTS)
    assert reason is not None and client in reason and "云同步" in reason


def test_folders_that_only_resemble_a_client_are_accepted() -> None:
    for path in ("/home/office/drives/bangfu.sqlite", "/home/office/dropboxes/bangfu.sqlite",
                 "/home/office/云端资料/bangfu.sqlite"):
        assert unsafe_reason(Path(path), platform="linux", mounts=PROC_MOUNTS) is None, path


@pytest.mark.parametrize("path", [r"\\fileserver\帮扶\bangfu.sqlite", "//fileserver/share/bangfu.sqlite",
                                  r"\\?\UNC\fileserver\share\bangfu.sqlite"])
def test_windows_unc_paths_are_refused(path: str) -> None:
    reason = unsafe_reason(Path(path), platform="win32", drive_type=lambda root: 3)
    assert reason is not None and "UNC" in reason


def test_windows_mapped_network_drives_are_refused_and_local_ones_accepted() -> None:
    types = {"Z:\\": loc.DRIVE_REMOTE, "D:\\": 3, "E:\\": 2}  # network, fixed disk, removable
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return types[root]

    reason = unsafe_reason(Path(r"Z:\帮扶\bangfu.sqlite"), platform="win32", drive_type=drive_type)
    assert reason is not None and "网络驱动器 Z:" in reason
    assert unsafe_reason(Path(r"D:\帮扶数据\bangfu.sqlite"), platform="win32", drive_type=drive_type) is None
    assert unsafe_reason(Path(r"E:\bangfu.sqlite"), platform="win32", drive_type=drive_type) is None
    assert asked == ["Z:\\", "D:\\", "E:\\"]
    onedrive = unsafe_reason(Path(r"C:\Users\office\OneDrive\bangfu.sqlite"), platform="win32",
                             drive_type=lambda root: 3)
    assert onedrive is not None and "OneDrive" in onedrive
    assert not loc.is_unc(r"\\?\C:\data\bangfu.sqlite") and not loc.is_unc(r"C:\data\bangfu.sqlite")


def test_opening_a_database_in_a_sync_folder_is_refused_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive" / "帮扶"
    with pytest.raises(UnsafeLocation) as refused:
        open_office(folder / "bangfu.sqlite")
    message = str(refused.value)
    assert "OneDrive" in message and "本机磁盘" in message and "共享的数据库服务器" in message
    assert not folder.exists()  # refused before anything was created


def test_the_check_reads_this_systems_mounts(tmp_path: Path) -> None:
    """On the machine running the tests the temporary folder is on a local disk (or the suite could not run)."""
    assert unsafe_reason(tmp_path / "a.sqlite") is None
