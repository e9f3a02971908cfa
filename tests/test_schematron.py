"""The Schematron → XSLT 3 compiler, the project's rules (schemas/teipress.sch) and TEI's own rules.

Findings are addressed by rule id and line, never by message text. Project-rule fixtures live in
fixtures/schematron/: `<rule>.bad.xml` marks each line that must get a finding with
`<!-- expected finding -->`; `<rule>.good.xml` must get none at all.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from saxonche import PySaxonProcessor

from conftest import SEED_DOCUMENT, shared
from teipress.findings import Finding
from teipress.parse import ParsedDocument, make_parser, parse_file
from teipress.references import POINTER_ATTRIBUTES, CorpusIndex, build_index
from teipress.rules import compile_project_rules, project_params, project_rules_path
from teipress.schematron import (
    CompiledSchematron,
    SchematronError,
    element_at,
    schematron_from_rng,
)

FIXTURES = Path(__file__).parent / "fixtures" / "schematron"
MARK = "<!-- expected finding -->"
PROJECT_RULES = [
    "ref-resolves",
    "ref-kind",
    "id-unique",
    "date-iso",
    "date-range",
    "corresp-date",
    "note-anchored",
    "register-unused",
    "document-id",
]
# A bad fixture may also trip a neighbouring rule on purpose: a note whose target resolves
# nowhere is both unanchored and an unresolved pointer.
ALSO_EXPECTED = {"note-anchored": {"ref-resolves"}}
TEI_NS = "http://www.tei-c.org/ns/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"


@pytest.fixture(scope="module")
def processor() -> PySaxonProcessor:
    return PySaxonProcessor(license=False)


@pytest.fixture(scope="module")
def project_rules(processor: PySaxonProcessor) -> CompiledSchematron:
    return compile_project_rules(processor)


def parse(path: Path) -> ParsedDocument:
    result = parse_file(path)
    assert result.document is not None, result.findings
    return result.document


def parse_text(text: str, name: str = "inline.xml") -> ParsedDocument:
    """Any XML, TEI or not (parse_bytes refuses non-TEI roots), read with the project's parser."""
    source = text.encode()
    return ParsedDocument(
        Path(name), name, source, etree.ElementTree(etree.fromstring(source, make_parser()))
    )


def fixture_corpus(case: ParsedDocument) -> CorpusIndex:
    """The index a case is checked against: the shared register and letter, every good
    fixture (so the letter's pointers resolve), and the case itself."""
    paths = sorted((FIXTURES / "corpus").glob("*.xml")) + sorted(FIXTURES.glob("*.good.xml"))
    others = [parse(p) for p in paths if p != case.path]
    return build_index([*others, case])


def check_fixture(rules: CompiledSchematron, path: Path) -> list[Finding]:
    document = parse(path)
    return rules.check(document, project_params(document, fixture_corpus(document)))


def marked_lines(path: Path) -> set[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, 1) if MARK in line}


# ---------------------------------------------------------------------------------------------
# The project's rules


@pytest.mark.parametrize("rule", PROJECT_RULES)
def test_project_rule_fires_on_its_bad_fixture_at_the_marked_lines(
    project_rules: CompiledSchematron, rule: str
) -> None:
    path = FIXTURES / f"{rule}.bad.xml"
    findings = check_fixture(project_rules, path)
    assert {f.line for f in findings if f.rule == rule} == marked_lines(path)
    assert {f.rule for f in findings} <= {rule} | ALSO_EXPECTED.get(rule, set())
    expected_severity = "warning" if rule == "register-unused" else "error"
    assert {f.severity for f in findings if f.rule == rule} == {expected_severity}
    assert all(f.column > 0 for f in findings)


@pytest.mark.parametrize("rule", PROJECT_RULES)
def test_project_rule_is_silent_on_its_good_fixture(project_rules: CompiledSchematron, rule: str) -> None:
    assert check_fixture(project_rules, FIXTURES / f"{rule}.good.xml") == []


@pytest.mark.parametrize("name", ["register.xml", "letter.xml"])
def test_shared_fixture_corpus_is_clean(project_rules: CompiledSchematron, name: str) -> None:
    assert check_fixture(project_rules, FIXTURES / "corpus" / name) == []


