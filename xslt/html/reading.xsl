<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading switch of a document page: a checkbox (no script) that shows the diplomatic view
  instead of the normalised one (readers.css: choice readings, additions and deletions, editorial
  marks, line breaks), and a legend of how persons, places and organisations are marked (not
  by colour alone). It stands right before the text section, whose look it switches.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template name="tp:reading-switch" as="element()*">
    <xsl:param name="text" as="node()*" select="node() except tei:teiHeader"/>
    <xsl:variable name="editorial" as="element()*" select="$text/descendant-or-self::*[self::tei:choice
        or self::tei:add or self::tei:del or self::tei:subst or self::tei:unclear
        or self::tei:supplied or self::tei:gap or self::tei:lb]"/>
    <xsl:if test="exists($editorial)">
      <input type="checkbox" id="tp-diplomatic" class="reading-toggle"/>
      <p class="reading-switch">
        <label for="tp-diplomatic">{tp:word('diplomatic-view')}</label>
        <span class="reading-hint"> ({tp:word('diplomatic-hint')})</span>
      </p>
    </xsl:if>
    <xsl:if test="exists($text/descendant-or-self::*[@ref][self::tei:persName or self::tei:placeName
                  or self::tei:orgName or self::tei:rs or self::tei:name])">
      <p class="entity-legend">{tp:word('names')}:
        <span class="entity person legend">{tp:word('legend-persons')}</span>,
        <span class="entity place legend">{tp:word('legend-places')}</span>,
        <span class="entity org legend">{tp:word('legend-organisations')}</span>
        ({tp:word('legend-links')}).</p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
