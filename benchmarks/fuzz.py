"""A longer fuzzing campaign than the test suite's: the same mutations, any seed, any length.

    .venv/bin/python benchmarks/fuzz.py [--cases 2000] [--seed 1] [--batch 40] [--keep DIR]

Mutates files of the project's tei/ and ../shared/corpora (see tests/test_fuzz.py), runs
`teipress validate` (plain, --xinclude, tei_all, jing) and `teipress build` over them in batches,
and prints every traceback, undocumented exit status or hang with the case that caused it. With
--keep, the offending cases are written to DIR so they can be turned into regression tests.
Exit status 1 when anything was found.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import test_fuzz as fuzz  # noqa: E402 - after the path is set


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=40, help="cases per validate run (builds: half)")
    parser.add_argument("--keep", type=Path, help="write the offending cases to this folder")
    args = parser.parse_args()

    corpora = ROOT.parent / "shared" / "corpora"
    sources = fuzz.source_files(corpora if corpora.is_dir() else None)
    cases = fuzz.make_cases(args.seed, args.cases, sources)
    rotation = itertools.cycle([
        (fuzz.VALIDATE, args.batch), (fuzz.BUILD, args.batch // 2), (fuzz.VALIDATE_XINCLUDE, args.batch),
        (fuzz.VALIDATE_TEI_ALL, args.batch), (fuzz.BUILD_XINCLUDE, args.batch // 2),
        (fuzz.VALIDATE_JING, args.batch),
    ])
    commands, total = [], 0
    while total < len(cases):
        command, size = next(rotation)
        commands.append((command, size))
        total += size
    print(f"{len(cases)} cases from {len(sources)} files, seed {args.seed}, {len(commands)} runs")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        problems = fuzz.campaign(cases, commands, Path(workdir), report=print)
    print(f"\n{len(problems)} problem(s) in {time.perf_counter() - started:.0f} s")
    for problem in problems:
        print(" ", problem)
    if args.keep and problems:
        args.keep.mkdir(parents=True, exist_ok=True)
        for case in cases:
            if any(f" {case.name} " in f" {p} " for p in problems):
                (args.keep / case.name).write_bytes(case.content)
        print(f"offending cases written to {args.keep}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
