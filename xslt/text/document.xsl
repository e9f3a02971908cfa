<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI document → plain-text edition (UTF-8, lines of at most $tp:width = 72 columns).

  Stages, each a mode:
    tp:text    the document as a whole: title, header fields, Summary, Letters, Text,
               Register (the document's own registers, lists.xsl), Notes
               (this module and header.xsl);
    tp:block   an element that stands as a block: returns its laid-out lines, one string per
               block (blocks.xsl, lists.xsl, tables.xsl);
    tp:inline  running text inside a block: returns a "flow" string for layout.xsl to wrap
               (inline.xsl, transcription.xsl, notes.xsl);
    tp:plain   one-line text of header fields (common/plain.xsl, shared with the HTML
               edition and catalogue.xsl).
  Every mode fails on a node it has no rule for, and each mode has a visible generic rule for
  unknown elements, so no content is dropped silently.

  Decisions about the reading shown (common/ holds the rules both editions share; see also
  transcription.xsl):
    choice  the child the $reading parameter chooses (common/readings.xsl); the other child
            is left out;
    app     the lemma only (the first rdg when there is no lem);
    add     included;  del  left out;
    pb      "[p. N]" where the page begins, when pb has @n; nothing without @n;
    note    "[N]" where an endnote stands, the text under "Notes" at the end (numbers and
            labels: common/notes.xsl).

  Runs with no document-level functions (doc(), unparsed-text(), current-dateTime(),
  generate-id()): the output depends on the input and the parameters only.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  default-mode="tp:text"
  exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:include href="layout.xsl"/>
  <xsl:include href="../common/rules.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="lists.xsl"/>
  <xsl:include href="tables.xsl"/>
  <xsl:include href="inline.xsl"/>
  <xsl:include href="transcription.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="../common/words.xsl"/>
  <xsl:include href="../common/localised.xsl"/>

  <!-- The site manifest (or this page's slice of it): only its interface language is read here;
       without one the labels are English. -->
  <xsl:param name="site" as="document-node()?" select="()"/>

  <!-- Line width in columns. -->
  <xsl:variable name="tp:width" as="xs:integer" select="72"/>

  <xsl:mode name="tp:text" on-no-match="fail" on-multiple-match="fail"
    use-accumulators="tp:endnote-count"/>
  <xsl:mode name="tp:block" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="tp:inline" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="/" mode="tp:text">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="*" mode="tp:text"/>
    </xsl:variable>
    <xsl:value-of select="tp:finish(tp:join-blocks($blocks))"/>
  </xsl:template>

  <xsl:template match="tei:TEI" mode="tp:text" as="xs:string*">
    <xsl:call-template name="tp:front-matter"/>
    <xsl:sequence select="tp:section(tp:word('text'), tp:text-blocks(tei:sourceDoc | tei:text))"/>
    <xsl:sequence select="tp:section(tp:word('register'), tp:register-blocks(.))"/>
    <xsl:sequence select="tp:section(tp:word('notes'), tp:notes-blocks(.))"/>
  </xsl:template>

  <!-- A corpus: its own title and header, then each member in full (each with its Notes). -->
  <xsl:template match="tei:teiCorpus" mode="tp:text" as="xs:string*">
    <xsl:call-template name="tp:front-matter"/>
    <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="tp:text"/>
  </xsl:template>

  <!-- A root that is not TEI (e.g. a TEI element without the TEI namespace): no header can
       be read, but its content is still rendered, through the generic rules. -->
  <xsl:template match="*" mode="tp:text" priority="-1" as="xs:string*">
    <xsl:sequence select="tp:underline(tp:wrap('Untitled', $tp:width, 0), '=', 0)"/>
    <xsl:sequence select="tp:section(tp:word('text'), tp:text-blocks(.))"/>
  </xsl:template>

  <!-- The blocks of a text (front, body, back, group) at the left margin. -->
  <xsl:function name="tp:text-blocks" as="xs:string*">
    <xsl:param name="text" as="element()*"/>
    <xsl:for-each select="$text">
      <xsl:call-template name="tp:blocks">
        <xsl:with-param name="nodes" select="node()"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:function>

  <!-- A section of the edition ("Summary", "Text", "Notes"): a heading underlined with '-',
       then its blocks. Nothing at all when there are no blocks. -->
  <xsl:function name="tp:section" as="xs:string*">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="blocks" as="xs:string*"/>
    <xsl:if test="normalize-space(string-join($blocks))">
      <xsl:sequence select="tp:underline($name, '-', 0), $blocks"/>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
