"""The string functions that stand in for slow regular expressions (xslt/common/strings.xsl,
tp:flow-lines, tp:finish, tp:plain, the language recogniser) give exactly what the regular
expressions gave, on the text of real documents in both readings; and tp:wrap's lines, cut at the
last space that fits, are those of the word-by-word reference (tp:wrapped-marked, which it keeps
for text with combining marks) at several widths and indents, down to words longer than a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, shared
from teipress import saxon
from teipress.parse import parse_file
from teipress.resources import stylesheet

# The functions as they were written with regular expressions (the reference), and a template
# that runs old and new side by side on every flow, header field and page of a document
# and prints one line per comparison: "same" or "DIFF <what>: <old> | <new>".
CHECK = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress" xmlns:ref="urn:reference" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">
  <xsl:import href="{document}"/>
  <xsl:include href="{languages}"/>
  <xsl:output method="text"/>
  <xsl:mode use-accumulators="#all"/>

  <xsl:function name="ref:flow-lines" as="xs:string*">
    <xsl:param name="flow" as="xs:string"/>
    <xsl:variable name="spaced"
      select="replace(replace(translate($flow, $tp:PAGE, ''), '\\s+', ' '), ' ?&#xA0; ?', '&#xA0;')"/>
    <xsl:variable name="joined" select="replace($spaced, ' ?&#xFDD2; ?', '')"/>
    <xsl:variable name="glued" select="replace($joined, '[ &#xFDD1;]*&#xFDD0;', '')"/>
    <xsl:variable name="attached"
      select="replace($glued, '&#xFDD1;[ &#xFDD1;]*([,.;:]+)( |&#xFDD1;|$)', '$1$2')"/>
    <xsl:sequence select="tokenize($attached, '&#xFDD1;') ! normalize-space(.)[.]"/>
  </xsl:function>

  <xsl:function name="ref:finish" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="clean" select="replace(translate($text, $tp:NBSP, ' '), '[&#xFDD0;-&#xFDD4;]', '')"/>
    <xsl:variable name="trimmed" select="replace($clean, ' +(\\n|$)', '$1')"/>
    <xsl:sequence select="replace($trimmed, '\\s+$', '') || $tp:NL"/>
  </xsl:function>

  <xsl:function name="ref:plain" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="tp:plain"/>
    </xsl:variable>
    <xsl:sequence
      select="normalize-space(replace(replace(string-join($parts), '\\s+', ' '), ' ?&#xFDD2; ?', ''))"/>
  </xsl:function>

  <xsl:function name="ref:words" as="xs:string*">
    <xsl:param name="text" as="element()?"/>
    <xsl:sequence select="subsequence(tokenize(lower-case(string-join(
      $text//text()[not(ancestor::tei:note or ancestor::tei:listPerson or ancestor::tei:listPlace
      or ancestor::tei:listOrg or ancestor::tei:listBibl)], ' ')), '[^\\p{{L}}]+')[. ne ''], 1, 3000)"/>
  </xsl:function>

  <xsl:function name="ref:compare" as="xs:string">
    <xsl:param name="what" as="xs:string"/>
    <xsl:param name="old" as="xs:string*"/>
    <xsl:param name="new" as="xs:string*"/>
    <xsl:sequence select="(if (deep-equal($old, $new)) then 'same'
        else 'DIFF ' || $what || ': ' || string-join($old, '|') || ' | ' || string-join($new, '|'))
        || '&#10;'"/>
  </xsl:function>

  <xsl:template match="/" priority="10">
    <xsl:for-each select="//tei:text//*[normalize-space()][not(tp:is-section(.))]">
      <xsl:variable name="flow" as="xs:string">
        <xsl:value-of><xsl:apply-templates select="node()" mode="tp:inline"/></xsl:value-of>
      </xsl:variable>
      <xsl:value-of select="ref:compare('flow of ' || path(.), ref:flow-lines($flow), tp:flow-lines($flow))"/>
      <!-- Lines cut at the last space that fits, against word by word (its reference). -->
      <xsl:for-each select="tp:flow-lines($flow)[not(matches(., '\\p{{M}}'))]">
        <xsl:variable name="line" select="."/>
        <!-- width, first indent, other indents -->
        <xsl:for-each select="[72, 0, 0], [72, 4, 8], [20, 2, 2], [6, 0, 3]">
          <xsl:value-of select="ref:compare('wrap ' || ?1 || ' of ' || $line,
              tp:wrapped-marked($line, ?1, ?2, ?3),
              tp:wrapped(normalize-space($line), max((?1 - ?2, 1)), max((?1 - ?3, 1))))"/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:value-of select="ref:compare('plain ' || path(.), ref:plain(.), tp:plain(.))"/>
    </xsl:for-each>
    <xsl:for-each select="//tei:teiHeader//*[text()[normalize-space()]]">
      <xsl:value-of select="ref:compare('plain ' || path(.), ref:plain(.), tp:plain(.))"/>
    </xsl:for-each>
    <xsl:for-each select="//tei:text">
      <xsl:value-of select="ref:compare('words of ' || path(.), ref:words(.), tp:words(.))"/>
    </xsl:for-each>
    <xsl:variable name="page" as="xs:string*">
      <xsl:apply-templates select="*" mode="tp:text"/>
    </xsl:variable>
    <xsl:value-of
      select="ref:compare('page', ref:finish(tp:join-blocks($page)), tp:finish(tp:join-blocks($page)))"/>
  </xsl:template>

</xsl:stylesheet>"""


@pytest.fixture(scope="module")
def checker():
    processor = saxon.new_processor()
    executable = saxon.compile_xslt(processor, text=CHECK.format(
        document=stylesheet("text/document.xsl").as_uri(),
        languages=stylesheet("common/languages.xsl").as_uri()))
    saxon.lock_down(processor)
    return processor, executable


def sample() -> list[Path]:
    """The golden fixtures (every element family, control characters of every kind), the seed,
    and real editions: a FRUS volume, French and German protocols, an inscription."""
    congress = sorted(shared("corpora", "maechtekongresse", "editions").rglob("*.xml"))
    return [*sorted((ROOT / "tests" / "fixtures" / "golden").glob("*.xml")),
            *sorted((ROOT / "tei").rglob("*.xml")),
            shared("corpora", "frus", "frus1894Nicaragua.xml"),
            shared("corpora", "epidoc-isicily", "ISic000001.xml"),
            *congress[::20]]


@pytest.mark.parametrize("reading", ["normalised", "diplomatic"])
def test_the_fast_string_functions_match_the_regular_expressions_on_real_text(checker, reading: str) -> None:
    processor, executable = checker
    compared = 0
    for path in sample():
        executable.set_parameter("reading", processor.make_string_value(reading))
        node = saxon.to_node(processor, parse_file(path).document.root)
        lines = executable.transform_to_string(xdm_node=node).splitlines()
        differences = [line for line in lines if line != "same"]
        assert not differences, f"{path.name}: {differences[:3]}"
        compared += len(lines)
    assert compared > 5000  # the sample really has text: flows, lines and header fields
