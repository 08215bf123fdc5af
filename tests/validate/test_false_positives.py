"""Findings real .bib files do not deserve (issue 10): each case is valid BibTeX or
biblatex that a rule once reported, next to the case the rule must still catch."""

from __future__ import annotations

from balint_bib.bibtex.reader import parse_string
from balint_bib.diagnostics import Diagnostic
from balint_bib.validate import validate
from balint_bib.validate.datamodel import STANDARD_FIELDS


def findings(text: str, code: str) -> list[Diagnostic]:
    return [f for f in validate(parse_string(text)) if f.code == code]


ARTICLE = ("@article{K,\n author = {Smith, Ann},\n title = {A study},\n"
           " journal = {Journal},\n year = 2004,\n %s\n}\n")


def test_misspelling_is_corrected_only_to_a_standard_field() -> None:
    # arxivid (Mendeley's) is close to the tool field `arxiv`, which no style reads.
    [unknown] = findings(ARTICLE % "arxivid = {1610.04692}", "BB206")
    assert "arxivid" in unknown.message
    assert findings(ARTICLE % "arxivid = {1610.04692}", "BB203") == []
    [typo] = findings(ARTICLE % "keyword = {a, b}", "BB203")
    assert "'keywords'" in typo.message


def test_every_suggestion_is_in_the_standard_model() -> None:
    from balint_bib.validate.fields import _closest_known

    for name in ("arxivid", "pmcids", "timestamps", "mendeley-tag", "owners", "keyword",
                 "jounral", "adress", "publsher"):
        close = _closest_known(name)
        assert close is None or close in STANDARD_FIELDS, (name, close)
    assert _closest_known("adress") == "address"


def page_codes(pages: str) -> list[str]:
    text = ARTICLE % f"pages = {{{pages}}}"
    return sorted(f.code for f in validate(parse_string(text)) if f.code.startswith("BB40"))


def test_abbreviated_range_is_an_info_suggestion_not_an_error() -> None:
    assert page_codes("865--9") == ["BB408"]
    assert page_codes("2596--601") == ["BB408"]
    assert page_codes("152102--3") == ["BB408"]
    assert page_codes("865--3") == ["BB406"]  # 863 < 865: no reading makes it a range
    assert page_codes("50--20") == ["BB406"]


def test_article_number_with_a_page_suffix_is_not_a_backward_range() -> None:
    # zbb-unabbrev3.bib: Phys. Rev. Lett. 236802--1, Appl. Phys. Lett. 212109--3.
    assert page_codes("236802--1") == ["BB407"]
    [finding] = findings(ARTICLE % "pages = {212109--3}", "BB407")
    assert "article number" in finding.message and "212109" in (finding.fix or "")
    assert page_codes("2373--1428") == ["BB406"]  # really backwards
    assert page_codes("23730--2172") == ["BB406"]  # one digit shorter: a range, backwards


def test_journal_page_numbers_are_pages() -> None:
    for pages in ("C3-53--C3-66", "161301(R)", "169901(E)", "eaam9756", "FTu4B.3",
                  "82620P1--82620P8", "A665--A679", "{c\\,3}--{c\\,3}", "Cover 3", "Appendix A",
                  "12--14, 17--19", "xiv", "275+", "S12--S15"):
        assert page_codes(pages) == [], pages
    assert page_codes("82620P1-82620P8") == ["BB405"]


def test_what_is_no_page_is_still_reported() -> None:
    for pages in ("??--??", "ASAP", "n/a-n/a", "acs.nanolett.7b02489", "-", "--",
                  "DOI: 10.1039/C3CS60378D", "Article No. 30", "{}", "R31----R58"):
        assert page_codes(pages) == ["BB407"], pages


def special_codes(field: str) -> list[str]:
    return sorted(f.code for f in validate(parse_string(ARTICLE % field)) if f.code == "BB420")


