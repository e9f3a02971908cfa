<?xml version="1.0" encoding="UTF-8"?>
<!--
  The only place where TEI attributes become HTML attributes.

  TEI is untrusted input: attributes are never copied. @rend/@rendition/@style turn into
  "rend-*" classes from a fixed vocabulary or safe tokens, @xml:lang into a checked lang,
  @xml:id into an id, and every URL goes through tp:safe-href before it becomes an href.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:key name="tp:rendition" match="tei:rendition" use="@xml:id"/>

  <!-- A URL we may emit as href, or () when it must be shown as text only.
       Allowed: http(s)://, mailto:, and relative URLs without a scheme (no ':' before the first
       '/', '?' or '#'). Everything else (javascript:, data:, vbscript:, file:, …) is refused.
       Whitespace or control characters inside the URL are refused too, because browsers strip
       tabs and newlines and "java&#10;script:" would otherwise slip through. -->
  <xsl:function name="tp:safe-href" as="xs:string?" cache="yes">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" as="xs:string" select="normalize-space($url)"/>
    <xsl:sequence select="
      if ($u eq '' or matches($u, '[\s\p{Cc}]')) then ()
      else if (matches($u, '^(https?://|mailto:)', 'i')) then $u
      else if (not(matches($u, '^[^/?#]*:'))) then $u
      else ()"/>
  </xsl:function>

  <!-- True for absolute http(s) URLs (authority links, external entity refs). -->
  <xsl:function name="tp:is-web-url" as="xs:boolean" cache="yes">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="matches(normalize-space($url), '^https?://[^\s\p{Cc}]+$', 'i')"/>
  </xsl:function>

  <!-- Keep only tokens that are safe as (part of) a class name. -->
  <xsl:function name="tp:class-tokens" as="xs:string*">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="tokenize(normalize-space($value), ' ')[matches(., '^[A-Za-z0-9_-]+$')]"/>
  </xsl:function>

  <!-- CSS found in @style or a referenced tei:rendition, mapped to our own classes.
       The CSS itself is never emitted. -->
  <xsl:function name="tp:css-classes" as="xs:string*">
    <xsl:param name="css" as="xs:string?"/>
    <xsl:variable name="c" as="xs:string" select="lower-case(replace($css, '\s+', ''))"/>
    <xsl:sequence select="
      (if (contains($c, 'vertical-align:super')) then 'rend-sup' else (),
       if (contains($c, 'vertical-align:sub')) then 'rend-sub' else (),
       if (contains($c, 'line-through')) then 'rend-strikethrough' else (),
       if (contains($c, 'underline')) then 'rend-underline' else (),
       if (contains($c, 'font-style:italic')) then 'rend-italic' else (),
       if (matches($c, 'font-weight:(bold|[6-9]00)')) then 'rend-bold' else (),
       if (contains($c, 'small-caps')) then 'rend-smallcaps' else (),
       if (contains($c, 'letter-spacing')) then 'rend-spaced' else (),
       if (contains($c, 'text-align:center')) then 'rend-center' else (),
       if (contains($c, 'text-align:right')) then 'rend-right' else ())"/>
  </xsl:function>

  <!-- rend-* classes for an element: @rend tokens, "simple:" renditions, and the CSS of
       renditions referenced by @rendition (looked up in this document's tagsDecl). -->
  <xsl:function name="tp:rend-classes" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="renditions" as="xs:string*" select="tokenize(normalize-space($e/@rendition), ' ')"/>
    <xsl:variable name="root" as="node()" select="root($e)"/>
    <xsl:sequence select="
      tp:class-tokens($e/@rend) ! concat('rend-', .),
      $renditions[starts-with(., 'simple:')] ! substring-after(., 'simple:')
        [matches(., '^[A-Za-z0-9_-]+$')] ! concat('rend-', .),
      if ($root instance of document-node()) then
        $renditions[starts-with(., '#')] ! key('tp:rendition', substring(., 2), $root) ! tp:css-classes(string(.))
      else (),
      $e/@style ! tp:css-classes(string(.))"/>
  </xsl:function>

  <!-- The element's @xml:id as HTML id, unless it could clash with the ids we generate
       (note-N, noteref-N, tp-*). -->
  <xsl:function name="tp:html-id" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="normalize-space($e/@xml:id)[. ne ''][not(matches(., '^(note|noteref)-\d+$|^tp-'))]"/>
  </xsl:function>

  <!-- The HTML attributes every rendered TEI element gets: id (tp:html-id), class (the given base classes
       plus rend-* classes) and lang (from a well-formed @xml:lang). -->
  <xsl:function name="tp:attributes" as="attribute()*">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="classes" as="xs:string*"/>
    <xsl:if test="exists(tp:html-id($e))">
      <xsl:attribute name="id" select="tp:html-id($e)"/>
    </xsl:if>
    <xsl:variable name="all" as="xs:string*"
      select="distinct-values(($classes, $e[@rend or @rendition or @style] ! tp:rend-classes(.)))"/>
    <xsl:if test="exists($all)">
      <xsl:attribute name="class" select="string-join($all, ' ')"/>
    </xsl:if>
    <xsl:if test="matches($e/@xml:lang, '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$')">
      <xsl:attribute name="lang" select="$e/@xml:lang"/>
    </xsl:if>
  </xsl:function>

  <!-- "div-letter" style class for a typed element; () when the type is not a safe token. -->
  <xsl:function name="tp:type-classes" as="xs:string*">
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="tp:class-tokens($value) ! concat($prefix, '-', .)"/>
  </xsl:function>

</xsl:stylesheet>
