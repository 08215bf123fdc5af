"""@string expansion is capped per value and per file, and the cap names the macro's line."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from balint_bib import parse_string
from balint_bib.bibtex.values import MAX_VALUE_CHARS


def _doubling(levels: int) -> str:
    lines = ['@string{m0 = "xxxxxxxxxxxxxxxx"}']
    lines += [f"@string{{m{n} = m{n - 1} # m{n - 1}}}" for n in range(1, levels)]
    lines.append(f"@misc{{Big,\n  title = m{levels - 1},\n}}")
    return "\n".join(lines) + "\n"


def test_doubling_macros_stop_at_the_value_cap_with_the_macro_line() -> None:
    text = _doubling(60)  # 16 * 2**59 characters if expanded
    assert len(text) < 2000
    bibliography = parse_string(text, "bomb.bib")
    problem = bibliography.problems[0]
    first_too_long = next(n for n in range(60) if 16 * 2**n > MAX_VALUE_CHARS)
    assert problem.code == "BB101" and problem.line == first_too_long + 1
    assert f"expanding 'm{first_too_long - 1}'" in problem.message
    assert "longer than 1,000,000 characters" in problem.message


def test_a_chain_of_macros_stops_at_the_file_cap() -> None:
    count = 20_000
    lines = ['@string{c0 = "' + "y" * 3000 + '"}']
    lines += [f'@string{{c{n} = c{n - 1} # "y"}}' for n in range(1, count)]
    bibliography = parse_string("\n".join(lines) + "\n", "chain.bib")
    problems = bibliography.problems
    assert problems and "exceeds 64,000,000 characters" in problems[0].message
    assert problems[0].line > 1  # the @string where the budget ran out


def test_the_cli_reports_a_bomb_in_one_line_and_little_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.bib"
    bomb.write_text(_doubling(60))

    def limit_memory() -> None:  # 1 GB: the unbounded expansion took 5 GB
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run([sys.executable, "-m", "balint_bib", "list", str(bomb)],
                            capture_output=True, text=True, preexec_fn=limit_memory,
                            timeout=60, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"balint-bib: error: {bomb}:")
    assert "longer than 1,000,000 characters" in result.stderr
    assert result.stderr.count("\n") == 1
