<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the registers → persons.html, places.html, organisations.html or
  bibliography.html (the works of listBibl registers, in their editors' order, every word kept).

  Initial match selection: the registers document (tp:registers holding tei:person, tei:place,
  tei:org). It is also the global context item: names inside register notes link to other
  entries through the same code as the document pages (names.xsl reads $registers).

  Each entry: anchor id = its xml:id; preferred name as heading; variant names, life dates or
  type, note, authority links (Wikidata, VIAF, GND, GeoNames …), the documents whose text
  mentions it, each mention linking to its place with a few words around it ($mentions), apart
  from the documents whose header names it (sender, recipient, translator …), and its section of
  the correspondence network. Entries are sorted by preferred name (surname first for persons
  that have one) and grouped by initial. All interface words come from words.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
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

  <!-- The site manifest (s:site): document titles and links, s:entity records. -->
  <xsl:param name="site" as="document-node()" required="yes"/>

  <!-- Which register: 'person' | 'place' | 'org' | 'bibl'. -->
  <xsl:param name="kind" as="xs:string" required="yes"/>

  <!-- Where the documents name the entries (s:mentions, src/teipress/site.py): s:named per
       entry and document with the first mentions (s:at: anchor, words before and after), and
       s:role per header role. -->
  <xsl:param name="mentions" as="document-node()?" select="()"/>

  <!-- A register of a large edition lists where its entries are named on pages of their own
       (edition.py): on the register page $mentions then holds an s:summary per entry (how many
       mentions and documents, and the page that lists them), and each of those pages is made
       with $part, its number, and the s:named and s:role of its entries. -->
  <xsl:param name="part" as="xs:string" select="''"/>

  <xsl:key name="tp:named" match="s:named" use="@id"/>
  <xsl:key name="tp:role" match="s:role" use="@id"/>
  <xsl:key name="tp:summary" match="s:summary" use="@id"/>

  <xsl:global-context-item as="document-node()" use="required"/>

  <xsl:variable name="registers" as="document-node()" select="."/>

  <xsl:variable name="tp:collation" as="xs:string"
    select="'http://www.w3.org/2013/collation/UCA?lang=en;strength=secondary;fallback=yes'"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="tp:register-entry" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="document-node()">
    <xsl:if test="not($kind = map:keys($tp:register-pages))" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
      <xsl:message terminate="yes" error-code="tp:bad-kind">register.xsl: $kind must be 'person', 'place', 'org' or 'bibl', not '{$kind}'</xsl:message>
    </xsl:if>
    <xsl:variable name="title" as="xs:string" select="tp:word($tp:register-titles($kind))"/>
    <xsl:variable name="entries" as="element()*" select="*/*[tp:entity-kind(.) eq $kind][@xml:id]"/>
    <xsl:choose>
      <xsl:when test="$part ne ''">
        <xsl:call-template name="tp:mentions-page">
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="entries" select="$entries[let $id := string(@xml:id)
                                                          return exists($mentions ! (key('tp:named', $id, .), key('tp:role', $id, .)))]"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tp:register-page">
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="entries" select="$entries"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One part of where a large register's entries are named: each entry's name (linking back
       to it) and its mentions, in the register's order. -->
  <xsl:template name="tp:mentions-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="entries" as="element()*"/>
    <xsl:variable name="heading" as="xs:string" select="$title || ' – ' || tp:word('mentioned-in') || ' (' || $part || ')'"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="$heading"/>
      <xsl:with-param name="site-title" select="tp:site-title($site)"/>
      <xsl:with-param name="current" select="$kind"/>
      <xsl:with-param name="content" as="node()*">
        <h1>{$heading}</h1>
        <xsl:for-each select="if ($kind eq 'bibl') then $entries else tp:sort-entries($entries)">
          <article class="entry {local-name()}" id="{@xml:id}">
            <h2><a href="{$tp:register-pages($kind)}#{@xml:id}">{if (self::tei:bibl or self::tei:biblStruct)
              then normalize-space(.) else tp:entity-label(.)}</a></h2>
            <dl class="entry-fields">
              <xsl:call-template name="tp:mentions"/>
            </dl>
          </article>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tp:register-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="entries" as="element()*"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="site-title" select="tp:site-title($site)"/>
      <xsl:with-param name="current" select="$kind"/>
      <xsl:with-param name="content" as="node()*">
        <h1>{$title}</h1>
        <xsl:choose>
          <xsl:when test="empty($entries)">
            <p class="empty">{tp:word('no-entries')}</p>
          </xsl:when>
          <xsl:when test="count($entries) le $tp:group-threshold or $kind eq 'bibl'">
            <p class="lead">{count($entries)} {tp:word(if (count($entries) eq 1) then 'entry' else 'entries')}.</p>
            <xsl:apply-templates select="if ($kind eq 'bibl') then $entries else tp:sort-entries($entries)" mode="tp:register-entry">
              <xsl:with-param name="heading" select="'h2'"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <!-- the initials first, then the entries written straight into their sections: a
                 register of a large edition (48 MB of HTML) is not built twice over -->
            <xsl:variable name="initials" as="xs:string*">
              <xsl:for-each-group select="$entries" group-by="tp:initial(.)">
                <xsl:sort select="current-grouping-key()" collation="{$tp:collation}"/>
                <xsl:sequence select="current-grouping-key()"/>
              </xsl:for-each-group>
            </xsl:variable>
            <p class="lead">{count($entries)} {tp:word('entries')}.</p>
            <nav class="initials" aria-label="{tp:word('initials')}">
              <ul>
                <xsl:for-each select="$initials">
                  <li><a href="#tp-initial-{position()}">{.}</a></li>
                </xsl:for-each>
              </ul>
            </nav>
            <xsl:for-each-group select="$entries" group-by="tp:initial(.)">
              <xsl:sort select="current-grouping-key()" collation="{$tp:collation}"/>
              <section class="initial" aria-labelledby="tp-initial-{position()}">
                <h2 id="tp-initial-{position()}">{current-grouping-key()}</h2>
                <xsl:apply-templates select="tp:sort-entries(current-group())" mode="tp:register-entry">
                  <xsl:with-param name="heading" select="'h3'"/>
                </xsl:apply-templates>
              </section>
            </xsl:for-each-group>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Mentions are shown in context in this many documents per entry (the first in reading
       order); the others are listed with their count, so that pages stay small. -->
  <xsl:variable name="tp:snippet-documents" as="xs:integer" select="12"/>

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
          <xsl:with-param name="label" select="tp:word('also-known-as')"/>
          <xsl:with-param name="values" select="tail($names) ! tp:variant-name(.)"/>
        </xsl:call-template>
        <xsl:call-template name="tp:entry-field">
          <xsl:with-param name="label" select="tp:word('life')"/>
          <xsl:with-param name="values" select="tp:life-dates(.)"/>
        </xsl:call-template>
        <xsl:call-template name="tp:entry-field">
          <xsl:with-param name="label" select="tp:word('type')"/>
          <xsl:with-param name="values" select="normalize-space(@type)[. ne '']"/>
        </xsl:call-template>
        <xsl:call-template name="tp:entry-field">
          <xsl:with-param name="label" select="tp:word('coordinates')"/>
          <xsl:with-param name="values" select="tei:location/tei:geo ! normalize-space(.)[. ne '']"/>
        </xsl:call-template>
        <xsl:for-each select="tei:note[normalize-space()]">
          <dt>{tp:word('note')}</dt>
          <dd class="note">
            <xsl:apply-templates mode="tp:text"/>
          </dd>
        </xsl:for-each>
        <xsl:call-template name="tp:authority-links"/>
        <xsl:call-template name="tp:network-link">
          <xsl:with-param name="record" select="$record"/>
        </xsl:call-template>
        <xsl:call-template name="tp:mentions"/>
      </xsl:variable>
      <xsl:if test="exists($fields)">
        <dl class="entry-fields">
          <xsl:sequence select="$fields"/>
        </dl>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- A work of a bibliography: its words as the editors wrote them (links and names in it
       work as in the text), then where it is cited. -->
  <xsl:template match="tei:bibl | tei:biblStruct" mode="tp:register-entry">
    <xsl:param name="heading" as="xs:string" select="'h2'"/>
    <article class="entry bibl" id="{@xml:id}">
      <p class="bibl">
        <xsl:apply-templates mode="tp:text"/>
      </p>
      <xsl:variable name="fields" as="element()*">
        <xsl:call-template name="tp:mentions"/>
      </xsl:variable>
      <xsl:if test="exists($fields)">
        <dl class="entry-fields">
          <xsl:sequence select="$fields"/>
        </dl>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- A correspondent's section on the network page. -->
  <xsl:template name="tp:network-link" as="element()*">
    <xsl:param name="record" as="element(s:entity)?"/>
    <xsl:for-each select="$record/@network[tp:safe-href(.)]">
      <dt>{tp:word('correspondence')}</dt>
      <dd><a class="network" href="{tp:safe-href(.)}">{tp:word('in-network')}</a></dd>
    </xsl:for-each>
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
    <xsl:variable name="born" as="xs:string" select="string(($entity/tei:birth)[1] ! tp:local-date-label(.))"/>
    <xsl:variable name="died" as="xs:string" select="string(($entity/tei:death)[1] ! tp:local-date-label(.))"/>
    <xsl:sequence select="
      if ($born ne '' and $died ne '') then $born || (if (contains($born || $died, ' ')) then ' – ' else '–') || $died
      else if ($born ne '') then tp:word('born') || ' ' || $born
      else if ($died ne '') then tp:word('died') || ' ' || $died
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
      <dt>{tp:word('authority-files')}</dt>
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

  <!-- "Mentioned in": the documents whose text names the entry, in reading order, each with
       the first mentions as links to their place and a few words around them, and how many more
       there are; then, apart, the documents whose header gives the entry a role. -->
  <xsl:template name="tp:mentions" as="element()*">
    <xsl:variable name="id" as="xs:string" select="@xml:id"/>
    <xsl:variable name="summary" as="element(s:summary)?" select="$mentions ! key('tp:summary', $id, .)"/>
    <xsl:choose>
      <xsl:when test="exists($summary)">
        <xsl:call-template name="tp:mentions-elsewhere">
          <xsl:with-param name="summary" select="$summary"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tp:mentions-here"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- On a large register's page: how often the entry is named, linking to the page that lists where. -->
  <xsl:template name="tp:mentions-elsewhere" as="element()*">
    <xsl:param name="summary" as="element(s:summary)"/>
    <xsl:variable name="total" as="xs:integer" select="xs:integer($summary/@mentions)"/>
    <xsl:variable name="documents" as="xs:integer" select="xs:integer($summary/@documents)"/>
    <dt>{tp:word('mentioned-in')}</dt>
    <dd class="mentions">
      <p class="mention-summary"><a href="{tp:safe-href($summary/@page)}#{@xml:id}">{
        if ($total gt 0) then $total || ' ' || tp:word(if ($total eq 1) then 'mention' else 'mentions') || ', ' else ''}{
        $documents} {tp:word(if ($documents eq 1) then 'document-one' else 'document-many')}</a></p>
    </dd>
  </xsl:template>

  <xsl:template name="tp:mentions-here" as="element()*">
    <xsl:variable name="id" as="xs:string" select="@xml:id"/>
    <xsl:variable name="named" as="element(s:named)*" select="$mentions ! key('tp:named', $id, .)"/>
    <xsl:variable name="documents" as="element(s:document)*"
      select="tp:in-reading-order(key('tp:site-document', $named/@document ! string(.), $site))"/>
    <xsl:variable name="named-at" as="map(xs:string, element(s:named))"
      select="map:merge($named ! map { string(@document): . }, map { 'duplicates': 'use-first' })"/>
    <xsl:if test="exists($documents)">
      <xsl:variable name="total" as="xs:integer" select="sum($named/@count ! xs:integer(.))"/>
      <dt>{tp:word('mentioned-in')}</dt>
      <dd class="mentions">
        <p class="mention-summary">{$total} {tp:word(if ($total eq 1) then 'mention' else 'mentions')}, {
          count($documents)} {tp:word(if (count($documents) eq 1) then 'document-one' else 'document-many')}</p>
        <ul>
          <xsl:for-each select="$documents">
            <xsl:variable name="document" as="element(s:document)" select="."/>
            <xsl:variable name="here" as="element(s:named)" select="$named-at(string($document/@id))"/>
            <xsl:variable name="href" as="xs:string?" select="tp:document-link-parts(.)[3][. ne '']"/>
            <xsl:variable name="first" as="element(s:at)?" select="$here/s:at[1]"/>
            <li>
              <xsl:call-template name="tp:document-link">
                <!-- beyond the documents shown in context: straight to the first mention -->
                <xsl:with-param name="href" select="if (position() gt $tp:snippet-documents and exists($first))
                                                    then $href ! (. || '#' || $first/@anchor) else $href"/>
              </xsl:call-template>
              <xsl:if test="xs:integer($here/@count) gt 1">
                <span class="mention-count"> ×{$here/@count}</span>
              </xsl:if>
              <xsl:if test="position() le $tp:snippet-documents and exists($first)">
                <ul class="snippets">
                  <li>
                    <xsl:choose>
                      <xsl:when test="exists($href)">
                        <a class="snippet" href="{$href}#{$first/@anchor}">{$first/@before}<mark>{$first}</mark>{$first/@after}</a>
                      </xsl:when>
                      <xsl:otherwise>{$first/@before}<mark>{$first}</mark>{$first/@after}</xsl:otherwise>
                    </xsl:choose>
                  </li>
                  <xsl:if test="xs:integer($here/@count) gt 1">
                    <li class="more">+{xs:integer($here/@count) - 1} {tp:word('more')}</li>
                  </xsl:if>
                </ul>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </dd>
    </xsl:if>
    <xsl:for-each-group select="$mentions ! key('tp:role', $id, .)" group-by="string(@role)">
      <xsl:sort select="tp:role-order(current-grouping-key())"/>
      <xsl:sort select="current-grouping-key()"/>
      <xsl:variable name="roled" as="element(s:document)*"
        select="tp:in-reading-order(key('tp:site-document', current-group()/@document ! string(.), $site))"/>
      <xsl:if test="exists($roled)">
        <dt>{tp:role-label(current-grouping-key())}</dt>
        <dd class="roles">
          <ul>
            <xsl:for-each select="$roled">
              <li>
                <xsl:call-template name="tp:document-link">
                  <xsl:with-param name="href" select="tp:document-link-parts(.)[3][. ne '']"/>
                </xsl:call-template>
              </li>
            </xsl:for-each>
          </ul>
        </dd>
      </xsl:if>
    </xsl:for-each-group>
  </xsl:template>

  <!-- Every document's place in reading order (tp:sorted-documents), worked out once: an entry
       named in 300 documents sorts them by it instead of comparing their titles again. -->
  <xsl:variable name="tp:reading-rank" as="map(xs:string, xs:integer)"
    select="map:merge(tp:sorted-documents($site//s:document) ! map { string(@id): position() },
                      map { 'duplicates': 'use-first' })"/>

  <xsl:function name="tp:in-reading-order" as="element(s:document)*">
    <xsl:param name="documents" as="element(s:document)*"/>
    <xsl:sequence select="sort($documents, (), function($d) { $tp:reading-rank(string($d/@id)) })"/>
  </xsl:function>

  <!-- A document's title, linked, with its date. -->
  <xsl:template name="tp:document-link">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:variable name="link" as="xs:string+" select="tp:document-link-parts(.)"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a href="{$href}">{$link[1]}</a>
      </xsl:when>
      <xsl:otherwise>{$link[1]}</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$link[2] ne ''">
      <span class="mention-date"> ({$link[2]})</span>
    </xsl:if>
  </xsl:template>

  <!-- What a link to a document shows: its title, its date ('' for none) and its safe href
       ('' for none), worked out once per document: the persons of a large edition link to the
       same documents hundreds of times each. -->
  <xsl:variable name="tp:document-links" as="map(xs:string, xs:string+)"
    select="map:merge($site//s:document ! map { string(@id): (tp:document-title(.),
              string(tp:record-date(.)), string(tp:safe-href(@href))) }, map { 'duplicates': 'use-first' })"/>

  <xsl:function name="tp:document-link-parts" as="xs:string+">
    <xsl:param name="document" as="element(s:document)"/>
    <xsl:sequence select="$tp:document-links(string($document/@id))"/>
  </xsl:function>

  <!-- Header roles: the common ones in the interface language ("Sender of"), a respStmt's own
       words as its editors wrote them ("Transkription:"), anything else "Named in the
       description of". -->
  <xsl:function name="tp:role-label" as="xs:string">
    <xsl:param name="role" as="xs:string"/>
    <xsl:sequence select="
      if ($role = ('sender', 'recipient', 'author', 'editor', 'translator')) then tp:word('role-' || $role)
      else if (starts-with($role, 'resp:')) then substring-after($role, 'resp:') || ':'
      else tp:word('in-metadata')"/>
  </xsl:function>

  <xsl:function name="tp:role-order" as="xs:integer">
    <xsl:param name="role" as="xs:string"/>
    <xsl:sequence select="(index-of(('sender', 'recipient', 'author', 'editor', 'translator'), $role),
                           if (starts-with($role, 'resp:')) then 6 else 7)[1]"/>
  </xsl:function>

</xsl:stylesheet>
