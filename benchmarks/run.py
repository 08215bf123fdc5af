"""All the figures of issue 7 in one run: scale, peers, enrichment; writes RESULTS.md.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--out benchmarks/RESULTS.md]

For each size a synthetic library is generated (tests/support/synthetic.py: the type mix,
1 to 30 authors, LaTeX accents, @string macros, comments, annotations). Every step runs in
its own Python process, which reads the library, does the step once and reports its wall
time (perf_counter around the step alone) and its peak memory: the process's ru_maxrss
(resident set, which includes the interpreter, the imports and the parsed library; for APA
formatting also its worker processes). Peers run in the same way on the same input:
pybtex on the same .bib, citeproc-js on the same CSL-JSON, rdflib's own RDF/XML writer on
the same graph. Enrichment runs benchmarks/enrich_200.py's local Crossref-shaped server.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

EXPORTS = ("bibtex", "biblatex", "ris", "csl-json", "zotero-rdf")
STEP_TIMEOUT = 420  # seconds; a step that takes longer is reported as skipped
APA_SAMPLE = 20_000  # APA and citeproc-js above this size run on the first N entries only
MiB = 1024 * 1024


# --- the steps, each run in a child process -------------------------------------------------

def _parse(path: Path):
    from balint_bib.bibtex.reader import parse_string

    return parse_string(path.read_text(encoding="utf-8"), path)


def _step(name: str, path: Path, limit: int | None) -> dict:
    """Run one step; returns {"seconds": ..., **extra}."""
    if name == "pybtex":
        from pybtex.database import parse_string as pybtex_parse

        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        data = pybtex_parse(text, "bibtex")
        return {"seconds": time.perf_counter() - start, "entries": len(data.entries)}
    if name == "parse":
        start = time.perf_counter()
        bibliography = _parse(path)
        return {"seconds": time.perf_counter() - start, "entries": len(bibliography.records)}
    bibliography = _parse(path)
    records = bibliography.records[:limit] if limit else bibliography.records
    if name == "validate":
        from balint_bib.validate import validate

        start = time.perf_counter()
        findings = validate(bibliography)
        return {"seconds": time.perf_counter() - start, "findings": len(findings)}
    if name.startswith("export:"):
        from balint_bib.exporters import ExportRequest
        from balint_bib.registry import EXPORTERS

        exporter = EXPORTERS.get(name.partition(":")[2])
        start = time.perf_counter()
        output = exporter.render(ExportRequest(tuple(records)))
        return {"seconds": time.perf_counter() - start, "bytes": len(output)}
    if name.startswith("rdf-serialize:"):
        # The same graph, serialised by this project's writer or by rdflib alone.
        from balint_bib.exporters.items import to_item
        from balint_bib.exporters.zotero_rdf import build_graph, render_graph

        graph = build_graph(to_item(r) for r in records)
        start = time.perf_counter()
        if name.endswith(":rdflib"):
            output = graph.serialize(format="xml", encoding="utf-8")
        else:
            output = render_graph(graph)
        return {"seconds": time.perf_counter() - start, "bytes": len(output),
                "triples": len(graph)}
    if name == "apa":
        from balint_bib.csl import format_bibliography

        start = time.perf_counter()
        entries = format_bibliography(records, "apa", output="html")
        return {"seconds": time.perf_counter() - start, "entries": len(entries)}
    if name == "citeproc-js":
        from balint_bib.csl.engine import load_style
        from balint_bib.csl.mapping import to_csl_json
        from balint_bib.csl.renderer import LOCALES_DIR
        from tests.support import citeproc_js

        if not citeproc_js.available():
            return {"skipped": "citeproc-js not installed (npm ci --prefix tests/js)"}
        items = [to_csl_json(r) for r in records]
        job = {"style": str(load_style("apa", "en-US").style_file.path), "format": "html",
               "locale": "en-US"}
        result = citeproc_js.render(items, [job], LOCALES_DIR, args=("--bench",))
        return {"seconds": result["ms"] / 1000, "entries": result["entries"]}
    raise SystemExit(f"unknown step {name}")


def _child(name: str, path: Path, limit: int | None) -> None:
    result = _step(name, path, limit)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_rss_kib"] = max(own, children)  # KiB on Linux
    print(json.dumps(result))


def measure(name: str, path: Path, limit: int | None = None) -> dict:
    command = [sys.executable, __file__, "--step", name, "--file", str(path)]
    if limit:
        command += ["--limit", str(limit)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=STEP_TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired:
        return {"skipped": f"took more than {STEP_TIMEOUT} s"}
    if done.returncode != 0:
        return {"skipped": "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the run --------------------------------------------------------------------------------

def exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """Least-squares slope of log(time) on log(size): 1 is linear, 2 quadratic."""
    points = [(math.log(n), math.log(t)) for n, t in zip(sizes, seconds, strict=True) if t > 0]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    num = sum((x - mean_x) * (y - mean_y) for x, y in points)
    den = sum((x - mean_x) ** 2 for x, _ in points)
    return num / den


def _fmt_time(result: dict) -> str:
    return f"{result['seconds']:.3f} s" if "seconds" in result else "skipped"


def _fmt_mem(result: dict) -> str:
    return f"{result['peak_rss_kib'] / 1024:.0f} MiB" if "peak_rss_kib" in result else "–"


def run(sizes: list[int], out: Path) -> str:
    from tests.support.synthetic import generate

    steps = ["parse", "validate", *(f"export:{e}" for e in EXPORTS), "apa"]
    peers = ["pybtex", "citeproc-js", "rdf-serialize:ours", "rdf-serialize:rdflib"]
    results: dict[int, dict[str, dict]] = {}
    library_mb: dict[int, float] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = Path(directory) / f"library-{size}.bib"
            text = generate(size, 1957)
            path.write_text(text, encoding="utf-8")
            library_mb[size] = len(text.encode()) / 1e6
            results[size] = {}
            for name in steps + peers:
                limit = APA_SAMPLE if name in ("apa", "citeproc-js") and size > APA_SAMPLE \
                    else None
                result = measure(name, path, limit)
                if limit:
                    result["sampled"] = limit
                results[size][name] = result
                print(f"{size:>7} {name:<22} {_fmt_time(result):>10} {_fmt_mem(result):>9}"
                      + (f"  ({result['skipped']})" if "skipped" in result else "")
                      + (f"  (first {limit} entries)" if limit else ""), flush=True)

    import enrich_200

    enrichment = {"clean": enrich_200.measure(), "faults": enrich_200.measure(enrich_200.FAULTS)}
    report = _report(sizes, results, library_mb, enrichment, time.perf_counter() - started)
    out.write_text(report, encoding="utf-8")
    return report


def _ratio(a: dict, b: dict) -> str:
    if "seconds" in a and "seconds" in b and b["seconds"] > 0:
        return f"{a['seconds'] / b['seconds']:.2f}×"
    return "–"


def _report(sizes: list[int], results: dict[int, dict[str, dict]], library_mb: dict[int, float],
            enrichment: dict[str, dict], total: float) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py` on {now} in {total / 60:.1f} min.",
        f"Machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()} ({platform.system()} {platform.release()}).",
        "",
        "Each step runs in its own process: time is wall time around the step alone; memory is",
        "the process's peak resident set (`ru_maxrss`: interpreter, imports, the parsed library",
        "and the step; for APA also the worker processes), so it includes parsing.",
        "",
        "## Scale",
        "",
        "| step | " + " | ".join(f"{n:,} entries ({library_mb[n]:.1f} MB)" for n in sizes)
        + " | growth exponent |",
        "| --- | " + " | ".join("---" for _ in sizes) + " | --- |",
    ]
    names = ["parse", "validate", *(f"export:{e}" for e in EXPORTS), "apa"]
    for name in names:
        cells = []
        for n in sizes:
            r = results[n][name]
            cell = f"{_fmt_time(r)}, {_fmt_mem(r)}"
            if "sampled" in r:
                cell += f" (first {r['sampled']:,})"
            cells.append(cell)
        measured = [(results[n][name].get("sampled", n),
                     results[n][name]["seconds"]) for n in sizes if "seconds" in results[n][name]]
        slope = exponent([n for n, _ in measured], [t for _, t in measured])
        verdict = "–" if slope is None else \
            f"{slope:.2f} ({'linear' if slope < 1.15 else 'worse than linear'})"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {verdict} |")
    lines += ["", "Growth exponent: least-squares slope of log(time) on log(entries) over the "
              "sizes measured (1 = linear).", "", "## Peers (same input, same run)", "",
              "| comparison | " + " | ".join(f"{n:,}" for n in sizes) + " |",
              "| --- | " + " | ".join("---" for _ in sizes) + " |"]
    comparisons = [
        ("parse: balint-bib / pybtex", "parse", "pybtex"),
        ("APA: balint-bib / citeproc-js", "apa", "citeproc-js"),
        ("zotero-rdf export (build + write) / rdflib serialize alone", "export:zotero-rdf",
         "rdf-serialize:rdflib"),
        ("RDF/XML writer alone / rdflib serialize alone", "rdf-serialize:ours",
         "rdf-serialize:rdflib"),
    ]
    for label, ours, theirs in comparisons:
        lines.append(f"| {label} | " + " | ".join(
            f"{_ratio(results[n][ours], results[n][theirs])} ({_fmt_time(results[n][ours])} vs "
            f"{_fmt_time(results[n][theirs])})" for n in sizes) + " |")
    lines += ["", "Peer memory: " + "; ".join(
        f"{name} at {sizes[-1]:,}: {_fmt_mem(results[sizes[-1]][name])}"
        for name in ("pybtex", "rdf-serialize:rdflib")) + ". citeproc-js times are its own "
        "(`tests/js/render.js --bench`: engine set-up and `makeBibliography`, without Node's "
        "start-up or JSON reading).", ""]
    lines += _targets(sizes, results)
    lines += ["## Enrichment (local Crossref-shaped server)", "",
              f"{enrichment['clean']['entries']} entries, concurrency "
              f"{3}, server latency 200 ms, `X-Rate-Limit-Limit: 50` / `-Interval: 1s`; "
              "bound = max(N / rate, N × latency / concurrency) = "
              f"{enrichment['clean']['bound']:.2f} s.", "",
              "| scenario | wall | wall / bound | requests | DOIs added | failed | "
              "cached rerun: requests |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for label, key in (("no faults", "clean"),
                       ("every 50th request 429 (Retry-After: 1), every 25th 500", "faults")):
        m = enrichment[key]
        lines.append(f"| {label} | {m['wall']:.2f} s | {m['ratio']:.3f} | {m['requests']} "
                     f"({m['faults']} faults) | {m['added']} | {m['failed']} | "
                     f"{m['cached_requests']} ({m['cached_reached_server']} reached the server)"
                     " |")
    lines.append("")
    return "\n".join(lines)


def _targets(sizes: list[int], results: dict[int, dict[str, dict]]) -> list[str]:
    lines = ["## Targets", ""]
    if 10_000 in sizes:
        r = results[10_000]
        parse_validate = r["parse"].get("seconds", math.inf) + r["validate"].get("seconds",
                                                                                 math.inf)
        lines.append(f"- parse + validate at 10k < 1.5 s: {parse_validate:.3f} s, "
                     f"{'met' if parse_validate < 1.5 else 'MISSED'}")
        for name in EXPORTS:
            if name == "csl-json":
                continue
            seconds = r[f"export:{name}"].get("seconds", math.inf)
            lines.append(f"- {name} export at 10k < 3 s: {seconds:.3f} s, "
                         f"{'met' if seconds < 3 else 'MISSED'}")
        if "seconds" in r["apa"] and "seconds" in r["citeproc-js"]:
            ratio = r["apa"]["seconds"] / r["citeproc-js"]["seconds"]
            lines.append(f"- APA at 10k ≤ 1.0× citeproc-js: {ratio:.2f}×, "
                         f"{'met' if ratio <= 1.0 else 'MISSED'}")
    biggest = sizes[-1]
    peak = max((v["peak_rss_kib"] for k, v in results[biggest].items()
                if "peak_rss_kib" in v and k not in ("pybtex", "citeproc-js")
                and not k.startswith("rdf-serialize")), default=0)
    lines.append(f"- {biggest:,} entries within 2 GiB: largest peak {peak / 1024:.0f} MiB, "
                 f"{'met' if peak * 1024 <= 2 * 1024 * MiB else 'MISSED'}")
    lines.append("")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        _child(args.step, args.file, args.limit)
        return 0
    print(run([int(s) for s in args.sizes.split(",")], args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
