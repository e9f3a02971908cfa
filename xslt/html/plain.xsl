<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mode tp:plain: TEI content as one line of plain text, for <title>, headings built from the
  header, title="…" tooltips and sort keys. Unlike tp:text it may leave things out on purpose:
  notes, deletions and the non-normalised reading of a choice are not part of a title.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:mode name="tp:plain" on-no-match="text-only-copy" on-multiple-match="fail"/>

  <xsl:function name="tp:plain" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="tp:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts))"/>
  </xsl:function>

  <xsl:template match="tei:note | tei:del | tei:teiHeader | comment() | processing-instruction()" mode="tp:plain"/>

  <xsl:template match="tei:choice" mode="tp:plain">
    <xsl:apply-templates select="(tei:expan | tei:corr | tei:reg, *)[1]" mode="tp:plain"/>
  </xsl:template>

  <xsl:template match="tei:app" mode="tp:plain">
    <xsl:apply-templates select="(tei:lem, tei:rdg)[1]" mode="tp:plain"/>
  </xsl:template>

  <xsl:template match="tei:lb[@break = 'no'] | tei:pb | tei:cb" mode="tp:plain"/>

  <xsl:template match="tei:lb" mode="tp:plain">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:gap" mode="tp:plain">
    <xsl:text>[…]</xsl:text>
  </xsl:template>

</xsl:stylesheet>
