"""`balint-annotated` prints each annotation itself: once, with or without --annotated, in
every output and in `build`; other styles get the annotation only with --annotated."""

from __future__ import annotations

from pathlib import Path

import pytest

import balint_bib
from tests.support.tools import run_cli

KEYS = "Balint1964,Kjeldmand2004"
# the first words of each annotation, as the style and as plain text print them
STARTS = ("This book is dense to read", "Qualitative research documenting how")


def _count(text: str) -> list[int]:
    return [text.count(start) for start in STARTS]


def test_the_annotations_are_those_of_the_entries() -> None:
    bib = balint_bib.load()
    for key, start in zip(KEYS.split(","), STARTS, strict=True):
        assert (bib[key].text("annote") or "").startswith(start)


@pytest.mark.parametrize("output", ["text", "html", "markdown", "rtf"])
@pytest.mark.parametrize("annotated", [False, True])
def test_balint_annotated_prints_each_annotation_once(output: str, annotated: bool,
                                                      tmp_path: Path) -> None:
    flags = ["--annotated"] if annotated else []
    result = run_cli("format", "--style", "balint-annotated", "--keys", KEYS, "--format", output,
                     *flags, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _count(result.stdout) == [1, 1]


@pytest.mark.parametrize(("annotated", "times"), [(False, 0), (True, 1)])
def test_other_styles_only_with_annotated(annotated: bool, times: int, tmp_path: Path) -> None:
    flags = ["--annotated"] if annotated else []
    result = run_cli("format", "--style", "apa", "--keys", KEYS, *flags, cwd=tmp_path)
    assert _count(result.stdout) == [times, times]


def test_build_with_balint_annotated(tmp_path: Path) -> None:
    result = run_cli("build", "--out", tmp_path, "--styles", "balint-annotated",
                     "--syllabus", "residents-reading-list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "residents-reading-list.html").read_text()
    markdown = (tmp_path / "residents-reading-list.md").read_text()
    assert _count(page) == [1, 1] and _count(markdown) == [1, 1]
