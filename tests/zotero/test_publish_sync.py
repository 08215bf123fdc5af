"""Keeping a published course in step: what members do in Zotero between runs, syllabi that
change shape, entries renamed, the trash, answers lost, and the API's own limits."""

from __future__ import annotations

import dataclasses
import re
import threading

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from balint_bib.syllabus import Section, bundled_syllabi
from balint_bib.zotero.client import ZoteroClient, ZoteroError
from balint_bib.zotero.fields import citation_key
from balint_bib.zotero.publish import publish
from balint_bib.zotero.settings import ZoteroSettings
from tests.support.fake_zotero import SCHEMA, FakeZoteroGroup
from tests.zotero.conftest import new_group
from tests.zotero.test_publish import _with_section_keys, client_for, dataset_items

pytestmark = pytest.mark.skipif(not SCHEMA.is_file(),
                                reason="needs Zotero's schema in ../shared/zotero")


def regular(group: FakeZoteroGroup) -> list[dict]:
    return [i for i in group.items_of() if i["itemType"] != "note"]


def item_of(group: FakeZoteroGroup, entry: str) -> dict:
    return next(i for i in group.items.values()
                if i["itemType"] != "note" and citation_key(i) == entry)


def test_a_members_own_tag_is_kept_and_the_item_stays_unchanged(group) -> None:
    items = dataset_items()
    publish(client_for(group), items, bundled_syllabi())
    item_of(group, "Balint1964")["tags"].append({"tag": "week 1"})  # a member's tag
    group.someone_else_writes()
    again = publish(client_for(group), items, bundled_syllabi())
    assert again.plan.writes == 0
    changed = [dataclasses.replace(i, title=i.title + "!") if i.key == "Balint1964" else i
               for i in items]
    publish(client_for(group), changed, bundled_syllabi())
    assert {"tag": "week 1"} in item_of(group, "Balint1964")["tags"]


def test_deleting_the_automatic_tags_in_zotero_makes_no_duplicates(group) -> None:
    items = dataset_items()
    publish(client_for(group), items, bundled_syllabi())
    for obj in group.items.values():  # "Delete Automatic Tags in This Library…"
        obj["tags"] = [t for t in obj["tags"] if t.get("type") != 1]
    group.someone_else_writes()
    publish(client_for(group), items, bundled_syllabi())
    keys = [citation_key(i) for i in regular(group)]
    assert sorted(keys) == sorted(i.key for i in items)
    assert len(group.items_of("note")) == sum(1 for i in items if i.annotation)


def test_a_new_first_section_renames_the_numbered_collections(group) -> None:
    items = dataset_items()
    syllabus = bundled_syllabi()[0]
    publish(client_for(group), items, [syllabus])
    before = set(group.collections)
    grown = dataclasses.replace(syllabus, sections=(Section("Welcome", ()), *syllabus.sections))
    publish(client_for(group), items, [grown])
    assert len(group.collections) == len(before) + 1
    names = sorted(c["name"] for c in group.collections.values() if c["parentCollection"])
    assert names[0].startswith("1. Welcome") or names[0].startswith("01. Welcome")
    assert all(len(i["collections"]) == 1 for i in regular(group))


def test_an_entry_moved_between_sections_is_in_the_new_one_only(group) -> None:
    items = dataset_items()
    syllabus = bundled_syllabi()[0]
    publish(client_for(group), items, [syllabus])
    moved = syllabus.sections[0].keys[0]
    changed = _with_section_keys(syllabus, 0, syllabus.sections[0].keys[1:])
    changed = _with_section_keys(changed, 1, (*changed.sections[1].keys, moved))
    publish(client_for(group), items, [changed])  # no --prune: the entry is still listed
    names = [group.collections[k]["name"] for k in item_of(group, moved)["collections"]]
    assert len(names) == 1 and syllabus.sections[1].title in names[0]


def test_a_removed_annotation_trashes_its_note(group) -> None:
    items = dataset_items()
    publish(client_for(group), items, bundled_syllabi())
    bare = [dataclasses.replace(i, annotation="") if i.key == "Balint1964" else i for i in items]
    publish(client_for(group), bare, bundled_syllabi())
    parent = item_of(group, "Balint1964")["key"]
    assert not [n for n in group.items_of("note") if n["parentItem"] == parent]


def test_pruned_then_listed_again_comes_back_from_the_trash(group) -> None:
    items = dataset_items()
    syllabus = bundled_syllabi()[0]
    first = syllabus.sections[0]
    removed = first.keys[-1]
    publish(client_for(group), items, [syllabus])
    publish(client_for(group), items, [_with_section_keys(syllabus, 0, first.keys[:-1])],
            prune=True)
    assert item_of(group, removed)["deleted"]
    back = publish(client_for(group), items, [syllabus])
    assert not back.plan.creates
    copies = [i for i in group.items.values() if citation_key(i) == removed]
    assert len(copies) == 1 and not copies[0]["deleted"] and copies[0]["collections"]


def test_a_trashed_course_is_not_reused(group) -> None:
    items = dataset_items()
    syllabus = bundled_syllabi()[0]
    publish(client_for(group), items, [syllabus])
    trashed = set(group.collections)
    for collection in group.collections.values():
        collection["deleted"] = True  # the user trashed the course (the API still lists it)
    group.someone_else_writes()
    publish(client_for(group), items, [syllabus])
    live = {k for k, c in group.collections.items() if not c.get("deleted")}
    assert live and not live & trashed
    assert all(set(i["collections"]) <= live | trashed for i in regular(group))
    assert all(set(i["collections"]) & live for i in regular(group))


