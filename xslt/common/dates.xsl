<?xml version="1.0" encoding="UTF-8"?>
<!--
  ISO dates as both editions and the catalogue read them: what counts as an ISO value, its year,
  and how documents sort by it. Years before the common era ("-0010") sort before later years,
  as years, not as strings. How a date reads in words depends on the interface language:
  common/localised.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- A date, dateTime, year-month or year (XML Schema types; a leading '-' for BCE). -->
  <xsl:function name="tp:is-iso-date" as="xs:boolean">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="$value castable as xs:date or $value castable as xs:dateTime
                          or $value castable as xs:gYearMonth or $value castable as xs:gYear"/>
  </xsl:function>

  <!-- The year of an ISO value as a number (negative before the common era), or (). -->
  <xsl:function name="tp:iso-year" as="xs:integer?">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="replace($iso, '^(-?\d{4,})(\D.*)?$', '$1')[tp:is-iso-date($iso)] ! xs:integer(.)"/>
  </xsl:function>

  <!-- A sort key in which ISO values sort as dates, BCE before CE: the year shifted by 10000
       and written with five digits, then the rest of the value ("1962-11-05" → "11962-11-05",
       "-0010" → "09990"). Undated documents get "99999" and sort last. -->
  <xsl:function name="tp:date-sort-key" as="xs:string">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:variable name="year" as="xs:integer?" select="$iso ! tp:iso-year(.)"/>
    <xsl:sequence select="if (empty($year)) then '99999'
                          else format-integer($year + 10000, '00000')
                               || replace($iso, '^-?\d{4,}', '')"/>
  </xsl:function>

</xsl:stylesheet>