def test_no_escape_is_asked_for_in_url_valued_fields() -> None:
    for field in ('bibsource = "http://www.math.utah.edu/pub/tex/bib/index-table-t.html#tugboat;'
                  '\n   http://www.math.utah.edu/pub/tex/bib/tugboat.bib"',
                  "url = {https://example.org/a#b}", "journal-url = {http://x.org/#top}",
                  "biburl = {https://dblp.org/rec/a.bib#x}", "adsurl = {https://ui.adsabs.org/#abs}",
                  "doi = {10.1000/a#b}", "eprint = {math/0101#1}", "file = {:a#b.pdf:PDF}",
                  "howpublished = {\\url{https://example.org/a#b_100%}}",
                  "note = {See \\href{https://example.org/#x}{the site}}",
                  "link = {https://example.org/page#section}"):
        assert special_codes(field) == [], field


def test_no_escape_is_asked_for_in_fields_no_style_typesets() -> None:
    for field in ("keywords = {Children & youth, #tag}", "sorttitle = {Computers & Typesetting}",
                  "indexsorttitle = {Computers & Typesetting}", "groups = {A & B}"):
        assert special_codes(field) == [], field


def test_specials_in_typeset_text_are_still_reported() -> None:
    for field in ("publisher = {John Wiley & Sons}", "note = {100% of cases}",
                  "note = {See \\href{https://example.org/#x}{issue #3}}",
                  "howpublished = {Online & offline}"):
        assert special_codes(field) == ["BB420"], field


def entry(key: str, entry_type: str = "article", **fields: str) -> str:
    values = {"author": "Beeton, Barbara", "title": "Production notes", "year": "1993",
              "journal": "TUGboat", **fields}
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in values.items() if value)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def duplicate_codes(*entries: str) -> list[str]:
    return [f.code for f in validate(parse_string("".join(entries))) if f.code.startswith("BB50")]


def test_same_title_year_and_author_but_another_issue_is_another_work() -> None:
    assert duplicate_codes(entry("A", pages="81--82", number="1"),
                           entry("B", pages="439", number="4")) == []
    for field, one, other in (("pages", "1--2", "3--4"), ("volume", "14", "15"),
                              ("number", "1", "2"), ("issue", "1", "2"),
                              ("journal", "TUGboat", "Baskerville"),
                              ("doi", "10.1000/a", "10.1000/b")):
        pair = entry("A", **{field: one}), entry("B", **{field: other})
        assert duplicate_codes(*pair) == [], field
    assert duplicate_codes(entry("A", "techreport", journal="", institution="U"),
                           entry("B", "inproceedings", journal="", booktitle="Proc.")) == []


def test_the_same_work_twice_is_still_reported() -> None:
    assert duplicate_codes(entry("A", pages="1--2"), entry("B", pages="1--2")) == ["BB502"]
    assert duplicate_codes(entry("A", pages="1--2"), entry("B")) == ["BB502"]  # one has less
    assert duplicate_codes(entry("A", "conference", journal="", booktitle="P"),
                           entry("B", "inproceedings", journal="", booktitle="P")) == ["BB502"]
    # a third entry matching the first, after one that differs
    assert duplicate_codes(entry("A", volume="1"), entry("B", volume="2"),
                           entry("C", volume="1")) == ["BB502"]


def test_chapters_with_their_books_doi_are_not_duplicates() -> None:
    one = entry("begum", "incollection", journal="", title="Phonon confinement",
                booktitle="Nanowires", pages="255--272", doi="10.5772/3457")
    other = entry("zardo", "incollection", journal="", title="Raman spectroscopy",
                  booktitle="Nanowires", pages="227--254", doi="10.5772/3457")
    assert duplicate_codes(one, other) == []


def test_a_doi_on_two_different_works_is_named_as_such() -> None:
    one = entry("Furnham1991", title="The art of book reviewing", doi="10.1080/0309877910150304")
    other = entry("Phruksachart2018", title="Herd behavior", year="2018",
                  doi="10.1080/0309877910150304")
    [finding] = [f for f in validate(parse_string(one + other)) if f.code == "BB501"]
    assert "another title" in finding.message and "merge" not in (finding.fix or "")
    [same] = [f for f in validate(parse_string(one + one.replace("Furnham1991", "F2")))
              if f.code == "BB501"]
    assert same.fix == "merge the two entries"


