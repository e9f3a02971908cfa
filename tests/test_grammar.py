"""relaxng: loading schemas safely, pruning, compiling under a time limit, lxml and jing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

from conftest import shared, tool
from teipress.findings import display_path
from teipress.parse import ParsedDocument, make_parser
from teipress.relaxng import compact, jing_engine, lxml_engine
from teipress.relaxng.engines import make_grammar
from teipress.relaxng.jing_engine import JingGrammar
from teipress.relaxng.load import load_schema
from teipress.relaxng.lxml_engine import LxmlGrammar
from teipress.relaxng.names import pattern_name
from teipress.relaxng.prune import prune_schema, simplify_pruned, source_local_names, used_names
from teipress.relaxng.source import SchemaError

RNG = "http://relaxng.org/ns/structure/1.0"
XSD = "http://www.w3.org/2001/XMLSchema-datatypes"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def document(path: Path, text: str | bytes) -> ParsedDocument:
    """Any well-formed file as a ParsedDocument (also non-TEI roots, which parse_file refuses)."""
    source = text.encode("utf-8") if isinstance(text, str) else text
    tree = etree.ElementTree(etree.fromstring(source, make_parser()))
    return ParsedDocument(path, display_path(path), source, tree)


# A small grammar: <doc> holds <a>/<b> items and an optional <note>; @kind is a closed list.
SMALL = f"""<grammar xmlns="{RNG}" datatypeLibrary="{XSD}">
  <start><ref name="doc"/></start>
  <define name="doc"><element name="doc">
    <zeroOrMore><choice><ref name="a"/><ref name="b"/></choice></zeroOrMore>
    <optional><element name="note"><text/></element></optional>
  </element></define>
  <define name="a"><element name="a"><optional><attribute name="kind">
    <choice><value>x</value><value>y</value></choice></attribute></optional><text/></element></define>
  <define name="b"><element name="b"><empty/></element></define>
