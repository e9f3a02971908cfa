"""Each page is rendered against its own slice of the edition (build/context.py) and gives the
bytes it gave when every page read the whole site manifest and all registers; a document
without readings to choose between gets one text for both readings without a second run."""

from __future__ import annotations

import shutil
from copy import deepcopy
from pathlib import Path

import pytest
from lxml import etree

import teipress.build as build_module
from conftest import TEI_DIR, shared
from teipress.build import build
from teipress.build.context import Context, page_targets
from teipress.build.render import worker_transformer
from teipress.parse import parse_file
from teipress.project import Project
from teipress.resources import project_schema
from teipress.validate import Checks


def published(source: Path, out: Path) -> dict[str, bytes]:
    project = Project.find([source], None, (), Checks(project_schema(), "lxml", True))
    build(source, out, project=project, strict=False, xinclude=False, jobs=1)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "pagefind" not in p.parts}


def whole_edition(transformer, site, entries, targets, own):
    """Every page against the whole manifest and all registers, as before the slices (with
    every record's own parts, its citation and search data, in the manifest)."""
    from teipress.site import SITE_NS, registers_element

    site = deepcopy(site)
    for document in site.iter(f"{{{SITE_NS}}}document"):
        if document.get("id") in own:
            document.extend(list(etree.fromstring(own[document.get("id")])))
    whole = Context.of(etree.tostring(site, encoding="unicode"),
                       etree.tostring(registers_element(entries), encoding="unicode"))
    return lambda slug, tei: whole


def congress_sample(tmp_path: Path) -> Path:
    """A third of the maechtekongresse editions with their registers and pages: names that
    link to register entries, links to the introduction pages, documents linking to others
    that are not in the sample."""
    corpus = shared("corpora", "maechtekongresse")
    sample = tmp_path / "congress"
    (sample / "editions").mkdir(parents=True)
    for edition in sorted((corpus / "editions").glob("*.xml"))[::3]:
        shutil.copy(edition, sample / "editions")
    shutil.copytree(corpus / "indices", sample / "indices")
    shutil.copytree(corpus / "meta", sample / "meta")
    return sample


@pytest.mark.parametrize("corpus", ["seed", "congress", "frus"])
def test_pages_against_their_slice_equal_pages_against_the_whole_edition(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: str) -> None:
    source = {"seed": lambda: TEI_DIR, "congress": lambda: congress_sample(tmp_path),
              "frus": lambda: shared("corpora", "frus")}[corpus]()
    sliced = published(source, tmp_path / "sliced")
    monkeypatch.setattr(build_module, "page_contexts", whole_edition)
    shutil.rmtree(tmp_path / ".sliced.cache")
    assert len([p for p in sliced if p.endswith(".html")]) > 5
    assert published(source, tmp_path / "whole") == sliced


def test_a_page_slice_holds_what_its_pointers_name() -> None:
    congress = shared("corpora", "maechtekongresse", "editions", "Aachen_Prot_1.xml")
    tei = etree.tostring(parse_file(congress).document.root, encoding="unicode")
    targets = page_targets(tei)
    assert "Einleitung" in targets.stems and "about" in targets.stems  # target="../meta/Einleitung.xml"
    refs = {r.split("#")[-1] for r in etree.fromstring(tei.encode()).xpath("//@ref")}
    assert refs and refs <= set(targets.ids)


@pytest.mark.parametrize(("path", "readings"), [
    (("frus", "frus1894Nicaragua.xml"), False),
    (("maechtekongresse", "editions", "Verona_I_10.xml"), False),
    (("frus-history", "documents", "1957-03-21-kennan-to-leopold.xml"), False),
    (("maechtekongresse", "editions", "Aachen_Prot_1.xml"), True),  # choice
    (("epidoc-isicily", "ISic000001.xml"), True),  # expan with am and ex
])
def test_without_choices_both_readings_are_one_text(path: tuple[str, ...], readings: bool) -> None:
    """The build skips the diplomatic run where has_readings says they are the same text."""
    transformer = worker_transformer()
    node = transformer.node(parse_file(shared("corpora", *path)).document.root)
    assert transformer.has_readings(node) is readings
    normalised = transformer.run("text-document", node)
    diplomatic = transformer.run("text-document", node, reading="diplomatic")
    assert (normalised != diplomatic) is readings
