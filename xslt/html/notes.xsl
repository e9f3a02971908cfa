<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes in mode tp:text.

  Endnotes (tp:is-endnote): notes in the text with @place foot/end/bottom or no @place. Where
  the note stands there is a numbered marker; the content is listed at the end of the page
  (named template tp:endnotes). Numbers are counted once, by the accumulator
  tp:endnote-count, in document order. The label shown is @n when present (FRUS restarts
  @n in every document), else that count; HTML ids always use the count (note-N / noteref-N),
  so they are unique and the same on every build.

  All other notes (type="source", rend="inline", @place margin/inline/…, notes in header
  fragments and in register entries) stay where they are, as a small block.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:function name="tp:is-endnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/self::tei:note)
      and exists($note/ancestor::tei:text)
      and not($note/@type = 'source')
      and not(tokenize(lower-case($note/@rend)) = 'inline')
      and (empty($note/@place) or normalize-space($note/@place) = ('foot', 'end', 'bottom'))
      and empty($note/ancestor::*[self::tei:person or self::tei:place or self::tei:org
                                  or self::tei:event or self::tei:bibl or self::tei:biblStruct])"/>
  </xsl:function>

  <xsl:accumulator name="tp:endnote-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[tp:is-endnote(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The running number of an endnote (1, 2, 3 … in document order). -->
  <xsl:function name="tp:note-number" as="xs:integer">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="$note ! accumulator-before('tp:endnote-count')"/>
  </xsl:function>

  <xsl:function name="tp:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(normalize-space($note/@n)[. ne ''], string(tp:note-number($note)))[1]"/>
  </xsl:function>

  <xsl:template match="tei:note[tp:is-endnote(.)]" mode="tp:text">
    <xsl:variable name="number" as="xs:integer" select="tp:note-number(.)"/>
    <sup class="noteref-wrap">
      <a class="noteref" id="noteref-{$number}" href="#note-{$number}" role="doc-noteref">[{tp:note-label(.)}]</a>
    </sup>
  </xsl:template>

  <xsl:template match="tei:note" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'note', 'note-inline', tp:type-classes('note', @type), tp:type-classes('note-place', @place)"/>
      <xsl:with-param name="attributes" as="attribute()*">
        <xsl:if test="normalize-space(@n)">
          <xsl:attribute name="title" select="'note ' || normalize-space(@n)"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The endnotes section; nothing when $notes is empty. -->
  <xsl:template name="tp:endnotes">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:if test="exists($notes)">
      <section class="notes" role="doc-endnotes" aria-labelledby="tp-notes-heading">
        <h2 id="tp-notes-heading">Notes</h2>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="number" as="xs:integer" select="tp:note-number(.)"/>
            <li id="note-{$number}" role="doc-endnote">
              <xsl:sequence select="tp:attributes(., ())[local-name() = ('class', 'lang')]"/>
              <span class="note-label">{tp:note-label(.)}</span>
              <xsl:text> </xsl:text>
              <xsl:apply-templates mode="tp:text"/>
              <xsl:text> </xsl:text>
              <a class="backlink" href="#noteref-{$number}" role="doc-backlink" aria-label="Back to text ({tp:note-label(.)})">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
