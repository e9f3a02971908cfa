<?xml version="1.0" encoding="UTF-8"?>
<!--
  ISO dates as both editions and the catalogue read them: what counts as an ISO value, how it
  reads in words, and how documents sort by it. Years before the common era ("-0010") read
  "10 BCE" and sort before later years, as years, not as strings. Month names are English,
  like the rest of the interface strings.
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

  <xsl:function name="tp:year-in-words" as="xs:string">
    <xsl:param name="year" as="xs:integer"/>
    <xsl:sequence select="if ($year lt 0) then abs($year) || ' BCE' else string($year)"/>
  </xsl:function>

  <!-- An ISO value in words: "5 November 1962", "November 1962", "1962", "10 BCE"; a dateTime
       as its day (the time of day never dates a document). () for anything that is not ISO. -->
  <xsl:function name="tp:date-in-words" as="xs:string?">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:variable name="year" as="xs:integer?" select="tp:iso-year($iso)"/>
    <xsl:variable name="month-day" as="xs:string?" select="
        if ($iso castable as xs:date) then format-date(xs:date($iso), '[D] [MNn]', 'en', (), ())
        else if ($iso castable as xs:dateTime)
        then format-dateTime(xs:dateTime($iso), '[D] [MNn]', 'en', (), ())
        else if ($iso castable as xs:gYearMonth)
        then format-date(xs:date(substring($iso, 1, 7 + (if (starts-with($iso, '-')) then 1 else 0)) || '-01'),
                         '[MNn]', 'en', (), ())
        else ()"/>
    <xsl:sequence select="$year ! string-join(($month-day, tp:year-in-words(.)), ' ')"/>
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

  <!-- "1818-09-29" → "29 September 1818", "-0010" → "10 BCE". Values that
       are not ISO dates are returned unchanged. -->
  <xsl:function name="tp:format-iso-date" as="xs:string" cache="yes">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="v" as="xs:string" select="normalize-space($value)"/>
    <xsl:sequence select="(tp:date-in-words($v), $v)[1]"/>
  </xsl:function>

  <!-- The date its attributes give, in words: "29 September 1818", "1941–1945",
       "between 1766 and 1767"; '' when there are none. -->
  <xsl:function name="tp:date-attributes-label" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="
      if ($date/@when) then tp:format-iso-date($date/@when)
      else if ($date/@from or $date/@to) then
        string-join(($date/@from, $date/@to) ! tp:format-iso-date(.), '–')
      else if ($date/@notBefore and $date/@notAfter) then
        'between ' || tp:format-iso-date($date/@notBefore) || ' and ' || tp:format-iso-date($date/@notAfter)
      else if ($date/@notBefore) then 'not before ' || tp:format-iso-date($date/@notBefore)
      else if ($date/@notAfter) then 'not after ' || tp:format-iso-date($date/@notAfter)
      else ''"/>
  </xsl:function>

  <!-- What to print for a date-like element (date, birth, death, origDate …): its own words,
       else its attributes. -->
  <xsl:function name="tp:date-label" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="text" as="xs:string" select="tp:plain($date)"/>
    <xsl:sequence select="if ($text ne '') then $text else tp:date-attributes-label($date)"/>
  </xsl:function>

</xsl:stylesheet>
