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
    <xsl:sequence select="exists($element/(self::tei:listBibl | self::tei:listPerson |
          self::tei:listPlace | self::tei:listOrg | self::tei:listEvent | self::tei:listNym |
          self::tei:listWit | self::tei:listRelation | self::tei:listObject |
          self::tei:listApp))"/>
  </xsl:function>

  <!-- A register of the document: a list of persons, places, organisations, events, names,
       relations, objects or works in back (the outermost one). An apparatus or a list of
       witnesses in back is text, not a register. -->
  <xsl:function name="tp:is-register" as="xs:boolean" cache="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tp:is-list-like($element)
        and empty($element/(self::tei:listApp | self::tei:listWit))
        and exists($element/ancestor::tei:back)
        and empty($element/ancestor::*[tp:is-register(.)])"/>
  </xsl:function>

  <!-- The registers inside an element. Only the lists tp:is-register accepts are tested: a
       name test costs far less than a call for every element of the document. -->
  <xsl:function name="tp:registers-within" as="element()*">
    <xsl:param name="root" as="element()"/>
    <xsl:sequence select="$root//(tei:listBibl | tei:listPerson | tei:listPlace | tei:listOrg
        | tei:listEvent | tei:listNym | tei:listRelation | tei:listObject)[tp:is-register(.)]"/>
  </xsl:function>

  <!-- The child of a choice that the reading shows. Without a preferred child (a choice of two
       segs, an incomplete choice) the first element child is shown, so no text is lost. -->
  <xsl:function name="tp:chosen" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="tp:chosen-in($choice, $tp:diplomatic)"/>
  </xsl:function>

  <!-- The child a given reading shows (the HTML edition carries both, for its reading switch). -->
  <xsl:function name="tp:chosen-in" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:param name="diplomatic" as="xs:boolean"/>
    <xsl:variable name="order" as="xs:string*"
      select="if ($diplomatic) then ('abbr', 'sic', 'orig') else ('expan', 'corr', 'reg')"/>
    <xsl:sequence select="(for $name in $order return $choice/*[local-name() eq $name], $choice/*)[1]"/>
  </xsl:function>

  <!-- The space a choice or an app keeps around the child it shows: leaving the other children
       out leaves the whitespace between them, so "par<choice> <abbr>Mr.</abbr> <expan>Monsieur
       </expan></choice>" reads "par Monsieur". ' ' or '' before ($side 'before') or after. -->
  <xsl:function name="tp:kept-space" as="xs:string">
    <xsl:param name="shown" as="element()?"/>
    <xsl:param name="side" as="xs:string"/>
    <xsl:variable name="texts" as="text()*"
      select="if ($side eq 'before') then $shown/preceding-sibling::text() else $shown/following-sibling::text()"/>
    <xsl:sequence select="if (some $t in $texts satisfies matches($t, '\s')) then ' ' else ''"/>
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

  <!-- ==================================================================================== -->
  <!-- Word boundaries                                                                      -->
  <!-- ==================================================================================== -->

  <!-- Elements that read as lines of their own (in an address, a cast list, a list, a title
       page, a closer, a speech …): two of them side by side are never one word, even when the
       encoder wrote no space between them. seg rend="center" or "right" is a line too. -->
  <xsl:function name="tp:is-line" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(self::tei:addrLine | self::tei:l | self::tei:line |
          self::tei:castItem | self::tei:castGroup | self::tei:item | self::tei:label |
          self::tei:dateline | self::tei:salute | self::tei:signed | self::tei:speaker |
          self::tei:stage | self::tei:byline | self::tei:docAuthor | self::tei:docDate |
          self::tei:docEdition | self::tei:docImprint | self::tei:titlePart | self::tei:trailer |
          self::tei:head | self::tei:p | self::tei:ab))
        or ($element/self::tei:seg and tokenize(lower-case($element/@rend)) = ('center', 'centre', 'right', 'line', 'block'))"/>
  </xsl:function>

  <!-- Word tokens of a tokenised text (w, pc …): the whitespace between two of them is layout;
       what separates them is @join and the kind of punctuation. -->
  <xsl:function name="tp:is-token" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node/(self::tei:w | self::tei:pc | self::tei:c | self::tei:num))"/>
  </xsl:function>

  <!-- The whitespace between two word tokens, which tp:token-gap replaces. -->
  <xsl:function name="tp:is-token-space" as="xs:boolean">
    <xsl:param name="text" as="text()"/>
    <xsl:sequence select="not(normalize-space($text))
        and tp:is-token($text/preceding-sibling::node()[1]) and tp:is-token($text/following-sibling::node()[1])"/>
  </xsl:function>

  <!-- What stands before a word token that follows another one: nothing when they are joined
       (@join on either side, punctuation that closes onto the word before, or opens onto the
       word after), else a space. () when the element does not follow a token. -->
  <xsl:function name="tp:token-gap" as="xs:string?">
    <xsl:param name="token" as="element()"/>
    <xsl:variable name="before" as="element()?"
      select="$token/preceding-sibling::node()[not(self::text()[not(normalize-space())])][1][tp:is-token(.)]"/>
    <xsl:variable name="joined" as="xs:boolean" select="
        $token/@join = ('left', 'both') or $before/@join = ('right', 'both')
        or ($token/self::tei:pc[not(@join)] and matches(string($token), '^[.,;:!?)\]}»”’%…]'))
        or ($before/self::tei:pc[not(@join)] and matches(string($before), '[(\[{«„“‘]$'))"/>
    <xsl:sequence select="if (not(tp:is-token($token)) or empty($before)) then ()
                          else if ($joined) then '' else ' '"/>
  </xsl:function>

  <!-- Does the element need a space before it so that its first word does not run into the
       last word of the element before it? Fields of a name or citation side by side, lines
       side by side, and word tokens (tp:token-gap). -->
  <xsl:function name="tp:needs-space" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="before" as="node()?" select="$element/preceding-sibling::node()[1]"/>
    <xsl:sequence select="(tp:is-field($element) and exists($before[self::*][tp:is-field(.)]))
        or (tp:is-line($element) and exists($before[self::*][tp:is-line(.)]))
        or tp:token-gap($element) = ' '"/>
  </xsl:function>

  <!-- Elements that are fields of a name, a bibliographic reference, a manuscript identifier
       or a cast list. -->
  <xsl:function name="tp:is-field" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(self::tei:forename | self::tei:surname |
          self::tei:roleName | self::tei:addName | self::tei:genName | self::tei:nameLink |
          self::tei:persName | self::tei:orgName | self::tei:placeName | self::tei:name |
          self::tei:author | self::tei:editor | self::tei:title | self::tei:date |
          self::tei:publisher | self::tei:pubPlace | self::tei:biblScope |
          self::tei:citedRange | self::tei:idno | self::tei:respStmt | self::tei:resp |
          self::tei:settlement | self::tei:country | self::tei:region |
          self::tei:institution | self::tei:repository | self::tei:collection |
          self::tei:msName | self::tei:edition | self::tei:extent | self::tei:series |
          self::tei:role | self::tei:roleDesc | self::tei:actor))"/>
  </xsl:function>

  <!-- A figure inside running text (a vignette in a paragraph): part of the paragraph, which
       it must not split. -->
  <xsl:function name="tp:is-inline-figure" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/self::tei:figure[parent::tei:p or parent::tei:ab
        or parent::tei:l or parent::tei:s or parent::tei:seg or parent::tei:hi or parent::tei:q])"/>
  </xsl:function>

  <!-- Is the element left out of the reading with everything in it? Deletions, the readings
       of an app other than the lemma, index entries, the EpiDoc marker of the reading not
       shown, the registers in back, and the facsimile (images and their zones, not text). -->
  <xsl:function name="tp:is-omitted" as="xs:boolean" cache="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="name" select="local-name($element)"/>
    <xsl:sequence select="tp:is-tei($element) and (
        exists($element/(self::tei:del | self::tei:index | self::tei:witDetail | self::tei:facsimile))
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
