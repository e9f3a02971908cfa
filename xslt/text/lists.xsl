<?xml version="1.0" encoding="UTF-8"?>
<!--
  Lists: list/item, glossary lists (label + item), and lists of entries (listBibl,
  listPerson … when they stand in the text; in back they are registers and are hidden, see
  tp:is-omitted in common/readings.xsl).

      - a bulleted item whose lines
        hang under its first word
      1. a numbered item (list rend="numbered", or @type/@rend ordered, decimal, arabic)
      (a) an item that numbers itself keeps its own enumerator, without a bullet
      Label  a glossary item

  A nested list indents under the text of its item. A list is compact when every item fits
  on one line, and has a blank line between items otherwise. Lists inside signed or closer
  (names of signatories), and lists aligned by @rend, are plain lines without bullets.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- Glossary labels wider than this get a line of their own. -->
  <xsl:variable name="tp:label-max" as="xs:integer" select="20"/>

  <!-- An enumerator at the start of an item: "1.", "(a)", "iv)". -->
  <xsl:variable name="tp:enumerator" as="xs:string"
    select="'^(\(?([0-9]{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)])\s'"/>

  <xsl:template match="tei:list" mode="tp:block" as="xs:string*">
    <xsl:param name="tp:margin" as="xs:integer" select="0" tunnel="yes"/>
    <xsl:variable name="items" as="element()*"
      select="tei:item[tp:has-words(.) or preceding-sibling::*[1][self::tei:label]]"/>
    <xsl:variable name="style" as="xs:string" select="tp:list-style(., $items)"/>
    <xsl:variable name="markers" as="xs:string*" select="
        if ($style eq 'number') then (1 to count($items)) ! (string(.) || '.')
        else if ($style eq 'n') then $items ! normalize-space(@n)
        else if ($style eq 'label')
          then $items ! tp:plain(preceding-sibling::*[1][self::tei:label])
        else if ($style eq 'bullet') then $items ! '-'
        else $items ! ''"/>
    <xsl:variable name="widest" as="xs:integer" select="max(($markers ! tp:columns(.), 0))"/>
    <xsl:variable name="hang" as="xs:integer" select="
        if ($style eq 'plain') then 0
        else if ($style eq 'self')
          then 3 + max($items ! tp:columns(replace(tp:plain(.), $tp:enumerator || '.*$', '$1')))
        else if ($style eq 'label') then 4 + min(($widest, $tp:label-max))
        else 3 + $widest"/>
    <!-- Each entry rendered, with whether it is long: its own text wraps or has several
         paragraphs (a nested list, which follows its item's text tightly, does not count).
         Entries are the items, and whatever else stands between them (a page break, a label
         without an item), which is shown without a marker so that nothing is lost. -->
    <xsl:variable name="rendered" as="map(xs:string, item())*">
      <xsl:for-each select="*[not(self::tei:head)]
                             [not(self::tei:label[following-sibling::*[1][self::tei:item]])]
                             [tp:has-words(.) or exists(. intersect $items)]">
        <xsl:variable name="item" as="element()" select="."/>
        <xsl:variable name="position" as="xs:integer?"
          select="(for $i in 1 to count($items) return $i[$items[$i] is $item])[1]"/>
        <xsl:variable name="blocks" as="xs:string*">
          <xsl:call-template name="tp:blocks">
            <xsl:with-param name="nodes" select="if (exists($position)) then node() else ."/>
            <xsl:with-param name="tp:margin" tunnel="yes" select="$tp:margin
                + (if (exists($position)) then $hang else if ($style eq 'plain') then 0 else 2)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="block" as="xs:string" select="tp:join-blocks($blocks)"/>
        <xsl:variable name="marker" as="xs:string" select="($markers[$position], '')[1]"/>
        <xsl:sequence select="map{
            'long': tp:is-multiline($blocks[1])
                    or ($style eq 'label' and tp:columns($marker) gt $tp:label-max)
                    or exists(subsequence($blocks, 2)[not(starts-with(., $tp:TIGHT))]),
            'text':
              if (empty($position) or $style eq 'plain') then $block
              else if ($style eq 'self') then tp:outdent-first($block, $tp:margin + 2)
              else if ($style = ('number', 'n'))
                then tp:label('  ' || tp:spaces($widest - tp:columns($marker)) || $marker,
                              $block, $tp:margin, $hang)
              else tp:label('  ' || $marker, $block, $tp:margin, $hang)}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:call-template name="tp:entries">
      <xsl:with-param name="entries" select="$rendered ! ?text"/>
      <xsl:with-param name="loose" select="some $r in $rendered satisfies $r?long"/>
    </xsl:call-template>
  </xsl:template>

  <!-- How a list marks its items. -->
  <xsl:function name="tp:list-style" as="xs:string">
    <xsl:param name="list" as="element()"/>
    <xsl:param name="items" as="element()*"/>
    <xsl:variable name="kind" select="tokenize(lower-case(string-join($list/(@rend, @type), ' ')))"/>
    <xsl:sequence select="
        if ($list/ancestor::*[self::tei:signed or self::tei:closer]
            or tp:rend-align($list) = ('center', 'right')) then 'plain'
        else if ($list/tei:label[following-sibling::*[1][self::tei:item]]) then 'label'
        else if ($kind = ('numbered', 'ordered', 'decimal', 'arabic', 'enumerated')) then 'number'
        else if (exists($items) and (every $i in $items satisfies normalize-space($i/@n)))
          then 'n'
        else if (exists($items) and (every $i in $items satisfies matches(tp:plain($i), $tp:enumerator)))
          then 'self'
        else 'bullet'"/>
  </xsl:function>

  <!-- Does the element show anything? -->
  <xsl:function name="tp:has-words" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="normalize-space($element) != ''
        or exists($element/descendant-or-self::*[self::tei:gap or self::tei:pb[@n]
                                                 or self::tei:ptr or self::tei:figure])"/>
  </xsl:function>

  <!-- Moves the first line of a block to start at $column (an item that numbers itself:
       its enumerator stands out to the left, its text hangs under the first word). -->
  <xsl:function name="tp:outdent-first" as="xs:string">
    <xsl:param name="block" as="xs:string"/>
    <xsl:param name="column" as="xs:integer"/>
    <xsl:variable name="first" select="substring-before($block || $tp:NL, $tp:NL)"/>
    <xsl:sequence select="tp:spaces($column) || replace($first, '^ +', '')
                          || substring($block, string-length($first) + 1)"/>
  </xsl:function>

  <!-- Entries after the list's heads: compact when all fit on one line, else with blank
       lines between. A list inside an item follows the item's text directly, and the entries
       follow the heads directly. The context item is the list. -->
  <xsl:template name="tp:entries" as="xs:string*">
    <xsl:param name="entries" as="xs:string*"/>
    <xsl:param name="loose" as="xs:boolean"
      select="some $entry in $entries satisfies tp:is-multiline($entry)"/>
    <xsl:variable name="heads" as="xs:string*">
      <xsl:apply-templates select="tei:head" mode="tp:block"/>
    </xsl:variable>
    <xsl:variable name="in-item" as="xs:boolean" select="exists(parent::tei:item)"/>
    <xsl:variable name="tight" as="xs:boolean" select="not($loose)"/>
    <xsl:sequence select="
        for $i in 1 to count($heads)
        return (if ($i gt 1 or $in-item) then $tp:TIGHT else '') || $heads[$i],
        for $i in 1 to count($entries)
        return (if ($i eq 1 and (exists($heads) or $in-item) or $i gt 1 and $tight)
                then $tp:TIGHT else '') || $entries[$i]"/>
  </xsl:template>

  <!-- A list of entries standing in the text (a bibliography, the persons present): each
       entry a bulleted item; a nested list of entries indents. -->
  <xsl:template match="tei:*[tp:is-list-like(.)]" mode="tp:block" as="xs:string*">
    <xsl:param name="tp:margin" as="xs:integer" select="0" tunnel="yes"/>
    <xsl:variable name="entries" as="xs:string*">
      <xsl:for-each select="*[not(self::tei:head)][tp:has-words(.)]">
        <xsl:variable name="blocks" as="xs:string*">
          <xsl:choose>
            <xsl:when test="tp:is-list-like(.)">
              <xsl:apply-templates select="." mode="tp:block">
                <xsl:with-param name="tp:margin" select="$tp:margin + 4" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:when test="self::tei:pb">
              <xsl:call-template name="tp:flow">
                <xsl:with-param name="nodes" select="."/>
                <xsl:with-param name="tp:margin" select="$tp:margin + 2" tunnel="yes"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="tp:blocks">
                <xsl:with-param name="nodes" select="tp:rendered-children(.)"/>
                <xsl:with-param name="tp:margin" select="$tp:margin + 4" tunnel="yes"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:sequence select="if (tp:is-list-like(.) or self::tei:pb) then tp:join-blocks($blocks)
                              else tp:label('  -', tp:join-blocks($blocks), $tp:margin, 4)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:call-template name="tp:entries">
      <xsl:with-param name="entries" select="$entries"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The document's own registers (listPerson … in back, see tp:is-register), which the Text
       section leaves out: one list per register under its title, an entry per item, "name,
       life dates, notes". -->
  <xsl:function name="tp:register-blocks" as="xs:string*">
    <xsl:param name="root" as="element()"/>
    <xsl:for-each select="tp:registers-within($root)[ancestor::*[self::tei:TEI or self::tei:teiCorpus][1] is $root]">
      <xsl:variable name="entries" as="xs:string*" select="tp:register-entries(.)
          ! string-join((tp:entry-label(.), tp:entry-details(.)), ', ')[normalize-space()]
          ! tp:label('  -', tp:wrap(., $tp:width, 4), 0, 4)"/>
      <xsl:if test="exists($entries)">
        <xsl:sequence select="tp:register-title(.), $entries ! ($tp:TIGHT || .)"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

</xsl:stylesheet>
