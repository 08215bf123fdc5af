"""The one provenance module: parse what validation reads, append what enrichment adds."""

from __future__ import annotations

from balint_bib.provenance import SIDECAR_CODE, NewSource, Source, append, parse


def test_what_append_writes_parse_reads_back() -> None:
    existing = '[entries.A]\nstatus = "verified"\n'
    item = NewSource("A", Source(("doi", "pages"), "Crossref 10.5555/a", "matched",
                                 "2026-11-01", 12.5, "http://127.0.0.1:1"), "10.5555/a")
    text = append(existing, [item])
    assert text.startswith(existing)
    provenance, problems = parse(text, "refs.sources.toml")
    assert problems == []
    assert provenance.entries["A"].sources == (item.source,)
    assert provenance.entries["A"].covers("pages") and provenance.entries["A"].line == 1


def test_problems_are_the_readers_diagnostics_with_lines_and_keys() -> None:
    text = '[entries.A]\nstatus = "maybe"\n\n[entries.B]\nstatus = "verified"\nsources = [1]\n'
    _, problems = parse(text, "x.toml")
    assert [(p.code, p.key, p.line) for p in problems] == [
        (SIDECAR_CODE, "A", 1), (SIDECAR_CODE, "B", 4)]
    _, broken = parse("[entries\n", "x.toml")
    assert broken[0].message.startswith("not valid TOML") and broken[0].line == 1