PROCEEDINGS = ("@inproceedings{part,\n author = {Smith, Ann},\n title = {A talk},\n"
               " crossref = {Proc1999},\n pages = {1--9}\n}\n"
               "@proceedings{Proc1999,\n editor = {Jones, Bo},\n title = {Proceedings},\n"
               " booktitle = {Proceedings},\n booksubtitle = {Of a meeting},\n year = 1999\n}\n")


def test_booktitle_on_a_crossref_target_is_meant_for_its_children() -> None:
    assert findings(PROCEEDINGS, "BB202") == []
    assert findings(PROCEEDINGS.replace("{Proc1999}", "{PROC1999}"), "BB202") == []
    alone = PROCEEDINGS.replace(" crossref = {Proc1999},\n", "")  # no child: no reason
    assert sorted(f.field or "" for f in findings(alone, "BB202")) == ["booksubtitle",
                                                                      "booktitle"]


def test_wrong_type_fields_are_still_reported_and_a_journal_publisher_is_not() -> None:
    assert findings(ARTICLE % "publisher = {Elsevier}", "BB202") == []
    [booktitle] = findings(ARTICLE % "booktitle = {Proceedings}", "BB202")
    assert booktitle.field == "booktitle"
    thesis = ("@phdthesis{T,\n author = {Smith, Ann},\n title = {T},\n school = {U},\n"
              " year = 2001,\n journal = {J}\n}\n")
    assert [f.field for f in findings(thesis, "BB202")] == ["journal"]


def test_an_issn_in_the_isbn_field_is_named_as_one() -> None:
    [finding] = findings(ARTICLE % "isbn = {0003-6951}", "BB304")
    assert "is an ISSN" in finding.message and finding.fix == "move it to the issn field"
    mendeley = "isbn = {1748-3395 (Electronic)\\textbackslash{}r1748-3387 (Linking)}"
    listed = findings(ARTICLE % mendeley, "BB304")
    assert [f.message for f in listed] == ["'1748-3395' is an ISSN, not an ISBN",
                                           "'1748-3387' is an ISSN, not an ISBN"]
    linked_all = findings(ARTICLE % "isbn = {1530-6992 (E)\\textbackslash{}n1530-6984 (L)}",
                          "BB304")
    assert [f.message for f in linked_all] == ["'1530-6992' is an ISSN, not an ISBN",
                                               "'1530-6984' is an ISSN, not an ISBN"]
    assert findings(ARTICLE % "isbn = {978-1-5106-1549-6 978-1-5106-1550-2}", "BB304") == []
    [wrong] = findings(ARTICLE % "isbn = {978-0-415-24321-7}", "BB304")
    assert "not a valid ISBN" in wrong.message


def test_a_misc_needs_no_url_outside_the_dataset() -> None:
    from balint_bib.validate import Context

    misc = "@misc{Kloks,\n author = {Ton Kloks},\n title = {Talk},\n note = {Personal}\n}\n"
    assert findings(misc, "BB201") == []
    dataset = [f.code for f in validate(parse_string(misc), Context(profile="dataset"))]
    assert "BB201" in dataset
    online = "@online{O,\n author = {A, B},\n title = {T},\n year = 2020,\n %s\n}\n"
    assert findings(online % "doi = {10.1000/x}", "BB201") == []
    [needs] = findings(online % "note = {n}", "BB201")
    assert "'url'" in needs.message and "'doi'" in needs.message


def test_a_crossref_may_name_a_key_alias() -> None:
    text = ("@inbook{child,\n author = {A, B},\n title = {C},\n crossref = {bookalias},\n"
            " pages = {1--2}\n}\n@book{main,\n ids = {other, bookalias},\n author = {A, B},\n"
            " title = {T},\n booktitle = {T},\n publisher = {P},\n year = 2000\n}\n")
    assert findings(text, "BB205") == []
    assert findings(text, "BB202") == []
    assert len(findings(text.replace("{bookalias}", "{missing}"), "BB205")) == 1


