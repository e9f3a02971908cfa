"""`teipress validate --grammar-only` against jing, as a user runs them: whole commands, wall time.

    .venv/bin/python benchmarks/bench_cli.py [folder] [--schema FILE] [--runs N]

Runs each command N times (default 7) alternately and prints the median and the best wall time
of each, and whether they agree on which files are invalid. The folder defaults to
../shared/corpora/maechtekongresse/editions, the schema to ../shared/reference/tei_all.rng.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from teipress.relaxng.jing_engine import _JAVA_OPTIONS  # noqa: E402 - after the path is set

# jing as `--engine jing` runs it: Debian's wrapper would expand XInclude, teipress does not
# unless asked, so both validate the same documents.
JING_ENV = dict(os.environ, _JAVA_OPTIONS=_JAVA_OPTIONS)


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    return time.perf_counter() - started, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=SHARED / "corpora" / "maechtekongresse" / "editions")
    parser.add_argument("--schema", type=Path, default=SHARED / "reference" / "tei_all.rng")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    jing = shutil.which("jing")
    if jing is None:
        print("jing is not installed (apt-get install jing)")
        return 2
    files = sorted(str(p) for p in args.folder.rglob("*.xml"))
    teipress = [sys.executable, "-m", "teipress", "validate", "--grammar-only", "--format", "json",
                "--schema", str(args.schema), str(args.folder)]
    reference = [jing, str(args.schema), *files]
    times: dict[str, list[float]] = {"teipress": [], "jing": []}
    outputs = {}
    for _ in range(args.runs):
        for name, command in (("teipress", teipress), ("jing", reference)):
            elapsed, outputs[name] = timed(command, JING_ENV if name == "jing" else None)
            times[name].append(elapsed)
    invalid_teipress = {Path(f["path"]).name for f in json.loads(outputs["teipress"])["files"]
                        if not f["valid"]}
    invalid_jing = {Path(m.group(1)).name for m in re.finditer(r"^(.+?):\d+:\d+: (?:fatal|error)",
                                                                outputs["jing"], re.MULTILINE)}
    print(f"{len(files)} files in {args.folder}, schema {args.schema.name}, {args.runs} runs each")
    for name, values in times.items():
        print(f"  {name:9} median {statistics.median(values):.2f} s, best {min(values):.2f} s")
    ratio = statistics.median(times["jing"]) / statistics.median(times["teipress"])
    print(f"  teipress is {ratio:.2f}x as fast as jing (median)")
    agree = invalid_teipress == invalid_jing
    print(f"  invalid files: teipress {len(invalid_teipress)}, jing {len(invalid_jing)}, "
          f"{'same files' if agree else 'DIFFERENT: ' + str(invalid_teipress ^ invalid_jing)}")
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
