<?xml version="1.0" encoding="UTF-8"?>
<!--
  String functions for text as long as a paragraph or a page, written without regular
  expressions: Saxon's regular expressions cost about 0.2 µs per character of the text as soon
  as they have a quantifier or an alternative (a single character class or a literal string is
  fast), which made whitespace clean-up the largest cost of a page. Each function says which
  replace() it stands for; the results are the same.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- $text without the characters of $chars at its end. -->
  <xsl:function name="tp:trim-end" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="chars" as="xs:string"/>
    <xsl:variable name="codepoints" as="xs:integer*" select="string-to-codepoints($text)"/>
    <xsl:variable name="trimmed" as="xs:integer*" select="string-to-codepoints($chars)"/>
    <!-- Most text does not end in one of them: then it is returned without being taken apart. -->
    <xsl:sequence select="if (not(contains($chars, substring($text, string-length($text))))) then $text
        else substring($text, 1,
          (for $i in reverse(1 to count($codepoints)) return $i[not($codepoints[$i] = $trimmed)], 0)[1])"/>
  </xsl:function>

  <!-- The whitespace runs of $text as single spaces, as replace($text, '\s+', ' ') makes them. -->
  <xsl:function name="tp:collapsed" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="words" as="xs:string" select="normalize-space($text)"/>
    <xsl:sequence select="if ($words eq '') then substring(' ', 1, string-length($text))
        else (if (tp:is-space(substring($text, 1, 1))) then ' ' else '') || $words
             || (if (tp:is-space(substring($text, string-length($text)))) then ' ' else '')"/>
  </xsl:function>

  <xsl:function name="tp:is-space" as="xs:boolean">
    <xsl:param name="char" as="xs:string"/>
    <xsl:sequence select="contains('&#x20;&#x9;&#xA;&#xD;', $char)"/>
  </xsl:function>

  <!-- $text (with single spaces) with each $char and one space on either side of it replaced by
       $by, as replace($text, ' ?C ?', $by) does. $char is one character that is not special in
       a regular expression. -->
  <xsl:function name="tp:closed-up" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="char" as="xs:string"/>
    <xsl:param name="by" as="xs:string"/>
    <xsl:sequence select="if (not(contains($text, $char))) then $text
        else let $parts := tokenize($text, $char)
             return string-join(
               for $i in 1 to count($parts)
               return let $part := $parts[$i],
                          $start := if ($i gt 1 and starts-with($part, ' ')) then 2 else 1
                      return substring($part, $start, string-length($part) - $start + 1
                                       - (if ($i lt count($parts) and ends-with($part, ' ')) then 1 else 0)),
               $by)"/>
  </xsl:function>

</xsl:stylesheet>
