"""An unusable --schema is one line naming its file and line, exit 2, whatever the sources are:
also when not one of them parses, so that no document ever reaches the grammar."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED_DOCUMENT, shared, tool

RNG = "http://relaxng.org/ns/structure/1.0"
MAIN = f"""<grammar xmlns="{RNG}" ns="http://www.tei-c.org/ns/1.0">
  <include href="modules/core.rng"/>
  <start><ref name="tei"/></start>
</grammar>
"""
# The mistake is on line 5 of the included file: a reference to a pattern nobody defines.
CORE = f"""<grammar xmlns="{RNG}" ns="http://www.tei-c.org/ns/1.0">
  <!-- the document element -->
  <define name="tei">
    <element name="TEI">
      <ref name="teiHeaderAndText"/>
    </element>
  </define>
</grammar>
"""


def malformed_sources(folder: Path) -> list[Path]:
    """Real documents, each broken: the seed cut in half, a frus volume with a tag left open."""
    folder.mkdir()
    seed = SEED_DOCUMENT.read_bytes()
    cut = folder / "cut.xml"
    cut.write_bytes(seed[: len(seed) // 2])
    volume = sorted(shared("corpora", "frus").rglob("*.xml"))[0].read_text(encoding="utf-8")
    unclosed = folder / "unclosed.xml"
    unclosed.write_text(volume.replace("</teiHeader>", "</teiHeadr>", 1), encoding="utf-8")
    return [cut, unclosed]


def teipress(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "teipress", "validate", "--grammar-only", "--jobs", "1",
                           *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin",
                               "XDG_CACHE_HOME": str(cwd / "cache")})


@pytest.mark.parametrize("engine", ["lxml", "jing"])
def test_an_invalid_schema_is_reported_when_no_source_parses(tmp_path: Path, engine: str) -> None:
    if engine == "jing":
        tool("jing")
    (tmp_path / "modules").mkdir()
    (tmp_path / "main.rng").write_text(MAIN, encoding="utf-8")
    (tmp_path / "modules" / "core.rng").write_text(CORE, encoding="utf-8")
    sources = malformed_sources(tmp_path / "sources")
    result = teipress("--engine", engine, "--schema", "main.rng", *sources, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: schema modules/core.rng:5 is not valid RELAX NG: "), line
    assert "teiHeaderAndText" in line


@pytest.mark.parametrize(("schema", "expected"), [
    ("<grammar xmlns='http://relaxng.org/ns/structure/1.0'>\n<start>\n</grammar>\n",
     r"Error: schema broken\.rng:3 is not well-formed XML: .*start line 2"),
    (None, r"Error: schema broken\.rng: no such file"),
])
def test_a_broken_or_missing_schema_is_reported_when_no_source_parses(tmp_path: Path, schema: str | None,
                                                                      expected: str) -> None:
    if schema is not None:
        (tmp_path / "broken.rng").write_text(schema, encoding="utf-8")
    result = teipress("--schema", "broken.rng", *malformed_sources(tmp_path / "sources"), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    [line] = result.stderr.splitlines()
    assert re.match(expected, line), line


def test_a_usable_schema_leaves_the_malformed_sources_to_their_findings(tmp_path: Path) -> None:
    """tei_all is fine: the run reports each broken file at its place, exit 1, no schema error."""
    sources = malformed_sources(tmp_path / "sources")
    result = teipress("--schema", shared("reference", "tei_all.rng"), *sources, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Error:" not in result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error: not well-formed XML" in line]
    assert [e.split(":")[0] for e in errors] == ["sources/cut.xml", "sources/unclosed.xml"]
    assert all(re.match(r"sources/\w+\.xml:\d+:\d+: error: ", e) for e in errors)
