"""`balint-bib validate` end to end: exit codes, text and JSON output, configuration."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from balint_bib.dataset import references_path
from balint_bib.validate import RULES
from tests.support.tools import FIXTURES, REPO, run_cli

VALIDATE = FIXTURES / "validate"
SCHEMA = REPO / "balint_bib" / "validate" / "schema.json"


def test_clean_file_exits_0() -> None:
    result = run_cli("validate", VALIDATE / "clean.bib")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "0 errors, 0 warnings, 0 info in 1 file (5 entries)"


def test_errors_exit_1_and_warnings_only_with_strict() -> None:
    assert run_cli("validate", VALIDATE / "BB201.bib").returncode == 1
    warning_only = run_cli("validate", VALIDATE / "BB405.bib")
    assert warning_only.returncode == 0, warning_only.stdout
    assert "1 warning" in warning_only.stdout
    strict = run_cli("validate", "--strict", VALIDATE / "BB405.bib")
    assert strict.returncode == 1
    assert "--strict: warnings count as errors" in strict.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--select", "BB999"], "unknown rule code 'BB999'"),
        (["--ignore", "XX1"], "unknown rule code 'XX1'"),
        (["--format", "xml"], "Invalid value for '--format'"),
        (["no-such.bib"], "no-such.bib: no such file"),
    ],
)
def test_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    result = run_cli("validate", *args, *([VALIDATE / "clean.bib"] if "no-such.bib" not in
                                          args else []))
    assert result.returncode == 2, result.stdout + result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_online_asks_a_real_crossref_shaped_server(tmp_path: Path, httpserver) -> None:
    """--online end to end: the CLI in its own process, the project's Crossref client, a
    real HTTP server on 127.0.0.1; without --online, no request at all."""
    def work(title: str, year: int, family: str) -> dict:
        return {"status": "ok", "message-type": "work", "message": {
            "DOI": "x", "type": "journal-article", "title": [title],
            "issued": {"date-parts": [[year]]}, "author": [{"family": family, "given": "A."}]}}

    base = (VALIDATE / "BB601.bib").read_text()
    bib = tmp_path / "online.bib"
    bib.write_text(
        base.replace("10.1000/unknown.2004", "10.5555/agrees.2004")
        + base.replace("Sample2004", "Unknown2004")
        + base.replace("Sample2004", "Disagrees2004").replace("10.1000/unknown.2004",
                                                              "10.5555/disagrees.2004"))
    httpserver.expect_request("/works/10.5555/agrees.2004").respond_with_json(
        work("Balint groups in family medicine residency: a survey", 2004, "Johnson"))
    httpserver.expect_request("/works/10.5555/disagrees.2004").respond_with_json(
        work("Something else entirely", 1999, "Nobody"))
    httpserver.expect_request("/works/10.1000/unknown.2004").respond_with_data(
        "Resource not found.", status=404)
    env = {**os.environ, "BALINT_BIB_CROSSREF_URL": httpserver.url_for(""),
           "BALINT_BIB_MAILTO": "ci@example.org", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    offline = subprocess.run([sys.executable, "-m", "balint_bib", "validate", "--format",
                              "json", "--profile", "generic", str(bib)], env=env,
                             capture_output=True, text=True, check=False)
    assert httpserver.log == [] and offline.returncode == 0, offline.stdout
    # The three entries share a title on purpose: BB502 (same work twice) is not the point.
    online = subprocess.run([sys.executable, "-m", "balint_bib", "validate", "--online",
                             "--ignore", "BB502", "--format", "json", "--profile", "generic",
                             str(bib)], env=env,
                            capture_output=True, text=True, check=False)
    findings = json.loads(online.stdout)["findings"]
    assert sorted((f["key"], f["code"]) for f in findings) == [
        ("Disagrees2004", "BB602"), ("Disagrees2004", "BB603"), ("Disagrees2004", "BB604"),
        ("Unknown2004", "BB601")]
    assert online.returncode == 1
    assert len(httpserver.log) == 3


def test_text_output_is_grouped_by_file_and_entry_in_line_order(tmp_path: Path) -> None:
    bib = tmp_path / "two.bib"
    bib.write_text((VALIDATE / "BB405.bib").read_text()
                   + (VALIDATE / "BB403.bib").read_text().replace("Sample2004", "Second2004")
                   .replace("{Balint groups in family medicine residency}", "{Other}"))
    result = run_cli("validate", bib, VALIDATE / "BB201.bib")
    lines = result.stdout.splitlines()
    assert lines[0] == str(bib)
    assert lines[1] == "  Sample2004"
    assert lines[2].startswith(f"    {bib}:9: BB405 warning")
    assert lines[3] == "      fix: pages = {275--280}"
    assert lines[4] == "  Second2004"
    assert f"{VALIDATE / 'BB201.bib'}" in lines
    assert lines[-1] == "1 error, 2 warnings, 0 info in 2 files (3 entries)"
    assert "\x1b[" not in result.stdout, "no colour when stdout is not a terminal"


def test_json_output_follows_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    result = run_cli("validate", "--format", "json", VALIDATE / "BB405.bib",
                     VALIDATE / "BB201.bib", VALIDATE / "BB110.bib")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    assert document["version"] == 1 and document["schema"] == "balint-bib/validate"
    assert document["counts"] == {"error": 2, "warning": 1, "info": 0, "total": 3}
    assert document["exit_code"] == 1
    by_code = {f["code"]: f for f in document["findings"]}
    assert by_code["BB405"] == {
        "code": "BB405", "severity": "warning", "summary": RULES["BB405"].summary,
        "path": str(VALIDATE / "BB405.bib"), "line": 9, "key": "Sample2004",
        "field": "pages", "message": "'275-280' uses a single hyphen",
        "fix": "pages = {275--280}",
    }
    assert by_code["BB110"]["line"] == 2 and "binary data" in by_code["BB110"]["message"]
    assert {f["path"] for f in document["files"]} == {
        str(VALIDATE / n) for n in ("BB405.bib", "BB201.bib", "BB110.bib")}


def test_clean_json_document_is_valid_too() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = run_cli("validate", "--format", "json", VALIDATE / "clean.bib")
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    assert document["findings"] == [] and document["exit_code"] == 0


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "malformed").glob("*.bib")))
def test_malformed_files_become_findings_never_tracebacks(name: str) -> None:
    result = run_cli("validate", "--format", "json", FIXTURES / "malformed" / name)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
    document = json.loads(result.stdout)
    if name != "good.bib":
        syntax = [f for f in document["findings"] if f["code"].startswith("BB1")]
        assert syntax and all(f["line"] for f in syntax), document["findings"]
        assert result.returncode == 1


def test_select_and_ignore_on_the_command_line() -> None:
    bib = VALIDATE / "BB201.bib"
    assert run_cli("validate", "--ignore", "BB2", bib).returncode == 0
    assert run_cli("validate", "--select", "BB4", bib).returncode == 0
    assert run_cli("validate", "--select", "BB201", bib).returncode == 1


def _project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n{table}\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    return nested


def test_pyproject_configuration_is_found_from_the_cwd_upwards(tmp_path: Path) -> None:
    cwd = _project(tmp_path, '[tool.balint-bib.validate]\nignore = ["BB201"]\nstrict = true')
    assert run_cli("validate", VALIDATE / "BB201.bib", cwd=cwd).returncode == 0
    # strict from the configuration: a warning fails
    assert run_cli("validate", VALIDATE / "BB405.bib", cwd=cwd).returncode == 1


def test_command_line_select_replaces_the_configured_one(tmp_path: Path) -> None:
    cwd = _project(tmp_path, '[tool.balint-bib.validate]\nselect = ["BB4"]')
    assert run_cli("validate", VALIDATE / "BB201.bib", cwd=cwd).returncode == 0
    assert run_cli("validate", "--select", "BB2", VALIDATE / "BB201.bib",
                   cwd=cwd).returncode == 1


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ('[tool.balint-bib.validate]\nselect = ["BB9"]', "unknown rule code 'BB9'"),
        ('[tool.balint-bib.validate]\nsevere = true', "unknown setting(s) severe"),
        ('[tool.balint-bib.validate]\nignore = "BB2"', "'ignore' must be a list"),
    ],
)
def test_bad_configuration_is_a_usage_error(tmp_path: Path, table: str, fragment: str) -> None:
    result = run_cli("validate", VALIDATE / "clean.bib", cwd=_project(tmp_path, table))
    assert result.returncode == 2
    assert fragment in result.stderr


def test_dataset_profile_checks_the_sidecar(tmp_path: Path) -> None:
    for name in ("clean.bib", "clean.sources.toml", "clean.toml"):
        shutil.copy(VALIDATE / name, tmp_path / name)
    bib = tmp_path / "clean.bib"
    args = ("validate", "--profile", "dataset", "--syllabus", tmp_path / "clean.toml", bib)
    assert run_cli(*args).returncode == 0
    (tmp_path / "clean.sources.toml").unlink()
    result = run_cli(*args, "--format", "json")
    assert result.returncode == 1
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes == ["BB508"]


def test_malformed_syllabus_is_a_finding_with_its_line(tmp_path: Path) -> None:
    syllabus = tmp_path / "course.toml"
    syllabus.write_text('title = "x"\n[[sections]\n')
    result = run_cli("validate", "--syllabus", syllabus, VALIDATE / "clean.bib")
    assert result.returncode == 1
    assert f"{syllabus}:2: BB110 error" in result.stdout


def test_syllabus_key_missing_from_the_file(tmp_path: Path) -> None:
    result = run_cli("validate", "--format", "json", "--syllabus", VALIDATE / "BB505.toml",
                     VALIDATE / "BB505.bib")
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["code"] == "BB505" and finding["key"] == "Missing1999"
    assert finding["path"] == str(VALIDATE / "BB505.toml") and finding["line"] == 4


def test_list_checks_names_every_rule() -> None:
    result = run_cli("validate", "--list-checks")
    assert result.returncode == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == sorted(RULES)


def test_readme_documents_every_rule() -> None:
    readme = (REPO / "README.md").read_text()
    missing = [code for code in RULES if f"`{code}`" not in readme]
    assert missing == []


@pytest.mark.skipif(not references_path().exists(), reason="the bundled dataset is not here")
def test_bundled_dataset_passes_with_no_errors_and_no_warnings() -> None:
    result = run_cli("validate", "--strict", "--format", "json")
    document = json.loads(result.stdout)
    problems = [f for f in document["findings"] if f["severity"] != "info"]
    assert problems == [] and result.returncode == 0


def test_no_file_means_the_bundled_dataset_in_the_dataset_profile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from balint_bib.cli import main
    from balint_bib.syllabus import load_syllabus
    from balint_bib.validate import files as command

    for name in ("clean.bib", "clean.sources.toml"):
        shutil.copy(VALIDATE / name, tmp_path / name)
    monkeypatch.setattr(command, "references_path", lambda: tmp_path / "clean.bib")
    monkeypatch.setattr(command, "bundled_syllabi",
                        lambda: (load_syllabus(VALIDATE / "clean.toml"),))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []
    # The dataset profile is on: an entry outside every section is an error.
    monkeypatch.setattr(command, "bundled_syllabi", lambda: (load_syllabus(
        VALIDATE / "BB505.toml"),))
    result = runner.invoke(main, ["validate", "--format", "json"])
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert codes == {"BB505", "BB506"} and result.exit_code == 1
    # ... and --profile generic turns the dataset rules off.
    result = runner.invoke(main, ["validate", "--format", "json", "--profile", "generic"])
    assert {f["code"] for f in json.loads(result.stdout)["findings"]} == {"BB505"}


def test_online_failure_is_a_finding_not_a_traceback(tmp_path: Path, httpserver) -> None:
    """Crossref answering 500 every time: after the client's tries, a BB600 finding in the
    report (text and JSON alike), exit 1."""
    httpserver.expect_request("/works/10.1000/famed.2004").respond_with_data(
        "busy", status=500, headers={"Retry-After": "0"})
    env = {**os.environ, "BALINT_BIB_CROSSREF_URL": httpserver.url_for(""),
           "BALINT_BIB_MAILTO": "ci@example.org", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "balint_bib", "validate", "--online",
                             str(VALIDATE / "BB604.bib")], env=env, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "error:" not in result.stderr
    assert "BB600" in result.stdout
    assert "Crossref did not answer for 10.1000/famed.2004" in result.stdout
    assert len(httpserver.log) == 4  # the client's tries, then it gives up
    as_json = subprocess.run([sys.executable, "-m", "balint_bib", "validate", "--online",
                              "--format", "json", str(VALIDATE / "BB604.bib")], env=env,
                             capture_output=True, text=True, check=False)
    document = json.loads(as_json.stdout)  # printed although Crossref was unreachable
    assert [f["code"] for f in document["findings"] if f["code"].startswith("BB6")] == [
        "BB600"]
    assert document["exit_code"] == 1 == as_json.returncode
