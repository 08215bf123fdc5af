"""The command line on broken streams: a full disk, a closed pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = [("list",), ("show", "Balint1964"), ("validate",), ("export", "-f", "ris"),
            ("styles",)]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_stdout_on_a_full_device_is_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:  # writing to the device, never replacing it
        result = subprocess.run([sys.executable, "-m", "balint_bib", *args], stdout=full,
                                stderr=subprocess.PIPE, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert _errors(result.stderr) == ["balint-bib: error: cannot write the output: "
                                      "No space left on device"]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_closed_pipe_is_a_quiet_exit(args: tuple[str, ...], tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the pager has gone before the first byte
    try:
        result = subprocess.run([sys.executable, "-m", "balint_bib", *args], stdout=write_end,
                                stderr=subprocess.PIPE, text=True, cwd=tmp_path, check=False)
    finally:
        os.close(write_end)
    assert _errors(result.stderr) == []
    assert result.returncode == 0


def _errors(stderr: str) -> list[str]:
    """stderr without the note naming the default dataset."""
    return [line for line in stderr.splitlines() if not line.startswith("balint-bib: dataset:")]
