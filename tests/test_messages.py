"""relaxng.explain: libxml2's terse RELAX NG errors rewritten with what the schema allows."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import shared
from teipress.findings import display_path
from teipress.parse import ParsedDocument, make_parser
from teipress.relaxng.datatypes import datatype_ok
from teipress.relaxng.explain import Explanation, explain_all
from teipress.relaxng.load import load_schema
from teipress.relaxng.lxml_engine import LxmlGrammar
from teipress.relaxng.recheck import recheck_for

RNG = "http://relaxng.org/ns/structure/1.0"
XSD = "http://www.w3.org/2001/XMLSchema-datatypes"
TEI = "http://www.tei-c.org/ns/1.0"

# A miniature of the project's schema: dates, a closed list, a required attribute, a choice
# that needs two children, and mixed paragraphs.
LETTER = f"""<grammar xmlns="{RNG}" datatypeLibrary="{XSD}">
  <start><element name="letter">
    <element name="head"><text/></element>
    <oneOrMore><ref name="p"/></oneOrMore>
  </element></start>
  <define name="p"><element name="p">
    <optional><attribute name="rend"><choice><value>italic</value><value>bold</value></choice>
    </attribute></optional>
    <zeroOrMore><choice><text/><ref name="date"/><ref name="choice"/><ref name="hi"/>
      <ref name="graphic"/></choice></zeroOrMore>
  </element></define>
  <define name="hi"><element name="hi"><zeroOrMore><choice><text/><ref name="date"/></choice>
    </zeroOrMore></element></define>
  <define name="date"><element name="date">
    <optional><attribute name="when"><choice><data type="date"/><data type="gYearMonth"/>
      <data type="gYear"/></choice></attribute></optional><text/></element></define>
  <define name="choice"><element name="choice"><ref name="part"/><oneOrMore><ref name="part"/>
    </oneOrMore></element></define>
  <define name="part"><choice><element name="abbr"><text/></element>
    <element name="expan"><text/></element></choice></define>
  <define name="graphic"><element name="graphic"><attribute name="url"><data type="anyURI"/>
    </attribute><empty/></element></define>
