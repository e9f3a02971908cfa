"""Issue 12's figures, measured side by side in one run (by hand; nothing here is a test).

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,10000] [--only frus,congress,synthetic,validate]

- frus: the FRUS 1894 volume, `teipress build` against the TEI Stylesheets' html5 and txt
  conversions on Java Saxon-HE (Debian libsaxonhe-java), wall time.
- congress: the maechtekongresse edition, full build and rebuild after one changed document:
  wall, CPU (all processes) and peak memory (sum over the build's process tree).
- synthetic: gen_corpus.py corpora (seed 1), full build, rebuild after one change, peak memory,
  each against a parse+serialise floor (Saxon parses every file and serialises it) in this run.
- validate: `teipress validate --schema tei_all.rng --grammar-only` against jing, every corpus
  and a corpus of about 400 element names (tests/fixtures/many-names), cold and warm cache.

Each build is a fresh `teipress` process with an empty output and cache unless said otherwise.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
TEI_XSL = SHARED / "reference" / "tei-stylesheets" / "profiles" / "default"
SAXON_JAR = Path("/usr/share/java/Saxon-HE.jar")
TEIPRESS = [sys.executable, "-m", "teipress"]


def tree_rss(root: int) -> dict[str, int]:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc), by role:
    the build's own process, Pagefind, and the rest (the worker processes)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            names[int(entry.name)] = (entry / "comm").read_text().strip()
        except (OSError, IndexError, ValueError):
            continue
    parts, stack = {"parent": 0, "workers": 0, "pagefind": 0}, [root]
    while stack:
        pid = stack.pop()
        role = "parent" if pid == root else "pagefind" if "pagefind" in names.get(pid, "") else "workers"
        parts[role] += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return parts


def measure(command: list[str], cwd: Path | None = None) -> dict[str, float]:
    """Wall seconds, CPU seconds (this command and its children), peak tree memory (MB) and the
    largest memory of the build's own process, its workers and Pagefind (MB, each at its own peak)."""
    before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, most = 0, {"parent": 0, "workers": 0, "pagefind": 0}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            parts = tree_rss(process.pid)
            peak = max(peak, sum(parts.values()))
            for role, size in parts.items():
                most[role] = max(most[role], size)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    after = os.times()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall": wall, "cpu": cpu, "mb": peak / 2**20, **{f"{r} mb": n / 2**20 for r, n in most.items()}}


def build(source: Path, out: Path, *args: str) -> dict[str, float]:
    return measure([*TEIPRESS, "build", "--source", str(source), "--out", str(out), "--quiet", *args])


def show(label: str, figures: dict[str, float], reference: dict[str, float] | None = None,
         ref_name: str = "") -> None:
    """One line of figures; against `reference`: wall time and peak memory as ratios to it."""
    ratio = (f"  = {figures['wall'] / reference['wall']:.2f} × {ref_name} time, "
             f"{figures['mb'] / reference['mb']:.2f} × its memory" if reference else "")
    split = "".join(f"; {role} {figures[f'{role} mb']:.0f}" for role in ("parent", "workers", "pagefind")
                    if f"{role} mb" in figures)
    print(f"  {label:<44} wall {figures['wall']:7.2f} s  cpu {figures['cpu']:7.2f} s  "
          f"peak {figures['mb']:7.0f} MB{ratio}" + (f"  (largest{split} MB)" if split else ""), flush=True)


