"""The entry → Zotero JSON mapping, held against Zotero's own schema."""

from __future__ import annotations

import json

import pytest

from balint_bib import load
from balint_bib.exporters.items import to_item
from balint_bib.kinds import KINDS
from balint_bib.zotero.fields import BASE_FIELDS, citation_key, item_json
from tests.support.fake_zotero import SCHEMA, FakeZoteroGroup

pytestmark = pytest.mark.skipif(not SCHEMA.is_file(),
                                reason="needs Zotero's schema in ../shared/zotero")


def _schema_types() -> dict[str, dict]:
    return {t["itemType"]: t for t in json.loads(SCHEMA.read_text())["itemTypes"]}


def test_base_fields_agree_with_zoteros_schema_for_every_kind() -> None:
    types = _schema_types()
    produced = {kind.zotero for kind in KINDS.values()}
    for item_type in produced:
        for spec in types[item_type]["fields"]:
            if "baseField" in spec:
                assert BASE_FIELDS.get(spec["field"]) == spec["baseField"], (item_type, spec)


def test_every_value_of_every_entry_lands_in_a_field_or_extra() -> None:
    fake = FakeZoteroGroup()
    for record in load().records:
        item = to_item(record)
        template = json.loads(fake._template(item.item_type).get_data(as_text=True))
        data = item_json(item, template)
        assert fake._invalid({**data, "collections": []}) is None, record.key
        assert citation_key(data) == record.key
        sent = " ".join(str(v) for v in data.values())
        for value in (item.title, item.container_title, item.volume, item.pages, item.url,
                      item.doi, item.isbn, item.publisher, item.date):
            assert value in sent, (record.key, value)
