<?xml version="1.0" encoding="UTF-8"?>
<!--
  The document's own registers (listPerson, listPlace, listBibl … in back): data, not text, so
  they are not part of the Text section (tp:is-register) but a Register section of their own,
  one list per register, one entry per line: its name (linked to the edition's register page
  when the edition has the entry there) and its life dates and notes (common/registers.xsl).
  Each entry keeps its xml:id as HTML id, so the document's names and pointers can link to it.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template name="tp:document-registers" as="element(section)?">
    <xsl:param name="lists" as="element()*"/>
    <xsl:if test="exists($lists/tp:register-entries(.))">
      <section class="register" aria-labelledby="tp-register-heading">
        <h2 id="tp-register-heading">{tp:word('register')}</h2>
        <xsl:for-each select="$lists[exists(tp:register-entries(.))]">
          <h3>{tp:register-title(.)}</h3>
          <ul class="register-entries">
            <xsl:for-each select="tp:register-entries(.)">
              <xsl:variable name="page" as="map(xs:string, xs:string)?"
                select="@xml:id[exists(tp:entity($registers, string(.)))] ! tp:resolve-ref('#' || ., ..)"/>
              <li>
                <xsl:sequence select="tp:attributes(., ())"/>
                <xsl:choose>
                  <xsl:when test="exists($page?href)">
                    <a class="entity {$page?kind}" href="{$page?href}">{tp:entry-label(.)}</a>
                  </xsl:when>
                  <xsl:otherwise>{tp:entry-label(.)}</xsl:otherwise>
                </xsl:choose>
                <xsl:for-each select="tp:entry-details(.)">
                  <xsl:text> </xsl:text>
                  <span class="register-detail">{.}</span>
                </xsl:for-each>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
