"""`publish`: options → `zotero.publish.publish` → a plan or a report."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError, UsageError
from ..exporters.items import to_item
from ..syllabus import Syllabus, bundled_syllabi, load_syllabus
from ..zotero.client import ZoteroClient
from ..zotero.plan import Plan
from ..zotero.publish import PublishReport, publish
from ..zotero.settings import URL_VARIABLE, resolve_zotero_settings
from .common import bib_argument, load_bibliography


@click.command("publish")
@bib_argument
@click.option("--zotero-group", "group_id", required=True, metavar="ID",
              help="The group's numeric ID (zotero.org/groups/ID/…).")
@click.option("--syllabus", "syllabus_names", multiple=True,
              help="Syllabus (name or .toml path) to publish; default: the bundled syllabi "
                   "for the bundled dataset.")
@click.option("--dry-run", is_flag=True, help="Print the plan and write nothing.")
@click.option("--prune", is_flag=True,
              help="Take out of the syllabus's collections the items it no longer lists.")
@click.option("--zotero-url", metavar="URL",
              help=f"The Zotero API (default ${URL_VARIABLE} or https://api.zotero.org).")
def publish_command(file: Path | None, group_id: str, syllabus_names: tuple[str, ...],
                    dry_run: bool, prune: bool, zotero_url: str | None) -> None:
    """Publish FILE's syllabi to a Zotero group: one collection per syllabus, one per
    section; re-runs update in place. The API key comes from $ZOTERO_API_KEY or the
    config file's [zotero] api_key."""
    bibliography = load_bibliography(file)
    syllabi = _syllabi(syllabus_names, file)
    for syllabus in syllabi:
        syllabus.check_against(bibliography)
    listed = {key for syllabus in syllabi for section in syllabus.sections
              for key in section.keys}
    items = [to_item(r) for r in bibliography.records if r.key in listed]
    settings = resolve_zotero_settings(group_id=group_id, base_url=zotero_url)
    client = ZoteroClient(settings)
    try:
        report = publish(client, items, syllabi, prune=prune, dry_run=dry_run)
    finally:
        client.close()
    _print(report, dry_run)
    if report.failures:
        for failure in report.failures:
            click.echo(f"balint-bib: error: {failure}", err=True)
        raise InputError(f"{len(report.failures)} object(s) were refused by the Zotero API; "
                         "the rest was published")


def _syllabi(names: tuple[str, ...], file: Path | None) -> tuple[Syllabus, ...]:
    if names:
        return tuple(load_syllabus(name) for name in names)
    if file is None:
        return bundled_syllabi()
    raise UsageError("name the syllabus to publish with --syllabus NAME_OR_TOML")


def _plan_lines(plan: Plan) -> list[str]:
    """One line a change: what it does, the entry (or collection) and its title."""
    lines = [f"{'collection':10}{c['name']}" for level in plan.collections for c in level]
    for change in plan.collection_updates:
        what = "trash" if change.get("deleted") else f"rename to {change.get('name')}"
        lines.append(f"{'collection':10}{change['key']}: {what}")
    pruned = set(plan.pruned)
    for label, objects in (("create", plan.creates), ("update", plan.updates)):
        for obj in objects:
            entry = plan.entry_of.get(str(obj.get("key")), "?")
            action = "prune" if entry in pruned else label
            lines.append(f"{action:10}{entry}  {obj.get('title', '')}".rstrip())
    for obj in plan.note_creates + plan.note_updates:
        entry = plan.entry_of.get(str(obj.get("key")), "?")
        what = "trash" if obj.get("deleted") else "new" if "parentItem" in obj else "changed"
        lines.append(f"{'note':10}{entry}  ({what})")
    lines += [f"{'unchanged':10}{entry}" for entry in plan.unchanged]
    return lines


def _print(report: PublishReport, dry_run: bool) -> None:
    plan = report.plan
    if dry_run:
        for line in _plan_lines(plan):
            click.echo(line)
    collections = sum(map(len, plan.collections))
    verb = "would write" if dry_run else "wrote"
    click.echo(
        f"{verb}: {len(plan.creates)} new item(s), {len(plan.updates) - len(plan.pruned)} "
        f"updated, {len(plan.pruned)} pruned, {len(plan.unchanged)} unchanged; "
        f"{collections} new and {len(plan.collection_updates)} changed collection(s); "
        f"{len(plan.note_creates)} new and {len(plan.note_updates)} changed note(s)"
        + ("" if dry_run else f" in {report.requests} write request(s)"), err=True)


COMMANDS = [publish_command]