def test_every_assert_in_teipress_sch_has_an_id_and_fixtures() -> None:
    schema = etree.parse(str(project_rules_path()))
    ids = [a.get("id") for a in schema.iter(f"{{{SCH}}}assert", f"{{{SCH}}}report")]
    assert sorted(ids) == sorted(PROJECT_RULES)
    for rule in PROJECT_RULES:
        assert (FIXTURES / f"{rule}.bad.xml").exists() and (FIXTURES / f"{rule}.good.xml").exists()


def test_teipress_sch_and_the_corpus_index_agree_on_pointer_attributes() -> None:
    """register-unused reads the index's pointers and ref-resolves checks the rule's: one list."""
    schema = etree.parse(str(project_rules_path()))
    key = schema.find("{http://www.w3.org/1999/XSL/Transform}key[@name='tp-local-pointer']")
    rule = schema.find(f".//{{{SCH}}}pattern[@id='pointers']/{{{SCH}}}rule")
    for match in (key.get("match"), rule.get("context")):
        assert sorted(a.strip().lstrip("@") for a in match.split("|")) == sorted(POINTER_ATTRIBUTES)


def test_corpus_rules_stay_silent_without_a_corpus(project_rules: CompiledSchematron) -> None:
    document = parse(FIXTURES / "ref-resolves.bad.xml")
    assert project_rules.check(document, {"file-name": "ref-resolves.bad"}) == []


def test_corpus_index_lists_ids_and_distinct_pointers() -> None:
    letter = parse(FIXTURES / "corpus" / "letter.xml")
    index = build_index([letter])
    (entry,) = index.element
    assert entry.get("name") == "letter" and entry.get("path").endswith("letter.xml")
    ids = [(i.get("value"), i.get("element")) for i in entry.iter("{urn:teipress}id")]
    assert ids == [("letter", "TEI")]
    pointers = [p.get("value") for p in entry.iter("{urn:teipress}pointer")]
    assert pointers[:2] == ["pers-dobrynin", "pers-kennedy-robert"]
    assert len(pointers) == len(set(pointers)) == 6


def test_the_corpus_index_is_converted_once_and_reused(processor: PySaxonProcessor) -> None:
    """Saxon keeps a key's index per tree; a fresh tree per document would rebuild it."""
    rules = compile_project_rules(processor)
    register, letter = (parse(FIXTURES / "corpus" / n) for n in ("register.xml", "letter.xml"))
    corpus = build_index([register, letter])
    rules.check(register, project_params(register, corpus))
    first = rules._converted["corpus"][1]
    rules.check(letter, project_params(letter, corpus))
    assert rules._converted["corpus"][1] is first


def test_the_project_document_has_no_errors(project_rules: CompiledSchematron) -> None:
    if not SEED_DOCUMENT.exists():
        pytest.skip("tei/documents/dobrynin-1962-11-05.xml is not encoded yet")
    tei_dir = SEED_DOCUMENT.parents[1]
    documents = [parse(p) for p in sorted(tei_dir.rglob("*.xml"))]
    corpus = build_index(documents)
    findings = [f for d in documents for f in project_rules.check(d, project_params(d, corpus))]
    assert [f.format() for f in findings] == []


# ---------------------------------------------------------------------------------------------
# The compiler, one feature per tiny schema


def schema(body: str, *, binding: str = "xslt3", extra: str = "") -> etree._Element:
    return etree.fromstring(
        f'<schema xmlns="{SCH}" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        f'queryBinding="{binding}" {extra}>{body}</schema>'
    )


DOC = """<doc>
  <a n="1"/>
  <a n="2" ref="#x"/>
  <b n="3"><a n="4"/></b>
</doc>"""


def check(
    processor: PySaxonProcessor,
    body: str,
    document: str = DOC,
    *,
    params: dict | None = None,
    phase: str | None = None,
    extra: str = "",
) -> list[Finding]:
    rules = CompiledSchematron(
        processor, schema(body, extra=extra), phase=phase, external_params=(params or {})
    )
    return rules.check(parse_text(document), params)


def lines(findings: list[Finding], rule: str | None = None) -> list[int]:
    return sorted(f.line for f in findings if rule is None or f.rule == rule)


