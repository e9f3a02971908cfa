<?xml version="1.0" encoding="UTF-8"?>
<!--
  Block-level TEI in mode tp:text: divisions and headings, paragraphs, lists (including the
  entity lists listPerson/listPlace/… that editions copy into <back>), verse, tables, quotations,
  and the parts of letters (opener, dateline, salute, closer, signed, postscript).

  Headings: the page has <h1> (title) and <h2> sections (Text, Notes, Download), so a head of
  a top-level division is <h3>, one level deeper per enclosing division with a heading, capped
  at <h6>. Heads of lists, tables, verse groups, figures … are captions, not headings.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- A head is a section heading when its parent is a division-like container
       (or a foreign element such as frus:attachment). -->
  <xsl:function name="tp:is-heading" as="xs:boolean">
    <xsl:param name="head" as="element(tei:head)"/>
    <xsl:variable name="parent" as="element()?" select="$head/parent::*"/>
    <xsl:sequence select="exists($parent) and (
      empty($parent/self::tei:*)
      or exists($parent/(self::tei:div | self::tei:div1 | self::tei:div2 | self::tei:div3 |
                         self::tei:div4 | self::tei:div5 | self::tei:div6 | self::tei:div7 |
                         self::tei:front | self::tei:body | self::tei:back | self::tei:text |
                         self::tei:group | self::tei:floatingText)))"/>
  </xsl:function>

  <xsl:function name="tp:heading-level" as="xs:integer">
    <xsl:param name="head" as="element(tei:head)"/>
    <xsl:sequence select="min((6, 2 + count($head/ancestor::*[tei:head[tp:is-heading(.)]])))"/>
  </xsl:function>

  <xsl:function name="tp:is-block-quote" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/self::tei:quote) and tokenize(lower-case($e/@rend)) = ('blockquote', 'block', 'display')"/>
  </xsl:function>

  <!-- Divisions -->

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7" mode="tp:text">
    <xsl:element name="{if (tei:head[tp:is-heading(.)]) then 'section' else 'div'}">
      <xsl:sequence select="tp:attributes(., ('div', tp:type-classes('div', @type)))"/>
      <xsl:apply-templates mode="tp:text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group | tei:floatingText
                       | tei:titlePage | tei:figure | tei:sp | tei:spGroup | tei:castList
                       | tei:opener | tei:closer | tei:postscript | tei:epigraph
                       | tei:argument | tei:trailer | tei:l" mode="tp:text">
    <div>
      <xsl:sequence select="tp:attributes(., ('tei-' || local-name(), tp:type-classes('type', @type)))"/>
      <xsl:apply-templates mode="tp:text"/>
    </div>
  </xsl:template>

  <!-- A figure inside running text (tp:is-inline-figure) stays part of its paragraph. -->
  <xsl:template match="tei:figure[tp:is-inline-figure(.)]" mode="tp:text" priority="1">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'tei-figure', 'figure-inline'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:head[tp:is-heading(.)]" mode="tp:text">
    <xsl:variable name="level" as="xs:integer" select="tp:heading-level(.)"/>
    <xsl:choose>
      <xsl:when test="tp:has-block(.)">
        <div role="heading" aria-level="{$level}">
          <xsl:sequence select="tp:attributes(., 'head')"/>
          <xsl:apply-templates mode="tp:text"/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="h{$level}">
          <xsl:sequence select="tp:attributes(., ())"/>
          <xsl:apply-templates mode="tp:text"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Captions of lists, verse groups, figures, entity lists … (table heads: see tei:table);
       inside a figure that stands in running text, a phrase. -->
  <xsl:template match="tei:head" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="element" select="if (parent::*[tp:is-inline-figure(.)]) then 'span' else 'p'"/>
      <xsl:with-param name="classes" select="'head'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Paragraphs. On a document page (tunnel parameter tp:anchors) each has an id to link to
       and a permalink at its end (tp:permalink). -->

  <xsl:template match="tei:p" mode="tp:text">
    <xsl:param name="tp:anchors" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="block" as="xs:boolean" select="tp:has-block(.)"/>
    <xsl:element name="{if ($block) then 'div' else 'p'}">
      <xsl:sequence select="tp:attributes(., if ($block) then 'tei-p' else ())"/>
      <xsl:call-template name="tp:anchored-content">
        <xsl:with-param name="anchored" select="$tp:anchors"/>
      </xsl:call-template>
    </xsl:element>
  </xsl:template>

  <!-- Blocks of text that are not paragraphs: an inscription's ab, a verse group. On a document
       page they have an id and a permalink, as paragraphs do. -->
  <xsl:template match="tei:ab | tei:lg" mode="tp:text">
    <xsl:param name="tp:anchors" as="xs:boolean" tunnel="yes" select="false()"/>
    <div>
      <xsl:sequence select="tp:attributes(., ('tei-' || local-name(), tp:type-classes('type', @type)))"/>
      <xsl:call-template name="tp:anchored-content">
        <xsl:with-param name="anchored" select="$tp:anchors"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- Anchors: a paragraph, list item, note, ab or verse group keeps its @xml:id; else it is
       named by its @n when no other of its kind in the document has the same (p-n12, item-nA,
       ab-n3), else by its position in the document's text, counted apart from the header and
       independent of any other document: the 3rd paragraph p-3, the 4th item of the 2nd list
       item-2-4, the 5th note that stays in place inline-note-5, the 2nd ab ab-2, the 7th verse
       group lg-7. An @xml:id elsewhere in the document that
       happens to have the same value keeps it; the anchor then gets a trailing "_". -->

  <xsl:accumulator name="tp:paragraph-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:p[empty(ancestor::tei:teiHeader)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="tp:list-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:list[empty(ancestor::tei:teiHeader)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="tp:ab-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:ab[empty(ancestor::tei:teiHeader)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="tp:lg-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:lg[empty(ancestor::tei:teiHeader)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="tp:inline-note-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[empty(ancestor::tei:teiHeader)][not(tp:is-endnote(.))]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:key name="tp:anchor-n" match="tei:p[@n] | tei:item[@n] | tei:note[@n] | tei:ab[@n] | tei:lg[@n]"
           use="tp:anchor-kind(.) || tp:n-token(.)"/>

  <xsl:function name="tp:anchor-kind" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/self::tei:p) then 'p-' else if ($e/self::tei:item) then 'item-'
                          else if ($e/self::tei:ab) then 'ab-' else if ($e/self::tei:lg) then 'lg-'
                          else 'inline-note-'"/>
  </xsl:function>

  <!-- @n as part of an id: runs of other characters than letters, digits, '.' and '-' as '.'. -->
  <xsl:function name="tp:n-token" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="replace(normalize-space($e/@n), '[^\p{L}\p{Nd}.\-]+', '.')"/>
  </xsl:function>

  <xsl:function name="tp:anchor-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="root" as="node()" select="root($e)"/>
    <xsl:variable name="kind" as="xs:string" select="tp:anchor-kind($e)"/>
    <xsl:variable name="n" as="xs:string" select="tp:n-token($e)"/>
    <xsl:sequence select="(
      tp:html-id($e),
      if ($n ne '' and $root instance of document-node() and count(key('tp:anchor-n', $kind || $n, $root)) eq 1)
      then tp:unused-id($kind || 'n' || $n, $root) else (),
      tp:unused-id($kind || tp:anchor-position($e), $root))[1]"/>
  </xsl:function>

  <xsl:function name="tp:anchor-position" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if ($e/self::tei:p) then string($e ! accumulator-before('tp:paragraph-count'))
      else if ($e/self::tei:item) then $e/parent::* ! (accumulator-before('tp:list-count') || '-' || 1 + count($e/preceding-sibling::tei:item))
      else if ($e/self::tei:ab) then string($e ! accumulator-before('tp:ab-count'))
      else if ($e/self::tei:lg) then string($e ! accumulator-before('tp:lg-count'))
      else string($e ! accumulator-before('tp:inline-note-count'))"/>
  </xsl:function>

  <xsl:function name="tp:unused-id" as="xs:string">
    <xsl:param name="candidate" as="xs:string"/>
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="if ($root instance of document-node() and exists(key('tp:xml-id', $candidate, $root)))
                          then tp:unused-id($candidate || '_', $root) else $candidate"/>
  </xsl:function>

  <!-- The content of a paragraph, list item, note, ab or verse group; anchored (and not empty):
       with its id and a permalink. -->
  <xsl:template name="tp:anchored-content">
    <xsl:param name="anchored" as="xs:boolean"/>
    <!-- a passage with nothing in it (EpiDoc templates leave paragraphs holding only a comment)
         has nothing to link to: no lone ¶ -->
    <xsl:variable name="id" as="xs:string?"
      select="if ($anchored and (normalize-space(.) ne '' or exists(*))) then tp:anchor-id(.) else ()"/>
    <xsl:if test="exists($id)">
      <xsl:attribute name="id" select="$id"/>
    </xsl:if>
    <xsl:apply-templates mode="tp:text"/>
    <xsl:for-each select="$id">
      <xsl:call-template name="tp:permalink">
        <xsl:with-param name="id" select="."/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- A link to the passage itself, to copy or bookmark; shown on hover and focus (readers.css).
       The pilcrow is no word (the fidelity check reads words), the name says what it does, and
       search leaves it out of the index. -->
  <xsl:template name="tp:permalink" as="node()+">
    <xsl:param name="id" as="xs:string"/>
    <xsl:text> </xsl:text>
    <a class="permalink" href="#{$id}" lang="{$tp:ui-language}" aria-label="{tp:word('permalink')} ({$id})"
       title="{tp:word('permalink')}" data-pagefind-ignore="">¶</a>
  </xsl:template>

  <!-- Letter parts that read as separate lines but may sit inside a paragraph:
       phrase elements, set as lines by the stylesheet (.tei-dateline {display: block}). -->
  <xsl:template match="tei:dateline | tei:salute | tei:signed | tei:byline | tei:docTitle
                       | tei:titlePart | tei:docImprint | tei:docAuthor | tei:docDate
                       | tei:docEdition | tei:speaker | tei:stage" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'tei-' || local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:quote" mode="tp:text">
    <xsl:choose>
      <xsl:when test="tp:is-block-quote(.) or tp:has-block(.)">
        <blockquote>
          <xsl:sequence select="tp:attributes(., 'quote')"/>
          <xsl:apply-templates mode="tp:text"/>
        </blockquote>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tp:phrase">
          <xsl:with-param name="element" select="'q'"/>
          <xsl:with-param name="classes" select="'quote'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Lists: ul, ol, or dl when items carry labels. Anything between the items that is not
       an item, label or head (pb, note, stray text) is kept in an extra item of its own. -->

  <xsl:template match="tei:list" mode="tp:text">
    <xsl:param name="tp:anchors" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="list-type" as="xs:string" select="lower-case(string-join((@type, @rend), ' '))"/>
    <xsl:variable name="element" as="xs:string" select="
      if (tei:label) then 'dl'
      else if (matches($list-type, 'ordered|numbered|decimal|enumerated')) then 'ol'
      else 'ul'"/>
    <div>
      <xsl:sequence select="tp:attributes(., ('list', tp:type-classes('list', @type)))"/>
      <xsl:apply-templates select="tei:head" mode="tp:text"/>
      <xsl:element name="{$element}">
        <xsl:for-each select="node() except tei:head">
          <xsl:choose>
            <xsl:when test="self::tei:item">
              <xsl:element name="{if ($element eq 'dl') then 'dd' else 'li'}">
                <xsl:sequence select="tp:attributes(., ())"/>
                <xsl:call-template name="tp:anchored-content">
                  <xsl:with-param name="anchored" select="$tp:anchors"/>
                </xsl:call-template>
              </xsl:element>
            </xsl:when>
            <xsl:when test="self::tei:label and $element eq 'dl'">
              <dt>
                <xsl:sequence select="tp:attributes(., ())"/>
                <xsl:apply-templates mode="tp:text"/>
              </dt>
            </xsl:when>
            <xsl:when test="self::text()[not(normalize-space())]">
              <xsl:value-of select="."/>
            </xsl:when>
            <xsl:when test="self::comment() or self::processing-instruction()"/>
            <xsl:otherwise>
              <xsl:element name="{if ($element eq 'dl') then 'dd' else 'li'}">
                <xsl:attribute name="class" select="'list-extra'"/>
                <xsl:apply-templates select="." mode="tp:text"/>
              </xsl:element>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:element>
    </div>
  </xsl:template>

  <!-- Entity lists copied into a text (e.g. <back><listPerson>): one list item per entry. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listBibl | tei:listWit
                       | tei:listEvent | tei:listNym | tei:listApp | tei:listRelation" mode="tp:text">
    <div>
      <xsl:sequence select="tp:attributes(., ('entity-list', 'tei-' || local-name()))"/>
      <xsl:apply-templates select="tei:head" mode="tp:text"/>
      <ul>
        <xsl:for-each select="node() except tei:head">
          <xsl:choose>
            <xsl:when test="self::text()[not(normalize-space())]">
              <xsl:value-of select="."/>
            </xsl:when>
            <xsl:when test="self::comment() or self::processing-instruction()"/>
            <xsl:otherwise>
              <li>
                <xsl:apply-templates select="." mode="tp:text"/>
              </li>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <!-- Tables: heads become the caption; @role="label" cells/rows become th; @cols/@rows spans.
       Children that are neither row nor head get a full-width row of their own, because a
       browser would otherwise move them out of the table. -->

  <xsl:template match="tei:table" mode="tp:text">
    <xsl:variable name="width" as="xs:integer" select="max((1, tei:row ! sum(tei:cell ! tp:span(@cols))))"/>
    <div class="table-wrap">
      <table>
        <xsl:sequence select="tp:attributes(., 'table')"/>
        <xsl:if test="tei:head">
          <caption>
            <xsl:for-each select="tei:head">
              <xsl:if test="position() gt 1">
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:apply-templates mode="tp:text"/>
            </xsl:for-each>
          </caption>
        </xsl:if>
        <tbody>
          <xsl:for-each select="node() except tei:head">
            <xsl:choose>
              <xsl:when test="self::tei:row">
                <tr>
                  <xsl:sequence select="tp:attributes(., ())"/>
                  <xsl:apply-templates select="node()" mode="tp:table-row"/>
                </tr>
              </xsl:when>
              <xsl:when test="self::text()[not(normalize-space())] or self::comment() or self::processing-instruction()"/>
              <xsl:otherwise>
                <tr class="table-extra">
                  <td colspan="{$width}">
                    <xsl:apply-templates select="." mode="tp:text"/>
                  </td>
                </tr>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- Inside a row: cells, and a catch-all cell for anything else. -->
  <xsl:mode name="tp:table-row" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="tei:cell" mode="tp:table-row">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:sequence select="tp:attributes(., ())"/>
      <xsl:if test="tp:span(@cols) gt 1">
        <xsl:attribute name="colspan" select="tp:span(@cols)"/>
      </xsl:if>
      <xsl:if test="tp:span(@rows) gt 1">
        <xsl:attribute name="rowspan" select="tp:span(@rows)"/>
      </xsl:if>
      <xsl:apply-templates mode="tp:text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="text()[not(normalize-space())] | comment() | processing-instruction()" mode="tp:table-row"/>

  <xsl:template match="node()" mode="tp:table-row" priority="-1">
    <td class="table-extra">
      <xsl:apply-templates select="." mode="tp:text"/>
    </td>
  </xsl:template>

  <!-- @cols / @rows as a span count; anything that is not a small positive integer counts as 1. -->
  <xsl:function name="tp:span" as="xs:integer">
    <xsl:param name="value" as="attribute()?"/>
    <xsl:sequence select="if (matches(normalize-space($value), '^[1-9][0-9]?$')) then xs:integer(normalize-space($value)) else 1"/>
  </xsl:function>

</xsl:stylesheet>
