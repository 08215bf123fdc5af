"""The real-world corpus, file by file: what balint-bib accepts, finds, exports and formats,
and how fast it parses beside bibtexparser 2, pybtex and biber, in one run.

    python benchmarks/realworld.py [--corpus DIR] [--peers] [--formats bibtex,ris,...]

DIR defaults to ../shared/realworld-bib (real .bib files from public repositories). For each
file it prints: entries accepted, blocks skipped, findings by code, entries in each export
(the readable entries, with crossref inheritance resolved, as `--lenient` writes them; or
the error), APA entries, and wall times (best of three for parsing). A failure of any step
is printed as the exception's type and message: a traceback here is a bug to fix. With
--peers, the same files are parsed by bibtexparser 2 alone, pybtex and `biber --tool` (when
installed), and the table gives parse and parse+validate against bibtexparser (targets:
<= 1.0x and <= 1.5x), with totals over the corpus.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "realworld-bib"
FORMATS = ("bibtex", "biblatex", "ris", "csl-json", "zotero-rdf")


def best_of(runs: int, step: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return min(times)


def outcome(step: Callable[[], object]) -> tuple[object, str]:
    try:
        return step(), ""
    except Exception as error:  # a benchmark reports every failure, it does not stop
        return None, f"{type(error).__name__}: {str(error)[:80]}"


def measure_file(path: Path, formats: tuple[str, ...], apa: bool = True) -> dict[str, object]:
    import balint_bib
    from balint_bib.csl import format_bibliography
    from balint_bib.validate import validate

    row: dict[str, object] = {"file": path.name}
    bibliography, error = outcome(lambda: balint_bib.parse_file(path))
    if bibliography is None:
        row["error"] = error
        return row
    assert isinstance(bibliography, balint_bib.Bibliography)
    from balint_bib.bibtex.inherit import resolve

    row["entries"] = len(bibliography.records)
    row["skipped"] = sum(1 for p in bibliography.errors if not p.field)
    row["parse_s"] = best_of(3, lambda: balint_bib.parse_file(path))
    row["validate_s"] = best_of(3, lambda: validate(bibliography))
    findings, error = outcome(lambda: validate(bibliography))
    row["findings"] = (Counter(f.code for f in findings) if isinstance(findings, list)
                       else error)
    resolved = resolve(bibliography)
    for name in formats:
        data, error = outcome(lambda name=name: balint_bib.export(resolved, name))
        row[name] = len(resolved.records) if isinstance(data, bytes) else error
    if apa:
        entries, error = outcome(lambda: format_bibliography(resolved.records, "apa"))
        row["apa"] = len(entries) if isinstance(entries, list) else error
    return row


def peer_times(path: Path) -> dict[str, float | str]:
    import bibtexparser

    times: dict[str, float | str] = {
        "bibtexparser": best_of(3, lambda: bibtexparser.parse_file(str(path))),
    }
    try:
        from pybtex.database import parse_file as pybtex_parse
    except ImportError:
        times["pybtex"] = "not installed (pip install '.[bench]')"
    else:
        _, error = outcome(lambda: pybtex_parse(str(path), "bibtex"))
        times["pybtex"] = error or best_of(3, lambda: pybtex_parse(str(path), "bibtex"))
    biber = shutil.which("biber")
    if biber is None:
        times["biber"] = "not installed"
    else:
        with tempfile.TemporaryDirectory() as directory:
            copy = Path(directory) / path.name
            shutil.copyfile(path, copy)
            started = time.perf_counter()
            done = subprocess.run([biber, "--tool", "--quiet", "--output-file",
                                   str(Path(directory) / "out.bib"), str(copy)],
                                  capture_output=True, check=False, timeout=600)
            times["biber"] = (time.perf_counter() - started if done.returncode == 0
                              else f"exit {done.returncode}")
    return times


def show(row: dict[str, object], formats: tuple[str, ...]) -> str:
    if "error" in row:
        return f"| {row['file']} | {row['error']} |"
    findings = row["findings"]
    by_code = (", ".join(f"{code} {n}" for code, n in sorted(findings.items()))
               if isinstance(findings, Counter) else findings)
    exported = {str(row[name]) for name in formats}
    exports = (exported.pop() if len(exported) == 1
               else " ".join(f"{name}={row[name]}" for name in formats))
    peer = row.get("bibtexparser")
    ratios = ("" if not isinstance(peer, float) else
              f" {peer:.3f} | {row['parse_s'] / peer:.2f}x | "  # type: ignore[operator]
              f"{(row['parse_s'] + row['validate_s']) / peer:.2f}x |")  # type: ignore[operator]
    others = " ".join(f"{name} {row[name]:.3f}" if isinstance(row.get(name), float)
                      else f"{name}: {row.get(name)}" for name in ("pybtex", "biber")
                      if name in row)
    return (f"| {row['file']} | {row['entries']} | {row['skipped']} | {by_code or 'none'} | "
            f"{exports} | {row.get('apa', '-')} | {row['parse_s']:.3f} | "
            f"{row['validate_s']:.3f} |{ratios}" + (f" {others} |" if others else ""))


HEADER = ("| file | accepted | skipped | findings by code | exported | apa | parse s | "
          "validate s | bibtexparser s | parse ratio | parse+validate ratio | pybtex, biber s |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--peers", action="store_true",
                        help="also time bibtexparser, pybtex and biber")
    parser.add_argument("--no-apa", action="store_true", help="skip APA formatting (slow)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    formats = tuple(name for name in args.formats.split(",") if name)
    print(HEADER)
    print("|" + " --- |" * HEADER.count(" | ") + " --- |")
    totals = Counter[str]()
    for path in sorted(args.corpus.glob("*.bib")):
        row = measure_file(path, formats, apa=not args.no_apa)
        if args.peers and isinstance(row.get("parse_s"), float):
            row.update(peer_times(path))
            if isinstance(row["bibtexparser"], float):
                for name in ("parse_s", "validate_s", "bibtexparser"):
                    totals[name] += row[name]  # type: ignore[assignment]
        print(show(row, formats), flush=True)
    if totals:
        peer = totals["bibtexparser"]
        print(f"\ntotal: parse {totals['parse_s']:.3f} s, validate {totals['validate_s']:.3f} s,"
              f" bibtexparser {peer:.3f} s: parse {totals['parse_s'] / peer:.2f}x, parse+validate "
              f"{(totals['parse_s'] + totals['validate_s']) / peer:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
