<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dates as people read them. TEI dates carry ISO values in @when/@from/@to/@notBefore/@notAfter
  and (often) their own wording; the wording wins, the attributes are formatted when the
  element is empty (e.g. <date when="1792-11-22"/> in CMIF, register birth/death), in the
  interface language (month names and the words of ranges from words.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  xmlns:s="urn:teipress:site"
  exclude-result-prefixes="#all">

  <xsl:include href="../common/localised.xsl"/>

  <!-- An ISO value usable as HTML <time datetime>, or () (year, year-month, date, dateTime;
       impossible dates such as 2020-02-30 are refused). -->
  <xsl:function name="tp:iso-date" as="xs:string?">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="v" as="xs:string" select="normalize-space($value)"/>
    <xsl:sequence select="$v[matches(., '^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$')]
                            [string-length(.) lt 10 or substring(., 1, 10) castable as xs:date]
                            [string-length(.) ne 7 or (. || '-01') castable as xs:date]"/>
  </xsl:function>

  <!-- A document's date in the index and the registers: its range or certainty (s:dated), else
       its ISO date, else its words; () when undated. -->
  <xsl:function name="tp:record-date" as="xs:string?">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="(
      $record/s:dated ! tp:local-date-range(.),
      normalize-space($record/@date)[. ne ''] ! tp:local-date(.),
      normalize-space($record/s:date)[. ne ''])[. ne ''][1]"/>
  </xsl:function>

  <!-- A <time> (with datetime when @when is ISO) holding tp:local-date-label, or () for an empty date. -->
  <xsl:function name="tp:time" as="element()?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="label" as="xs:string" select="tp:local-date-label($date)"/>
    <xsl:if test="$label ne ''">
      <time>
        <xsl:if test="exists(tp:iso-date($date/@when))">
          <xsl:attribute name="datetime" select="tp:iso-date($date/@when)"/>
        </xsl:if>
        <xsl:value-of select="$label"/>
      </time>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