</grammar>"""


@pytest.fixture
def letter_schema(tmp_path: Path) -> Path:
    path = tmp_path / "letter.rng"
    path.write_text(LETTER, encoding="utf-8")
    return path


def parsed(path: Path, text: str) -> ParsedDocument:
    source = text.encode("utf-8")
    tree = etree.ElementTree(etree.fromstring(source, make_parser()))
    return ParsedDocument(path, display_path(path), source, tree)


def check(schema: Path, tmp_path: Path, body: str) -> list[tuple[int, str]]:
    """(line, message) of each finding for `<letter><head/>` + body lines."""
    doc = parsed(tmp_path / "d.xml", "<letter>\n<head>h</head>\n" + body + "\n</letter>")
    return sorted((f.line, f.message) for f in LxmlGrammar(schema, [doc]).check(doc))


def test_bad_date_says_which_forms_are_expected(letter_schema: Path, tmp_path: Path) -> None:
    assert check(letter_schema, tmp_path, '<p>On <date when="5.XI.62">5 Nov</date>.</p>') == [
        (3, '<date when="5.XI.62">: invalid value for @when: '
            "expected an ISO 8601 date (1962-11-05, 1962-11 or 1962)")]


@pytest.mark.parametrize("when", ["2021-02-29", "1962-13", "62-11-05", "1962-11-05T10:00"])
def test_impossible_dates_are_caught(letter_schema: Path, tmp_path: Path, when: str) -> None:
    found = check(letter_schema, tmp_path, f'<p><date when="{when}">x</date></p>')
    assert [m for _, m in found] == [
        f'<date when="{when}">: invalid value for @when: '
        "expected an ISO 8601 date (1962-11-05, 1962-11 or 1962)"]


def test_closed_list_names_the_allowed_values(letter_schema: Path, tmp_path: Path) -> None:
    assert check(letter_schema, tmp_path, '<p rend="underline">x</p>') == [
        (3, '<p rend="underline">: invalid value for @rend: expected one of "italic" or "bold"')]


def test_unknown_attribute_names_the_allowed_ones(letter_schema: Path, tmp_path: Path) -> None:
    assert check(letter_schema, tmp_path, '<p style="x">x</p>') == [
        (3, '<p style="x">: @style is not allowed on <p>; allowed: @rend')]


def test_missing_required_attribute(letter_schema: Path, tmp_path: Path) -> None:
    assert check(letter_schema, tmp_path, "<p><graphic/></p>") == [
        (3, "<graphic> lacks the required attribute @url")]


def test_bad_child_lists_what_the_parent_allows(letter_schema: Path, tmp_path: Path) -> None:
    assert check(letter_schema, tmp_path, "<p>x <head>y</head></p>") == [
        (3, "<head> is not allowed inside <p>; expected the end tag, text, <choice>, <date>, "
            "<graphic> or <hi>")]
    assert check(letter_schema, tmp_path, "<p><foo/></p>") == [
        (3, "<foo> is not an element of this schema (inside <p>: expected the end tag, text, "
            "<choice>, <date>, <graphic> or <hi>)")]


def test_order_and_missing_children(letter_schema: Path, tmp_path: Path) -> None:
    doc = parsed(tmp_path / "d.xml", "<letter>\n<p>x</p>\n<head>h</head>\n</letter>")
    found = [f.message for f in LxmlGrammar(letter_schema, [doc]).check(doc)]
    assert found == ["<p> is not allowed at the start of <letter>; expected <head>"]
    assert check(letter_schema, tmp_path, "<p><choice><abbr>Mr</abbr></choice></p>") == [
        (3, "<choice> is incomplete: after <abbr> it still needs <abbr> or <expan>")]


def test_text_where_only_elements_may_stand(letter_schema: Path, tmp_path: Path) -> None:
    doc = parsed(tmp_path / "d.xml", "<letter>\n<head>h</head>\nloose text\n<p>x</p>\n</letter>")
    assert [f.message for f in LxmlGrammar(letter_schema, [doc]).check(doc)] == [
        '<letter> may not contain text here ("loose text"); expected <p>']


def test_an_error_deep_inside_is_reported_where_it_is(letter_schema: Path, tmp_path: Path) -> None:
    """The bad @when is two levels down; the finding is at <date>, whatever libxml2 names."""
    body = "<p>a\n<hi>b\n<date when='bad'>c</date></hi></p>"
    doc = parsed(tmp_path / "d.xml", "<letter>\n<head>h</head>\n" + body + "\n</letter>")
    checker = LxmlGrammar(letter_schema, [doc])
    [grammar] = checker._grammars_for([doc])
    assert not grammar.relaxng.validate(doc.tree)
    findings = checker.check(doc)
    assert [(f.line, f.column) for f in findings] == [(5, 1)]
    assert findings[0].message.startswith("<date when=\"bad\">: invalid value for @when")


def test_explain_all_keeps_an_ancestor_that_is_wrong_itself(letter_schema: Path) -> None:
    schema = load_schema(letter_schema)
    root = etree.fromstring("<letter><p><foo/></p></letter>")
    foo = root[0][0]
    entries = [("Element p has extra content: foo", foo),
               ("Element letter failed to validate content", root)]
    explanations = explain_all(entries, schema)
    assert {(e.element, e.text.split(";")[0]) for e in explanations} == {
        (foo, "<foo> is not an element of this schema (inside <p>: expected the end tag, text, "
              "<choice>, <date>, <graphic> or <hi>)"),
        (root[0], "<p> is not allowed at the start of <letter>"),
    }


def test_explain_keeps_libxml2s_words_when_nothing_more_is_found(letter_schema: Path) -> None:
    schema = load_schema(letter_schema)
    root = etree.fromstring("<letter><head>h</head><p>x</p></letter>")
    assert explain_all([("Some new libxml2 message", root[1])], schema) == [
        Explanation(root[1], "<p>: Some new libxml2 message", explained=False)]
    assert explain_all([("Invalid attribute rend for element p", None)], schema) == [
        Explanation(None, "Invalid attribute rend for element p", explained=False)]


def test_unexplained_follow_ons_about_ancestors_are_dropped(letter_schema: Path) -> None:
    """When the re-check finds nothing, libxml2's words are kept, but only for the innermost
    element: its messages about the ancestors only repeat it."""
    schema = load_schema(letter_schema)
    root = etree.fromstring("<letter><head>h</head><p>x</p></letter>")
    entries = [("Element p failed to validate content", root[1]),
               ("Element letter failed to validate content", root)]
    assert explain_all(entries, schema) == [
        Explanation(root[1], "<p>: Element p failed to validate content", explained=False)]


def test_one_recheck_per_schema(letter_schema: Path) -> None:
    """What the re-check learns per element name serves every document of the run."""
    schema = load_schema(letter_schema)
    assert recheck_for(schema) is recheck_for(schema)
    assert recheck_for(load_schema(letter_schema)) is not recheck_for(schema)


@pytest.mark.parametrize(
    ("kind", "value", "ok"),
    [
        ("date", "2020-02-29", True), ("date", "2021-02-29", False), ("date", "1900-02-29", False),
        ("date", "1962-11-05Z", True), ("gYear", "1962", True), ("gYear", "62", False),
        ("gYearMonth", "1962-00", False), ("dateTime", "1962-11-05T24:00:00", True),
        ("time", "14:60:00", False), ("NCName", "p_8", True), ("NCName", "1abc", False),
        ("language", "de-AT", True), ("language", "!!", False),
        ("nonNegativeInteger", "-1", False), ("boolean", "yes", False),
        # XSD 1.0 has no year zero; only space, tab and line ends are white space in XML
        # (a no-break space is part of the value); a list type needs at least one item.
        ("date", "0000-01-01", False), ("gYear", "-0044", True), ("NCName", " p_8\n", True),
        ("NCName", "p_8\u00a0", False), ("IDREFS", "a b", True), ("IDREFS", " ", False),
        ("float", "1e3", True), ("decimal", "1.", True), ("QName", "tei:p", True),
    ],
)
def test_datatype_checks(kind: str, value: str, ok: bool) -> None:
    data = etree.fromstring(f'<data xmlns="{RNG}" datatypeLibrary="{XSD}" type="{kind}"/>')
    assert datatype_ok(data, value) is ok


def facet(kind: str, name: str, limit: str) -> etree._Element:
    data = etree.fromstring(f'<data xmlns="{RNG}" datatypeLibrary="{XSD}" type="{kind}">'
                            f"<param name='{name}'/></data>")
    data[0].text = limit
    return data


def test_xml_schema_regexes_are_read_in_full() -> None:
    """The project schema's pointer pattern uses class subtraction and \\i, \\c; TEI's
    teidata.word uses Unicode categories."""
    pointer = facet("anyURI", "pattern", r"#[\i-[:]][\c-[:]]*")
    assert datatype_ok(pointer, "#pers-dobrynin") is True
    assert datatype_ok(pointer, "#1abc") is False
    assert datatype_ok(pointer, "#tei:p") is False
    word = facet("token", "pattern", r"[^\p{C}\p{Z}]+")
    assert datatype_ok(word, "treaties") is True
    assert datatype_ok(word, "two words") is False
    assert datatype_ok(word, "zero\u200bwidth") is False  # a format character (Cf)
    assert datatype_ok(facet("token", "pattern", "a^b$"), "a^b$") is True  # no anchors in XSD
    assert datatype_ok(facet("token", "pattern", "(unclosed"), "x") is None


def test_facets_compare_typed_values() -> None:
    after_1900 = facet("date", "minInclusive", "1900-01-01")
    assert datatype_ok(after_1900, "1962-11-05") is True
    assert datatype_ok(after_1900, "1899-12-31") is False
    assert datatype_ok(facet("decimal", "maxExclusive", "10"), "9.99") is True
    assert datatype_ok(facet("decimal", "maxExclusive", "10"), "10.0") is False
    assert datatype_ok(facet("NMTOKENS", "maxLength", "2"), "a b c") is False  # items, not chars
    assert datatype_ok(facet("string", "minLength", "3"), "ab") is False


# --- against tei_all (pruned) -------------------------------------------------------------------

HEADER = ("<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>"
          "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>")


@pytest.fixture(scope="module")
def tei_all() -> Path:
    return shared("reference", "tei_all.rng")


def tei_findings(schema: Path, tmp_path: Path, body: str) -> list[str]:
    doc = parsed(tmp_path / "t.xml", f'<TEI xmlns="{TEI}">{HEADER}<text><body>\n{body}\n'
                                     "</body></text></TEI>")
    return [f.message for f in LxmlGrammar(schema, [doc]).check(doc)]


def test_tei_all_closed_list_and_incomplete_choice(tei_all: Path, tmp_path: Path) -> None:
    assert tei_findings(tei_all, tmp_path, '<div org="bogus"><p>x</p></div>') == [
        '<div org="bogus">: invalid value for @org: expected one of "composite", "parallel" or '
        '"uniform"']
    found = tei_findings(tei_all, tmp_path, "<p><choice><abbr>M</abbr></choice></p>")
    assert len(found) == 1
    assert found[0].startswith("<choice> is incomplete: after <abbr> it still needs <abbr>, <am>")


def test_tei_all_follow_on_messages_are_dropped(tei_all: Path, tmp_path: Path) -> None:
    """One error can make libxml2 report body, text and TEI too; one finding remains."""
    doc = parsed(tmp_path / "t.xml", f'<TEI xmlns="{TEI}">{HEADER}<text><body>\n'
                                     '<p><date when="x">1</date></p></body></text></TEI>')
    assert len(LxmlGrammar(tei_all, [doc]).check(doc)) == 1


def test_tei_all_when_lists_every_w3c_form(tei_all: Path, tmp_path: Path) -> None:
    assert tei_findings(tei_all, tmp_path, '<p><date when="5.XI.62">5 Nov</date></p>') == [
        '<date when="5.XI.62">: invalid value for @when: expected an ISO 8601 date or time '
        "(1962-11-05, 1962-11, 1962, 1962-11-05T14:30:00, 14:30:00, --11-05, --11 or ---05)"]


def test_tei_all_root_without_namespace(tei_all: Path, tmp_path: Path) -> None:
    doc = parsed(tmp_path / "n.xml", f"<TEI>{HEADER}<text><body><p/></body></text></TEI>")
    assert [f.message for f in LxmlGrammar(tei_all, [doc]).check(doc)] == [
        f"<TEI> in no namespace cannot be the root element; expected <TEI> or <teiCorpus> in "
        f"namespace {TEI}"]


def test_project_schema_date_message(tmp_path: Path) -> None:
    """The project's own schema (schemas/teipress.rng) and its seed document."""
    schema = Path(__file__).resolve().parents[1] / "schemas" / "teipress.rng"
    seed = Path(__file__).resolve().parents[1] / "tei" / "documents" / "dobrynin-1962-11-05.xml"
    if not schema.exists() or not seed.exists():
        pytest.skip("the project schema or seed document is not there yet")
    source = seed.read_bytes()
    good = parsed(seed, source.decode("utf-8"))
    checker = LxmlGrammar(schema, [good])
    assert checker.check(good) == []
    when = source.split(b'when="', 1)[1].split(b'"', 1)[0].decode()
    bad = parsed(tmp_path / "bad.xml", source.decode("utf-8").replace(
        f'when="{when}"', 'when="5.XI.62"', 1))
    assert [f.message for f in checker.check(bad)] == [
        '<date when="5.XI.62">: invalid value for @when: '
        "expected an ISO 8601 date (1962-11-05, 1962-11 or 1962)"]


def test_project_schema_pointer_pattern_message(tmp_path: Path) -> None:
    """The project's pointers follow an XML Schema pattern with class subtraction
    (#[\\i-[:]][\\c-[:]]*); libxml2 only says "failed to validate attributes"."""
    root = Path(__file__).resolve().parents[1]
    schema = root / "schemas" / "teipress.rng"
    source = (root / "tei" / "documents" / "dobrynin-1962-11-05.xml").read_text(encoding="utf-8")
    assert 'ref="#pers-dobrynin"' in source
    bad = parsed(tmp_path / "bad.xml", source.replace('ref="#pers-dobrynin"', 'ref="#1dobrynin"'))
    messages = {f.message for f in LxmlGrammar(schema, [bad]).check(bad)}
    assert messages == {
        '<persName ref="#1dobrynin">: invalid value for @ref: expected a space-separated list of '
        r"text matching the pattern #[\i-[:]][\c-[:]]* or text matching the pattern https?://\S+"}
