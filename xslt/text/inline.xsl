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
    <xsl:sequence select="if (tp:is-edge-space(.) or tp:is-token-space(.)) then '' else string(.)"/>
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

  <!-- Drama: a speaker is a line of its own, ending in a colon unless it ends in punctuation
       ("FAUST:", "MEPHISTO."); a stage direction is in brackets unless it has its own
       ("[He sighs.]", "(bowing)"), so that it never reads as dialogue. -->
  <xsl:template match="tei:speaker" mode="tp:inline" priority="3" as="xs:string*">
    <xsl:sequence select="$tp:BREAK"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="if (matches(normalize-space(.), '[.:;,!?]$')) then () else ':', $tp:BREAK"/>
  </xsl:template>

  <xsl:template match="tei:stage" mode="tp:inline" as="xs:string*">
    <xsl:variable name="marked" as="xs:boolean" select="matches(normalize-space(.), '^[(\[]')"/>
    <xsl:sequence select="if ($marked) then () else '['"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="if ($marked) then () else ']'"/>
  </xsl:template>

  <!-- Fields, lines or word tokens written side by side without a space (forename, surname;
       two addrLines; w and w) are two words (common/readings.xsl); then the element's own rule. -->
  <xsl:template match="tei:*[tp:needs-space(.)]" mode="tp:inline" priority="50" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:next-match/>
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
    <xsl:sequence select="if ($words) then tp:web-targets(.)[not(contains($words, .))] ! (' &lt;' || . || '&gt;')
                          else tp:pointer-words(.)"/>
  </xsl:template>

  <!-- A pointer has no words: what it points to (common/pointers.xsl), a web address in angle
       brackets. -->
  <xsl:template match="tei:ptr" mode="tp:inline" as="xs:string*">
    <xsl:sequence select="tp:pointer-words(.)"/>
  </xsl:template>

  <xsl:function name="tp:pointer-words" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($element/@target)) ! (
        if (matches(., '^https?://')) then ' &lt;' || . || '&gt;'
        else tp:pointer-label(., $element) ! (' ' || .))"/>
  </xsl:function>

  <xsl:function name="tp:web-targets" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($element/@target))[matches(., '^https?://')]"/>
  </xsl:function>

  <!-- A figure in running text: its words in brackets, "[Figure]" when it has none; the
       paragraph goes on after it. -->
  <xsl:template match="tei:figure[tp:is-inline-figure(.)]" mode="tp:inline" priority="3" as="xs:string">
    <xsl:sequence select="' [' || (tp:plain(tei:head | tei:p | tei:ab | tei:figDesc)[.], 'Figure')[1] || ']'"/>
  </xsl:template>

  <!-- A date without words of its own: what its attributes say in the interface language
       ("10 BCE", "3 May 1820", "3. Mai 1820"), as the HTML edition says it. -->
  <xsl:template match="tei:date[not(normalize-space() or *)]" mode="tp:inline" as="xs:string">
    <xsl:sequence select="tp:local-date-range(.)"/>
  </xsl:template>

  <!-- Images have no words; a figure's description is shown in brackets. -->
  <xsl:template match="tei:graphic | tei:media | tei:binaryObject" mode="tp:inline"/>

  <xsl:template match="tei:figDesc" mode="tp:inline" as="xs:string*">
    <xsl:sequence select="' ['"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="'] '"/>
  </xsl:template>

</xsl:stylesheet>