def test_assert_fires_when_false_and_report_when_true(processor: PySaxonProcessor) -> None:
    findings = check(
        processor,
        '<pattern><rule context="a"><assert id="big" test="@n &gt; 2">small</assert>'
        '<report id="has-ref" test="@ref">ref</report></rule></pattern>',
    )
    assert lines(findings, "big") == [2, 3]
    assert lines(findings, "has-ref") == [3]


def test_a_node_meets_only_the_first_matching_rule_of_each_pattern(processor: PySaxonProcessor) -> None:
    findings = check(
        processor,
        '<pattern id="p1"><rule context="a[@ref]"><report id="first" test="true()">1</report></rule>'
        '<rule context="a"><report id="second" test="true()">2</report></rule></pattern>'
        '<pattern id="p2"><rule context="a"><report id="other-pattern" test="true()">3</report></rule>'
        "</pattern>",
    )
    assert lines(findings, "first") == [3]
    assert lines(findings, "second") == [2, 4]
    assert lines(findings, "other-pattern") == [2, 3, 4]


def test_lets_at_every_level(processor: PySaxonProcessor) -> None:
    body = (
        '<let name="schema-level" value="1"/>'
        '<phase id="ph"><active pattern="p"/><let name="phase-level" value="2"/></phase>'
        '<pattern id="p"><let name="pattern-level" value="count(//a)"/>'
        '<rule context="a"><let name="rule-level" value="@n * 10"/>'
        '<report id="lets" test="$rule-level = 40 and $pattern-level = 3 '
        'and $schema-level + $phase-level = 3">'
        '<value-of select="$rule-level"/></report></rule></pattern>'
    )
    findings = check(processor, body, phase="ph")
    assert [(f.line, f.message) for f in findings] == [(4, "40")]


def test_let_with_content_instead_of_value(processor: PySaxonProcessor) -> None:
    body = (
        '<let name="names"><n xmlns="">a</n><n xmlns="">b</n></let><pattern><rule context="b">'
        '<report id="content" test="count($names/n) = 2">x</report></rule></pattern>'
    )
    assert lines(check(processor, body), "content") == [4]


def test_global_let_names_must_be_unique(processor: PySaxonProcessor) -> None:
    body = '<let name="x" value="1"/><pattern><let name="x" value="2"/></pattern>'
    with pytest.raises(SchematronError, match='"x" is declared twice'):
        CompiledSchematron(processor, schema(body))


PHASES = (
    '<phase id="only-a"><active pattern="pa"/></phase>'
    '<pattern id="pa"><rule context="a"><report id="in-a" test="true()">a</report></rule></pattern>'
    '<pattern id="pb"><rule context="b"><report id="in-b" test="true()">b</report></rule></pattern>'
)


@pytest.mark.parametrize(
    ("phase", "default", "expected"),
    [
        (None, "", {"in-a", "in-b"}),
        ("#ALL", 'defaultPhase="only-a"', {"in-a", "in-b"}),
        ("only-a", "", {"in-a"}),
        (None, 'defaultPhase="only-a"', {"in-a"}),
        ("#DEFAULT", 'defaultPhase="only-a"', {"in-a"}),
        ("#DEFAULT", "", {"in-a", "in-b"}),
    ],
)
def test_phases(processor: PySaxonProcessor, phase: str | None, default: str, expected: set[str]) -> None:
    assert {f.rule for f in check(processor, PHASES, phase=phase, extra=default)} == expected


def test_an_unknown_phase_is_refused(processor: PySaxonProcessor) -> None:
    with pytest.raises(SchematronError, match='no phase "nope"'):
        CompiledSchematron(processor, schema(PHASES), phase="nope")


def test_value_of_name_and_inline_markup_make_the_message(processor: PySaxonProcessor) -> None:
    body = (
        '<pattern><rule context="b"><report id="msg" test="true()"><name/> in <name path=".."/> has '
        '<emph>n</emph>=<value-of select="@n"/> and <span class="x"><dir value="ltr">'
        '<value-of select="count(*)"/></dir></span> child</report></rule></pattern>'
    )
    (finding,) = check(processor, body)
    assert finding.message == "b in doc has n=3 and 1 child"


