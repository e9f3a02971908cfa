<?xml version="1.0" encoding="UTF-8"?>
<!--
  How to cite a page: the s:citation element Python computed (src/teipress/citation.py) placed
  into the page. tp:citation-head gives what goes into <head> (canonical link, Highwire and
  Dublin Core meta, schema.org JSON-LD as a data block); tp:cite gives the reader's section
  (the recommended citation and the downloads). Nothing is computed here, so the page, the
  meta tags and the downloads always agree.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template name="tp:citation-head" as="element()*">
    <xsl:param name="citation" as="element(s:citation)?"/>
    <xsl:for-each select="$citation/@canonical[tp:safe-href(.)]">
      <link rel="canonical" href="{tp:safe-href(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$citation/s:meta">
      <meta name="{@name}" content="{@content}"/>
    </xsl:for-each>
    <!-- Data, not script: browsers never run this type, and the JSON has no literal < > &. -->
    <xsl:for-each select="$citation/s:json-ld">
      <script type="application/ld+json">{.}</script>
    </xsl:for-each>
  </xsl:template>

  <!-- $heading: "Cite this document" (the default) or "Cite this edition", from words.xsl. -->
  <xsl:template name="tp:cite" as="element(section)?">
    <xsl:param name="citation" as="element(s:citation)?"/>
    <xsl:param name="heading" as="xs:string" select="tp:word('cite-document')"/>
    <xsl:if test="exists($citation)">
      <section class="cite" aria-labelledby="tp-cite-heading" data-pagefind-ignore="">
        <h2 id="tp-cite-heading">{$heading}</h2>
        <p class="recommended-citation" id="tp-citation">{$citation/s:recommended}</p>
        <p class="cite-hint">{tp:word('cite-hint')}</p>
        <xsl:if test="exists($citation/s:download)">
          <ul class="cite-downloads">
            <xsl:for-each select="$citation/s:download[tp:safe-href(@href)]">
              <li><a href="{tp:safe-href(@href)}" type="{@type}" download="">{@format}</a></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
