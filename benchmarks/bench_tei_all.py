"""tei_all on a folder of TEI files: teipress's pruned lxml against one jing call.

    .venv/bin/python benchmarks/bench_tei_all.py [folder] [--schema FILE]

The folder defaults to ../shared/corpora/maechtekongresse/editions. Both engines get the same
parsed documents; the lxml time includes loading, pruning and compiling the schema (with its
forked time-limit probe), the jing time includes the JVM start. Prints both wall times, the
speed-up, and whether the two agree on each file's verdict (exit 1 if any file disagrees).

    .venv/bin/python benchmarks/bench_tei_all.py --growth

instead prints how long libxml2 takes to compile tei_all pruned for 50, 100, … of the element
names of tests/fixtures/many-names (about 400), in this process, without cache or probe: the
reason `validate` compiles per group of at most lxml_engine.GROUP_NAMES names.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from teipress.parse import parse_file  # noqa: E402
from teipress.relaxng.jing_engine import JingGrammar  # noqa: E402
from teipress.relaxng.load import load_schema  # noqa: E402
from teipress.relaxng.lxml_engine import LxmlGrammar  # noqa: E402
from teipress.relaxng.names import split_tag  # noqa: E402
from teipress.relaxng.prune import prune_schema, simplify_pruned, without_automata  # noqa: E402

SHARED = ROOT.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=SHARED / "corpora" / "maechtekongresse" / "editions")
    parser.add_argument("--schema", type=Path, default=SHARED / "reference" / "tei_all.rng")
    parser.add_argument("--growth", action="store_true", help="compile time against the number of names")
    args = parser.parse_args()
    if args.growth:
        return growth(args.schema)

    files = sorted(args.folder.rglob("*.xml"))
    started = time.perf_counter()
    documents = [d for d in (parse_file(f).document for f in files) if d is not None]
    parse_time = time.perf_counter() - started
    size = sum(len(d.source) for d in documents)
    print(f"{len(documents)} of {len(files)} files parsed ({size / 1e6:.1f} MB) in {parse_time:.2f} s")

    started = time.perf_counter()
    lxml_grammar = LxmlGrammar(args.schema, documents)
    compile_time = time.perf_counter() - started
    lxml_results = lxml_grammar.check_many(documents)
    lxml_time = time.perf_counter() - started

    started = time.perf_counter()
    jing_results = JingGrammar(args.schema).check_many(documents)
    jing_time = time.perf_counter() - started

    agree = [d for d in documents if bool(lxml_results[d.path]) == bool(jing_results[d.path])]
    invalid_lxml = sum(1 for d in documents if lxml_results[d.path])
    invalid_jing = sum(1 for d in documents if jing_results[d.path])
    findings_lxml = sum(len(v) for v in lxml_results.values())
    findings_jing = sum(len(v) for v in jing_results.values())
    print(f"lxml (pruned {args.schema.name}): {lxml_time:.2f} s wall "
          f"(load + prune + compile {compile_time:.2f} s), {invalid_lxml} invalid, "
          f"{findings_lxml} findings")
    print(f"jing (one call, full schema):  {jing_time:.2f} s wall, {invalid_jing} invalid, "
          f"{findings_jing} findings")
    print(f"verdicts agree on {len(agree)} of {len(documents)} files")
    for document in documents:
        if document not in agree:
            print(f"  DISAGREE {document.display}: lxml {len(lxml_results[document.path])} "
                  f"findings, jing {len(jing_results[document.path])}")
    return 0 if len(agree) == len(documents) else 1


def growth(schema_path: Path) -> int:
    schema = load_schema(schema_path)
    trees = [etree.parse(str(f)) for f in sorted((ROOT / "tests" / "fixtures" / "many-names").glob("*.xml"))]
    names = list(dict.fromkeys(split_tag(element.tag) for tree in trees
                               for element in tree.iter(etree.Element)))  # in order of first use
    for count in (50, 100, 150, 200, 250, 300, len(names)):
        started = time.perf_counter()
        pruned = without_automata(simplify_pruned(prune_schema(schema, set(names[:count]))))
        pruned_at = time.perf_counter()
        etree.RelaxNG(pruned)
        done = time.perf_counter()
        print(f"{count:4d} names: prune {pruned_at - started:5.2f} s, compile {done - pruned_at:5.2f} s",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
