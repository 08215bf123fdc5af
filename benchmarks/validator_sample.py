"""Validator findings on the real-world corpus: counts per code, and a seeded random
sample per code to judge by hand (the sample and its verdicts: validator-sample.md).

    python benchmarks/validator_sample.py [--corpus DIR] [--seed 10] [--code BB406 ...]
                                          [--counts-only]

Each file is validated on its own (as `balint-bib validate FILE` does). The sample per
code is 20% of its findings, at least 10 (or all, when fewer) and at most --cap; each
sampled finding is printed with the value of its field, so it can be judged here.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "realworld-bib"


def sample_size(total: int, cap: int) -> int:
    return min(total, max(10, math.ceil(total * 0.2)), cap)


def main() -> int:
    import balint_bib
    from balint_bib.diagnostics import Diagnostic
    from balint_bib.validate import validate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--cap", type=int, default=40)
    parser.add_argument("--code", action="append", default=[])
    parser.add_argument("--counts-only", action="store_true")
    parser.add_argument("--all", action="store_true", help="print every finding, not a sample")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    by_code: dict[str, list[tuple[Diagnostic, str]]] = defaultdict(list)
    for path in sorted(args.corpus.glob("*.bib")):
        try:
            bibliography = balint_bib.parse_file(path)
        except Exception as error:  # a benchmark reports every failure, it does not stop
            print(f"{path.name}: {type(error).__name__}: {error}", file=sys.stderr)
            continue
        records = {record.key: record for record in bibliography.records}
        for finding in validate(bibliography):
            record = records.get(finding.key or "")
            value = record.get(finding.field) if record and finding.field else None
            by_code[finding.code].append((finding, value or ""))
    counts = Counter({code: len(items) for code, items in by_code.items()})
    print("findings by code: " + ", ".join(f"{c} {n}" for c, n in sorted(counts.items())))
    print(f"total: {sum(counts.values())}")
    if args.counts_only:
        return 0
    for code in sorted(by_code):
        rng = random.Random(f"{args.seed}-{code}")  # one code's sample, whatever the others
        if args.code and code not in args.code:
            continue
        items = by_code[code]
        chosen = items if args.all else rng.sample(items, sample_size(len(items), args.cap))
        print(f"\n## {code}: {len(items)} findings, sample {len(chosen)}")
        for finding, value in sorted(chosen, key=lambda pair: pair[0].sort_key()):
            where = f"{Path(finding.path or '?').name}:{finding.line}"
            shown = f" | {finding.field} = {value[:120]!r}" if finding.field else ""
            print(f"- {where} {finding.key}: {finding.message}{shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
