"""Zotero's own importer (../shared/zotero/zotero-import) run on an exported file.

What comes back is what Zotero would store: the items after Zotero's clean-up with their
child notes and tags, the collection tree, and the fields that are not valid for the item
type (Zotero 7 desktop moves those into Extra as `Field: value`).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.support.tools import SHARED, require

ZOTERO = SHARED / "zotero"
IMPORTER = ZOTERO / "zotero-import"
SERVER = ZOTERO / "zotero-server"
TRANSLATORS = {"zotero-rdf": "RDF", "ris": "RIS", "bibtex": "BibTeX", "csl-json": "CSL JSON"}


def require_zotero() -> None:
    """Skip (fail in CI) without ../shared/zotero, node or npm."""
    require(IMPORTER.exists(), f"Zotero's translators ({ZOTERO}; a clone without ../shared)")
    require(shutil.which("node") is not None and shutil.which("npm") is not None,
            "node and npm (Zotero's translators run on node)")


def zotero_import(path: Path, format_name: str, out: Path, force: bool = False
                  ) -> dict[str, Any]:
    """Import `path` with the translator Zotero detects (File → Import), checking it is the
    one for the format, or with `force` that translator whatever Zotero detects; return
    zotero-import's JSON."""
    require_zotero()
    forced = ["--translator", TRANSLATORS[format_name]] if force else []
    result = subprocess.run([str(IMPORTER), *forced, str(path), str(out)], capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    imported: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert imported["translator"] == TRANSLATORS[format_name], imported["detected"]
    assert imported["errors"] == []
    return imported


SCHEMA = ZOTERO / "translation-server" / "modules" / "zotero-schema" / "schema.json"


@functools.cache
def _schema() -> dict[str, Any]:
    require_zotero()
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def valid_fields(item_type: str) -> frozenset[str]:
    """The fields of a Zotero item type (zotero-schema), by their own and their base names."""
    for entry in _schema()["itemTypes"]:
        if entry["itemType"] == item_type:
            names = {f["field"] for f in entry["fields"]}
            names |= {f["baseField"] for f in entry["fields"] if "baseField" in f}
            return frozenset(names)
    raise KeyError(item_type)


def zotero_type_of_csl(csl_type: str) -> str:
    """The Zotero item type Zotero's CSL-JSON import makes of a CSL type."""
    mapped: list[str] = _schema()["csl"]["types"].get(csl_type, ["document"])
    return mapped[0]


class TranslationServer:
    """Zotero's translation-server (`zotero-server PORT`) on 127.0.0.1, for `POST /web`."""

    def __init__(self) -> None:
        require_zotero()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        # its own process group, so that closing it ends node and nothing else
        self.process = subprocess.Popen([str(SERVER), str(self.port)], stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 300  # the first run installs it (npm ci)
        while not self._listening():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("translation-server did not start")
            time.sleep(0.2)

    def _listening(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def web(self, page_url: str) -> list[dict[str, Any]]:
        """The items Zotero's web translators find on the page, all of them chosen when it
        offers a list (as a user ticking every box of the Connector's dialog)."""
        url = f"http://127.0.0.1:{self.port}/web"
        status, body = _post(url, page_url.encode(), "text/plain")
        if status == 300:
            status, body = _post(url, body, "application/json")
        assert status == 200, body[:500]
        items: list[dict[str, Any]] = json.loads(body)
        return items

    def offered(self, page_url: str) -> dict[str, str]:
        """The list the Connector offers for a page with several items (id → title)."""
        status, body = _post(f"http://127.0.0.1:{self.port}/web", page_url.encode(),
                             "text/plain")
        assert status == 300, (status, body[:500])
        offered: dict[str, str] = json.loads(body)["items"]
        return offered

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def _post(url: str, data: bytes, content_type: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=120) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
