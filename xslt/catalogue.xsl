<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI document → one record for the site manifest:

    <s:record xmlns:s="urn:teipress:site" id="…" date="1962-11-05" sort-key="11962-11-05">
      <s:title>…</s:title>
      <s:date>…</s:date>              (only for a date without ISO value: its words)
      <s:dated notBefore="…" notAfter="…" cert="…"/>  (only for a range or an uncertain date:
                                      its attributes, which the editions show; @date is then
                                      the nearest known date, by which it sorts)
      <s:author>…</s:author>          (only when the header names one)
      <s:summary>…</s:summary>        (only with an abstract)
      <s:sender>…</s:sender>          (only for a letter: one correspDesc with a sender)
      <s:recipient>…</s:recipient>    (likewise)
    </s:record>

  Title, date and names come from common/header.xsl, the same functions both editions use, so
  the manifest and the editions always agree. @id is the root's xml:id and is left out when
  the root has none; @date is left out when no date is found. sort-key sorts by date, years
  before the common era first and undated documents last (tp:date-sort-key). A teiCorpus, or
  a root that is not TEI at all, still gets a record.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  xmlns:s="urn:teipress:site"
  default-mode="tp:catalogue"
  exclude-result-prefixes="#all">

  <xsl:include href="common/rules.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:mode name="tp:catalogue" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="/" mode="tp:catalogue">
    <xsl:apply-templates select="*" mode="tp:catalogue"/>
  </xsl:template>

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="tp:catalogue">
    <xsl:variable name="date" as="xs:string?" select="tp:document-date(.)"/>
    <xsl:variable name="date-words" as="xs:string?" select="tp:date-element(.)[empty($date)] ! tp:plain(.)"/>
    <xsl:variable name="author" as="xs:string?" select="tp:authors(.)"/>
    <xsl:variable name="letter" as="element()?" select="tp:correspondence(.)"/>
    <xsl:variable name="abstract" as="xs:string"
      select="tp:plain(tei:teiHeader/tei:profileDesc/tei:abstract)"/>
    <xsl:variable name="sender" as="xs:string?"
      select="tp:names($letter/tei:correspAction[@type = 'sent'][1])"/>
    <xsl:variable name="recipient" as="xs:string?"
      select="tp:names($letter/tei:correspAction[@type = 'received'][1])"/>
    <s:record>
      <xsl:call-template name="tp:id"/>
      <xsl:if test="$date">
        <xsl:attribute name="date" select="$date"/>
      </xsl:if>
      <xsl:attribute name="sort-key" select="tp:date-sort-key($date)"/>
      <s:title>
        <xsl:value-of select="tp:title(.)"/>
      </s:title>
      <xsl:if test="$date-words">
        <s:date>
          <xsl:value-of select="$date-words"/>
        </s:date>
      </xsl:if>
      <xsl:for-each select="tp:date-element(.)[@notBefore or @notAfter or @from or @to or @cert or @precision]">
        <s:dated>
          <xsl:copy-of select="@when | @notBefore | @notAfter | @from | @to | @cert | @precision"/>
        </s:dated>
      </xsl:for-each>
      <xsl:if test="$author">
        <s:author>
          <xsl:value-of select="$author"/>
        </s:author>
      </xsl:if>
      <xsl:if test="$abstract">
        <s:summary>
          <xsl:value-of select="$abstract"/>
        </s:summary>
      </xsl:if>
      <xsl:if test="$sender">
        <s:sender>
          <xsl:value-of select="$sender"/>
        </s:sender>
      </xsl:if>
      <xsl:if test="$recipient">
        <s:recipient>
          <xsl:value-of select="$recipient"/>
        </s:recipient>
      </xsl:if>
    </s:record>
  </xsl:template>

  <!-- A root that is not TEI (no TEI namespace): nothing can be read but its id. -->
  <xsl:template match="*" mode="tp:catalogue" priority="-1">
    <s:record sort-key="{tp:date-sort-key(())}">
      <xsl:call-template name="tp:id"/>
      <s:title>Untitled</s:title>
    </s:record>
  </xsl:template>

  <xsl:template name="tp:id">
    <xsl:if test="normalize-space(@xml:id)">
      <xsl:attribute name="id" select="normalize-space(@xml:id)"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
