"""Where a build's stylesheet time goes (issue 12, item 4), by hand; nothing here is a test.

    .venv/bin/python benchmarks/bench_stylesheets.py [SOURCE ...] [--docs 200] [--rounds 1]

Builds each source folder in this process with one job (a synthetic corpus of --docs documents,
made by ../shared/tools/gen_corpus.py, when none is given; `frus` and `congress` name the shared
corpora) and prints, per stylesheet, how often it ran and its CPU time per run and in total
(compiling each group of stylesheets and parsing the trees counted apart), next to Saxon's
floor on the same documents measured in the same run: parsing each document's text and running
an identity transform on it. The build cache is emptied before each build.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from teipress import saxon, transform  # noqa: E402 - after the path is set
from teipress.build import build  # noqa: E402
from teipress.project import Project  # noqa: E402
from teipress.validate import Checks  # noqa: E402

NAMED = {"frus": SHARED / "corpora" / "frus", "congress": SHARED / "corpora" / "maechtekongresse"}
IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/></xsl:stylesheet>"""

spent: dict[str, list[float]] = defaultdict(list)


def timed_run(original):
    """A run's stylesheet time, without compiling its group or parsing its trees (each
    counted on its own)."""
    def run(self, name, source, **params):
        session = self.session(transform.group_of(name))
        for tree in (source, *(v for v in params.values() if isinstance(v, transform.Tree))):
            tree.in_session(session)
        started = time.process_time()
        try:
            return original(self, name, source, **params)
        finally:
            key = name + (" (diplomatic)" if params.get("reading") == "diplomatic" else "")
            spent[key].append(time.process_time() - started)
    return run


def timed(original, key: str):
    def call(*args, **kwargs):
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[key].append(time.process_time() - started)
    return call


def identity_floor(sources: list[str]) -> tuple[float, float]:
    """CPU seconds per document to parse it from text and to run an identity transform."""
    processor = saxon.new_processor()
    identity = saxon.compile_xslt(processor, text=IDENTITY)
    parse = copy = 0.0
    for text in sources:
        started = time.process_time()
        node = processor.parse_xml(xml_text=text)
        parsed = time.process_time()
        identity.transform_to_string(xdm_node=node)
        parse, copy = parse + parsed - started, copy + time.process_time() - parsed
    return parse / len(sources), copy / len(sources)


def bench(source: Path, rounds: int) -> None:
    spent.clear()
    project = Project.find([source], None, (), Checks(None, "lxml", True, 600.0))
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(rounds):
            shutil.rmtree(Path(scratch) / ".out.cache", ignore_errors=True)
            result = build(source, out, project=project, strict=False, xinclude=False, jobs=1)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        tei = sorted((out / "html" / "tei").glob("*.xml"))
        parse, copy = identity_floor([p.read_text(encoding="utf-8-sig") for p in tei])
    print(f"\n{source}: {len(result.published)} documents, {rounds} build(s) with --jobs 1 and "
          f"--grammar-only: {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  Saxon floor per document: parse {parse * 1000:.2f} ms, identity transform "
          f"{copy * 1000:.2f} ms")
    print(f"  {'stylesheet':34} {'runs':>6} {'ms/run':>8} {'total s':>8} {'× identity':>10}")
    for name, times in sorted(spent.items(), key=lambda item: -sum(item[1])):
        per = sum(times) / len(times)
        print(f"  {name:34} {len(times):6} {per * 1000:8.2f} {sum(times):8.2f} {per / copy:10.1f}")


def synthetic(docs: int, scratch: Path) -> Path:
    folder = scratch / f"synthetic-{docs}"
    subprocess.run([sys.executable, str(SHARED / "tools" / "gen_corpus.py"), "--docs", str(docs),
                    "--seed", "1", str(folder)], check=True, capture_output=True)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", help="folders, or 'frus' / 'congress'")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    transform.Transformer.run = timed_run(transform.Transformer.run)
    saxon.to_node = timed(saxon.to_node, "parse (Saxon, from text)")  # the builds run --grammar-only
    compile_group = transform.Session.compile.__func__
    transform.Session.compile = classmethod(timed(compile_group, "compile (a group of stylesheets)"))
    with tempfile.TemporaryDirectory() as scratch:
        sources = [NAMED.get(s, Path(s)) for s in args.sources] or [synthetic(args.docs, Path(scratch))]
        for source in sources:
            bench(source, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
