<?xml version="1.0" encoding="UTF-8"?>
<!--
  Which notes are endnotes, and their numbers and labels: one rule for both editions, so that
  "[3]" names the same note in the HTML page and in the plain text.

  An endnote stands in the text (or in the abstract) as a numbered marker, and its content is
  listed at the end. Every other note stays where it is: notes placed in the text by @place
  (inline, margin, above …) or by rend="inline" (FRUS "[Telegram.]" and source notes), the note
  of an EpiDoc apparatus entry (app without lem or rdg), notes in register entries and in
  what the reading leaves out without a trace (the unchosen child of a choice, am/ex, index).
  A note in a deletion or in a variant reading keeps its number: the HTML edition shows the
  deletion and the variant, and the text edition, which leaves them out, puts the marker where
  they stand (tp:endnotes-within).

  Numbers: 1, 2, 3 … in document order, counted once by the accumulator tp:endnote-count.
  Labels: the note's own @n (without brackets: n="[1]" is "1") when these labels are unique in
  the input; otherwise the running numbers (a FRUS volume restarts @n in every document).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- @place values that put a note somewhere in the written text rather than at its end. -->
  <xsl:variable name="tp:in-place" as="xs:string"
    select="'^(inline|inside|inspace|margin.*|left|right|top|above|below|interlinear|opposite|overleaf)$'"/>

  <xsl:function name="tp:is-endnote" as="xs:boolean" cache="yes">
    <xsl:param name="note" as="node()"/>
    <xsl:sequence select="exists($note/self::tei:note)
        and not($note/parent::tei:app)
        and not(some $place in tokenize(lower-case($note/@place)) satisfies matches($place, $tp:in-place))
        and not(tokenize(lower-case($note/@rend)) = 'inline')
        and exists($note/(ancestor::tei:text | ancestor::tei:abstract))
        and empty($note/ancestor::*[self::tei:person or self::tei:place or self::tei:org
                                    or self::tei:event])
        and (every $omitted in $note/ancestor::*[tp:is-omitted(.)]
             satisfies exists($omitted/(self::tei:del | self::tei:rdg | self::tei:rdgGrp)))
        and (every $choice in $note/ancestor::tei:choice
             satisfies exists(tp:chosen($choice) intersect $note/ancestor::*))"/>
  </xsl:function>

  <!-- Where a note is called when it is not written where it applies: a note that points with
       @target at an anchor, or at a span (the end of the span, or @targetEnd), in another
       element than its own (a notes division in back) is called right after that anchor or
       span. () for a note that stands where it applies (the usual case; also a note written
       right after the span it comments on, in the same element). -->
  <xsl:function name="tp:call-site" as="element()?">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="pointer" as="xs:string?"
      select="(normalize-space($note/@targetEnd), tokenize(normalize-space($note/@target))[last()])[starts-with(., '#')][1]"/>
    <xsl:variable name="site" as="element()?"
      select="if (exists($pointer) and root($note) instance of document-node())
              then id(substring($pointer, 2), root($note))[1] else ()"/>
    <xsl:sequence select="$site[ancestor::tei:text]
        [not(. intersect $note/ancestor-or-self::*) and not(ancestor::* intersect $note)]
        [self::tei:anchor or not(parent::* is $note/parent::*)]"/>
  </xsl:function>

  <xsl:key name="tp:called-at" match="tei:note[@target or @targetEnd]" use="tp:call-site(.)/@xml:id"/>

  <!-- The endnotes called right after this element (see tp:call-site). -->
  <xsl:function name="tp:notes-called-at" as="element()*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if ($element/@xml:id and root($element) instance of document-node())
                          then key('tp:called-at', string($element/@xml:id), root($element))[tp:is-endnote(.)]
                          else ()"/>
  </xsl:function>

  <!-- The endnotes inside an element that is not shown, whose markers stand in its place. -->
  <xsl:function name="tp:endnotes-within" as="element()*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element//tei:note[tp:is-endnote(.)] except $element//tei:note//tei:note"/>
  </xsl:function>

  <xsl:accumulator name="tp:endnote-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[tp:is-endnote(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The running number of an endnote (1, 2, 3 … in document order). -->
  <xsl:function name="tp:note-number" as="xs:integer">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="$note ! accumulator-before('tp:endnote-count')"/>
  </xsl:function>

  <!-- An element's own number (@n) without the brackets an editor put around it: a note or a
       page numbered n="[1]" (a number the source does not print) is shown as "[1]", not
       "[[1]]". -->
  <xsl:function name="tp:own-label" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="replace(normalize-space($element/@n), '^\[(.*)\]$', '$1')"/>
  </xsl:function>

  <xsl:variable name="tp:endnotes" as="element()*" select="//tei:note[tp:is-endnote(.)]"/>
  <xsl:variable name="tp:labels-from-n" as="xs:boolean" select="
      let $labels := $tp:endnotes ! (tp:own-label(.)[.], string(tp:note-number(.)))[1]
      return count($labels) eq count(distinct-values($labels))"/>

  <xsl:function name="tp:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="(tp:own-label($note)[$tp:labels-from-n][.], string(tp:note-number($note)))[1]"/>
  </xsl:function>

</xsl:stylesheet>
