"""The damage real reference lists do to titles, as pure functions of a title: a word
dropped or added, words abbreviated, British spelling made American, title and subtitle
swapped, a title translated (into German) or transliterated (into Cyrillic).

The benchmark (`crossref_corpus`) cites works through these, and builds negatives with
the same damage that must still be refused.
"""

from __future__ import annotations

import random

# British spellings of the corpus vocabulary, and the American forms a citation may use.
AMERICAN = {"randomised": "randomized", "paediatric": "pediatric",
            "patient-centredness": "patient-centeredness", "behaviour": "behavior",
            "counselling": "counseling", "programme": "program", "organisation": "organization",
            "centre": "center", "labour": "labor", "analysed": "analyzed"}
ADDED_WORDS = ["clinical", "structured", "primary", "weekly", "long-term", "routine", "early"]
# A German rendering of the corpus vocabulary; words it lacks stay as they are.
GERMAN = {
    "balint": "Balint", "groups": "Gruppen", "training": "Weiterbildung", "seminars": "Seminare",
    "case-based": "fallbezogene", "reflection": "Reflexions", "reflective": "reflexive",
    "practice": "Praxis", "peer": "kollegiale", "supervision": "Supervision",
    "psychodynamic": "psychodynamische", "case": "Fall", "discussion": "Besprechung",
    "communication": "Kommunikations", "skills": "Fertigkeiten", "narrative": "narrative",
    "medicine": "Medizin", "workshops": "Werkstätten", "mindfulness": "Achtsamkeits",
    "and": "und", "among": "unter", "the": "die", "effect": "Wirkung", "of": "von", "on": "auf",
    "in": "bei", "does": "verbessert", "improve": "", "evidence": "Belege", "from": "aus",
    "for": "für", "after": "nach", "years": "Jahren", "who": "die", "attend": "besuchen",
    "leading": "Leitung", "with": "mit", "lessons": "Lehren", "a": "eine",
    "qualitative": "qualitative", "study": "Studie", "measuring": "Messung", "burnout": "Burnout",
    "empathy": "Empathie", "job": "Arbeits", "satisfaction": "zufriedenheit",
    "professional": "berufliche", "identity": "Identität", "resilience": "Resilienz",
    "doctor-patient": "Arzt-Patient", "relationship": "Beziehung",
    "psychological": "psychologische", "mindedness": "Achtsamkeit", "emotional": "emotionale",
    "exhaustion": "Erschöpfung", "self-efficacy": "Selbstwirksamkeit",
    "patient-centredness": "Patientenzentrierung", "well-being": "Wohlbefinden",
    "tolerance": "Toleranz", "uncertainty": "Unsicherheit", "family": "Familien",
    "residents": "Assistenzärzte", "general": "Allgemein", "practitioners": "ärzte",
    "medical": "Medizin", "students": "Studierende", "psychiatry": "Psychiatrie",
    "trainees": "Auszubildende", "nurses": "Pflegekräfte", "primary": "Primär",
    "care": "versorgung",
    "internal": "Innere", "oncology": "Onkologie", "teams": "Teams", "paediatric": "pädiatrische",
    "hospital": "Krankenhaus", "physicians": "Ärzte", "dental": "Zahnmedizin",
    "randomised": "randomisierte", "controlled": "kontrollierte", "trial": "Studie",
    "systematic": "systematische", "review": "Übersicht", "cohort": "Kohorten",
    "mixed-methods": "Mixed-Methods", "evaluation": "Evaluation", "pilot": "Pilot",
    "national": "nationale", "survey": "Umfrage",
}
_CYRILLIC = dict(zip("abvgdezijklmnoprstufhcy", "абвгдезийклмнопрстуфхцы", strict=True))
_CYRILLIC_PAIRS = {"zh": "ж", "ch": "ч", "sh": "ш", "ya": "я", "yu": "ю", "ts": "ц"}
_PROTECTED = {"not", "no", "without"}


def _words(title: str) -> list[str]:
    return title.split()


def _core(word: str) -> str:
    return word.strip("?:,.").lower()


def drop_word(title: str, random_: random.Random) -> str:
    """One word left out: not the first, not a number or a negation."""
    words = _words(title)
    choices = [i for i, w in enumerate(words) if i > 0 and not _core(w).isdigit()
               and _core(w) not in _PROTECTED and w == w.strip("?:,.")]
    del words[random_.choice(choices)]
    return " ".join(words)


def add_word(title: str, random_: random.Random) -> str:
    words = _words(title)
    words.insert(random_.randint(1, len(words) - 1), random_.choice(ADDED_WORDS))
    return " ".join(words)


def abbreviate_words(title: str, random_: random.Random) -> str:
    """One or two long words cut to their first four letters and a full stop."""
    words = _words(title)
    long_words = [i for i, w in enumerate(words) if len(w) >= 8 and w.isalpha()]
    for i in random_.sample(long_words, min(len(long_words), random_.choice([1, 2]))):
        words[i] = words[i][:4] + "."
    return " ".join(words)


def has_british(title: str) -> bool:
    return any(_core(w) in AMERICAN for w in _words(title))


def americanise(title: str) -> str:
    out = []
    for word in _words(title):
        core = word.rstrip("?:,.")
        american = AMERICAN.get(core.lower())
        if american:
            american = american.capitalize() if core[0].isupper() else american
            word = american + word[len(core):]
        out.append(word)
    return " ".join(out)


def swap_subtitle(title: str, subtitle: str) -> str:
    return f"{subtitle[0].upper()}{subtitle[1:]}: {title[0].lower()}{title[1:]}"


def translate(title: str) -> str:
    words = [GERMAN.get(_core(w), w) for w in _words(title)]
    text = " ".join(w for w in words if w)
    return text[0].upper() + text[1:]


def transliterate(title: str) -> str:
    """The title in Cyrillic letters, as a Russian journal's record holds it."""
    out = []
    text = title.lower()
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _CYRILLIC_PAIRS:
            out.append(_CYRILLIC_PAIRS[pair])
            i += 2
            continue
        out.append(_CYRILLIC.get(text[i], text[i]))
        i += 1
    result = "".join(out)
    return result[0].upper() + result[1:]
