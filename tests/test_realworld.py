"""The real-world corpus (../shared/realworld-bib): every file reads, validates, exports
and formats without a traceback; `--lenient` exports exactly the readable entries; names
split as BibTeX 0.99d splits them (apart from the differences the README lists); and no
word of a title, booktitle or journal is lost on the way to CSL-JSON.

The commands run in-process (click's runner), once per file and format, so the 13 MB
corpus costs its parsing and rendering, not interpreter start-ups.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from balint_bib.bibtex.braces import mask_groups
from balint_bib.bibtex.inherit import resolve
from balint_bib.bibtex.macros import LOGOS, is_known
from balint_bib.bibtex.reader import Bibliography, parse_file
from balint_bib.cli import main
from balint_bib.errors import InputError
from balint_bib.registry import EXPORTERS
from tests.support.bibtex_names import Parts, bibtex_names, our_parts
from tests.support.tools import SHARED, require

CORPUS = SHARED / "realworld-bib"
FILES = sorted(CORPUS.glob("*.bib")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not FILES, reason=f"{CORPUS} is not present")
ids = [path.stem for path in FILES]


@cache
def _parsed(path: Path) -> Bibliography | None:
    try:
        return parse_file(path)
    except InputError:
        return None  # not text at all (bytes that are not UTF-8): one error line, no data


def _run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback from {args}") from result.exception
    assert result.exit_code in (0, 1), (args, result.output[-500:])
    return result


@cache
def _csl_json(path: Path) -> list[dict[str, object]]:
    result = _run("export", "--lenient", "-f", "csl-json", path)
    return json.loads(result.stdout) if result.stdout.strip() else []


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=ids)
def test_no_traceback_from_any_command(path: Path) -> None:
    _run("validate", "--format", "json", path)
    bibliography = _parsed(path)
    if bibliography is None or bibliography.errors:  # strict: one error line, exit 1
        assert _run("export", "-f", "csl-json", path).exit_code == 1
    _csl_json(path)  # shared with the tests below
    for format_name in EXPORTERS.names():
        if format_name != "csl-json":
            _run("export", "--lenient", "-f", format_name, path)
    _run("format", "--lenient", "--style", "apa", path)


_ENTRY_START = re.compile(r"(?m)^[ \t]*@(?!string\b|comment\b|preamble\b)[\w]+[ \t]*[{(]",
                          re.IGNORECASE)


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=ids)
def test_lenient_export_is_exactly_the_readable_entries(path: Path) -> None:
    bibliography = _parsed(path)
    if bibliography is None:
        assert _run("export", "--lenient", "-f", "csl-json", path).exit_code == 1
        return
    assert [item["id"] for item in _csl_json(path)] == list(bibliography.keys)
    # Every entry the file starts is exported, or reported as skipped, at its line.
    accounted = {r.line for r in bibliography.records}
    accounted |= {p.line or 0 for p in bibliography.errors if not p.field}
    inside_comments = [(s.start, s.end) for s in bibliography.spans if s.kind == "comment"]
    text = bibliography.text
    for match in _ENTRY_START.finditer(text):
        if any(start <= match.start() < end for start, end in inside_comments):
            continue
        line = text.count("\n", 0, match.start()) + 1
        assert line in accounted, f"{path.name}:{line}: entry neither exported nor reported"


def _documented_difference(raw: str, theirs: Parts, ours: Parts) -> bool:
    """The README's list: BibTeX splits words at hyphens (so `Jean-luc` gives a von part
    `luc`, `van Antwerpen-de Fluiter` a von `van Antwerpen-de`, and `J. -M.` loses its
    hyphen); it sees only ASCII letters (`Özlem` is lower case to it); and it reads `\\~` at
    brace depth 0 as a tie. Each leaves the same words in the same order."""
    if "\\~" in mask_groups(raw):
        return True

    def words(parts: Parts) -> list[str]:
        return re.sub(r"[-\u2013]+", " ", " ".join(parts)).split()

    same_words = words(theirs) == words(ours)
    hyphen = "-" in raw
    non_ascii_von = bool(theirs[1]) and not theirs[1][0].isascii()
    return same_words and (hyphen or non_ascii_von)


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=ids)
def test_names_split_as_bibtex_does(path: Path) -> None:
    require(shutil.which("bibtex") is not None, "bibtex (BibTeX 0.99d)")
    bibliography = _parsed(path)
    if bibliography is None:
        return
    reference = bibtex_names(path)
    keys = set(bibliography.keys)
    expected = sum(len(v) for (key, _), v in reference.items() if key in keys)
    compared = 0
    for record in resolve(bibliography).records:  # BibTeX inherits names through crossref
        for role in ("author", "editor"):
            theirs = reference.get((record.key, role))
            if theirs is None:
                continue
            raw_names = _raw_names(record.get(role) or "")
            ours = [our_parts(name) for name in record.names(role)]
            assert len(ours) == len(theirs), (record.key, role, ours, theirs)
            for raw, mine, bibtex in zip(raw_names, ours, theirs, strict=False):
                compared += 1
                if mine != bibtex:
                    assert _documented_difference(raw, bibtex, mine), (
                        f"{path.name}: {record.key} {role} {raw!r}: BibTeX {bibtex}, "
                        f"balint-bib {mine}")
    assert compared == expected


def _raw_names(value: str) -> list[str]:
    from balint_bib.bibtex.names import split_name_list

    return [n for n in split_name_list(value) if n.strip(" ,~")]


# Words of the .bib text, markup stripped independently of the decoder under test.
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae",
                       "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ȷ": "j", "đ": "d"})
_LETTER_MACROS = {"o": "o", "O": "O", "l": "l", "L": "L", "ss": "ss", "ae": "ae", "AE": "AE",
                  "oe": "oe", "OE": "OE", "aa": "a", "AA": "A", "i": "i", "j": "j"}
_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)\s*")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _bib_words(value: str) -> set[str]:
    def control(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in LOGOS:
            return LOGOS[name]
        if name.isupper() and len(name) > 1 and not is_known(name):
            return f" {name} "  # an acronym macro (`\\UNIX{\\TeX}`) prints its name
        return _LETTER_MACROS.get(name, " ")

    text = re.sub(r"(?<!\\)\$[^$]*(?<!\\)\$", " ", value)  # math is not words
    text = re.sub(r"\\(?:url|path|href)\s*\{[^{}]*\}", " ", text)
    # a dimension is not a word (`\kern-.1emVDU`)
    text = re.sub(r"\\(?:kern|mkern|raise|lower|[hvm]skip)\s*[-+]?\d*\.?\d+\s*[a-z]{2}", "",
                  text)
    text = _CONTROL_WORD.sub(control, text)
    text = re.sub(r"\\.", "", text).replace("{", "").replace("}", "")
    return {w for w in re.findall(r"[^\W_]+", _fold(text)) if len(w) > 1 and not w.isdigit()}


def _letters(text: str) -> str:
    """Folded letters and digits only: markup (`<sub>`, `_{…}`) may split a word."""
    return re.sub(r"[\W_]+", "", _fold(re.sub(r"</?(?:i|b|sub|sup|sc|span[^>]*)>", "", text)))


# Where CSL-JSON puts a title, booktitle or journal (an @article's booktitle: volume-title).
_TITLE_VARIABLES = ("title", "container-title", "volume-title", "collection-title",
                    "event-title")


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=ids)
def test_no_word_of_a_title_booktitle_or_journal_is_lost(path: Path) -> None:
    bibliography = _parsed(path)
    if bibliography is None:
        return
    items = {item["id"]: item for item in _csl_json(path)}
    lost = []
    for record in resolve(bibliography).records:
        item = items[record.key]
        shown = _letters(" ".join(str(item.get(name, "")) for name in _TITLE_VARIABLES))
        for name in ("title", "booktitle", "journal", "journaltitle"):
            value = record.get(name)
            if value is None:
                continue
            missing = sorted(w for w in _bib_words(value) if w not in shown)
            if missing:
                lost.append(f"{record.key}.{name}: {missing} of {value[:80]!r}")
    assert not lost, f"{len(lost)} values lose words, e.g. " + "; ".join(lost[:5])
