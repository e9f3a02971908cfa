"""Build time with search indexing on the synthetic corpus, and a rebuild with nothing changed.

    .venv/bin/python benchmarks/bench_search.py [--docs 10000] [--seed 1] [--keep DIR]

Generates the corpus with ../shared/tools/gen_corpus.py, runs `teipress build` on it (wall time,
and the time Pagefind took), then builds again without changes and reports whether the search
index was reused (the second build runs with Pagefind made unavailable: it can only have an
index if it kept the previous one). Also prints the size of the search index and of the
timeline, network and map pages, which must each stay under 1 MB, and the machine's load.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (workers, Pagefind)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build(source: Path, out: Path) -> float:
    """Runs one build; prints and returns its wall time (the machine is shared: CPU time too)."""
    from click.testing import CliRunner

    start, cpu = time.perf_counter(), cpu_seconds()
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)])
    elapsed = time.perf_counter() - start
    if result.exit_code not in (0, 1):
        raise SystemExit(f"build failed ({result.exit_code}): {result.output[-500:]}")
    print(f"  (wall {elapsed:.1f} s, CPU {cpu_seconds() - cpu:.1f} s)", flush=True)
    return elapsed


def timed_indexer(record: list[float]) -> tuple[object, object]:
    """index_site, timed: how much of the build is Pagefind's."""
    original = teipress.search.index_site

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        outcome = original(*args, **kwargs)
        record.append(time.perf_counter() - start)
        return outcome
    return original, wrapper


def patch_indexer(replacement: object, original: object) -> None:
    """Put `replacement` wherever the build holds `original` (whichever build module imports it)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("teipress") and getattr(module, "index_site", None) is original:
            module.index_site = replacement


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

    import teipress.build  # loaded now, so that the index_site it holds can be timed
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    indexing: list[float] = []
    original, wrapper = timed_indexer(indexing)
    patch_indexer(wrapper, original)
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
    patch_indexer(original, wrapper)

    html = out / "html"
    for name in ("corpus-timeline.html", "corpus-network.html", "corpus-map.html", "index.html"):
        size = (html / name).stat().st_size if (html / name).is_file() else 0
        print(f"{name}: {size / 1e3:.0f} kB ({'under' if 0 < size < 1_000_000 else 'NOT under'} 1 MB)")
    years = sorted(html.glob("corpus-timeline-*.html"), key=lambda p: p.stat().st_size)
    if years:
        largest = years[-1]
        print(f"{len(years)} timeline year pages; largest {largest.name} "
              f"{largest.stat().st_size / 1e3:.0f} kB")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"work folder: {work}")


if __name__ == "__main__":
    main_()
