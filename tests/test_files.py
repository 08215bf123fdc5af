"""atomic_write writes what sits behind a path and keeps what the path is."""

from __future__ import annotations

import os
import stat
import sysconfig
import threading
from pathlib import Path

import pytest

from balint_bib import UsageError
from balint_bib.files import atomic_write, remove_stale_temporaries


def test_a_symlink_stays_a_link_and_its_target_gets_the_content(tmp_path: Path) -> None:
    real = tmp_path / "real.bib"
    real.write_text("old")
    link = tmp_path / "link.bib"
    link.symlink_to(real.name)
    atomic_write(link, "new")
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text() == "new"


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.bib"
    link.symlink_to("made.bib")
    atomic_write(link, "x")
    assert link.is_symlink() and (tmp_path / "made.bib").read_text() == "x"


def test_mode_and_ownership_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.bib"
    path.write_text("old")
    os.chmod(path, 0o640)
    if os.geteuid() == 0:
        os.chown(path, 12345, 54321)
    atomic_write(path, "new")
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (12345, 54321)


def test_hard_links_all_see_the_new_content(tmp_path: Path) -> None:
    path = tmp_path / "a.bib"
    path.write_text("old content, longer than the new")
    other = tmp_path / "b.bib"
    os.link(path, other)
    atomic_write(path, "new")
    assert other.read_text() == "new" and path.read_text() == "new"
    assert path.stat().st_ino == other.stat().st_ino


def _copy_of_device(tmp_path: Path, name: str) -> Path:
    """A copy of a /dev node in tmp_path: never the system's own (a failing write would
    replace it with a regular file)."""
    copy = tmp_path / name
    try:
        os.mknod(copy, 0o666 | stat.S_IFCHR, os.stat(f"/dev/{name}").st_rdev)
    except PermissionError:
        pytest.skip("making a device node needs root")
    return copy


def test_a_device_node_stays_a_device(tmp_path: Path) -> None:
    device = _copy_of_device(tmp_path, "null")
    atomic_write(device, "discarded")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_a_full_device_is_a_one_line_error(tmp_path: Path) -> None:
    device = _copy_of_device(tmp_path, "full")
    with pytest.raises(UsageError, match="No space left"):
        atomic_write(device, "x")
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()),
                              daemon=True)
    reader.start()
    atomic_write(fifo, "through the pipe")
    reader.join(5)
    assert received == [b"through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_stale_temporaries_of_a_killed_write_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "a.bib"
    dead = tmp_path / ".a.bib.999999999.abcd1234.tmp"  # no such pid
    live = tmp_path / f".a.bib.{os.getppid()}.efgh5678.tmp"  # a running writer's
    old_style = tmp_path / ".a.bib.k2j3h4g5.tmp"
    recent_old_style = tmp_path / ".a.bib.zzzz9999.tmp"
    other_file = tmp_path / ".b.bib.999999999.abcd1234.tmp"
    for temporary in (dead, live, old_style, recent_old_style, other_file):
        temporary.write_text("partial")
    os.utime(old_style, (0, 0))
    atomic_write(path, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.bib", live.name, recent_old_style.name, other_file.name])


def test_remove_stale_temporaries_reports_what_it_removed(tmp_path: Path) -> None:
    dead = tmp_path / ".x.bib.999999999.q.tmp"
    dead.write_text("")
    assert remove_stale_temporaries(tmp_path / "x.bib") == [dead]


def test_writing_into_site_packages_is_refused(tmp_path: Path) -> None:
    inside = Path(sysconfig.get_paths()["purelib"]) / "balint_bib_no_such_dir" / "x.bib"
    with pytest.raises(UsageError, match="installed package"):
        atomic_write(inside, "x")
    assert not inside.exists()
