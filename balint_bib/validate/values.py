"""BB4xx: the form of values — years, months, editions, names, special
characters, HTML, Unicode normalisation and unprotected capitals in titles.

All of these work on the LaTeX as written; nothing is decoded, so a 10k-entry file
stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..bibtex.braces import mask_groups
from ..bibtex.model import PERSON_FIELDS, Record
from ..bibtex.names import AND_SEPARATOR
from ..bibtex.reader import Bibliography
from ..bibtex.values import MONTH_MACROS, MONTH_NUMBERS
from ..diagnostics import ERROR, WARNING, Diagnostic
from .core import Context, check, rule
from .required import dialect_of

BB401 = rule("BB401", ERROR, "year that is not a four-digit year", "values")
BB402 = rule("BB402", WARNING, "year before 1450 or after next year", "values")
BB403 = rule("BB403", WARNING, "month that is not 1-12, jan-dec or a month name", "values")
BB404 = rule("BB404", WARNING, "edition that is not a number or an ordinal", "values")
BB410 = rule("BB410", WARNING, "'et al.' written inside a name list", "values")
BB411 = rule("BB411", ERROR, "empty or dangling name in a name list", "values")
BB412 = rule("BB412", WARNING, "corporate name without braces", "values")
BB413 = rule("BB413", WARNING, "names not separated by 'and'", "values")
BB420 = rule("BB420", ERROR, "unescaped &, %, # or $ in typeset text", "values")
BB421 = rule("BB421", WARNING, "HTML markup or entity in a field", "values")
BB422 = rule("BB422", WARNING, "text that is not NFC-normalised Unicode", "values")
BB423 = rule("BB423", WARNING, "capitals in a title that BibTeX styles would lower-case", "values")

# Fields that are verbatim in biblatex (and URLs and paths anyway): LaTeX rules do not apply.
VERBATIM_FIELDS = frozenset(
    [
        "url",
        "doi",
        "file",
        "eprint",
        "pdf",
        "urlraw",
        "verba",
        "verbb",
        "verbc",
        "pmid",
        "pmcid",
        "isbn",
        "issn",
        "local-url",
        "bdsk-url-1",
    ]
)
# Fields no style typesets (biber sorts by them, filters by keywords; the rest is tool
# bookkeeping): LaTeX never reads their specials.
_UNTYPESET = (
    "keywords groups mendeley-tags mendeley-groups sorttitle sortname sortkey presort "
    "indexsorttitle sortshorthand sortyear owner timestamp ids options relatedoptions "
    "execute langidopts"
)
UNTYPESET_FIELDS = frozenset(_UNTYPESET.split())
# A value that is only URLs (bibsource lists two, separated by `;`).
_URL_LIST = re.compile(r"\s*(?:(?:https?|ftp)://\S+?)(?:[\s;,]+(?:https?|ftp)://\S+?)*[\s;,]*")
# Arguments that LaTeX reads verbatim: \url{…}, \href{URL}, \path{…}, \nolinkurl{…}.
_URL_COMMAND = re.compile(r"\\(?:url|href|path|nolinkurl)\s*\{[^{}]*\}")


def url_valued(name: str, value: str) -> bool:
    """A field whose value is a URL, a path or a DOI: verbatim in biblatex."""
    return (name in VERBATIM_FIELDS or "url" in name or name == "bibsource"
            or ("://" in value and _URL_LIST.fullmatch(value) is not None))


# Lower-cased by BibTeX styles (`change.case$`), so capitals there need braces.
CASE_CHANGED_FIELDS = ("title",)

_YEAR = re.compile(r"\d{4}")
_YEAR_RANGE = re.compile(r"(\d{4})\s*(?:-{1,2}|/|\u2013)\s*(\d{4})")
_NOOPSORT = re.compile(r"\{?\\noopsort\s*\{[^{}]*\}\}?")
# Words for "not yet published", and biblatex's pubstate for each.
_PUBSTATES = {"inpress": re.compile(r"(?i)in\s*press"),
              "forthcoming": re.compile(r"(?i)forthcoming|to\s+appear"),
              "submitted": re.compile(r"(?i)submitted")}
_NO_DATE = re.compile(r"(?i)n\.?\s*d\.?|no\s+date|undated|s\.\s*d\.?")
_ORDINAL = re.compile(
    r"(?i)\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|eleventh|twelfth"
)
_EDITION_NAME = re.compile(r"[A-Z][a-z]{3,}")
_EDITION_WORDS = re.compile(r"(?i)^(\d+)(?:st|nd|rd|th)?\.?\s*(?:ed\.?|edn\.?|edition)$")
_ET_AL = re.compile(r"(?i)(?:^|\s|,)et\.?\s*al\b\.?")
_DANGLING_AND = re.compile(r"(?i)^\s*and\s|\sand\s*$|^\s*and\s*$|\sand\s+and\s")
_CORPORATE_WORDS = (
    "Society", "Association", "Organisation", "Organization", "Institute", "College",
    "University", "Committee", "Council", "Foundation", "Academy", "Department",
    "Federation", "Centre", "Center", "Agency", "Board", "Ministry", "Commission",
    "Network", "Group", "Inc.", "Ltd", "GmbH",
)  # fmt: skip
_CORPORATE_WORD = re.compile(r"\b(?:" + "|".join(map(re.escape, _CORPORATE_WORDS)) + r")(?!\w)")


def _corporate(text: str) -> bool:
    return _CORPORATE_WORD.search(text) is not None
_NAME_PART = r"\s*[a-z-]+\s*=\s*[^,=]*"
_EXTENDED_NAME = re.compile(rf"{_NAME_PART}(?:,{_NAME_PART})+")
_SUFFIX = re.compile(r"(?i)jr\.?|sr\.?|[ivx]+|\d(?:st|nd|rd|th)")
_SPECIAL = re.compile(r"(?<!\\)(?:&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)|%|#)")
_DOLLAR = re.compile(r"(?<!\\)\$")
_HTML = re.compile(
    r"(?i)</?(?:i|b|em|strong|sup|sub|span|p|br|a|div|sc|scp|u|font)\b[^>]*>"
    r"|&(?:[a-z]+|#\d+|#x[0-9a-f]+);"
)
_CAPS_WORD = re.compile(r"(?<![\\\w])([A-Za-z]*[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)")


@check(BB401, BB402, fields=("year",))
def year(record: Record, context: Context) -> Iterator[Diagnostic]:
    value = record.get("year")
    if value is None:
        return
    value = value.strip()
    if value.startswith(("{\\noopsort", "\\noopsort")):
        # BibTeX's documented sorting trick (btxdoc): `{\noopsort{1973b}}1973` prints 1973.
        value = _NOOPSORT.sub("", value, count=1).strip()
        if "\\" in value and _YEAR.search(value):
            return  # a macro that prints the year: the file's own trick
    if not _YEAR.fullmatch(value):
        fix = None
        state = next((s for s, words in _PUBSTATES.items() if words.fullmatch(value)), None)
        if state is not None:
            fix = f"remove year and write pubstate = {{{state}}}"
        elif _NO_DATE.fullmatch(value):
            fix = "remove year: an entry without a date is printed 'n.d.' by the styles"
        elif match := _YEAR_RANGE.fullmatch(value):
            fix = f"date = {{{match.group(1)}/{match.group(2)}}} (biblatex), or one year"
        elif match := _YEAR.search(value):
            fix = f"year = {match.group()}"
        yield BB401.at(record, "year", f"year '{value}' is not a four-digit year", fix=fix)
        return
    number = int(value)
    if number < 1450 or number > context.today.year + 1:
        yield BB402.at(record, "year", f"year {number} is implausible for a publication")


# The parts of a `#` concatenation: quoted or braced strings, numbers and macro names.
_CONCATENATED = re.compile(r'"[^"]*"|\{[^{}]*\}|[^\s#"{}]+')


def _month_concatenation(raw: str) -> bool:
    """`"10~" # jan`, `jun # "-" # aug`: BibTeX's documented way (btxdoc, xampl.bib) to give
    a day or a range of months; styles print `10~January`, `June-August` as meant."""
    return "#" in raw and any(part.lower() in MONTH_MACROS
                              for part in _CONCATENATED.findall(raw))


@check(BB403, scope="bibliography")
def month(bibliography: Bibliography, context: Context) -> Iterator[Diagnostic]:
    dialect = None
    for record in bibliography.records:
        item = record.field("month")
        if item is None:
            continue
        raw = item.raw.strip()
        value = item.value.strip().lower().rstrip(".")
        if raw.lower() in MONTH_MACROS or (value.isdigit() and 1 <= int(value) <= 12):
            continue
        if value in MONTH_NUMBERS and len(value) > 3:
            continue  # a full month name, e.g. {April}
        if _month_concatenation(raw):
            dialect = dialect or dialect_of(bibliography, context) or "dataset"
            if dialect == "bibtex":
                continue
            yield BB403.at(record, "month", f"month {raw} is fine for BibTeX, but biber reads "
                           "only a month 1-12", fix="date = {YYYY-MM-DD} or a range "
                           "{YYYY-MM/YYYY-MM}, and remove month")
            continue
        number = MONTH_NUMBERS.get(value)
        fix = (
            f"month = {list(MONTH_MACROS)[number - 1]}"
            if number
            else "month = jan … dec (no braces) or a number 1-12"
        )
        yield BB403.at(record, "month", f"month {raw} is not a month BibTeX styles recognise",
                       fix=fix)


@check(BB404, fields=("edition",))
def edition(record: Record, context: Context) -> Iterator[Diagnostic]:
    value = record.get("edition")
    if value is None:
        return
    value = value.strip()
    if value.isdigit() or _ORDINAL.fullmatch(value):
        return
    if _EDITION_NAME.fullmatch(value) and not value.lower().startswith("ed"):
        return  # a named edition, `Silver` or `Revised`: styles print "Silver edition"
    match = _EDITION_WORDS.match(value)
    fix = (
        f"edition = {{{match.group(1)}}} (styles add 'ed.' themselves)"
        if match
        else "write the edition as a number: edition = {2}"
    )
    yield BB404.at(record, "edition", f"edition '{value}' is not a number or an ordinal", fix=fix)


@check(BB410, BB411, BB412, BB413, fields=PERSON_FIELDS)
def names(record: Record, context: Context) -> Iterator[Diagnostic]:
    for role in PERSON_FIELDS:
        item = record.field(role)
        if item is None or not item.value.strip():
            continue
        value = item.value.strip()
        top = mask_groups(value)  # same positions as `value`; brace groups blanked out
        if "et" in top and _ET_AL.search(top):
            yield BB410.at(record, role, f"'et al.' inside the {role} list",
                           fix="end the list with 'and others'")
        spans = _name_spans(top)
        if _DANGLING_AND.search(top) or any(start == end for start, end in spans):
            yield BB411.at(record, role, f"empty name in the {role} list (an 'and' too many)",
                           fix="remove the extra 'and'")
        for start, end in spans:
            if start < end and not value[start:end].strip(", ~\t\n"):
                yield BB411.at(record, role, f"'{value[start:end]}' in the {role} list is no "
                               "name: only commas or spaces", fix="write the name, or remove it")
        suspicious = _corporate(top) or top.count(",") > len(spans) or \
            ";" in top or " & " in top
        if not suspicious:
            continue
        for start, end in spans:
            piece, top_piece = value[start:end], top[start:end]
            if not top_piece.strip("_ "):
                continue  # empty, or braced whole: a corporate name, as it should be
            if _EXTENDED_NAME.fullmatch(top_piece.strip()):
                continue  # biber's key=value name form: `given=Alfred, family=Adler`
            if _corporate(top_piece):
                yield BB412.at(record, role, f"'{piece}' looks like an organisation; unbraced,"
                               " BibTeX splits it into given and family names",
                               fix=f"{role} = {{{{{piece}}}}}")
                continue
            commas = top_piece.count(",")
            if top_piece.rstrip().endswith(";") and top_piece.count(";") == 1 and commas < 2:
                yield BB413.at(record, role, f"'{piece.strip()}' ends with ';', which BibTeX "
                               "keeps as part of the name", fix="remove the ';': names are "
                               "separated by 'and' alone")
                continue
            separated = commas >= 3 or ";" in top_piece or " & " in top_piece or \
                (commas == 2 and not _SUFFIX.fullmatch(piece.split(",")[1].strip()))
            if commas >= 3:
                yield BB413.at(record, role, f"'{piece}' has {commas} commas, and a name has "
                               "at most two (von Last, Jr, First); BibTeX reads all after the "
                               "second as the given name. Several names need 'and' between "
                               "them", fix="write 'Family, Given and Family, Given'")
            elif separated and (stray := _stray_comma(piece, top_piece)) is not None:
                jr = f"'{stray[1]}' as its Jr part" if stray[1] else "an empty Jr part"
                yield BB413.at(record, role, f"'{piece.strip()}' is one name with too many "
                               f"commas: BibTeX reads {jr}", fix=f"write '{stray[0]}'")
            elif separated:
                yield BB413.at(record, role, f"'{piece}' looks like several names; BibTeX "
                               "separates names only with 'and'",
                               fix="write 'Family, Given and Family, Given'")


_INITIALS = re.compile(r"(?:[A-Z]\.?[\s~-]*)+")


def _stray_comma(piece: str, top_piece: str) -> tuple[str, str] | None:
    """`Merle, J., C.` or `Werneck,, Renato`: one name whose second comma is a slip (the
    Jr part would be an initial, or empty), as (the name written right, the Jr part).
    `top_piece` is `piece` with its brace groups masked: only its commas separate parts."""
    commas = [i for i, char in enumerate(top_piece) if char == ","]
    if len(commas) != 2:
        return None
    first, second = commas
    family, middle, last = (piece[:first].strip(), piece[first + 1 : second].strip(),
                            piece[second + 1 :].strip())
    if not family or not last:
        return None
    if not middle:
        return f"{family}, {last}", ""
    if _INITIALS.fullmatch(middle) and _INITIALS.fullmatch(last):
        return f"{family}, {middle} {last}", middle
    return None


def _name_spans(top: str) -> list[tuple[int, int]]:
    """(start, end) of each name in a depth-0 name list, split at ` and `."""
    spans = []
    start = 0
    for match in AND_SEPARATOR.finditer(top):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(top)))
    return spans


@check(BB420, BB421, BB422)
def characters(record: Record, context: Context) -> Iterator[Diagnostic]:
    for item in record.fields:
        value = item.value
        if url_valued(item.name, value):
            continue
        latex = value if item.name not in UNTYPESET_FIELDS else ""
        if "\\" in latex:
            latex = _URL_COMMAND.sub(" ", latex)
        if ("&" in latex or "%" in latex or "#" in latex) and _SPECIAL.search(latex):
            chars = sorted(set(c.lstrip("\\") for c in _SPECIAL.findall(latex)))
            escaped = " ".join("\\" + c for c in chars)
            yield BB420.at(
                record,
                item.name,
                f"unescaped {' '.join(chars)} in '{item.name}' (LaTeX reads it as markup)",
                fix=f"escape it: {escaped}",
            )
        elif "$" in latex and len(_DOLLAR.findall(latex)) % 2:
            yield BB420.at(
                record,
                item.name,
                f"unescaped $ in '{item.name}' (opens math mode that never closes)",
                fix="escape it: \\$",
            )
        html = _HTML.search(value) if "<" in value or "&" in value else None
        if html is not None:
            found = html.group()
            yield BB421.at(
                record,
                item.name,
                f"HTML {found} in '{item.name}'",
                fix="use LaTeX: \\emph{…}, \\textsuperscript{…}, \\& …",
            )
        if not value.isascii() and not unicodedata.is_normalized("NFC", value):
            yield BB422.at(
                record,
                item.name,
                f"'{item.name}' has decomposed characters (not NFC)",
                fix="normalise the text to NFC (composed characters)",
            )


_WORD = re.compile(r"(?<![\\\w])[^\W\d_]{2,}")


def _typed_in_capitals(top: str) -> bool:
    """`THE BAND STRUCTURE OF CUPROUS OXIDE`, `LOGICS of Programs: AXIOMATICS and
    DESCRIPTIVE POWER`: at least half the words (and three) all in capitals."""
    words = _WORD.findall(top)
    capitals = [word for word in words if word.isupper()]
    return len(capitals) >= 3 and 2 * len(capitals) >= len(words)


@check(BB423, fields=CASE_CHANGED_FIELDS)
def title_capitals(record: Record, context: Context) -> Iterator[Diagnostic]:
    for name in CASE_CHANGED_FIELDS:
        value = record.get(name)
        if not value:
            continue
        top = mask_groups(value)
        words = [w for w in _CAPS_WORD.findall(top) if sum(c.isupper() for c in w) >= 2]
        if _typed_in_capitals(top):
            # Lower-casing is then what the style should do; bracing each word (the fix for
            # an acronym) would keep the capitals.
            yield BB423.at(record, name, f"{name} is typed in capitals: BibTeX styles "
                           "lower-case it, which is right for its ordinary words",
                           fix="write it in title case, with braces only around acronyms")
        elif words:
            shown = ", ".join(dict.fromkeys(words))
            protected = " ".join(f"{{{w}}}" for w in dict.fromkeys(words))
            yield BB423.at(
                record,
                name,
                f"{shown} would be lower-cased by BibTeX styles",
                fix=f"protect with braces: {protected}",
            )
