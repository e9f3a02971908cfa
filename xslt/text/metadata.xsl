<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a document is: title, date, sender and recipient, and the plain text of header fields.
  Shared by the plain-text edition (text/header.xsl) and by xslt/catalogue.xsl, so that the
  site manifest and the text edition can never disagree about a document's date or title.
  Self-contained: it includes nothing and reads no global parameter.

  $root in the functions below is the element that owns the teiHeader: TEI or teiCorpus.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- tp:plain: the normalised reading of some nodes as one line of text, for titles, names and
       header fields. Notes and deletions are left out; elements that are blocks or lines are
       set apart by a space so that their words do not run together. Every node kind has a
       template, so nothing reaches a built-in rule. -->
  <xsl:mode name="tp:plain" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:function name="tp:plain" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="tp:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(replace(replace(string-join($parts), '\s+', ' '),
                                                  ' ?&#xFDD2; ?', ''))"/>
  </xsl:function>

  <xsl:template match="text()" mode="tp:plain" as="xs:string">
    <xsl:sequence select="string(.)"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="tp:plain"/>

  <xsl:template match="*" mode="tp:plain" priority="-1" as="xs:string*">
    <xsl:apply-templates mode="tp:plain"/>
  </xsl:template>

  <xsl:template match="tei:note | tei:del | tei:rdg | tei:rdgGrp | tei:witDetail | tei:index
                       | tei:am | tei:pb | tei:cb | tei:milestone | tei:anchor | tei:ptr"
    mode="tp:plain"/>

  <xsl:template match="tei:choice" mode="tp:plain" as="xs:string*">
    <xsl:apply-templates select="tp:chosen(., 'normalised')" mode="tp:plain"/>
  </xsl:template>

  <xsl:template match="tei:app" mode="tp:plain" as="xs:string*">
    <xsl:apply-templates select="tp:app-reading(.)" mode="tp:plain"/>
  </xsl:template>

  <xsl:template match="tei:lb" mode="tp:plain" as="xs:string">
    <xsl:sequence select="if (@break = 'no') then '&#xFDD2;' else ' '"/>
  </xsl:template>

  <!-- Quotations keep their quotation marks, as in the text edition (see inline.xsl). -->
  <xsl:template match="tei:q | tei:said[not(@direct = 'false')] | tei:soCalled | tei:quote"
    mode="tp:plain" as="xs:string*">
    <xsl:variable name="marked" as="xs:boolean"
      select="matches(normalize-space(.), '^[&quot;“”„«»‘’‚‹›]')"/>
    <xsl:variable name="inner" as="xs:boolean"
      select="exists(ancestor::*[self::tei:q or self::tei:said or self::tei:soCalled or self::tei:quote])"/>
    <xsl:sequence select="if ($marked) then () else if ($inner) then '‘' else '“'"/>
    <xsl:apply-templates mode="tp:plain"/>
    <xsl:sequence select="if ($marked) then () else if ($inner) then '’' else '”'"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="tp:plain" as="xs:string">
    <xsl:sequence select="'[…]'"/>
  </xsl:template>

  <!-- Fields written without space between them (<forename>A</forename><surname>B</surname>,
       or the author, title and date of an element-only bibl) still read as separate words.
       Priority 1: such a field may also be a block-like element below. -->
  <xsl:template match="tei:*[tp:needs-space(.)]" mode="tp:plain" priority="1" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="tp:plain"/>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:head | tei:item | tei:label | tei:l | tei:lg
                       | tei:list | tei:row | tei:cell | tei:div | tei:dateline | tei:signed
                       | tei:salute | tei:addrLine" mode="tp:plain" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="tp:plain"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

  <!-- Elements that are fields of a name, a bibliographic reference or a manuscript
       identifier. Two of them side by side are two words even when the encoder wrote no
       space between them. -->
  <xsl:function name="tp:is-field" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="namespace-uri($element) eq 'http://www.tei-c.org/ns/1.0'
        and local-name($element) = ('forename', 'surname', 'roleName', 'addName', 'genName',
          'nameLink', 'persName', 'orgName', 'placeName', 'name', 'author', 'editor', 'title',
          'date', 'publisher', 'pubPlace', 'biblScope', 'citedRange', 'idno', 'respStmt', 'resp',
          'settlement', 'country', 'region', 'institution', 'repository', 'collection', 'msName',
          'edition', 'extent', 'series')"/>
  </xsl:function>

  <!-- A field directly after another field, with no text (not even a space) between. -->
  <xsl:function name="tp:needs-space" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tp:is-field($element)
        and exists($element/preceding-sibling::node()[1][self::*][tp:is-field(.)])"/>
  </xsl:function>

  <!-- ==================================================================================== -->
  <!-- Readings                                                                             -->
  <!-- ==================================================================================== -->

  <!-- The child of a choice that a reading shows. 'normalised' prefers expan, corr, reg;
       'diplomatic' prefers abbr, sic, orig. Without a preferred child (a choice of two segs,
       or an incomplete choice) the first element child is shown, so no text is lost. -->
  <xsl:function name="tp:chosen" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:param name="reading" as="xs:string"/>
    <xsl:variable name="order" as="xs:string*"
      select="if ($reading eq 'diplomatic') then ('abbr', 'sic', 'orig')
              else ('expan', 'corr', 'reg')"/>
    <xsl:sequence select="(for $name in $order return $choice/*[local-name() eq $name],
                           $choice/*)[1]"/>
  </xsl:function>

  <!-- The reading of an app that is shown: the lemma; failing that, the first reading. -->
  <xsl:function name="tp:lemma" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="($app/tei:lem, $app/tei:rdg, $app/tei:rdgGrp//tei:rdg)[1]"/>
  </xsl:function>

  <!-- What of an app is shown: its lemma, or, in an app without lem or rdg (an EpiDoc
       apparatus entry holding only a note), everything else it contains. -->
  <xsl:function name="tp:app-reading" as="node()*">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="lemma" as="element()?" select="tp:lemma($app)"/>
    <xsl:sequence select="if ($lemma) then $lemma
                          else $app/node()[not(self::tei:wit or self::tei:witDetail)]"/>
  </xsl:function>

  <!-- ==================================================================================== -->
  <!-- Document facts                                                                       -->
  <!-- ==================================================================================== -->

  <!-- The title: the first non-empty title of the titleStmt, else the first head of a body,
       else "Untitled". -->
  <xsl:function name="tp:title" as="xs:string">
    <xsl:param name="root" as="element()"/>
    <xsl:sequence select="(
        $root/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title ! tp:plain(.),
        ($root//tei:body//tei:head)[normalize-space()][1] ! tp:plain(.),
        'Untitled')[.][1]"/>
  </xsl:function>

  <!-- The correspDesc that describes this document: only when there is exactly one. A CMIF
       file lists many letters and is not itself a letter. -->
  <xsl:function name="tp:correspondence" as="element()?">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="descs" select="$root/tei:teiHeader/tei:profileDesc/tei:correspDesc"/>
    <xsl:sequence select="$descs[count($descs) eq 1]"/>
  </xsl:function>

  <!-- The date element that dates the document, tried in this order:
       1. correspDesc: the date of correspAction type="sent";
       2. profileDesc/creation//date;
       3. a date or origDate in sourceDesc with @when, @notBefore or @from (the original);
       4. publicationStmt/date type="created" (FRUS history documents put the document date
          there), then any publicationStmt/date.
       Dates that carry no usable value (see tp:iso-date) are skipped. -->
  <xsl:function name="tp:date-element" as="element()?">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="header" select="$root/tei:teiHeader"/>
    <xsl:sequence select="(
        tp:correspondence($root)/tei:correspAction[@type = 'sent']/tei:date,
        $header/tei:profileDesc/tei:creation//tei:date,
        $header/tei:fileDesc/tei:sourceDesc//(tei:date | tei:origDate)[@when or @notBefore or @from],
        $header/tei:fileDesc/tei:publicationStmt/tei:date[@type = ('created', 'creation')],
        $header/tei:fileDesc/tei:publicationStmt/tei:date
      )[exists(tp:iso-date(.))][1]"/>
  </xsl:function>

  <!-- The ISO form of a date element as written: @when, else @notBefore, else @from (then
       @notAfter, @to); else its text if that is an ISO date, year-month, year or dateTime. -->
  <xsl:function name="tp:iso-date" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="text" select="normalize-space($date)"/>
    <xsl:sequence select="(
        ($date/@when, $date/@notBefore, $date/@from, $date/@notAfter, $date/@to) ! normalize-space(.),
        $text[tp:is-iso-date(.)]
      )[.][1]"/>
  </xsl:function>

  <xsl:function name="tp:is-iso-date" as="xs:boolean">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="$value castable as xs:date or $value castable as xs:dateTime
                          or $value castable as xs:gYearMonth or $value castable as xs:gYear"/>
  </xsl:function>

  <!-- An ISO date in words: "5 November 1962", "November 1962", "5 November 1962, 14:30".
       Empty for a bare year (it needs no gloss) and for anything that is not ISO. -->
  <xsl:function name="tp:date-in-words" as="xs:string?">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="
        if ($iso castable as xs:date)
        then format-date(xs:date($iso), '[D] [MNn] [Y]', 'en', (), ())
        else if ($iso castable as xs:dateTime)
        then format-dateTime(xs:dateTime($iso), '[D] [MNn] [Y], [H01]:[m01]', 'en', (), ())
        else if ($iso castable as xs:gYearMonth)
        then format-date(xs:date(substring($iso, 1, 7) || '-01'), '[MNn] [Y]', 'en', (), ())
        else ()"/>
  </xsl:function>

  <!-- The names of a correspAction (persons, organisations, other names), as one string:
       "A", "A and B", "A, B and C". -->
  <xsl:function name="tp:names" as="xs:string?">
    <xsl:param name="action" as="element()?"/>
    <xsl:sequence select="tp:and-list($action/(tei:persName | tei:orgName | tei:name | tei:rs)
                                      ! tp:plain(.))"/>
  </xsl:function>

  <xsl:function name="tp:and-list" as="xs:string?">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:variable name="kept" select="$items[.]"/>
    <xsl:variable name="n" select="count($kept)"/>
    <xsl:sequence select="
        if ($n le 1) then $kept
        else string-join($kept[position() lt $n], ', ') || ' and ' || $kept[$n]"/>
  </xsl:function>

</xsl:stylesheet>
