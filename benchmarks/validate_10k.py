"""Generate a realistic 10,000-entry library, then time parsing and validation.

    python benchmarks/validate_10k.py [--entries N] [--seed S] [--keep FILE]

Prints the figures; the target is under 1.5 s for parse + validate on 10k entries.
The library mixes entry types, long author lists, LaTeX accents, @string macros,
comments and annotations, roughly as a curated bibliography looks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.synthetic import generate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1957)
    parser.add_argument("--keep", type=Path, help="also write the generated library here")
    args = parser.parse_args()

    from balint_bib.bibtex.reader import parse_string
    from balint_bib.validate import validate

    text = generate(args.entries, args.seed)
    if args.keep:
        args.keep.write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "library.bib"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        bibliography = parse_string(path.read_text(encoding="utf-8"), path)
        parsed = time.perf_counter()
        findings = validate(bibliography)
        validated = time.perf_counter()
    parse_s, validate_s = parsed - started, validated - parsed
    print(f"entries:        {len(bibliography.records)} ({len(text) / 1e6:.1f} MB)")
    print(f"parse time:     {parse_s:.3f} s")
    print(f"validate time:  {validate_s:.3f} s")
    print(f"total:          {parse_s + validate_s:.3f} s (target < 1.5 s)")
    by_code: dict[str, int] = {}
    for finding in findings:
        by_code[finding.code] = by_code.get(finding.code, 0) + 1
    shown = ", ".join(f"{code} {n}" for code, n in sorted(by_code.items()))
    print(f"findings:       {len(findings)} ({shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