def test_bibtex_noopsort_years_are_years() -> None:
    for year in ("{{\\noopsort{1973b}}1973}", "{{\\noopsort{1973a}}{\\switchargs{--90}{1968}}}"):
        assert findings(ARTICLE.replace("year = 2004", f"year = {year}") % "", "BB401") == []
    [noise] = findings(ARTICLE.replace("year = 2004", "year = {{\\noopsort{a}}n.d.}") % "",
                       "BB401")
    [years] = findings(ARTICLE.replace("year = 2004", "year = {1992--1993}") % "", "BB401")
    assert years.fix == "date = {1992/1993} (biblatex), or one year"
    assert noise.code == "BB401"


def test_a_stray_semicolon_before_and_is_named_as_such() -> None:
    text = ARTICLE.replace("Smith, Ann", "Kresse, G; and Joubert, D.") % ""
    [finding] = findings(text, "BB413")
    assert finding.message == "'Kresse, G;' ends with ';', which BibTeX keeps as part of the name"
    several = findings(ARTICLE.replace("Smith, Ann", "Smith, J.; Jones, K.") % "", "BB413")
    assert "several names" in several[0].message


def test_biber_extended_name_format_is_one_name() -> None:
    text = ARTICLE.replace("Smith, Ann", "id=testid, given=Alfred, family=Adler and Bo, A") % ""
    assert findings(text, "BB413") == []
    assert findings(ARTICLE.replace("Smith, Ann", "given=Alfred, family=Adler") % "", "BB413") == []


def test_the_standard_fields_are_bibers_data_model() -> None:
    """Every field of biber's default data model (its tool-mode config) is standard, apart
    from the date parts biber derives from a date (`urlyear`, `eventendhour` …)."""
    import re
    import subprocess
    from pathlib import Path

    from tests.support.tools import require_tool

    biber = require_tool("biber")
    config = subprocess.run([biber, "--tool-config"], capture_output=True, text=True,
                            timeout=60, check=True).stdout.strip().splitlines()[-1]
    text = Path(config).read_text(encoding="utf-8")
    fields = set(re.findall(r">([a-z]+)</field>", text[text.index("<fields>"):
                                                        text.index("</fields>")]))
    derived = re.compile(r"(?:end|event|eventend|orig|origend|url|urlend)?"
                         r"(?:year|month|day|hour|minute|second|timezone|yeardivision)")
    model = {name for name in fields if not derived.fullmatch(name)}
    assert len(model) > 100
    assert model - STANDARD_FIELDS == set()


BOOK = "@book{B,\n author = {Knuth, Donald},\n title = {Algorithms},\n %s\n}\n"
MISC = "@misc{M,\n author = {Fellows, Michael},\n note = {Personal communication}\n}\n"


def _required(text: str, profile: str = "generic") -> list[str]:
    from balint_bib.validate import Context

    return sorted(f.message for f in validate(parse_string(text), Context(profile=profile))
                  if f.code == "BB201")


def test_requirements_of_one_model_only_follow_the_files_dialect() -> None:
    bibtex = BOOK % "year = 1968" + MISC
    assert _required(bibtex) == ["@book needs 'publisher'"]  # BibTeX's @misc needs no title
    biblatex = BOOK % "date = {1968}, location = {Reading}" + MISC
    assert _required(biblatex) == ["@misc needs 'title'"]  # biblatex's @book, no publisher
    # The dataset holds every entry to both models (and to its own @misc rule).
    assert _required(bibtex, "dataset") == ["@book needs 'publisher'", "@misc needs 'title'",
                                            "@misc needs 'url' or 'howpublished'"]


def test_a_named_edition_is_an_edition() -> None:
    book = BOOK % "publisher = {P},\n year = 1968,\n edition = {%s}"
    for name in ("Silver", "Revised", "2", "Second"):
        assert findings(book % name, "BB404") == [], name
    for junk in ("2nd ed.", "Pbk. ed.", "First edit", "Tenth anni", "Edition"):
        assert len(findings(book % junk, "BB404")) == 1, junk


