from __future__ import annotations

import pytest

from balint_bib import UsageError, export
from balint_bib.exporters import ExportRequest
from balint_bib.registry import EXPORTERS, Registry


def test_builtin_exporter_is_found_lazily() -> None:
    assert "bibtex" in EXPORTERS.names()
    assert EXPORTERS.get("bibtex").suffix == ".bib"


def test_unknown_name_lists_known_and_suggests_close() -> None:
    with pytest.raises(UsageError) as caught:
        EXPORTERS.get("bibtx")
    message = str(caught.value)
    assert "unknown export format 'bibtx'" in message
    assert "did you mean bibtex" in message
    assert "known: " in message and "bibtex" in message


def test_runtime_registration_and_no_silent_replacement() -> None:
    registry: Registry[object] = Registry("thing", "balint_bib.test-only", {}, lambda item: item)

    class Upper:
        name = "upper"
        suffix = ".txt"

        def render(self, request: ExportRequest) -> bytes:
            return b"".join(r.key.upper().encode() for r in request.records)

    registry.register("upper", Upper())
    assert registry.names() == ["upper"]
    with pytest.raises(ValueError, match="already registered"):
        registry.register("upper", Upper())
    registry.register("upper", "collections:OrderedDict", replace=True)
    assert registry.get("upper").__name__ == "OrderedDict"


def test_entry_point_plugins_are_discovered(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    point = EntryPoint(name="plugin", value="collections:Counter", group="balint_bib.exporters")
    monkeypatch.setattr("balint_bib.registry.entry_points",
                        lambda group: [point] if group == "balint_bib.exporters" else [])
    registry: Registry[object] = Registry("export format", "balint_bib.exporters",
                                          {"bibtex": "balint_bib.exporters.bibtex:BIBTEX"},
                                          lambda item: item)
    assert registry.names() == ["bibtex", "plugin"]
    assert registry.get("plugin").__name__ == "Counter"


def test_export_api_uses_the_registry() -> None:
    from balint_bib import parse_string

    bibliography = parse_string("@misc{k, title = \"T\", howpublished = {x}}")
    assert export(bibliography, "bibtex") == (
        b"@misc{k,\n  title        = {T},\n  howpublished = {x},\n}\n")


def test_a_plugin_of_the_wrong_shape_is_refused_when_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """The exporters registry checks what a plug-in gives: not an exporter, one clear error."""
    from importlib.metadata import EntryPoint

    point = EntryPoint(name="broken", value="collections:Counter", group="balint_bib.exporters")
    monkeypatch.setattr("balint_bib.registry.entry_points",
                        lambda group: [point] if group == "balint_bib.exporters" else [])
    registry = Registry("export format", "balint_bib.exporters", {},
                        "balint_bib.exporters.base:as_exporter")
    with pytest.raises(UsageError, match="export format 'broken' is not usable"):
        registry.get("broken")


def test_registered_styles_are_paths_or_style_files() -> None:
    from balint_bib.registry import STYLES

    assert STYLES.get("balint-annotated").name == "balint-annotated.csl"
    registry = Registry("citation style", "balint_bib.test-only", {"number": "math:pi"},
                        "balint_bib.csl.styles:as_registered_style")
    with pytest.raises(UsageError, match="citation style 'number' is not usable"):
        registry.get("number")
