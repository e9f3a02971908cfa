<?xml version="1.0" encoding="UTF-8"?>
<!--
  The top of the plain-text edition, read from the teiHeader:

    Title of the document, wrapped        (underlined with '=')

    Date:        1962-11-05 (5 November 1962)
    From:        Anatoly F. Dobrynin, Washington
    …

    Summary                               (underlined with '-')

  Fields appear only when the header has them; labels take 13 columns and long values hang
  under the first column of the value.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- Width of the label column of the header fields ("Translation: " is the longest). -->
  <xsl:variable name="tp:label-width" as="xs:integer" select="13"/>

  <!-- Title, header fields, Summary and (for a list of letters) Letters of a TEI or teiCorpus
       element, which is the context item. -->
  <xsl:template name="tp:front-matter" as="xs:string*">
    <xsl:sequence select="tp:underline(tp:wrap(tp:title(.), $tp:width, 0), '=', 0)"/>
    <xsl:sequence select="string-join(tp:header-fields(.), $tp:NL)"/>
    <xsl:sequence select="tp:section(tp:word('summary'), tp:summary-blocks(.))"/>
    <xsl:sequence select="tp:section(tp:word('letters'), tp:letters-blocks(.))"/>
  </xsl:template>

  <xsl:function name="tp:header-fields" as="xs:string*">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="file" select="$root/tei:teiHeader/tei:fileDesc"/>
    <xsl:variable name="letter" select="tp:correspondence($root)"/>
    <xsl:sequence select="
        tp:field(tp:label-word('date'), tp:date-element($root) ! tp:date-display(.)),
        tp:field(tp:label-word('from'), tp:party($letter/tei:correspAction[@type = 'sent'][1])),
        tp:field(tp:label-word('to'), tp:party($letter/tei:correspAction[@type = 'received'][1])),
        tp:field(tp:label-word('source'), $file/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:biblFull | tei:p
                                                 | tei:listBibl/tei:bibl) ! tp:source-lines(.)),
        tp:field(tp:label-word('original'), $file/tei:sourceDesc//tei:msDesc ! tp:original-lines(.)),
        tp:field(tp:label-word('translation'), tp:translation($file)),
        tp:field(tp:label-word('licence'), $file/tei:publicationStmt/tei:availability ! tp:licence-lines(.))"/>
  </xsl:function>

  <!-- One field: the label, then each value line wrapped with a hanging indent. Repeated
       lines (two bibls giving the same URL) are shown once. An address is never broken from
       its "URL:" label; a long one runs past the line width rather than being split. -->
  <!-- A field's label: the interface word and a colon. -->
  <xsl:function name="tp:label-word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="tp:word($key) || ':'"/>
  </xsl:function>

  <xsl:function name="tp:field" as="xs:string?">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="lines" as="xs:string*"/>
    <xsl:variable name="kept" as="xs:string*" select="distinct-values($lines[normalize-space()])"/>
    <xsl:if test="exists($kept)">
      <xsl:sequence select="tp:label($label,
          string-join($kept ! (if (starts-with(., 'URL: ')) then tp:spaces($tp:label-width) || .
                               else tp:wrap(., $tp:width, $tp:label-width)), $tp:NL),
          0, $tp:label-width)"/>
    </xsl:if>
  </xsl:function>

  <!-- "1962-11-05 (5 November 1962)"; a range as "1818-09/1818-10 (September 1818 to October
       1818)", "1822-10-01/1822-10-15 (between 1 October 1822 and 15 October 1822)"; a date
       without ISO value as its words; "(uncertain)" after a date whose @cert is low, medium or
       unknown, "(approximate)" after a low or medium @precision. The words are in the
       interface language ("1962-11-05 (5. November 1962)"). -->
  <xsl:function name="tp:date-display" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="tp:date-range-display($date) || tp:local-certainty($date)"/>
  </xsl:function>

  <xsl:function name="tp:date-range-display" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="start" select="($date/@from, $date/@notBefore)[1] ! normalize-space(.)"/>
    <xsl:variable name="end" select="($date/@to, $date/@notAfter)[1] ! normalize-space(.)"/>
    <xsl:variable name="when" select="normalize-space($date/@when)"/>
    <xsl:sequence select="
        if ($when) then tp:with-words($when, tp:gloss($when))
        else if ($start and $end)
        then tp:with-words($start || '/' || $end,
               if ($date/@from or $date/@to)
               then string-join((tp:gloss($start), tp:gloss($end)), ' ' || tp:word('date-to') || ' ')
                      [exists(tp:gloss($start)) and exists(tp:gloss($end))]
               else tp:word('between') || ' ' || (tp:gloss($start), $start)[1] || ' '
                    || tp:word('and') || ' ' || (tp:gloss($end), $end)[1])
        else if ($start)
        then tp:with-words($start, tp:word(if ($date/@from) then 'date-from' else 'not-before') || ' '
                                   || (tp:gloss($start), $start)[1])
        else if ($end)
        then tp:with-words($end, tp:word(if ($date/@to) then 'date-until' else 'not-after') || ' '
                                 || (tp:gloss($end), $end)[1])
        else (tp:date-value($date), tp:plain($date))[.][1]"/>
  </xsl:function>

  <!-- An ISO value in words, when the words say more than the value ("1962" says it all). -->
  <xsl:function name="tp:gloss" as="xs:string?">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="tp:local-date($iso)[. ne $iso]"/>
  </xsl:function>

  <xsl:function name="tp:with-words" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:param name="words" as="xs:string?"/>
    <xsl:sequence select="$iso || (if ($words) then ' (' || $words || ')' else '')"/>
  </xsl:function>

  <!-- Who and where: "Anatoly F. Dobrynin, Washington". -->
  <xsl:function name="tp:party" as="xs:string?">
    <xsl:param name="action" as="element()?"/>
    <xsl:variable name="parts" select="(tp:names($action),
                                        tp:and-list($action/tei:placeName ! tp:plain(.)))[.]"/>
    <xsl:sequence select="string-join($parts, ', ')[exists($parts)]"/>
  </xsl:function>

  <!-- A source: the citation the bibl gives (note type="citation"), else its text; a bibl
       made of fields only (author, title, date …) is read as the fields joined by commas.
       Addresses (idno of a URL type, ptr, ref targets) follow on lines of their own. -->
  <xsl:function name="tp:source-lines" as="xs:string*">
    <xsl:param name="source" as="element()"/>
    <xsl:variable name="citation" select="$source/tei:note[@type = 'citation'][1]"/>
    <xsl:variable name="parts" select="$source/node()[not(tp:is-url-idno(.) or self::tei:ptr
                                                          or self::tei:note)]"/>
    <xsl:variable name="text" as="xs:string" select="
        if ($citation) then tp:plain($citation/node())
        else if ($parts[self::text()][normalize-space()]) then tp:plain($parts)
        else string-join($parts[self::*] ! tp:plain(.)[.], ', ')"/>
    <xsl:sequence select="$text, tp:urls($source)[not(contains($text, .))] ! ('URL: ' || .)"/>
  </xsl:function>

  <xsl:function name="tp:is-url-idno" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/self::tei:idno[lower-case(@type) = ('url', 'uri')
                                                      or starts-with(normalize-space(.), 'http')])"/>
  </xsl:function>

  <!-- Web addresses given in an element: URL idnos, and the targets of ref and ptr. -->
  <xsl:function name="tp:urls" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="distinct-values((
        $element//tei:idno[tp:is-url-idno(.)] ! normalize-space(.),
        $element//(tei:ref | tei:ptr)/@target ! tokenize(., '\s+'))
      [matches(., '^https?://')])"/>
  </xsl:function>

  <!-- A manuscript: where it is kept (place, institution, repository, collection, shelfmark),
       then its provenance. -->
  <xsl:function name="tp:original-lines" as="xs:string*">
    <xsl:param name="ms" as="element()"/>
    <xsl:variable name="id" select="$ms/tei:msIdentifier"/>
    <xsl:variable name="where" select="
        ($id/(tei:settlement | tei:institution | tei:repository | tei:collection | tei:msName),
         $id//tei:idno[not(tei:idno)]) ! tp:plain(.)"/>
    <xsl:sequence select="string-join($where[.], ', '),
                          $ms/tei:history/tei:provenance ! tp:plain(.)"/>
  </xsl:function>

  <!-- Translators: the names of each respStmt whose resp speaks of translation, with the
       language named after "from" in the resp: "John Henriksen (from Russian)". The
       respStmts of the titleStmt and editionStmt are the edition's own; those of a source
       bibl are read only when the edition names no translator. -->
  <xsl:function name="tp:translation" as="xs:string*">
    <xsl:param name="file" as="element()*"/>
    <xsl:variable name="own" select="$file/(tei:titleStmt | tei:editionStmt)//tei:respStmt"/>
    <xsl:variable name="all" select="$file//tei:respStmt"/>
    <xsl:variable name="translators" select="if (some $s in $own satisfies tp:is-translation($s))
                                             then $own[tp:is-translation(.)]
                                             else $all[tp:is-translation(.)]"/>
    <xsl:sequence select="distinct-values(
        for $stmt in $translators return
        let $names := tp:and-list($stmt/(tei:persName | tei:name | tei:orgName) ! tp:plain(.)),
            $from := replace(tp:plain($stmt/tei:resp), '^(.*?\s)?from\s+(.+)$', '$2', 'i')
        return $names || (if ($from ne tp:plain($stmt/tei:resp)) then ' (from ' || $from || ')' else ''))"/>
  </xsl:function>

  <xsl:function name="tp:is-translation" as="xs:boolean">
    <xsl:param name="stmt" as="element()"/>
    <xsl:sequence select="some $resp in $stmt/tei:resp satisfies matches($resp, 'ransl', 'i')"/>
  </xsl:function>

  <!-- The licence text, then its address when the text does not already give it. -->
  <xsl:function name="tp:licence-lines" as="xs:string*">
    <xsl:param name="availability" as="element()"/>
    <xsl:for-each select="($availability/tei:licence, $availability/tei:p[empty($availability/tei:licence)])">
      <xsl:variable name="text" select="tp:plain(.)"/>
      <xsl:sequence select="$text, (@target ! tokenize(., '\s+'))[not(contains($text, .))]
                                     ! ((if ($text) then 'URL: ' else '') || .)"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The abstract, laid out like the text. -->
  <xsl:function name="tp:summary-blocks" as="xs:string*">
    <xsl:param name="root" as="element()"/>
    <xsl:for-each select="$root/tei:teiHeader/tei:profileDesc/tei:abstract">
      <xsl:call-template name="tp:blocks"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A header that describes several letters (a CMIF file): one line per letter,
       "1792-11-22  Samuel Thomas Soemmerring (Mainz) to Melchior von Birkenstock (Wien)". -->
  <xsl:function name="tp:letters-blocks" as="xs:string*">
    <xsl:param name="root" as="element()"/>
    <xsl:variable name="letters" select="$root/tei:teiHeader/tei:profileDesc/tei:correspDesc"/>
    <xsl:if test="count($letters) gt 1">
      <xsl:variable name="entries" as="xs:string*" select="
          for $letter in $letters return
          let $sent := $letter/tei:correspAction[@type = 'sent'][1],
              $received := $letter/tei:correspAction[@type = 'received'][1],
              $date := ($sent/tei:date ! tp:date-value(.), 'undated')[1]
          return tp:label($date, tp:wrap(string-join((tp:with-place($sent),
                                                      tp:with-place($received))[.], ' to '),
                                         $tp:width, 12), 0, 12)"/>
      <xsl:sequence select="if (some $e in $entries satisfies tp:is-multiline($e)) then $entries
                            else ($entries[1], subsequence($entries, 2) ! ($tp:TIGHT || .))"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tp:with-place" as="xs:string?">
    <xsl:param name="action" as="element()?"/>
    <xsl:variable name="place" select="tp:and-list($action/tei:placeName ! tp:plain(.))"/>
    <xsl:sequence select="(tp:names($action), 'unknown')[.][1][exists($action)]
                          || (if ($place) then ' (' || $place || ')' else '')"/>
  </xsl:function>

</xsl:stylesheet>
