<?xml version="1.0" encoding="UTF-8"?>
<!--
  What both editions (HTML and text) say in the interface language: dates, with month names and
  the words of ranges and certainty from words.xsl ("1. Oktober 1822", "entre 1 et 15 octobre
  1822 (incertain)"), and the details that follow a register entry's name. It needs words.xsl;
  the catalogue has no interface language and keeps to common/dates.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- An ISO value in words in the interface language: "1 October 1822", "1. Oktober 1822",
       "1 octobre 1822", "October 1822", "1822", "10 BCE"; anything else as written. -->
  <xsl:function name="tp:local-date" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="v" as="xs:string" select="normalize-space($value)"/>
    <xsl:variable name="year" as="xs:integer?" select="tp:iso-year($v)"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize(replace($v, '^-?\d{4,}-?', ''), '[-T]')"/>
    <xsl:variable name="month" as="xs:integer?" select="$parts[1][matches(., '^\d{2}$')] ! xs:integer(.)[. = 1 to 12]"/>
    <xsl:variable name="day" as="xs:integer?" select="$parts[2][matches(., '^\d{2}$')][exists($month)] ! xs:integer(.)"/>
    <xsl:sequence select="if (empty($year)) then $v
      else string-join(($day ! tp:local-day(.), $month ! tp:word('month-' || .),
                        if ($year lt 0) then abs($year) || ' ' || tp:word('bce') else string($year)), ' ')"/>
  </xsl:function>

  <xsl:function name="tp:local-day" as="xs:string">
    <xsl:param name="day" as="xs:integer"/>
    <xsl:sequence select="string($day) || (if ($tp:ui-language eq 'de') then '.' else '')"/>
  </xsl:function>

  <!-- What a date's attributes say, in the interface language: "1 October 1822", "1 October
       1822 – 15 October 1822", "between 1 and 15 October 1822", "not before 1822", and
       "(uncertain)" for @cert low, medium or unknown, "(approximate)" for a low or medium
       @precision. Works on a TEI date (or birth, death …) and on the manifest's s:dated. '' when
       there are none. -->
  <xsl:function name="tp:local-date-range" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="a" as="xs:string" select="normalize-space(($date/@notBefore, $date/@from)[1])"/>
    <xsl:variable name="b" as="xs:string" select="normalize-space(($date/@notAfter, $date/@to)[1])"/>
    <xsl:variable name="range" as="xs:string" select="
      if (normalize-space($date/@when)) then tp:local-date($date/@when)
      else if ($date/@from or $date/@to) then string-join(($a, $b)[. ne ''] ! tp:local-date(.), ' – ')
      else if ($a ne '' and $b ne '' and substring($a, 1, 7) eq substring($b, 1, 7) and string-length($a) eq 10 and string-length($b) eq 10)
      then tp:word('between') || ' ' || tp:local-day(xs:integer(substring($a, 9))) || ' ' || tp:word('and') || ' ' || tp:local-date($b)
      else if ($a ne '' and $b ne '') then tp:word('between') || ' ' || tp:local-date($a) || ' ' || tp:word('and') || ' ' || tp:local-date($b)
      else if ($a ne '') then tp:word('not-before') || ' ' || tp:local-date($a)
      else if ($b ne '') then tp:word('not-after') || ' ' || tp:local-date($b)
      else ''"/>
    <xsl:sequence select="if ($range eq '') then '' else $range || tp:local-certainty($date)"/>
  </xsl:function>

  <!-- " (uncertain)", " (approximate)" or ''. -->
  <xsl:function name="tp:local-certainty" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="string-join((
      (' (' || tp:word('uncertain') || ')')[$date/@cert = ('low', 'medium', 'unknown')],
      (' (' || tp:word('approximate') || ')')[$date/@precision = ('low', 'medium')]))"/>
  </xsl:function>

  <!-- A date-like element as the interface shows it: its own words (with its certainty), else
       what its attributes say. -->
  <xsl:function name="tp:local-date-label" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="text" as="xs:string" select="tp:plain($date)"/>
    <xsl:sequence select="if ($text ne '') then $text || tp:local-certainty($date) else tp:local-date-range($date)"/>
  </xsl:function>

  <!-- What follows the label: life dates ("1790–1850") and the entry's notes. Coordinates,
       identifiers and URLs are data for the register pages, not words to read. -->
  <xsl:function name="tp:entry-details" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="life" as="xs:string*" select="($entry/tei:birth[1], $entry/tei:death[1]) ! tp:local-date-label(.)"/>
    <xsl:sequence select="if ($entry/(self::tei:person | self::tei:personGrp | self::tei:place | self::tei:org))
                          then (string-join($life[.], '–')[.], $entry/tei:note ! tp:plain(.))[.]
                          else ()"/>
  </xsl:function>

</xsl:stylesheet>
