"""`balint-bib publish` as a user runs it: the key from the environment only, never shown."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from tests.support.fake_zotero import SCHEMA, FakeZoteroGroup

pytestmark = pytest.mark.skipif(not SCHEMA.is_file(),
                                reason="needs Zotero's schema in ../shared/zotero")


@pytest.fixture
def served() -> Iterator[tuple[FakeZoteroGroup, str]]:
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    group = FakeZoteroGroup()
    yield group, group.install(server)
    server.stop()


def publish(*args: str, key: str | None, tmp_path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZOTERO", "BALINT_BIB"))}
    env["BALINT_BIB_CONFIG"] = str(tmp_path / "none.toml")
    if key is not None:
        env["ZOTERO_API_KEY"] = key
    return subprocess.run([sys.executable, "-m", "balint_bib", "publish", *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def test_dry_run_then_publish_then_nothing_to_do(served, tmp_path) -> None:
    group, url = served
    args = ("--zotero-group", group.group_id, "--zotero-url", url)
    dry = publish(*args, "--dry-run", key=group.api_key, tmp_path=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "create" in dry.stdout and "Balint1964" in dry.stdout
    assert "would write:" in dry.stderr and group.writes == 0

    done = publish(*args, key=group.api_key, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert group.writes > 0
    again = publish(*args, key=group.api_key, tmp_path=tmp_path)
    assert again.returncode == 0 and "0 new item(s), 0 updated" in again.stderr
    for result in (dry, done, again):
        assert group.api_key not in result.stdout + result.stderr


def test_the_key_comes_from_the_environment_or_config_never_a_flag(served, tmp_path) -> None:
    group, url = served
    missing = publish("--zotero-group", group.group_id, "--zotero-url", url, key=None,
                      tmp_path=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and "ZOTERO_API_KEY" in missing.stderr
    flag = publish("--zotero-group", group.group_id, "--api-key", "x", key=None,
                   tmp_path=tmp_path)
    assert flag.returncode == 2 and "no such option" in flag.stderr.lower()

    config = tmp_path / "none.toml"
    config.write_text(f'[zotero]\napi_key = "{group.api_key}"\n', encoding="utf-8")
    from_config = publish("--zotero-group", group.group_id, "--zotero-url", url, "--dry-run",
                          key=None, tmp_path=tmp_path)
    assert from_config.returncode == 0, from_config.stderr


def test_a_wrong_key_is_one_line_without_the_key(served, tmp_path) -> None:
    group, url = served
    wrong = "wrong-key-abcdef0123456789"
    result = publish("--zotero-group", group.group_id, "--zotero-url", url, key=wrong,
                     tmp_path=tmp_path)
    assert result.returncode == 1
    assert "no read access" in result.stderr and wrong not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args, message", [
    (("--zotero-group", "my-group"), "numeric ID"),
    (("--zotero-group", "1", "--zotero-url", "file:///etc/passwd"), "https://"),
    (("--zotero-group", "1", "--zotero-url", "http://api.example.org"), "https://"),
])
def test_bad_options_are_usage_errors(args, message, tmp_path) -> None:
    result = publish(*args, key="k", tmp_path=tmp_path)
    assert result.returncode == 2 and message in result.stderr
