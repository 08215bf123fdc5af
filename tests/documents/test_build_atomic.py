"""build writes the whole site into a temporary folder first: a full disk leaves the old
site as it was, not a part of the new one."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from balint_bib import UsageError
from balint_bib.documents import site as site_module
from balint_bib.documents.site import write_site


def _fill_disk_at(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    real = site_module._write_file
    calls = 0

    def write(path: Path, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls == count:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(site_module, "_write_file", write)


FILES = {f"page{n}.html": f"new {n}".encode() for n in range(6)}


def test_a_full_disk_leaves_the_old_site_whole(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    out.mkdir()
    for n in range(6):
        (out / f"page{n}.html").write_text(f"old {n}")
    (out / "mine.txt").write_text("not the build's")
    _fill_disk_at(4, monkeypatch)
    with pytest.raises(UsageError, match="No space left on device; nothing in it was changed"):
        write_site(FILES, out)
    assert {p.name: p.read_text() for p in out.iterdir()} == {
        **{f"page{n}.html": f"old {n}" for n in range(6)}, "mine.txt": "not the build's"}


def test_a_full_disk_on_a_new_site_leaves_no_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    _fill_disk_at(2, monkeypatch)
    with pytest.raises(UsageError):
        write_site(FILES, out)
    assert not out.exists()


def test_a_build_replaces_the_files_and_keeps_others(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "page0.html").write_text("old")
    (out / "mine.txt").write_text("kept")
    write_site(FILES, out)
    assert (out / "page0.html").read_text() == "new 0" and (out / "mine.txt").read_text() == "kept"
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILES, "mine.txt"])
