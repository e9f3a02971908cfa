<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the site manifest → index.html, the list of documents in reading order
  (date, then title): date, title linking to the page, author, summary, links to the text edition
  and the TEI source.

  Initial match selection: the manifest (s:site document). No parameters.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:include href="html-attributes.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="../common/rules.xsl"/>
  <xsl:include href="manifest.xsl"/>
  <xsl:include href="frame.xsl"/>
  <xsl:include href="citation.xsl"/>
  <xsl:include href="corpus-pictures.xsl"/>

  <xsl:global-context-item as="document-node()" use="required"/>
  <xsl:variable name="site" as="document-node()" select="."/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="tp:index-row" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="document-node()">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="s:site">
    <xsl:variable name="documents" as="element(s:document)*" select="tp:sorted-documents(s:document)"/>
    <xsl:variable name="site-title" as="xs:string" select="tp:site-title(root(.))"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="$site-title"/>
      <xsl:with-param name="site-title" select="$site-title"/>
      <xsl:with-param name="current" select="'documents'"/>
      <xsl:with-param name="head" as="element()*">
        <xsl:call-template name="tp:citation-head">
          <xsl:with-param name="citation" select="s:citation"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <h1>{$site-title}</h1>
        <xsl:call-template name="tp:index-pictures">
          <xsl:with-param name="site" select="."/>
        </xsl:call-template>
        <xsl:choose>
          <xsl:when test="empty($documents)">
            <p class="empty">{tp:word('no-documents')}</p>
          </xsl:when>
          <xsl:otherwise>
            <table class="documents">
              <caption>{count($documents)} {tp:word(if (count($documents) eq 1) then 'document-one' else 'document-many')}, {tp:word('in-order')}</caption>
              <thead>
                <tr>
                  <th scope="col" class="date">{tp:word('date')}</th>
                  <th scope="col">{tp:word('document')}</th>
                  <th scope="col" class="downloads">{tp:word('download')}</th>
                </tr>
              </thead>
              <tbody>
                <xsl:apply-templates select="$documents" mode="tp:index-row"/>
              </tbody>
            </table>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="tp:cite">
          <xsl:with-param name="citation" select="s:citation"/>
          <xsl:with-param name="heading" select="tp:word('cite-edition')"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="s:document" mode="tp:index-row">
    <xsl:variable name="title" as="xs:string" select="tp:document-title(.)"/>
    <xsl:variable name="iso" as="xs:string?" select="tp:iso-date(@date)"/>
    <xsl:variable name="shown" as="xs:string?" select="tp:record-date(.)"/>
    <tr>
      <td class="date">
        <xsl:choose>
          <xsl:when test="exists($iso) and empty(s:dated)">
            <time datetime="{$iso}">{$shown}</time>
          </xsl:when>
          <xsl:when test="exists($shown)">{$shown}</xsl:when>
          <xsl:otherwise><span class="undated">{tp:word('undated')}</span></xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="document">
        <xsl:variable name="href" as="xs:string?" select="tp:safe-href(@href)"/>
        <xsl:choose>
          <xsl:when test="exists($href)">
            <a class="document-title" href="{$href}">{$title}</a>
          </xsl:when>
          <xsl:otherwise>
            <span class="document-title">{$title}</span>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="normalize-space(s:author)">
          <p class="doc-author">{normalize-space(s:author)}</p>
        </xsl:if>
        <xsl:if test="normalize-space(s:summary)">
          <p class="doc-summary">{normalize-space(s:summary)}</p>
        </xsl:if>
      </td>
      <td class="downloads">
        <xsl:for-each select="tp:safe-href(@text)">
          <a href="{.}" type="text/plain" aria-label="{tp:word('plain-text-of')} {$title}">{tp:word('text')}</a>
        </xsl:for-each>
        <xsl:if test="exists(tp:safe-href(@text)) and exists(tp:safe-href(@tei))">
          <xsl:text> · </xsl:text>
        </xsl:if>
        <xsl:for-each select="tp:safe-href(@tei)">
          <a href="{.}" type="application/tei+xml" aria-label="{tp:word('tei-source-of')} {$title}">TEI</a>
        </xsl:for-each>
      </td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
