<?xml version="1.0" encoding="UTF-8"?>
<!--
  The language of a document and of its header, as a BCP 47 tag for html/@lang.

  What the TEI says wins: TEI/@xml:lang, then text/@xml:lang, then the first language of
  langUsage. Many editions say nothing (the maechtekongresse protocols, FRUS); for them the
  language is recognised from the commonest short words of the text (notes left out), for the
  languages historians' editions are mostly in. No clear answer gives (): the caller falls back
  on the edition's language. Passages with an xml:lang of their own carry it (tp:attributes).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- Words frequent in running text of one language and rare in the others. -->
  <xsl:variable name="tp:language-markers" as="map(xs:string, xs:string*)" select="map {
    'de': ('der', 'die', 'das', 'und', 'nicht', 'mit', 'dem', 'den', 'des', 'sich', 'ist', 'ein', 'eine', 'auch', 'für', 'von', 'zu', 'wird', 'werden'),
    'fr': ('le', 'les', 'et', 'des', 'du', 'une', 'que', 'qui', 'dans', 'pour', 'pas', 'est', 'sur', 'par', 'au', 'aux', 'avec', 'été', 'sont'),
    'en': ('the', 'and', 'of', 'to', 'that', 'is', 'was', 'for', 'with', 'this', 'which', 'be', 'have', 'has', 'are', 'from', 'by'),
    'it': ('il', 'di', 'che', 'della', 'per', 'non', 'sono', 'gli', 'delle', 'nel', 'alla', 'dei', 'questo'),
    'es': ('el', 'los', 'las', 'y', 'que', 'del', 'por', 'con', 'una', 'para', 'como', 'pero', 'fue'),
    'la': ('et', 'est', 'quod', 'sed', 'ut', 'cum', 'ad', 'enim', 'atque', 'quae', 'qui', 'non', 'esse')
  }"/>

  <!-- Every marker word, for a quick first test of each word of a text. -->
  <xsl:variable name="tp:marker-words" as="map(xs:string, xs:boolean)" select="map:merge(
    for $k in map:keys($tp:language-markers) return $tp:language-markers($k) ! map { .: true() },
    map { 'duplicates': 'use-first' })" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <xsl:function name="tp:declared-language" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="(($tei/@xml:lang, $tei/tei:text/@xml:lang,
      $tei/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[1]/@ident)
      ! normalize-space(.))[matches(., '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$')][1]"/>
  </xsl:function>

  <!-- The language of the document's text: declared, else recognised, else (). -->
  <xsl:function name="tp:document-language" as="xs:string?" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="(tp:declared-language($tei),
      tp:recognised-language(($tei/tei:text/tei:body, $tei/tei:text, $tei)[1]))[1]"/>
  </xsl:function>

  <!-- The language of the header: its own xml:lang, else recognised from its words. -->
  <xsl:function name="tp:header-language" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="(($tei/tei:teiHeader/@xml:lang ! normalize-space(.))[matches(., '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$')],
      tp:recognised-language($tei/tei:teiHeader))[1]"/>
  </xsl:function>

  <!-- The first 3,000 words of a text (notes and registers left out), in lower case. Words are
       runs of letters. Saxon's regular expressions cost about half a microsecond per character,
       so common punctuation and digits first become spaces (one translate), and only the tokens
       that still hold something other than common Latin letters (other scripts, rarer signs)
       go through one; the others are words as they are. A text with no such token at all is
       not even looked at token by token. -->
  <xsl:function name="tp:words" as="xs:string*">
    <xsl:param name="text" as="element()?"/>
    <xsl:variable name="spaced" as="xs:string" select="translate(lower-case(string-join(
      $text//text()[not(ancestor::tei:note or ancestor::tei:listPerson or ancestor::tei:listPlace
      or ancestor::tei:listOrg or ancestor::tei:listBibl)], ' ')), $tp:common-signs, $tp:as-spaces)"/>
    <xsl:variable name="tokens" as="xs:string*" select="tokenize($spaced)"/>
    <xsl:sequence select="subsequence(
        if (translate($spaced, $tp:latin-letters || ' &#9;&#10;&#13;', '') eq '') then $tokens
        else $tokens ! (if (translate(., $tp:latin-letters, '') eq '') then .
                        else tokenize(replace(., '[^\p{L}]', ' '))),
        1, 3000)"/>
  </xsl:function>

  <!-- Punctuation, digits and spaces that are not XML whitespace: none is a letter. -->
  <xsl:variable name="tp:common-signs" as="xs:string"
    select="'.,;:!?¡¿()[]{}&quot;''«»‹›„“”‘’‚-–—/\|_*&amp;§%+=&lt;&gt;#@~0123456789…·°&#xA0;&#x2009;&#x202F;'"/>
  <xsl:variable name="tp:as-spaces" as="xs:string"
    select="string-join(string-to-codepoints($tp:common-signs) ! ' ')"/>

  <xsl:variable name="tp:latin-letters" as="xs:string"
    select="'abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœ'"/>

  <!-- The language whose marker words are most frequent among the first 3,000 words, when
       there are enough of them and twice as many as any other language's. -->
  <xsl:function name="tp:recognised-language" as="xs:string?">
    <xsl:param name="text" as="element()?"/>
    <xsl:variable name="markers" as="xs:string*" select="tp:words($text)[map:contains($tp:marker-words, .)]"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:variable name="scores" as="map(xs:string, xs:integer)" select="map:merge(
      for $k in map:keys($tp:language-markers) return map { $k: count($markers[. = $tp:language-markers($k)]) })"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:variable name="ranked" as="xs:string*" select="sort(sort(map:keys($scores)), (), function($k) { -$scores($k) })"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:sequence select="$ranked[1][$scores(.) ge 5 and $scores(.) ge 2 * $scores($ranked[2])]"/>
  </xsl:function>

</xsl:stylesheet>