def test_diagnostics_are_appended_to_the_message(processor: PySaxonProcessor) -> None:
    body = (
        '<pattern><rule context="b"><let name="kids" value="count(*)"/>'
        '<assert id="diag" test="@missing" diagnostics="d1 d2">no @missing.</assert></rule></pattern>'
        '<diagnostics><diagnostic id="d1">Found <value-of select="$kids"/> child.</diagnostic>'
        '<diagnostic id="d2">See <name/>.</diagnostic></diagnostics>'
    )
    (finding,) = check(processor, body)
    assert finding.message == "no @missing. Found 1 child. See b."


def test_attribute_contexts_report_at_their_element(processor: PySaxonProcessor) -> None:
    body = (
        '<pattern><rule context="@ref"><report id="attr" test="starts-with(., \'#\')"><name/></report>'
        "</rule></pattern>"
    )
    (finding,) = check(processor, body)
    assert (finding.line, finding.column, finding.message) == (3, 3, "ref")


@pytest.mark.parametrize(
    "context", ["text()[contains(., 'word')]", "comment()", "node()[self::text()][contains(., 'word')]"]
)
def test_text_and_comment_contexts_report_at_their_parent(processor: PySaxonProcessor, context: str) -> None:
    body = f'<pattern><rule context="{context}"><report id="leaf" test="true()">x</report></rule></pattern>'
    document = "<doc>\n  <a/>\n  <b>a word<!-- note --></b>\n</doc>"
    assert lines(check(processor, body, document), "leaf") == [3]


def test_text_contexts_in_predicates_do_not_widen_the_pass(processor: PySaxonProcessor) -> None:
    stylesheet = CompiledSchematron(
        processor,
        schema(
            '<pattern><rule context="a[text()]"><report test="1">x</report></rule></pattern>'
            '<pattern><rule context="a | text()"><report test="1">x</report></rule></pattern>'
        ),
    ).stylesheet
    assert 'select="(descendant::a)" mode="tpsch:pattern-1"' in stylesheet
    assert 'select="$tpsch:nodes" mode="tpsch:pattern-2"' in stylesheet


def test_a_pass_visits_only_the_nodes_its_contexts_name(processor: PySaxonProcessor) -> None:
    """Contexts ending in a name test select those nodes; anything else walks every element;
    the findings are the same either way."""
    rules = (
        '<pattern><rule context="a/@n | c"><report id="named" test="true()">x</report></rule></pattern>'
        '<pattern><rule context="*[@n]"><report id="any" test="true()">x</report></rule></pattern>'
        '<pattern><rule context="(a | b) except c"><report id="other" test="1">x</report></rule></pattern>'
    )
    compiled = CompiledSchematron(processor, schema(rules))
    assert 'select="(descendant::*/@n | descendant::c)" mode="tpsch:pattern-1"' in compiled.stylesheet
    assert 'select="(descendant::*)" mode="tpsch:pattern-2"' in compiled.stylesheet
    assert 'select="$tpsch:elements" mode="tpsch:pattern-3"' in compiled.stylesheet
    document = '<doc>\n  <a n="1"/>\n  <c n="2"/>\n  <b/>\n  <a n="3"/>\n</doc>'
    findings = check(processor, rules, document)
    assert lines(findings, "named") == [2, 3, 5]
    assert lines(findings, "any") == [2, 3, 5]
    assert lines(findings, "other") == [2, 4, 5]


def test_namespaced_attribute_locations_map_back() -> None:
    root = etree.fromstring(b'<r xmlns:x="urn:x"><a/><b><c x:y="1"/></b></r>')
    assert element_at(root, "/1/2/1/@{urn:x}y").tag == "c"
    assert element_at(root, "/1/2/1/@{http://www.w3.org/XML/1998/namespace}id").tag == "c"
    assert element_at(root, "") is root


def test_role_sets_severity_and_rule_names_fall_back_to_the_pattern(processor: PySaxonProcessor) -> None:
    body = (
        '<pattern id="pat"><rule context="b" role="info"><report test="true()">rule role</report></rule>'
        "</pattern>"
        '<pattern><rule context="b"><report role="warning" id="warned" test="true()">w</report>'
        '<report role="fatal" id="failed" test="true()">f</report>'
        '<report test="true()">anonymous</report></rule></pattern>'
    )
    severities = {f.rule: f.severity for f in check(processor, body)}
    assert severities == {"pat": "warning", "warned": "warning", "failed": "error", "schematron": "error"}


