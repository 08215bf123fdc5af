"""An entry whose every value tries to break out of the format it is written into."""

from __future__ import annotations

from html.parser import HTMLParser

import balint_bib

MARKUP = "<script>alert(1)</script>"
# Control characters, a bidi override and a right-to-left mark, quotes, CDATA end,
# and attempts to end an RIS record, an XML element or a BibTeX entry.
HOSTILE_BIB = (
    "@misc{Hostile,\n"
    "  author = {O'Brien, Seán and {<b>Evil</b> \\& Co}},\n"
    f"  title = {{{MARKUP} \\& ]]> \"double\" 'single' \x01\x07\x1b\x7f"
    " abc\u202edcba \u200f\u05e9\u05dc\u05d5\u05dd},\n"
    "  howpublished = {Slide presentation},\n"
    "  url = {javascript:alert(1)},\n"
    "  keywords = {ER  - , TY  - JOUR, </dc:subject>},\n"
    "  annote = {line one\r\nER  - \r\nTY  - JOUR\r\nTI  - injected"
    " </rdf:value></bib:Memo><bib:Book rdf:about=\"#item_1\"> \\& <img src=x onerror=alert(1)>},\n"
    "  year = {2020},\n"
    "}\n"
    "@online{JsLink,\n"
    "  title = {Link},\n"
    "  url = {JavaScript:alert(document.cookie)},\n"
    "}\n"
)


def hostile_bibliography() -> balint_bib.Bibliography:
    bibliography = balint_bib.parse_string(HOSTILE_BIB)
    assert not bibliography.problems, bibliography.problems
    return bibliography


class Elements(HTMLParser):
    """A real HTML parser's view of a page: its tags, attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed_html(markup: str) -> Elements:
    parser = Elements()
    parser.feed(markup)
    parser.close()
    return parser
