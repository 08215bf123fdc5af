"""A labelled PubMed benchmark: E-utilities-shaped records and citations of them.

Built like the Crossref benchmark (`crossref_corpus`, same generator and the same
perturbations of real reference lists), from a fixed seed. Every positive can be looked
up: it has a DOI, or journal, year, volume and first page. Some PubMed records lack the
DOI the entry has (found by ECitMatch); some titles are damaged (a word dropped).
Negatives are built to be answered and refused: ECitMatch's look-alike on the same
journal, volume and page with another author and year; a DOI that PubMed files under
another article; the same authors' paper on the same page with a title one word
different; and works PubMed lacks next to same-titled ones in other volumes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.support import title_damage as damage
from tests.support.crossref_corpus import Citation, _cite, _Generator
from tests.support.fake_eutils import Article

SEED = 20261202
NEGATIVE_KINDS = ("ECitMatch look-alike, other author and year",
                  "DOI filed under another article",
                  "same authors, same page, one word different",
                  "same title, other volume")


@dataclass
class PubMedBenchmark:
    articles: list[Article]
    citations: list[Citation]

    def bibtex(self) -> str:
        return "\n".join(c.bibtex() for c in self.citations)


def _article(message: dict[str, Any], pmid: str, *, doi: bool = True,
             pmcid: str = "") -> Article:
    title = message["title"][0] + (f": {message['subtitle'][0]}" if "subtitle" in message
                                   else "")
    return Article(pmid, title, [(a["given"], a["family"]) for a in message["author"]],
                   message["issued"]["date-parts"][0][0], message["container-title"][0],
                   message["short-container-title"][0], message.get("volume", ""),
                   message.get("issue", ""), message.get("page", ""),
                   doi=message["DOI"] if doi else "", pmcid=pmcid)


def build(seed: int = SEED, positives: int = 200, negatives: int = 100) -> PubMedBenchmark:
    generator = _Generator(seed)
    random_ = generator.random
    articles = [_article(generator.article(), str(20000000 + n)) for n in range(200)]
    citations: list[Citation] = []
    for number in range(positives):
        message = generator.article()
        pmid = str(21000000 + number)
        in_pubmed_doi = number % 7 != 3
        articles.append(_article(message, pmid, doi=in_pubmed_doi,
                                 pmcid=f"PMC{5000000 + number}" if number % 2 else ""))
        citation = _cite(message, f"pos{number:03d}", random_)
        citation.expected_doi = pmid
        if number % 3 == 0 or "pages" not in citation.fields:
            citation.fields["doi"] = message["DOI"]
            citation.perturbations.append("with DOI")
        if not in_pubmed_doi:
            citation.perturbations.append("PubMed record without the DOI")
            citation.fields.update(volume=message["volume"], number=message["issue"],
                                   pages=message["page"].replace("-", "--"))
        if number % 10 == 5 and "pages" in citation.fields:
            citation.fields["title"] = damage.drop_word(citation.fields["title"], random_)
            citation.perturbations.append("word dropped")
        citations.append(citation)
    for number in range(negatives):
        kind = NEGATIVE_KINDS[number % len(NEGATIVE_KINDS)]
        cited = generator.article()
        cited.pop("subtitle", None)
        year = cited["issued"]["date-parts"][0][0]
        journal = (cited["container-title"][0], cited["short-container-title"][0])
        authors = [(a["given"], a["family"]) for a in cited["author"]]
        pmid = str(22000000 + number)
        if kind.startswith("ECitMatch"):
            twin = generator.article(journal=journal, volume=cited["volume"],
                                     year=year + random_.choice([-2, -1, 1, 3]),
                                     page=cited["page"])
        elif kind.startswith("DOI"):
            twin = generator.article(journal=journal, year=year)
            twin["DOI"] = cited["DOI"]
        elif kind.startswith("same authors"):
            words = cited["title"][0].split()
            i = max(range(1, len(words)), key=lambda j: (len(words[j]) >= 5
                                                         and words[j].isalpha(), random_.random()))
            words[i] = "nurses" if words[i] != "nurses" else "teachers"
            twin = generator.article(title=" ".join(words), authors=authors, journal=journal,
                                     year=year, volume=cited["volume"], page=cited["page"])
        else:
            twin = generator.article(title=cited["title"][0], journal=journal,
                                     year=year + 4, volume=int(cited["volume"]) + 4)
        twin.pop("subtitle", None)
        articles.append(_article(twin, pmid))
        citation = _cite(cited, f"neg{number:03d}", random_, perturb=False)
        if kind.startswith("DOI"):
            citation.fields["doi"] = cited["DOI"]
        citation.expected_doi = None
        citation.perturbations.insert(0, kind)
        citations.append(citation)
    random_.shuffle(articles)
    return PubMedBenchmark(articles, citations)