def command_findings(title: str) -> list[Diagnostic]:
    return findings(ARTICLE.replace("title = {A study}", f"title = {{{title}}}") % "", "BB424")


def test_commands_shown_as_latex_prints_them_are_not_reported() -> None:
    # tugboat.bib: argument markup keeps its text; a logo macro is shown as its own name;
    # a switch before a group leaves the group.
    for title in (r"Soliciting Bids for \acro{TUG}\,'97", r"The status of {\VAX}/{\TeX}",
                  r"Announcing (belatedly) \TeXMaG", r"A World Wide Web interface to {\CTAN}",
                  r"{\XML}/Math\acro{ML}", r"{\HTML5}", r"{\CSTUG{}}",
                  r"{{\slnine {MAPS}\/}: Contents}",
                  # the decoder knows these: a font switch prints nothing, a logo before a
                  # group keeps its name, \kern and its dimension print nothing
                  r"Bitmaps with {\ssf BM2FONT}", r"{\SMC SGML} tables",
                  r"{\UNIX{\TeX} site report}", r"DVIto\kern-.15em VDU"):
        assert command_findings(title) == [], title


def test_commands_whose_text_is_lost_or_guessed_are_reported() -> None:
    cases = {
        r"Bitmaps with {\foo BM2FONT}": "switch",  # an unknown switch's name stays in the text
        r"Solution to the riddle from \tubissue 11(4)": "TUGboat",
        r"How to prepare a file for {\TUB}": "'TUGboat'",
        r"{\Unix{\TeX} site report}": "name is lost",
        r"Kn{\printfirst{v}{1987}}": "2 arguments",
        r"\mkbibquote{Intention} und": "quotation marks",
        r"An entry with \arabic{author} authors": "not text",
        r"{\origLaTeX} vs.\ {\gmLaTeXplain}": "'origLaTeX'",
    }
    for title, words in cases.items():
        [finding] = command_findings(title)
        assert words in finding.message, (title, finding.message)


def test_doi_behind_another_resolver_host_is_a_prefixed_doi() -> None:
    # acmart-sample.bib: ACM's own resolver; the DOI is fine, only its prefix is not.
    text = ARTICLE % "doi = {http://doi.acm.org/10.1145/351827.384253}"
    assert findings(text, "BB301") == []
    [prefixed] = findings(text, "BB302")
    assert prefixed.fix == "doi = {10.1145/351827.384253}"
    # A URL whose path is not a DOI stays malformed.
    assert findings(ARTICLE % "doi = {http://doi.acm.org/citation.cfm?id=1}", "BB301")


def test_month_concatenated_with_a_month_macro_is_bibtex() -> None:
    # xampl.bib (Patashnik's own examples): a day, or a range of months.
    for month in ('"10~" # jan', 'jun # "-" # aug', 'nov # ", " # dec'):
        assert findings(ARTICLE % f"month = {month}", "BB403") == [], month
    assert findings(ARTICLE % "month = {Jan.-March}", "BB403")  # not a concatenation
    # biber reads a month 1-12 only: a biblatex file hears about it.
    biblatex = ARTICLE.replace("journal =", "journaltitle =") % 'month = "10~" # jan'
    [finding] = findings(biblatex, "BB403")
    assert "biber" in finding.message


def test_field_switched_off_by_a_prefix_gets_no_suggestion() -> None:
    # biber-papers.bib: `Xeditor` keeps a list with a typo out of the styles on purpose.
    for name in ("Xeditor", "OPTnote", "ALTeditor"):
        text = ARTICLE % f"{name} = {{L. V, Quintas}}"
        assert findings(text, "BB203") == [], name
        [info] = findings(text, "BB206")
        assert "switched off" in info.message, name
    assert findings(ARTICLE % "xref = {other}", "BB206") == []  # a field of its own
    assert findings(ARTICLE % "editr = {A. B}", "BB203")  # a misspelling is still one


