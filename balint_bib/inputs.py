"""Reading an input file's bytes safely: `-` is stdin, only regular files otherwise, and a
size cap, so a FIFO cannot block a run and /dev/zero cannot eat the memory."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from .errors import InputError, UsageError

STDIN = "-"
STDIN_NAME = "<stdin>"
# The bundled dataset is ~100 KB and a generated 10,000-entry library 6.9 MB.
MAX_INPUT_BYTES = 64 * 1024 * 1024

_stdin_bytes: bytes | None = None


def is_stdin(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDIN


def display_name(path: str | Path) -> str:
    """How messages name an input: `<stdin>` for `-`, the path otherwise."""
    return STDIN_NAME if is_stdin(path) else str(path)


def check_input(path: str | Path, missing: str = "no such file") -> Path:
    """`path`, if it is `-` or a regular file (through symlinks); else `UsageError`."""
    path = Path(path)
    if is_stdin(path):
        return path
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise UsageError(missing, path=path) from None
    except OSError as error:
        raise UsageError(f"cannot read: {error.strerror}", path=path) from None
    if stat.S_ISDIR(mode):
        raise UsageError("is a directory, expected a .bib file", path=path)
    if not stat.S_ISREG(mode):
        raise UsageError("not a regular file (a FIFO, socket or device); "
                         "to read a stream, give - and pipe it in", path=path)
    return path


def read_input(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of `path` (`-`: all of stdin, read once), at most `limit` of them
    (default `MAX_INPUT_BYTES`)."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    path = check_input(path)
    if is_stdin(path):
        return _read_stdin(limit)
    try:
        with open(path, "rb") as handle:
            # Ask for the file's size, not the limit: `read(limit + 1)` allocates that much
            # first, 64 MB for every file. One byte more shows that it grew since (or that
            # its size is not known: /proc), and then the rest is read, up to the limit.
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(size, limit) + 1)
            if size < len(data) <= limit:
                data += handle.read(limit + 1 - len(data))
    except OSError as error:
        raise UsageError(f"cannot read: {error.strerror}", path=path) from None
    _check_size(data, limit, str(path))
    return data


def _read_stdin(limit: int) -> bytes:
    global _stdin_bytes
    if _stdin_bytes is None:
        _stdin_bytes = sys.stdin.buffer.read(limit + 1)
    _check_size(_stdin_bytes, limit, STDIN_NAME)
    return _stdin_bytes


def _check_size(data: bytes, limit: int, name: str) -> None:
    if len(data) > limit:
        raise InputError(f"larger than {limit // (1024 * 1024)} MB, the input limit; "
                         "a bibliography that large is not a .bib file this tool reads",
                         path=name)
