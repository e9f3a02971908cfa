"""Incremental builds redo only the pages whose own inputs changed: each page is rendered
against its slice of the edition (build/context.py), so editing one document renders it, its
neighbours in reading order and the pages that link to it, and editing a register entry
renders the documents that name it. Every result equals a clean build byte for byte."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from teipress.build import BuildResult, build
from teipress.project import Project
from teipress.validate import Checks
from test_build_scale import clean_build, edit, generated_corpus, rendered, snapshot, teipress_build


def neighbours(page: Path) -> set[str]:
    """The documents a page's previous/next links lead to."""
    html = page.read_text(encoding="utf-8")
    return set(re.findall(r'<a href="([^"]+)\.html" rel="(?:prev|next)"', html))


def naming(source: Path, ident: str) -> set[str]:
    """The documents whose TEI points at a register id."""
    return {p.stem for p in source.glob("*.xml") if f'"#{ident}"' in p.read_text(encoding="utf-8")}


def test_one_change_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    source = generated_corpus(tmp_path, 100)
    out, html = tmp_path / "out", tmp_path / "out" / "html"
    assert rendered(teipress_build(source, out)) == 100

    # A link to another document: only the linking document changes.
    edit(source / "doc-000010.xml", "<p>", '<p><ref target="doc-000050.xml">See the letter.</ref> ')
    assert rendered(teipress_build(source, out)) == 1
    assert 'href="doc-000050.html"' in (html / "doc-000010.html").read_text(encoding="utf-8")

    # A new title: the document and its neighbours, whose previous/next links name it.
    around = neighbours(html / "doc-000003.html")
    assert len(around) == 2
    edit(source / "doc-000003.xml", "<title>", "<title>Retitled: ")
    assert rendered(teipress_build(source, out)) == 1 + len(around)
    assert all("Retitled: " in (html / f"{n}.html").read_text(encoding="utf-8") for n in around)

    # A register entry: the documents that name it, nothing else.
    person = re.search(r'ref="#(p\d+)"', (source / "doc-000020.xml").read_text(encoding="utf-8")).group(1)
    edit(source.parent / "registers" / "persons.xml", f'<person xml:id="{person}"><persName>',
         f'<person xml:id="{person}"><persName>Dr. ')
    assert 0 < rendered(teipress_build(source, out)) == len(naming(source, person)) < 100

    # A renamed document: it, its neighbours, and the document linking to its old name.
    around = neighbours(html / "doc-000050.html")
    (source / "doc-000050.xml").rename(source / "doc-000150.xml")
    assert rendered(teipress_build(source, out)) == len({"doc-000150", "doc-000010"} | around)
    assert 'href="doc-000050.html"' not in (html / "doc-000010.html").read_text(encoding="utf-8")

    # A deleted document: its neighbours now lead to each other.
    around = neighbours(html / "doc-000060.html")
    (source / "doc-000060.xml").unlink()
    assert rendered(teipress_build(source, out)) == len(around)

    # An added document: it and its neighbours.
    shutil.copy(source / "doc-000070.xml", source / "doc-000170.xml")
    assert rendered(teipress_build(source, out)) <= 3

    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def build_here(source: Path, out: Path) -> BuildResult:
    """A one-process build in this process, for what `BuildResult` counts of the reduce step."""
    project = Project.find([source], None, (), Checks())
    return build(source, out, project=project, strict=False, xinclude=False, jobs=1)


def test_the_edition_pages_are_made_again_only_when_what_they_show_changed(tmp_path: Path) -> None:
    """The reduce step's pages (index, registers, pictures, About, validation report) come from
    the build cache while their inputs are unchanged; a change they show makes them again."""
    source = generated_corpus(tmp_path, 30)
    out = tmp_path / "out"
    first = build_here(source, out)
    assert {"index.html", "persons.html", "validation.html", "about.html"} <= set(first.reduced)
    assert all((out / "html" / name).is_file() for name in first.reduced)

    again = build_here(source, out)
    assert (again.rendered, again.reduced) == (0, [])

    # Words without names in a document's text: its page alone, no edition page.
    edit(source / "doc-000007.xml", "<body>\n<p>", "<body>\n<p>A paragraph added without names.</p>\n<p>")
    changed = build_here(source, out)
    assert (changed.rendered, changed.reduced) == (1, [])
    assert snapshot(out) == clean_build(source, tmp_path / "clean")

    # A new title is shown by the index, the registers and the pictures, so they are made again.
    edit(source / "doc-000007.xml", "<title>", "<title>Retitled: ")
    retitled = build_here(source, out)
    assert {"index.html", "persons.html"} <= set(retitled.reduced)
    assert "Retitled: " in (out / "html" / "index.html").read_text(encoding="utf-8")
    assert snapshot(out) == clean_build(source, tmp_path / "clean")
