"""Publishing syllabi to a Zotero group, against a local server that enforces the Web API's
rules (tests/support/fake_zotero.py) with Zotero's own schema."""

from __future__ import annotations

import dataclasses

import pytest

from balint_bib import load
from balint_bib.exporters.items import to_item
from balint_bib.syllabus import Section, bundled_syllabi
from balint_bib.zotero.client import ZoteroClient, ZoteroError
from balint_bib.zotero.fields import OWNER_TAG, citation_key
from balint_bib.zotero.publish import publish
from balint_bib.zotero.settings import resolve_zotero_settings
from tests.support.fake_zotero import SCHEMA, FakeZoteroGroup

pytestmark = pytest.mark.skipif(not SCHEMA.is_file(),
                                reason="needs Zotero's schema in ../shared/zotero")


def client_for(group: FakeZoteroGroup, **transport: float) -> ZoteroClient:
    settings = resolve_zotero_settings(
        group_id=group.group_id, base_url=group.url,  # type: ignore[attr-defined]
        environ={"ZOTERO_API_KEY": group.api_key, "BALINT_BIB_CONFIG": "/nonexistent"},
        backoff=0.01, **transport)
    return ZoteroClient(settings)


def dataset_items() -> list:
    listed = {k for s in bundled_syllabi() for sec in s.sections for k in sec.keys}
    return [to_item(r) for r in load().records if r.key in listed]


def test_publish_creates_the_syllabi_as_collections_items_notes_and_tags(group) -> None:
    items = dataset_items()
    report = publish(client_for(group), items, bundled_syllabi())
    assert not report.failures, report.failures
    stored = group.items_of()
    regular = [i for i in stored if i["itemType"] != "note"]
    notes = [i for i in stored if i["itemType"] == "note"]
    assert sorted(citation_key(i) for i in regular) == sorted(i.key for i in items)
    assert len(notes) == sum(1 for i in items if i.annotation)
    by_key = {citation_key(i): i for i in regular}
    for item in items:
        zotero = by_key[item.key]
        assert zotero["itemType"] == item.item_type
        assert zotero["title"] == item.title
        assert {"tag": OWNER_TAG, "type": 1} in zotero["tags"]
        assert {t["tag"] for t in zotero["tags"]} - {OWNER_TAG} == set(item.keywords)
    # One collection per syllabus, one numbered sub-collection per section, holding its keys.
    names = {c["key"]: c for c in group.collections.values()}
    for syllabus in bundled_syllabi():
        top = [c for c in names.values() if c["name"] == syllabus.title
               and not c["parentCollection"]]
        assert len(top) == 1
        subs = sorted((c for c in names.values() if c["parentCollection"] == top[0]["key"]),
                      key=lambda c: c["name"])
        assert len(subs) == len(syllabus.sections)
        for sub, section in zip(subs, syllabus.sections, strict=True):
            assert section.title in sub["name"]
            members = {citation_key(i) for i in regular if sub["key"] in i["collections"]}
            assert members == set(section.keys)


def test_a_second_run_writes_nothing_and_a_changed_annotation_is_one_update(group) -> None:
    items = dataset_items()
    publish(client_for(group), items, bundled_syllabi())
    writes = group.writes
    again = publish(client_for(group), items, bundled_syllabi())
    assert group.writes == writes and again.plan.writes == 0
    assert len(again.plan.unchanged) == len(items)

    changed = [dataclasses.replace(i, annotation=i.annotation + " Revised.")
               if i.key == "Balint1964" else i for i in items]
    third = publish(client_for(group), changed, bundled_syllabi())
    plan = third.plan
    assert (len(plan.creates), len(plan.updates), len(plan.note_updates)) == (0, 0, 1)
    note = next(i for i in group.items_of("note") if i["note"].endswith("Revised.</p>"))
    assert group.items[note["parentItem"]]["title"] == next(
        i.title for i in items if i.key == "Balint1964")


def _with_section_keys(syllabus, index: int, keys: tuple[str, ...]):
    sections = list(syllabus.sections)
    sections[index] = Section(title=sections[index].title, keys=keys)
    return dataclasses.replace(syllabus, sections=tuple(sections))


def test_an_added_entry_is_one_create_and_prune_takes_a_removed_one_out(group) -> None:
    items = dataset_items()
    syllabus = bundled_syllabi()[0]
    first = syllabus.sections[0]
    smaller = _with_section_keys(syllabus, 0, first.keys[:-1])
    removed = first.keys[-1]
    publish(client_for(group), [i for i in items if i.key != removed], [smaller])

    grown = publish(client_for(group), items, [syllabus])
    assert len(grown.plan.creates) == 1 and not grown.plan.updates
    assert grown.plan.entry_of[grown.plan.creates[0]["key"]] == removed

    kept = publish(client_for(group), items, [smaller])  # without --prune: nothing leaves
    assert kept.plan.writes == 0
    pruned = publish(client_for(group), items, [smaller], prune=True)
    assert pruned.plan.pruned == [removed]
    item = next(i for i in group.items.values() if citation_key(i) == removed)
    assert item["collections"] == [] and item["deleted"] == 1  # ours, in no collection: trash


