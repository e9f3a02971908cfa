"""A corpus that uses many of TEI's element names (drama, verse, epigraphy, dictionaries,
manuscripts, speech, feature structures, an ODD, with a document from each shared corpus) is
checked against several schemas pruned for groups of its documents, never one compiled for
all its names; the verdicts and messages stay those of one schema, and jing agrees."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, shared, tool
from teipress.parse import parse_file
from teipress.relaxng import lxml_engine
from teipress.relaxng.lxml_engine import GROUP_NAMES, LxmlGrammar

MANY_NAMES = ROOT / "tests" / "fixtures" / "many-names"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("many-names")
    for path in MANY_NAMES.glob("*.xml"):
        shutil.copy(path, folder / path.name)
    for name in ("cmif-example", "epidoc-isicily", "frus-history", "maechtekongresse"):
        first = sorted(shared("corpora", name).rglob("*.xml"))[0]
        shutil.copy(first, folder / f"{name}-{first.name}")
    return sorted(folder.glob("*.xml"))


def test_the_hand_written_documents_are_valid_tei_all() -> None:
    """They stand for the TEI modules the shared corpora do not use: jing must accept them."""
    files = sorted(MANY_NAMES.glob("*.xml"))
    run = subprocess.run([tool("jing"), str(shared("reference", "tei_all.rng")), *map(str, files)],
                         capture_output=True, text=True, check=False)
    assert len(files) >= 6 and run.returncode == 0, run.stdout


def test_many_names_are_checked_in_groups_with_the_verdicts_of_one_schema(
        corpus: list[Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    documents = [parse_file(path).document for path in corpus]
    assert all(documents)
    schema = shared("reference", "tei_all.rng")
    grouped = LxmlGrammar(schema, documents)
    findings = grouped.check_many(documents)  # type: ignore[arg-type]
    names = set().union(*(grouped._names_of(d) for d in documents))  # type: ignore[arg-type]
    assert len(names) > 2 * GROUP_NAMES  # the point of the corpus
    assert len(grouped._grammars) >= 3
    assert all(len(g.names) <= max(GROUP_NAMES, *(len(grouped._names_of(d)) for d in documents))
               for g in grouped._grammars)  # type: ignore[arg-type]
    monkeypatch.setattr(lxml_engine, "GROUP_NAMES", 10_000)
    whole = LxmlGrammar(schema, documents).check_many(documents)  # type: ignore[arg-type]
    assert findings == whole
    invalid = {path.name for path in corpus if findings[path]}
    jing = subprocess.run([tool("jing"), str(schema), *map(str, corpus)], capture_output=True, text=True,
                          check=False).stdout
    assert invalid == {Path(line.split(":")[0]).name for line in jing.splitlines() if ": error:" in line}
    assert invalid  # the frus-history letter has a misplaced date: messages are compared too
