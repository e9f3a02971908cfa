<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading both editions show: which child of a choice, which reading of an app, and what
  is left out of the reading text. The HTML edition may still show what the reading leaves out
  (a deletion struck through, the variants of an apparatus), marked as such; the plain-text
  edition leaves it out. Either way the words of the reading are the same.

  Stylesheet parameter $reading (set by the caller, default 'normalised'):
    'normalised'  choice shows expan, corr, reg; EpiDoc ex is shown and am left out;
                  lb break="no" joins the word.
    'diplomatic'  choice shows abbr, sic, orig; am is shown and ex left out; the HTML edition
                  shows the line break inside a word.
  Any other value counts as 'normalised'.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:param name="reading" as="xs:string" select="'normalised'"/>

  <xsl:variable name="tp:diplomatic" as="xs:boolean" select="$reading eq 'diplomatic'"/>

  <xsl:function name="tp:is-tei" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="namespace-uri($element) eq 'http://www.tei-c.org/ns/1.0'"/>
  </xsl:function>

  <!-- Lists of entries: registers of persons, places … and bibliographies. In back they are
       the document's registers (data, not text); elsewhere a list of entries in the text. -->
  <xsl:function name="tp:is-list-like" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tp:is-tei($element) and local-name($element) = ('listBibl',
        'listPerson', 'listPlace', 'listOrg', 'listEvent', 'listNym', 'listWit', 'listRelation',
        'listObject', 'listApp')"/>
  </xsl:function>

  <!-- A register of the document: a list of persons, places, organisations, events, names,
       relations, objects or works in back (the outermost one). An apparatus or a list of
       witnesses in back is text, not a register. -->
  <xsl:function name="tp:is-register" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tp:is-list-like($element)
        and not(local-name($element) = ('listApp', 'listWit'))
        and exists($element/ancestor::tei:back)
        and empty($element/ancestor::*[tp:is-register(.)])"/>
  </xsl:function>

  <!-- The child of a choice that the reading shows. Without a preferred child (a choice of two
       segs, an incomplete choice) the first element child is shown, so no text is lost. -->
  <xsl:function name="tp:chosen" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:variable name="order" as="xs:string*"
      select="if ($tp:diplomatic) then ('abbr', 'sic', 'orig') else ('expan', 'corr', 'reg')"/>
    <xsl:sequence select="(for $name in $order return $choice/*[local-name() eq $name], $choice/*)[1]"/>
  </xsl:function>

  <!-- The reading of an app that is shown: the lemma; failing that, the first reading. -->
  <xsl:function name="tp:lemma" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="($app/tei:lem, $app/tei:rdg, $app/tei:rdgGrp//tei:rdg)[1]"/>
  </xsl:function>

  <!-- What of an app is shown: its lemma, or, in an app without lem or rdg (an EpiDoc
       apparatus entry holding only a note), everything else it contains. -->
  <xsl:function name="tp:app-reading" as="node()*">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="lemma" as="element()?" select="tp:lemma($app)"/>
    <xsl:sequence select="if ($lemma) then $lemma
                          else $app/node()[not(self::tei:wit or self::tei:witDetail)]"/>
  </xsl:function>

  <!-- A line, column or page break inside a word (break="no"): the word reads as one word. -->
  <xsl:function name="tp:is-word-break" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/(self::tei:lb | self::tei:cb | self::tei:pb)[@break = 'no'])"/>
  </xsl:function>

  <!-- Is the element left out of the reading with everything in it? Deletions, the readings
       of an app other than the lemma, index entries, the EpiDoc marker of the reading not
       shown, and the registers in back. -->
  <xsl:function name="tp:is-omitted" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="name" select="local-name($element)"/>
    <xsl:sequence select="tp:is-tei($element) and (
        $name = ('del', 'index', 'witDetail')
        or ($name = ('rdg', 'rdgGrp')
            and not(exists(($element/ancestor::tei:app[1] ! tp:lemma(.))
                           intersect $element/descendant-or-self::*)))
        or ($name eq 'am' and not($tp:diplomatic))
        or ($name eq 'ex' and $tp:diplomatic)
        or tp:is-register($element))"/>
  </xsl:function>

  <!-- Is the node part of the reading? Not inside an omitted element, nor inside the child of
       a choice that is not chosen. -->
  <xsl:function name="tp:is-shown" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="ancestors" select="$node/ancestor-or-self::*"/>
    <xsl:sequence select="not(some $a in $ancestors satisfies tp:is-omitted($a))
        and (every $choice in $node/ancestor::tei:choice
             satisfies exists(tp:chosen($choice) intersect $ancestors))"/>
  </xsl:function>

</xsl:stylesheet>