def change_one(folder: Path) -> None:
    """Edit the body of the first document a little (its pages and nothing else change)."""
    first = sorted(folder.glob("*.xml"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("<p>", "<p>Changed. ", 1) if "<p>" in text
                     else text.replace("</body>", "<p>Changed.</p></body>", 1), encoding="utf-8")


def frus(work: Path) -> None:
    print("FRUS 1894 volume: teipress build against the TEI Stylesheets (Java Saxon-HE)")
    volume = CORPORA / "frus" / "frus1894Nicaragua.xml"
    source = work / "frus"
    source.mkdir()
    shutil.copy(volume, source)
    figures = {}
    for kind in ("html5", "txt"):
        figures[kind] = measure(["java", "-jar", str(SAXON_JAR), f"-s:{volume}",
                                 f"-xsl:{TEI_XSL / kind / 'to.xsl'}", f"-o:{work / ('frus.' + kind)}"])
        show(f"TEI Stylesheets {kind}", figures[kind])
    ours = build(source, work / "frus-out")
    show("teipress build (HTML + text + all the rest)", ours, figures["html5"], "html5")
    print(f"  {'':<44} = {ours['wall'] / figures['txt']['wall']:.2f} × txt")


def congress(work: Path) -> None:
    print("maechtekongresse edition (113 documents)")
    source = work / "congress"
    shutil.copytree(CORPORA / "maechtekongresse" / "editions", source)
    show("full build", build(source, work / "congress-out"))
    change_one(source)
    show("after one changed document (cache kept)", build(source, work / "congress-out"))
    show("full build, --jobs 1", build(source, work / "congress-one", "--jobs", "1"))


def floor(folder: Path) -> dict[str, float]:
    """Saxon parses every file and serialises it: the least any build must do, in one process."""
    script = (
        "import sys, pathlib\n"
        "from saxonche import PySaxonProcessor\n"
        "p = PySaxonProcessor(license=False)\n"
        "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.xml')):\n"
        "    p.parse_xml(xml_text=f.read_text(encoding='utf-8')).to_string()\n"
    )
    return measure([sys.executable, "-c", script, str(folder)])


def synthetic(work: Path, sizes: list[int]) -> None:
    """Peak memory is the sum of the resident memory of the build's processes (the parent and its
    workers), sampled every 50 ms; the goal: 10,000 documents within 1.5 × the peak for 1,000."""
    generator = SHARED / "tools" / "gen_corpus.py"
    peaks: dict[int, float] = {}
    for size in sizes:
        print(f"synthetic corpus, {size} documents (gen_corpus.py --seed 1)")
        corpus = work / f"synthetic-{size}"
        subprocess.run([sys.executable, str(generator), "--docs", str(size), "--seed", "1", str(corpus)],
                       check=True, capture_output=True)
        documents = corpus / "documents"
        base = floor(documents)
        show("parse+serialise floor (Saxon, one process)", base)
        full = build(documents, work / f"synthetic-{size}-out")
        show("full build", full, base, "floor")
        change_one(documents)
        show("after one changed document", build(documents, work / f"synthetic-{size}-out"), base, "floor")
        peaks[size] = full["mb"]
        shutil.rmtree(corpus)
        shutil.rmtree(work / f"synthetic-{size}-out")
    for size in sorted(peaks)[1:]:
        smallest = min(peaks)
        print(f"  peak of the full build, {size} against {smallest} documents: "
              f"{peaks[size] / peaks[smallest]:.2f} ×", flush=True)


def many_names(work: Path) -> Path:
    """A corpus with about 400 of tei_all's element names (the issue's "novel corpus"): the
    hand-written documents of tests/fixtures/many-names and the first file of each corpus."""
    folder = work / "many-names"
    shutil.copytree(ROOT / "tests" / "fixtures" / "many-names", folder)
    for corpus in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
        first = sorted(corpus.rglob("*.xml"))[0]
        shutil.copy(first, folder / f"{corpus.name}-{first.name}")
    return folder


def validate(work: Path) -> None:
    """Cold: an empty teipress cache (the schema is pruned and compiled under the forked probe,
    regex translations are made); warm: the second run, which finds them stored. The ratios
    are of wall time, one process each side (jing's JVM uses several threads, so its CPU time
    exceeds its wall time)."""
    print("validate --schema tei_all.rng --grammar-only --jobs 1 against jing (one process each)")
    schema = SHARED / "reference" / "tei_all.rng"
    for corpus in [*sorted(p for p in CORPORA.iterdir() if p.is_dir()), many_names(work)]:
        files = sorted(str(f) for f in corpus.rglob("*.xml"))
        os.environ["XDG_CACHE_HOME"] = str(work / f"cache-{corpus.name}")
        jing = measure(["jing", str(schema), *files])
        runs = [measure([*TEIPRESS, "validate", "--schema", str(schema), "--grammar-only", "--jobs", "1",
                         *files]) for _ in ("cold", "warm")]
        figures = [f"{name} {run['wall']:5.2f} s (cpu {run['cpu']:5.2f}) = {run['wall'] / jing['wall']:.2f} ×"
                   for name, run in zip(("cold", "warm"), runs, strict=True)]
        print(f"  {corpus.name:<22} jing {jing['wall']:5.2f} s (cpu {jing['cpu']:5.2f})  teipress "
              + "  ".join(figures), flush=True)
    os.environ.pop("XDG_CACHE_HOME", None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--only", default="frus,congress,synthetic,validate")
    args = parser.parse_args()
    only = set(args.only.split(","))
    print(f"{time.strftime('%Y-%m-%d %H:%M')} on {platform.node()}: {os.cpu_count()} cores, "
          f"{platform.processor() or platform.machine()}, load {os.getloadavg()[0]:.1f}, "
          f"Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="teipress-bench-") as folder:
        work = Path(folder)
        if "frus" in only:
            frus(work)
        if "congress" in only:
            congress(work)
        if "synthetic" in only:
            synthetic(work, [int(n) for n in args.sizes.split(",")])
        if "validate" in only:
            validate(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
