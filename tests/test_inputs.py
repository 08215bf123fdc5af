"""Inputs: `-` is stdin, FIFOs and devices are refused, the size is capped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from balint_bib import InputError, parse_file
from tests.support.tools import FIXTURES, run_cli

COMMANDS = [("validate",), ("list",), ("export", "-f", "ris"), ("format", "--style", "apa")]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_fifo_is_refused_at_once(args: tuple[str, ...], tmp_path: Path) -> None:
    fifo = tmp_path / "in.bib"
    os.mkfifo(fifo)
    result = run_cli(*args, fifo, cwd=tmp_path, timeout=20)  # blocked forever before
    assert result.returncode == 2
    assert result.stderr == (f"balint-bib: error: {fifo}: not a regular file (a FIFO, socket "
                             "or device); to read a stream, give - and pipe it in\n")


def test_a_device_is_refused(tmp_path: Path) -> None:
    result = run_cli("validate", "/dev/zero", cwd=tmp_path, timeout=20)
    assert result.returncode == 2 and "/dev/zero: not a regular file" in result.stderr


def test_the_input_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("balint_bib.inputs.MAX_INPUT_BYTES", 1024 * 1024)
    big = tmp_path / "big.bib"
    big.write_bytes(b"%" * (1024 * 1024 + 1))
    with pytest.raises(InputError, match="larger than 1 MB, the input limit"):
        parse_file(big)


@pytest.mark.parametrize("told", [0, 10])
def test_a_file_longer_than_its_stat_size_is_read_whole_up_to_the_cap(
        told: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read asks for the size `fstat` gives; a file that grew since, or one whose size
    is not known (0, as in /proc), is still read to its end, and the cap still holds."""
    from balint_bib import inputs

    real_fstat = os.fstat

    class Shrunk:
        def __init__(self, result: os.stat_result) -> None:
            self.st_mode, self.st_size = result.st_mode, told

    monkeypatch.setattr(inputs.os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    data = b"@misc{k, note = {" + b"x" * 5000 + b"}}\n"
    path = tmp_path / "grown.bib"
    path.write_bytes(data)
    assert inputs.read_input(path) == data
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1000)
    with pytest.raises(InputError, match="the input limit"):
        inputs.read_input(path)


def test_an_endless_stdin_stops_at_the_cap(tmp_path: Path) -> None:
    zeros = subprocess.Popen(["head", "-c", str(70 * 1024 * 1024), "/dev/zero"],
                             stdout=subprocess.PIPE)
    result = subprocess.run([sys.executable, "-m", "balint_bib", "list", "-"],
                            stdin=zeros.stdout, capture_output=True, text=True, cwd=tmp_path,
                            timeout=60, check=False)
    assert zeros.stdout is not None
    zeros.stdout.close()  # head gets SIGPIPE instead of waiting for a reader
    zeros.wait()
    assert result.returncode == 1
    assert result.stderr.startswith("balint-bib: error: <stdin>: larger than 64 MB")


@pytest.mark.parametrize("args", [("list", "-"), ("validate", "-"), ("export", "-f", "ris", "-"),
                                  ("show", "Balint1957", "--file", "-"),
                                  ("format", "-", "--style", "apa")],
                         ids=lambda a: a[0])
def test_dash_reads_stdin(args: tuple[str, ...], tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "balint_bib", *args],
                            input=(FIXTURES / "roundtrip.bib").read_text(), capture_output=True,
                            text=True, cwd=tmp_path, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "Balint" in result.stdout or "in 1 file (3 entries)" in result.stdout
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("args", [("export", "-f", "bibtex"), ("format", "--style", "apa")],
                         ids=lambda a: a[0])
def test_dash_output_is_stdout(args: tuple[str, ...], tmp_path: Path) -> None:
    result = run_cli(*args, FIXTURES / "roundtrip.bib", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Balint" in result.stdout
    assert list(tmp_path.iterdir()) == []  # no file named '-'