</grammar>"""


# --- loading ------------------------------------------------------------------------------------


def test_missing_schema_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="no such file") as caught:
        load_schema(tmp_path / "nope.rng")
    assert caught.value.exit_code == 2
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<grammar xmlns='" + RNG.encode() + b"'><start>", "not well-formed XML"),
        (b"<schema xmlns='http://www.w3.org/2001/XMLSchema'/>", "not a RELAX NG schema"),
        (b"<?xml version='1.0' encoding='UTF-8'?><element xmlns='" + RNG.encode()
         + b"' name='caf\xe9'><empty/></element>", "not valid UTF-8"),
    ],
)
def test_unusable_schema_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "s.rng"
    path.write_bytes(content)
    with pytest.raises(SchemaError, match=expected) as caught:
        load_schema(path)
    assert "\n" not in caught.value.message


def test_network_hrefs_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "s.rng", f'<grammar xmlns="{RNG}"><include href="http://example.org/x.rng"/>'
                                    "</grammar>")
    with pytest.raises(SchemaError, match="only reads schemas from local files"):
        load_schema(path)


def test_include_loops_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.rng", f'<grammar xmlns="{RNG}"><include href="b.rng"/></grammar>')
    write(tmp_path, "b.rng", f'<grammar xmlns="{RNG}"><include href="a.rng"/></grammar>')
    with pytest.raises(SchemaError, match="loop"):
        load_schema(tmp_path / "a.rng")


def test_include_and_external_ref_are_inlined_like_libxml2_reads_them(tmp_path: Path) -> None:
    """Overrides in <include>, ns carried into an externalRef, files relative to their includer."""
    (tmp_path / "lib").mkdir()
    write(tmp_path, "lib/base.rng", f"""<grammar xmlns="{RNG}" ns="urn:t">
      <start><element name="doc"><oneOrMore><ref name="item"/></oneOrMore>
        <optional><externalRef href="part.rng"/></optional></element></start>
      <define name="item"><element name="item"><text/></element></define></grammar>""")
    write(tmp_path, "lib/part.rng", f'<element xmlns="{RNG}" name="part"><empty/></element>')
    main = write(tmp_path, "main.rng", f"""<grammar xmlns="{RNG}" ns="urn:t">
      <include href="lib/base.rng">
        <define name="item"><element name="entry"><text/></element></define>
      </include></grammar>""")
    loaded = load_schema(main)
    assert not loaded.getroot().xpath("//rng:include | //rng:externalRef", namespaces={"rng": RNG})
    ours = etree.RelaxNG(loaded)
    theirs = etree.RelaxNG(file=str(main))
    cases = [
        '<doc xmlns="urn:t"><entry>a</entry></doc>',
        '<doc xmlns="urn:t"><item>a</item></doc>',
        '<doc xmlns="urn:t"><entry>a</entry><part/></doc>',
        '<doc xmlns="urn:t"><entry>a</entry><part xmlns=""/></doc>',
    ]
    verdicts = [ours.validate(etree.fromstring(c)) for c in cases]
    assert verdicts == [theirs.validate(etree.fromstring(c)) for c in cases]
    assert verdicts == [True, False, True, False]


def test_relax_ng_compact_syntax_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "s.rnc", 'default namespace = "urn:t"\nstart = element doc { '
                                    'attribute when { xsd:date }?, element p { text }* }\n')
    monkeypatch.setattr(compact.shutil, "which", lambda name: None)  # rnc2rng, not trang
    relaxng = etree.RelaxNG(load_schema(path))
    assert relaxng.validate(etree.fromstring('<doc xmlns="urn:t" when="1962-11-05"><p/></doc>'))
    assert not relaxng.validate(etree.fromstring('<doc xmlns="urn:t" when="5.XI.62"/>'))


# --- pruning ------------------------------------------------------------------------------------


def test_used_names_collects_namespace_and_local_name() -> None:
    tree = etree.ElementTree(etree.fromstring('<a xmlns="urn:x"><b/><!-- c --><c xmlns=""/></a>'))
    assert used_names([tree]) == {("urn:x", "a"), ("urn:x", "b"), ("", "c")}


def test_source_names_cover_the_tree_or_are_not_trusted(tmp_path: Path) -> None:
    """The start tags in a source stand for its elements (what spares the lxml engine a walk
    over every element), except where elements come from elsewhere: then None."""
    files = [*sorted(shared("corpora").rglob("*.xml")), *sorted(Path("tests/fixtures").rglob("*.xml"))]
    trusted = 0
    for path in files:
        source = path.read_bytes()
        try:
            tree = etree.ElementTree(etree.fromstring(source, make_parser()))
        except etree.XMLSyntaxError:
            continue  # the hostile fixtures
        shown = source_local_names(source, tree.docinfo.encoding)
        trusted += shown is not None
        assert shown is None or {local for _, local in used_names([tree])} <= shown, path
    assert trusted > 150
    letter = shared("corpora", "cmif-example").glob("*.xml").__next__().read_text(encoding="utf-8")
    assert source_local_names(letter.encode("utf-16"), "UTF-8") is None  # lxml says UTF-8 here
    assert source_local_names(letter.encode("utf-8"), "ISO-8859-1") is None
    entity = b'<!DOCTYPE d [<!ENTITY e "&#60;secret/>">]><d>&e;</d>'
    assert source_local_names(entity, "UTF-8") is None  # <secret> stands nowhere as "<secret"
    included = b'<d xmlns:x="http://www.w3.org/2001/XInclude"><x:include href="a.xml"/></d>'
    assert source_local_names(included, "UTF-8") is None
    assert source_local_names(b"<p:a xmlns:p='u'><b/><!-- <c --></p:a>", "UTF-8") == {"a", "b", "c"}


def test_prune_replaces_unused_elements_and_keeps_name_classes() -> None:
    rng = etree.ElementTree(etree.fromstring(f"""<grammar xmlns="{RNG}" ns="urn:x"
        xmlns:y="urn:y"><start><element name="doc"><zeroOrMore><choice>
          <element name="used"><empty/></element>
          <element name="unused"><empty/></element>
          <element name="y:other"><empty/></element>
          <element><name ns="">plain</name><empty/></element>
          <element><anyName/><empty/></element>
        </choice></zeroOrMore></element></start></grammar>"""))
    pruned = prune_schema(rng, {("urn:x", "doc"), ("urn:x", "used"), ("", "plain")})
    names = [pattern_name(e) for e in pruned.iter(f"{{{RNG}}}element")]
    assert names == [("urn:x", "doc"), ("urn:x", "used"), ("", "plain"), None]
    assert len(pruned.getroot().findall(f".//{{{RNG}}}notAllowed")) == 2
    stubbed = prune_schema(rng, {("urn:x", "doc"), ("urn:x", "used")}, stubs=True)
    contents = [[etree.QName(c).localname for c in e] for e in stubbed.iter(f"{{{RNG}}}element")]
    assert contents[2:5] == [["empty"], ["empty"], ["empty"]], "unused names keep no content"
    assert len(rng.getroot().findall(f".//{{{RNG}}}empty")) == 5, "the input is not changed"


def test_simplify_removes_what_pruning_made_dead_and_keeps_the_language() -> None:
    """Dead choice branches go, a group with a dead part dies, and so do the references to a
    define that died, also through a chain of defines (C uses B, B uses the pruned <gone>) and
    when the references come after the define."""
    rng = etree.ElementTree(etree.fromstring(f"""<grammar xmlns="{RNG}">
      <define name="C"><element name="c"><ref name="B"/></element></define>
      <define name="B"><element name="gone"><empty/></element></define>
      <start><element name="doc"><zeroOrMore><choice>
        <ref name="C"/><element name="keep"><empty/></element>
        <group><element name="keep2"><empty/></element><ref name="B"/></group>
      </choice></zeroOrMore><optional><ref name="C"/></optional></element></start>
    </grammar>"""))
    used = {("", "doc"), ("", "keep"), ("", "keep2"), ("", "c")}
    pruned = prune_schema(rng, used)
    simplified = simplify_pruned(prune_schema(rng, used))
    root = simplified.getroot()
    assert root.find(f".//{{{RNG}}}notAllowed") is None
    assert sorted(d.get("name") for d in root.iter(f"{{{RNG}}}define")) == []
    assert [pattern_name(e) for e in root.iter(f"{{{RNG}}}element")] == [("", "doc"), ("", "keep")]
    cases = ["<doc/>", "<doc><keep/><keep/></doc>", "<doc><c/></doc>", "<doc><keep2/></doc>",
             "<doc><keep/><c><gone/></c></doc>"]
    before, after = etree.RelaxNG(pruned), etree.RelaxNG(simplified)
    verdicts = [after.validate(etree.fromstring(c)) for c in cases]
    assert verdicts == [before.validate(etree.fromstring(c)) for c in cases]
    assert verdicts == [True, True, False, False, False]


# --- compiling ----------------------------------------------------------------------------------


def test_compile_over_the_time_limit_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """libxml2 can compile some TEI schemas for many minutes; the forked probe is given up on."""
    monkeypatch.setattr(lxml_engine, "_compile", lambda rng: time.sleep(30))
    started = time.monotonic()
    with pytest.raises(SchemaError, match=r"took longer than 0\.5 s; try --engine jing"):
        lxml_engine.compile_schema(etree.ElementTree(etree.fromstring(SMALL)), label="slow.rng",
                                   timeout=0.5)
    assert time.monotonic() - started < 10


def test_invalid_relax_ng_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "s.rng", f'<grammar xmlns="{RNG}"><start><ref name="missing"/></start>'
                                    "</grammar>")
    with pytest.raises(SchemaError, match="not valid RELAX NG"):
        LxmlGrammar(path, [])


def test_a_warm_run_reads_the_schema_only_when_it_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pruned schema and the facts pruning needs are stored; a later run over valid
    documents then never loads the schema, until it changes. A schema that includes others is
    always loaded (they may change while it does not)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    schema = write(tmp_path, "s.rng", SMALL)
    valid = document(tmp_path / "1.xml", '<doc><a kind="x">x</a></doc>')
    invalid = document(tmp_path / "2.xml", '<doc><a kind="z">x</a></doc>')
    cold = LxmlGrammar(schema, [valid])
    assert cold.check(valid) == [] and "schema" in vars(cold)  # loaded to be pruned
    warm = LxmlGrammar(schema, [valid])
    assert warm.check(valid) == [] and "schema" not in vars(warm)
    assert [f.message for f in warm.check(invalid)] == [f.message for f in cold.check(invalid)] != []
    assert "schema" in vars(warm)  # loaded to word the findings
    write(tmp_path, "s.rng", SMALL.replace("<value>y</value>", "<value>z</value>"))
    changed = LxmlGrammar(schema, [invalid])
    assert "schema" in vars(changed) and changed.check(invalid) == []
    write(tmp_path, "parts.rng", SMALL.replace("<start><ref name=\"doc\"/></start>", ""))
    main = write(tmp_path, "main.rng", f'<grammar xmlns="{RNG}"><include href="parts.rng">'
                 '<start><ref name="doc"/></start></include></grammar>')
    LxmlGrammar(main, [valid])
    again = LxmlGrammar(main, [valid])
    assert "schema" in vars(again) and again.check(valid) == []


def test_a_document_with_new_names_gets_the_patterns_back(tmp_path: Path) -> None:
    """The grammar was pruned for one document; another uses <b>, which must stay allowed."""
    schema = write(tmp_path, "s.rng", SMALL)
    first = document(tmp_path / "1.xml", "<doc><a>x</a></doc>")
    second = document(tmp_path / "2.xml", "<doc><a>x</a><b/></doc>")
    checker = LxmlGrammar(schema, [first])
    assert checker.check(second) == []


def test_lxml_findings_have_positions_and_rule(tmp_path: Path) -> None:
    schema = write(tmp_path, "s.rng", SMALL)
    doc = document(tmp_path / "d.xml", '<doc>\n  <a kind="z">x</a>\n  <b>text</b>\n</doc>')
    findings = LxmlGrammar(schema, [doc]).check(doc)
    assert [(f.line, f.column, f.rule, f.severity) for f in findings] == [
        (2, 3, "relaxng", "error"), (3, 3, "relaxng", "error")]
    assert 'expected one of "x" or "y"' in findings[0].message


# --- jing ---------------------------------------------------------------------------------------


def test_jing_reads_what_was_parsed_and_never_follows_xinclude(tmp_path: Path) -> None:
    tool("jing")
    schema = write(tmp_path, "s.rng", SMALL)
    doc = document(tmp_path / "d.xml", '<doc xmlns:xi="http://www.w3.org/2001/XInclude">\n'
                                       '<xi:include href="missing.xml"/>\n</doc>')
    findings = JingGrammar(schema).check_many([doc])[doc.path]
    assert len(findings) == 1
    assert (findings[0].line, findings[0].path) == (2, doc.display)
    assert "not allowed" in findings[0].message and "Include" not in findings[0].message


def test_jing_positions_survive_a_doctype(tmp_path: Path) -> None:
    """A DOCTYPE is never shown to jing: blanked out when unused, else the tree is serialised and
    positions are mapped back through the element."""
    tool("jing")
    schema = write(tmp_path, "s.rng", SMALL)
    blank = document(tmp_path / "blank.xml",
                     '<!DOCTYPE doc [\n<!ENTITY e "x">\n]>\n<doc>\n<a\n kind="z">x</a>\n</doc>')
    entity = document(tmp_path / "entity.xml",
                      '<!DOCTYPE doc [\n<!ENTITY e "x">\n]>\n<doc>\n<a\n kind="z">&e;</a>\n</doc>')
    results = JingGrammar(schema).check_many([blank, entity])
    assert [f.line for f in results[blank.path]] == [6]  # jing's own place: the end of the tag
    assert [(f.line, f.column) for f in results[entity.path]] == [(5, 1)]  # the start tag


def test_jing_goes_on_after_a_file_it_cannot_read(tmp_path: Path) -> None:
    """jing stops the whole batch at a fatal error; the rest is checked in another call."""
    tool("jing")
    schema = write(tmp_path, "s.rng", SMALL)
    broken = document(tmp_path / "1.xml", "<doc/>")
    broken.source = b"<doc>"  # what jing sees is not well-formed
    later = document(tmp_path / "2.xml", "<doc><c/></doc>")
    results = JingGrammar(schema).check_many([broken, later])
    assert results[broken.path] and results[later.path]


def test_engines_are_chosen_by_name(tmp_path: Path) -> None:
    tool("jing")
    schema = write(tmp_path, "s.rng", SMALL)
    assert isinstance(make_grammar("lxml", schema, []), LxmlGrammar)
    assert isinstance(make_grammar("jing", schema, []), JingGrammar)


def test_missing_jing_is_a_schema_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jing_engine.shutil, "which", lambda name: None)
    with pytest.raises(SchemaError, match="jing is not installed"):
        JingGrammar(write(tmp_path, "s.rng", SMALL))


def test_known_libxml2_false_negative_optional_attribute_value(tmp_path: Path) -> None:
    """Documents a libxml2 limitation (cu-mkp/m-k-manuscript-data#1787): an attribute whose
    content is wrapped in <optional> accepts any value in libxml2. If this test fails, libxml2
    was fixed and the note in the README can go."""
    tool("jing")
    schema = write(tmp_path, "s.rng", f"""<element name="doc" xmlns="{RNG}">
      <attribute name="margin"><optional><choice><value>a</value><value>b</value></choice>
      </optional></attribute><empty/></element>""")
    doc = document(tmp_path / "d.xml", '<doc margin="bogus"/>')
    assert LxmlGrammar(schema, [doc]).check(doc) == []
    assert JingGrammar(schema).check_many([doc])[doc.path] != []


# --- the real corpora: pruned tei_all under lxml gives jing's verdicts ---------------------------


def corpus_documents() -> list[ParsedDocument]:
    """Every XML file in ../shared/corpora, parsed as teipress parses (XInclude not expanded)."""
    return [document(path, path.read_bytes())
            for path in sorted(shared("corpora").rglob("*.xml"))]


def test_pruned_tei_all_gives_jings_verdicts_on_every_corpus_file() -> None:
    """The full tei_all is never compiled by lxml here (11 s and more); jing is the reference.

    maechtekongresse/meta uses XInclude. teipress validates what it parsed and does not expand
    XInclude unless asked, so jing's XInclude processing is switched off too: both engines then
    see <xi:include>, which tei_all does not allow, and both call those files invalid.
    """
    tool("jing")
    tei_all = shared("reference", "tei_all.rng")
    documents = corpus_documents()
    assert len(documents) >= 190
    started = time.monotonic()
    lxml_results = LxmlGrammar(tei_all, documents).check_many(documents)
    assert time.monotonic() - started < 60
    jing_results = JingGrammar(tei_all).check_many(documents)
    disagree = [d.display for d in documents
                if bool(lxml_results[d.path]) != bool(jing_results[d.path])]
    assert disagree == []
    invalid = {Path(d.display).name for d in documents if lxml_results[d.path]}
    assert {"listevent.xml", "Einleitung.xml", "Aachen_Prot_41.xml"} <= invalid
    assert "frus1958-60v05mSupp.xml" not in invalid


def test_documents_parsed_and_validated_in_threads_get_the_findings_of_check_many(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_and_check (the validate and build path) parses and validates in two threads, a
    copy of the compiled schema each, and words the findings here: the same findings, in the
    same order, as validating the parsed documents one by one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(lxml_engine, "_core_to_spare", lambda: True)
    tei_all = shared("reference", "tei_all.rng")
    paths = sorted(shared("corpora", "maechtekongresse").rglob("*.xml"))
    documents = {path: document(path, path.read_bytes()) for path in paths}
    threaded = LxmlGrammar(tei_all, [], local_names=frozenset(  # the corpus's names, as validate does
        {local for d in documents.values() for _, local in used_names([d.tree])}))
    parsed, found = threaded.parse_and_check(paths, lambda path: (documents[path],), expected_bytes=10**9)
    assert [result[0] for result in parsed] == list(documents.values())
    assert len(threaded._grammars[0].spares) == 1
    one_by_one = LxmlGrammar(tei_all, list(documents.values()))
    assert found == {path: one_by_one.check(d) for path, d in documents.items()}
    assert sum(1 for findings in found.values() if findings) >= 20


def test_frus_project_schema_in_compact_syntax() -> None:
    """frus.rnc (TEI 2.7.0, which libxml2 may never finish compiling unpruned) via trang
    (rnc2rng cannot read this file's "\\x{a}" and ">>" syntax); .ci/run installs trang."""
    tool("trang")
    tool("jing")
    schema = shared("corpora", "frus", "frus.rnc")
    documents = [document(p, p.read_bytes()) for p in sorted(schema.parent.glob("*.xml"))]
    lxml_results = LxmlGrammar(schema, documents).check_many(documents)
    jing_results = JingGrammar(schema).check_many(documents)
    assert {d.path.name: bool(lxml_results[d.path]) for d in documents} == {
        d.path.name: bool(jing_results[d.path]) for d in documents}
