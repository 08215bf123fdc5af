"""`publish`: push syllabi into a Zotero group library and keep them in step.

A run reads the group (its collections and the objects this tool owns), plans the
difference (`plan.make_plan`) and writes it: collections top-down, then items, then their
notes, at most 50 objects a request. Writes of existing objects carry the library version
(`If-Unmodified-Since-Version`); if the group changed meanwhile (412) the run reads it again
and re-plans once. Each step leaves the group in a state a re-run completes.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..exporters.items import Item
from ..syllabus import Syllabus
from .client import ZoteroClient, ZoteroConflict, ZoteroError
from .plan import Plan, make_plan
from .settings import MAX_BATCH
from .state import GroupState, Remote

KEY_ALPHABET = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"  # what the API accepts in a local key
_INVALID_FIELD = re.compile(r"'(\w+)' is not a valid field")


def new_object_key() -> str:
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(8))


@dataclass
class Failure:
    entry: str
    message: str
    field: str = ""
    key: str = ""  # the object's key in the group

    def __str__(self) -> str:
        where = f"field '{self.field}': " if self.field else ""
        return f"entry '{self.entry}': {where}{self.message}"


@dataclass
class PublishReport:
    plan: Plan
    written: int = 0
    requests: int = 0
    failures: list[Failure] = field(default_factory=list)
    retried: bool = False


def read_state(client: ZoteroClient) -> GroupState:
    """The group's collections and every item and note, trash included. The lower of the
    two library versions is kept, so a change between the two reads makes the first write
    a 412 (and the run reads again) rather than go unseen."""
    prefix = client.settings.prefix
    with ThreadPoolExecutor(max_workers=2) as pool:
        collections = pool.submit(client.get_all, f"{prefix}/collections")
        objects = pool.submit(client.get_all, f"{prefix}/items", {"includeTrashed": "1"})
        (raw_collections, version_c), (raw_objects, version_o) = (
            collections.result(), objects.result())
    return GroupState(library_version=min(version_c, version_o),
                      collections=tuple(map(_remote, raw_collections)),
                      objects=tuple(map(_remote, raw_objects)))


def _remote(obj: Any) -> Remote:
    data = obj.get("data", obj) if isinstance(obj, dict) else {}
    return Remote(key=str(data.get("key", "")), version=int(data.get("version") or 0),
                  data=data)


def templates_for(client: ZoteroClient, item_types: Iterable[str]) -> dict[str, Any]:
    """The API's empty template per item type: the fields valid for it."""
    wanted = sorted(set(item_types))
    with ThreadPoolExecutor(max_workers=client.settings.in_flight) as pool:
        replies = pool.map(lambda t: client.get("/items/new", {"itemType": t}), wanted)
        return {kind: reply.body for kind, reply in zip(wanted, replies, strict=True)}


def publish(client: ZoteroClient, items: Sequence[Item], syllabi: Sequence[Syllabus], *,
            prune: bool = False, dry_run: bool = False,
            new_key: Callable[[], str] = new_object_key) -> PublishReport:
    templates = templates_for(client, (item.item_type for item in items))
    report = PublishReport(plan=Plan())
    for attempt in (1, 2):
        state = read_state(client)
        report.plan = make_plan(items, syllabi, state, templates, new_key, prune=prune)
        report.retried = attempt == 2
        if dry_run:
            return report
        try:
            _execute(client, report.plan, state.library_version, report)
            return report
        except ZoteroConflict:
            if attempt == 2:
                raise ZoteroError("the group kept changing while publishing (412 twice); "
                                  "run the command again") from None
    raise AssertionError("unreachable")


def _execute(client: ZoteroClient, plan: Plan, version: int, report: PublishReport) -> None:
    prefix = client.settings.prefix
    steps: list[tuple[str, list[dict[str, Any]], bool]] = [
        *((f"{prefix}/collections", level, True) for level in plan.collections),
        (f"{prefix}/collections", plan.collection_updates, False),
        (f"{prefix}/items", plan.creates, True), (f"{prefix}/items", plan.updates, False),
        (f"{prefix}/items", plan.note_creates, True),
        (f"{prefix}/items", plan.note_updates, False)]
    for path, objects, creating in steps:
        refused = {f.key for f in report.failures}
        objects = [o for o in objects if o.get("parentItem") not in refused]
        for start in range(0, len(objects), MAX_BATCH):
            batch = objects[start:start + MAX_BATCH]
            reply = client.write(path, batch, library_version=None if creating else version)
            report.requests += 1
            version = reply.version or version
            _record(reply.body, batch, plan, report)
        if path.endswith("/collections") and report.failures:
            raise ZoteroError("could not create the collections: "
                              + "; ".join(map(str, report.failures)))


def _record(body: Any, batch: list[dict[str, Any]], plan: Plan, report: PublishReport) -> None:
    """Count the successful writes of a batch and keep each failed object's reason."""
    body = body if isinstance(body, dict) else {}
    report.written += len(body.get("successful") or body.get("success") or {})
    for index, failed in (body.get("failed") or {}).items():
        sent = batch[int(index)] if str(index).isdigit() and int(index) < len(batch) else {}
        key = str(sent.get("key") or (failed or {}).get("key") or "")
        message = str((failed or {}).get("message") or "rejected")
        invalid = _INVALID_FIELD.search(message)
        entry = plan.entry_of.get(key) or str(sent.get("name") or key or "?")
        report.failures.append(Failure(entry, message, invalid.group(1) if invalid else "", key))
