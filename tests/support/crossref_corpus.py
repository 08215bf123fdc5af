"""A labelled matching benchmark: a Crossref-shaped corpus and citations of it.

Generated from a fixed seed, so every run sees the same corpus. Positives cite a
work of the corpus, perturbed as real reference lists are (initials, typos,
abbreviated journals, missing pages, online-first years, dropped subtitles, LaTeX
accents, "and others"). Negatives cite works that are *not* in the corpus, while
the corpus holds look-alikes of them: the same title in another year or journal,
the same authors on another paper, the same topic, and the same title, authors and
journal one year later. All DOIs use Crossref's test prefix 10.5555.

Title damage (`title_damage`: a word dropped or added, words abbreviated, American
spelling, subtitle swapped, a translated or transliterated title) is cited with the rest
of the reference intact, as the misses of real reference lists were; its negatives are
built to beat it: the same authors and journal in another volume with a title one word
shorter or longer, a title one word different in the same volume, and another paper of
the same authors in the same issue.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from tests.support import title_damage as damage
from tests.support.fake_crossref import work

SEED = 20261101
FAMILIES = [
    "Smith", "Jones", "Holmström", "Kjeldmand", "Rosenqvist", "Müller", "Schäfer", "Núñez",
    "García Márquez", "Ó Briain", "Sørensen", "Dvořák", "Łukasik", "van der Berg", "Salinsky",
    "Sackin", "Johnson", "Brock", "Stojanovic", "Lichtenstein", "Otten", "Bar-On", "Petersen",
    "Nease", "Kuo", "Tanaka", "Lindqvist", "Moreau", "Rossi", "Bianchi", "Kowalski", "Novak",
    "Adams", "Turner", "Fitzgerald", "O'Neil", "Haddad", "Cohen", "Friedman", "Weiss",
    "Graham", "Hughes", "Ahmed", "Chen", "Wang", "Park", "Kim", "Silva", "Costa", "Pereira",
    "Hansen", "Nielsen", "Berg", "Dahl", "Eriksson", "Virtanen", "Korhonen", "Horváth",
    "Nagy", "Popescu", "Ionescu", "Yilmaz", "Demir", "Levi", "Mizrahi", "Scheingold",
]
GIVENS = [
    "Anna", "Dorte", "Inger", "Urban", "Michael", "Laurel", "Heide", "John", "Maria", "José",
    "Søren", "Jan", "Eva", "Peter", "Sarah", "David", "Lucia", "Tomás", "Aisha", "Wei",
    "Hiroshi", "Katarzyna", "Pierre", "Giulia", "Olga", "Mehmet", "Ruth", "Noa", "Klaus",
]
JOURNALS = [
    ("Patient Education and Counseling", "Patient Educ Couns"),
    ("The Journal of Family Practice", "J Fam Pract"),
    ("British Journal of General Practice", "Br J Gen Pract"),
    ("Medical Education", "Med Educ"),
    ("Academic Medicine", "Acad Med"),
    ("Family Medicine", "Fam Med"),
    ("The International Journal of Psychiatry in Medicine", "Int J Psychiatry Med"),
    ("Psychotherapy and Psychosomatics", "Psychother Psychosom"),
    ("Journal of General Internal Medicine", "J Gen Intern Med"),
    ("Education for Primary Care", "Educ Prim Care"),
    ("BMC Medical Education", "BMC Med Educ"),
    ("Journal of the American Board of Family Medicine", "J Am Board Fam Med"),
    ("Social Science & Medicine", "Soc Sci Med"),
    ("Medical Teacher", "Med Teach"),
    ("Journal of Psychosomatic Research", "J Psychosom Res"),
]
SUBJECTS = [
    "Balint groups", "Balint training", "Balint seminars", "case-based reflection groups",
    "reflective practice groups", "peer supervision", "psychodynamic case discussion",
    "communication skills training", "narrative medicine workshops", "mindfulness training",
]
OUTCOMES = [
    "burnout", "empathy", "job satisfaction", "professional identity", "resilience",
    "the doctor-patient relationship", "psychological mindedness", "emotional exhaustion",
    "self-efficacy", "patient-centredness", "well-being", "tolerance of uncertainty",
]
GROUPS = [
    "family medicine residents", "general practitioners", "medical students",
    "psychiatry trainees", "nurses in primary care", "internal medicine residents",
    "oncology teams", "paediatric residents", "hospital physicians", "dental students",
]
TEMPLATES = [
    "{subject} and {outcome} among {group}",
    "The effect of {subject} on {outcome} in {group}",
    "Does {subject} improve {outcome}? Evidence from {group}",
    "{subject} for {group}: {outcome} after {n} years",
    "{outcome} in {group} who attend {subject}",
    "Leading {subject} with {group}: lessons for {outcome}",
    "A qualitative study of {subject} and {outcome} in {group}",
    "Measuring {outcome} in {subject} for {group}",
]
SUBTITLES = [
    "a randomised controlled trial", "a qualitative study", "a systematic review",
    "a cohort study", "a mixed-methods evaluation", "a pilot study", "a national survey",
]
LATEX_ACCENTS = {"ö": '{\\"o}', "ü": '{\\"u}', "ä": '{\\"a}', "ø": "{\\o}", "á": "{\\'a}",
                 "é": "{\\'e}", "ñ": "{\\~n}", "ř": "{\\v{r}}", "Ł": "{\\L}", "Ó": "{\\'O}"}


@dataclass
class Citation:
    key: str
    entry_type: str
    fields: dict[str, str]
    expected_doi: str | None  # None: the cited work is not in the corpus
    perturbations: list[str] = field(default_factory=list)

    def bibtex(self) -> str:
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in self.fields.items())
        return f"@{self.entry_type}{{{self.key},\n{body}}}\n"


@dataclass
class Benchmark:
    works: list[dict[str, Any]]
    citations: list[Citation]

    def bibtex(self) -> str:
        return "\n".join(c.bibtex() for c in self.citations)


class _Generator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.serial = 0
        self.titles: set[str] = set()

    def doi(self) -> str:
        self.serial += 1
        return f"10.5555/bench.{self.serial:05d}"

    def authors(self) -> list[tuple[str, str]]:
        count = self.random.choice([1, 1, 2, 2, 3, 3, 4, 5, 6])
        families = self.random.sample(FAMILIES, count)
        return [(self.random.choice(GIVENS), family) for family in families]

    def title(self) -> str:
        while True:
            template = self.random.choice(TEMPLATES)
            text = template.format(subject=self.random.choice(SUBJECTS),
                                   outcome=self.random.choice(OUTCOMES),
                                   group=self.random.choice(GROUPS), n=self.random.randint(2, 9))
            text = text[0].upper() + text[1:]
            if text not in self.titles:
                self.titles.add(text)
                return text

    def article(self, **overrides: Any) -> dict[str, Any]:
        year = overrides.pop("year", self.random.randint(1972, 2023))
        journal, short = overrides.pop("journal", self.random.choice(JOURNALS))
        start = self.random.randint(1, 900)
        values: dict[str, Any] = {
            "title": overrides.pop("title", None) or self.title(),
            "authors": overrides.pop("authors", None) or self.authors(),
            "year": year, "journal": journal, "short_journal": short,
            "volume": str(overrides.pop("volume", year - 1950 + self.random.randint(0, 3))),
            "issue": str(self.random.randint(1, 12)),
            "page": f"{start}-{start + self.random.randint(3, 14)}",
        }
        if self.random.random() < 0.3:
            values["subtitle"] = self.random.choice(SUBTITLES)
        values.update(overrides)
        return work(self.doi(), values.pop("title"), values.pop("authors"), values.pop("year"),
                    **values)

    def book(self) -> dict[str, Any]:
        year = self.random.randint(1957, 2020)
        return work(self.doi(), self.title().replace("Among", "among"), self.authors()[:2],
                    year, type_="book", isbn=f"978{self.random.randint(10**9, 10**10 - 1)}",
                    publisher=self.random.choice(["Tavistock", "Routledge", "Radcliffe"]))


def _latex(text: str, random_: random.Random) -> str:
    if random_.random() < 0.5:
        return text
    return "".join(LATEX_ACCENTS.get(char, char) for char in text)


def _typo(word: str, random_: random.Random) -> str:
    if len(word) < 6:
        return word
    i = random_.randint(1, len(word) - 3)
    # Two neighbouring letters, not LaTeX markup ("Dvo{\\v{r}}{\\'a}k" must stay BibTeX).
    pairs = [j for j in range(len(word) - 1) if word[j:j + 2].isalpha()]
    i = min(pairs, key=lambda j: (j < i, abs(j - i)), default=-1)
    if i < 0:
        return word
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # swap two letters


def _cite(message: dict[str, Any], key: str, random_: random.Random, *,
          perturb: bool = True) -> Citation:
    """A BibTeX citation of `message`, perturbed as a reference list would have it."""
    applied: list[str] = []
    title = message["title"][0]
    if "subtitle" in message:
        if perturb and random_.random() < 0.3:
            applied.append("subtitle dropped")
        else:
            title = f"{title}: {message['subtitle'][0]}"
    if perturb and random_.random() < 0.2:
        words = title.split()
        i = max(range(len(words)), key=lambda j: (len(words[j]) >= 6, random_.random()))
        words[i] = _typo(words[i], random_)
        title = " ".join(words)
        applied.append("title typo")
    if perturb and random_.random() < 0.15:
        title = title.upper() if random_.random() < 0.5 else title.lower()
        applied.append("title case")
    people = [(a["given"], a["family"]) for a in message.get("author", [])]
    names = []
    initials = perturb and random_.random() < 0.4
    if initials:
        applied.append("initials")
    for given, family in people:
        given = " ".join(g[0] + "." for g in given.split()) if initials else given
        names.append(f"{_latex(family, random_)}, {_latex(given, random_)}")
    if perturb and len(names) > 3 and random_.random() < 0.5:
        names = [*names[:3], "others"]
        applied.append("and others")
    if perturb and names and random_.random() < 0.1:
        family, rest = names[0].split(",", 1)
        names[0] = _typo(family, random_) + "," + rest
        applied.append("author typo")
    year = message["issued"]["date-parts"][0][0]
    if "published-online" in message:
        print_year = message.get("published-print", message["issued"])["date-parts"][0][0]
        year = message["published-online"]["date-parts"][0][0]
        if perturb and random_.random() < 0.5:
            year = print_year
        else:
            applied.append("online-first year")
    fields = {"author": " and ".join(names), "title": title, "year": str(year)}
    if message["type"] == "book":
        fields["publisher"] = message["publisher"]
        return Citation(key, "book", fields, message["DOI"], applied)
    journal = message["container-title"][0]
    if perturb and random_.random() < 0.4:
        journal = message["short-container-title"][0]
        applied.append("abbreviated journal")
    fields["journal"] = journal.replace("&", "\\&")
    if perturb and random_.random() < 0.3:
        applied.append("missing pages")
    elif "page" not in message:
        fields["volume"] = str(random_.randint(10, 80))  # from the print issue Crossref lacks
        applied.append("record without volume and pages")
    else:
        fields["volume"] = message["volume"]
        fields["number"] = message["issue"]
        fields["pages"] = message["page"].replace("-", "--")
    return Citation(key, "article", fields, message["DOI"], applied)


DAMAGE = ("word dropped", "word added", "words abbreviated", "American spelling",
          "subtitle swapped", "translated title", "transliterated title")
DAMAGE_NEGATIVES = ("word dropped, same authors and journal, other volume",
                    "word added, same authors and journal, other volume",
                    "one word different, same authors, journal and volume",
                    "same authors, same issue, other paper")


def _damaged_target(generator: _Generator, kind: str) -> dict[str, Any]:
    """A work whose title can take the damage `kind`."""
    while True:
        target = generator.article()
        title = target["title"][0]
        if kind == "subtitle swapped" and "subtitle" not in target:
            continue
        if kind == "American spelling" and not damage.has_british(
                title + " " + " ".join(target.get("subtitle", []))):
            continue
        if kind == "words abbreviated" and not any(len(w) >= 8 and w.isalpha()
                                                  for w in title.split()):
            continue
        return target


def _damage_title(target: dict[str, Any], citation: Citation, kind: str,
                  random_: random.Random) -> None:
    title, subtitle = target["title"][0], target.get("subtitle", [""])[0]
    cited = f"{title}: {subtitle}" if subtitle else title
    if kind == "word dropped":
        cited = damage.drop_word(title, random_) + (f": {subtitle}" if subtitle else "")
    elif kind == "word added":
        cited = damage.add_word(title, random_) + (f": {subtitle}" if subtitle else "")
    elif kind == "words abbreviated":
        cited = damage.abbreviate_words(cited, random_)
    elif kind == "American spelling":
        cited = damage.americanise(cited)
    elif kind == "subtitle swapped":
        cited = damage.swap_subtitle(title, subtitle)
    elif kind == "translated title":
        target["title"] = [damage.translate(title)]
        target.pop("subtitle", None)
        cited = title
    elif kind == "transliterated title":
        target["title"] = [damage.transliterate(cited)]
        target.pop("subtitle", None)
    citation.fields["title"] = cited
    citation.perturbations.insert(0, kind)


def _damaged(generator: _Generator, per_class: int, negatives: int,
             ) -> tuple[list[dict[str, Any]], list[Citation]]:
    """Citations with damaged titles (full locators) and the negatives built to beat them."""
    random_ = generator.random
    works: list[dict[str, Any]] = []
    citations: list[Citation] = []
    for number in range(per_class * len(DAMAGE)):
        kind = DAMAGE[number % len(DAMAGE)]
        target = _damaged_target(generator, kind)
        citation = _cite(target, f"dmg{number:03d}", random_, perturb=False)
        _damage_title(target, citation, kind, random_)
        if random_.random() < 0.5:
            citation.fields["journal"] = target["short-container-title"][0]
        works.append(target)
        citations.append(citation)
    for number in range(negatives):
        kind = DAMAGE_NEGATIVES[number % len(DAMAGE_NEGATIVES)]
        cited = generator.article()
        cited.pop("subtitle", None)
        title = cited["title"][0]
        year = cited["issued"]["date-parts"][0][0]
        same = {"authors": [(a["given"], a["family"]) for a in cited["author"]],
                "journal": (cited["container-title"][0], cited["short-container-title"][0]),
                "year": year}
        start = int(cited["page"].split("-")[0]) + 40
        if kind.startswith("word dropped"):
            twin = generator.article(title=damage.drop_word(title, random_),
                                     volume=int(cited["volume"]) + 1, **same)
        elif kind.startswith("word added"):
            twin = generator.article(title=damage.add_word(title, random_),
                                     volume=int(cited["volume"]) - 1, **same)
        elif kind.startswith("one word different"):
            words = title.split()
            i = max(range(1, len(words)), key=lambda j: (len(words[j]) >= 5
                                                         and words[j].isalpha(), random_.random()))
            words[i] = "nurses" if words[i] != "nurses" else "teachers"
            twin = generator.article(title=" ".join(words), volume=cited["volume"],
                                     issue=cited["issue"], page=f"{start}-{start + 5}", **same)
        else:
            twin = generator.article(volume=cited["volume"], issue=cited["issue"],
                                     page=f"{start}-{start + 5}", **same)
        twin.pop("subtitle", None)
        works.append(twin)
        citation = _cite(cited, f"dng{number:03d}", random_, perturb=False)
        if kind.startswith("one word different"):
            del citation.fields["pages"]  # only the volume and issue to tell them apart
        citation.expected_doi = None
        citation.perturbations.insert(0, kind)
        citations.append(citation)
    return works, citations


def build(seed: int = SEED, positives: int = 200, negatives: int = 100,
          damaged: int = 0, damaged_negatives: int = 0) -> Benchmark:
    generator = _Generator(seed)
    random_ = generator.random
    works: list[dict[str, Any]] = []
    citations: list[Citation] = []

    # Background: works on the same few topics that nobody cites.
    works += [generator.article() for _ in range(300)]
    works += [generator.book() for _ in range(20)]

    # Positives, some with an online-first record and some next to a look-alike.
    for number in range(positives):
        if number % 20 == 19:
            target = generator.book()
        elif number % 5 == 0:
            print_year = random_.randint(2005, 2023)
            target = generator.article(year=print_year, online_year=print_year - 1)
            target["published-print"] = {"date-parts": [[print_year]]}
            if number % 10 == 0:  # online first, not yet in an issue
                for name in ("volume", "issue", "page", "published-print"):
                    del target[name]
        else:
            target = generator.article()
        works.append(target)
        if number % 4 == 1 and target["type"] != "book":
            # The same title by other authors, years away: a distractor in the results.
            works.append(generator.article(title=target["title"][0],
                                           year=target["issued"]["date-parts"][0][0]
                                           + random_.choice([-6, -3, 3, 7])))
        if number % 4 == 2 and target["type"] != "book":
            works.append(generator.article(authors=[(a["given"], a["family"])
                                                    for a in target["author"]]))
        citation = _cite(target, f"pos{number:03d}", random_)
        if number % 67 == 3 and "pages" in citation.fields:
            # A wrong page number, as reference lists have: the record contradicts the
            # entry, so this positive is expected to be missed.
            start, end = (int(p) for p in target["page"].split("-"))
            citation.fields["pages"] = f"{start + 10}--{end + 10}"
            citation.perturbations.append("wrong pages")
        citations.append(citation)

    # Negatives: the cited work is generated but left out; its look-alikes go in.
    kinds = ["same title, other year", "same title, other journal", "same authors, other paper",
             "same topic", "next year, same title, authors and journal"]
    for number in range(negatives):
        kind = kinds[number % len(kinds)]
        cited = generator.article()
        year = cited["issued"]["date-parts"][0][0]
        authors = [(a["given"], a["family"]) for a in cited["author"]]
        journal = (cited["container-title"][0], cited["short-container-title"][0])
        if kind == "same title, other year":
            twin = generator.article(title=cited["title"][0], authors=authors, journal=journal,
                                     year=year + random_.choice([-5, -2, 2, 4]))
        elif kind == "same title, other journal":
            others = [j for j in JOURNALS if j[0] != journal[0]]
            twin = generator.article(title=cited["title"][0], year=year,
                                     journal=random_.choice(others))
        elif kind == "same authors, other paper":
            twin = generator.article(authors=authors, journal=journal, year=year)
        elif kind == "same topic":
            twin = generator.article(year=year, journal=journal)
        else:
            twin = generator.article(title=cited["title"][0], authors=authors, journal=journal,
                                     year=year + 1, volume=int(cited["volume"]) + 1)
        if "subtitle" in cited:
            twin["subtitle"] = cited["subtitle"]
        works.append(twin)
        citation = _cite(cited, f"neg{number:03d}", random_)
        citation.expected_doi = None
        citation.perturbations.insert(0, kind)
        citations.append(citation)

    more_works, more_citations = _damaged(generator, damaged, damaged_negatives)
    works += more_works
    citations += more_citations
    random_.shuffle(works)
    return Benchmark(works, citations)


def score_by_class(citations: list[Citation], added: dict[str, str],
                   ) -> dict[str, dict[str, float | int]]:
    """`score` of the citations that carry each perturbation (positives) or negative kind."""
    classes = sorted({p for c in citations for p in c.perturbations})
    return {name: score([c for c in citations if name in c.perturbations], added)
            for name in classes}


def score(citations: list[Citation], added: dict[str, str]) -> dict[str, float | int]:
    """Precision and recall of the DOIs added (key → DOI) against the labels."""
    true_positive = sum(1 for c in citations
                        if c.expected_doi and added.get(c.key, "").lower() == c.expected_doi)
    false_positive = sum(1 for c in citations if c.key in added
                         and added[c.key].lower() != (c.expected_doi or ""))
    positives = sum(1 for c in citations if c.expected_doi)
    proposed = true_positive + false_positive
    return {"precision": true_positive / proposed if proposed else 1.0,
            "recall": true_positive / positives if positives else 1.0,
            "true_positives": true_positive, "false_positives": false_positive,
            "positives": positives, "negatives": len(citations) - positives}
