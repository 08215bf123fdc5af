"""A Zotero Web API v3 group library on 127.0.0.1, strict about the rules a client must
keep: the API version header, the key in a header, 50 objects a write (413), a fresh
32-character write token (412 when reused), library and object versions (412), item
templates and field/creator validity per item type taken from Zotero's own schema
(../shared/zotero/…/zotero-schema/schema.json), Backoff and 429 on demand. POST updates
follow the API's PATCH semantics; trashed items are listed only with `includeTrashed=1`,
while trashed collections are listed with `deleted: true`, as the real API does. It is
stricter than the real API in one way: every write must carry either a write token or
If-Unmodified-Since-Version. `zotero8=True` models today's schema, where every item type has
`citationKey` and `DOI` fields.
"""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.support.tools import SHARED

SCHEMA = SHARED / "zotero" / "translation-server" / "modules" / "zotero-schema" / "schema.json"
STRUCTURE = {"itemType", "creators", "tags", "collections", "relations", "note", "parentItem",
             "key", "version", "deleted"}
LOCAL_KEY = re.compile(r"^[23456789ABCDEFGHIJKLMNPQRSTUVWXYZ]{8}$")
_ROUTE = re.compile(r"^/groups/(\d+)/(items|collections)$")


class FakeZoteroGroup:
    def __init__(self, group_id: str = "4242", api_key: str = "s3cret-api-key-0123456789",
                 schema: Path = SCHEMA, *, zotero8: bool = False) -> None:
        types = json.loads(schema.read_text(encoding="utf-8"))["itemTypes"]
        self.types = {t["itemType"]: t for t in types}
        for spec in self.types.values() if zotero8 else ():
            names = {f["field"] for f in spec["fields"]}
            spec["fields"] += [{"field": f} for f in ("citationKey", "DOI") if f not in names]
        self.group_id, self.api_key = group_id, api_key
        self.version = 1
        self.collections: dict[str, dict[str, Any]] = {}
        self.items: dict[str, dict[str, Any]] = {}
        self.tokens: set[str] = set()
        self.log: list[tuple[str, str]] = []  # (method, path) of every request
        self.writes = 0  # write requests that changed something
        # answers for the next requests: (status, headers) or (status, headers, body)
        self.scripted: list[tuple[Any, ...]] = []
        self.backoff: float | None = None  # a Backoff header on the next answer
        self.delay = 0.0  # seconds each request takes
        self.template_extra: dict[str, dict[str, Any]] = {}  # a faulty template, per type
        self.edits_before_writes = 0  # another member writes before the next N writes
        self.down_after_writes: int | None = None  # 503 for every write after N writes
        self.write_requests = 0
        self.lost_answers: set[int] = set()  # write requests saved but answered with a 504
        self.in_flight = self.max_in_flight = 0
        self._lock = threading.Lock()
        self._counter = 0

    def install(self, server: HTTPServer) -> str:
        server.expect_request(re.compile(".*")).respond_with_handler(self.handle)
        return server.url_for("").rstrip("/")

    # --- what a test can do ------------------------------------------------------------

    def someone_else_writes(self) -> None:
        self.version += 1

    def items_of(self, item_type: str | None = None) -> list[dict[str, Any]]:
        return [i for i in self.items.values() if not i.get("deleted")
                and (item_type is None or i["itemType"] == item_type)]

    # --- the API ---------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.log.append((request.method, request.path))
        try:
            if self.delay:
                time.sleep(self.delay)
            with self._lock:
                response = self._answer(request)
                if self.backoff is not None:
                    response.headers["Backoff"] = str(self.backoff)
                    self.backoff = None
                return response
        finally:
            with self._lock:
                self.in_flight -= 1

    def _answer(self, request: Request) -> Response:
        if self.scripted:
            status, headers, *body = self.scripted.pop(0)
            return Response(body[0] if body else "scripted", status=status, headers=headers)
        if request.headers.get("Zotero-API-Version") != "3":
            return Response("API version 3 expected", status=400)
        if "key" in request.args or request.headers.get("Zotero-API-Key") != self.api_key:
            return Response("Forbidden", status=403)
        if request.path == "/items/new":
            return self._template(request.args.get("itemType", ""))
        route = _ROUTE.match(request.path)
        if not route or route.group(1) != self.group_id:
            return Response("Not found", status=404)
        store = self.items if route.group(2) == "items" else self.collections
        if request.method == "GET":
            return self._list(request, store)
        if request.method == "POST":
            self.write_requests += 1
            if self.down_after_writes is not None and self.write_requests > self.down_after_writes:
                return Response("Service unavailable", status=500)
            if self.edits_before_writes:
                self.edits_before_writes -= 1
                self.someone_else_writes()
            answer = self._write(request, route.group(2))
            if self.write_requests in self.lost_answers:
                return Response("Gateway timeout", status=504)
            return answer
        return Response("Method not allowed", status=405)

    def _template(self, item_type: str) -> Response:
        spec = self.types.get(item_type)
        if spec is None:
            return Response("Invalid item type", status=400)
        data: dict[str, Any] = {"itemType": item_type}
        data.update({f["field"]: "" for f in spec["fields"]})
        primary = next(c["creatorType"] for c in spec["creatorTypes"] if c.get("primary"))
        data.update(creators=[{"creatorType": primary, "firstName": "", "lastName": ""}],
                    tags=[], collections=[], relations={})
        data.update(self.template_extra.get(item_type, {}))
        return _json(data, {})

    def _list(self, request: Request, store: dict[str, dict[str, Any]]) -> Response:
        objects = list(store.values())
        if store is self.items and request.args.get("includeTrashed") != "1":
            objects = [o for o in objects if not o.get("deleted")]
        tag = request.args.get("tag")
        if tag:
            objects = [o for o in objects if any(t["tag"] == tag for t in o.get("tags", []))]
        start, limit = int(request.args.get("start", 0)), int(request.args.get("limit", 25))
        if limit > 100:
            return Response("limit must be at most 100", status=400)
        page = [{"key": o["key"], "version": o["version"], "data": dict(o)}
                for o in objects[start:start + limit]]
        return _json(page, {"Total-Results": str(len(objects)),
                            "Last-Modified-Version": str(self.version)})

    def _write(self, request: Request, kind: str) -> Response:
        objects = json.loads(request.get_data(as_text=True))
        if not isinstance(objects, list):
            return Response("an array of objects is expected", status=400)
        if len(objects) > 50:
            return Response("Only 50 objects can be saved in a single request", status=413)
        token = request.headers.get("Zotero-Write-Token")
        since = request.headers.get("If-Unmodified-Since-Version")
        if token is not None:
            if len(token) != 32:
                return Response("Invalid write token", status=400)
            if token in self.tokens:
                return Response("Write token already used", status=412)
        elif since is None:
            return Response("a write token or If-Unmodified-Since-Version is required",
                            status=428)
        elif int(since) != self.version:
            return Response(f"Library has been modified since version {since}", status=412)
        result: dict[str, dict[str, Any]] = {"successful": {}, "success": {}, "unchanged": {},
                                             "failed": {}}
        new_version = self.version + 1
        for index, obj in enumerate(objects):
            outcome = (self._save_collection if kind == "collections" else self._save_item)(
                obj, new_version)
            slot = str(index)
            if isinstance(outcome, tuple):
                result["failed"][slot] = {"key": obj.get("key", ""), "code": outcome[0],
                                          "message": outcome[1]}
            elif outcome is None:
                result["unchanged"][slot] = obj.get("key", "")
            else:
                result["success"][slot] = outcome["key"]
                result["successful"][slot] = {"key": outcome["key"],
                                              "version": new_version, "data": dict(outcome)}
        if result["success"]:
            self.version = new_version
            self.writes += 1
            if token:
                self.tokens.add(token)
        return _json(result, {"Last-Modified-Version": str(self.version)})

    def _new_key(self) -> str:
        self._counter += 1
        return f"K{self._counter:07d}".replace("0", "Z").replace("1", "Y")

    def _save_collection(self, obj: dict[str, Any], version: int
                         ) -> dict[str, Any] | tuple[int, str] | None:
        key = obj.get("key") or self._new_key()
        if not LOCAL_KEY.match(key):
            return (400, f"'key' must be 8 characters of the API's alphabet, not {key!r}")
        parent = obj.get("parentCollection", False)
        if parent and parent not in self.collections:
            return (400, f"Parent collection {parent} not found")
        existing = self.collections.get(key)
        if existing is not None and obj.get("version") != existing["version"]:
            return (412, "Collection has been modified since specified version")
        merged = {**(existing or {}), **obj, "key": key, "version": version}
        if existing is not None and merged == {**existing, "version": version}:
            return None
        self.collections[key] = merged
        return merged

    def _save_item(self, obj: dict[str, Any], version: int
                   ) -> dict[str, Any] | tuple[int, str] | None:
        key = obj.get("key") or self._new_key()
        if not LOCAL_KEY.match(key):
            return (400, f"'key' must be 8 characters of the API's alphabet, not {key!r}")
        existing = self.items.get(key)
        if existing is not None and obj.get("version") != existing["version"]:
            return (412, "Item has been modified since specified version")
        merged = {**(existing or {}), **obj, "key": key}
        problem = self._invalid(merged)
        if problem:
            return (400, problem)
        if existing is not None and {**merged, "version": 0} == {**existing, "version": 0}:
            return None
        merged["version"] = version
        self.items[key] = merged
        return merged

    def _invalid(self, item: dict[str, Any]) -> str | None:
        item_type = item.get("itemType")
        if item_type == "note":
            parent = item.get("parentItem")
            return None if parent in self.items else f"Parent item {parent} not found"
        spec = self.types.get(str(item_type))
        if spec is None:
            return f"'itemType' is invalid: {item_type!r}"
        fields = {f["field"] for f in spec["fields"]}
        for name in item:
            if name not in STRUCTURE and name not in fields:
                return f"'{name}' is not a valid field for type '{item_type}'"
        creator_types = {c["creatorType"] for c in spec["creatorTypes"]}
        for creator in item.get("creators", []):
            if creator.get("creatorType") not in creator_types:
                return (f"'{creator.get('creatorType')}' is not a valid creator type for "
                        f"type '{item_type}'")
        for collection in item.get("collections", []):
            if collection not in self.collections:
                return f"Collection {collection} not found"
        return None


def _json(body: Any, headers: dict[str, str]) -> Response:
    return Response(json.dumps(body), status=200, headers=headers,
                    content_type="application/json")
