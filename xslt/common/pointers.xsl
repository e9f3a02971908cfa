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
