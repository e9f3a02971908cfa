<?xml version="1.0" encoding="UTF-8"?>
<!--
  tp:plain: the reading of some nodes as one line of text, for titles, names, header fields,
  tooltips and sort keys in both editions and the catalogue. Notes and what the reading leaves
  out are not part of it; elements that are blocks or lines are set apart by a space so that
  their words do not run together. Every node kind has a template, so nothing reaches a
  built-in rule.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:mode name="tp:plain" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:function name="tp:plain" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="tp:plain"/>
    </xsl:variable>
    <!-- A word-break mark (lb break="no") takes the space on either side of it away. -->
    <xsl:sequence select="normalize-space(tp:closed-up(tp:collapsed(string-join($parts)), '&#xFDD2;', ''))"/>
  </xsl:function>

  <xsl:template match="text()" mode="tp:plain" as="xs:string">
    <xsl:sequence select="if (tp:is-token-space(.)) then '' else string(.)"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="tp:plain"/>

  <xsl:template match="*" mode="tp:plain" priority="-1" as="xs:string*">
    <xsl:apply-templates mode="tp:plain"/>
  </xsl:template>

  <xsl:template match="tei:note | tei:teiHeader | tei:pb | tei:cb | tei:milestone | tei:anchor
                       | tei:ptr | tei:*[tp:is-omitted(.)]" mode="tp:plain" priority="2"/>

  <xsl:template match="tei:choice" mode="tp:plain" as="xs:string*">
    <xsl:sequence select="tp:kept-space(tp:chosen(.), 'before')"/>
    <xsl:apply-templates select="tp:chosen(.)" mode="tp:plain"/>
    <xsl:sequence select="tp:kept-space(tp:chosen(.), 'after')"/>
  </xsl:template>

  <xsl:template match="tei:app" mode="tp:plain" as="xs:string*">
    <xsl:sequence select="tp:kept-space(tp:lemma(.), 'before')"/>
    <xsl:apply-templates select="tp:app-reading(.)" mode="tp:plain"/>
    <xsl:sequence select="tp:kept-space(tp:lemma(.), 'after')"/>
  </xsl:template>

  <xsl:template match="tei:lb" mode="tp:plain" as="xs:string">
    <xsl:sequence select="if (tp:is-word-break(.)) then '&#xFDD2;' else ' '"/>
  </xsl:template>

  <!-- Quotations keep their quotation marks, as in the text edition (see text/inline.xsl). -->
  <xsl:template match="tei:q | tei:said[not(@direct = 'false')] | tei:soCalled | tei:quote"
    mode="tp:plain" as="xs:string*">
    <xsl:variable name="marked" as="xs:boolean"
      select="matches(normalize-space(.), '^[&quot;“”„«»‘’‚‹›]')"/>
    <xsl:variable name="inner" as="xs:boolean"
      select="exists(ancestor::*[self::tei:q or self::tei:said or self::tei:soCalled or self::tei:quote])"/>
    <xsl:sequence select="if ($marked) then () else if ($inner) then '‘' else '“'"/>
    <xsl:apply-templates mode="tp:plain"/>
    <xsl:sequence select="if ($marked) then () else if ($inner) then '’' else '”'"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="tp:plain" as="xs:string">
    <xsl:sequence select="'[…]'"/>
  </xsl:template>

  <!-- Fields, lines and word tokens written without space between them (<forename>A</forename>
       <surname>B</surname>, or the author, title and date of an element-only bibl) still read
       as separate words (tp:needs-space); the element is then rendered by its own rule. -->
  <xsl:template match="tei:*[tp:needs-space(.)]" mode="tp:plain" priority="50" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:head | tei:item | tei:label | tei:l | tei:lg
                       | tei:list | tei:row | tei:cell | tei:div | tei:dateline | tei:signed
                       | tei:salute | tei:addrLine" mode="tp:plain" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="tp:plain"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

</xsl:stylesheet>
