"""The dataset profile's keyword vocabulary: `<stem>.keywords.toml` beside the .bib file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from balint_bib.dataset import data_dir, references_path
from balint_bib.vocabulary import parse, vocabulary_path
from tests.support.tools import run_cli


def _dataset_copy(tmp_path: Path) -> Path:
    """The bundled dataset, its sidecar, vocabulary and syllabi, copied to `tmp_path`."""
    source = data_dir()
    for path in source.glob("references.*"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copytree(source / "syllabi", tmp_path / "syllabi")
    return tmp_path / "references.bib"


def _validate(bib: Path) -> tuple[int, list[dict]]:
    syllabus = bib.parent / "syllabi" / "balint-resource-list.toml"
    result = run_cli("validate", "--profile", "dataset", "--syllabus", syllabus, bib,
                     "--format", "json")
    return result.returncode, json.loads(result.stdout)["findings"]


@pytest.mark.skipif(not references_path().exists(), reason="the bundled dataset is not here")
def test_the_dataset_profile_rejects_a_keyword_outside_the_vocabulary(tmp_path: Path) -> None:
    bib = _dataset_copy(tmp_path)
    assert _validate(bib) == (0, [])
    text = bib.read_text(encoding="utf-8")
    # A near-duplicate and a format word, of the kinds the vocabulary replaced.
    bib.write_text(text.replace("{Balint method, history, group leadership, faculty, book}",
                                "{Balint Method, outcomes research, faculty, book}"),
                   encoding="utf-8")
    code, findings = _validate(bib)
    assert code == 1
    assert [(f["code"], f["key"], f["fix"]) for f in findings] == [
        ("BB510", "Balint1964", "write 'Balint method'"),
        ("BB510", "Balint1964", "use a term of the vocabulary, or add the term to it"),
    ]
    # The vocabulary is the file's own: without it there is nothing to check against.
    vocabulary_path(bib).unlink()
    assert _validate(bib) == (0, [])


@pytest.mark.skipif(not references_path().exists(), reason="the bundled dataset is not here")
def test_every_entry_names_its_audience_and_kind(tmp_path: Path) -> None:
    bib = _dataset_copy(tmp_path)
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("{Balint method, residents, handout}", "{Balint method}"),
                   encoding="utf-8")
    code, findings = _validate(bib)
    assert code == 0  # a warning
    [finding] = findings
    assert (finding["code"], finding["key"]) == ("BB511", "ABS2007WhatToExpect")
    assert finding["message"] == "no keyword for audience or kind"


def test_a_malformed_vocabulary_is_a_finding_with_its_line(tmp_path: Path) -> None:
    bib = _dataset_copy(tmp_path)
    vocabulary_path(bib).write_text('required = ["kind"]\n[kind\nbook = "a book"\n')
    code, findings = _validate(bib)
    assert code == 1
    [finding] = findings
    assert finding["code"] == "BB512" and finding["line"] == 2


@pytest.mark.parametrize(("text", "fragment"), [
    ('[subject]\nempathy = "x"\n[kind]\nEmpathy = "y"\n', "a term belongs to one facet"),
    ('[subject]\n', "facet 'subject' must be a table"),
    ('required = "kind"\n[kind]\nbook = "x"\n', "'required' must be a list"),
    ('required = ["kind"]\n[subject]\nempathy = "x"\n', "facets that do not exist: kind"),
    ('required = []\n', "no facets"),
])
def test_vocabulary_errors(text: str, fragment: str) -> None:
    vocabulary, [problem] = parse(text, "v.toml")
    assert vocabulary is None and fragment in problem.message and problem.code == "BB512"


def test_closest_term() -> None:
    vocabulary, problems = parse('[subject]\n"group leadership" = "x"\nempathy = "y"\n', "v")
    assert problems == [] and vocabulary is not None
    assert vocabulary.closest("Group Leadership") == "group leadership"
    assert vocabulary.closest("group leadershp") == "group leadership"
    assert vocabulary.closest("handout") is None
    assert vocabulary.facet_of("empathy") == "subject" and vocabulary.facet_of("Empathy") is None
