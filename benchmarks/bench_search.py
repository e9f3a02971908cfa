"""Build time with search indexing on the synthetic corpus, and a rebuild with nothing changed.

    .venv/bin/python benchmarks/bench_search.py [--docs 10000] [--seed 1] [--keep DIR]

Generates the corpus with ../shared/tools/gen_corpus.py, runs `teipress build` on it (wall time,
and the time Pagefind took), then builds again without changes and reports whether the search
index was reused (the second build runs with Pagefind made unavailable: it can only have an
index if it kept the previous one). Also prints the size of the search index and of the picture
pages, which must each stay under 1 MB.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

import teipress.search  # noqa: E402 - after the path is set
from teipress.cli import main  # noqa: E402


def build(source: Path, out: Path) -> float:
    from click.testing import CliRunner

    start = time.perf_counter()
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)])
    elapsed = time.perf_counter() - start
    if result.exit_code not in (0, 1):
        raise SystemExit(f"build failed ({result.exit_code}): {result.output[-500:]}")
    return elapsed


def timed_indexer(record: list[float]):
    """index_site, timed: how much of the build is Pagefind's."""
    original = teipress.search.index_site

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        outcome = original(*args, **kwargs)
        record.append(time.perf_counter() - start)
        return outcome
    return original, wrapper


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    corpus, out = work / "corpus", work / "out"
    if not corpus.exists():
        subprocess.run([sys.executable, str(SHARED / "tools" / "gen_corpus.py"), str(corpus),
                        "--docs", str(args.docs), "--seed", str(args.seed)], check=True)

    import teipress.build as build_package
    indexing: list[float] = []
    original, wrapper = timed_indexer(indexing)
    build_package.index_site = wrapper
    first = build(corpus, out)
    print(f"{args.docs} documents: build with search indexing {first:.1f} s "
          f"(Pagefind {indexing[-1]:.1f} s); index {folder_size(out / 'html' / 'pagefind') / 1e6:.1f} MB")

    entry = (out / "html" / "pagefind" / "pagefind-entry.json").read_bytes()
    teipress.search.pagefind_executable = lambda: None  # a rebuild that indexed would have no index
    second = build(corpus, out)
    reused = (out / "html" / "pagefind" / "pagefind-entry.json")
    kept = reused.is_file() and reused.read_bytes() == entry
    print(f"rebuild, nothing changed: {second:.1f} s (index step {indexing[-1]:.2f} s); "
          f"search index {'reused, not rebuilt' if kept else 'REBUILT OR MISSING'}")
    build_package.index_site = original

    pictures = sorted((out / "html").glob("corpus-*.html"))
    largest = max(pictures, key=lambda p: p.stat().st_size)
    print(f"{len(pictures)} picture pages; largest {largest.name} {largest.stat().st_size / 1e3:.0f} kB "
          f"({'under' if largest.stat().st_size < 1_000_000 else 'OVER'} 1 MB); index.html "
          f"{(out / 'html' / 'index.html').stat().st_size / 1e3:.0f} kB")
    print(f"work folder: {work}")


if __name__ == "__main__":
    main_()