def test_flags_and_subjects_in_raw_results(processor: PySaxonProcessor) -> None:
    body = (
        '<pattern><rule context="b"><report id="r" flag="odd" subject="a" test="true()">x</report>'
        "</rule></pattern>"
    )
    rules = CompiledSchematron(processor, schema(body))
    (result,) = rules.run(parse_text(DOC))
    assert (result.kind, result.flag, result.location) == ("report", "odd", "/1/3/1")


def test_a_dynamic_error_becomes_one_finding_and_the_others_still_run(processor: PySaxonProcessor) -> None:
    body = (
        '<pattern id="casts"><rule context="a"><assert test="xs:integer(@n || \'x\') gt 0">x</assert>'
        "</rule></pattern>"
        '<pattern><rule context="b"><report id="still-here" test="true()">b</report></rule></pattern>'
    )
    findings = check(processor, body)
    errors = [f for f in findings if f.rule == "schematron-error"]
    assert len(errors) == 1 and errors[0].line == 2
    assert "FORG0001" in errors[0].message and "2 more" in errors[0].message
    assert lines(findings, "still-here") == [4]


def test_external_parameters_of_every_kind(processor: PySaxonProcessor) -> None:
    body = (
        '<pattern><rule context="/doc"><report id="params" test="true()">'
        '<value-of select="$s, $i + 1, $b, count($tree//item)"/></report></rule></pattern>'
    )
    tree = etree.fromstring("<list><item/><item/></list>")
    params = {"s": "text", "i": 41, "b": True, "tree": tree}
    (finding,) = check(processor, body, params=params)
    assert finding.message == "text 42 true 2"


def test_parameters_do_not_leak_into_the_next_run(processor: PySaxonProcessor) -> None:
    body = (
        '<pattern><rule context="/doc"><report id="p" test="exists($name)"><value-of select="$name"/>'
        "</report></rule></pattern>"
    )
    rules = CompiledSchematron(processor, schema(body), external_params=["name"])
    document = parse_text(DOC)
    assert [f.message for f in rules.check(document, {"name": "first"})] == ["first"]
    assert rules.check(document) == []
    with pytest.raises(ValueError, match="unknown Schematron parameter"):
        rules.check(document, {"nmae": "typo"})


def test_xsl_key_and_function_declarations_are_usable(processor: PySaxonProcessor) -> None:
    body = (
        '<ns prefix="f" uri="urn:f"/><xsl:key name="by-n" match="a" use="@n"/>'
        '<xsl:function name="f:double" xmlns:f="urn:f"><xsl:param name="x"/>'
        '<xsl:sequence select="2 * $x"/></xsl:function>'
        '<pattern><rule context="b"><report id="k" test="key(\'by-n\', string(f:double(2)))">x</report>'
        "</rule></pattern>"
    )
    assert lines(check(processor, body), "k") == [4]


@pytest.mark.parametrize(
    ("body", "binding", "message"),
    [
        ("<pattern/>", "xslt", 'queryBinding="xslt" is not supported'),
        ('<pattern abstract="true" id="x"/>', "xslt2", "abstract"),
        ('<pattern is-a="x"/>', "xslt2", "is-a"),
        ('<pattern><rule abstract="true" id="r"/></pattern>', "xslt2", "abstract rules"),
        ('<include href="other.sch"/>', "xslt2", "sch:include"),
        ('<pattern><rule><assert test="1">x</assert></rule></pattern>', "xslt2", "without @context"),
        ("<xsl:import href='x.xsl'/>", "xslt2", "xsl:import"),
    ],
)
def test_unsupported_schemas_are_refused_clearly(processor: PySaxonProcessor, body: str, binding: str,
                                                  message: str) -> None:
    with pytest.raises(SchematronError, match=message):
        CompiledSchematron(processor, schema(body, binding=binding))


