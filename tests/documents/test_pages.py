"""Links in the course pages: the URLs a style prints become links, and nothing else does."""

from __future__ import annotations

from html.parser import HTMLParser

from balint_bib.documents.html import linkify


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            assert [name for name, _ in attrs] == ["href", "rel"]
            self.hrefs.append(dict(attrs)["href"] or "")


def _hrefs(html_text: str) -> list[str]:
    parser = _Links()
    parser.feed(html_text)
    return parser.hrefs


def test_urls_and_dois_become_links_without_their_full_stop() -> None:
    text = ("Kjeldmand, D. (2004). <i>T</i>, 230–235. https://doi.org/10.1016/j.pec.2003.09.009."
            " Retrieved from http://a.org/x?page_id=22&amp;club_id=4, see")
    assert _hrefs(linkify(text)) == ["https://doi.org/10.1016/j.pec.2003.09.009",
                                     "http://a.org/x?page_id=22&club_id=4"]
    assert linkify(text).endswith("</a>, see")


def test_only_http_urls_are_linked() -> None:
    text = "javascript:alert(1) ftp://x.org/y data:text/html,x mailto:a@b.org"
    assert linkify(text) == text


def test_escaped_quotes_cannot_break_out_of_the_attribute() -> None:
    linked = linkify("https://x.org/&quot;onmouseover=&quot;alert(1)")
    assert _hrefs(linked) == ['https://x.org/"onmouseover="alert(1)']  # one href, no handler
