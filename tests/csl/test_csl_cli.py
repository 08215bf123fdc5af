"""Style resolution and the format / cite / styles / export commands."""

from __future__ import annotations

import json

import pytest

from balint_bib.csl.styles import resolve_style, search_styles
from balint_bib.errors import UsageError
from tests.support.tools import FIXTURES, run_cli

CASES = FIXTURES / "csl" / "cases.bib"


def test_renamed_dependent_project_and_path_styles(tmp_path):
    assert resolve_style("vancouver").path.stem == "nlm-citation-sequence"
    dependent = resolve_style("nature-digest")  # a dependent style → its parent
    assert dependent.path.stem == "nature" and dependent.name == "nature-digest"
    assert resolve_style("balint-annotated").path.name == "balint-annotated.csl"
    copy = tmp_path / "mine.csl"
    copy.write_bytes(resolve_style("apa").path.read_bytes())
    assert resolve_style(str(copy)).path == copy
    assert "vancouver" in search_styles("vancouver")


def test_unknown_style_suggests_close_names():
    with pytest.raises(UsageError, match="did you mean vancouver"):
        resolve_style("vancuver")


def test_style_with_external_entity_is_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    style = resolve_style("apa").path.read_text(encoding="utf-8")
    hostile = style.replace('<?xml version="1.0" encoding="utf-8"?>',
                            f'<?xml version="1.0"?><!DOCTYPE style [<!ENTITY x SYSTEM '
                            f'"file://{secret}">]>', 1)
    hostile = hostile.replace("<title>", "<title>&x;", 1)
    path = tmp_path / "hostile.csl"
    path.write_text(hostile, encoding="utf-8")
    from balint_bib.csl.styles import read_style_xml

    tree = read_style_xml(path)
    assert b"TOP-SECRET" not in __import__("lxml.etree").etree.tostring(tree)


def test_format_text_and_errors():
    result = run_cli("format", CASES, "--style", "vancouver")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 9 and lines[0].startswith("1. Balint M.")
    bad = run_cli("format", CASES, "--style", "vancuver")
    assert bad.returncode == 2 and "did you mean vancouver" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_format_standalone_html(tmp_path):
    out = tmp_path / "bib.html"
    result = run_cli("format", CASES, "--style", "apa", "--format", "html", "--standalone",
                     "-o", out)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-US">' in page
    assert '<div class="csl-entry" id="Balint1957">' in page and "<style>" in page


def test_format_syllabus_annotated_markdown(tmp_path):
    bib = tmp_path / "a.bib"
    bib.write_text("@book{B1, author={Roe, Ann}, title={One}, year={2001}, annote={Read *me*.}}\n"
                   "@book{B2, author={Doe, Jim}, title={Two}, year={2002}, annote={Then this.}}\n")
    syllabus = tmp_path / "course.toml"
    syllabus.write_text('title = "Course"\nintroduction = ""\n[[sections]]\ntitle = "Start"\n'
                        'keys = ["B2"]\n[[sections]]\ntitle = "Later"\nkeys = ["B1"]\n')
    result = run_cli("format", bib, "--style", "apa", "--format", "markdown", "--annotated",
                     "--syllabus", syllabus)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.index("## Start") < text.index("Doe, J.") < text.index("## Later")
    assert "> Read \\*me\\*." in text


def test_cite_and_rtf():
    result = run_cli("cite", "Salinsky2003a", "Balint1957", "--style", "apa", "--file", CASES)
    assert result.stdout.strip() == "(Balint, 1957; Salinsky, 2003a)"
    rtf = run_cli("format", CASES, "--style", "apa", "--format", "rtf", "--keys", "Balint1957")
    assert rtf.stdout.startswith(r"{\rtf1") and r"{\i The Doctor" in rtf.stdout


def test_export_csl_json():
    result = run_cli("export", "--format", "csl-json", CASES)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert {i["id"] for i in items} >= {"Balint1957", "vanderBerg2010"}


def test_styles_search():
    result = run_cli("styles", "--search", "nlm-citation-seq")
    assert "nlm-citation-sequence" in result.stdout.split()
