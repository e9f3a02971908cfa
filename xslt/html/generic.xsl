<?xml version="1.0" encoding="UTF-8"?>
<!--
  Fallbacks of mode tp:text. Any element without a template of its own, TEI or foreign
  (frus:attachment, a namespace-less TEI …), becomes <span class="tei-NAME"> with its content,
  or <div class="tei-NAME"> when it holds block content. Text is copied. Nothing is dropped
  except comments, processing instructions, and a teiHeader met in the text (the document page
  renders the header as metadata).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:template match="*" mode="tp:text" priority="-1">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'tei-' || local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Text. Inside a name or ref whose own link cannot wrap its content (because the content
       holds other links, see names.xsl), $tp:link carries that link and each stretch of text
       becomes a piece of it. -->
  <xsl:template match="text()" mode="tp:text">
    <xsl:param name="tp:link" as="map(xs:string, xs:string)?" tunnel="yes" select="()"/>
    <xsl:variable name="text" as="xs:string" select="if (tp:is-token-space(.)) then '' else tp:word-joined(.)"/>
    <xsl:choose>
      <xsl:when test="exists($tp:link) and normalize-space()">
        <a class="{$tp:link?class}" href="{$tp:link?href}" title="{$tp:link?label}">
          <xsl:value-of select="$text"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text without the whitespace next to a line break inside a word (lb break="no"):
       that whitespace is the layout of the XML file, and the word must stay whole. -->
  <xsl:function name="tp:word-joined" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="before-break" as="xs:boolean"
      select="exists($text/following-sibling::node()[1][tp:is-word-break(.)])"/>
    <xsl:variable name="after-break" as="xs:boolean"
      select="exists($text/preceding-sibling::node()[1][tp:is-word-break(.)])"/>
    <xsl:sequence select="string($text)
        ! (if ($before-break) then replace(., '\s+$', '') else .)
        ! (if ($after-break) then replace(., '^\s+', '') else .)"/>
  </xsl:function>

  <xsl:template match="comment() | processing-instruction() | tei:teiHeader" mode="tp:text"/>

  <!-- Fields, lines or word tokens written side by side without a space are separate words
       (common/readings.xsl): a space, then the element's own rule. -->
  <xsl:template match="tei:*[tp:needs-space(.)]" mode="tp:text" priority="50">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>

</xsl:stylesheet>
