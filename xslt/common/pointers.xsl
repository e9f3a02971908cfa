<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a pointer without words of its own (an empty ref, a ptr) shows, in both editions: what
  it points to, never a raw id.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- A pointer in `prefix:value` form expanded by the document's own listPrefixDef, as the TEI
       Guidelines define it (the first prefixDef with that @ident whose @matchPattern the value
       matches in full; its groups go into @replacementPattern as $1 …); anything else as
       written. src/teipress/prefixes.py does the same for the corpus index (a test keeps them
       in step). A pattern that is not a regular expression leaves the pointer as written. -->
  <xsl:key name="tp:prefix-def" match="tei:prefixDef[parent::tei:listPrefixDef]" use="@ident"/>

  <xsl:function name="tp:expand-pointer" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="prefix" as="xs:string" select="substring-before($pointer, ':')"/>
    <xsl:variable name="value" as="xs:string" select="substring-after($pointer, ':')"/>
    <xsl:variable name="defs" as="element(tei:prefixDef)*"
      select="if (matches($prefix, '^[A-Za-z][A-Za-z0-9+.\-]*$') and root($context) instance of document-node())
              then key('tp:prefix-def', $prefix, root($context))[@matchPattern][@replacementPattern] else ()"/>
    <xsl:sequence select="(for $def in $defs return tp:apply-prefix-def($def, $value), $pointer)[1]"/>
  </xsl:function>

  <xsl:function name="tp:apply-prefix-def" as="xs:string?">
    <xsl:param name="def" as="element(tei:prefixDef)"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:try>
      <xsl:variable name="pattern" as="xs:string" select="'^(?:' || $def/@matchPattern || ')$'"/>
      <xsl:sequence select="if (matches($value, $pattern)) then replace($value, $pattern, $def/@replacementPattern) else ()"/>
      <xsl:catch/>
    </xsl:try>
  </xsl:function>

  <!-- The label of one target: an endnote's marker ("[3]"); the head of a division, else its
       number (@n); a web address as written. () for anything else (a bare id, another file,
       a part of the header): the pointer then shows nothing rather than an id. -->
  <xsl:function name="tp:pointer-label" as="xs:string?">
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="context" as="element()"/>
    <xsl:variable name="element" as="element()?" select="
        if (starts-with($target, '#') and root($context) instance of document-node())
        then id(substring($target, 2), root($context))[1] else ()"/>
    <xsl:sequence select="
        if (matches($target, '^(https?://|mailto:)', 'i')) then $target
        else if (empty($element) or exists($element/ancestor::tei:teiHeader)) then ()
        else if (tp:is-endnote($element)) then '[' || tp:note-label($element) || ']'
        else ($element/tei:head[1] ! tp:plain(.), normalize-space($element/@n))[.][1]"/>
  </xsl:function>

</xsl:stylesheet>
