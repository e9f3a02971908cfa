<?xml version="1.0" encoding="UTF-8"?>
<!--
  Transcription and apparatus: choice, abbreviations, additions and deletions, gaps,
  unclear and supplied text, readings, and line and page breaks.

  The plain-text edition is a reading text, so it shows one reading and marks editorial
  intervention lightly:
    choice       the reading asked for by $reading (normalised: expan, corr, reg; see
                 common/readings.xsl); the other child is left out.
    app          the lemma; the readings (rdg) are left out. Without lem, the first rdg.
    add          included, as the writer's final text.  del  left out, for the same reason.
                 subst therefore shows its add. delSpan/addSpan are ignored (their text
                 is kept), since a span cannot be cut out of running text reliably.
    ex / am      EpiDoc expansion: ex shown and am left out in the normalised reading; the
                 reverse in the diplomatic one. Parentheses are not added: this is a reading
                 text, not a Leiden transcript.
    gap          "[…]".   unclear  its text followed by "[?]".
    supplied     in angle brackets ⟨…⟩ (square brackets [… ] when @reason says the text is
                 lost), so that editors' words are never taken for the writer's.
    cb           a space; nothing with break="no".
    lb           a space; a line break in verse, closers, headings and the other line
                 elements, and in xml:space="preserve" (EpiDoc); nothing with break="no".
    pb           "[p. N]" where the page begins, when pb has @n (page references are how
                 a printed or manuscript source is cited); nothing without @n.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- What the reading leaves out: nothing but the markers of the endnotes in it. -->
  <xsl:template match="tei:*[tp:is-omitted(.)]" mode="tp:inline" priority="10" as="xs:string*">
    <xsl:apply-templates select="tp:endnotes-within(.)" mode="tp:inline"/>
  </xsl:template>

  <xsl:template match="tei:choice" mode="tp:inline" as="xs:string*">
    <xsl:sequence select="tp:kept-space(tp:chosen(.), 'before')"/>
    <xsl:apply-templates select="tp:chosen(.)" mode="tp:inline"/>
    <xsl:sequence select="tp:kept-space(tp:chosen(.), 'after')"/>
  </xsl:template>

  <xsl:template match="tei:app" mode="tp:inline" as="xs:string*">
    <xsl:sequence select="tp:kept-space(tp:lemma(.), 'before')"/>
    <xsl:apply-templates select="tp:app-reading(.)" mode="tp:inline"/>
    <xsl:sequence select="tp:kept-space(tp:lemma(.), 'after')"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="tp:inline" as="xs:string">
    <xsl:sequence select="'[…]'"/>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="tp:inline" as="xs:string*">
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="'[?]'"/>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="tp:inline" as="xs:string*">
    <xsl:variable name="lost" as="xs:boolean"
      select="tokenize(lower-case(@reason)) = ('lost', 'illegible', 'damage', 'damaged')"/>
    <xsl:sequence select="if ($lost) then '[' else '⟨'"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="if ($lost) then ']' else '⟩'"/>
  </xsl:template>

  <xsl:template match="tei:lb" mode="tp:inline" as="xs:string">
    <xsl:sequence select="if (tp:is-word-break(.)) then $tp:JOIN
                          else if (tp:is-line-context(.)) then $tp:BREAK
                          else ' '"/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="tp:inline" as="xs:string">
    <xsl:variable name="marker" as="xs:string" select="tp:page-marker(.)"/>
    <xsl:sequence select="if (tp:is-word-break(.)) then $tp:JOIN
                          else if ($marker) then ' ' || $tp:PAGE || $marker || ' '
                          else ''"/>
  </xsl:template>

  <!-- "[p. 2r]" for pb n="2r"; the brackets of n="[II]" (an unnumbered page) are dropped. -->
  <xsl:function name="tp:page-marker" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="n" select="tp:own-label($pb)"/>
    <xsl:sequence select="if ($n) then '[p.' || $tp:NBSP || translate($n, ' ', $tp:NBSP) || ']' else ''"/>
  </xsl:function>

  <xsl:template match="tei:space" mode="tp:inline" as="xs:string">
    <xsl:sequence select="' '"/>
  </xsl:template>

  <!-- Milestones and spans: boundaries without words of their own. -->
  <!-- A column break is a word boundary, unless it breaks a word. -->
  <xsl:template match="tei:cb" mode="tp:inline" as="xs:string">
    <xsl:sequence select="if (tp:is-word-break(.)) then $tp:JOIN else ' '"/>
  </xsl:template>

  <xsl:template match="tei:milestone | tei:anchor | tei:handShift | tei:addSpan
                       | tei:delSpan | tei:damageSpan | tei:gb | tei:link | tei:linkGrp
                       | tei:certainty | tei:precision | tei:respons | tei:alt | tei:altGrp
                       | tei:join | tei:joinGrp | tei:timeline | tei:fs | tei:fLib"
    mode="tp:inline"/>

  <!-- Is an lb inside a line element (verse, closer, heading, dateline …) or in text whose
       spaces are preserved? There it breaks the line; in a paragraph it is a space. The
       nearest enclosing block decides, so an lb in a note inside a heading is a space. -->
  <xsl:function name="tp:is-line-context" as="xs:boolean">
    <xsl:param name="lb" as="element()"/>
    <xsl:variable name="block" select="$lb/ancestor::*[tp:is-flow-boundary(.)][1]"/>
    <xsl:sequence select="exists($block[tp:is-line-name(.) or tp:is-tight-name(.) or self::tei:head])
                          or $lb/ancestor::*[@xml:space][1]/@xml:space = 'preserve'"/>
  </xsl:function>

  <xsl:function name="tp:is-flow-boundary" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tp:is-block-name($element) or tp:is-container($element)
        or (exists($element/(self::tei:item | self::tei:cell)))"/>
  </xsl:function>

</xsl:stylesheet>