def test_missing_query_binding_is_refused(processor: PySaxonProcessor) -> None:
    with pytest.raises(SchematronError, match="no queryBinding"):
        CompiledSchematron(processor, etree.fromstring(f'<schema xmlns="{SCH}"><pattern/></schema>'))


def test_xpath_errors_name_the_schema_line(processor: PySaxonProcessor) -> None:
    text = (
        f'<schema xmlns="{SCH}" queryBinding="xslt3">\n<pattern>\n<rule context="a">\n'
        '<assert test="$undeclared">x</assert>\n</rule></pattern></schema>'
    )
    with pytest.raises(SchematronError, match=r"XPST0008.*schema line 4"):
        CompiledSchematron(processor, etree.fromstring(text))


def test_external_params_become_optional_xsl_params(processor: PySaxonProcessor) -> None:
    compiled = CompiledSchematron(processor, schema("<pattern/>"), external_params=["corpus"])
    stylesheet = etree.fromstring(compiled.stylesheet)
    (param,) = stylesheet.findall("{http://www.w3.org/1999/XSL/Transform}param")
    assert (param.get("name"), param.get("select"), param.get("as")) == ("corpus", "()", None)


# ---------------------------------------------------------------------------------------------
# TEI's own rules, embedded in tei_all.rng


@pytest.fixture(scope="module")
def tei_all_rules(processor: PySaxonProcessor) -> CompiledSchematron:
    embedded = schematron_from_rng(etree.parse(str(shared("reference", "tei_all.rng"))))
    assert embedded is not None
    return CompiledSchematron(processor, embedded)


def test_tei_all_embeds_the_known_rules() -> None:
    embedded = schematron_from_rng(etree.parse(str(shared("reference", "tei_all.rng"))))
    assert len(embedded.findall(f"{{{SCH}}}pattern")) == 90
    assert len(embedded.findall(f".//{{{SCH}}}rule")) == 95
    assert {ns.get("prefix") for ns in embedded.findall(f"{{{SCH}}}ns")} >= {"tei", "xs", "teix"}


def test_no_schematron_in_a_plain_rng() -> None:
    rng = etree.fromstring(
        b'<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><empty/></start></grammar>'
    )
    assert schematron_from_rng(rng) is None


@pytest.mark.parametrize(
    "corpus", ["maechtekongresse", "frus", "frus-history", "epidoc-isicily", "cmif-example"]
)
def test_tei_all_rules_run_on_every_shared_corpus_file(
    tei_all_rules: CompiledSchematron, corpus: str
) -> None:
    files = sorted(shared("corpora", corpus).rglob("*.xml"))
    # Every file, also the one whose TEI root lacks the namespace (parse_file refuses it).
    documents = [parse_text(f.read_text(encoding="utf-8-sig"), str(f)) for f in files]
    assert documents
    started = time.perf_counter()
    findings = [f for d in documents for f in tei_all_rules.check(d)]
    elapsed = time.perf_counter() - started
    assert [f.format() for f in findings if f.rule == "schematron-error"] == []
    counts = Counter(f.rule for f in findings)
    print(f"{corpus}: {len(documents)} files, {len(findings)} findings {dict(counts)}, {elapsed:.2f} s")


TEI_VIOLATIONS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader/>
  <text>
    <body>
      <p><seg subtype="aside">a subtype without a type</seg></p>
      <lg>
        <l>a line <l>inside a line</l></l>
      </lg>
      <p><ruby><rb>漢</rb><rt from="#a">kan</rt></ruby></p>
    </body>
  </text>
</TEI>
"""


@pytest.mark.parametrize(
    ("rule", "line"),
    [
        # tei:*[@subtype] must have @type.
        ("tei_all-att.typed-subtypeTyped-constraint-rule-9", 6),
        # An l inside an l; the rule's test uses XSLT's current().
        ("tei_all-l-abstractModel-structure-l-in-l-constraint-rule-21", 8),
        # An attribute context (tei:rt/@from): reported at the rt element.
        ("tei_all-rt-from-rt-from-constraint-rule-15", 10),
    ],
)
def test_a_tei_rule_fires_at_the_right_line(tei_all_rules: CompiledSchematron, rule: str, line: int) -> None:
    findings = tei_all_rules.check(parse_text(TEI_VIOLATIONS))
    assert line in lines(findings, rule)
