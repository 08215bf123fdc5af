"""Writing files so that a reader sees the old content or the new, never a part.

`atomic_write` writes what sits *behind* a path: a symlink's target (the link stays), a
device or FIFO directly (a copy of /dev/null stays a device), and a regular file through a
temporary file in its directory that takes over the old file's mode and ownership. A file
with other hard links is rewritten in place after its blocks are reserved, so every link
sees the new content. Temporaries left by a killed run are removed by the next write.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sysconfig
import tempfile
import time
from pathlib import Path

from .errors import UsageError

# A temporary without the writer's pid (an older version's) is stale after this long.
_STALE_AFTER = 600.0


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part.

    A file that cannot be written (no such directory, no permission, a full disk, a path
    inside an installed package) is a `UsageError` naming it; the old file, if any, is left
    as it was.
    """
    shown = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(shown))  # through symlinks: the link is kept
    refuse_installed(target, shown)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror}", path=shown) from None
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                raise UsageError("is a directory", path=shown)
            _write_through(target, payload)  # a device or FIFO: never replaced by a file
        elif info is not None and info.st_nlink > 1:
            _rewrite_in_place(target, payload)
        else:
            _replace(target, payload, info)
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror or error}", path=shown) from None


def _replace(target: Path, payload: bytes, info: os.stat_result | None) -> None:
    directory = target.parent
    remove_stale_temporaries(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.",
                                             suffix=".tmp", dir=directory)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); keep the old file's mode and owner, or
        # give a new file the mode any other new file would get.
        if info is None:
            os.chmod(temporary, _NEW_FILE_MODE)
        else:
            with contextlib.suppress(PermissionError):  # only root may give a file away
                os.chown(temporary, info.st_uid, info.st_gid)
            os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _write_through(target: Path, payload: bytes) -> None:
    with open(target, "wb") as handle:
        handle.write(payload)


def _rewrite_in_place(target: Path, payload: bytes) -> None:
    """Keep hard links: reserve the blocks first, so a full disk fails before any byte
    of the old content changes."""
    descriptor = os.open(target, os.O_WRONLY)
    try:
        if payload and hasattr(os, "posix_fallocate"):
            os.posix_fallocate(descriptor, 0, len(payload))
        os.lseek(descriptor, 0, os.SEEK_SET)
        view = memoryview(payload)
        while view:
            view = view[os.write(descriptor, view):]
        os.ftruncate(descriptor, len(payload))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_stale_temporaries(target: Path, now: float | None = None) -> list[Path]:
    """Delete `.NAME.PID.XXXX.tmp` files whose writer is gone (and pid-less ones from
    older versions once they are old); a live writer's temporary is kept."""
    now = time.time() if now is None else now
    prefix = f".{target.name}."
    removed: list[Path] = []
    try:
        candidates = [p for p in target.parent.iterdir()
                      if p.name.startswith(prefix) and p.name.endswith(".tmp")]
    except OSError:
        return removed
    for candidate in candidates:
        pid, dot, _ = candidate.name[len(prefix):-len(".tmp")].partition(".")
        try:
            info = candidate.lstat()
            stale = (not _alive(int(pid)) if dot and pid.isdigit()
                     else now - info.st_mtime >= _STALE_AFTER)
            if stale and stat.S_ISREG(info.st_mode):
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def installed_roots() -> list[Path]:
    """Where installed packages live (site-packages of this interpreter)."""
    paths = sysconfig.get_paths()
    roots = {Path(os.path.realpath(paths[name])) for name in ("purelib", "platlib")
             if name in paths}
    return sorted(roots)


def refuse_installed(target: Path, shown: Path | None = None) -> None:
    """An installed copy is not where edits belong: a write there is lost on the next
    install and was meant for the checkout."""
    for root in installed_roots():
        if target == root or root in target.parents:
            raise UsageError("refusing to write inside an installed package "
                             f"({root}); work in a checkout (pip install -e .) "
                             "or write the result elsewhere with -o",
                             path=shown or target)


def _umask() -> int:
    # Read once at import, before any thread exists: os.umask can only be read by setting it.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()
