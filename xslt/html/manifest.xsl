<?xml version="1.0" encoding="UTF-8"?>
<!--
  Reading the site manifest (namespace urn:teipress:site) that Python builds:
  s:site/@title, s:document records (id, href, tei, text, date, sort-key, s:title, s:summary)
  and s:entity records (id, kind, register page, network section); which documents name an
  entity is in s:mentions, handed to the register pages only.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:key name="tp:site-document" match="s:document" use="@id"/>
  <xsl:key name="tp:site-entity" match="s:entity" use="@id"/>

  <xsl:function name="tp:site-title" as="xs:string">
    <xsl:param name="site" as="document-node()"/>
    <xsl:sequence select="(normalize-space($site/s:site/@title)[. ne ''], 'Edition')[1]"/>
  </xsl:function>

  <xsl:function name="tp:document-record" as="element(s:document)?">
    <xsl:param name="site" as="document-node()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if ($id eq '') then () else key('tp:site-document', $id, $site)[1]"/>
  </xsl:function>

  <xsl:function name="tp:entity-record" as="element(s:entity)?">
    <xsl:param name="site" as="document-node()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="key('tp:site-entity', $id, $site)[1]"/>
  </xsl:function>

  <!-- Documents in reading order: by sort-key (else date; undated last), then title, then id. -->
  <xsl:function name="tp:sorted-documents" as="element(s:document)*">
    <xsl:param name="documents" as="element(s:document)*"/>
    <xsl:perform-sort select="$documents">
      <xsl:sort select="if (normalize-space((@sort-key, @date)[1])) then 0 else 1" data-type="number"/>
      <xsl:sort select="normalize-space((@sort-key, @date)[1])"/>
      <xsl:sort select="normalize-space(s:title)" collation="http://www.w3.org/2013/collation/UCA?lang=en;strength=secondary;fallback=yes"/>
      <xsl:sort select="string(@id)"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- The documents prev/next walk through: a volume's documents in the volume's order (the
       manifest lists them so), standalone documents in reading order. -->
  <xsl:function name="tp:reading-order" as="element(s:document)*">
    <xsl:param name="record" as="element(s:document)?"/>
    <xsl:sequence select="if (normalize-space($record/@volume)) then $record/../s:document[@volume eq $record/@volume]
                          else tp:sorted-documents($record/../s:document[not(normalize-space(@volume))])"/>
  </xsl:function>

  <!-- The record's title, falling back to its id. -->
  <xsl:function name="tp:document-title" as="xs:string" cache="yes">
    <xsl:param name="record" as="element(s:document)"/>
    <xsl:sequence select="(normalize-space($record/s:title)[. ne ''], string($record/@id))[1]"/>
  </xsl:function>

</xsl:stylesheet>
