"""`add_by_doi`: a new entry for a DOI, appended to a .bib file, as a library call.

Like a reference manager's "add by identifier": Crossref's record of the DOI becomes
an entry at the end of the file (every existing byte kept), and where the file has a
provenance sidecar the new entry's source is recorded there, as enrichment does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..bibtex.reader import Bibliography, parse_string
from ..dataset import references_path, sidecar_path
from ..doi import DOI, bare_doi, doi_key
from ..errors import InputError, UsageError
from ..files import atomic_write
from ..provenance import NewSource, Source
from ..provenance import append as append_provenance
from .fetch import fetch_work
from .new_entry import NewEntry, entry_from_work
from .pipeline import read_sidecar
from .settings import CrossrefSettings


@dataclass(frozen=True)
class Addition:
    entry: NewEntry
    path: Path
    text: str  # the .bib before
    new_text: str  # and after
    sidecar: Path
    old_sidecar: str
    new_sidecar: str


def add_by_doi(bibliography: Bibliography, doi: str, settings: CrossrefSettings, *,
               key: str | None = None, write: bool = True) -> Addition:
    """Fetch `doi`'s record, plan the new entry and (unless `write` is False) write it."""
    wanted = bare_doi(doi)
    if not DOI.fullmatch(wanted):
        raise UsageError(f"not a DOI: {doi!r} (expected 10.NNNN/…)")
    path = Path(bibliography.path or references_path())
    for record in bibliography.records:
        if doi_key(record.get("doi") or "") == doi_key(wanted):
            raise InputError(f"the DOI {wanted} is already in the file", path=path,
                             line=record.line, key=record.key)
    if key is not None and key.lower() in {k.lower() for k in bibliography.keys}:
        raise UsageError(f"the key {key} is already in the file", path=path)
    message = fetch_work(settings, wanted)
    if message is None:
        raise InputError(f"Crossref does not know the DOI {wanted}")
    entry = entry_from_work(message, bibliography.keys, key)
    addition = _plan(bibliography, path, entry, settings.base_url)
    if write:
        # Provenance first, as enrichment writes it: a rerun finds it already recorded.
        if addition.new_sidecar != addition.old_sidecar:
            atomic_write(addition.sidecar, addition.new_sidecar)
        atomic_write(path, addition.new_text)
    return addition


def _plan(bibliography: Bibliography, path: Path, entry: NewEntry, api: str) -> Addition:
    text = bibliography.text
    new_text = text + ("\n" if text and not text.endswith("\n") else "") \
        + ("\n" if text.strip() else "") + entry.render()
    parsed = parse_string(new_text, path)
    if parsed.problems or entry.key not in parsed.keys:
        raise InputError(f"refusing to write: Crossref's record of {entry.fields[-1][1]} "
                         "does not make a readable entry", path=path, key=entry.key)
    sidecar = sidecar_path(path)
    old_sidecar = read_sidecar(sidecar)
    new_sidecar = old_sidecar
    if sidecar.is_file():
        doi = dict(entry.fields).get("doi", "")
        today = datetime.datetime.now(datetime.UTC).date().isoformat()
        source = Source(tuple(name for name, _ in entry.fields), f"Crossref {doi}",
                        "added by DOI: every field is Crossref's", today, api=api)
        new_sidecar = append_provenance(old_sidecar, [NewSource(entry.key, source, doi)],
                                        str(sidecar))
    return Addition(entry, path, text, new_text, sidecar, old_sidecar, new_sidecar)
