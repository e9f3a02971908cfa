<?xml version="1.0" encoding="UTF-8"?>
<!--
  Running text (mode tp:inline): every rule returns strings that are concatenated into a
  "flow" (see layout.xsl). Text is passed on as it is; layout normalises whitespace once, for
  the whole paragraph, so the space or its absence around an element is exactly what the
  encoder wrote: <persName>R. Kennedy</persName>'s stays "R. Kennedy's".

  Names, places, dates, terms, hi, foreign and unknown elements add nothing of their own.
  Quotation elements add typographic quotation marks. Blocks met inside running text (a p
  inside a table cell) are kept apart by spaces, line elements by line breaks.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:template match="text()" mode="tp:inline" as="xs:string">
    <xsl:sequence select="string(.)"/>
  </xsl:template>

  <!-- Indentation left inside an element right before punctuation that follows the element
       (<ref><hi>Russie</hi>⏎ </ref>.), or right after an opening bracket or quotation mark
       before it, is layout of the XML file, not a space of the text: "Russie." -->
  <xsl:template match="text()[not(normalize-space())]" mode="tp:inline" as="xs:string">
    <xsl:sequence select="if (tp:is-edge-space(.)) then '' else string(.)"/>
  </xsl:template>

  <xsl:function name="tp:is-edge-space" as="xs:boolean">
    <xsl:param name="space" as="text()"/>
    <xsl:variable name="after" as="node()?"
      select="($space/ancestor-or-self::node()[following-sibling::node()])[last()]/following-sibling::node()[1]"/>
    <xsl:variable name="before" as="node()?"
      select="($space/ancestor-or-self::node()[preceding-sibling::node()])[last()]/preceding-sibling::node()[1]"/>
    <xsl:sequence select="
        (empty($space/following-sibling::node()) and exists($space/parent::*)
         and $after instance of text() and matches($after, '^[.,;:!?)\]]'))
        or (empty($space/preceding-sibling::node()) and exists($space/parent::*)
            and $before instance of text() and matches($before, '[(\[“„‘«]$'))"/>
  </xsl:function>

  <xsl:template match="comment() | processing-instruction()" mode="tp:inline"/>

  <!-- Every element without a rule of its own, in any namespace: its content. -->
  <xsl:template match="*" mode="tp:inline" priority="-1" as="xs:string*">
    <xsl:apply-templates mode="tp:inline"/>
  </xsl:template>

  <!-- Blocks inside running text (only where a flow must stay one paragraph, as in a table
       cell): set apart by spaces. -->
  <xsl:template match="tei:*[tp:is-block-name(.)]" mode="tp:inline" priority="1" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

  <!-- Lines of a closer, stanza, address or title page, and headings: lines of their own. -->
  <xsl:template match="tei:*[tp:is-line-name(.) or tp:is-tight-name(.)] | tei:head"
    mode="tp:inline" priority="2" as="xs:string*">
    <xsl:sequence select="$tp:BREAK"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="$tp:BREAK"/>
  </xsl:template>

  <!-- Fields written side by side without a space (forename, surname) are two words. -->
  <xsl:template match="tei:*[tp:needs-space(.)]" mode="tp:inline" priority="0.5" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="tp:inline"/>
  </xsl:template>

  <!-- Quotations in running text: “…”, and ‘…’ inside another quotation. Not added when the
       encoder kept the marks inside the element. -->
  <xsl:template match="tei:q | tei:said[not(@direct = 'false')] | tei:soCalled | tei:quote"
    mode="tp:inline" as="xs:string*">
    <xsl:variable name="inner" as="xs:boolean"
      select="count(ancestor::*[tp:is-quotation(.)]) mod 2 eq 1"/>
    <xsl:variable name="marked" as="xs:boolean"
      select="matches(normalize-space(.), '^[&quot;“”„«»‘’‚‹›]')"/>
    <xsl:sequence select="if ($marked) then () else if ($inner) then '‘' else '“'"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="if ($marked) then () else if ($inner) then '’' else '”'"/>
  </xsl:template>

  <xsl:function name="tp:is-quotation" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(self::tei:q | self::tei:said[not(@direct = 'false')]
                                           | self::tei:soCalled | self::tei:quote))
                          and not(tp:is-block($element))"/>
  </xsl:function>

  <!-- A link: its words, then its address in angle brackets when it leads to the web and
       the words do not already give it. -->
  <xsl:template match="tei:ref" mode="tp:inline" as="xs:string*">
    <xsl:variable name="words" select="normalize-space(.)"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="tp:web-targets(.)[not(contains($words, .))] ! (' &lt;' || . || '&gt;')"/>
  </xsl:template>

  <!-- A pointer has no words: its web address, if it has one. -->
  <xsl:template match="tei:ptr" mode="tp:inline" as="xs:string*">
    <xsl:sequence select="tp:web-targets(.) ! (' &lt;' || . || '&gt;')"/>
  </xsl:template>

  <xsl:function name="tp:web-targets" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($element/@target))[matches(., '^https?://')]"/>
  </xsl:function>

  <!-- Images have no words; a figure's description is shown in brackets. -->
  <xsl:template match="tei:graphic | tei:media | tei:binaryObject" mode="tp:inline"/>

  <xsl:template match="tei:figDesc" mode="tp:inline" as="xs:string*">
    <xsl:sequence select="' ['"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="'] '"/>
  </xsl:template>

</xsl:stylesheet>
