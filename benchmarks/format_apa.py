"""Time APA formatting of a generated 10,000-entry library: balint-bib vs citeproc-js.

    python benchmarks/format_apa.py [--entries 10000] [--workers 1] [--profile]

Both engines get the same CSL-JSON (from this project's mapping), the same apa.csl and the
same locale files. The headline is per core: balint-bib in one process (`--workers N` adds
a figure for N processes) against citeproc-js in one node process, and their ratio. Also
printed: the cost of the mapping (BibTeX records → CSL-JSON), the cost per entry at a tenth,
a half and all of the entries (linear cost: the figures stay flat), and the bundled dataset
formatted in each of the eight styles after start-up (first time with the style's parsing,
then again).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from balint_bib import parse_string  # noqa: E402
from balint_bib.csl.engine import format_items, load_style  # noqa: E402
from balint_bib.csl.mapping import to_csl_json  # noqa: E402
from balint_bib.csl.renderer import LOCALES_DIR  # noqa: E402
from tests.support import citeproc_js  # noqa: E402

FAMILY = ["Balint", "Salinsky", "van der Berg", "Özdemir", "Johnson", "Kjeldmand", "Roe",
          "Müller", "O'Neil", "de Vries", "Smith", "Lichtenstein", "Åberg", "Stern"]
GIVEN = ["Michael", "John", "Anna", "Jan", "Dorte", "Inger", "Paul", "Marie", "Alan H."]
WORDS = ["Balint", "groups", "in", "residency", "the", "doctor", "patient", "illness",
         "training", "{GPs}", "burnout", "empathy", "of", "and", "reflective", "practice"]


def generate_bibtex(count: int, seed: int = 1957) -> str:
    rng = random.Random(seed)
    entries = []
    for n in range(count):
        authors = " and ".join(f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}"
                               for _ in range(rng.randint(1, 4)))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
        year = rng.randint(1955, 2024)
        kind = rng.random()
        if kind < 0.6:
            entries.append(f"@article{{E{n}, author={{{authors}}}, title={{{title}}}, "
                           f"journal={{Patient Education and Counseling}}, year={{{year}}}, "
                           f"volume={{{rng.randint(1, 99)}}}, number={{{rng.randint(1, 12)}}}, "
                           f"pages={{{rng.randint(1, 400)}--{rng.randint(401, 800)}}}, "
                           f"doi={{10.1000/x{n}}}}}")
        elif kind < 0.8:
            entries.append(f"@book{{E{n}, author={{{authors}}}, title={{{title}}}, "
                           f"publisher={{Pitman Medical}}, address={{London}}, year={{{year}}}, "
                           f"edition={{{rng.randint(1, 4)}}}}}")
        elif kind < 0.9:
            entries.append(f"@incollection{{E{n}, author={{{authors}}}, title={{{title}}}, "
                           f"editor={{Salinsky, John and Sackin, Paul}}, booktitle={{What Are "
                           f"You Feeling, Doctor?}}, publisher={{Radcliffe}}, year={{{year}}}, "
                           f"pages={{{rng.randint(1, 50)}--{rng.randint(51, 99)}}}}}")
        else:
            entries.append(f"@online{{E{n}, author={{{{American Balint Society}}}}, "
                           f"title={{{title}}}, url={{https://example.org/{n}}}, "
                           f"urldate={{2024-03-05}}, year={{{year}}}}}")
    return "\n".join(entries) + "\n"


DATASET_STYLES = ("apa", "american-medical-association", "vancouver", "chicago-author-date",
                  "chicago-notes-bibliography", "harvard-cite-them-right",
                  "modern-language-association", "ieee")


def _seconds(job) -> tuple[float, object]:
    start = time.perf_counter()
    result = job()
    return time.perf_counter() - start, result


def dataset_figures() -> None:
    """The bundled dataset in each style: records → formatted text, after start-up."""
    from balint_bib import load
    from balint_bib.csl.engine import format_bibliography

    records = load().records
    for style in DATASET_STYLES:
        first, _ = _seconds(lambda s=style: format_bibliography(records, s))
        again, _ = _seconds(lambda s=style: format_bibliography(records, s))
        print(f"dataset ({len(records)} entries) in {style}: {first:.3f} s first "
              f"(style parsed), {again:.3f} s again")


def linearity(items: list[dict], workers: int) -> None:
    for share in (10, 2, 1):
        part = items[: len(items) // share]
        seconds, _ = _seconds(lambda p=part: format_items(p, "apa", output="html",
                                                           workers=workers))
        print(f"linear: {len(part)} entries {seconds:.2f} s "
              f"({seconds * 1000 / len(part):.3f} ms/entry)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1,
                        help="balint-bib processes (the headline is always one core each)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    dataset_figures()
    records = parse_string(generate_bibtex(args.entries)).records
    mapping_s, items = _seconds(lambda: [to_csl_json(r) for r in records])
    print(f"mapping: {len(records)} records → CSL-JSON {mapping_s:.2f} s "
          f"({mapping_s * 1000 / len(records):.3f} ms/entry)")
    style_path = str(load_style("apa", "en-US").style_file.path)

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    ours_s, ours = _seconds(lambda: format_items(items, "apa", output="html", workers=1))
    ours_ms = ours_s * 1000
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    if args.workers > 1:
        many_s, _ = _seconds(lambda: format_items(items, "apa", output="html",
                                                  workers=args.workers))
        print(f"balint-bib with {args.workers} processes: {many_s:.2f} s")
    linearity(items, 1)

    if not citeproc_js.available():
        print(f"balint-bib: {ours_ms:.0f} ms ({ours_ms / len(items):.2f} ms/entry); "
              "citeproc-js not installed (npm ci --prefix tests/js)")
        return
    job = {"style": style_path, "format": "html", "locale": "en-US"}
    js = citeproc_js.render(items, [job], LOCALES_DIR, args=("--bench",))
    js_ms = js["ms"]
    assert js["entries"] == len(ours) == len(items)
    print(f"entries: {len(items)}")
    print(f"balint-bib (citeproc-py + fixes, one core): {ours_ms:.0f} ms "
          f"({ours_ms / len(items):.3f} ms/entry)")
    print(f"citeproc-js (node, one core): {js_ms:.0f} ms ({js_ms / len(items):.3f} ms/entry)")
    print(f"ratio per core, balint-bib / citeproc-js: {ours_ms / js_ms:.2f}")


if __name__ == "__main__":
    main()
