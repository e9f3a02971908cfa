<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: one s:picture (built by src/teipress/pictures) → its page. The picture's
  content (introduction, SVG with title and description, text alternative) is already HTML and
  SVG; this stylesheet only frames it, and names the other pictures.

  Initial match selection: the s:picture document. Parameter: $site, the manifest.
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
  <xsl:include href="manifest.xsl"/>
  <xsl:include href="frame.xsl"/>
  <xsl:include href="corpus-pictures.xsl"/>

  <xsl:param name="site" as="document-node()" required="yes"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="document-node()">
    <xsl:apply-templates select="s:picture"/>
  </xsl:template>

  <xsl:template match="s:picture">
    <xsl:variable name="kind" as="xs:string" select="string(@kind)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="string(@title)"/>
      <xsl:with-param name="site-title" select="tp:site-title($site)"/>
      <xsl:with-param name="content" as="node()*">
        <h1>{@title}</h1>
        <xsl:call-template name="tp:picture-nav">
          <xsl:with-param name="current" select="$kind"/>
        </xsl:call-template>
        <div class="picture-page">
          <xsl:copy-of select="node()" copy-namespaces="no"/>
        </div>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
