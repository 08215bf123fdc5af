"""A synthetic library that looks like a curated bibliography: mixed entry types, 1-30
authors, LaTeX accents, @string macros, comments and annotations, and a few defects.
Used by the benchmarks and by the tests that check the fast path takes it."""

from __future__ import annotations

import random

FAMILIES = ["Balint", "Salinsky", "Johnson", "M{\\\"u}ller", "Holmstr{\\\"o}m", "Kjeldmand",
            "Rabinowitz", "van der Berg", "O'Neill", "Garc{\\'\\i}a", "Brandt", "Nease",
            "Lichtenstein", "Diaz", "Torppa", "Scheingold", "Sackin", "Kurz", "Sch{\\o}nberg",
            "Dupr{\\'e}", "Novak", "Zhang", "Ib{\\'a}{\\~n}ez", "Smith", "Adams"]
GIVENS = ["Michael", "Enid", "A. L.", "Inger", "Dorte", "J{\\\"o}rg", "Marie-Anne", "Paul",
          "Kathryn", "David", "Ren{\\'e}e", "Li", "Jos{\\'e}", "Heide", "Mark"]
WORDS = ["Balint", "groups", "physician", "wellbeing", "empathy", "residency", "training",
         "burnout", "the", "of", "and", "in", "a", "study", "doctor", "patient",
         "relationship", "qualitative", "{\\\"U}ber", "leaders", "reflective", "practice",
         "{HIV}", "care", "medical", "students", "{Balint}-style", "seminar", "outcomes"]
JOURNALS = ["fam", "jfp", "ijpm", "{Patient Education and Counseling}",
            "{Journal of the {Balint} Society}", "{Academic Medicine}"]
DEFECT_RATE = 0.02
KEYWORDS = ["Balint groups", "burnout", "empathy", "residency", "leadership", "research",
            "medical students", "evaluation", "history"]


def _name(rng: random.Random) -> str:
    family = rng.choice(FAMILIES)
    return f"{family}, {rng.choice(GIVENS)}" if rng.random() < 0.7 else \
        f"{rng.choice(GIVENS)} {family}"


def _authors(rng: random.Random) -> str:
    # 1 to 30 authors, most papers with few, a long tail of large collaborations
    count = rng.choices([1, 2, 3, 4, 5, 8, 12, 20, 30], weights=[30, 22, 16, 10, 8, 6, 4, 3, 1])[0]
    if rng.random() < 0.03:
        return "{{American Balint Society}}"
    return " and ".join(_name(rng) for _ in range(count))


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 16))]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _entry(rng: random.Random, index: int) -> str:
    year = rng.randint(1955, 2024)
    key = f"Entry{index:05d}"
    kind = rng.choices(["article", "book", "incollection", "online", "misc", "inproceedings"],
                       weights=[60, 12, 10, 8, 5, 5])[0]
    fields: list[tuple[str, str]] = [("author", "{" + _authors(rng) + "}"),
                                     ("title", "{" + _title(rng) + "}")]
    if kind == "article":
        fields += [("journal", rng.choice(JOURNALS)), ("year", str(year)),
                   ("volume", str(rng.randint(1, 80))), ("number", f"{{{rng.randint(1, 12)}}}"),
                   ("pages", f"{{{(p := rng.randint(1, 900))}--{p + rng.randint(1, 20)}}}"),
                   ("doi", f"{{10.{rng.randint(1000, 9999)}/j.{index}.{year}}}"),
                   ("month", rng.choice(["jan", "apr", "sep", "{5}"]))]
    elif kind == "book":
        fields += [("publisher", "{Tavistock Publications}"), ("address", "{London}"),
                   ("year", str(year)), ("edition", str(rng.randint(1, 4))),
                   ("isbn", "{978-0-415-24321-6}")]
    elif kind == "incollection":
        fields += [("editor", "{" + _name(rng) + "}"), ("booktitle", "{" + _title(rng) + "}"),
                   ("publisher", "{Routledge}"), ("year", str(year)), ("pages", "{12--40}")]
    elif kind == "inproceedings":
        fields += [("booktitle", "{Proceedings of the International {Balint} Congress}"),
                   ("year", str(year))]
    elif kind == "online":
        fields += [("url", f"{{https://www.example.org/balint/{index}}}"),
                   ("urldate", "{2024-05-01}"), ("organization", "{Balint Society}"),
                   ("year", str(year))]
    else:
        fields += [("howpublished", "{Slide presentation}"), ("year", str(year))]
    fields += [("keywords", "{" + ", ".join(rng.sample(KEYWORDS, 3)) + "}"),
               ("annote", "{" + " ".join(_title(rng) for _ in range(3)) + ".}")]
    if rng.random() < DEFECT_RATE:  # the slips a real library has: something to report
        slip = rng.randrange(4)
        if slip == 0:
            fields = [(n, v.replace("--", "-")) if n == "pages" else (n, v) for n, v in fields]
        elif slip == 1:
            fields = [(n, v.replace("{HIV}", "HIV")) if n == "title" else (n, v)
                      for n, v in fields] + [("note", "{HIV & AIDS}")]
        elif slip == 2:
            fields = [(n, v) for n, v in fields if n not in ("journal", "publisher")]
        else:
            fields = [(n, v[:-1] + " et al.}") if n == "author" else (n, v) for n, v in fields]
    body = ",\n".join(f"  {name:<9} = {value}" for name, value in fields)
    comment = f"% entry {index}: checked against the publisher's page\n" \
        if rng.random() < 0.1 else ""
    return f"{comment}@{kind}{{{key},\n{body}\n}}\n"


def generate(entries: int, seed: int) -> str:
    rng = random.Random(seed)
    head = ('@string{jfp = "The Journal of Family Practice"}\n'
            '@string{fam = {Family Medicine}}\n'
            '@string{ijpm = {International Journal of Psychiatry in Medicine}}\n'
            '@comment{Generated by benchmarks/validate_10k.py}\n\n')
    return head + "\n".join(_entry(rng, i) for i in range(entries))
