<?xml version="1.0" encoding="UTF-8"?>
<!--
  Phrase-level TEI in mode tp:text: highlighting (hi, emph, term, foreign, q, soCalled, title),
  editorial intervention (choice, add, del, unclear, gap, supplied, app/lem/rdg), the
  reference system (lb, pb, cb, milestone) and num.

  choice shows the child the $reading parameter chooses (common/readings.xsl) and puts the
  other one in a title tooltip. Deleted text stays visible, struck through, and the variants of
  an apparatus stay visible as variants: they are part of the document, marked as not part of
  the reading. Everything else the reading leaves out (am or ex, index entries) is not shown.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Highlighting -->

  <xsl:template match="tei:hi" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'hi'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:emph" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="element" select="'em'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:term | tei:mentioned | tei:gloss" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:foreign" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="element" select="'i'"/>
      <xsl:with-param name="classes" select="'foreign'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:q | tei:said" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="element" select="'q'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:soCalled" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="element" select="'q'"/>
      <xsl:with-param name="classes" select="'so-called'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:title" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="element" select="if (@level = ('a', 'u')) then 'q' else 'cite'"/>
      <xsl:with-param name="classes" select="'title', tp:type-classes('title', @level)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Editorial intervention -->

  <xsl:template match="tei:choice" mode="tp:text">
    <xsl:variable name="shown" as="element()?" select="tp:chosen(.)"/>
    <xsl:value-of select="tp:kept-space($shown, 'before')"/>
    <xsl:variable name="other-reading" as="element()?" select="tp:chosen-in(., not($tp:diplomatic))"/>
    <xsl:choose>
      <!-- Both readings, for the page's reading switch (readers.css shows one of them). -->
      <xsl:when test="exists($shown) and exists($other-reading) and not($shown is $other-reading)">
        <xsl:variable name="normalised" as="element()" select="if ($tp:diplomatic) then $other-reading else $shown"/>
        <xsl:variable name="diplomatic" as="element()" select="if ($tp:diplomatic) then $shown else $other-reading"/>
        <span>
          <xsl:sequence select="tp:attributes(., ('choice', 'choice-both'))"/>
          <span class="reading-normalised choice-{local-name($normalised)}">
            <xsl:apply-templates select="$normalised/node()" mode="tp:text"/>
          </span>
          <span class="reading-diplomatic choice-{local-name($diplomatic)}" data-pagefind-ignore="">
            <xsl:apply-templates select="$diplomatic/node()" mode="tp:text"/>
          </span>
        </span>
      </xsl:when>
      <xsl:when test="exists($shown)">
        <xsl:variable name="other" as="xs:string" select="string-join((* except $shown) ! tp:plain(.)[. ne ''], ' / ')"/>
        <xsl:call-template name="tp:phrase">
          <xsl:with-param name="classes" select="'choice', 'choice-' || local-name($shown)"/>
          <xsl:with-param name="attributes" as="attribute()*">
            <xsl:if test="$other ne ''">
              <xsl:attribute name="title" select="$other"/>
            </xsl:if>
          </xsl:with-param>
          <xsl:with-param name="content" select="$shown/node()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- An empty choice: show what there is. -->
        <xsl:call-template name="tp:phrase">
          <xsl:with-param name="classes" select="'choice'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="tp:kept-space($shown, 'after')"/>
  </xsl:template>

  <xsl:template match="tei:add" mode="tp:text">
    <ins>
      <xsl:sequence select="tp:attributes(., 'add')"/>
      <xsl:attribute name="title" select="string-join(('added', @place ! ('(' || normalize-space(.) || ')')), ' ')"/>
      <xsl:apply-templates mode="tp:text"/>
    </ins>
  </xsl:template>

  <xsl:template match="tei:del" mode="tp:text">
    <del>
      <xsl:sequence select="tp:attributes(., 'del')"/>
      <xsl:attribute name="title" select="'deleted'"/>
      <xsl:apply-templates mode="tp:text"/>
    </del>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'unclear'"/>
      <xsl:with-param name="attributes" as="attribute()*">
        <xsl:attribute name="title" select="string-join(('unclear', @reason ! normalize-space(.)), ': ')"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'supplied'"/>
      <xsl:with-param name="attributes" as="attribute()*">
        <xsl:attribute name="title" select="string-join(('supplied by the editor', @reason ! normalize-space(.)), ': ')"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A gap has no text of its own: show a marker and say what is missing in the tooltip. -->
  <xsl:template match="tei:gap" mode="tp:text">
    <xsl:variable name="extent" as="xs:string?" select="
      (normalize-space(@extent)[. ne ''],
       string-join((@quantity, @unit) ! normalize-space(.), ' ')[. ne ''])[1]"/>
    <span title="{string-join(('gap', @reason ! normalize-space(.), $extent), ': ')}">
      <xsl:sequence select="tp:attributes(., 'gap')"/>
      <xsl:text>[…]</xsl:text>
      <xsl:apply-templates mode="tp:text"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:app" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'app'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:lem" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'lem'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:rdg" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="classes" select="'rdg'"/>
      <xsl:with-param name="attributes" as="attribute()*">
        <xsl:if test="normalize-space(@wit)">
          <xsl:attribute name="title" select="'reading of ' || normalize-space(translate(@wit, '#', ''))"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Reference system -->

  <!-- A line break; none at the very start of its block, where it would only add a blank line.
       Inside a word (break="no") the normalised reading joins the word (the whitespace around
       the lb is dropped, see generic.xsl); the diplomatic reading shows the break. -->
  <xsl:template match="tei:lb" mode="tp:text">
    <xsl:if test="preceding-sibling::node()[self::* or normalize-space()]
                  and not(tp:is-word-break(.) and not($tp:diplomatic))">
      <!-- class lb: the page's normalised view lets the text run on (readers.css), which hides
           the break: between two words with no space beside it ("Agent,<lb/>(and") a space
           keeps them apart. -->
      <xsl:if test="not(tp:is-word-break(.))
                    and not(matches(string(preceding-sibling::node()[1]), '\s$'))
                    and following-sibling::node()[1][not(matches(string(.), '^\s'))]">
        <xsl:text> </xsl:text>
      </xsl:if>
      <br class="{if (tp:is-word-break(.)) then 'lb lb-in-word' else 'lb'}"/>
    </xsl:if>
  </xsl:template>

  <!-- What the reading leaves out and this edition does not mark as such: nothing. -->
  <xsl:template match="tei:*[tp:is-omitted(.)][not(self::tei:del or self::tei:rdg
                       or self::tei:rdgGrp)]" mode="tp:text" priority="5"/>

  <!-- Page, column breaks and milestones are word boundaries (unless they break a word): the
       marker is set apart by spaces, so that no word runs into the next one around it. -->
  <xsl:template match="tei:pb | tei:cb | tei:milestone" mode="tp:text" priority="10">
    <xsl:if test="not(tp:is-word-break(.))">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:next-match/>
    <xsl:if test="not(tp:is-word-break(.))">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A space left in the source is a space. -->
  <xsl:template match="tei:space" mode="tp:text">
    <span class="space" title="space in the source"><xsl:text> </xsl:text></span>
  </xsl:template>

  <!-- A page break: a visible page number, linked to the page image when @facs is a web URL. -->
  <xsl:template match="tei:pb" mode="tp:text">
    <xsl:variable name="n" as="xs:string" select="tp:own-label(.)"/>
    <xsl:variable name="facs" as="xs:string?" select="tokenize(normalize-space(@facs), ' ')[1][tp:is-web-url(.)] ! tp:safe-href(.)"/>
    <span>
      <xsl:sequence select="tp:attributes(., 'pb')"/>
      <xsl:attribute name="title" select="if ($n ne '') then 'page ' || $n else 'page break'"/>
      <xsl:choose>
        <xsl:when test="exists($facs)">
          <a href="{$facs}">[{if ($n ne '') then $n else 'page'}]</a>
        </xsl:when>
        <xsl:otherwise>{if ($n ne '') then '[' || $n || ']' else '|'}</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone" mode="tp:text">
    <xsl:variable name="n" as="xs:string" select="tp:own-label(.)"/>
    <span>
      <xsl:sequence select="tp:attributes(., local-name())"/>
      <xsl:attribute name="title" select="string-join((normalize-space(@unit)[. ne ''], if (self::tei:cb) then 'column' else (), $n[. ne '']), ' ')"/>
      <xsl:if test="$n ne ''">[{$n}]</xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:num" mode="tp:text">
    <xsl:call-template name="tp:phrase">
      <xsl:with-param name="element" select="if (normalize-space(@value)) then 'data' else 'span'"/>
      <xsl:with-param name="classes" select="'num'"/>
      <xsl:with-param name="attributes" as="attribute()*">
        <xsl:if test="normalize-space(@value)">
          <xsl:attribute name="value" select="normalize-space(@value)"/>
          <xsl:attribute name="title" select="normalize-space(@value)"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
