<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one TEI document → its HTML page.

  Initial match selection: the TEI document (document node, or its root element).
  The page: title, metadata from the teiHeader, the text (front, body, back and any other
  sibling of the teiHeader), the document's own registers, the endnotes, downloads,
  previous/next document.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:include href="html-attributes.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="../common/rules.xsl"/>
  <xsl:include href="../common/languages.xsl"/>
  <xsl:include href="manifest.xsl"/>
  <xsl:include href="entities.xsl"/>
  <xsl:include href="frame.xsl"/>
  <xsl:include href="metadata.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="citation.xsl"/>
  <xsl:include href="document-registers.xsl"/>
  <xsl:include href="reading.xsl"/>

  <!-- The site manifest (s:site): this document's record, titles of the other documents. -->
  <xsl:param name="site" as="document-node()" required="yes"/>

  <!-- All register entries (tp:registers with tei:person/place/org): where names link to. -->
  <xsl:param name="registers" as="document-node()" required="yes"/>

  <!-- The document's id in the manifest. Set by Python when the TEI has no /TEI/@xml:id;
       when non-empty it wins over @xml:id. Default: '' (use @xml:id). -->
  <xsl:param name="document-id" as="xs:string" select="''"/>

  <!-- The initial mode. It makes the endnote counter available on the TEI document. -->
  <xsl:mode on-no-match="fail" on-multiple-match="fail" use-accumulators="#all"/>

  <xsl:template match="document-node()">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="*">
    <xsl:variable name="id" as="xs:string" select="if ($document-id ne '') then $document-id else normalize-space(@xml:id)"/>
    <xsl:variable name="record" as="element(s:document)?" select="tp:document-record($site, $id)"/>
    <xsl:variable name="title" as="xs:string" select="tp:title(.)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="site-title" select="tp:site-title($site)"/>
      <xsl:with-param name="lang" select="(tp:document-language(.), $tp:ui-language)[1]"/>
      <xsl:with-param name="address" select="($record/s:citation/@canonical, $record/@href)[1]"/>
      <xsl:with-param name="head" as="element()*">
        <xsl:call-template name="tp:citation-head">
          <xsl:with-param name="citation" select="$record/s:citation"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <article class="document" data-pagefind-body="">
          <xsl:call-template name="tp:search-data">
            <xsl:with-param name="record" select="$record"/>
          </xsl:call-template>
          <header class="document-header">
            <!-- The editors' description may be in another language than the text. -->
            <xsl:variable name="header-lang" as="xs:string" select="(tp:header-language(.), $tp:ui-language)[1]"/>
            <xsl:if test="$header-lang ne (tp:document-language(.), $tp:ui-language)[1]">
              <xsl:attribute name="lang" select="$header-lang"/>
            </xsl:if>
            <h1>{$title}</h1>
            <xsl:call-template name="tp:metadata">
              <xsl:with-param name="tei" select="."/>
              <xsl:with-param name="record" select="$record"/>
            </xsl:call-template>
          </header>
          <!-- No "Text" section for header-only files (e.g. CMIF). -->
          <xsl:variable name="text" as="node()*" select="node() except tei:teiHeader"/>
          <!-- Any word in it (a text node, or a comment or PI standing beside the teiHeader),
               found without joining the whole text into one string. -->
          <xsl:if test="exists($text/descendant-or-self::text()[normalize-space()])
                        or exists($text[self::comment() or self::processing-instruction()][normalize-space()])
                        or exists($text/descendant-or-self::*[self::tei:gap or self::tei:graphic or self::tei:pb])">
            <xsl:call-template name="tp:reading-switch"/>
            <section class="text" aria-labelledby="tp-text-heading">
              <h2 id="tp-text-heading">{tp:word('text')}</h2>
              <xsl:apply-templates select="$text" mode="tp:text">
                <xsl:with-param name="tp:anchors" tunnel="yes" select="true()"/>
              </xsl:apply-templates>
            </section>
          </xsl:if>
          <xsl:call-template name="tp:document-registers">
            <xsl:with-param name="lists" select="tp:registers-within(.)"/>
          </xsl:call-template>
          <xsl:call-template name="tp:endnotes">
            <xsl:with-param name="notes" select=".//tei:note[tp:is-endnote(.)]"/>
          </xsl:call-template>
          <xsl:call-template name="tp:cite">
            <xsl:with-param name="citation" select="$record/s:citation"/>
          </xsl:call-template>
          <xsl:call-template name="tp:downloads">
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="record" select="$record"/>
          </xsl:call-template>
          <xsl:call-template name="tp:prev-next">
            <xsl:with-param name="record" select="$record"/>
          </xsl:call-template>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- TEI source and plain text: the manifest's paths, else the conventional ones. -->
  <xsl:template name="tp:downloads" as="element(section)?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="record" as="element(s:document)?"/>
    <xsl:variable name="tei" as="xs:string?" select="tp:safe-href(($record/@tei, $id[. ne ''] ! ('tei/' || . || '.xml'))[1])"/>
    <xsl:variable name="text" as="xs:string?" select="tp:safe-href(($record/@text, $id[. ne ''] ! ('../text/' || . || '.txt'))[1])"/>
    <xsl:if test="exists(($tei, $text))">
      <section class="download" aria-labelledby="tp-download-heading">
        <h2 id="tp-download-heading">{tp:word('download')}</h2>
        <ul>
          <xsl:if test="exists($tei)">
            <li><a href="{$tei}" type="application/tei+xml">{tp:word('tei-source')}</a></li>
          </xsl:if>
          <xsl:if test="exists($text)">
            <li><a href="{$text}" type="text/plain">{tp:word('plain-text')}</a></li>
            <xsl:if test="ends-with($text, '.txt')">
              <li><a href="{replace($text, '\.txt$', '.diplomatic.txt')}" type="text/plain">{tp:word('plain-text-diplomatic')}</a></li>
            </xsl:if>
          </xsl:if>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Neighbours: in a volume's order, else in the reading order of the index page. -->
  <xsl:template name="tp:prev-next" as="element(nav)?">
    <xsl:param name="record" as="element(s:document)?"/>
    <xsl:variable name="sorted" as="element(s:document)*" select="tp:reading-order($record)"/>
    <xsl:variable name="position" as="xs:integer?" select="index-of($sorted ! string(@id), string($record/@id))[1]"/>
    <xsl:variable name="previous" as="element(s:document)?" select="$sorted[$position - 1]"/>
    <xsl:variable name="next" as="element(s:document)?" select="$sorted[$position + 1]"/>
    <xsl:if test="exists(($previous, $next)[tp:safe-href(@href)])">
      <nav class="prev-next" aria-label="{tp:word('previous-next')}">
        <ul>
          <xsl:for-each select="$previous[tp:safe-href(@href)]">
            <li class="previous"><a href="{tp:safe-href(@href)}" rel="prev"><span class="direction">{tp:word('previous')}</span> {tp:document-title(.)}</a></li>
          </xsl:for-each>
          <xsl:for-each select="$next[tp:safe-href(@href)]">
            <li class="next"><a href="{tp:safe-href(@href)}" rel="next"><span class="direction">{tp:word('next')}</span> {tp:document-title(.)}</a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
