<?xml version="1.0" encoding="UTF-8"?>
<!--
  Pointers in mode tp:text: ref, ptr, idno holding a web URI, graphic.

  Every href goes through tp:safe-href; a refused URL (javascript:, data: …) leaves the text
  as plain text. "#id" pointers are checked against what the page shows (tp:target-href), so
  there are no dead fragment links. A ref with several targets links its text to the first
  and adds small numbered links for the others (tp:more-links in names.xsl). Links never
  nest: a ref holding other links links its stretches of text instead (as names do).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  xmlns:s="urn:teipress:site"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Does this element render as an <a> (or put one in place, like a note marker)? -->
  <xsl:function name="tp:renders-link" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if ($e/self::tei:note) then tp:is-endnote($e)
      else if ($e/(self::tei:ref | self::tei:ptr)) then exists(tp:targets($e) ! tp:target-href(., $e))
      else if ($e/self::tei:idno) then tp:is-web-url($e)
      else if ($e/self::tei:graphic) then tp:is-web-url($e/@url)
      else if ($e/self::tei:pb) then tp:is-web-url(tokenize(normalize-space($e/@facs), ' ')[1])
      else tp:is-entity-name($e)"/>
  </xsl:function>

  <xsl:function name="tp:contains-link" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="some $d in $e//* satisfies tp:renders-link($d)"/>
  </xsl:function>

  <xsl:function name="tp:targets" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($e/@target), ' ') ! tp:expand-pointer(., $e)"/>
  </xsl:function>

  <xsl:key name="tp:xml-id" match="*[@xml:id]" use="@xml:id"/>

  <!-- Where a target points on the published page. "#id" pointers into this document go to
       the element's HTML id, or to note-N for an endnote; pointers to things the page does
       not show with that id (header parts, choice readings …) give no link at all.
       Web addresses go through tp:safe-href; other targets link only to a document of the
       edition (tp:document-href). -->
  <xsl:function name="tp:target-href" as="xs:string?">
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="context" as="element()"/>
    <xsl:variable name="root" as="node()" select="root($context)"/>
    <xsl:choose>
      <xsl:when test="starts-with($target, '#') and $root instance of document-node()">
        <xsl:variable name="element" as="element()?" select="key('tp:xml-id', substring($target, 2), $root)[1]"/>
        <xsl:sequence select="
          if (empty($element) or exists($element/ancestor-or-self::tei:teiHeader)) then ()
          else if (tp:is-endnote($element)) then '#note-' || tp:note-number($element)
          else if (tp:renders-id($element)) then '#' || tp:html-id($element)
          else ()"/>
      </xsl:when>
      <xsl:when test="matches($target, '^(https?://|mailto:)', 'i')">
        <xsl:sequence select="tp:safe-href($target)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tp:document-href($target)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A relative target names another document of the edition ("Verona_I_15.xml",
       "letter2.xml#p3"): the page of that document, found by its source file's stem (s:document
       and s:page @stem; its slug, the page's name, may differ: about.xml → about-document.html).
       Anything else that is neither "#id" nor a
       web address (a bare id such as "L03075", a facsimile file, a document not published)
       resolves to nothing on the site and gets no link. -->
  <xsl:function name="tp:document-href" as="xs:string?">
    <xsl:param name="target" as="xs:string"/>
    <xsl:variable name="file" as="xs:string" select="replace(replace($target, '#.*$', ''), '^.*/', '')"/>
    <xsl:variable name="stem" as="xs:string?"
      select="if (matches($file, '\.xml$', 'i')) then replace($file, '\.xml$', '', 'i') else ()"/>
    <xsl:sequence select="(key('tp:site-document-stem', $stem, $site), key('tp:site-page-stem', $stem, $site))[1]
                          ! tp:safe-href(@href)"/>
  </xsl:function>

  <xsl:key name="tp:site-document-stem" match="s:document" use="@stem"/>
  <xsl:key name="tp:site-page-stem" match="s:page" use="@stem"/>

  <!-- A target naming another file ("Verona_I_2.xml", "../img/a.png#x"), not an id or a web
       address. -->
  <xsl:function name="tp:is-file-pointer" as="xs:boolean">
    <xsl:param name="target" as="xs:string"/>
    <xsl:sequence select="matches($target, '^[^#:?]*[./][^#:?]*(#.*)?$') and not(matches($target, '^[a-z][a-z0-9+.\-]*:', 'i'))"/>
  </xsl:function>

  <!-- After a pointer whose first target names a file the edition does not publish: why it
       links nowhere, "(not published in this edition: Verona_I_2.xml)". Small print like the
       other targets of a name (tp:more-links), not words of the text. -->
  <xsl:template name="tp:unpublished-note">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:param name="context" as="element()"/>
    <xsl:if test="exists($target) and tp:is-file-pointer($target) and empty(tp:target-href($target, $context))">
      <small class="more-links" lang="{$tp:ui-language}"> ({tp:word('not-published')}: {replace($target, '#.*$', '')})</small>
    </xsl:if>
  </xsl:template>

  <!-- Does the page carry this element's @xml:id as an HTML id? Not for elements rendered
       without an element of their own (lb, ptr, the readings of a choice) or not at all
       (inside the reading a choice does not show). -->
  <xsl:function name="tp:renders-id" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists(tp:html-id($e))
      and empty($e/(self::tei:lb | self::tei:ptr))
      and empty($e/parent::tei:choice)
      and empty($e/ancestor::*[parent::tei:choice][not(. is tp:chosen(..))])
      and empty($e/ancestor-or-self::*[tp:is-omitted(.)][not(self::tei:del or self::tei:rdg or self::tei:rdgGrp or tp:is-register(.))])
      and (every $register in $e/ancestor::*[tp:is-register(.)] satisfies exists($e intersect tp:register-entries($register)))"/>
  </xsl:function>

  <!-- map { href?, kind, label } per target, as tp:more-links expects. -->
  <xsl:function name="tp:target-maps" as="map(xs:string, xs:string)*">
    <xsl:param name="targets" as="xs:string*"/>
    <xsl:param name="context" as="element()"/>
    <xsl:sequence select="$targets ! (
      let $href := tp:target-href(., $context)
      return if (exists($href)) then map { 'href': $href, 'kind': 'ref', 'label': . }
             else map { 'kind': 'ref', 'label': . })"/>
  </xsl:function>

  <xsl:template match="tei:ref" mode="tp:text">
    <xsl:param name="tp:link" as="map(xs:string, xs:string)?" tunnel="yes" select="()"/>
    <xsl:variable name="targets" as="map(xs:string, xs:string)*" select="tp:target-maps(tp:targets(.), .)"/>
    <xsl:variable name="first" as="map(xs:string, xs:string)?" select="$targets[1]"/>
    <xsl:variable name="link" as="map(xs:string, xs:string)?"
      select="$first[exists(?href)] ! map:put(., 'class', 'ref')"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:choose>
      <xsl:when test="exists($link) and not(tp:contains-link(.))">
        <a href="{$link?href}">
          <xsl:sequence select="tp:attributes(., 'ref')"/>
          <xsl:apply-templates mode="tp:text">
            <xsl:with-param name="tp:link" tunnel="yes" select="()"/>
          </xsl:apply-templates>
          <xsl:if test="not(normalize-space())">{tp:pointer-label(tp:targets(.)[1], .)}</xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tp:phrase">
          <xsl:with-param name="classes" select="'ref'"/>
          <xsl:with-param name="tp:link" tunnel="yes" select="if (exists($link)) then $link else $tp:link"/>
        </xsl:call-template>
        <xsl:for-each select="tp:targets(.)[1][not(normalize-space(current()))] ! tp:pointer-label(., current())">
          <span class="url">{.}</span>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="tp:more-links">
      <xsl:with-param name="targets" select="$targets"/>
      <xsl:with-param name="skip-first" select="exists($link)"/>
    </xsl:call-template>
    <xsl:call-template name="tp:unpublished-note">
      <xsl:with-param name="target" select="tp:targets(.)[1]"/>
      <xsl:with-param name="context" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- ptr has no text: what it points to is the text (tp:pointer-label); nothing for a target
       that has no label. -->
  <xsl:template match="tei:ptr" mode="tp:text">
    <xsl:variable name="ptr" as="element(tei:ptr)" select="."/>
    <xsl:for-each select="tp:targets(.)[exists(tp:pointer-label(., $ptr))]">
      <xsl:if test="position() gt 1">
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:variable name="href" as="xs:string?" select="tp:target-href(., $ptr)"/>
      <xsl:choose>
        <xsl:when test="exists($href)">
          <a class="ptr url" href="{$href}">{tp:pointer-label(., $ptr)}</a>
        </xsl:when>
        <xsl:otherwise>
          <span class="ptr url">{tp:pointer-label(., $ptr)}</span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:call-template name="tp:unpublished-note">
      <xsl:with-param name="target" select="tp:targets(.)[1]"/>
      <xsl:with-param name="context" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:idno[tp:is-web-url(.)]" mode="tp:text">
    <a href="{tp:safe-href(.)}">
      <xsl:sequence select="tp:attributes(., ('idno', 'url'))"/>
      <xsl:value-of select="normalize-space()"/>
    </a>
  </xsl:template>

  <!-- Images are not embedded (the page's CSP allows only local images, and TEI image URLs
       rarely resolve on the published site): a link labelled with the file name instead, for a
       web address; a relative image file is not published, so it is named without a link and
       said to be left out ("[image: plate1.png, image not included]"). -->
  <xsl:template match="tei:graphic" mode="tp:text">
    <xsl:variable name="url" as="xs:string" select="normalize-space(@url)"/>
    <xsl:variable name="href" as="xs:string?" select="$url[tp:is-web-url(.)] ! tp:safe-href(.)"/>
    <xsl:variable name="label" as="xs:string" select="'[' || tp:word('image') || (if ($url ne '') then ': ' || replace($url, '^.*/', '') else '')
      || (if (empty($href)) then ', ' || tp:word('image-missing') else '') || ']'"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a href="{$href}">
          <xsl:sequence select="tp:attributes(., 'graphic')"/>
          <xsl:value-of select="$label"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:sequence select="tp:attributes(., 'graphic')"/>
          <xsl:value-of select="$label"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates mode="tp:text"/>
  </xsl:template>

  <!-- Encoded binary data (base64) is not text. -->
  <xsl:template match="tei:binaryObject" mode="tp:text"/>

</xsl:stylesheet>
