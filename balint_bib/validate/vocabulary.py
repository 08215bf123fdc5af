"""BB510-BB512: keywords from the file's controlled vocabulary (`<stem>.keywords.toml`),
checked in the dataset profile for every file that has one."""

from __future__ import annotations

from collections.abc import Iterator

from ..bibtex.reader import Bibliography
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..vocabulary import VOCABULARY_CODE
from .core import Context, check, rule

BB510 = rule("BB510", ERROR, "keyword outside the file's keyword vocabulary", "dataset",
             "dataset")
BB511 = rule("BB511", WARNING, "entry without a keyword of a required facet (audience, kind)",
             "dataset", "dataset")
BB512 = rule(VOCABULARY_CODE, ERROR, "keyword vocabulary malformed", "dataset", "dataset")


@check(BB510, BB511, scope="bibliography")
def controlled_keywords(bibliography: Bibliography, context: Context) -> Iterator[Diagnostic]:
    vocabulary = context.vocabularies.get(bibliography.path)
    if vocabulary is None:
        return  # no vocabulary file: nothing to check against (or BB512 was reported)
    for record in bibliography.records:
        used: set[str] = set()
        for keyword in record.keywords:
            facet = vocabulary.facet_of(keyword)
            if facet is not None:
                used.add(facet)
                continue
            meant = vocabulary.closest(keyword)
            yield BB510.at(record, "keywords", f"keyword '{keyword}' is not in "
                           f"{vocabulary.path}",
                           fix=f"write '{meant}'" if meant else
                           "use a term of the vocabulary, or add the term to it")
        missing = [facet for facet in vocabulary.required if facet not in used]
        if missing and record.keywords:  # no keywords at all is BB504's finding
            terms = "; ".join(f"{facet}: {', '.join(vocabulary.facets[facet])}"
                              for facet in missing)
            yield BB511.at(record, "keywords", f"no keyword for {' or '.join(missing)}",
                           fix=f"add one of {terms}")
