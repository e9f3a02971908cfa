<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes. A note in the text or in the abstract becomes a marker "[N]" at the place where it
  stands, attached to the word before it, and its text is listed under "Notes" at the end,
  in document order.

  Labels: N is the note's @n when every listed note's label (@n, or the running number for a
  note without @n) is unique in the document; otherwise all notes are numbered 1, 2, 3 … in
  document order. A FRUS volume restarts @n in each document, so there the running numbers
  are used. Running numbers come from an accumulator, computed once.

  Notes that are part of the text rather than comments on it stay where they are, as text:
  notes with place="inline" or rend="inline" (FRUS "[Telegram.]", "[Inclosure in No. 2.]")
  and the note of an EpiDoc apparatus entry (app without lem or rdg).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:accumulator name="tp:note-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[tp:is-endnote(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Is the note listed under Notes (and shown as a marker where it stands)? -->
  <xsl:function name="tp:is-endnote" as="xs:boolean">
    <xsl:param name="note" as="node()"/>
    <xsl:sequence select="exists($note/self::tei:note)
        and not($note/parent::tei:app)
        and not(tokenize($note/@place) = ('inline', 'inside')
                or tokenize($note/@rend) = 'inline')
        and exists($note/(ancestor::tei:text | ancestor::tei:abstract))
        and tp:is-shown($note)"/>
  </xsl:function>

  <!-- Is the node part of the reading shown? Not inside a hidden element (del, a rdg that
       is not the lemma, a register in back), nor inside the child of a choice not shown. -->
  <xsl:function name="tp:is-shown" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="ancestors" select="$node/ancestor-or-self::*"/>
    <xsl:sequence select="not(some $a in $ancestors satisfies tp:is-hidden($a))
        and (every $choice in $node/ancestor::tei:choice
             satisfies exists(tp:chosen($choice, $tp:reading) intersect $ancestors))"/>
  </xsl:function>

  <!-- All notes listed, over the whole input, and whether their own @n can label them. -->
  <xsl:variable name="tp:endnotes" as="element()*" select="//tei:note[tp:is-endnote(.)]"/>
  <xsl:variable name="tp:labels-from-n" as="xs:boolean" select="
      let $labels := $tp:endnotes ! (normalize-space(@n)[.], string(accumulator-before('tp:note-number')))[1]
      return count($labels) eq count(distinct-values($labels))"/>

  <xsl:function name="tp:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="(normalize-space($note/@n)[$tp:labels-from-n][.],
                           string($note/accumulator-before('tp:note-number')))[1]"/>
  </xsl:function>

  <!-- The marker, attached to the word before it. -->
  <xsl:template match="tei:note[tp:is-endnote(.)]" mode="tp:inline" priority="5" as="xs:string">
    <xsl:sequence select="$tp:GLUE || '[' || tp:note-label(.) || ']'"/>
  </xsl:template>

  <!-- A note that stays in the text: its words, set apart by spaces. -->
  <xsl:template match="tei:note" mode="tp:inline" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="tp:inline"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

  <!-- The Notes section of one TEI document: "[N] text", the text hanging past the widest
       label. Compact when every note fits on one line, else a blank line between notes. -->
  <xsl:function name="tp:notes-blocks" as="xs:string*">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="notes" as="element()*"
      select="$root//tei:note[tp:is-endnote(.)][ancestor::*[self::tei:TEI or self::tei:teiCorpus][1] is $root]"/>
    <xsl:variable name="labels" as="xs:string*" select="$notes ! ('[' || tp:note-label(.) || ']')"/>
    <xsl:variable name="hang" as="xs:integer" select="max(($labels ! tp:columns(.), 0)) + 1"/>
    <xsl:variable name="entries" as="xs:string*">
      <xsl:for-each select="$notes">
        <xsl:variable name="position" select="position()"/>
        <xsl:variable name="blocks" as="xs:string*">
          <xsl:call-template name="tp:blocks">
            <xsl:with-param name="tp:margin" select="$hang" tunnel="yes"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:sequence select="tp:label($labels[$position], tp:join-blocks($blocks), 0, $hang)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="if (some $entry in $entries satisfies tp:is-multiline($entry)) then $entries
                          else ($entries[1], subsequence($entries, 2) ! ($tp:TIGHT || .))"/>
  </xsl:function>

</xsl:stylesheet>
