"""list and show never print characters that reorder or hide text on a terminal."""

from __future__ import annotations

from pathlib import Path

from balint_bib.cli.terminal import visible
from tests.support.tools import run_cli

HOSTILE = "Safe\u202etxt.exe\u200b\u2066x\u2069\ufeff\U000e0041\x1b[31m"


def test_visible_escapes_bidi_zero_width_and_controls() -> None:
    assert visible(HOSTILE) == ("Safe\\u202etxt.exe\\u200b\\u2066x\\u2069\\ufeff"
                                "\\U000e0041\\u001b[31m")
    assert visible("Holmström, 東京 — ok\t") == "Holmström, 東京 — ok\t"


def test_list_and_show_escape_them(tmp_path: Path) -> None:
    bib = tmp_path / "h.bib"
    bib.write_text(f"@misc{{H,\n  title = {{{HOSTILE}}},\n  author = {{Evil\u202e, A.}},\n"
                   "  howpublished = {Web page},\n}\n", encoding="utf-8")
    for args in (("list", bib), ("show", "H", "--file", bib)):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert not any(c in result.stdout for c in "\u202e\u200b\u2066\ufeff\x1b")
        assert "\\u202e" in result.stdout
