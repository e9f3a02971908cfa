<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the registers → persons.html, places.html or organisations.html.

  Initial match selection: the registers document (tp:registers holding tei:person, tei:place,
  tei:org). It is also the global context item: names inside register notes link to other
  entries through the same code as the document pages (names.xsl reads $registers).

  Each entry: anchor id = its xml:id; preferred name as heading; variant names, life dates or
  type, note, authority links (Wikidata, VIAF, GND, GeoNames …), and the documents that
  mention it (from the manifest). Entries are sorted by preferred name (surname first for
  persons that have one) and grouped by initial.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:include href="html-attributes.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="../common/rules.xsl"/>
  <xsl:include href="manifest.xsl"/>
  <xsl:include href="entities.xsl"/>
  <xsl:include href="frame.xsl"/>
  <xsl:include href="text.xsl"/>

  <!-- The site manifest (s:site): document titles and links, s:entity/s:mention records. -->
  <xsl:param name="site" as="document-node()" required="yes"/>

  <!-- Which register: 'person' | 'place' | 'org'. -->
  <xsl:param name="kind" as="xs:string" required="yes"/>

  <xsl:global-context-item as="document-node()" use="required"/>

  <xsl:variable name="registers" as="document-node()" select="."/>

  <xsl:variable name="tp:collation" as="xs:string"
    select="'http://www.w3.org/2013/collation/UCA?lang=en;strength=secondary;fallback=yes'"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="tp:register-entry" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="document-node()">
    <xsl:if test="not($kind = map:keys($tp:register-pages))" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
      <xsl:message terminate="yes" error-code="tp:bad-kind">register.xsl: $kind must be 'person', 'place' or 'org', not '{$kind}'</xsl:message>
    </xsl:if>
    <xsl:variable name="title" as="xs:string" select="$tp:register-titles($kind)"/>
    <xsl:variable name="entries" as="element()*" select="*/*[local-name() eq $kind][@xml:id]"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="site-title" select="tp:site-title($site)"/>
      <xsl:with-param name="current" select="$kind"/>
      <xsl:with-param name="content" as="node()*">
        <h1>{$title}</h1>
        <xsl:choose>
          <xsl:when test="empty($entries)">
            <p class="empty">No entries.</p>
          </xsl:when>
          <xsl:when test="count($entries) le $tp:group-threshold">
            <p class="lead">{count($entries)} {if (count($entries) eq 1) then 'entry' else 'entries'}.</p>
            <xsl:apply-templates select="tp:sort-entries($entries)" mode="tp:register-entry">
              <xsl:with-param name="heading" select="'h2'"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="groups" as="element(group)*">
              <xsl:for-each-group select="$entries" group-by="tp:initial(.)">
                <xsl:sort select="current-grouping-key()" collation="{$tp:collation}"/>
                <group initial="{current-grouping-key()}">
                  <xsl:apply-templates select="tp:sort-entries(current-group())" mode="tp:register-entry">
                    <xsl:with-param name="heading" select="'h3'"/>
                  </xsl:apply-templates>
                </group>
              </xsl:for-each-group>
            </xsl:variable>
            <p class="lead">{count($entries)} entries.</p>
            <nav class="initials" aria-label="Initials">
              <ul>
                <xsl:for-each select="$groups">
                  <li><a href="#tp-initial-{position()}">{@initial}</a></li>
                </xsl:for-each>
              </ul>
            </nav>
            <xsl:for-each select="$groups">
              <section class="initial" aria-labelledby="tp-initial-{position()}">
                <h2 id="tp-initial-{position()}">{@initial}</h2>
                <xsl:sequence select="node()"/>
              </section>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Registers longer than this are grouped by initial, with a letter navigation. -->
  <xsl:variable name="tp:group-threshold" as="xs:integer" select="30"/>

  <xsl:function name="tp:sort-entries" as="element()*">
    <xsl:param name="entries" as="element()*"/>
    <xsl:perform-sort select="$entries">
      <xsl:sort select="tp:entity-sort-key(.)" collation="{$tp:collation}"/>
      <xsl:sort select="string(@xml:id)"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- The letter an entry is filed under: the first letter of its sort key without accents,
       or '#' for keys that do not start with a letter. -->
  <xsl:function name="tp:initial" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="first" as="xs:string"
      select="upper-case(replace(normalize-unicode(substring(tp:entity-sort-key($entity), 1, 1), 'NFD'), '\p{M}', ''))"/>
    <xsl:sequence select="if (matches($first, '^\p{L}$')) then $first else '#'"/>
  </xsl:function>

  <xsl:template match="tei:person | tei:place | tei:org" mode="tp:register-entry">
    <xsl:param name="heading" as="xs:string" select="'h2'"/>
    <xsl:variable name="names" as="element()*" select="tp:entity-names(.)"/>
    <xsl:variable name="record" as="element(s:entity)?" select="tp:entity-record($site, @xml:id)"/>
    <article class="entry {local-name()}" id="{@xml:id}">
      <xsl:element name="{$heading}">{tp:entity-label(.)}</xsl:element>
      <xsl:variable name="fields" as="element()*">
        <xsl:call-template name="tp:entry-field">
          <xsl:with-param name="label" select="'Also known as'"/>
          <xsl:with-param name="values" select="tail($names) ! tp:variant-name(.)"/>
        </xsl:call-template>
        <xsl:call-template name="tp:entry-field">
          <xsl:with-param name="label" select="'Life'"/>
          <xsl:with-param name="values" select="tp:life-dates(.)"/>
        </xsl:call-template>
        <xsl:call-template name="tp:entry-field">
          <xsl:with-param name="label" select="'Type'"/>
          <xsl:with-param name="values" select="normalize-space(@type)[. ne '']"/>
        </xsl:call-template>
        <xsl:call-template name="tp:entry-field">
          <xsl:with-param name="label" select="'Coordinates'"/>
          <xsl:with-param name="values" select="tei:location/tei:geo ! normalize-space(.)[. ne '']"/>
        </xsl:call-template>
        <xsl:for-each select="tei:note[normalize-space()]">
          <dt>Note</dt>
          <dd class="note">
            <xsl:apply-templates mode="tp:text"/>
          </dd>
        </xsl:for-each>
        <xsl:call-template name="tp:authority-links"/>
        <xsl:call-template name="tp:mentions">
          <xsl:with-param name="record" select="$record"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="exists($fields)">
        <dl class="entry-fields">
          <xsl:sequence select="$fields"/>
        </dl>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- dt + dd with the values joined, or nothing. -->
  <xsl:template name="tp:entry-field" as="element()*">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="values" as="xs:string*"/>
    <xsl:if test="exists($values[. ne ''])">
      <dt>{$label}</dt>
      <dd>{string-join($values[. ne ''], '; ')}</dd>
    </xsl:if>
  </xsl:template>

  <!-- "Aix-la-Chapelle (fr)" -->
  <xsl:function name="tp:variant-name" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="lang" as="xs:string" select="normalize-space($name/@xml:lang)"/>
    <xsl:sequence select="tp:plain($name) || (if ($lang ne '' and tp:plain($name) ne '') then ' (' || $lang || ')' else '')"/>
  </xsl:function>

  <!-- "1766–1822", "born 1919", "died 1968". -->
  <xsl:function name="tp:life-dates" as="xs:string?">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="born" as="xs:string" select="string(($entity/tei:birth)[1] ! tp:date-label(.))"/>
    <xsl:variable name="died" as="xs:string" select="string(($entity/tei:death)[1] ! tp:date-label(.))"/>
    <xsl:sequence select="
      if ($born ne '' and $died ne '') then $born || (if (contains($born || $died, ' ')) then ' – ' else '–') || $died
      else if ($born ne '') then 'born ' || $born
      else if ($died ne '') then 'died ' || $died
      else ()"/>
  </xsl:function>

  <!-- What an authority URI is called: Wikidata, VIAF, GND, GeoNames …; else the idno's type
       or the host name. -->
  <xsl:function name="tp:authority-label" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:param name="type" as="xs:string?"/>
    <xsl:variable name="u" as="xs:string" select="lower-case($url)"/>
    <xsl:sequence select="
      if (contains($u, 'wikidata.org')) then 'Wikidata'
      else if (contains($u, 'viaf.org')) then 'VIAF'
      else if (contains($u, 'd-nb.info/gnd') or contains($u, '/gnd/')) then 'GND'
      else if (contains($u, 'geonames.org')) then 'GeoNames'
      else if (contains($u, 'orcid.org')) then 'ORCID'
      else if (contains($u, 'id.loc.gov')) then 'Library of Congress'
      else if (contains($u, 'wikipedia.org')) then 'Wikipedia'
      else if (matches(normalize-space($type), '^[\p{L}\p{N} ._-]+$') and not(lower-case(normalize-space($type)) = ('uri', 'url'))) then normalize-space($type)
      else replace($url, '^[a-zA-Z]+://(www\.)?([^/]+).*$', '$2')"/>
  </xsl:function>

  <!-- Authority identifiers: web URIs become links, other idnos are listed as text. -->
  <xsl:template name="tp:authority-links" as="element()*">
    <xsl:variable name="idnos" as="element(tei:idno)*" select="tei:idno[normalize-space()]"/>
    <xsl:if test="exists($idnos)">
      <dt>Authority files</dt>
      <dd class="authorities">
        <xsl:for-each select="$idnos">
          <xsl:variable name="value" as="xs:string" select="normalize-space()"/>
          <xsl:variable name="href" as="xs:string?" select="$value[tp:is-web-url(.)] ! tp:safe-href(.)"/>
          <xsl:if test="position() gt 1"> · </xsl:if>
          <xsl:choose>
            <xsl:when test="exists($href)">
              <a class="authority" href="{$href}" title="{$value}">{tp:authority-label($value, @type)}</a>
            </xsl:when>
            <xsl:otherwise>
              <span class="authority">{string-join((normalize-space(@type)[. ne ''], $value), ': ')}</span>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- "Mentioned in": the documents of the manifest's s:mention records, in reading order. -->
  <xsl:template name="tp:mentions" as="element()*">
    <xsl:param name="record" as="element(s:entity)?"/>
    <xsl:variable name="mentions" as="element(s:mention)*" select="$record/s:mention"/>
    <xsl:variable name="documents" as="element(s:document)*"
      select="tp:sorted-documents(key('tp:site-document', $mentions/@document ! string(.), $site))"/>
    <xsl:if test="exists($documents)">
      <dt>Mentioned in</dt>
      <dd class="mentions">
        <ul>
          <xsl:for-each select="$documents">
            <xsl:variable name="id" as="xs:string" select="@id"/>
            <xsl:variable name="count" as="xs:string" select="normalize-space(($mentions[@document eq $id]/@count)[1])"/>
            <xsl:variable name="href" as="xs:string?" select="tp:safe-href(@href)"/>
            <li>
              <xsl:choose>
                <xsl:when test="exists($href)">
                  <a href="{$href}">{tp:document-title(.)}</a>
                </xsl:when>
                <xsl:otherwise>{tp:document-title(.)}</xsl:otherwise>
              </xsl:choose>
              <xsl:if test="normalize-space(@date)">
                <span class="mention-date"> ({tp:format-iso-date(@date)})</span>
              </xsl:if>
              <xsl:if test="matches($count, '^[0-9]+$') and xs:integer($count) gt 1">
                <span class="mention-count" title="{$count} mentions"> ×{$count}</span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </dd>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