def test_a_renamed_entry_key_keeps_its_item(group) -> None:
    items = dataset_items()
    publish(client_for(group), items, bundled_syllabi())
    book = next(i for i in items if i.isbn or i.url or i.doi)
    renamed = [dataclasses.replace(i, key=i.key + "a") if i is book else i for i in items]
    syllabi = [dataclasses.replace(s, sections=tuple(
        Section(sec.title, tuple(k + "a" if k == book.key else k for k in sec.keys))
        for sec in s.sections)) for s in bundled_syllabi()]
    report = publish(client_for(group), renamed, syllabi)
    assert not report.plan.creates
    assert [citation_key(i) for i in regular(group) if i["title"] == book.title] == [
        book.key + "a"]


def test_zotero_8s_citation_key_field_is_used_and_read(server) -> None:
    group = new_group(server, zotero8=True)
    items = dataset_items()
    publish(client_for(group), items, bundled_syllabi())
    sample = item_of(group, "Balint1964")
    assert sample["citationKey"] == "Balint1964" and "Citation Key" not in sample["extra"]
    doi_items = [i for i in items if i.doi]
    for item in doi_items:  # every type has a DOI field now: not also in Extra
        assert "DOI:" not in item_of(group, item.key)["extra"]
    again = publish(client_for(group), items, bundled_syllabi())
    assert again.plan.writes == 0


def test_a_client_moving_the_key_out_of_extra_changes_nothing(server) -> None:
    group = new_group(server, zotero8=True)
    group_old = FakeZoteroGroup()  # published while the schema had no citationKey field
    group.types = group_old.types
    items = dataset_items()
    publish(client_for(group), items, bundled_syllabi())
    group.types = FakeZoteroGroup(zotero8=True).types  # the server's schema moves on …
    for obj in regular(group):  # … and a member's Zotero 8 migrates Extra's key
        found = re.search(r"^Citation Key: (\S+)$", obj["extra"], re.M)
        obj["citationKey"] = found.group(1)
        obj["extra"] = re.sub(r"^Citation Key: \S+\n?", "", obj["extra"], flags=re.M).strip()
    group.someone_else_writes()
    report = publish(client_for(group), items, bundled_syllabi())
    assert not report.plan.creates
    assert len(regular(group)) == len(items)


def test_a_lost_answer_after_a_saved_write_is_finished_without_duplicates(group) -> None:
    items = dataset_items()
    group.lost_answers = {3}  # the items were saved, but the answer never arrived
    report = publish(client_for(group), items, bundled_syllabi())
    keys = [citation_key(i) for i in regular(group)]
    assert sorted(keys) == sorted(i.key for i in items)
    assert report.retried and not report.failures


def test_a_locked_library_is_waited_for(group) -> None:
    group.scripted.append((409, {}, "Library is locked"))
    report = publish(client_for(group), dataset_items()[:2], [])
    assert not report.failures and len(regular(group)) == 2


def test_dry_run_names_every_change(group, capsys) -> None:
    from balint_bib.cli.publish import _print

    items = dataset_items()
    syllabus = bundled_syllabi()[0]
    first = syllabus.sections[0]
    publish(client_for(group), items, [syllabus])
    changed = [dataclasses.replace(i, annotation=i.annotation + " Revised.")
               if i.key == "Balint1964" else i for i in items]
    report = publish(client_for(group), changed,
                     [_with_section_keys(syllabus, 0, first.keys[:-1])], prune=True,
                     dry_run=True)
    _print(report, True)
    out = capsys.readouterr().out
    assert re.search(rf"^prune\s+{first.keys[-1]}", out, re.M)
    assert re.search(r"^note\s+Balint1964", out, re.M)


def test_the_client_keeps_at_most_four_requests_in_flight(server) -> None:
    lock, state = threading.Lock(), {"now": 0, "most": 0}

    def slow(request: Request) -> Response:
        import time

        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.1)
        with lock:
            state["now"] -= 1
        return Response("[]", content_type="application/json")

    server.expect_request(re.compile(".*")).respond_with_handler(slow)
    client = ZoteroClient(ZoteroSettings(group_id="1", api_key="k",
                                         base_url=server.url_for("").rstrip("/")))
    threads = [threading.Thread(target=client.get, args=("/x",)) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert state["most"] == 4


def test_a_redirect_is_not_followed_and_the_key_stays_home(server) -> None:
    elsewhere = HTTPServer(host="127.0.0.1")
    elsewhere.start()
    seen: list[str] = []
    try:
        elsewhere.expect_request(re.compile(".*")).respond_with_handler(
            lambda request: seen.append(request.headers.get("Zotero-API-Key", "")) or Response(
                "[]", content_type="application/json"))
        server.expect_request(re.compile(".*")).respond_with_response(
            Response("", status=302, headers={"Location": elsewhere.url_for("/items/new")}))
        client = ZoteroClient(ZoteroSettings(group_id="1", api_key="SECRETKEY",
                                             base_url=server.url_for("").rstrip("/")))
        with pytest.raises(ZoteroError, match="redirect"):
            client.get("/items/new", {"itemType": "book"})
    finally:
        elsewhere.stop()
    assert seen == []