COLLECTION = ("@collection{matuz:doody,\n editor = {Matuz, Roger},\n title = {Contemporary"
              " Literary Criticism},\n location = {Detroit},\n date = 1990,\n"
              " pages = {61--85}\n}\n")


def test_pages_on_a_whole_volume_follow_the_files_dialect() -> None:
    # biblatex-examples.bib: biblatex's @collection and @book have `pages` (blx-dm.def),
    # for citing a part; BibTeX's @book has no use for it, nor biblatex's @mvbook.
    assert findings(COLLECTION, "BB202") == []
    assert findings(COLLECTION.replace("@collection", "@book").replace("editor", "author"),
                    "BB202") == []
    assert findings(COLLECTION.replace("@collection", "@mvcollection"), "BB202")
    # acmart-sample.bib `viii+525`: a page count, which belongs in pagetotal in both models.
    assert findings(COLLECTION.replace("61--85", "viii+525"), "BB202")
    bibtex_book = ("@book{B,\n author = {Smith, Ann},\n title = {A book},\n publisher = {P},\n"
                   " year = 2004,\n pages = {440--446}\n}\n")
    assert findings(bibtex_book, "BB202")


def test_one_name_with_a_stray_comma_is_named_so() -> None:
    # zbb-jabref-groups.bib `Merle, J., C.`; acmart-sample.bib `Werneck,, Renato`.
    for author, fix in (("Merle, J., C. and Certier, M.", "write 'Merle, J. C.'"),
                        ("Werneck,, Renato and Setubal,, Jo\\~{a}o", "write 'Werneck, Renato'")):
        text = ARTICLE.replace("Smith, Ann", author) % ""
        found = [f for f in validate(parse_string(text)) if f.code.startswith("BB41")]
        assert found and all(f.code == "BB413" for f in found), found
        assert "too many commas" in found[0].message and "several names" not in found[0].message
        assert found[0].fix == fix
    # Two names run together with a comma are still several names.
    [several] = findings(ARTICLE.replace("Smith, Ann", "Smith, J., Doe") % "", "BB413")
    assert "several names" in several.message


def test_a_comma_in_braces_is_no_name_part() -> None:
    # A braced comma does not separate parts; the check must not read it as one.
    [several] = findings(ARTICLE.replace("Smith, Ann", "{Smith, and Co}, J., Doe") % "",
                         "BB413")
    assert "several names" in several.message


def test_title_typed_in_capitals_is_one_finding_not_acronyms_to_brace() -> None:
    # zbb-jabref-groups.bib, acmart-sample.bib: ordinary words typed in capitals.
    for title in ("THE BAND STRUCTURE OF CUPROUS OXIDE",
                  "LOGICS of Programs: AXIOMATICS and DESCRIPTIVE POWER"):
        text = ARTICLE.replace("title = {A study}", f"title = {{{title}}}") % ""
        [finding] = findings(text, "BB423")
        assert "typed in capitals" in finding.message
        assert "brace" not in (finding.fix or "").split(",")[0]
    # An acronym in an ordinary title is still one to protect.
    text = ARTICLE.replace("title = {A study}", "title = {Parameterized FPT algorithms}") % ""
    [acronym] = findings(text, "BB423")
    assert "FPT would be lower-cased" in acronym.message


def test_type_defined_by_a_known_style_names_that_style() -> None:
    # acmart-sample.bib: ACM-Reference-Format.bst has FUNCTION { artifactdataset } { manual }.
    text = ("@ArtifactDataset{UMassCitations,\n author = {Anzaroot, Sam},\n title = {UMass"
            " Citation Field Extraction Dataset},\n year = 2014,\n url = {http://x.org}\n}\n")
    [finding] = findings(text, "BB109")
    assert "ACM-Reference-Format.bst" in finding.message
    assert finding.message.startswith("@artifactdataset is not a BibTeX or biblatex type")
    assert finding.fix is not None and "@dataset" in finding.fix
    [mendeley] = findings(text.replace("@ArtifactDataset", "@web_page"), "BB109")
    assert mendeley.message == "unknown entry type @web_page"
