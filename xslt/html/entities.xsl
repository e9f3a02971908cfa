<?xml version="1.0" encoding="UTF-8"?>
<!--
  Register lookups: which register entry (tei:person / tei:place / tei:org in the
  <tp:registers> document Python passes in) an id points to, which page lists it, and how its
  names read. Functions take the registers document as an argument so the same code serves
  document.xsl (registers = a param) and register.xsl (registers = the initial node).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:key name="tp:entity" match="tei:person | tei:personGrp | tei:place | tei:org | tei:bibl | tei:biblStruct" use="@xml:id"/>

  <!-- Register kind → page. The page names are part of the site layout Python writes. -->
  <xsl:variable name="tp:register-pages" as="map(xs:string, xs:string)"
    select="map { 'person': 'persons.html', 'place': 'places.html', 'org': 'organisations.html',
                  'bibl': 'bibliography.html' }"/>

  <!-- Register kind → its title's key in words.xsl. -->
  <xsl:variable name="tp:register-titles" as="map(xs:string, xs:string)"
    select="map { 'person': 'persons', 'place': 'places', 'org': 'organisations', 'bibl': 'bibliography' }"/>

  <!-- The register entry with this id, or (). -->
  <xsl:function name="tp:entity" as="element()?">
    <xsl:param name="registers" as="document-node()?"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (exists($registers) and $id ne '') then key('tp:entity', $id, $registers)[1] else ()"/>
  </xsl:function>

  <!-- The id part of a pointer: "#pers-x", "persons.xml#pers-x" and "pers-x" all give "pers-x". -->
  <xsl:function name="tp:pointer-id" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:sequence select="if (contains($pointer, '#')) then substring-after($pointer, '#') else $pointer"/>
  </xsl:function>

  <!-- 'person' | 'place' | 'org' | 'bibl' for a register entry (site.py's REGISTER_KINDS). -->
  <xsl:function name="tp:entity-kind" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="(map { 'personGrp': 'person', 'biblStruct': 'bibl' }(local-name($entity)),
                           local-name($entity))[1]"/>
  </xsl:function>

  <!-- Sort key: the surname when there is one, then the rest of the label. -->
  <xsl:function name="tp:entity-sort-key" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="lower-case(replace(tp:entity-label($entity), '^[^\p{L}\p{N}]+', ''))"/>
  </xsl:function>

  <!-- register kind of an element whose ref is not in the registers (external URI, unresolved):
       persName → person, placeName → place, orgName → org, rs/name → from @type. -->
  <xsl:function name="tp:element-kind" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="lower-case(normalize-space($e/@type))"/>
    <xsl:sequence select="
      if ($e/self::tei:persName) then 'person'
      else if ($e/self::tei:placeName) then 'place'
      else if ($e/self::tei:orgName) then 'org'
      else if (matches($type, 'pers')) then 'person'
      else if (matches($type, 'place|loc')) then 'place'
      else if (matches($type, 'org')) then 'org'
      else 'other'"/>
  </xsl:function>

</xsl:stylesheet>
