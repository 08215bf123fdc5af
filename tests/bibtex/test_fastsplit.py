"""The fast splitter gives exactly bibtexparser's blocks, or declines (None)."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balint_bib.bibtex import fastsplit
from tests.support.tools import FIXTURES


def blocks(library) -> list[tuple]:
    """Everything a block carries that the reader uses, comparable."""
    out = []
    for block in library.blocks:
        inner = getattr(block, "ignore_error_block", None)
        fields = [(f.key, f.value, f.start_line) for f in getattr(block, "fields", [])]
        out.append((type(block).__name__, block.start_line, block.raw,
                    getattr(block, "key", None), getattr(block, "entry_type", None),
                    getattr(block, "value", None), getattr(block, "comment", None), fields,
                    type(inner).__name__ if inner is not None else None))
    return out


def assert_same_or_declined(text: str) -> bool:
    fast = fastsplit.split(text)
    if fast is None:
        return False
    assert blocks(fast) == blocks(bibtexparser.parse_string(text, parse_stack=[]))
    return True


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.bib")), ids=lambda p: p.name)
def test_fixtures(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the reader rejects it before splitting")
    assert_same_or_declined(text)


def test_the_benchmark_library_takes_the_fast_path() -> None:
    from tests.support.synthetic import generate

    assert assert_same_or_declined(generate(300, 7))


def test_clean_fixture_takes_the_fast_path() -> None:
    assert assert_same_or_declined((FIXTURES / "validate" / "clean.bib").read_text())


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff@article{k,\r\n  title = {A},\r\n  year = 2001\r\n}\r\n",
        '@inproceedings{k, booktitle = "{SODA}\'99: {ACM}-{SIAM}", note = "a}b, c{d",\n'
        '  title = "M{\\"u}ller", year = "1999"}\n',
        "% lead\n\n  @Book {K ,\n title={x},\n\n}\n\ntrailing text @ here\n",
        "@string{a = \"x\" # {y}}\n@comment{ {nested} }\n@preamble{ \"\\foo\" }\n",
        '@article{k, title = {He said "hi", twice}, note = "a, b" # jfp}',
        "@article{k, title = {a}}junk@misc{j, title = {b}}",
        "@article{,\n title = {x}}\n@book{ , title = {y}}\n",  # no key: Entry '', duplicated
    ],
)
def test_common_forms_take_the_fast_path_and_agree(text: str) -> None:
    assert assert_same_or_declined(text)


@pytest.mark.parametrize(
    "text",
    [
        '@article{k, title = "a {"} c"}',  # {"} inside quotes: bibtexparser's special case
        "@article(k, title = {x})",
        "@article{k,\n title = {x\n@book{j, title={y}}",
        "@misc{k}",
        "@article{k, title = {a}, title = {b}}",
        "@article{k, title = {\\\\{}}",
    ],
)
def test_unusual_forms_are_declined(text: str) -> None:
    assert fastsplit.split(text) is None


PIECES = st.sampled_from([
    "@article{", "@Book {", "@string{", "@comment{", "@preamble{", "@misc(", "@", "key",
    "Key2001", ",", ", ", "\n", "\n\n", "  ", "title", "author", " = ", "=", "{", "}",
    '"', "#", "jfp", "1988", "text", "{\\\"o}", "\\&", "\\{", "%", "@ x", "and", "--",
    ")", "\\\\",
])  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_random_text_agrees_or_is_declined(pieces: list[str]) -> None:
    assert_same_or_declined("".join(pieces))


ENTRY = st.builds(
    lambda kind, key, fields, gap: f"@{kind}{{{key},{gap}" + f",{gap}".join(fields) + f"{gap}}}",
    st.sampled_from(["article", "Book", "misc", "online"]),
    st.sampled_from(["A1", "key:2", "x-y", "", " "]),
    st.lists(st.builds(lambda n, v: f"{n} = {v}",
                       st.sampled_from(["title", "author", "year", "note", "pages"]),
                       st.sampled_from(["{a}", "{A {B} c}", '"q"', "1988", "jfp",
                                        "{a} # jfp", '"x" # {y}', "{\\\"u}", "{a, b}",
                                        "{x = y}", "{}", "{{{{deep}}}}"])),
             min_size=1, max_size=4, unique_by=lambda f: f.split(" = ")[0]),
    st.sampled_from(["", "\n  ", " ", "\n"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ENTRY, st.sampled_from(["\n", "% c\n", "junk\n", "@string{jfp = {J}}\n",
                                                  "@comment{x}\n", "\n\n"])), max_size=8))
def test_entry_like_text_agrees(parts: list[str]) -> None:
    assert_same_or_declined("".join(parts))


def test_the_equivalence_above_is_checked_on_the_pinned_bibtexparser() -> None:
    """The splitter copies bibtexparser's block boundaries; the pin in pyproject.toml says
    which release these tests proved that for. Another release must rerun them first."""
    import tomllib
    from importlib.metadata import version

    from tests.support.tools import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    [pin] = [d for d in project["project"]["dependencies"] if d.startswith("bibtexparser")]
    assert pin == f"bibtexparser=={version('bibtexparser')}"
