"""How a Crossref run ends badly: failed lookups on screen, Ctrl-C at once."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import NoReturn

import click

from ..crossref.enrich import EntryResult
from ..crossref.matching import FAILED
from ..errors import EXIT_DATA_ERROR


def report_failures(results: Sequence[EntryResult]) -> None:
    """One line per distinct cause of failed lookups, then exit 1; nothing when none failed."""
    causes = Counter(r.error or r.reason for r in results if r.decision == FAILED)
    if not causes:
        return
    for cause, count in causes.most_common():
        keys = [r.key for r in results if r.decision == FAILED and (r.error or r.reason) == cause]
        shown = ", ".join(keys[:3]) + (", …" if len(keys) > 3 else "")
        click.echo(f"balint-bib: error: {count} lookup(s) failed ({shown}): {cause}", err=True)
    sys.exit(EXIT_DATA_ERROR)


def interrupted() -> NoReturn:
    """Ctrl-C: leave now, without waiting for requests in flight. Nothing has been written
    (the files are written only when every entry is done) and every answer that arrived is
    already committed to the cache, so there is nothing to clean up."""
    click.echo("balint-bib: interrupted; nothing was written; rerun to resume from the "
               "cache", err=True)
    sys.stderr.flush()
    os._exit(130)
