<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mode tp:text: TEI text (and header fragments such as abstract or bibl) → HTML.

  This module declares the mode, includes one module per element family, and decides when
  an element must become a <div> instead of a phrase element: HTML does not allow a <div>,
  <ul>, <table> … inside <p>, <span> or <em>, and a browser would silently restructure the
  page. So every phrase-level template goes through tp:phrase, which emits a <div> when the
  element has block-level content (an endnote's content does not count: it is rendered in
  the notes section, only its <sup> marker stays in place).

  Entry stylesheets that include this module must declare a global $registers
  (document-node()): names.xsl looks ids up in it.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Every node type that can reach this mode has a template (generic.xsl has the
       fallbacks), so an unmatched node is a bug in this package: fail loudly. -->
  <xsl:mode name="tp:text" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:include href="text-blocks.xsl"/>
  <xsl:include href="text-phrases.xsl"/>
  <xsl:include href="names.xsl"/>
  <xsl:include href="links.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="generic.xsl"/>

  <!-- TEI elements rendered as HTML block elements (see text-blocks.xsl). -->
  <xsl:variable name="tp:block-names" as="xs:string+" select="
    'p', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'head',
    'list', 'item', 'lg', 'l', 'table', 'row', 'cell',
    'opener', 'closer', 'postscript', 'ab', 'epigraph', 'argument', 'trailer',
    'titlePage', 'floatingText', 'text', 'front', 'body', 'back', 'group', 'figure',
    'sp', 'spGroup', 'castList',
    'listPerson', 'listPlace', 'listOrg', 'listBibl', 'listWit', 'listEvent', 'listNym',
    'listApp', 'listRelation'"/>

  <!-- The same as a map: a lookup costs a third of comparing with each name. -->
  <xsl:variable name="tp:block-name-set" as="map(xs:string, xs:boolean)"
    select="map:merge($tp:block-names ! map { .: true() })"/>

  <xsl:function name="tp:is-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/self::tei:*) and (map:contains($tp:block-name-set, local-name($e)) or tp:is-block-quote($e))
                          and not(tp:is-inline-figure($e))"/>
  </xsl:function>

  <!-- Does $e contain anything rendered as a block (outside endnotes)? -->
  <xsl:function name="tp:has-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists(($e//* except $e//tei:note[tp:is-endnote(.)]//*)[tp:is-block(.)])"/>
  </xsl:function>

  <!-- Render the context element as $element (a phrase element such as span, em, q, time),
       or as <div> when it holds block content. $attributes are extra HTML attributes; on a
       <div> only title survives. Classes: tp:attributes($e, $classes), plus tei-NAME on a div
       so the element stays recognisable. -->
  <xsl:template name="tp:phrase">
    <xsl:param name="element" as="xs:string" select="'span'"/>
    <xsl:param name="classes" as="xs:string*" select="()"/>
    <xsl:param name="attributes" as="attribute()*" select="()"/>
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:variable name="block" as="xs:boolean" select="$element ne 'div' and tp:has-block(.)"/>
    <xsl:element name="{if ($block) then 'div' else $element}">
      <xsl:sequence select="tp:attributes(., ($classes, if ($block) then 'tei-' || local-name() else ()))"/>
      <xsl:sequence select="if ($block) then $attributes[local-name() = ('title', 'id')] else $attributes"/>
      <xsl:apply-templates select="$content" mode="tp:text"/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