def test_dry_run_plans_and_writes_nothing(group) -> None:
    report = publish(client_for(group), dataset_items(), bundled_syllabi(), dry_run=True)
    assert report.plan.creates and group.writes == 0
    assert all(method == "GET" for method, _ in group.log)


def test_large_syllabi_are_written_50_objects_a_request(group) -> None:
    base = dataset_items()[0]
    items = [dataclasses.replace(base, key=f"Entry{n}", title=f"Title {n}") for n in range(120)]
    syllabus = dataclasses.replace(
        bundled_syllabi()[0], sections=(Section("All", tuple(i.key for i in items)),))
    report = publish(client_for(group), items, [syllabus])
    assert not report.failures
    assert len(group.items_of(base.item_type)) == 120
    posts = [p for m, p in group.log if m == "POST" and p.endswith("/items")]
    assert len(posts) == 3 + 3  # 120 items and 120 notes, 50 a request


def test_a_concurrent_change_is_read_again_and_retried_once(group) -> None:
    items = dataset_items()
    publish(client_for(group), items, bundled_syllabi())
    changed = [dataclasses.replace(i, title=i.title + " (2nd ed.)") for i in items]
    group.edits_before_writes = 1  # another member edits the group between read and write
    report = publish(client_for(group), changed, bundled_syllabi())
    assert report.retried and not report.failures
    titles = {citation_key(i): i["title"] for i in group.items_of() if i["itemType"] != "note"}
    assert all(t.endswith("(2nd ed.)") for t in titles.values())


@pytest.mark.parametrize("header", ["Retry-After", "Backoff"])
def test_retry_after_and_backoff_are_waited_out(group, header: str) -> None:
    import time

    if header == "Retry-After":
        group.scripted.append((429, {"Retry-After": "1"}))
    else:
        group.backoff = 1  # on the first answer: every later request waits a second
    started = time.monotonic()
    report = publish(client_for(group), dataset_items()[:2], [])
    assert time.monotonic() - started >= 0.95
    assert not report.failures and len(group.items_of()) >= 2


def test_a_long_retry_after_stops_with_a_message_and_no_key(group) -> None:
    group.scripted.append((429, {"Retry-After": "100000"}))
    with pytest.raises(ZoteroError, match="run the command again later") as error:
        publish(client_for(group), dataset_items(), bundled_syllabi())
    assert group.api_key not in str(error.value)


def test_at_most_four_requests_in_flight(group) -> None:
    items = dataset_items()
    many = [dataclasses.replace(items[0], key=f"E{n}", item_type=t) for n, t in enumerate(
        ["book", "bookSection", "journalArticle", "report", "thesis", "webpage", "document",
         "presentation", "manuscript"])]
    group.delay = 0.2
    publish(client_for(group), many, [], dry_run=True)
    assert 2 <= group.max_in_flight <= 4


def test_refused_objects_are_reported_by_entry_and_field(group) -> None:
    items = dataset_items()
    group.template_extra["book"] = {"bogusField": ""}  # a template the API then refuses
    report = publish(client_for(group), items, bundled_syllabi())
    books = [i.key for i in items if i.item_type == "book"]
    assert books and sorted(f.entry for f in report.failures) == sorted(books)
    assert {f.field for f in report.failures} == {"bogusField"}
    assert len(group.items_of("journalArticle")) == sum(
        1 for i in items if i.item_type == "journalArticle")  # the rest was published


def test_an_interrupted_run_is_completed_by_the_next_without_duplicates(group) -> None:
    items = dataset_items()
    group.down_after_writes = 3  # the connection goes after the third write request
    with pytest.raises(ZoteroError, match="after 2 tries"):
        publish(client_for(group, tries=2), items, bundled_syllabi())
    assert group.collections and len(group.items_of()) < 2 * len(items)
    group.down_after_writes = None
    report = publish(client_for(group), items, bundled_syllabi())
    assert not report.failures
    keys = [citation_key(i) for i in group.items_of() if i["itemType"] != "note"]
    assert sorted(keys) == sorted(i.key for i in items)  # each once
    paths = [(c["name"], c["parentCollection"]) for c in group.collections.values()]
    assert len(paths) == len(set(paths))
    assert len(group.items_of("note")) == sum(1 for i in items if i.annotation)


def test_a_group_that_keeps_changing_is_reported_after_one_retry(group) -> None:
    items = dataset_items()
    publish(client_for(group), items, bundled_syllabi())
    group.edits_before_writes = 10
    changed = [dataclasses.replace(i, title=i.title + "!") for i in items]
    with pytest.raises(ZoteroError, match="kept changing"):
        publish(client_for(group), changed, bundled_syllabi())


def test_an_error_that_quotes_the_key_shows_it_as_stars(group) -> None:
    group.scripted.append((400, {}, f"Invalid request for key {group.api_key}"))
    with pytest.raises(ZoteroError) as error:
        publish(client_for(group), dataset_items(), bundled_syllabi())
    assert "****" in str(error.value) and group.api_key not in str(error.value)
