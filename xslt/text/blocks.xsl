<?xml version="1.0" encoding="UTF-8"?>
<!--
  Blocks: what stands on lines of its own (paragraphs, headings, divisions, closers, verse,
  quotations, figures) and how a mixture of blocks and running text is cut into blocks.

  The cutting rule (tp:blocks): the children of a container are grouped into runs; a run of
  elements that are blocks (tp:is-block) is rendered in mode tp:block, a run of anything else
  becomes one paragraph through mode tp:inline. So a list inside a p splits the p, and an
  unknown element (frus:attachment) is a block exactly when something inside it is.

  Tunnel parameters of mode tp:block:
    tp:margin  column where the lines of the block start (quotations and list items indent);
    tp:align   'left', 'center' or 'right' (from @rend, inherited by the blocks inside).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- How far quotations are indented. -->
  <xsl:variable name="tp:quote-indent" as="xs:integer" select="4"/>

  <!-- ==================================================================================== -->
  <!-- Cutting content into blocks                                                          -->
  <!-- ==================================================================================== -->

  <!-- The blocks of some nodes: block elements rendered as blocks, every run of other nodes as
       one paragraph. $tight joins the blocks with a newline instead of a blank line (the
       parts of a closer). -->
  <xsl:template name="tp:blocks" as="xs:string*">
    <xsl:param name="nodes" as="node()*" select="node()"/>
    <xsl:param name="hang" as="xs:integer" select="0"/>
    <xsl:param name="tight" as="xs:boolean" select="false()"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:for-each-group select="$nodes" group-adjacent="tp:is-block(.)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:apply-templates select="current-group()" mode="tp:block"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="tp:flow">
              <xsl:with-param name="nodes" select="current-group()"/>
              <xsl:with-param name="hang" select="$hang"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="if ($tight) then ($blocks[1], subsequence($blocks, 2) ! ($tp:TIGHT || .))
                          else $blocks"/>
  </xsl:template>

  <!-- Running text as one paragraph at the current margin and alignment. -->
  <xsl:template name="tp:flow" as="xs:string?">
    <xsl:param name="nodes" as="node()*" select="node()"/>
    <xsl:param name="hang" as="xs:integer" select="0"/>
    <xsl:param name="tp:margin" as="xs:integer" select="0" tunnel="yes"/>
    <xsl:param name="tp:align" as="xs:string" select="'left'" tunnel="yes"/>
    <xsl:variable name="flow" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="tp:inline"/>
    </xsl:variable>
    <xsl:sequence select="tp:layout(string-join($flow), $tp:width, $tp:margin, $hang, $tp:align)"/>
  </xsl:template>

  <!-- Does the node stand as a block? -->
  <xsl:function name="tp:is-block" as="xs:boolean" cache="yes">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="
        if (not($node instance of element())) then false()
        else if (tp:is-omitted($node) or tp:is-endnote($node)) then false()
        else if (tp:is-line-name($node) and $node/parent::*[tp:is-tight(.)])
          then tp:has-block-child($node)
        else if (tp:is-block-name($node)) then true()
        else if (tp:is-positional($node) and tp:is-block-position($node)) then true()
        else if ($node/self::tei:quote[matches(@rend, 'block|display')]) then true()
        else tp:has-block-child($node)"/>
  </xsl:function>

  <xsl:function name="tp:has-block-child" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="some $child in tp:rendered-children($element)[self::*]
                          satisfies tp:is-block($child)"/>
  </xsl:function>

  <!-- The children that are shown: for a choice the chosen reading, for an app its lemma. -->
  <xsl:function name="tp:rendered-children" as="node()*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if ($element/self::tei:choice) then tp:chosen($element)
                          else if ($element/self::tei:app) then tp:app-reading($element)
                          else $element/node()"/>
  </xsl:function>

  <!-- Containers of blocks: divisions and their kin. -->
  <xsl:function name="tp:is-section" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(self::tei:TEI | self::tei:teiCorpus |
          self::tei:text | self::tei:front | self::tei:back | self::tei:body |
          self::tei:group | self::tei:div | self::tei:div1 | self::tei:div2 | self::tei:div3 |
          self::tei:div4 | self::tei:div5 | self::tei:div6 | self::tei:div7 |
          self::tei:floatingText | self::tei:argument | self::tei:epigraph |
          self::tei:postscript | self::tei:sp | self::tei:spGrp | self::tei:castList |
          self::tei:titlePage | self::tei:abstract | self::tei:sourceDoc |
          self::tei:surfaceGrp | self::tei:surface | self::tei:zone))"/>
  </xsl:function>

  <!-- Elements whose children may stand as blocks even when they are quotations or bibls. -->
  <xsl:function name="tp:is-container" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tp:is-section($element)
        or (exists($element/(self::tei:quote | self::tei:cit | self::tei:figure |
              self::tei:note)))"/>
  </xsl:function>

  <!-- Elements that are one line or a few lines of their own. Inside a closer, opener or lg
       they are lines of that block; elsewhere each is a block. -->
  <xsl:function name="tp:is-line-name" as="xs:boolean" cache="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(self::tei:dateline | self::tei:signed |
          self::tei:salute | self::tei:byline | self::tei:docDate | self::tei:docAuthor |
          self::tei:docEdition | self::tei:titlePart | self::tei:addrLine | self::tei:l |
          self::tei:trailer | self::tei:speaker | self::tei:imprimatur | self::tei:castItem |
          self::tei:line))
        or ($element/self::tei:seg and tp:rend-align($element) = ('center', 'right'))"/>
  </xsl:function>

  <!-- Blocks made of lines, without blank lines between them (a speech: its speaker, lines,
       stage directions and paragraphs). -->
  <xsl:function name="tp:is-tight-name" as="xs:boolean" cache="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(self::tei:closer | self::tei:opener |
          self::tei:address | self::tei:docImprint | self::tei:docTitle | self::tei:lg |
          self::tei:sp | self::tei:castList | self::tei:zone))"/>
  </xsl:function>

  <!-- A stanza is tight; an lg of stanzas is not. -->
  <xsl:function name="tp:is-tight" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tp:is-tight-name($element) and empty($element/tei:lg)"/>
  </xsl:function>

  <xsl:function name="tp:is-block-name" as="xs:boolean" cache="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tp:is-section($element) or tp:is-line-name($element)
        or tp:is-tight-name($element) or tp:is-list-like($element)
        or (exists($element/(self::tei:p | self::tei:ab | self::tei:head | self::tei:list |
              self::tei:table)))
        or ($element/self::tei:figure and not(tp:is-inline-figure($element)))"/>
  </xsl:function>

  <!-- Does the element stand where blocks stand: in a division, quotation, figure or note
       that has no running text of its own around it? -->
  <xsl:function name="tp:is-block-position" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/parent::*[tp:is-container(.)]
                                                   [not(text()[normalize-space()])])"/>
  </xsl:function>

  <!-- Elements that are blocks only where blocks stand, and running text inside a paragraph:
       quotations and citations, stage directions, bibls, in-place notes, and the inline
       elements that editions put directly between paragraphs (the Mächtekongresse protocols
       have <metamark><add>…</add></metamark> and <pb/> between paragraphs of a div), which
       then make a paragraph of their own instead of running into their neighbours. -->
  <xsl:function name="tp:is-positional" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(self::tei:quote | self::tei:q | self::tei:said |
          self::tei:cit | self::tei:stage | self::tei:bibl | self::tei:biblStruct |
          self::tei:label | self::tei:note | self::tei:figDesc | self::tei:listApp |
          self::tei:app | self::tei:fw | self::tei:gap | self::tei:milestone | self::tei:ptr |
          self::tei:ref | self::tei:seg | self::tei:hi | self::tei:foreign | self::tei:add |
          self::tei:metamark))"/>
  </xsl:function>

  <!-- Elements whose head is a caption rather than a heading. -->
  <xsl:function name="tp:is-captioned" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tp:is-list-like($element) or tp:is-tight-name($element)
        or (exists($element/(self::tei:list | self::tei:table | self::tei:lg |
              self::tei:figure | self::tei:castList | self::tei:spGrp | self::tei:quote |
              self::tei:note | self::tei:item | self::tei:cell | self::tei:p | self::tei:ab)))"/>
  </xsl:function>

  <!-- Alignment asked for by @rend ("center", "right", "align(center)", "flushright"). -->
  <xsl:function name="tp:rend-align" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="rend" select="lower-case(string($element/@rend))"/>
    <xsl:sequence select="
        if (matches($rend, '(^|[\s(])(center|centre|centered|centred)([\s)]|$)')) then 'center'
        else if (matches($rend, '(^|[\s(])(right|flushright|align-right)([\s)]|$)')) then 'right'
        else if (matches($rend, '(^|[\s(])(left|flushleft)([\s)]|$)')) then 'left'
        else ()"/>
  </xsl:function>

  <!-- ==================================================================================== -->
  <!-- Block rules                                                                          -->
  <!-- ==================================================================================== -->

  <!-- Divisions and every other element that reaches this mode without a rule of its own
       (unknown TEI, other namespaces such as frus:attachment, inline elements holding
       blocks): its children, cut into blocks. An element that stands as a block only by its
       position (a gap or a note directly in a division) is one paragraph, rendered by its
       inline rule so that it keeps its marks ("[…]", quotation marks). -->
  <xsl:template match="*" mode="tp:block" priority="-1" as="xs:string*">
    <xsl:param name="tp:align" as="xs:string" select="'left'" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="tp:has-block-child(.) or tp:is-section(.)">
        <xsl:call-template name="tp:blocks">
          <xsl:with-param name="nodes" select="tp:rendered-children(.)"/>
          <xsl:with-param name="tp:align" select="(tp:rend-align(.), $tp:align)[1]" tunnel="yes"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tp:flow">
          <xsl:with-param name="nodes" select="."/>
          <xsl:with-param name="tp:align" select="(tp:rend-align(.), $tp:align)[1]" tunnel="yes"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Paragraphs and single lines (a dateline or signed standing alone). In these, lb is a
       space in a p or ab and a line break in the line elements (see tp:is-line-context). -->
  <xsl:template match="tei:p | tei:ab | tei:*[tp:is-line-name(.)]" mode="tp:block" priority="1"
    as="xs:string*">
    <xsl:param name="tp:align" as="xs:string" select="'left'" tunnel="yes"/>
    <xsl:call-template name="tp:blocks">
      <xsl:with-param name="hang" select="if (self::tei:l) then 2 else 0"/>
      <xsl:with-param name="tp:align" select="(tp:rend-align(.), $tp:align)[1]" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Closers, openers, addresses and stanzas: their parts line by line, no blank lines.
       Wrapped verse lines hang by two columns. -->
  <xsl:template match="tei:*[tp:is-tight(.)]" mode="tp:block" priority="1" as="xs:string*">
    <xsl:param name="tp:align" as="xs:string" select="'left'" tunnel="yes"/>
    <xsl:call-template name="tp:blocks">
      <xsl:with-param name="hang" select="if (self::tei:lg) then 2 else 0"/>
      <xsl:with-param name="tight" select="true()"/>
      <xsl:with-param name="tp:align" select="(tp:rend-align(.), $tp:align)[1]" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A heading. Headings of divisions (and of unknown containers such as frus:attachment)
       are underlined with '-'; the heading of a list, table, stanza or figure is a plain
       line, a caption. -->
  <xsl:template match="tei:head" mode="tp:block" as="xs:string?">
    <xsl:param name="tp:margin" as="xs:integer" select="0" tunnel="yes"/>
    <xsl:variable name="text" as="xs:string?">
      <xsl:call-template name="tp:flow"/>
    </xsl:variable>
    <xsl:sequence select="if (parent::*[tp:is-captioned(.)]) then $text
                          else tp:underline($text, '-', $tp:margin)"/>
  </xsl:template>

  <!-- A quotation set off from the text (quote, or q/said/epigraph standing as a block): its
       blocks indented. Inside cit the cit already indents. -->
  <xsl:template match="tei:quote | tei:q | tei:said | tei:cit | tei:epigraph" mode="tp:block"
    as="xs:string*">
    <xsl:param name="tp:margin" as="xs:integer" select="0" tunnel="yes"/>
    <xsl:call-template name="tp:blocks">
      <xsl:with-param name="tp:margin" tunnel="yes"
        select="$tp:margin + (if (parent::tei:cit) then 0 else $tp:quote-indent)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A figure: its heading and description; "[Figure]" when it has no words at all. -->
  <xsl:template match="tei:figure" mode="tp:block" as="xs:string*">
    <xsl:param name="tp:margin" as="xs:integer" select="0" tunnel="yes"/>
    <xsl:param name="tp:align" as="xs:string" select="'left'" tunnel="yes"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:call-template name="tp:blocks"/>
    </xsl:variable>
    <xsl:sequence select="if (normalize-space(string-join($blocks))) then $blocks
                          else tp:layout('[Figure]', $tp:width, $tp:margin, 0, $tp:align)"/>
  </xsl:template>

  <!-- A title page is centred, as printed. -->
  <xsl:template match="tei:titlePage" mode="tp:block" as="xs:string*">
    <xsl:call-template name="tp:blocks">
      <xsl:with-param name="tp:align" select="(tp:rend-align(.), 'center')[1]" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
