"""The string functions that stand in for slow regular expressions (xslt/common/strings.xsl,
tp:flow-lines, tp:finish, tp:plain, the language recogniser) give exactly what the regular
expressions gave, on the text of real documents in both readings."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, shared
from teipress import saxon
from teipress.parse import parse_file
from teipress.resources import stylesheet

# The functions as they were written with regular expressions (the reference), and a template
# that runs old and new side by side on every flow, line, header field and page of a document
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

  <xsl:template name="compare">
    <xsl:param name="what" as="xs:string"/>
    <xsl:param name="old" as="xs:string*"/>
    <xsl:param name="new" as="xs:string*"/>
    <xsl:value-of select="if (deep-equal($old, $new)) then 'same'
        else 'DIFF ' || $what || ': ' || string-join($old, '|') || ' | ' || string-join($new, '|')"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="/" priority="10">
    <xsl:for-each select="//tei:text//*[normalize-space()][not(tp:is-section(.))]">
      <xsl:variable name="flow" as="xs:string">
        <xsl:value-of><xsl:apply-templates select="node()" mode="tp:inline"/></xsl:value-of>
      </xsl:variable>
      <xsl:call-template name="compare">
        <xsl:with-param name="what" select="'flow of ' || path(.)"/>
        <xsl:with-param name="old" select="ref:flow-lines($flow)"/>
        <xsl:with-param name="new" select="tp:flow-lines($flow)"/>
      </xsl:call-template>
      <xsl:call-template name="compare">
        <xsl:with-param name="what" select="'plain ' || path(.)"/>
        <xsl:with-param name="old" select="ref:plain(.)"/>
        <xsl:with-param name="new" select="tp:plain(.)"/>
      </xsl:call-template>
      <xsl:for-each select="ref:flow-lines($flow)">
        <xsl:call-template name="compare">
          <xsl:with-param name="what" select="'wrapped line'"/>
          <xsl:with-param name="old" select="ref:wrap(., 40, 2, 6)"/>
          <xsl:with-param name="new" select="tp:wrap(., 40, 2, 6)"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="//tei:teiHeader//*[text()[normalize-space()]]">
      <xsl:call-template name="compare">
        <xsl:with-param name="what" select="'plain ' || path(.)"/>
        <xsl:with-param name="old" select="ref:plain(.)"/>
        <xsl:with-param name="new" select="tp:plain(.)"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="//tei:text">
      <xsl:call-template name="compare">
        <xsl:with-param name="what" select="'words of ' || path(.)"/>
        <xsl:with-param name="old" select="ref:words(.)"/>
        <xsl:with-param name="new" select="tp:words(.)"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:variable name="page" as="xs:string*">
      <xsl:apply-templates select="*" mode="tp:text"/>
    </xsl:variable>
    <xsl:call-template name="compare">
      <xsl:with-param name="what" select="'page'"/>
      <xsl:with-param name="old" select="ref:finish(tp:join-blocks($page))"/>
      <xsl:with-param name="new" select="tp:finish(tp:join-blocks($page))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- tp:wrap as it was: every word measured with tp:columns. -->
  <xsl:function name="ref:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:param name="first" as="xs:integer"/>
    <xsl:param name="rest" as="xs:integer"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:iterate select="tokenize(normalize-space($text), ' ')">
        <xsl:param name="line" as="xs:string" select="''"/>
        <xsl:param name="used" as="xs:integer" select="0"/>
        <xsl:param name="room" as="xs:integer" select="max(($width - $first, 1))"/>
        <xsl:on-completion><xsl:sequence select="$line[$used gt 0]"/></xsl:on-completion>
        <xsl:variable name="word" as="xs:integer" select="tp:columns(.)"/>
        <xsl:choose>
          <xsl:when test="$used eq 0">
            <xsl:next-iteration>
              <xsl:with-param name="line" select="string(.)"/>
              <xsl:with-param name="used" select="$word"/>
            </xsl:next-iteration>
          </xsl:when>
          <xsl:when test="$used + 1 + $word le $room">
            <xsl:next-iteration>
              <xsl:with-param name="line" select="$line || ' ' || ."/>
              <xsl:with-param name="used" select="$used + 1 + $word"/>
            </xsl:next-iteration>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="$line"/>
            <xsl:next-iteration>
              <xsl:with-param name="line" select="string(.)"/>
              <xsl:with-param name="used" select="$word"/>
              <xsl:with-param name="room" select="max(($width - $rest, 1))"/>
            </xsl:next-iteration>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:iterate>
    </xsl:variable>
    <xsl:sequence select="translate(string-join(
        for $i in 1 to count($lines)
        return tp:spaces(if ($i eq 1) then $first else $rest) || $lines[$i],
        $tp:NL), $tp:NBSP, ' ')"/>
  </xsl:function>
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
