"""Shell completion of the values the options take (click completes commands, options,
Choice values and paths itself): export formats, style names, comma-separated styles.

    eval "$(_BALINT_BIB_COMPLETE=bash_source balint-bib)"    # bash; zsh_source, fish_source
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem


def export_formats(ctx: click.Context, param: click.Parameter,
                   incomplete: str) -> list[CompletionItem]:
    from ..registry import EXPORTERS

    return [CompletionItem(name) for name in EXPORTERS.names() if name.startswith(incomplete)]


def style_names(ctx: click.Context, param: click.Parameter,
                incomplete: str) -> list[CompletionItem]:
    """Style names; a value that looks like a path completes as a file."""
    if "/" in incomplete or incomplete.endswith(".csl") or incomplete.startswith("."):
        return [CompletionItem(incomplete, type="file")]
    from ..csl.styles import available_style_names

    return [CompletionItem(name) for name in available_style_names()
            if name.startswith(incomplete)]


def style_lists(ctx: click.Context, param: click.Parameter,
                incomplete: str) -> list[CompletionItem]:
    """`--styles apa,ama…`: the last name of the comma-separated list."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [CompletionItem(prefix + item.value)
            for item in style_names(ctx, param, last)]
