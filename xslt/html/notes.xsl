<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes in mode tp:text.

  Endnotes (which notes, their numbers and labels: common/notes.xsl, shared with the text
  edition): where the note stands there is a numbered marker; the content is listed at the
  end of the page (named template tp:endnotes). HTML ids always use the running number
  (note-N / noteref-N), so they are unique and the same on every build.

  All other notes stay where they are, as a small block.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:note[tp:is-endnote(.)]" mode="tp:text">
    <xsl:if test="empty(tp:call-site(.))">
      <xsl:call-template name="tp:note-marker"/>
    </xsl:if>
  </xsl:template>

  <!-- An endnote called elsewhere (@target on an anchor or span, tp:call-site): its marker
       right after that anchor or span. -->
  <xsl:template match="tei:*[exists(tp:notes-called-at(.))]" mode="tp:text" priority="30">
    <xsl:next-match/>
    <xsl:for-each select="tp:notes-called-at(.)">
      <xsl:call-template name="tp:note-marker"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="tp:note-marker" as="element(sup)">
    <xsl:variable name="number" as="xs:integer" select="tp:note-number(.)"/>
    <sup class="noteref-wrap">
      <a class="noteref" id="noteref-{$number}" href="#note-{$number}" role="doc-noteref">[{tp:note-label(.)}]</a>
    </sup>
  </xsl:template>

  <!-- A note that stays where it stands: set apart by spaces, as in the text edition, so that
       its words never run into the words around it. -->
  <!-- On a document page (tp:anchors) it has an id and a permalink, as paragraphs do. -->
  <xsl:template match="tei:note" mode="tp:text">
    <xsl:param name="tp:anchors" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="block" as="xs:boolean" select="tp:has-block(.)"/>
    <xsl:text> </xsl:text>
    <xsl:element name="{if ($block) then 'div' else 'span'}">
      <xsl:sequence select="tp:attributes(., ('note', 'note-inline', tp:type-classes('note', @type),
                                              tp:type-classes('note-place', @place), if ($block) then 'tei-note' else ()))"/>
      <xsl:if test="normalize-space(@n)">
        <xsl:attribute name="title" select="'note ' || normalize-space(@n)"/>
      </xsl:if>
      <xsl:call-template name="tp:anchored-content">
        <xsl:with-param name="anchored" select="$tp:anchors"/>
      </xsl:call-template>
    </xsl:element>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- The endnotes section; nothing when $notes is empty. -->
  <xsl:template name="tp:endnotes">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:if test="exists($notes)">
      <section class="notes" role="doc-endnotes" aria-labelledby="tp-notes-heading">
        <h2 id="tp-notes-heading">{tp:word('notes')}</h2>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="number" as="xs:integer" select="tp:note-number(.)"/>
            <li id="note-{$number}">
              <xsl:sequence select="tp:attributes(., ())[local-name() = ('class', 'lang')]"/>
              <span class="note-label">{tp:note-label(.)}</span>
              <xsl:text> </xsl:text>
              <xsl:apply-templates mode="tp:text"/>
              <xsl:text> </xsl:text>
              <a class="backlink" href="#noteref-{$number}" role="doc-backlink" aria-label="{tp:word('back-to-text')} ({tp:note-label(.)})">↩</a>
              <xsl:call-template name="tp:permalink">
                <xsl:with-param name="id" select="'note-' || $number"/>
              </xsl:call-template>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
