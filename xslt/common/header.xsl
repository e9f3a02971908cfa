<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a document is, read from its teiHeader: title, authors, date, sender and recipient.
  One definition for the HTML page, the plain-text edition and the catalogue record (the index
  and the reading order), so that they never disagree about a document's date or title.

  $root in the functions below is the element that owns the teiHeader: TEI or teiCorpus.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- The title: the titleStmt's main titles joined (a series of protocols all called
       "Kongress von Verona" is told apart by its further main titles), else its first non-empty
       title, else the first head of a body, else "Untitled". -->
  <xsl:function name="tp:title" as="xs:string">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="main" as="xs:string*"
      select="$root/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type = 'main'] ! tp:plain(.)"/>
    <xsl:sequence select="(
        string-join($main[.], ' – '),
        $root/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title ! tp:plain(.),
        ($root//tei:body//tei:head)[normalize-space()][1] ! tp:plain(.),
        'Untitled')[.][1]"/>
  </xsl:function>

  <!-- The authors of the work: titleStmt/author, else the author of the source's bibl. -->
  <xsl:function name="tp:authors" as="xs:string?">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="file" select="$root/tei:teiHeader/tei:fileDesc"/>
    <xsl:variable name="own" as="xs:string*" select="$file/tei:titleStmt/tei:author ! tp:plain(.)"/>
    <xsl:sequence select="tp:and-list(if (exists($own[.])) then $own
        else ($file/tei:sourceDesc/(tei:bibl | tei:biblStruct/*)/tei:author)[1] ! tp:plain(.))"/>
  </xsl:function>

  <!-- The correspDesc that describes this document: only when there is exactly one. A CMIF
       file lists many letters and is not itself a letter. -->
  <xsl:function name="tp:correspondence" as="element()?">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="descs" select="$root/tei:teiHeader/tei:profileDesc/tei:correspDesc"/>
    <xsl:sequence select="$descs[count($descs) eq 1]"/>
  </xsl:function>

  <!-- The correspAction of the letter that sends ('sent') or receives ('received') it. -->
  <xsl:function name="tp:correspondent" as="element()?">
    <xsl:param name="root" as="element()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="tp:correspondence($root)/tei:correspAction[@type = $type][1]"/>
  </xsl:function>

  <!-- The people (or organisations) and the places of a correspAction. -->
  <xsl:function name="tp:party-names" as="element()*">
    <xsl:param name="action" as="element()?"/>
    <xsl:sequence select="$action/(tei:persName | tei:orgName | tei:name | tei:rs)"/>
  </xsl:function>

  <xsl:function name="tp:party-places" as="element()*">
    <xsl:param name="action" as="element()?"/>
    <xsl:sequence select="$action/tei:placeName"/>
  </xsl:function>

  <!-- The names of a correspAction as one string: "A", "A and B", "A, B and C". -->
  <xsl:function name="tp:names" as="xs:string?">
    <xsl:param name="action" as="element()?"/>
    <xsl:sequence select="tp:and-list(tp:party-names($action) ! tp:plain(.))"/>
  </xsl:function>

  <xsl:function name="tp:and-list" as="xs:string?">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:variable name="kept" select="$items[.]"/>
    <xsl:variable name="n" select="count($kept)"/>
    <xsl:sequence select="
        if ($n le 1) then $kept
        else string-join($kept[position() lt $n], ', ') || ' and ' || $kept[$n]"/>
  </xsl:function>

  <!-- The date element that dates the document, tried in this order:
       1. correspDesc: the date of correspAction type="sent";
       2. profileDesc/creation//date;
       3. the date of the original in sourceDesc (origDate, origin//date), then any other date
          in sourceDesc (the edition transcribed);
       4. publicationStmt/date type="created" (FRUS history documents put the document date
          there). Any other publicationStmt/date is the date of the digital edition, never the
          document's: a document without one of the above is undated (issue 8: no invented dates).
       A date counts when it has an ISO value (tp:date-value) or words of its own ("Imperial",
       "o.D."); such a date is shown as written and sorts with the undated documents. -->
  <xsl:function name="tp:date-element" as="element()?">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="header" select="$root/tei:teiHeader"/>
    <xsl:variable name="source" select="$header/tei:fileDesc/tei:sourceDesc"/>
    <xsl:sequence select="(
        tp:correspondent($root, 'sent')/tei:date,
        $header/tei:profileDesc/tei:creation//tei:date,
        $source//(tei:origDate | tei:origin//tei:date),
        $source//tei:date,
        $header/tei:fileDesc/tei:publicationStmt/tei:date[@type = ('created', 'creation')]
      )[exists(tp:date-value(.)) or tp:plain(.) ne ''][1]"/>
  </xsl:function>

  <!-- The ISO value of a date element: @when, else @notBefore, else @from (then @notAfter,
       @to); else its text when that is an ISO date, year-month, year or dateTime. -->
  <xsl:function name="tp:date-value" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="text" select="normalize-space($date)"/>
    <xsl:sequence select="(
        ($date/@when, $date/@notBefore, $date/@from, $date/@notAfter, $date/@to) ! normalize-space(.),
        $text[tp:is-iso-date(.)]
      )[.][1]"/>
  </xsl:function>

  <!-- The document's ISO date, or (). -->
  <xsl:function name="tp:document-date" as="xs:string?">
    <xsl:param name="root" as="element()"/>
    <xsl:sequence select="tp:date-element($root) ! tp:date-value(.)"/>
  </xsl:function>

</xsl:stylesheet>
