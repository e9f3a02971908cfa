<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and dates in mode tp:text: persName, placeName, orgName, rs and name that point
  somewhere (@ref, or @corresp when there is no @key), and date.

  A pointer "#id" (or "file.xml#id", or a bare id) is looked up in the global $registers
  (declared by the entry stylesheet); the register entry decides the kind and so the page
  (persons.html, places.html, organisations.html). Web URIs (Wikidata, GND … in foreign TEI)
  are linked directly. An id that is not in the registers gives <span class="entity
  unresolved">: no link to a page that would not have it.

  Several pointers ("#p_2 #p_3 #p_4"): the text links to the first, the others follow by name
  in small print ("also: …"). HTML forbids a link inside a link, so a name that contains other links
  (a placeName inside an rs, a note marker) becomes a span whose stretches of text each link
  to its target (tunnel parameter tp:link, used by the text() template in generic.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The pointers of a name: @ref, else @corresp unless the element is keyed. -->
  <xsl:function name="tp:entity-refs" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="pointers" as="attribute()?" select="($e/@ref, $e[not(@key)]/@corresp)[1]"/>
    <xsl:sequence select="tokenize(normalize-space($pointers), ' ') ! tp:expand-pointer(., $e)"/>
  </xsl:function>

  <xsl:function name="tp:is-entity-name" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:persName | self::tei:placeName | self::tei:orgName | self::tei:rs | self::tei:name))
                          and exists(tp:entity-refs($e))"/>
  </xsl:function>

  <!-- One pointer resolved: map { href?, kind, label }. No href means: not linkable. -->
  <xsl:function name="tp:resolve-ref" as="map(xs:string, xs:string)">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="entity" as="element()?"
      select="if (tp:is-web-url($pointer)) then () else tp:entity($registers, tp:pointer-id($pointer))"/>
    <xsl:sequence select="
      if (tp:is-web-url($pointer)) then
        map { 'href': tp:safe-href($pointer), 'kind': tp:element-kind($e), 'label': $pointer }
      else if (exists($entity)) then
        map { 'href': $tp:register-pages(tp:entity-kind($entity)) || '#' || $entity/@xml:id,
              'kind': tp:entity-kind($entity),
              'label': tp:entity-label($entity) }
      else if (exists(tp:own-entry($e, $pointer))) then
        map { 'href': '#' || tp:pointer-id($pointer), 'kind': tp:element-kind($e),
              'label': tp:entry-label(tp:own-entry($e, $pointer)) }
      else map { 'kind': tp:element-kind($e), 'label': $pointer }"/>
  </xsl:function>

  <!-- The entry of the document's own registers (Register section) a "#id" pointer names. -->
  <xsl:function name="tp:own-entry" as="element()?">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:sequence select="if (not(starts-with($pointer, '#')) or not(root($e) instance of document-node())) then ()
        else key('tp:xml-id', substring($pointer, 2), root($e))[1]
             [exists(tp:html-id(.))][ancestor::*[tp:is-register(.)]][. intersect tp:register-entries(ancestor::*[tp:is-register(.)][1])]"/>
  </xsl:function>

  <!-- Names with pointers outside the header, counted in document order: a name without an
       xml:id of its own gets the anchor "tp-m<n>", which the register pages' "Mentioned in"
       links to (src/teipress/mentions.py counts them the same way). -->
  <xsl:accumulator name="tp:name-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule select="$value + 1"
      match="(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name)[exists(tp:entity-refs(.))][not(ancestor::tei:teiHeader)]"/>
  </xsl:accumulator>

  <!-- The name's id on the page: its own (tp:html-id), else its place in the count; () for a
       name that is not part of a document's text (register pages, the header). -->
  <xsl:function name="tp:name-anchor" as="attribute()?">
    <xsl:param name="e" as="element()"/>
    <xsl:if test="empty(tp:html-id($e)) and root($e) instance of document-node()
                  and exists($e/ancestor::tei:text) and empty($e/ancestor::tei:teiHeader)">
      <xsl:attribute name="id" select="'tp-m' || $e ! accumulator-before('tp:name-count')"/>
    </xsl:if>
  </xsl:function>

  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name)[exists(tp:entity-refs(.))]" mode="tp:text">
    <xsl:param name="tp:link" as="map(xs:string, xs:string)?" tunnel="yes" select="()"/>
    <xsl:variable name="targets" as="map(xs:string, xs:string)+" select="
      let $e := . return tp:entity-refs($e) ! tp:resolve-ref(., $e)"/>
    <xsl:variable name="first" as="map(xs:string, xs:string)" select="$targets[1]"/>
    <xsl:variable name="link" as="map(xs:string, xs:string)?"
      select="$first[exists(?href)] ! map:put(., 'class', 'entity ' || ?kind)"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:choose>
      <xsl:when test="exists($link) and not(tp:contains-link(.))">
        <a href="{$link?href}" title="{$link?label}">
          <xsl:sequence select="tp:attributes(., ('entity', $link?kind)), tp:name-anchor(.)"/>
          <xsl:apply-templates mode="tp:text">
            <xsl:with-param name="tp:link" tunnel="yes" select="()"/>
          </xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <!-- Unresolved, or holding other links: a span; its text links to the first target. -->
        <xsl:call-template name="tp:phrase">
          <xsl:with-param name="classes" select="'entity', $first?kind, if (exists($link)) then () else 'unresolved'"/>
          <xsl:with-param name="attributes" select="tp:name-anchor(.)"/>
          <xsl:with-param name="tp:link" tunnel="yes" select="if (exists($link)) then $link else $tp:link"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="tp:more-links">
      <xsl:with-param name="targets" select="$targets"/>
      <xsl:with-param name="skip-first" select="exists($link)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The other targets of a name or ref, named, in small print after it: "(also: Weber, Karl;
       Wien)", or "(Weber, Karl)" when the name itself links nowhere. Words, not bare numbers,
       so that they cannot be taken for note calls; a web address by its host ("geonames.org"). -->
  <xsl:template name="tp:more-links">
    <xsl:param name="targets" as="map(xs:string, xs:string)*"/>
    <xsl:param name="skip-first" as="xs:boolean"/>
    <xsl:variable name="others" as="map(xs:string, xs:string)*"
      select="(if ($skip-first) then tail($targets) else $targets)[exists(?href)]"/>
    <xsl:if test="exists($others)">
      <small class="more-links" lang="{$tp:ui-language}">
        <xsl:text> (</xsl:text>
        <xsl:if test="$skip-first">{tp:word('also')} </xsl:if>
        <xsl:for-each select="$others">
          <xsl:if test="position() gt 1">; </xsl:if>
          <a class="entity-more {?kind}" href="{?href}">{replace(?label, '^[a-z]+://(www\.)?([^/?#]+).*$', '$2', 'i')}</a>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </small>
    </xsl:if>
  </xsl:template>

  <!-- Dates: <time datetime> when @when is ISO; the machine value also as tooltip. A date
       without words of its own shows what its attributes say ("10 BCE"). -->
  <xsl:template match="tei:date" mode="tp:text">
    <xsl:variable name="iso" as="xs:string?" select="tp:iso-date(@when)"/>
    <xsl:variable name="attributes-label" as="xs:string" select="tp:local-date-range(.)"/>
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="element" select="if (exists($iso)) then 'time' else 'span'"/>
      <xsl:with-param name="classes" select="'date'"/>
      <xsl:with-param name="attributes" as="attribute()*">
        <xsl:if test="exists($iso)">
          <xsl:attribute name="datetime" select="$iso"/>
        </xsl:if>
        <xsl:if test="$attributes-label ne '' and $attributes-label ne tp:plain(.)">
          <xsl:attribute name="title" select="$attributes-label"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <xsl:choose>
          <xsl:when test="normalize-space() or *">
            <xsl:sequence select="node()"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="$attributes-label"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
