<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes in the plain-text edition. An endnote (common/notes.xsl decides which notes are, and
  their labels) becomes a marker "[N]" where it stands, attached to the word before it, and
  its text is listed under "Notes" at the end, in document order. Every other note stays
  where it is, as text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- The marker, attached to the word before it; nothing here for a note called elsewhere. -->
  <xsl:template match="tei:note[tp:is-endnote(.)]" mode="tp:inline" priority="5" as="xs:string?">
    <xsl:sequence select="tp:note-marker(.)[empty(tp:call-site(current()))]"/>
  </xsl:template>

  <xsl:function name="tp:note-marker" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="$tp:GLUE || '[' || tp:note-label($note) || ']'"/>
  </xsl:function>

  <!-- An endnote called elsewhere (@target on an anchor or span, tp:call-site): its marker
       right after that anchor or span. -->
  <xsl:template match="tei:*[exists(tp:notes-called-at(.))]" mode="tp:inline" priority="30" as="xs:string*">
    <xsl:next-match/>
    <xsl:sequence select="tp:notes-called-at(.) ! tp:note-marker(.)"/>
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
